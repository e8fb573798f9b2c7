//! A breach of a disposal's conditions and the decision on it (CJA 2003
//! s.24 / s.24A; PCSC 2022 for community cautions), and a variation's new date.

use chrono::{Duration, NaiveDate};

use super::gen::Gen;
use super::plan::{OStage, Planned};
use super::sink::Desk;
use crate::domain::status::{BreachDecision, DisposalType};
use crate::domain::types::ComplianceEventType;
use crate::store::model::{BreachOutcome, NewBreach};
use crate::store::StoreResult;

impl<W: Desk> Gen<'_, W> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn breach_path(
        &mut self,
        p: &Planned,
        id: i64,
        disposal: DisposalType,
        stage: OStage,
        cid: i64,
        due: NaiveDate,
        issued: NaiveDate,
    ) -> StoreResult<()> {
        let horizon = p.horizon;
        let identified = if p.anchor && stage == OStage::BreachSuspected {
            self.today
        } else {
            self.add_rwd(due, 1, 4).min(horizon)
        };
        self.w.add_compliance_event(
            cid,
            identified,
            ComplianceEventType::NonComplianceReported,
            "Provider reports the condition was not completed by the due date",
        )?;
        let excuse = self.chance(0.3);
        let referred = stage != OStage::BreachSuspected;
        let referred_on = self.add_rwd(identified, 0, 2).min(horizon);
        let referred_to = self.pick(&["Officer in the case", "Custody sergeant", "OOCD decision maker (Insp)"]);
        self.report.breaches += 1;
        let breach_id = self.w.record_breach(
            &NewBreach {
                case_id: id,
                condition_id: Some(cid),
                identified_on: identified,
                description: "Condition not completed by its due date; no contact from the offender".into(),
                reasonable_excuse_claimed: excuse,
                referred_to: referred.then(|| referred_to.to_string()),
                referred_on: referred.then_some(referred_on),
            },
            identified,
        )?;
        let decided_on = if p.anchor { self.today } else { self.add_rwd(referred_on, 1, 6).min(horizon) };
        let decide = |decision, new_due_on: Option<NaiveDate>, assessment: &str| BreachOutcome {
            decision,
            decision_on: decided_on,
            new_due_on,
            excuse_assessment: Some(assessment.to_string()),
            time_limit_reason: new_due_on.and_then(|due| beyond_limit(issued, due)).map(str::to_string),
        };
        match stage {
            OStage::BreachSuspected | OStage::BreachReferred => {}
            OStage::Varied => {
                let on = self.add_rwd(referred_on, 1, 4).min(self.today);
                self.w.change_status(id, "varied", on)?;
                let new_due = self.variation_due(on, issued);
                self.w.vary_condition_due_beyond_limit(
                    cid,
                    new_due,
                    "Variation agreed by the decision maker; signed variation awaited before restart",
                    on,
                    self.rules,
                    beyond_limit(issued, new_due),
                )?;
            }
            OStage::VariedRestarted => {
                let new_due = self.variation_due(decided_on, issued);
                let outcome = decide(
                    BreachDecision::VaryConditions,
                    Some(new_due),
                    "Reasonable excuse partly accepted (hospital appointment); new date set",
                );
                self.w.decide_breach(breach_id, &outcome, self.rules)?;
            }
            OStage::ClosedNfa => {
                let assessment = "Reasonable excuse accepted: evidence of illness provided";
                // The decision closes the case with its outcome.
                self.report.closed += 1;
                self.w.decide_breach(
                    breach_id,
                    &decide(BreachDecision::NoFurtherAction, None, assessment),
                    self.rules,
                )?;
                // The draw that once dated a separate closing, kept so that
                // every demo desk (and the snapshots of it) stays as it was.
                let _ = self.add_rwd(decided_on, 0, 5);
            }
            OStage::Prosecution | OStage::ClosedProsecuted => {
                let decision = if disposal == DisposalType::CommunityCaution {
                    BreachDecision::FinancialPenaltyImposed
                } else {
                    BreachDecision::ProsecuteOriginalOffence
                };
                let assessment = "No reasonable excuse; offender did not engage after two reminders";
                self.w.decide_breach(breach_id, &decide(decision, None, assessment), self.rules)?;
                if stage == OStage::ClosedProsecuted {
                    let on = self.add_rwd(decided_on, 5, 25).min(horizon);
                    let outcome = if decision == BreachDecision::ProsecuteOriginalOffence {
                        "Prosecuted for the original offence after breach (HO outcome 1)"
                    } else {
                        "Financial penalty imposed for non-compliance"
                    };
                    self.close(id, on, outcome)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A new due date after a variation: a few weeks on, within the 20-week
    /// ceiling where the issue date still allows it (§2.4).
    fn variation_due(&mut self, from: NaiveDate, issued: NaiveDate) -> NaiveDate {
        let due = from + Duration::days(self.between(10, 35));
        let ceiling = issued + Duration::days(140);
        if ceiling >= from + Duration::days(10) {
            due.min(ceiling)
        } else {
            due
        }
    }
}

/// The reason the demo records for a new date past the normal 16 weeks
/// (DOMAIN.md §2.4): the store refuses one without a reason.
fn beyond_limit(issued: NaiveDate, due: NaiveDate) -> Option<&'static str> {
    (due > issued + Duration::weeks(16)).then_some("the provider's next course starts after the normal limit")
}
