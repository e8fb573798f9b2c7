//! A condition referred to a provider, what the provider sends back, and who
//! a contact was with (issue 14 §3, §4). What a return does to the condition
//! is decided here; the store only carries it out.

use crate::domain::types::{ComplianceEventType, ConditionStatus};
use crate::text_enum;

text_enum! {
    /// What the provider reported back on a place booked.
    pub enum ProviderReturn {
        Attended => ("attended", "Attended"),
        DidNotAttend => ("did_not_attend", "Did not attend"),
        Completed => ("completed", "Completed"),
    }
}

text_enum! {
    /// Who was spoken to on a contact: a party to the case, someone from the
    /// directory, or someone typed in.
    pub enum SpokeWithKind {
        Party => ("party", "A person on the case"),
        Coordinator => ("coordinator", "A coordinator"),
        Provider => ("provider", "A provider"),
        Agency => ("agency", "A partner agency"),
        Other => ("other", "Someone else"),
    }
}

/// What a provider's return does to the condition it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnEffect {
    /// The condition is done: completed, with the return as its evidence.
    Complete,
    /// Work has started: the condition moves to in progress if it had not.
    Progress(Option<ConditionStatus>),
    /// The person did not attend: recorded as a missed session and flagged
    /// for the administrator to look at. Whether it is a breach (no
    /// reasonable excuse, DOMAIN.md §2.5) is a person's decision, never ours.
    FlagForBreachCheck,
}

impl ProviderReturn {
    /// The compliance event the return is kept as on the condition.
    pub fn event_type(self) -> ComplianceEventType {
        match self {
            ProviderReturn::Attended => ComplianceEventType::Attended,
            ProviderReturn::DidNotAttend => ComplianceEventType::Missed,
            ProviderReturn::Completed => ComplianceEventType::Completed,
        }
    }

    /// What the return does to a condition now in `status`.
    pub fn effect(self, status: ConditionStatus) -> ReturnEffect {
        match self {
            ProviderReturn::Completed => ReturnEffect::Complete,
            ProviderReturn::DidNotAttend => ReturnEffect::FlagForBreachCheck,
            ProviderReturn::Attended => {
                let started =
                    matches!(status, ConditionStatus::Referred | ConditionStatus::Booked | ConditionStatus::Active);
                ReturnEffect::Progress(started.then_some(ConditionStatus::InProgress))
            }
        }
    }

    /// Whether the referral still waits for the provider's last word: a
    /// place attended may yet end completed or not.
    pub fn still_outstanding(returned: Option<ProviderReturn>) -> bool {
        matches!(returned, None | Some(ProviderReturn::Attended))
    }
}

/// Whether a condition in `status` can be referred to a provider: only
/// while it is still to be done.
pub fn can_refer(status: ConditionStatus) -> bool {
    status.is_open()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completed_completes_and_did_not_attend_only_flags() {
        assert_eq!(ProviderReturn::Completed.effect(ConditionStatus::Referred), ReturnEffect::Complete);
        assert_eq!(ProviderReturn::DidNotAttend.effect(ConditionStatus::Booked), ReturnEffect::FlagForBreachCheck);
        assert_eq!(
            ProviderReturn::Attended.effect(ConditionStatus::Booked),
            ReturnEffect::Progress(Some(ConditionStatus::InProgress))
        );
        assert_eq!(ProviderReturn::Attended.effect(ConditionStatus::InProgress), ReturnEffect::Progress(None));
    }

    #[test]
    fn only_a_final_word_ends_the_wait() {
        assert!(ProviderReturn::still_outstanding(None));
        assert!(ProviderReturn::still_outstanding(Some(ProviderReturn::Attended)));
        assert!(!ProviderReturn::still_outstanding(Some(ProviderReturn::Completed)));
        assert!(!ProviderReturn::still_outstanding(Some(ProviderReturn::DidNotAttend)));
    }
}
