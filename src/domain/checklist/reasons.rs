//! Why a case was found not suitable, in the few words a manager reads on
//! the end-of-day summary (DOMAIN.md §12.5: "accepted/not suitable (with
//! reason codes)"). The reason is read from what the assessment recorded,
//! so nobody types it twice: an unsafe rating first, then the first
//! suitability item answered no, in the checklist's order.

use super::{items_in, ChecklistSection, RiskLevel};

/// The main reason for one not-suitable decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotSuitableReason {
    RiskTooHigh,
    HarmNotAcknowledged,
    HarmedPartyDeclines,
    ResponsiblePartyUnwilling,
    Capacity,
    LiveProceedings,
    OrderProhibitsContact,
    NoSafeMethod,
    NoFacilitator,
    /// Nothing on the checklist says why: the rationale does.
    SeeRationale,
}

impl NotSuitableReason {
    pub fn label(self) -> &'static str {
        match self {
            Self::RiskTooHigh => "risk too high",
            Self::HarmNotAcknowledged => "harm not acknowledged",
            Self::HarmedPartyDeclines => "harmed party declines",
            Self::ResponsiblePartyUnwilling => "responsible party unwilling",
            Self::Capacity => "capacity to take part",
            Self::LiveProceedings => "live proceedings",
            Self::OrderProhibitsContact => "order prohibits contact",
            Self::NoSafeMethod => "no safe method",
            Self::NoFacilitator => "no facilitator available",
            Self::SeeRationale => "other (see rationale)",
        }
    }

    fn of_item(code: &str) -> Option<Self> {
        Some(match code {
            "SU_ACCEPTS" => Self::HarmNotAcknowledged,
            "SU_WILLING_HARMED" => Self::HarmedPartyDeclines,
            "SU_WILLING_RESP" => Self::ResponsiblePartyUnwilling,
            "SU_CAPACITY" => Self::Capacity,
            "SU_PROCEEDINGS" => Self::LiveProceedings,
            "SU_ORDERS" => Self::OrderProhibitsContact,
            "SU_METHOD" => Self::NoSafeMethod,
            "SU_FACILITATOR" => Self::NoFacilitator,
            _ => return None,
        })
    }
}

/// The main reason a case was not suitable, from its rating and the codes
/// of the suitability items answered no (in any order).
pub fn not_suitable_reason(risk: RiskLevel, answered_no: &[&str]) -> NotSuitableReason {
    if risk == RiskLevel::Unsafe {
        return NotSuitableReason::RiskTooHigh;
    }
    items_in(ChecklistSection::Suitability)
        .filter(|item| answered_no.contains(&item.code))
        .find_map(|item| NotSuitableReason::of_item(item.code))
        .unwrap_or(NotSuitableReason::SeeRationale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsafe_rating_comes_before_any_answer() {
        assert_eq!(not_suitable_reason(RiskLevel::Unsafe, &["SU_WILLING_HARMED"]), NotSuitableReason::RiskTooHigh);
    }

    #[test]
    fn the_first_item_answered_no_in_checklist_order() {
        let reason = not_suitable_reason(RiskLevel::Low, &["SU_METHOD", "SU_WILLING_HARMED"]);
        assert_eq!(reason.label(), "harmed party declines");
        assert_eq!(not_suitable_reason(RiskLevel::Medium, &[]), NotSuitableReason::SeeRationale);
    }

    #[test]
    fn every_suitability_item_has_a_reason() {
        for item in items_in(ChecklistSection::Suitability) {
            assert!(NotSuitableReason::of_item(item.code).is_some(), "{}", item.code);
        }
    }
}
