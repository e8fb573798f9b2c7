//! What follows from what was recorded (issue 13 §4): issuing a disposal
//! moves its case on, a referral advances to its next status in one step,
//! a conference is held on a day that can be true, and a case whose
//! conditions are all done is finalised with its Home Office outcome.

use chrono::NaiveDate;

use super::{DisposalType, OocdStatus, RjStatus};
use crate::text_enum;

text_enum! {
    /// The Home Office crime outcome recorded when a disposal is finalised
    /// (DOMAIN.md §7, §12.3 `ho_outcome_code`). Only the outcomes a desk of
    /// out-of-court disposals gives are listed; the numbering is [U] in
    /// DOMAIN.md, so the label carries the words as well as the number.
    pub enum HoOutcome {
        Charged => ("1", "Outcome 1: charged or summonsed"),
        CautionYouth => ("2", "Outcome 2: youth caution"),
        CautionAdult => ("3", "Outcome 3: adult caution"),
        CommunityResolution => ("8", "Outcome 8: community resolution"),
        Diversion => ("22", "Outcome 22: diversionary activity"),
    }
}

/// The outcome a finalised case is counted under: prosecution after a
/// breach is a charge; otherwise the disposal fixes it (§12.3: 3 adult
/// caution, 2 youth, 8 CR, 22 diversion, 1 if prosecuted after breach).
pub fn outcome_for(disposal: DisposalType, status: OocdStatus) -> HoOutcome {
    if status == OocdStatus::Prosecution {
        return HoOutcome::Charged;
    }
    match disposal {
        DisposalType::CommunityResolution => HoOutcome::CommunityResolution,
        DisposalType::YouthCaution | DisposalType::YouthConditionalCaution => HoOutcome::CautionYouth,
        DisposalType::AdultConditionalCaution | DisposalType::DiversionaryCaution | DisposalType::CommunityCaution => {
            HoOutcome::CautionAdult
        }
        DisposalType::Outcome22Diversion => HoOutcome::Diversion,
    }
}

/// The statuses a case passes through when its issue date is recorded:
/// issued on that day, and active at once when it already has conditions
/// to monitor (a youth caution, which takes none, rests at Issued). Only
/// a draft moves; a disposal already issued is not issued again.
pub fn statuses_on_issue(from: OocdStatus, has_conditions: bool) -> Vec<OocdStatus> {
    match (from, has_conditions) {
        (OocdStatus::Draft, true) => vec![OocdStatus::Issued, OocdStatus::Active],
        (OocdStatus::Draft, false) => vec![OocdStatus::Issued],
        _ => Vec::new(),
    }
}

/// The statuses from which a case may be finalised: issued and running
/// (its conditions all done), completed, or prosecuted after a breach.
pub const FINALISABLE: &[OocdStatus] =
    &[OocdStatus::Issued, OocdStatus::Active, OocdStatus::AtRisk, OocdStatus::Completed, OocdStatus::Prosecution];

/// The moves finalising makes: a running case completes (through Active
/// when it was only issued); a completed or prosecuted case stays where it
/// is, for closing. `None` when a case in `from` cannot be finalised.
pub fn finalise_path(from: OocdStatus) -> Option<Vec<OocdStatus>> {
    match from {
        OocdStatus::Issued => Some(vec![OocdStatus::Active, OocdStatus::Completed]),
        OocdStatus::Active | OocdStatus::AtRisk => Some(vec![OocdStatus::Completed]),
        OocdStatus::Completed | OocdStatus::Prosecution => Some(Vec::new()),
        _ => None,
    }
}

/// Whether a disposal may be finalised with no condition on file: a youth
/// caution takes none (CDA 1998 s.66ZA); any other has its conditions set
/// before they can all be done.
pub fn ready_without_conditions(disposal: DisposalType) -> bool {
    disposal == DisposalType::YouthCaution
}

/// Where one "advance" takes a referral: the next status of the usual
/// path, passing through a status that is only a waypoint (Logged: the
/// referral is logged as it is handed on). `None` where the next step is
/// not one move: a decision (risk assessment), a choice of outcome, or an
/// ending (closing and withdrawing have their own keys).
pub fn rj_advance(from: RjStatus) -> Option<Vec<RjStatus>> {
    use RjStatus::*;
    let path = match from {
        Received => vec![SenseCheck],
        SenseCheck => vec![RiskAssessment],
        AwaitingInfo => vec![SenseCheck],
        Suitable => vec![Logged, Transferred],
        Logged => vec![Transferred],
        Transferred => vec![ContactingParties],
        ContactingParties => vec![Preparation],
        Preparation => vec![ProcessArranged],
        ProcessArranged => vec![ProcessHeld],
        ProcessHeld => vec![AgreementMonitoring],
        _ => return None,
    };
    Some(path)
}

/// Whether a conference or meeting may be recorded as held on `held`:
/// never after today; before the day it was planned for only with a
/// reason. The refusal is a sentence for the user.
pub fn check_held_on(
    held: NaiveDate,
    planned: Option<NaiveDate>,
    today: NaiveDate,
    reason: Option<&str>,
) -> Result<(), String> {
    if held > today {
        return Err(format!("a meeting cannot be recorded as held on {held}, a day still to come"));
    }
    let has_reason = reason.is_some_and(|r| !r.trim().is_empty());
    match planned {
        Some(planned) if held < planned && !has_reason => {
            Err(format!("the meeting was planned for {planned}: say why it was held earlier, on {held} (reason)"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::{oocd_transition, rj_transition};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_outcome_code_is_a_number_and_every_disposal_has_one() {
        for o in HoOutcome::ALL {
            assert!(o.as_str().parse::<u8>().is_ok(), "{o:?}");
            assert!(o.label().starts_with(&format!("Outcome {}:", o.as_str())), "{o:?}");
        }
        assert_eq!(outcome_for(DisposalType::CommunityResolution, OocdStatus::Active), HoOutcome::CommunityResolution);
        assert_eq!(outcome_for(DisposalType::YouthCaution, OocdStatus::Issued), HoOutcome::CautionYouth);
        assert_eq!(outcome_for(DisposalType::AdultConditionalCaution, OocdStatus::Active), HoOutcome::CautionAdult);
        assert_eq!(outcome_for(DisposalType::Outcome22Diversion, OocdStatus::Active), HoOutcome::Diversion);
        assert_eq!(outcome_for(DisposalType::AdultConditionalCaution, OocdStatus::Prosecution), HoOutcome::Charged);
    }

    #[test]
    fn issuing_moves_only_a_draft_and_each_move_is_in_the_machine() {
        for &d in DisposalType::ALL {
            for has in [true, false] {
                let mut at = OocdStatus::Draft;
                for to in statuses_on_issue(at, has) {
                    at = oocd_transition(d, at, to).unwrap();
                }
                assert_eq!(at, if has { OocdStatus::Active } else { OocdStatus::Issued });
            }
        }
        assert!(statuses_on_issue(OocdStatus::Active, true).is_empty());
        assert!(statuses_on_issue(OocdStatus::Issued, true).is_empty());
    }

    #[test]
    fn finalising_paths_are_moves_of_the_machine() {
        for &d in DisposalType::ALL {
            for &from in OocdStatus::ALL {
                let Some(path) = finalise_path(from) else {
                    assert!(!FINALISABLE.contains(&from), "{from:?}");
                    continue;
                };
                assert!(FINALISABLE.contains(&from), "{from:?}");
                let mut at = from;
                for to in path {
                    at = oocd_transition(d, at, to).unwrap_or_else(|e| panic!("{d:?}: {e}"));
                }
            }
        }
    }

    #[test]
    fn every_advance_is_a_walk_of_the_machine() {
        for &from in RjStatus::ALL {
            let Some(path) = rj_advance(from) else { continue };
            let mut at = from;
            for to in path {
                at = rj_transition(at, to, None).unwrap_or_else(|e| panic!("{from:?}: {e}"));
            }
        }
        assert_eq!(rj_advance(RjStatus::Suitable), Some(vec![RjStatus::Logged, RjStatus::Transferred]));
        assert_eq!(rj_advance(RjStatus::RiskAssessment), None, "a decision, not a move");
        assert_eq!(rj_advance(RjStatus::Closed), None);
    }

    #[test]
    fn a_meeting_is_held_neither_in_the_future_nor_early_without_a_reason() {
        let today = d("2026-11-20");
        assert!(check_held_on(d("2026-11-21"), None, today, Some("why")).unwrap_err().contains("still to come"));
        let early = check_held_on(d("2026-11-10"), Some(d("2026-11-12")), today, None).unwrap_err();
        assert!(early.contains("planned for 2026-11-12"), "{early}");
        assert!(check_held_on(d("2026-11-10"), Some(d("2026-11-12")), today, Some("  ")).is_err());
        assert!(check_held_on(d("2026-11-10"), Some(d("2026-11-12")), today, Some("brought forward")).is_ok());
        assert!(check_held_on(d("2026-11-12"), Some(d("2026-11-12")), today, None).is_ok());
        assert!(check_held_on(d("2026-11-20"), None, today, None).is_ok());
    }
}
