use super::*;
use crate::tui::screens::common::{self, DeadlineKey};
use crate::tui::screens::{FieldId, PendingAction};
use chrono::NaiveDate;

fn answer(prompt: Prompt) -> Reply {
    let mut state = PromptState::new(ScreenId::Today, prompt);
    // Ctrl-S saves from any field, a field of several lines included.
    match state.handle(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)) {
        OverlayOutcome::Reply(_, reply) => reply,
        _ => panic!("the prompt did not answer: {:?}", state.problem),
    }
}

/// A reply is read by the field's name, so a prompt whose fields change
/// order still gives each value to the right reader.
#[test]
fn a_reply_is_read_by_field_whatever_the_order() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 20);
    let pending = PendingAction::Shared(common::Pending::Complete(vec![DeadlineKey::Item(7)]));
    let due = || Field::date("New due date", day);
    let reason = || Field::text("Reason").with_value("course moved");
    let one = Prompt::new("t", "", pending.clone()).field(FieldId::NewDue, due()).field(FieldId::Reason, reason());
    let other = Prompt::new("t", "", pending.clone()).field(FieldId::Reason, reason()).field(FieldId::NewDue, due());
    for reply in [answer(one), answer(other)] {
        assert_eq!(reply.date(FieldId::NewDue), day);
        assert_eq!(reply.value(FieldId::Reason), "course moved");
        assert_eq!(reply.value(FieldId::Evidence), "", "a field the prompt did not ask is empty");
        assert_eq!(reply.pending, pending, "the pending action comes back with its keys");
    }
}

/// A due date on a bank holiday or weekend is asked about once: the
/// first save stays open saying so with the next working day, the same
/// answer sent again saves; a date recorded (not due) is never asked.
#[test]
fn a_due_date_on_a_day_off_asks_once_before_saving() {
    use crate::domain::workdays::WorkCalendar;
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25);
    let calendar = std::sync::Arc::new(WorkCalendar::england_and_wales());
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let pending = PendingAction::Shared(common::Pending::Complete(vec![DeadlineKey::Item(7)]));
    for (id, asks) in [(FieldId::FollowUpOn, true), (FieldId::NewDue, true), (FieldId::CompletedOn, false)] {
        let prompt = Prompt::new("t", "", pending.clone()).field(id, Field::date("On", christmas));
        let mut state = PromptState::new(ScreenId::Today, prompt);
        state.form.set_date_basis(today, &calendar);
        if asks {
            assert!(matches!(state.handle(&enter), OverlayOutcome::Stay), "{id:?} saved without asking");
            let said = state.problem.clone().unwrap_or_default();
            assert_eq!(
                said,
                "Check before saving (Enter saves anyway): Fri 25 Dec 2026 is a bank holiday (Christmas Day); \
                 the next working day is Tue 29 Dec 2026."
            );
        }
        match state.handle(&enter) {
            OverlayOutcome::Reply(_, reply) => assert_eq!(reply.date(id), christmas, "the date is kept"),
            _ => panic!("{id:?} did not save: {:?}", state.problem),
        }
    }
}

/// A refusal longer than the popup is wrapped, never cut: its end is
/// the part that says what to do.
#[test]
fn a_long_refusal_is_shown_whole() {
    use ratatui::{backend::TestBackend, Terminal};
    let pending = PendingAction::Shared(common::Pending::Complete(vec![DeadlineKey::Item(7)]));
    let prompt = Prompt::new("Decision", "", pending).field(FieldId::Reason, Field::text("Reason"));
    let mut state = PromptState::new(ScreenId::Today, prompt);
    let why = "a suitability decision is made at risk assessment; this referral is at awaiting information: \
               move it on first";
    state.problem = Some(format!("Not saved: {why}"));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| render_prompt(f, f.area(), &crate::tui::theme::MONOCHROME, &mut state)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    let screen = screen.split_whitespace().collect::<Vec<_>>().join(" ").replace(" │ │", "");
    assert!(screen.contains("move it on first"), "{screen}");
}
