//! The summary's words for stored values: a completed condition, and a
//! count's status by whichever vocabulary knows it.

use crate::domain::status::{OocdStatus, RjStatus};
use crate::domain::types::ComplianceEventType;
use crate::store::summary::CompletionLine;
use crate::store::summary_done::{Activity, ActivityLine};

/// "#1 Unpaid work": a completed condition as the summary names it.
pub(super) fn condition_words(c: &CompletionLine) -> String {
    format!("#{} {}", c.seq, c.kind.label())
}

/// A count's status in words: a compliance event, or a referral's or an
/// OOCD case's status, by whichever vocabulary knows it.
pub(super) fn status_words(stored: &str) -> String {
    ComplianceEventType::parse(stored)
        .map(|e| e.label())
        .or_else(|| RjStatus::parse(stored).map(|s| s.label()))
        .or_else(|| OocdStatus::parse(stored).map(|s| s.label()))
        .map_or_else(|| stored.replace('_', " "), str::to_string)
}

/// "Letter sent: Notice of non-compliance", "Meeting held: Face-to-face
/// conference": one thing done, in words.
pub(super) fn activity_words(a: &ActivityLine) -> String {
    let detail = match a.activity {
        Activity::LetterSent => {
            crate::export::letters::template_info(&a.detail).map_or_else(|_| a.detail.clone(), |t| t.title.to_string())
        }
        _ => a.detail.clone(),
    };
    if detail.is_empty() {
        a.activity.label().to_string()
    } else {
        format!("{}: {detail}", a.activity.label())
    }
}

/// The sum of a list of counts: "9 events", "91 open referrals".
pub(super) fn total(counts: &[crate::store::summary::StatusCount]) -> i64 {
    counts.iter().map(|c| c.cases).sum()
}
