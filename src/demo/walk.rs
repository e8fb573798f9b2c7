//! A referral's walk through its statuses, from sense-check to where its
//! plan ends it (DOMAIN.md §9.3): withdrawn and paused referrals stop
//! part-way. The meeting and the agreement are in `meeting`.

use super::checklist::RjCtx;
use super::gen::Gen;
use super::plan::{Clock, Planned, RStage};
use super::sink::Desk;
use crate::domain::checklist::{Answer, Decision};
use crate::domain::closure::{WithdrawalReason, WithdrawnBy};
use crate::domain::status::RjStatus;
use crate::domain::types::{ContactChannel, DataSubjectCategory, PartyRole};
use crate::store::{StoreResult, Withdrawal};

impl<W: Desk> Gen<'_, W> {
    pub(super) fn rj_walk(&mut self, p: &Planned, rc: &mut RjCtx, clk: &mut Clock, stage: RStage) -> StoreResult<()> {
        let cal = self.cal;
        let harmed = rc.parties.harmed;
        let resp = rc.parties.offender;
        // Where a withdrawn or paused referral stops.
        let stop = match stage {
            RStage::Withdrawn => self.pick(&[
                RStage::SenseCheck,
                RStage::Contacting,
                RStage::Preparation,
                RStage::Preparation,
                RStage::Arranged,
            ]),
            RStage::Paused => self.pick(&[RStage::Contacting, RStage::Preparation]),
            s => s,
        };
        if stop == RStage::Received {
            return self.closing_contacts(rc.id, p, None, clk.at);
        }
        // Sense-check, with a detour for missing information on some.
        let last = stop == RStage::SenseCheck && stage == stop;
        let on = clk.step(cal, last, 1);
        self.status(rc, RjStatus::SenseCheck, on)?;
        if stop == RStage::SenseCheck {
            self.sense_check(rc, on, false)?;
            return self.end_rj(p, rc, stage, clk, resp);
        }
        if stop == RStage::AwaitingInfo || self.chance(0.2) {
            self.sense_check(rc, on, false)?;
            let on = clk.step(cal, stop == RStage::AwaitingInfo, 1);
            self.status(rc, RjStatus::AwaitingInfo, on)?;
            self.contact(
                rc.id,
                None,
                on,
                ContactChannel::Email,
                true,
                "Asked the referrer for dates of birth and consent to share",
                Some("Awaiting reply"),
                if stop == RStage::AwaitingInfo { Some(self.add_wd(on, 3)) } else { None },
            )?;
            if stop == RStage::AwaitingInfo {
                return self.end_rj(p, rc, stage, clk, None);
            }
            let on = clk.tick(cal, 3);
            self.status(rc, RjStatus::SenseCheck, on)?;
        }
        let on = clk.tick(cal, 1);
        self.sense_check(rc, on, true)?;
        let risk_last = stop == RStage::RiskIncomplete;
        let on = clk.step(cal, risk_last, 2);
        self.status(rc, RjStatus::RiskAssessment, on)?;
        match stop {
            RStage::RiskIncomplete => {
                for code in ["SU_ACCEPTS", "SU_WILLING_HARMED", "SU_CAPACITY"] {
                    self.answer(rc, code, Answer::Yes, None, on)?;
                }
                self.answer(rc, "SU_WILLING_RESP", Answer::Unknown, None, on)?;
                self.answer(rc, "RK_VIOLENCE", Answer::Unknown, None, on)?;
                return self.end_rj(p, rc, stage, clk, harmed);
            }
            RStage::RiskReferToManager => {
                let on = clk.finish();
                self.assess(rc, on, 1)?;
                self.decide(rc, on, Decision::ReferToManager)?;
                return self.end_rj(p, rc, stage, clk, None);
            }
            RStage::NotSuitableClosed => {
                let on = clk.tick(cal, 4);
                self.assess(rc, on, 2)?;
                self.decide(rc, on, Decision::NotSuitable)?;
                let on = clk.finish();
                self.contact(
                    rc.id,
                    None,
                    on,
                    ContactChannel::Letter,
                    true,
                    "Wrote to the referrer explaining the referral cannot go ahead",
                    None,
                    None,
                )?;
                return self.close(rc.id, on, "Not suitable for a restorative process");
            }
            _ => {}
        }
        let on = clk.step(cal, stop == RStage::Suitable, 4);
        self.assess(rc, on, 0)?;
        self.decide(rc, on, Decision::Suitable)?;
        if stop == RStage::Suitable {
            return self.end_rj(p, rc, stage, clk, None);
        }
        let on = clk.step(cal, stop == RStage::Logged, 1);
        self.status(rc, RjStatus::Logged, on)?;
        if stop == RStage::Logged {
            return self.end_rj(p, rc, stage, clk, None);
        }
        let on = clk.step(cal, stop == RStage::Transferred, 1);
        let coord_id = self.coordinators.iter().find(|c| c.1 == rc.coordinator).map_or(0, |c| c.0);
        self.w.assign_coordinator(rc.id, coord_id, on)?;
        self.status(rc, RjStatus::Transferred, on)?;
        if stop == RStage::Transferred {
            return self.end_rj(p, rc, stage, clk, None);
        }
        let on = clk.step(cal, stop == RStage::Contacting && stage == stop, 3);
        self.status(rc, RjStatus::ContactingParties, on)?;
        let reply =
            self.pick(&["Interested; wants to think it over", "Keen to go ahead", "Asked for information by letter"]);
        self.phone_out(
            rc.id,
            harmed,
            on,
            "First contact with the harmed party; explained the process and that it is voluntary",
            reply,
        )?;
        let reply = self.pick(&["Willing to take part", "Wants to apologise", "Will decide after a home visit"]);
        self.phone_out(rc.id, resp, on, "First contact with the responsible party", reply)?;
        if stop == RStage::Contacting {
            return self.end_rj(p, rc, stage, clk, harmed);
        }
        let on = clk.step(cal, stop == RStage::Preparation && stage == stop, 8);
        self.status(rc, RjStatus::Preparation, on)?;
        self.contact(
            rc.id,
            harmed,
            on,
            ContactChannel::Visit,
            true,
            "Preparation home visit",
            Some("Ground rules discussed"),
            None,
        )?;
        if self.chance(0.6) {
            let s = self.new_person(None, None);
            self.party(rc.id, &s, PartyRole::Supporter, DataSubjectCategory::Other)?;
        }
        if stop == RStage::Preparation {
            return self.end_rj(p, rc, stage, clk, resp);
        }
        self.meeting(p, rc, clk, stage, stop)
    }

    /// Finish a referral at its planned status: withdraw or pause it if that
    /// is the plan, then the follow-up contacts an open referral carries.
    pub(super) fn end_rj(
        &mut self,
        p: &Planned,
        rc: &RjCtx,
        stage: RStage,
        clk: &mut Clock,
        person: Option<i64>,
    ) -> StoreResult<()> {
        match stage {
            RStage::Withdrawn => {
                let on = clk.finish();
                let why = self.pick(&[
                    "Harmed party decided not to take part",
                    "Responsible party withdrew consent",
                    "Withdrawn by the service: safety concerns after new information",
                ]);
                // Who and why as the withdraw form records them; a harmed
                // party changing their mind mid-way withdraws consent (a
                // decline at the outset would end the case as closed).
                let (by, reason) = match why {
                    "Harmed party decided not to take part" => {
                        (WithdrawnBy::HarmedParty, WithdrawalReason::ConsentWithdrawn)
                    }
                    "Responsible party withdrew consent" => {
                        (WithdrawnBy::ResponsibleParty, WithdrawalReason::ConsentWithdrawn)
                    }
                    _ => (WithdrawnBy::Service, WithdrawalReason::SafetyConcern),
                };
                let withdrawal = Withdrawal { by, reason, note: why.to_string(), on };
                self.withdraw(rc.id, &withdrawal)?;
                self.contact(rc.id, person, on, ContactChannel::Phone, false, why, Some("Referrer informed"), None)
            }
            RStage::Paused => {
                let on = clk.finish();
                self.status(rc, RjStatus::Paused, on)?;
                self.email_in(
                    rc.id,
                    on,
                    "Paused pending the outcome of related court proceedings",
                    "Review after the trial date",
                )?;
                self.closing_contacts(rc.id, p, person, on)
            }
            _ => {
                let at = clk.at;
                self.closing_contacts(rc.id, p, person, at)
            }
        }
    }
}
