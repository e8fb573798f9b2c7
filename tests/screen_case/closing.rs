//! Closing an RJ case whose harmed party has not been told the outcome
//! agreement's result: the confirmation says so and how to do it, and the
//! case still closes.

use casedesk::domain::closure::WorkEnd;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::screens::{Effect, ScreenId};
use crossterm::event::KeyCode;

use crate::common::{demo_app, key, screen, today, type_text};

use super::{case_status, find_case, open, status};

/// The demo's RJ case monitoring an agreement, its items all ended, open
/// on the Case screen.
pub(super) fn settled_rj_case() -> (App, i64) {
    let mut app = demo_app(20);
    let row = find_case(&app, |r| r.reference.starts_with("RJ-") && r.status.as_str() == "agreement_monitoring");
    for work in app.store.open_work(row.case_id).unwrap() {
        app.store.write(|tx| tx.end_work(&work, WorkEnd::Completed, today(), "seen done")).unwrap();
    }
    open(&mut app, row.case_id);
    (app, row.case_id)
}

#[test]
fn closing_says_the_harmed_party_is_not_yet_told_and_how_without_blocking() {
    let (mut app, case_id) = settled_rj_case();
    app.handle_key(key(KeyCode::Char('x')));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Close the case?") && text.contains("has not been told"), "{text}");
    assert!(text.contains("w writes them the result letter") && text.contains("Agreements (5)"), "{text}");

    app.handle_key(key(KeyCode::Char('y')));
    type_text(&mut app, "Agreement completed");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error, "{message}");
    assert!(message.contains("Still to tell the harmed party the result"), "{message}");
    assert_eq!(case_status(&app, case_id), "closed", "the reminder never stands in the way");
}

#[test]
fn once_told_closing_says_nothing_of_it() {
    let (mut app, case_id) = settled_rj_case();
    app.apply_effect(Effect::Focus { screen: ScreenId::Agreements, case_id, entity_id: None });
    app.apply(Action::InformHarmed);
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("harmed party for"), "{message}");
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('x')));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Close the case?") && !text.contains("has not been told"), "{text}");
}

/// The letter prompt offers first what closing reminds of: the result
/// letter while the harmed party is still to be told; and it lists the
/// letters an RJ case cannot have (a notice of non-compliance) last, marked.
#[test]
fn the_letter_prompt_offers_the_result_letter_while_the_harmed_party_is_untold() {
    let (mut app, _case_id) = settled_rj_case();
    app.handle_key(key(KeyCode::Char('w')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Template*    ‹ Result of the outcome agreement ›"), "{text}");
    let Some(casedesk::tui::overlay::Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("no prompt") };
    let casedesk::tui::form::FieldKind::Choice(options) = &prompt.form.fields[0].kind else { panic!("no choice") };
    let labels: Vec<&str> = options.iter().map(|(_, l)| l.as_str()).collect();
    let notice = labels.iter().position(|l| l.starts_with("Notice of non-compliance")).unwrap();
    let invitation = labels.iter().position(|l| l.starts_with("Invitation to take part")).unwrap();
    assert!(invitation < notice, "what fits comes first: {labels:?}");
    assert_eq!(labels[notice], "Notice of non-compliance (does not fit now)");
}
