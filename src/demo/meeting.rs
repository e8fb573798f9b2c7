//! The restorative meeting (or indirect process), and the outcome or
//! mediation agreement that may follow it (DOMAIN.md §9.7–§9.10).

use chrono::{Duration, NaiveDate, NaiveTime};
use rand::seq::SliceRandom;

use super::checklist::RjCtx;
use super::gen::{Due, Gen};
use super::names::{CO_FACILITATORS, REFRESHMENTS, VENUES};
use super::plan::{weighted, Clock, Planned, RStage};
use super::remedies::{AgreementText, MEDIATION_AGREEMENT_ITEMS, RJ_AGREEMENT_ITEMS};
use super::sink::Desk;
use crate::domain::status::RjStatus;
use crate::domain::types::{AgreementItemKind, ProcessKind, ProcessStatus};
use crate::store::model::{NewAgreement, NewAgreementItem, NewProcess};
use crate::store::StoreResult;

impl<W: Desk> Gen<'_, W> {
    /// Arrange the meeting (or indirect process) and, as far as the plan
    /// goes, hold it.
    pub(super) fn meeting(
        &mut self,
        p: &Planned,
        rc: &mut RjCtx,
        clk: &mut Clock,
        stage: RStage,
        stop: RStage,
    ) -> StoreResult<()> {
        let cal = self.cal;
        let harmed = rc.parties.harmed;
        let direct = rc.mediation || p.anchor || self.chance(0.7);
        let kind = match (rc.mediation, direct) {
            (true, true) => ProcessKind::MediationJointMeeting,
            (true, false) => ProcessKind::MediationShuttle,
            (false, true) => self.pick(&[
                ProcessKind::FaceToFaceConference,
                ProcessKind::FaceToFaceConference,
                ProcessKind::CommunityConference,
            ]),
            (false, false) => {
                self.pick(&[ProcessKind::ShuttleIndirect, ProcessKind::LetterOfApology, ProcessKind::VideoCall])
            }
        };
        let arranged_on = clk.step(cal, stop == RStage::Arranged && stage == stop, 8);
        let holding = matches!(stage, RStage::Held | RStage::Monitoring | RStage::Closed);
        let (held_on, scheduled) = if holding {
            let held = clk.step(cal, matches!(stage, RStage::Held | RStage::Monitoring), 8);
            (Some(held), held)
        } else if stage == RStage::Arranged && p.anchor {
            let today_ok = self.cal.is_working_day(self.today) && self.chance(0.5);
            (None, if today_ok { self.today } else { self.next_wd })
        } else if stage == RStage::Arranged {
            (None, self.add_rwd(self.today, 1, 15))
        } else {
            (None, self.add_rwd(arranged_on, 5, 10))
        };
        let time = if rc.mediation && self.chance(0.5) {
            NaiveTime::from_hms_opt(18, 0, 0)
        } else {
            NaiveTime::from_hms_opt(self.pick(&[10, 11, 14]) as u32, self.pick(&[0, 30]) as u32, 0)
        }
        .unwrap_or_default();
        // Two facilitators: the coordinator and a colleague or volunteer (§9.7, §9.10).
        let (_, second) = self.coordinator();
        let co = if second == rc.coordinator { self.pick(CO_FACILITATORS) } else { second };
        let room_booked = !(p.anchor && rc.mediation) && self.chance(0.85);
        let venue = self.pick(VENUES).to_string();
        let refreshments = self.pick(REFRESHMENTS).to_string();
        let status = if self.chance(0.6) { ProcessStatus::Confirmed } else { ProcessStatus::Planned };
        let process = NewProcess {
            kind,
            // Letters and shuttle messages have no meeting time until they are done.
            scheduled_for: (held_on.is_some()
                || !matches!(
                    kind,
                    ProcessKind::LetterOfApology | ProcessKind::ShuttleIndirect | ProcessKind::MediationShuttle
                ))
            .then(|| scheduled.and_time(time)),
            venue: direct.then_some(venue),
            room_booked: direct && room_booked,
            refreshments: direct.then_some(refreshments),
            facilitators: format!("{}; {co}", rc.coordinator),
            participants: if rc.parties.parent.is_some() {
                "harmed party and supporter; responsible party and parent".into()
            } else {
                "harmed party and supporter; responsible party".into()
            },
            status,
        };
        let process_id = self.w.add_process(rc.id, &process)?;
        self.report.processes += 1;
        self.status(rc, RjStatus::ProcessArranged, arranged_on)?;
        if stop == RStage::Arranged {
            if stage == RStage::Withdrawn {
                self.w.set_process_status(
                    process_id,
                    ProcessStatus::Cancelled,
                    clk.end,
                    Some("Harmed party withdrew consent".into()),
                )?;
            }
            return self.end_rj(p, rc, stage, clk, harmed);
        }
        let held_on = held_on.unwrap_or(arranged_on);
        self.w.set_process_status(process_id, ProcessStatus::Held, held_on, None)?;
        self.status(rc, RjStatus::ProcessHeld, held_on)?;
        let with_agreement = stage == RStage::Monitoring || (stage == RStage::Closed && self.chance(0.65));
        if stage == RStage::Held || !with_agreement {
            if stage == RStage::Closed {
                let on = clk.finish();
                self.phone_out(rc.id, harmed, on, "Post-meeting follow-up call", "Satisfied")?;
                return self.close(rc.id, on, "Process held; no agreement wanted");
            }
            return self.end_rj(p, rc, stage, clk, harmed);
        }
        self.agreement(p, rc, clk, stage, process_id, held_on)
    }

    /// The outcome agreement (§9.9): SMART items, each with an owner and a date.
    fn agreement(
        &mut self,
        p: &Planned,
        rc: &mut RjCtx,
        clk: &mut Clock,
        stage: RStage,
        process_id: i64,
        held_on: NaiveDate,
    ) -> StoreResult<()> {
        let (harmed, resp) = (rc.parties.harmed, rc.parties.offender);
        let review = self.add_wd(held_on, 20);
        let agreement = self.w.add_agreement(&NewAgreement {
            process_id,
            agreed_on: held_on,
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: Some(review),
        })?;
        self.status(rc, RjStatus::AgreementMonitoring, held_on)?;
        let n = self.between(2, 4) as usize;
        // Some agreements are all done, and the harmed party still to be told (§9.9).
        let mut plan: Vec<Due> = if stage == RStage::Closed || (!p.anchor && self.chance(0.15)) {
            vec![Due::Done; n]
        } else if p.anchor {
            vec![Due::Done, Due::Overdue, Due::Today, Due::Soon]
        } else {
            (0..n).map(|_| weighted(&mut self.rng, ITEM_DUES)).collect()
        };
        plan.truncate(4);
        let planned = plan.len();
        if !p.planned_only {
            let all_done = plan.iter().all(|d| *d == Due::Done);
            let more = self.on_extra_stream(|g| g.more_item_dues(all_done));
            plan.extend(more);
        }
        let horizon = if stage == RStage::Closed { clk.end } else { self.today };
        let agreed = Agreed { id: agreement, held_on, horizon };
        let mut kinds = if rc.mediation { MEDIATION_AGREEMENT_ITEMS.to_vec() } else { RJ_AGREEMENT_ITEMS.to_vec() };
        kinds.shuffle(&mut self.rng);
        for (n, (due_kind, item)) in plan.iter().copied().zip(kinds).enumerate() {
            self.on_stream(n >= planned, |g| g.agreement_item(rc, &agreed, due_kind, item))?;
        }
        if stage == RStage::Closed {
            let on = clk.finish();
            self.w.mark_harmed_informed(agreement, on, "completed")?;
            self.phone_out(
                rc.id,
                harmed,
                on,
                "Told the harmed party every agreed action is done",
                "Thanked the service",
            )?;
            return self.close(rc.id, on, "Agreement completed; harmed party informed");
        }
        self.end_rj(p, rc, stage, clk, resp)
    }

    /// Further items beyond the planned ones (one to three, as the list of
    /// kinds allows): done if the rest are, else any state.
    fn more_item_dues(&mut self, all_done: bool) -> Vec<Due> {
        let n = weighted(&mut self.rng, &[(1usize, 25), (2, 40), (3, 35)]);
        (0..n).map(|_| if all_done { Due::Done } else { weighted(&mut self.rng, ITEM_DUES) }).collect()
    }

    /// One SMART item of an agreement: who does what by when, and whether it
    /// is done.
    fn agreement_item(&mut self, rc: &RjCtx, agreed: &Agreed, due_kind: Due, item: AgreementText) -> StoreResult<()> {
        let (kind, text, by_harmed) = item;
        let (held_on, horizon) = (agreed.held_on, agreed.horizon);
        let (due, done) = match due_kind {
            Due::Done => {
                let due = held_on + Duration::days(self.between(7, 35));
                let latest = due.min(horizon).max(held_on);
                (due, Some(self.day_between(held_on, latest)))
            }
            Due::Overdue => {
                let due = (self.today - Duration::days(self.between(1, 15))).max(held_on + Duration::days(1));
                (due.min(self.today - Duration::days(1)), None)
            }
            Due::Today => (self.today, None),
            Due::Soon => (self.add_rwd(self.today, 1, 5), None),
            _ => (self.today + Duration::days(self.between(12, 45)), None),
        };
        let (owner_id, owner_name) = if by_harmed {
            (rc.parties.harmed, rc.parties.harmed_name.as_str())
        } else {
            (rc.parties.offender, rc.parties.offender_name.as_str())
        };
        let amount = (kind == AgreementItemKind::RestitutionPayment).then(|| self.between(3, 20) * 1000);
        let description = match amount {
            Some(a) => format!("{text} (£{})", a / 100),
            None => text.to_string(),
        };
        let method =
            self.pick(&["Coordinator phone check", "Receipt or photo sent to the coordinator", "Provider confirms"]);
        let new_item = NewAgreementItem {
            description,
            kind,
            owner: owner_name.to_string(),
            responsible_person_id: owner_id,
            amount_pence: amount,
            due_on: due,
            monitoring_method: Some(method.to_string()),
        };
        let item = self.w.add_agreement_item(agreed.id, &new_item)?;
        self.report.agreement_items += 1;
        if let Some(done) = done {
            self.w.complete_agreement_item(item, done, "Confirmed by the coordinator")?;
        }
        Ok(())
    }
}

/// When an item of an agreement still running falls due.
const ITEM_DUES: &[(Due, u32)] =
    &[(Due::Done, 30), (Due::Overdue, 15), (Due::Today, 5), (Due::Soon, 20), (Due::Later, 30)];

/// An agreement as its items need it: its id, the day it was made, and the
/// last day anything in the case happens.
struct Agreed {
    id: i64,
    held_on: NaiveDate,
    horizon: NaiveDate,
}
