//! Answering one case: each press saved, undo, risk areas and severities.

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
    let expected = [Answer::Yes, Answer::No, Answer::Unknown, Answer::NotApplicable, Answer::Yes];
    for want in expected {
        press(&mut app, ' ');
        assert_eq!(stored(&app, id, "SC_REF").map(|e| e.answer), Some(want));
        assert_eq!(status_line(&app), (format!("Saved SC_REF: {}", want.as_str()), false));
    }
    // `a` is the other key for the same action.
    press(&mut app, 'a');
    assert_eq!(stored(&app, id, "SC_REF").unwrap().answer, Answer::No);
    assert!(screen(&mut app, 100, 30).contains("Sense-check · 0 of 8 yes or n/a"));
}

#[test]
fn undo_takes_back_the_last_answer() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Criminal damage", CaseFlags::default());
    open_checklist(&mut app, id);
    press(&mut app, ' ');
    press(&mut app, ' ');
    assert_eq!(stored(&app, id, "SC_REF").unwrap().answer, Answer::No);
    press(&mut app, 'u');
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
    assert_eq!(text, "Saved RK_VIOLENCE: severity high — overall risk medium → unsafe");
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
    assert!(refused && text.contains("answer RK_GANG yes first"), "{text}");
    assert!(app.store.checklist_answers(id).unwrap().is_empty(), "nothing saved on refusal");
}
