//! The conditions of a disposal, agreed before it is issued, when each falls
//! due and whether it was done, and where the case ends (DOMAIN.md §2.4,
//! §12.3).

use chrono::{Duration, NaiveDate};
use rand::seq::SliceRandom;

use super::gen::{Due, Gen, Parties};
use super::oocd::Issued;
use super::plan::{weighted, OStage, Planned};
use super::remedies::{condition_templates, evidence_for, CondTemplate};
use super::sink::Desk;
use crate::domain::caps::ConditionKind as K;
use crate::domain::status::{outcome_for, DisposalType, OffenceMode, OocdStatus};
use crate::domain::types::{ComplianceEventType, ContactChannel};
use crate::store::model::NewCondition;
use crate::store::{StoreError, StoreResult};

impl<W: Desk> Gen<'_, W> {
    /// Finalise a completed disposal as the administrator would: its Home
    /// Office outcome on the day it completed, and the police record
    /// updated a few working days later. Some are left as they were (ready
    /// to finalise) and a few finalised wait for their police record, so
    /// both Today sections have work. Chosen by the case's id, not drawn, so
    /// every other value the planned stream makes stays as it was.
    fn finalise(&mut self, id: i64, disposal: DisposalType, completed: NaiveDate) -> StoreResult<()> {
        if id % 5 == 0 {
            return Ok(());
        }
        let outcome = outcome_for(disposal, OocdStatus::Completed);
        let updated = (id % 4 != 0).then(|| self.add_wd(completed, (id % 3) as u32).min(self.today).max(completed));
        self.w.finalise_case(id, outcome, completed, updated)
    }

    /// The conditions of an issued disposal, then the status the plan ends in.
    pub(super) fn conditions_and_outcome(&mut self, p: &Planned, stage: OStage, c: &Issued) -> StoreResult<()> {
        let (id, disposal, issued, parties) = (c.id, c.disposal, c.on, &c.parties);
        let mut dues = self.planned_dues(p, stage, disposal);
        let planned = dues.len();
        if !p.planned_only && planned > 0 {
            let more = self.on_extra_stream(|g| g.more_dues(stage));
            dues.extend(more);
        }
        let templates = condition_templates(disposal);
        let chosen: Vec<usize> = {
            let mut idx: Vec<usize> = (0..templates.len()).collect();
            idx.shuffle(&mut self.rng);
            idx.truncate(dues.len().min(templates.len()));
            idx
        };
        dues.truncate(chosen.len());
        let conditions = chosen.iter().map(|slot| templates[*slot]).zip(dues).enumerate();

        if stage == OStage::Issued {
            for (n, (template, _)) in conditions {
                self.on_stream(n >= planned, |g| g.issued_condition(c, template))?;
            }
            self.w.change_status(id, "issued", issued)?;
            self.contact(
                id,
                parties.offender,
                issued,
                ContactChannel::Visit,
                true,
                "Caution administered at the station; conditions explained",
                Some("Signed; copy of conditions given"),
                None,
            )?;
            return self.closing_contacts(id, p, parties.offender, issued);
        }
        // Conditions are agreed before the caution is issued; a disposal
        // with none (a youth caution) is issued straight away.
        let mut given = false;
        if chosen.is_empty() {
            self.give(c, &mut given)?;
        }

        let mut last_done = issued;
        let mut breached: Option<(i64, NaiveDate)> = None;
        let mut open_soon = false;
        for (n, (template, due_kind)) in conditions {
            let (cid, due, done_on) =
                self.on_stream(n >= planned, |g| g.running_condition(p, stage, c, (template, due_kind), &mut given))?;
            open_soon |= matches!(due_kind, Due::Today | Due::Soon);
            last_done = last_done.max(done_on.unwrap_or(issued));
            if due_kind == Due::Breach {
                breached = Some((cid, due));
            }
        }

        let horizon = p.horizon;
        match stage {
            OStage::Active => {}
            OStage::AtRisk => {
                let on = self.sub_rwd(self.today, 0, 2).max(issued);
                if open_soon {
                    self.w.change_status(id, "at_risk", on)?;
                }
            }
            OStage::Completed | OStage::Closed => {
                let completed = if disposal == DisposalType::YouthCaution {
                    issued
                } else if p.anchor {
                    self.today
                } else {
                    last_done
                };
                self.w.change_status(id, "completed", completed)?;
                self.finalise(id, disposal, completed)?;
                if stage == OStage::Closed {
                    let on = self.add_rwd(completed, 0, 8).min(horizon).max(completed);
                    let outcome = match disposal {
                        DisposalType::CommunityResolution => "Agreed actions completed (HO outcome 8)",
                        DisposalType::YouthConditionalCaution | DisposalType::YouthCaution => {
                            "Youth disposal completed (HO outcome 2)"
                        }
                        DisposalType::AdultConditionalCaution => "All conditions complied with (HO outcome 3)",
                        _ => "Caution completed",
                    };
                    self.close(id, on, outcome)?;
                }
            }
            _ => {
                let (cid, due) =
                    breached.ok_or_else(|| StoreError::Invalid("a breach stage needs a breached condition".into()))?;
                self.breach_path(p, id, disposal, stage, cid, due, issued)?;
            }
        }
        let last = last_done.max(issued);
        if !matches!(stage, OStage::Closed | OStage::ClosedNfa | OStage::ClosedProsecuted) {
            self.closing_contacts(id, p, parties.offender, last)?;
        }
        Ok(())
    }

    /// When each of the case's planned conditions falls due, by the status
    /// the plan ends the case in.
    fn planned_dues(&mut self, p: &Planned, stage: OStage, disposal: DisposalType) -> Vec<Due> {
        let mut dues: Vec<Due> = match stage {
            OStage::Draft | OStage::Withdrawn => vec![],
            OStage::Issued => vec![Due::Later; self.between(1, 2) as usize],
            OStage::Completed | OStage::Closed if disposal == DisposalType::YouthCaution => vec![],
            OStage::Completed | OStage::Closed => {
                let mut v = vec![Due::Done; self.between(1, 3) as usize];
                if p.anchor {
                    v[0] = Due::DoneToday;
                }
                v
            }
            OStage::Active | OStage::AtRisk => {
                if p.anchor {
                    vec![Due::DoneToday, Due::Overdue, Due::Today, Due::Soon, Due::Later]
                } else {
                    let n = self.between(1, 3);
                    let mut v: Vec<Due> = (0..n).map(|_| self.random_due()).collect();
                    if stage == OStage::AtRisk {
                        v[0] = if self.chance(0.3) { Due::Today } else { Due::Soon };
                    }
                    v
                }
            }
            OStage::BreachSuspected | OStage::BreachReferred | OStage::Varied | OStage::VariedRestarted => {
                let n = self.between(0, 2);
                let mut v = vec![Due::Breach];
                v.extend((0..n).map(|_| self.random_due()));
                v
            }
            OStage::Prosecution | OStage::ClosedNfa | OStage::ClosedProsecuted => {
                let n = self.between(0, 2) as usize;
                let mut v = vec![Due::Breach];
                v.extend(std::iter::repeat_n(Due::Done, n));
                v
            }
        };
        if disposal == DisposalType::YouthCaution {
            dues.clear();
        }
        dues
    }

    /// Further conditions beyond the planned ones (one to three, as the
    /// disposal's list allows), in keeping with where the case ends: done if
    /// it is over, not yet due if just issued, anything while it runs.
    fn more_dues(&mut self, stage: OStage) -> Vec<Due> {
        let n = weighted(&mut self.rng, &[(1usize, 30), (2, 40), (3, 30)]);
        (0..n)
            .map(|_| match stage {
                OStage::Issued => Due::Later,
                OStage::Completed
                | OStage::Closed
                | OStage::Prosecution
                | OStage::ClosedNfa
                | OStage::ClosedProsecuted => Due::Done,
                _ => self.random_due(),
            })
            .collect()
    }

    /// Issue the disposal and start monitoring it, once.
    fn give(&mut self, c: &Issued, given: &mut bool) -> StoreResult<()> {
        if !*given {
            self.w.change_status(c.id, "issued", c.on)?;
            self.w.change_status(c.id, "active", c.on)?;
            *given = true;
        }
        Ok(())
    }

    /// A condition of a disposal about to be issued: due within its completion period.
    fn issued_condition(&mut self, c: &Issued, template: CondTemplate) -> StoreResult<()> {
        let due = (c.on + Duration::days(self.between(28, 90))).min(c.completion_due.unwrap_or(NaiveDate::MAX));
        self.add_condition(c.id, c.disposal, c.offence.mode, template, due, &c.parties).map(|_| ())
    }

    /// A condition of a running (or finished) disposal, done or not by its
    /// plan, the disposal issued once it is agreed; returns its id, its due
    /// date and the day it was done.
    fn running_condition(
        &mut self,
        p: &Planned,
        stage: OStage,
        c: &Issued,
        (template, due_kind): (CondTemplate, Due),
        given: &mut bool,
    ) -> StoreResult<(i64, NaiveDate, Option<NaiveDate>)> {
        // The last day anything happens in this case's own history.
        let (issued, horizon) = (c.on, p.horizon);
        let (mut due, done_on) = self.due_dates(due_kind, issued, horizon, c.completion_due);
        if due_kind == Due::Breach
            && matches!(stage, OStage::Prosecution | OStage::ClosedNfa | OStage::ClosedProsecuted)
        {
            // A breach dealt with long ago: missed a few weeks after issue.
            let latest = (horizon - Duration::days(25)).max(issued + Duration::days(7));
            due = (issued + Duration::days(self.between(20, 60))).min(latest);
        }
        let cid = self.add_condition(c.id, c.disposal, c.offence.mode, template, due, &c.parties)?;
        self.give(c, given)?;
        if let Some(done) = done_on {
            if template.0 == K::RehabCourse && self.chance(0.5) {
                self.w.add_compliance_event(
                    cid,
                    done,
                    ComplianceEventType::Attended,
                    "Provider confirmed attendance",
                )?;
            }
            self.w.complete_condition(cid, done, evidence_for(template.0))?;
        }
        Ok((cid, due, done_on))
    }

    pub(super) fn random_due(&mut self) -> Due {
        weighted(
            &mut self.rng,
            &[(Due::Done, 25), (Due::Overdue, 12), (Due::Today, 6), (Due::Soon, 17), (Due::Later, 40)],
        )
    }

    /// The due date of a condition and, if done, the day it was completed.
    pub(super) fn due_dates(
        &mut self,
        kind: Due,
        issued: NaiveDate,
        horizon: NaiveDate,
        completion_due: Option<NaiveDate>,
    ) -> (NaiveDate, Option<NaiveDate>) {
        let today = self.today;
        let limit = completion_due.unwrap_or(issued + Duration::days(112));
        match kind {
            Due::Done => {
                let due = issued + Duration::days(self.between(14, 84));
                let latest = due.min(horizon);
                let first = (issued + Duration::days(1)).min(latest);
                let done = self.day_between(first, latest);
                (due, Some(done))
            }
            Due::DoneToday => (today + Duration::days(self.between(0, 30)), Some(today)),
            Due::Overdue | Due::Breach => {
                let earliest = issued + Duration::days(7);
                let latest = today - Duration::days(if kind == Due::Breach { 3 } else { 1 });
                let due = today - Duration::days(self.between(1, 20));
                (due.max(earliest).min(latest).max(issued), None)
            }
            Due::Today => (today, None),
            Due::Soon => (self.add_rwd(today, 1, 5), None),
            Due::Later => {
                let due = today + Duration::days(self.between(12, 50));
                let floor = today + Duration::days(12);
                (if limit > floor { due.min(limit) } else { due }, None)
            }
        }
    }

    pub(super) fn add_condition(
        &mut self,
        case_id: i64,
        disposal: DisposalType,
        mode: OffenceMode,
        t: CondTemplate,
        due: NaiveDate,
        parties: &Parties,
    ) -> StoreResult<i64> {
        let (kind, object, what) = t;
        let mut c = NewCondition {
            kind,
            object,
            description: String::new(),
            provider_id: None,
            hours_required: None,
            amount_pence: None,
            payee: None,
            restriction_until: None,
            due_on: due,
            due_rule: None,
        };
        let harmed =
            if parties.harmed_name.is_empty() { "the person harmed".to_string() } else { parties.harmed_name.clone() };
        let youth = disposal.is_youth();
        c.description = match kind {
            K::RehabCourse => {
                let (provider, name, hours) = match what {
                    "alcohol" => (self.providers.alcohol, "Northgate Alcohol Awareness", self.between(3, 6)),
                    "anger" => (self.providers.anger, "Anger Management Programme (Northgate)", self.between(8, 12)),
                    _ if youth => (self.providers.yot, "victim awareness sessions (Youth Justice Service)", 3),
                    _ => (self.providers.victim_awareness, "Victim Awareness Course (Eastfield)", 3),
                };
                c.provider_id = Some(provider);
                c.hours_required = Some(hours as f64);
                format!("Attend and complete {name} ({hours} hours)")
            }
            K::RehabReferralSupport => {
                c.provider_id = Some(if youth { self.providers.yot } else { self.providers.drugs });
                c.hours_required = Some(2.0);
                "Attend an assessment and two support sessions about drug and alcohol use".to_string()
            }
            K::UnpaidWork => {
                let cap = match disposal {
                    DisposalType::DiversionaryCaution => 20,
                    DisposalType::CommunityCaution | DisposalType::YouthConditionalCaution => 8,
                    _ => 10,
                };
                let hours = self.between(cap / 2, cap);
                c.hours_required = Some(hours as f64);
                c.provider_id = Some(if youth { self.providers.yot } else { self.providers.unpaid });
                if youth {
                    format!("Complete {hours} hours of reparation activity arranged by the youth justice service")
                } else {
                    format!("Complete {hours} hours of unpaid work with the Riverside Unpaid Work Team")
                }
            }
            K::Attendance => {
                let hours = self.between(2, 6);
                c.hours_required = Some(hours as f64);
                format!("Attend {hours} hours of supervised reparation at the Eastfield community garden")
            }
            K::ReparationApologyLetter => {
                format!("Write a letter of apology to {harmed}, checked by the officer first")
            }
            K::ReparationRepairDamage => "Repair or clean off the damage caused, supervised by the council".to_string(),
            K::ReparationCompensation => {
                let pounds = if youth { self.between(2, 6) * 10 } else { self.between(2, 25) * 10 };
                c.amount_pence = Some(pounds * 100);
                c.payee = Some(harmed.clone());
                format!("Pay £{pounds} compensation to {harmed}")
            }
            K::FinancialPenalty => {
                let cap_pounds = match mode {
                    OffenceMode::SummaryOnly => 50,
                    OffenceMode::EitherWay => 100,
                    OffenceMode::IndictableOnly => 150,
                };
                let pounds = self.between(cap_pounds / 20, cap_pounds / 10) * 10;
                c.amount_pence = Some(pounds * 100);
                c.payee = Some("Kelvington Police (financial penalty account)".into());
                format!("Pay a financial penalty of £{pounds}")
            }
            K::RestrictiveNoContact => {
                c.restriction_until = Some(due);
                format!("Not contact {harmed} directly or indirectly until {}", crate::domain::dates::long(due))
            }
            K::AcceptableBehaviourContract => {
                "Sign and keep to a three-month acceptable behaviour contract".to_string()
            }
            K::ReparationRjParticipation => {
                "Take part in a restorative meeting with the person harmed if they wish".to_string()
            }
            _ => "Other agreed action".to_string(),
        };
        self.report.conditions += 1;
        let (cid, _warnings) = self.w.add_condition(case_id, &c, self.rules)?;
        Ok(cid)
    }
}
