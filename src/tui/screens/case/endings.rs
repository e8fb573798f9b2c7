//! Ending a case and bringing it back (issue 13 §2): what is still open is
//! listed in the closing and withdrawing prompts, each marked completed,
//! not done or waived in the same step; a withdrawal asks who and why; a
//! reopening asks why. The store refuses an ending over open work whatever
//! the screen does, so these prompts only make the rule easy to meet.

use chrono::NaiveDate;

use super::CaseScreen;
use crate::domain::case_status::CaseStatus;
use crate::domain::closure::{is_ending, OpenWork, WithdrawalReason, WithdrawnBy, WorkEnd};
use crate::domain::dates::is_future;
use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::store::views::case::CaseHeader;
use crate::store::{StoreResult, Tx, Withdrawal};
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::tui::text::fit;

use super::Pending;

/// More than this is settled on Deadlines or Agreements first: a prompt
/// taller than the screen would hide its own buttons.
const MOST_TO_SETTLE: usize = 8;

impl CaseScreen {
    /// What is open on the case, or the error to show instead.
    pub(super) fn open_work_for(header: &CaseHeader, ctx: &Ctx<'_>) -> Result<Vec<OpenWork>, Effect> {
        let open =
            ctx.store.open_work(header.case_id).map_err(|e| Effect::Error(format!("Could not read the case: {e}")))?;
        if open.len() > MOST_TO_SETTLE {
            return Err(Effect::Error(format!(
                "{} has {} conditions or agreement items open: mark them on Deadlines (4) or Agreements (5) first.",
                header.reference,
                open.len()
            )));
        }
        Ok(open)
    }

    pub(super) fn withdraw_prompt(&self, header: &CaseHeader, ctx: &Ctx<'_>) -> Effect {
        if is_ending(header.service, header.status.as_str()) {
            return Effect::Error(format!(
                "{} is {}: reopen it (R) before withdrawing it.",
                header.reference,
                header.status.label().to_lowercase()
            ));
        }
        let open = match Self::open_work_for(header, ctx) {
            Ok(open) => open,
            Err(e) => return e,
        };
        let by: Vec<(String, String)> =
            WithdrawnBy::ALL.iter().map(|w| (w.as_str().to_string(), w.label().to_string())).collect();
        let why: Vec<(String, String)> =
            WithdrawalReason::ALL.iter().map(|r| (r.as_str().to_string(), r.label().to_string())).collect();
        let message = "Harmed party declines, not contactable and not suitable close the case with that outcome; \
                       the other reasons withdraw it. Either way its retention review is booked.";
        let pending = PendingAction::Case(Pending::Withdraw(header.case_id, open.clone()));
        let prompt = Prompt::new(format!("Withdraw {}", header.reference), message, pending)
            .field(FieldId::WithdrawnBy, Field::choice("Who withdrew", by, 0))
            .field(FieldId::Why, Field::choice("Why", why, 0))
            .field(FieldId::Note, Field::text("What was said").with_hint("optional, in their words"))
            .field(FieldId::On, Field::date("On", Some(ctx.today)).required());
        Effect::Ask(settle_fields(prompt, &open))
    }

    pub(super) fn withdraw(&self, case_id: i64, open: &[OpenWork], reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let (Some(by), Some(reason)) =
            (WithdrawnBy::parse(reply.value(FieldId::WithdrawnBy)), WithdrawalReason::parse(reply.value(FieldId::Why)))
        else {
            return Effect::Error("Not withdrawn: choose who withdrew and why.".into());
        };
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!("Not withdrawn: the date {on} is in the future."));
        }
        let w = Withdrawal { by, reason, note: reply.value(FieldId::Note).to_string(), on };
        let rules = ctx.rules;
        let result = ctx.store.write(|tx| {
            settle(tx, open, reply, on)?;
            tx.withdraw_case(case_id, &w, rules)
        });
        match result {
            Ok(to) => Effect::Status(format!(
                "Saved: {} {} on {on} ({}); retention review booked.",
                header.reference,
                status_words(header.service, to),
                reason.label().to_lowercase()
            )),
            Err(e) => Effect::Error(format!("Not withdrawn: {e}")),
        }
    }

    pub(super) fn reopen_prompt(&self, header: &CaseHeader, today: NaiveDate) -> Effect {
        if !is_ending(header.service, header.status.as_str()) {
            return Effect::Error(format!(
                "{} is {}: only a completed, closed or withdrawn case can be reopened.",
                header.reference,
                header.status.label().to_lowercase()
            ));
        }
        let message = "It goes back to the status it left from, and its retention review is cancelled while open.";
        let pending = PendingAction::Case(Pending::Reopen(header.case_id));
        Effect::Ask(
            Prompt::new(format!("Reopen {}", header.reference), message, pending)
                .field(FieldId::Reason, Field::text("Reason").required().with_hint("why it is reopened (audited)"))
                .field(FieldId::On, Field::date("On", Some(today)).required()),
        )
    }

    pub(super) fn reopen(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!("Not reopened: the date {on} is in the future."));
        }
        let reason = reply.value(FieldId::Reason).to_string();
        match ctx.store.write(|tx| tx.reopen_case(case_id, on, &reason)) {
            Ok(to) => Effect::Status(format!(
                "Saved: {} reopened on {on}, back to {}.",
                header.reference,
                status_words(header.service, &to)
            )),
            Err(e) => Effect::Error(format!("Not reopened: {e}")),
        }
    }
}

/// A choice per open condition or item (completed, not done, waived) and
/// one reason kept with each: the evidence, or why it was not done.
pub(super) fn settle_fields(mut prompt: Prompt, open: &[OpenWork]) -> Prompt {
    if open.is_empty() {
        return prompt;
    }
    let ends: Vec<(String, String)> =
        WorkEnd::ALL.iter().map(|e| (e.as_str().to_string(), e.label().to_string())).collect();
    for (n, work) in (0u8..).zip(open) {
        let label = fit(&inert(&work.short_label()), 24);
        prompt = prompt.field(FieldId::Settle(n), Field::choice(&label, ends.clone(), 0));
    }
    prompt.message.push_str(" Still open: mark how each ended.");
    prompt.field(
        FieldId::Reason,
        Field::text("Evidence or reason").required().with_hint("kept with each item marked here"),
    )
}

/// Mark each open condition or item as chosen, in the write that ends the case.
pub(super) fn settle(tx: &mut Tx<'_>, open: &[OpenWork], reply: &Reply, on: NaiveDate) -> StoreResult<()> {
    let reason = reply.value(FieldId::Reason);
    for (n, work) in (0u8..).zip(open) {
        let end = WorkEnd::parse(reply.value(FieldId::Settle(n))).unwrap_or(WorkEnd::Completed);
        tx.end_work(work, end, on, reason)?;
    }
    Ok(())
}

/// A status the store returned, in lower-case words for a sentence.
fn status_words(service: Service, stored: &str) -> String {
    CaseStatus::parse(service, stored).map_or_else(|| stored.replace('_', " "), |s| s.label().to_lowercase())
}
