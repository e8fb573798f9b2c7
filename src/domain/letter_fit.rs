//! Whether a standard letter is true of its case (issue 15 §1, "Only when
//! true"): a notice of non-compliance only for a condition breached or
//! overdue, a reminder only for one still to do by its date, a confirmation
//! of completion only when every condition is done, an agreement's result
//! only when nothing of it is still open; letters of one service are not
//! written for a case of another. A letter that does not fit is refused with
//! the reason; `--force` writes it anyway, and the reason is audited. The
//! letters relaying an outcome to the referrer, the officer in the case and
//! Victim Support only once the case has one (`outcome_of`).
//!
//! Template names are the letters' own (assets/letters/*.md.j2).

use chrono::NaiveDate;

use super::case_status::CaseStatus;
use super::status::{OocdStatus, RjStatus};
use super::types::{ConditionStatus, Service};

/// The letters that relay a case's outcome to someone outside it.
pub const OUTCOME_LETTERS: [&str; 3] = ["outcome_to_referrer", "outcome_to_oic", "outcome_to_victim_support"];

/// What became of the case, in words, once something has: a disposal
/// completed or ended in prosecution, a restorative process held, a case
/// found not suitable, closed or withdrawn. None while it is under way.
pub fn outcome_of(status: CaseStatus) -> Option<&'static str> {
    Some(match status {
        CaseStatus::Oocd(OocdStatus::Completed) => "completed: every condition was done",
        CaseStatus::Oocd(OocdStatus::Prosecution) => {
            "referred for prosecution for the original offence, as the conditions were not complied with"
        }
        CaseStatus::Rj(RjStatus::ProcessHeld) => "the restorative process has been held",
        CaseStatus::Rj(RjStatus::AgreementMonitoring) => {
            "the restorative process was held, and what was agreed is being followed up"
        }
        CaseStatus::Rj(RjStatus::NotSuitable) => "assessed as not suitable for a restorative process",
        CaseStatus::Oocd(OocdStatus::Closed) | CaseStatus::Rj(RjStatus::Closed) => "closed",
        CaseStatus::Oocd(OocdStatus::Withdrawn) | CaseStatus::Rj(RjStatus::Withdrawn) => "withdrawn",
        _ => return None,
    })
}

/// One condition of the case, as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionState {
    pub id: i64,
    /// Its number on the case.
    pub seq: i64,
    /// Its kind, in words ("Unpaid work").
    pub name: String,
    pub status: ConditionStatus,
    pub due_on: NaiveDate,
}

impl ConditionState {
    fn overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_on < today
    }

    fn still_to_do(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_on >= today
    }

    fn not_complied(&self, today: NaiveDate) -> bool {
        self.status == ConditionStatus::Breached || self.overdue(today)
    }

    /// "condition 2 (Unpaid work, due 20 Nov 2026)".
    fn words(&self) -> String {
        format!("condition {} ({}, due {})", self.seq, self.name, super::dates::day(self.due_on))
    }
}

/// What the case holds that a letter could claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    pub service: Service,
    pub conditions: Vec<ConditionState>,
    /// The outcome agreement's items still open; None with no agreement.
    pub agreement_items_open: Option<usize>,
    /// What became of the case (`outcome_of`), once something has.
    pub outcome: Option<&'static str>,
}

/// The condition the letter is about (`chosen`, or the first that fits
/// when none was named; None for a letter about no condition), or why the
/// letter would not be true of the case.
pub fn letter_fits(
    template: &str,
    case: &CaseState,
    chosen: Option<i64>,
    today: NaiveDate,
) -> Result<Option<i64>, String> {
    let oocd = case.service == Service::Oocd;
    match template {
        "reminder_condition_due" => {
            need(oocd, "a reminder of a condition is for an out-of-court disposal")?;
            about(case, chosen, |c| c.still_to_do(today), |c| reminder_refusal(c, today))
        }
        "non_compliance_notice" => {
            need(oocd, "a notice of non-compliance is for an out-of-court disposal")?;
            about(
                case,
                chosen,
                |c| c.not_complied(today),
                |c| {
                    format!(
                        "{} is neither breached nor overdue, so a notice of non-compliance would not be true",
                        c.words()
                    )
                },
            )
        }
        "completion_confirmation" => {
            need(oocd, "a confirmation of completion is for an out-of-court disposal")?;
            all_completed(case).map(|()| chosen)
        }
        "agreement_result" => {
            need(!oocd, "the result of an outcome agreement is for a restorative justice or mediation case")?;
            agreement_settled(case).map(|()| chosen)
        }
        "handover" => {
            need(!oocd, "a handover pack for a coordinator is for a restorative justice or mediation case")?;
            Ok(chosen)
        }
        "rj_invitation" => {
            need(!oocd, "an invitation to restorative justice is for a restorative justice or mediation case")?;
            Ok(chosen)
        }
        name if OUTCOME_LETTERS.contains(&name) => match case.outcome {
            Some(_) => Ok(chosen),
            None => Err("the case has no outcome yet to relay: it is still under way".to_string()),
        },
        _ => Ok(chosen),
    }
}

fn need(holds: bool, reason: &str) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(format!("{reason}, not this case"))
    }
}

/// The condition named, if it fits; else the first (by due date) that
/// fits; else why none does.
fn about(
    case: &CaseState,
    chosen: Option<i64>,
    fits: impl Fn(&ConditionState) -> bool,
    refusal: impl Fn(&ConditionState) -> String,
) -> Result<Option<i64>, String> {
    if let Some(id) = chosen {
        return match case.conditions.iter().find(|c| c.id == id) {
            Some(c) if fits(c) => Ok(Some(id)),
            Some(c) => Err(refusal(c)),
            // Not one of the case's: the letter's own reading says so.
            None => Ok(Some(id)),
        };
    }
    let mut fitting: Vec<&ConditionState> = case.conditions.iter().filter(|c| fits(c)).collect();
    fitting.sort_by_key(|c| (c.due_on, c.seq));
    match (fitting.first(), case.conditions.first()) {
        (Some(c), _) => Ok(Some(c.id)),
        (None, Some(first)) => Err(refusal(first)),
        (None, None) => Err("the case has no conditions for the letter to be about".to_string()),
    }
}

fn reminder_refusal(c: &ConditionState, today: NaiveDate) -> String {
    if c.overdue(today) {
        format!("{} is already overdue: a reminder would not be true; write a notice of non-compliance", c.words())
    } else {
        format!("{} is {}, not still to do: a reminder would not be true", c.words(), c.status.label().to_lowercase())
    }
}

fn all_completed(case: &CaseState) -> Result<(), String> {
    if case.conditions.is_empty() {
        return Err("the case has no conditions, so there is no completion to confirm".to_string());
    }
    let not_done: Vec<String> = case
        .conditions
        .iter()
        .filter(|c| c.status != ConditionStatus::Completed)
        .map(|c| format!("{} is {}", c.words(), c.status.label().to_lowercase()))
        .collect();
    if not_done.is_empty() {
        Ok(())
    } else {
        Err(format!("not every condition is completed: {}", not_done.join("; ")))
    }
}

fn agreement_settled(case: &CaseState) -> Result<(), String> {
    match case.agreement_items_open {
        None => Err("the case has no outcome agreement yet".to_string()),
        Some(0) => Ok(()),
        Some(1) => Err("one agreed action is still open: record how it ended first".to_string()),
        Some(n) => Err(format!("{n} agreed actions are still open: record how they ended first")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn condition(id: i64, status: ConditionStatus, due: u32) -> ConditionState {
        ConditionState { id, seq: id, name: "Unpaid work".into(), status, due_on: day(due) }
    }

    fn oocd(conditions: Vec<ConditionState>) -> CaseState {
        CaseState { service: Service::Oocd, conditions, agreement_items_open: None, outcome: None }
    }

    #[test]
    fn a_non_compliance_notice_needs_a_breached_or_overdue_condition() {
        let today = day(20);
        let due_later = oocd(vec![condition(1, ConditionStatus::Active, 27)]);
        let err = letter_fits("non_compliance_notice", &due_later, None, today).unwrap_err();
        assert!(err.contains("neither breached nor overdue"), "{err}");
        let overdue = oocd(vec![condition(1, ConditionStatus::Active, 27), condition(2, ConditionStatus::Active, 18)]);
        assert_eq!(letter_fits("non_compliance_notice", &overdue, None, today), Ok(Some(2)));
        let breached = oocd(vec![condition(3, ConditionStatus::Breached, 25)]);
        assert_eq!(letter_fits("non_compliance_notice", &breached, Some(3), today), Ok(Some(3)));
        assert!(letter_fits("non_compliance_notice", &overdue, Some(1), today).is_err());
    }

    #[test]
    fn a_reminder_is_for_a_condition_still_to_do_by_its_date() {
        let today = day(20);
        let case = oocd(vec![condition(1, ConditionStatus::Active, 18), condition(2, ConditionStatus::Active, 20)]);
        assert_eq!(letter_fits("reminder_condition_due", &case, None, today), Ok(Some(2)));
        let err = letter_fits("reminder_condition_due", &case, Some(1), today).unwrap_err();
        assert!(err.contains("already overdue"), "{err}");
        let done = oocd(vec![condition(1, ConditionStatus::Completed, 25)]);
        let err = letter_fits("reminder_condition_due", &done, None, today).unwrap_err();
        assert!(err.contains("completed, not still to do"), "{err}");
    }

    #[test]
    fn completion_is_confirmed_only_when_every_condition_is_completed() {
        let today = day(20);
        let open = oocd(vec![condition(1, ConditionStatus::Completed, 10), condition(2, ConditionStatus::Active, 25)]);
        let err = letter_fits("completion_confirmation", &open, None, today).unwrap_err();
        assert!(err.contains("condition 2 (Unpaid work, due Wed 25 Nov 2026) is active"), "{err}");
        let done = oocd(vec![condition(1, ConditionStatus::Completed, 10)]);
        assert!(letter_fits("completion_confirmation", &done, None, today).is_ok());
        assert!(letter_fits("completion_confirmation", &oocd(vec![]), None, today).is_err());
    }

    #[test]
    fn letters_of_one_service_are_refused_for_another() {
        let today = day(20);
        let rj = CaseState {
            service: Service::RestorativeJustice,
            conditions: vec![],
            agreement_items_open: Some(0),
            outcome: None,
        };
        assert!(letter_fits("reminder_condition_due", &rj, None, today).unwrap_err().contains("out-of-court"));
        assert!(letter_fits("agreement_result", &rj, None, today).is_ok());
        assert!(letter_fits("rj_invitation", &oocd(vec![]), None, today).is_err());
        assert!(letter_fits("acknowledgement", &rj, None, today).is_ok());
    }

    #[test]
    fn an_agreement_result_waits_for_every_action_to_end() {
        let today = day(20);
        let mut rj =
            CaseState { service: Service::Mediation, conditions: vec![], agreement_items_open: None, outcome: None };
        assert!(letter_fits("agreement_result", &rj, None, today).unwrap_err().contains("no outcome agreement"));
        rj.agreement_items_open = Some(2);
        assert!(letter_fits("agreement_result", &rj, None, today).unwrap_err().contains("2 agreed actions"));
    }

    #[test]
    fn an_outcome_letter_waits_for_an_outcome() {
        let mut case = oocd(vec![condition(1, ConditionStatus::Completed, 10)]);
        for name in OUTCOME_LETTERS {
            let err = letter_fits(name, &case, None, day(20)).unwrap_err();
            assert!(err.contains("no outcome yet"), "{name}: {err}");
        }
        case.outcome = outcome_of(CaseStatus::Oocd(OocdStatus::Completed));
        for name in OUTCOME_LETTERS {
            assert_eq!(letter_fits(name, &case, None, day(20)), Ok(None), "{name}");
        }
        assert_eq!(outcome_of(CaseStatus::Oocd(OocdStatus::Active)), None);
        assert_eq!(outcome_of(CaseStatus::Rj(RjStatus::Preparation)), None);
        assert!(outcome_of(CaseStatus::Rj(RjStatus::ProcessHeld)).is_some());
    }
}
