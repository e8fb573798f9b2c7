//! The summary's words for stored values: a completed condition, a
//! decision and its reason, and a
//! count's status by whichever vocabulary knows it.

use crate::store::summary::{CompletionLine, DecisionLine};
use crate::store::summary_done::{Activity, ActivityLine};

/// "#1 Unpaid work": a completed condition as the summary names it.
pub(super) fn condition_words(c: &CompletionLine) -> String {
    format!("#{} {}", c.seq, c.kind.label())
}

/// "Not suitable: harmed party declines": a decision and, when the case
/// was not suitable, the main reason.
pub(super) fn decision_words(d: &DecisionLine) -> String {
    match d.reason {
        Some(reason) => format!("{}: {}", d.decision.label(), reason.label()),
        None => d.decision.label().to_string(),
    }
}

/// A count's status in words (the store's one rule for it).
pub(super) fn status_words(stored: &str) -> String {
    crate::store::summary::status_words(stored)
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

/// A date as the summary writes it, in the desk's style ("Fri 20 Nov 2026").
pub(super) fn day(d: chrono::NaiveDate) -> String {
    crate::domain::dates::day(d)
}

/// "1 referral", "3 referrals", "No referrals"; "breach" → "breaches",
/// "harmed party" → "harmed parties".
pub(super) fn plural(n: usize, one: &str) -> String {
    let many = if one.ends_with("ch") || one.ends_with('s') {
        format!("{one}es")
    } else if let Some(stem) = one.strip_suffix("ty") {
        format!("{stem}ties")
    } else if let Some(stem) = one.strip_suffix("'s vetting") {
        format!("{stem}s' vetting")
    } else {
        format!("{one}s")
    };
    match n {
        0 => format!("No {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}
