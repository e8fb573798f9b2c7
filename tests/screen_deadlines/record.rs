//! Recording compliance as it happens (key r, issue 13 §4): hours attended
//! and part payments, the running totals on the row and the case timeline,
//! and an over-payment refused with the form kept.

use crate::common::{ctrl, key, screen, type_text};
use casedesk::domain::compliance::pounds;
use casedesk::store::views::deadlines::{DeadlineRow, DeadlineSource};
use casedesk::tui::action::Action;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use crossterm::event::KeyCode;

use super::{all_rows, app_on, prompt_open, status};

/// An open condition with no breach awaiting a decision that requires hours.
pub(super) fn needs_hours(r: &DeadlineRow) -> bool {
    r.key.source == DeadlineSource::Condition
        && r.open_breach_id.is_none()
        && r.progress.is_some_and(|p| p.hours_required.is_some_and(|h| h >= 4.0) && p.amount_pence.is_none())
}

/// An open condition with an amount to pay and nothing paid yet.
pub(super) fn needs_money(r: &DeadlineRow) -> bool {
    r.key.source == DeadlineSource::Condition
        && r.open_breach_id.is_none()
        && r.progress.is_some_and(|p| p.amount_pence.is_some_and(|a| a >= 2000) && p.hours_required.is_none())
}

/// Answer the open record prompt past its first two fields (what happened,
/// the date): the hours or amount, then the evidence, and save.
fn answer(app: &mut casedesk::tui::app::App, hours_or_amount: &str, note: &str) {
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(app, hours_or_amount);
    app.handle_key(key(KeyCode::Tab));
    type_text(app, note);
    app.handle_key(ctrl('s'));
}

fn row_now(app: &casedesk::tui::app::App, row: &DeadlineRow) -> DeadlineRow {
    all_rows(app).into_iter().find(|r| r.key == row.key).expect("still listed")
}

#[test]
fn hours_attended_are_recorded_shown_on_the_row_and_on_the_timeline() {
    let (mut app, row) = app_on(needs_hours);
    let required = row.progress.unwrap().hours_required.unwrap();
    app.handle_key(key(KeyCode::Char('r')));
    assert!(prompt_open(&app), "r asks what happened");
    // What happened: Attended (the first); then the date, then the hours.
    answer(&mut app, "3", "Provider's register");
    let (text, is_error) = status(&app);
    let so_far = format!("3 of {} hours done", casedesk::domain::compliance::number(required));
    assert!(!is_error && text.starts_with("Saved: attended on Fri 20 Nov 2026") && text.contains(&so_far), "{text}");
    assert_eq!(row_now(&app, &row).progress.unwrap().hours_done, 3.0);
    assert!(screen(&mut app, 100, 30).contains(&so_far), "the row says how far it has got");
    // The case's timeline lists the record in words.
    app.apply(Action::OpenCase);
    assert_eq!(app.current, ScreenId::Case);
    let timeline = screen(&mut app, 160, 48);
    assert!(timeline.contains("Attended, 3 hours done: Provider's register"), "{timeline}");
    assert!(timeline.contains(&so_far), "the condition due says how far it has got:\n{timeline}");
}

#[test]
fn part_payments_run_down_the_balance_and_an_over_payment_is_refused_with_the_form_kept() {
    let (mut app, row) = app_on(needs_money);
    let amount = row.progress.unwrap().amount_pence.unwrap();
    app.handle_key(key(KeyCode::Char('r')));
    // Payment is offered first for a condition that is only money.
    answer(&mut app, "10", "receipt 4411");
    let (text, is_error) = status(&app);
    let expected = format!("£10 of {} paid, {} to pay", pounds(amount), pounds(amount - 1000));
    assert!(!is_error && text.starts_with("Saved: payment of £10") && text.contains(&expected), "{text}");
    assert_eq!(row_now(&app, &row).progress.unwrap().paid_pence, 1000);

    // More than is left to pay: refused, nothing written, what was typed kept.
    app.handle_key(key(KeyCode::Char('r')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    let too_much = format!("{}", amount / 100);
    type_text(&mut app, &too_much);
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("is more than the") && text.contains("still to pay"), "{text}");
    assert_eq!(row_now(&app, &row).progress.unwrap().paid_pence, 1000);
    match &app.overlay {
        Some(Overlay::Prompt(p)) => assert_eq!(p.form.values()[2], too_much),
        _ => panic!("the refused form closed and lost what was typed"),
    }

    // The balance exactly: paid in full, the condition completed in the same step.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('r')));
    answer(&mut app, &format!("{}", (amount - 1000) as f64 / 100.0), "");
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("the condition is marked completed"), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().1, "completed");
    // Undo takes back the payment and the completion together.
    crate::common::undo(&mut app);
    assert_eq!(row_now(&app, &row).progress.unwrap().paid_pence, 1000);
}

#[test]
fn contradictory_input_is_refused() {
    let (mut app, _) = app_on(needs_hours);
    app.handle_key(key(KeyCode::Char('r')));
    app.handle_key(key(KeyCode::Char('m'))); // Missed
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "2");
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("a missed session has no hours done"), "{text}");
    assert!(prompt_open(&app));
}
