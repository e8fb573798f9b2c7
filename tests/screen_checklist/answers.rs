//! Answering one case: each press saved, y / n / u / a down the list,
//! undo, risk areas and severities.

use casedesk::domain::checklist::{Answer, RiskSeverity};
use casedesk::domain::types::Service;
use casedesk::store::model::CaseFlags;

use crate::common::{self, screen};

use super::{answer_clean, goto_item, open_checklist, press, referral, status_line, stored};

#[test]
fn space_cycles_the_answer_and_saves_each_press() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Criminal damage", CaseFlags::default());
    open_checklist(&mut app, id);
    goto_item(&mut app, "SC_REF");
    // Issue 16: the status line says the answer as a sentence, by the item's
    // words, never its stored code; `a` now answers n/a (below), so Space
    // alone cycles.
    let expected = [
        (Answer::Yes, "present"),
        (Answer::No, "not given yet"),
        (Answer::Unknown, "not known yet"),
        (Answer::NotApplicable, "none, a self-referral with no report"),
        (Answer::Yes, "present"),
    ];
    for (want, words) in expected {
        press(&mut app, ' ');
        assert_eq!(stored(&app, id, "SC_REF").map(|e| e.answer), Some(want));
        assert_eq!(status_line(&app), (format!("Saved Crime or ASB reference: {words}"), false));
    }
    press(&mut app, ' ');
    assert_eq!(stored(&app, id, "SC_REF").unwrap().answer, Answer::No);
    assert!(screen(&mut app, 100, 30).contains("Sense-check · 0 of 8 yes or n/a"));
}

/// Issue 16: y, n, u and a answer the selected item and move to the next,
/// at the speed of a conversation.
#[test]
fn y_n_u_a_answer_and_move_on() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Criminal damage", CaseFlags::default());
    open_checklist(&mut app, id);
    goto_item(&mut app, "SC_REF");
    for c in ['y', 'n', 'u', 'a'] {
        press(&mut app, c);
    }
    let got: Vec<Answer> = ["SC_REF", "SC_PARTIES", "SC_STAGE", "SC_CONSENT_SHARE"]
        .iter()
        .map(|c| stored(&app, id, c).unwrap().answer)
        .collect();
    assert_eq!(got, [Answer::Yes, Answer::No, Answer::Unknown, Answer::NotApplicable]);
    assert_eq!(status_line(&app), ("Saved Consent to share: does not apply".to_string(), false));
    // The cursor is on the fifth item, and its sentence is under the list.
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Offence and its date: not answered yet."), "{text}");

    // A risk area takes no n/a: refused, nothing saved, the cursor stays.
    goto_item(&mut app, "RK_VENUE");
    press(&mut app, 'a');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("answer y, n or u"), "{text}");
    assert!(stored(&app, id, "RK_VENUE").is_none());
    press(&mut app, 'n');
    assert_eq!(status_line(&app), ("Saved Venue / travel safety: no concerns".to_string(), false));
    assert_eq!(stored(&app, id, "RK_VENUE").unwrap().answer, Answer::No);
}

#[test]
fn undo_takes_back_the_last_answer() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Criminal damage", CaseFlags::default());
    open_checklist(&mut app, id);
    press(&mut app, ' ');
    press(&mut app, ' ');
    assert_eq!(stored(&app, id, "SC_REF").unwrap().answer, Answer::No);
    // Issue 16: u answers "unknown" here, so undo is Ctrl-Z on this screen.
    app.handle_key(common::ctrl('z'));
    // Undo names the change by the item's label, never its table or code.
    let Some(casedesk::tui::overlay::Overlay::Prompt(p)) = &app.overlay else { panic!("undo asks first") };
    assert_eq!(p.prompt.message, "Undo: answering “Crime/incident or ASB reference present” no for RJ-2026-0001?");
    app.handle_key(common::key(crossterm::event::KeyCode::Enter));
    assert_eq!(stored(&app, id, "SC_REF").unwrap().answer, Answer::Yes);
    assert!(screen(&mut app, 100, 30).contains("Sense-check · 1 of 8 yes or n/a"));
}

#[test]
fn risk_areas_skip_na_and_the_level_changes_as_answers_are_given() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Robbery", CaseFlags::default());
    answer_clean(&mut app, id);
    open_checklist(&mut app, id);
    assert!(screen(&mut app, 100, 30).contains("Overall risk  LOW"));
    goto_item(&mut app, "RK_VIOLENCE");
    // no → unknown → yes → no: never n/a on a risk area.
    let mut seen = Vec::new();
    for _ in 0..3 {
        press(&mut app, ' ');
        seen.push(stored(&app, id, "RK_VIOLENCE").unwrap().answer);
    }
    assert_eq!(seen, [Answer::Unknown, Answer::Yes, Answer::No]);
    press(&mut app, ' ');
    press(&mut app, ' ');
    assert_eq!(stored(&app, id, "RK_VIOLENCE").unwrap().answer, Answer::Yes);
    assert!(screen(&mut app, 100, 30).contains("Overall risk  MEDIUM"));

    // Severity: low → medium → high; high violence is unsafe, which forces not suitable.
    press(&mut app, 's');
    assert_eq!(stored(&app, id, "RK_VIOLENCE").unwrap().severity, Some(RiskSeverity::Low));
    press(&mut app, 's');
    press(&mut app, 's');
    assert_eq!(stored(&app, id, "RK_VIOLENCE").unwrap().severity, Some(RiskSeverity::High));
    let (text, refused) = status_line(&app);
    assert!(!refused);
    assert_eq!(text, "Saved Violence to participants or facilitators: severity high — overall risk medium → unsafe");
    let wide = screen(&mut app, 100, 30);
    assert!(wide.contains("Overall risk  UNSAFE"), "{wide}");
    assert!(wide.contains("unsafe risk: not suitable"), "{wide}");
}

#[test]
fn severity_is_refused_where_it_means_nothing() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Robbery", CaseFlags::default());
    open_checklist(&mut app, id);
    goto_item(&mut app, "SU_METHOD");
    press(&mut app, 's');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("Severity is for risk areas"), "{text}");
    goto_item(&mut app, "RK_GANG");
    press(&mut app, 's');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("answer Organised crime / gang links, exploitation yes first"), "{text}");
    assert!(app.store.checklist_answers(id).unwrap().is_empty(), "nothing saved on refusal");
}

/// Issue 16 §4: after an undo (and a redo) the item it changed is selected,
/// not the one `y` moved on to or wherever the cursor went since.
#[test]
fn undo_and_redo_select_the_item_they_change() {
    use casedesk::tui::action::Action;
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Criminal damage", CaseFlags::default());
    open_checklist(&mut app, id);
    goto_item(&mut app, "SC_CONSENT_SHARE");
    press(&mut app, 'y');
    assert_eq!(stored(&app, id, "SC_CONSENT_SHARE").map(|e| e.answer), Some(Answer::Yes));
    let label = casedesk::domain::checklist::ITEMS.iter().find(|i| i.code == "SC_CONSENT_SHARE").unwrap().label;
    let selected = |app: &mut casedesk::tui::app::App| {
        screen(app, 100, 30).lines().find(|l| l.contains('▶')).unwrap_or_default().to_string()
    };
    for _ in 0..3 {
        app.apply(Action::Down);
    }
    common::undo(&mut app);
    assert_eq!(stored(&app, id, "SC_CONSENT_SHARE"), None);
    let line = selected(&mut app);
    assert!(line.contains(label), "the item undone is selected, not: {line}");

    app.apply(Action::Top);
    app.handle_key(common::ctrl('y'));
    assert_eq!(stored(&app, id, "SC_CONSENT_SHARE").map(|e| e.answer), Some(Answer::Yes));
    let line = selected(&mut app);
    assert!(line.contains("Consent to share: given"), "the item redone is selected, not: {line}");
}
