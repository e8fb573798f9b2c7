//! The summary's words for stored values: a completed condition, and a
//! count's status by whichever vocabulary knows it.

use crate::domain::status::{OocdStatus, RjStatus};
use crate::domain::types::ComplianceEventType;
use crate::store::summary::CompletionLine;

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
