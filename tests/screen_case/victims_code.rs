//! Recording on the Case screen that the harmed party was given RJ
//! information (v): the event that stops the Victims' Code clock, offered
//! while the clock runs, audited, and undone like any change.

use crate::common::{demo_app, key, screen, today, undo};
use crossterm::event::KeyCode;

use super::{open, rj_case, status};

#[test]
fn v_records_the_rj_information_as_given_and_undo_takes_it_back() {
    let mut app = demo_app(20);
    let case_id = rj_case(&mut app);
    let (calendar, rules) = (app.store.calendar().unwrap(), app.store.rules().unwrap());
    let due = app.store.write(|tx| tx.start_victim_info_clock(case_id, &calendar, &rules)).unwrap();
    assert!(due.is_some(), "a new referral with a harmed party runs the clock");
    open(&mut app, case_id);
    assert!(screen(&mut app, 160, 48).contains("v RJ info given"), "the key is in the hints while the clock runs");

    app.handle_key(key(KeyCode::Char('v')));
    let prompt = screen(&mut app, 100, 30);
    assert!(prompt.contains("Recording it stops the clock"), "{prompt}");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("RJ information given on Fri 20 Nov 2026"), "{message}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!(header.victim_info_given_on, Some(today()));
    assert!(!screen(&mut app, 160, 48).contains("RJ info given"), "once given, the key is no longer offered");
    app.handle_key(key(KeyCode::Char('v')));
    let (message, error) = status(&app);
    assert!(error && message.contains("already recorded as given on Fri 20 Nov 2026"), "{message}");

    let asked = undo(&mut app);
    assert!(asked.contains("RJ information"), "undo names what it takes back: {asked}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!(header.victim_info_given_on, None, "undo restarts the clock");
}

#[test]
fn a_case_with_no_clock_says_so() {
    let mut app = demo_app(20);
    let case_id = rj_case(&mut app);
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('v')));
    let (message, error) = status(&app);
    assert!(error && message.contains("has no Victims' Code clock running"), "{message}");
}
