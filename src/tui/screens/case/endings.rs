//! Ending a case and bringing it back (issue 13 §2): what is still open is
//! listed in the closing and withdrawing prompts, each answered completed,
//! not done or waived (none is by default) with its own reason, in the same
//! step; a withdrawal asks who and why; a
//! reopening asks why. The store refuses an ending over open work whatever
//! the screen does, so these prompts only make the rule easy to meet.

use chrono::NaiveDate;

use super::CaseScreen;
use crate::domain::case_status::CaseStatus;
use crate::domain::closure::{harmed_still_to_tell, is_ending, OpenWork, WithdrawalReason, WithdrawnBy, WorkEnd};
use crate::domain::dates::is_future;
use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::store::views::case::CaseHeader;
use crate::store::{StoreError, StoreResult, Tx, Withdrawal};
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::tui::text::fit;

use super::Pending;

/// More than this is settled on Deadlines or Agreements first: each asks
/// two lines (how it ended, why), and a prompt taller than an 80×24
/// screen would hide its own fields.
const MOST_TO_SETTLE: usize = 4;

/// What closing should remind of when the harmed party has not been told
/// an outcome agreement's result, and how to do it; None when nothing is
/// owed (or it cannot be read: the reminder never stands in the way).
pub(super) fn untold_reminder(header: &CaseHeader, ctx: &Ctx<'_>) -> Option<String> {
    let agreements = ctx.store.agreements_telling(header.case_id).ok()?;
    let which = match harmed_still_to_tell(header.service, &agreements) {
        0 => return None,
        1 => "the outcome agreement's result".to_string(),
        n => format!("the results of {n} outcome agreements"),
    };
    Some(format!(
        "The harmed party has not been told {which} yet (Victims' Code): w writes them the result letter, \
         and h on Agreements (5) records that they were told."
    ))
}

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
            return Effect::Error(format!(
                "Not withdrawn: the date {on} is in the future.",
                on = crate::domain::dates::day(on)
            ));
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
                reason.label().to_lowercase(),
                on = crate::domain::dates::day(on)
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
            return Effect::Error(format!(
                "Not reopened: the date {on} is in the future.",
                on = crate::domain::dates::day(on)
            ));
        }
        let reason = reply.value(FieldId::Reason).to_string();
        match ctx.store.write(|tx| tx.reopen_case(case_id, on, &reason)) {
            Ok(to) => Effect::Status(format!(
                "Saved: {} reopened on {on}, back to {}.",
                header.reference,
                status_words(header.service, &to),
                on = crate::domain::dates::day(on)
            )),
            Err(e) => Effect::Error(format!("Not reopened: {e}")),
        }
    }
}

/// A choice per open condition or item (completed, not done, waived), each
/// starting unanswered so nothing is marked by default, and a reason per
/// item beside it: the evidence, or why it was not done or was waived.
pub(super) fn settle_fields(mut prompt: Prompt, open: &[OpenWork]) -> Prompt {
    if open.is_empty() {
        return prompt;
    }
    let mut ends: Vec<(String, String)> = vec![(String::new(), UNANSWERED.to_string())];
    ends.extend(WorkEnd::ALL.iter().map(|e| (e.as_str().to_string(), e.label().to_string())));
    for (n, work) in (0u8..).zip(open) {
        let label = fit(&inert(&work.short_label()), 24);
        prompt = prompt.field(FieldId::Settle(n), Field::choice(&label, ends.clone(), 0)).field(
            FieldId::SettleReason(n),
            Field::text(&format!("{}. evidence or reason", work.seq)).with_hint("needed if not done or waived"),
        );
    }
    prompt.message.push_str(" Still open: say how each ended.");
    prompt
}

/// What an open condition or item shows until it is answered.
const UNANSWERED: &str = "(choose)";

/// Mark each open condition or item as answered, in the write that ends
/// the case; an item left unanswered, or not done or waived without a
/// reason, refuses the whole write, naming it.
pub(super) fn settle(tx: &mut Tx<'_>, open: &[OpenWork], reply: &Reply, on: NaiveDate) -> StoreResult<()> {
    let answers = settle_answers(open, reply).map_err(StoreError::Invalid)?;
    for (work, (end, reason)) in open.iter().zip(answers) {
        tx.end_work(work, end, on, &reason)?;
    }
    Ok(())
}

/// How each open item ended and its reason, or what is missing in words.
fn settle_answers(open: &[OpenWork], reply: &Reply) -> Result<Vec<(WorkEnd, String)>, String> {
    let mut answers = Vec::new();
    let mut unanswered = Vec::new();
    for (n, work) in (0u8..).zip(open) {
        let reason = reply.value(FieldId::SettleReason(n)).trim().to_string();
        let Some(end) = WorkEnd::parse(reply.value(FieldId::Settle(n))) else {
            unanswered.push(work.short_label());
            continue;
        };
        if end != WorkEnd::Completed && reason.is_empty() {
            return Err(format!(
                "say why {} was {} (its evidence or reason)",
                work.short_label(),
                end.label().to_lowercase()
            ));
        }
        // A completed item's evidence may be left out: the ending itself says so.
        let reason = if reason.is_empty() { COMPLETED_AT_END.to_string() } else { reason };
        answers.push((end, reason));
    }
    if !unanswered.is_empty() {
        return Err(format!("say how each open item ended (completed, not done or waived): {}", unanswered.join(", ")));
    }
    Ok(answers)
}

/// The evidence kept for an item marked completed without any given.
const COMPLETED_AT_END: &str = "marked completed when the case ended";

/// A status the store returned, in lower-case words for a sentence.
fn status_words(service: Service, stored: &str) -> String {
    CaseStatus::parse(service, stored).map_or_else(|| stored.replace('_', " "), |s| s.label().to_lowercase())
}
