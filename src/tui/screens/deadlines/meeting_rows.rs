//! A meeting's action among the deadlines: it concerns no case, so of the
//! row keys only marking it done (the same write as Today's `c`) and
//! opening its meeting apply; the rest say so rather than act on case 0.

use super::DeadlinesScreen;
use crate::store::views::deadlines::DeadlineSource;
use crate::tui::action::Action;
use crate::tui::screens::{meetings, Ctx, Effect, ScreenId};

/// Why a meeting's action cannot be tagged: bulk actions act on cases.
pub(super) const NOT_TAGGED: &str =
    "A meeting's action is not tagged with the cases' deadlines: press c on it to mark it done.";

/// The keys the detail pane names for a meeting's action.
pub(super) const KEYS: [(&str, &str); 2] = [("c", "mark done"), ("Enter", "open its meeting")];

/// What "tag all" says of the meetings' actions it left untagged ("" if none).
pub(super) fn skipped_words(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " A meeting's action is not tagged: c marks it done.".into(),
        n => format!(" {n} meetings' actions are not tagged: c marks each done."),
    }
}

impl DeadlinesScreen {
    /// What a key does on the selected row when it is a meeting's action;
    /// `None` when the key acts as on any row (moving, filters, or the
    /// tagged rows when some are tagged).
    pub(super) fn on_meeting_action(&self, action: Action, ctx: &Ctx<'_>) -> Option<Effect> {
        let row = self.selected().filter(|r| r.key.source == DeadlineSource::MeetingAction)?;
        let untagged = self.tagged.is_empty();
        match action {
            Action::Complete if untagged => {
                let what = format!("{} — {} [{}]", row.case_ref, row.description, row.who);
                Some(Effect::Ask(meetings::done_prompt(row.key.id, &what, ctx.today)))
            }
            // Its meeting opens in the Agreements screen's Meetings view,
            // as from Today (case 0: no case).
            Action::Open | Action::OpenCase => {
                Some(Effect::Focus { screen: ScreenId::Agreements, case_id: 0, entity_id: Some(row.key.id) })
            }
            Action::Vary
            | Action::Breach
            | Action::DecideBreach
            | Action::Chase
            | Action::Letter
            | Action::RecordCompliance
            | Action::ReferToProvider
            | Action::ProviderReturn
            | Action::LogContact
                if untagged =>
            {
                Some(Effect::Error(
                    "That is an action from a meeting, not a case's deadline: c marks it done and Enter opens its meeting."
                        .into(),
                ))
            }
            _ => None,
        }
    }
}
