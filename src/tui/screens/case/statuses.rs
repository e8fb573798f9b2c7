//! Moving a case on through its status machine, and closing it.

use chrono::NaiveDate;

use crate::domain::dates::is_future;
use crate::domain::status::{oocd_next, rj_next, OocdStatus, RjStatus};
use crate::domain::types::Service;
use crate::store::views::case::{status_label, CaseHeader};
use crate::tui::form::Field;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

use super::{CaseScreen, Pending};

impl CaseScreen {
    /// The statuses the case may move to next, Closed left to the close action.
    fn next_statuses(header: &CaseHeader) -> Result<Vec<(String, String)>, String> {
        let targets: Vec<&'static str> = match header.service_kind() {
            Some(Service::Oocd) => {
                let Some(disposal) = header.disposal.as_ref().and_then(|d| d.kind()) else {
                    return Err(format!(
                        "{} has no disposal recorded yet: record its type before moving its status.",
                        header.reference
                    ));
                };
                let from = OocdStatus::parse(&header.status).ok_or("the case has an unknown status")?;
                oocd_next(disposal, from).into_iter().map(OocdStatus::as_str).collect()
            }
            _ => {
                let from = RjStatus::parse(&header.status).ok_or("the case has an unknown status")?;
                let paused_from = header.paused_from.as_deref().and_then(RjStatus::parse);
                rj_next(from, paused_from).into_iter().map(RjStatus::as_str).collect()
            }
        };
        Ok(targets.into_iter().map(|s| (s.to_string(), status_label(s))).collect())
    }

    pub(super) fn advance_prompt(&self, header: &CaseHeader, today: NaiveDate) -> Effect {
        let all = match Self::next_statuses(header) {
            Ok(t) => t,
            Err(e) => return Effect::Error(e),
        };
        let can_close = all.iter().any(|(s, _)| s == "closed");
        let options: Vec<(String, String)> = all.into_iter().filter(|(s, _)| s != "closed").collect();
        let from = status_label(&header.status);
        if options.is_empty() {
            let hint = if can_close { " Close it instead." } else { "" };
            return Effect::Error(format!("{} is {from}: no other status is open from here.{hint}", header.reference));
        }
        let message = format!("Now {from}. Only the moves its status machine allows are offered; closing is separate.");
        let pending = PendingAction::Case(Pending::Advance(header.case_id));
        Effect::Ask(
            Prompt::new(format!("Move {} on", header.reference), message, pending)
                .field(FieldId::MoveTo, Field::choice("Move to", options, 0))
                .field(FieldId::On, Field::date("On", Some(today)).required()),
        )
    }

    pub(super) fn advance(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!("Not saved: a status cannot change on a future date ({on})."));
        }
        let to = reply.value(FieldId::MoveTo).to_string();
        let case_id = header.case_id;
        let result = ctx.store.write(|tx| tx.change_status(case_id, &to, on));
        common::result_effect(
            result,
            format!(
                "Saved: {} moved from {} to {} on {on}.",
                header.reference,
                status_label(&header.status),
                status_label(&to)
            ),
        )
    }

    pub(super) fn close_confirm(&self, header: &CaseHeader) -> Effect {
        if header.status == "closed" {
            return Effect::Error(format!("{} is already closed.", header.reference));
        }
        match Self::next_statuses(header) {
            Ok(next) if next.iter().any(|(s, _)| s == "closed") => {}
            Ok(_) => {
                return Effect::Error(format!(
                    "{} is {} and cannot be closed from there; move it on first.",
                    header.reference,
                    status_label(&header.status)
                ))
            }
            Err(e) => return Effect::Error(e),
        }
        Effect::Ask(Prompt::confirm(
            "Close the case?",
            format!(
                "Close {}? Its retention review is booked on closing (DPA 2018 s.39). You will be asked for the outcome.",
                header.reference
            ),
            PendingAction::Case(Pending::CloseConfirm(header.case_id)),
        ))
    }

    pub(super) fn close_outcome_prompt(&self, case_id: i64, today: NaiveDate) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let message = "How did the case end? This is kept as the closure outcome.";
        Effect::Ask(
            Prompt::new(format!("Close {}", header.reference), message, PendingAction::Case(Pending::Close(case_id)))
                .field(FieldId::Outcome, Field::text("Outcome").required().with_hint("e.g. all conditions completed"))
                .field(FieldId::ClosedOn, Field::date("Closed on", Some(today)).required()),
        )
    }

    pub(super) fn close(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let outcome = reply.value(FieldId::Outcome).to_string();
        if outcome.is_empty() {
            return Effect::Error("Not closed: say how the case ended (outcome).".into());
        }
        let on = reply.date(FieldId::ClosedOn).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!("Not closed: the closing date {on} is in the future."));
        }
        let case_id = header.case_id;
        let rules = ctx.rules;
        match ctx.store.write(|tx| tx.close_case(case_id, on, &outcome, rules)) {
            Ok(()) => {
                let review = ctx
                    .store
                    .case_header(case_id)
                    .ok()
                    .flatten()
                    .and_then(|h| h.retention_review_due)
                    .map_or(String::new(), |d| format!("; retention review due {d}"));
                Effect::Status(format!("Saved: {} closed on {on}{review}.", header.reference))
            }
            Err(e) => Effect::Error(format!("Not closed: {e}")),
        }
    }
}
