//! Unit tests of the form: its people, its checks and its tab order.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::looks_like_email;
use super::*;
use crate::domain::types::PartyRole;
use crate::tui::form::Field;
use crate::tui::screens::Screen;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn type_into(screen: &mut IntakeScreen, index: usize, text: &str) {
    screen.form.focus = index;
    for c in text.chars() {
        screen.form.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[test]
fn a_fresh_form_has_a_harmed_and_a_responsible_person_and_no_problems() {
    let s = IntakeScreen::new(today());
    assert_eq!(s.people(), 2);
    assert_eq!(s.role(0), PartyRole::Harmed);
    assert_eq!(s.role(1), PartyRole::Offender);
    assert_eq!(s.value(RECEIVED), "2026-11-20");
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    assert!(!s.has_unsaved());
}

#[test]
fn dates_are_checked_against_today_and_each_other() {
    let mut s = IntakeScreen::new(today());
    type_into(&mut s, OFFENCE_DATE, "2026-11-21");
    assert_eq!(s.problem(OFFENCE_DATE).as_deref(), Some("in the future"));
    s.form.fields[RECEIVED] = Field::date("Received on", NaiveDate::from_ymd_opt(2026, 11, 1)).required();
    s.form.fields[OFFENCE_DATE] = Field::date("Offence date", NaiveDate::from_ymd_opt(2026, 11, 2));
    assert_eq!(s.problem(OFFENCE_DATE).as_deref(), Some("after the received date"));
    s.form.fields[RECEIVED] = Field::date("Received on", NaiveDate::from_ymd_opt(2026, 12, 1)).required();
    assert_eq!(s.problem(RECEIVED).as_deref(), Some("in the future"));
}

#[test]
fn a_person_with_any_detail_needs_both_names() {
    let mut s = IntakeScreen::new(today());
    type_into(&mut s, IntakeScreen::person_field(1, PHONE), "07700 900123");
    assert_eq!(s.problem(IntakeScreen::person_field(1, GIVEN)).as_deref(), Some("needed for this person"));
    assert_eq!(s.problem(IntakeScreen::person_field(1, FAMILY)).as_deref(), Some("needed for this person"));
    assert!(s.problem(IntakeScreen::person_field(0, GIVEN)).is_none());
    assert!(s.problems().iter().any(|p| p.starts_with("Person 2 family name")), "{:?}", s.problems());
}

#[test]
fn emails_must_look_like_emails() {
    assert!(looks_like_email("zoe@example.org"));
    assert!(!looks_like_email("zoe@example"));
    assert!(!looks_like_email("zoe example.org"));
    assert!(!looks_like_email("@example.org"));
    assert!(!looks_like_email("a@b@c.org"));
}

#[test]
fn the_disposal_type_is_asked_only_for_oocd() {
    let mut s = IntakeScreen::new(today());
    assert!(!s.visible(DISPOSAL));
    s.form.focus = OFFENCE_MODE;
    s.step(true);
    assert_eq!(s.form.focus, FLAG_DA, "tab skips the hidden disposal type");
    s.form.fields[SERVICE].choice = 2;
    assert!(s.is_oocd());
    s.form.focus = OFFENCE_MODE;
    s.step(true);
    assert_eq!(s.form.focus, DISPOSAL);
}

#[test]
fn people_are_added_and_removed() {
    let mut s = IntakeScreen::new(today());
    s.add_person();
    assert_eq!(s.people(), 3);
    assert_eq!(s.form.focus, IntakeScreen::person_field(2, GIVEN));
    assert!(s.has_unsaved(), "a new row is a change");
    type_into(&mut s, IntakeScreen::person_field(2, GIVEN), "Łucja");
    s.remove_person(0);
    assert_eq!(s.people(), 2);
    assert_eq!(s.value(IntakeScreen::person_field(1, GIVEN)), "Łucja");
    assert_eq!(s.role(0), PartyRole::Offender);
}
