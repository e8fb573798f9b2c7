//! The form's fields: typing, dates as people write them, choices.

use super::*;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn typing_non_ascii_names_edits_by_character() {
    let mut f = Field::text("Name");
    for c in "Zoë Ó Briain".chars() {
        f.type_key(&key(c));
    }
    f.type_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    assert_eq!(f.value(), "Zoë Ó Briai");
}

/// Found by the date fuzz target: "21/10/-02" was read as 3 BC.
#[test]
fn a_form_date_needs_a_full_year_from_1900() {
    for bad in ["21/10/-02", "21/11/26", "21/11/0026", "-2026-11-21", "+12026-11-21", "1899-12-31", "0001-01-01"] {
        assert_eq!(parse_user_date(bad), None, "{bad:?}");
    }
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    for good in ["21/11/2026", "2026-11-21", " 2026-11-21 "] {
        assert_eq!(parse_user_date(good), Some(day), "{good:?}");
    }
    assert_eq!(parse_user_date("1900-01-01"), NaiveDate::from_ymd_opt(1900, 1, 1));
}

#[test]
fn a_form_date_after_2199_is_refused_with_the_range() {
    assert_eq!(parse_user_date("31/12/9999"), None);
    assert_eq!(parse_user_date("2200-01-01"), None);
    assert_eq!(parse_user_date("2199-12-31"), NaiveDate::from_ymd_opt(2199, 12, 31));
    let mut f = Field::date("Due", None);
    for c in "9999-12-31".chars() {
        f.type_key(&key(c));
    }
    assert_eq!(f.error().as_deref(), Some("a date between 1900 and 2199"));
}

#[test]
fn dates_validate_as_you_type_and_normalise() {
    let mut f = Field::date("Received", None).required();
    assert_eq!(f.error().as_deref(), Some("required"));
    for c in "21/11/2026".chars() {
        f.type_key(&key(c));
    }
    assert_eq!(f.error(), None);
    assert_eq!(f.value(), "2026-11-21");
    f.type_key(&key('x'));
    assert!(f.error().unwrap().contains("not a date"));
}

fn friday_20_november() -> (NaiveDate, Arc<WorkCalendar>) {
    (NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), Arc::new(WorkCalendar::england_and_wales()))
}

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.type_key(&key(c));
    }
}

#[test]
fn the_first_character_typed_replaces_a_prefilled_date() {
    let (today, calendar) = friday_20_november();
    let mut form = Form::new(vec![Field::date("New due date", Some(today))]);
    form.set_date_basis(today, &calendar);
    typed(&mut form, "2026-12-18");
    assert_eq!(form.value(0), "2026-12-18", "typing appended to the prefilled date");

    // Moving the cursor first means editing it: nothing is replaced.
    let mut form = Form::new(vec![Field::date("New due date", Some(today))]);
    form.type_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    typed(&mut form, "7");
    assert_eq!(form.value(0), "2027-11-20", "Fri 20 Nov 202 and a 7 typed: the year edited");

    // Ctrl-U still clears.
    let mut form = Form::new(vec![Field::date("New due date", Some(today))]);
    form.type_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(form.value(0), "");
}

#[test]
fn a_date_field_takes_dates_as_people_write_them_and_says_the_day() {
    let (today, calendar) = friday_20_november();
    for (written, stored, shown) in [
        ("+3wd", "2026-11-25", Some("= Wed 25 Nov 2026")),
        ("fri", "2026-11-27", Some("= Fri 27 Nov 2026")),
        ("tomorrow", "2026-11-21", Some("= Sat 21 Nov 2026 — a Saturday")),
        ("+2w", "2026-12-04", Some("= Fri 4 Dec 2026")),
        ("18 Dec 2026", "2026-12-18", Some("= Fri 18 Dec 2026")),
        ("2026-12-18", "2026-12-18", None),
    ] {
        let mut form = Form::new(vec![Field::date("Due", None)]);
        form.set_date_basis(today, &calendar);
        typed(&mut form, written);
        assert_eq!(form.value(0), stored, "{written:?}");
        assert_eq!(form.fields[0].error(), None, "{written:?}");
        assert_eq!(form.fields[0].understood().as_deref(), shown, "{written:?}");
    }
    let mut form = Form::new(vec![Field::date("Due", None)]);
    form.set_date_basis(today, &calendar);
    typed(&mut form, "20/11/26");
    assert_eq!(form.fields[0].error().as_deref(), Some("write the year in full: 20/11/2026"));
}

#[test]
fn a_date_ahead_on_a_weekend_or_bank_holiday_is_flagged_not_refused() {
    let (today, calendar) = friday_20_november();
    for (written, shown) in [
        ("2026-12-25", Some("= Fri 25 Dec 2026 — a bank holiday (Christmas Day)")),
        ("sat", Some("= Sat 21 Nov 2026 — a Saturday")),
        ("2026-11-22", Some("= Sun 22 Nov 2026 — a Sunday")),
        ("2026-11-23", None),
        // A day gone by is a record, not a deadline: no flag.
        ("2026-11-15", None),
    ] {
        let mut form = Form::new(vec![Field::date("Due", None)]);
        form.set_date_basis(today, &calendar);
        typed(&mut form, written);
        assert_eq!(form.fields[0].error(), None, "{written:?}");
        assert_eq!(form.fields[0].understood().as_deref(), shown, "{written:?}");
        assert_eq!(form.fields[0].is_day_off(), shown.is_some(), "{written:?}");
    }
}

#[test]
fn choices_cycle_and_jump_by_letter() {
    let mut f = Field::choice_of("Service", &[("oocd", "OOCD"), ("rj", "Restorative"), ("med", "Mediation")], 0);
    f.type_key(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert_eq!(f.value(), "rj");
    f.type_key(&key('m'));
    assert_eq!(f.value(), "med");
    f.type_key(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    assert_eq!(f.value(), "rj");
}

#[test]
fn a_form_knows_when_it_was_changed() {
    let mut form = Form::new(vec![Field::text("A"), Field::number("Hours")]);
    assert!(!form.is_changed());
    form.next();
    form.type_key(&key('x'));
    assert!(form.is_changed());
    assert_eq!(form.errors(), ["Hours: a number of 0 or more"]);
    form.mark_saved();
    assert!(!form.is_changed());
}

fn press(f: &mut Field, code: KeyCode) -> bool {
    f.type_key(&KeyEvent::new(code, KeyModifiers::NONE))
}

/// Issue 16 §1: a paste goes whole into the field with the cursor; a
/// one-line field makes its line breaks and tabs spaces.
#[test]
fn a_paste_into_a_one_line_field_keeps_one_line() {
    let mut f = Field::text("Referrer");
    f.paste("PC Łucja\r\nNowak\tNPT\u{1b}[2J");
    assert_eq!(f.input.value(), "PC Łucja Nowak NPT[2J", "line breaks and tabs as spaces, controls dropped");
}

#[test]
fn a_paste_into_a_multi_line_field_keeps_its_lines_at_the_cursor() {
    let mut f = Field::text("Notes").multi_line();
    for c in "Seen: ".chars() {
        f.type_key(&key(c));
    }
    f.paste("line one\r\nline two\n\tline three");
    assert_eq!(f.value(), "Seen: line one\nline two\n\tline three");
    assert_eq!(f.cursor_line(), (2, 11), "the cursor after the paste");
}

#[test]
fn a_paste_replaces_a_prefilled_date() {
    let mut f = Field::date("Due", NaiveDate::from_ymd_opt(2027, 3, 11));
    f.paste("18/12/2026");
    assert_eq!(f.value(), "2026-12-18");
}

/// Enter starts a line; ↑ ↓ move between lines at the same column (or the
/// line's end), and say when there is no line to move to.
#[test]
fn a_multi_line_field_moves_between_its_lines() {
    let mut f = Field::text("Minutes").multi_line();
    f.paste("first line");
    assert!(press(&mut f, KeyCode::Enter));
    f.paste("two");
    assert_eq!(f.value(), "first line\ntwo");
    assert!(!press(&mut f, KeyCode::Down), "no line below");
    assert!(press(&mut f, KeyCode::Up));
    assert_eq!(f.cursor_line(), (0, 3));
    assert!(!press(&mut f, KeyCode::Up), "no line above");
    assert!(press(&mut f, KeyCode::End));
    assert_eq!(f.cursor_line(), (0, 10));
    assert!(press(&mut f, KeyCode::Down));
    assert_eq!(f.cursor_line(), (1, 3), "the shorter line's end");
    assert!(press(&mut f, KeyCode::Home));
    f.type_key(&key('>'));
    assert_eq!(f.value(), "first line\n>two");
    assert_eq!(f.rows(), LINES_SHOWN);
}

/// A one-line field reads Enter and ↑ ↓ as before: the form's keys.
#[test]
fn a_one_line_field_leaves_enter_to_the_form() {
    let mut f = Field::text("Referrer");
    f.paste("PC Nowak");
    assert!(!press(&mut f, KeyCode::Enter));
    assert!(!press(&mut f, KeyCode::Up));
    assert_eq!(f.value(), "PC Nowak");
}

/// A prefilled date reads in the desk's style, like every other date on
/// screen, says nothing beside itself, and saves as the same day in every
/// style.
#[test]
fn a_prefilled_date_is_in_the_desks_style_and_reads_back_as_the_same_day() {
    use crate::domain::dates::{use_style, DateStyle};
    let day = NaiveDate::from_ymd_opt(2026, 11, 20);
    for style in DateStyle::ALL.iter().copied() {
        use_style(style);
        let f = Field::date("Due", day);
        assert_eq!(f.input.value(), style.label(), "prefilled in the style {style:?}");
        assert_eq!(f.value(), "2026-11-20", "stored as the same day in the style {style:?}");
        assert_eq!(f.understood(), None, "no echo beside a prefilled day in the style {style:?}");
    }
    use_style(DateStyle::default());
}

/// A suggested time is replaced by the first character typed, not added to.
#[test]
fn typing_replaces_a_suggested_time() {
    let mut form = Form::new(vec![Field::text("Time").with_suggestion("10:00")]);
    typed(&mut form, "14:00");
    assert_eq!(form.value(0), "14:00", "typing appended to the suggested time");
}
