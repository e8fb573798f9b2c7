//! Participants' feedback after a restorative process (DOMAIN.md §12.4:
//! "closure ... feedback collected"; issue 15 §4): who gave it, how
//! satisfied they were in words, whether they would recommend it and felt
//! safe, and what they said. The quarterly return counts it.

use crate::domain::types::{PartyRole, Service};
use crate::text_enum;

text_enum! {
    /// Who gave the feedback, as the case names its parties.
    pub enum FeedbackFrom {
        Harmed => ("harmed", "Harmed party"),
        Responsible => ("responsible", "Responsible party"),
        Other => ("other", "Someone else"),
    }
}

impl FeedbackFrom {
    /// The part in which a party of the case gave feedback: a supporter, a
    /// parent or anyone else gives it as someone else.
    pub fn of_party(role: PartyRole) -> FeedbackFrom {
        match role {
            PartyRole::Harmed => FeedbackFrom::Harmed,
            PartyRole::Offender => FeedbackFrom::Responsible,
            _ => FeedbackFrom::Other,
        }
    }

    /// The part offered as who gave feedback when no one on the case has
    /// it: "Harmed party (not among the case's people)".
    pub fn giver(self) -> &'static str {
        match self {
            FeedbackFrom::Harmed => "Harmed party (not among the case's people)",
            FeedbackFrom::Responsible => "Responsible party (not among the case's people)",
            FeedbackFrom::Other => "Someone else (a supporter, a parent, anyone)",
        }
    }
}

/// A yes / no / unsure answer. Stored as 1, 0 or no value, so "unsure" and
/// "not asked" read the same: neither is a yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reply {
    Yes,
    No,
    Unsure,
}

impl Reply {
    pub const ALL: [Reply; 3] = [Reply::Yes, Reply::No, Reply::Unsure];

    pub fn label(self) -> &'static str {
        match self {
            Reply::Yes => "yes",
            Reply::No => "no",
            Reply::Unsure => "unsure",
        }
    }

    /// The reply as a choice shows it, a word on its own ("Yes"); `label`
    /// is the same word inside a sentence.
    pub fn choice(self) -> &'static str {
        match self {
            Reply::Yes => "Yes",
            Reply::No => "No",
            Reply::Unsure => "Unsure",
        }
    }

    pub fn parse(text: &str) -> Option<Reply> {
        Reply::ALL.into_iter().find(|r| r.label().eq_ignore_ascii_case(text.trim()))
    }

    pub fn stored(self) -> Option<bool> {
        match self {
            Reply::Yes => Some(true),
            Reply::No => Some(false),
            Reply::Unsure => None,
        }
    }

    pub fn from_stored(value: Option<bool>) -> Reply {
        match value {
            Some(true) => Reply::Yes,
            Some(false) => Reply::No,
            None => Reply::Unsure,
        }
    }
}

/// Satisfaction on the five-point scale, 1 to 5, in words.
pub fn satisfaction_words(score: u8) -> Option<&'static str> {
    Some(match score {
        1 => "very dissatisfied",
        2 => "dissatisfied",
        3 => "neither satisfied nor dissatisfied",
        4 => "satisfied",
        5 => "very satisfied",
        _ => return None,
    })
}

/// Why feedback cannot be taken on a case yet. Display is one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackRefused {
    #[error("Feedback is collected on restorative justice and mediation cases only.")]
    NotRestorative,
    #[error("Feedback is collected after a process: record a meeting held or an outcome agreed first.")]
    NothingHeldYet,
    #[error("Satisfaction is a number from 1 (very dissatisfied) to 5 (very satisfied).")]
    BadScore,
}

/// Feedback follows a process: on a restorative case where a meeting was
/// held or an outcome agreed.
pub fn may_collect(service: Service, process_held_or_outcome: bool) -> Result<(), FeedbackRefused> {
    if !service.is_restorative() {
        return Err(FeedbackRefused::NotRestorative);
    }
    if !process_held_or_outcome {
        return Err(FeedbackRefused::NothingHeldYet);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_waits_for_a_process_on_a_restorative_case() {
        assert_eq!(may_collect(Service::Oocd, true), Err(FeedbackRefused::NotRestorative));
        assert_eq!(may_collect(Service::RestorativeJustice, false), Err(FeedbackRefused::NothingHeldYet));
        assert_eq!(may_collect(Service::Mediation, true), Ok(()));
    }

    #[test]
    fn every_score_has_words_and_replies_read_back() {
        assert_eq!(satisfaction_words(5), Some("very satisfied"));
        assert!((1..=5).all(|n| satisfaction_words(n).is_some()));
        assert_eq!(satisfaction_words(0), None);
        assert_eq!(Reply::parse(" Unsure "), Some(Reply::Unsure));
        assert!(Reply::ALL.iter().all(|r| Reply::from_stored(r.stored()) == *r));
    }
}
