//! Agreements flows: recording the agreement and its items, refusals,
//! telling the harmed party, and actions on the wrong row.

use crate::common::{key, type_text};
use casedesk::tui::action::Action;
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use crossterm::event::KeyCode;

use super::{
    agreement_of, agreements_app, agreements_view, case_id, case_status, enter, item_with_status, prompt_message,
    retype, select, select_next, selected_line, status, tab,
};

#[test]
fn recording_the_agreement_then_an_item() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    let reference = selected_line(&mut app).split_whitespace().nth(1).unwrap().to_string();
    let case = case_id(&app, &reference);
    let process = app.store.processes_of_case(case).unwrap()[0].process_id.unwrap();
    assert!(app.store.agreements_of_process(process).unwrap().is_empty());

    app.handle_key(key(KeyCode::Char('a')));
    tab(&mut app, 3);
    app.handle_key(key(KeyCode::Char('n'))); // copies given: No
    tab(&mut app, 1);
    type_text(&mut app, "2026-12-18");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("agreement for") && text.contains("Agreement monitoring"), "{text}");
    let agreements = app.store.agreements_of_process(process).unwrap();
    assert_eq!(agreements.len(), 1);
    let entry = app.store.agreement_entry(agreements[0]).unwrap().unwrap();
    assert!(entry.signed_by_harmed && entry.signed_by_responsible && !entry.copies_given);
    assert_eq!(entry.review_on, NaiveDate::from_ymd_opt(2026, 12, 18));
    assert_eq!(case_status(&app, case), "agreement_monitoring");
    assert!(selected_line(&mut app).contains("no items yet"));

    app.handle_key(key(KeyCode::Char('i')));
    type_text(&mut app, "Pay for the broken window");
    tab(&mut app, 1);
    app.handle_key(key(KeyCode::Char('r'))); // Restitution payment
    tab(&mut app, 1);
    type_text(&mut app, "Jordan Price");
    tab(&mut app, 1);
    type_text(&mut app, "18/12/2026");
    tab(&mut app, 1);
    type_text(&mut app, "Receipt sent to the coordinator");
    tab(&mut app, 1);
    type_text(&mut app, "45.50");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("owner Jordan Price") && text.contains("18 Dec 2026"), "{text}");
    let entry = app.store.agreement_entry(agreements[0]).unwrap().unwrap();
    let item = &entry.items[0];
    assert_eq!(item.description, "Pay for the broken window");
    assert_eq!(item.kind.as_str(), "restitution_payment");
    assert_eq!(item.owner, "Jordan Price");
    assert_eq!(item.due_on, NaiveDate::from_ymd_opt(2026, 12, 18).unwrap());
    assert_eq!(item.monitoring_method.as_deref(), Some("Receipt sent to the coordinator"));
    assert_eq!(item.amount_pence, Some(4550));
    assert!(selected_line(&mut app).contains("Pay for the broken"), "the new item is selected");
}

#[test]
fn an_agreement_before_its_meeting_or_an_item_due_before_the_agreement_is_refused() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    let reference = selected_line(&mut app).split_whitespace().nth(1).unwrap().to_string();
    let process = app.store.processes_of_case(case_id(&app, &reference)).unwrap()[0].process_id.unwrap();
    app.apply(Action::NewAgreement);
    retype(&mut app, "2026-01-05");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("cannot be earlier"), "{message}");
    assert!(app.store.agreements_of_process(process).unwrap().is_empty());
    app.handle_key(key(KeyCode::Esc));

    select(&mut app, "RJ-2026-0005");
    let agreement = agreement_of(&app, "RJ-2026-0005");
    let items = app.store.agreement_items(agreement).unwrap().len();
    app.apply(Action::NewItem);
    type_text(&mut app, "Apologise");
    tab(&mut app, 2);
    type_text(&mut app, "Sam");
    tab(&mut app, 1);
    type_text(&mut app, "2026-01-01");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("cannot be due before it"), "{message}");
    assert_eq!(app.store.agreement_items(agreement).unwrap().len(), items);
}

#[test]
fn actions_on_the_wrong_row_say_what_to_do() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    app.apply(Action::NewItem);
    assert!(status(&app).0.contains("Record the outcome agreement"), "{:?}", app.status);
    app.apply(Action::Complete);
    assert!(status(&app).0.contains("Select an item"), "{:?}", app.status);
    app.apply(Action::Top);
    select_next(&mut app, item_with_status("done"));
    app.apply(Action::Complete);
    assert!(status(&app).0.contains("done already"), "{:?}", app.status);
    select(&mut app, "agreed");
    app.apply(Action::NewAgreement);
    assert!(status(&app).0.contains("already has its outcome agreement"), "{:?}", app.status);
    app.apply(Action::NewProcess);
    assert!(status(&app).0.contains("press t"), "{:?}", app.status);
    assert!(app.overlay.is_none());
}

#[test]
fn open_case_goes_to_the_case_screen() {
    let mut app = agreements_app();
    select(&mut app, "MED-2026-0008");
    app.apply(Action::OpenCase);
    assert_eq!(app.current, ScreenId::Case);
}
