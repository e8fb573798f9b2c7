//! The retention review of a closed case (DPA 2018 s.39; DOMAIN.md §10.3),
//! asked from the Case screen: keep the record until a next review, or erase
//! its personal data. Erasing cannot be taken back, so it asks a second,
//! yes / no question before anything is written; the reason typed in the
//! first prompt waits here until that answer comes.

use chrono::NaiveDate;

use super::prompts::review_prompt;
use super::Pending;
use crate::store::views::case::CaseHeader;
use crate::store::views::retention::MAX_REASON_CHARS;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

/// An erasure asked for and waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PendingErasure {
    case_id: i64,
    reference: String,
    reason: String,
}

/// The Case screen's part in a retention review.
#[derive(Debug, Default)]
pub struct RetentionReview {
    pending: Option<PendingErasure>,
}

impl RetentionReview {
    /// Ask for the review of the open case, or say why there is none.
    pub fn start(&mut self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        self.pending = None;
        if !header.status.is_closed() {
            return Effect::Error(format!(
                "{} is not closed; its retention review is booked when it is closed.",
                header.reference
            ));
        }
        match ctx.store.retention_row(header.case_id) {
            Ok(Some(row)) if row.is_erased() => {
                Effect::Error(format!("The personal data of {} has already been erased.", header.reference))
            }
            Ok(Some(row)) => Effect::Ask(review_prompt(header, &row, ctx)),
            Ok(None) => Effect::Error(format!("{} has no retention review booked.", header.reference)),
            Err(e) => Effect::Error(format!("Could not read the retention review: {e}")),
        }
    }

    /// The answer to the review: keep until a next review, or ask before erasing.
    pub fn decide(&mut self, case_id: i64, reply: &Reply, reference: &str, ctx: &mut Ctx<'_>) -> Effect {
        let reason = reply.value(FieldId::Reason).to_string();
        if reason.is_empty() {
            return Effect::Error("Not saved: a retention review needs a reason.".into());
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Effect::Error(format!(
                "Not saved: the reason is too long (at most {MAX_REASON_CHARS} characters)."
            ));
        }
        if reply.value(FieldId::Decision) == "erase" {
            self.pending = Some(PendingErasure { case_id, reference: reference.to_string(), reason });
            return Effect::Ask(Prompt::confirm(
                "Erase personal data?",
                format!("Erase the personal data of {reference}? This cannot be undone."),
                PendingAction::Case(Pending::EraseConfirm(case_id)),
            ));
        }
        let Some(next) = reply.date(FieldId::NextReview) else {
            return Effect::Error("Not saved: give the next review date, e.g. 20/11/2032 or +52w.".into());
        };
        keep(case_id, reference, &reason, next, ctx)
    }

    /// Yes to erasing: erase what the review asked for.
    pub fn erase(&mut self, case_id: i64, ctx: &mut Ctx<'_>) -> Effect {
        let Some(pending) = self.pending.take() else { return Effect::None };
        // The confirmation must be for the case whose reason is waiting.
        if case_id != pending.case_id {
            return Effect::Error("Not erased: the confirmation was for another case.".into());
        }
        let today = ctx.today;
        match ctx.store.write(|tx| tx.review_erase(pending.case_id, &pending.reason, today)) {
            Ok(report) => {
                let kept = match report.people_kept {
                    0 => String::new(),
                    n => format!("; {n} kept because another case still names them"),
                };
                Effect::Status(format!(
                    "Erased: the personal data of {} ({} people{kept}). Counts for reports are kept.",
                    pending.reference, report.people
                ))
            }
            Err(e) => Effect::Error(format!("Not erased: {e}")),
        }
    }
}

fn keep(case_id: i64, reference: &str, reason: &str, next: NaiveDate, ctx: &mut Ctx<'_>) -> Effect {
    let today = ctx.today;
    match ctx.store.write(|tx| tx.review_keep(case_id, reason, next, today)) {
        Ok(()) => Effect::Status(format!("Saved: {reference} kept; next retention review {next}.")),
        Err(e) => Effect::Error(format!("Not saved: {e}")),
    }
}
