//! Advancing a referral one step (n): the next status of its usual path,
//! dated today, in one dialog; a waypoint (Logged) is passed through on
//! the way, and a step to Transferred asks for the coordinator in the same
//! dialog. The status machine's guards are checked when it saves.

use super::allocation::coordinator_options;
use super::prompts::Pending;
use super::CaseScreen;
use crate::domain::case_status::CaseStatus;
use crate::domain::dates::is_future;
use crate::domain::status::{rj_advance, RjStatus};
use crate::store::no_advance;
use crate::store::views::case::CaseHeader;
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

/// The statuses passed through, in words: "Logged, then Transferred".
fn path_words(path: &[RjStatus]) -> String {
    path.iter().map(|s| s.label()).collect::<Vec<_>>().join(", then ")
}

impl CaseScreen {
    pub(super) fn next_step_prompt(&self, header: &CaseHeader, ctx: &Ctx<'_>) -> Effect {
        let CaseStatus::Rj(from) = header.status else {
            return Effect::Error(
                "An out-of-court disposal moves as it is recorded: issue it (i), finalise it (f), or move it by hand (>)."
                    .into(),
            );
        };
        let Some(path) = rj_advance(from) else {
            return Effect::Error(format!("{}: {}.", header.reference, no_advance(from)));
        };
        let message = format!("Now {}. Moves to {} on the day below.", from.label(), path_words(&path));
        let pending = PendingAction::Case(Pending::NextStep(header.case_id));
        let mut prompt = Prompt::new(format!("Advance {}", header.reference), message, pending)
            .field(FieldId::On, Field::date("On", Some(ctx.today)).required());
        if path.contains(&RjStatus::Transferred) {
            match coordinator_options(ctx) {
                Ok(options) => prompt = prompt.field(FieldId::Coordinator, Field::choice("Coordinator", options, 0)),
                Err(e) => return e,
            }
        }
        Effect::Ask(prompt)
    }

    pub(super) fn next_step(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!(
                "Not saved: a status cannot change on a future date ({on}).",
                on = crate::domain::dates::day(on)
            ));
        }
        let coordinator = reply.value(FieldId::Coordinator).parse().ok();
        match ctx.store.write(|tx| tx.advance_referral(case_id, on, coordinator)) {
            Ok(path) => Effect::Status(format!(
                "Saved: {} moved from {} to {} on {on}.",
                header.reference,
                header.status.label(),
                path_words(&path),
                on = crate::domain::dates::day(on)
            )),
            Err(e) => Effect::Error(format!("Not saved: {e}")),
        }
    }
}
