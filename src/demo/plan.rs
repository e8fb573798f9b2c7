//! Planning: which cases to make (service, disposal, the status each ends
//! in) and when each was received and last moved, before any is written. The
//! first cases are a fixed coverage list, so that from about 50 cases every
//! section of the Today list and of the end-of-day summary has something in it.

use chrono::{Datelike, Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::domain::status::DisposalType;
use crate::domain::types::Service;
use crate::domain::workdays::WorkCalendar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OStage {
    Draft,
    Issued,
    Active,
    AtRisk,
    BreachSuspected,
    BreachReferred,
    /// Left in VARIED: the variation is agreed, the restart not yet recorded.
    Varied,
    /// Breach decided "vary conditions": back to ACTIVE with a new due date.
    VariedRestarted,
    Prosecution,
    Completed,
    Closed,
    ClosedNfa,
    ClosedProsecuted,
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RStage {
    Received,
    SenseCheck,
    AwaitingInfo,
    RiskIncomplete,
    RiskReferToManager,
    Suitable,
    NotSuitableClosed,
    Logged,
    Transferred,
    Contacting,
    Preparation,
    Arranged,
    Held,
    Monitoring,
    Closed,
    Withdrawn,
    Paused,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Plan {
    Oocd(DisposalType, OStage),
    Rj(Service, RStage),
}

/// One case to make. For an OOCD case `end` is the issue date (the date
/// received for a draft); for a referral it is the date of its last status change.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub(super) plan: Plan,
    pub(super) received: NaiveDate,
    pub(super) end: NaiveDate,
    /// Nothing about the case happens after this day (today, or the closure
    /// date of a case closed years ago).
    pub(super) horizon: NaiveDate,
    /// Its today-event happens today (received / decided / completed / breach
    /// found / meeting), with a contact logged today.
    pub(super) anchor: bool,
    /// It has a follow-up due on or before today.
    pub(super) follow_up: bool,
    pub(super) archived: bool,
    /// Made with only its planned conditions and agreement items, none added
    /// (see `PLANNED_ONLY`).
    pub(super) planned_only: bool,
}

/// Cases that make every Today section and every summary line non-empty;
/// generated first, in this order, so even a small demo covers the most.
pub(super) const COVERAGE: &[(Plan, bool)] = {
    use DisposalType as D;
    use Plan::{Oocd, Rj};
    use Service::{Mediation as M, RestorativeJustice as R};
    &[
        (Rj(R, RStage::Received), true),
        (Oocd(D::AdultConditionalCaution, OStage::Active), true),
        (Rj(R, RStage::Monitoring), true),
        (Rj(R, RStage::Arranged), true),
        (Oocd(D::CommunityResolution, OStage::Closed), false), // archived (see plan_cases)
        (Rj(R, RStage::RiskReferToManager), true),
        (Rj(M, RStage::SenseCheck), false),
        (Rj(M, RStage::Arranged), true),
        (Oocd(D::AdultConditionalCaution, OStage::BreachSuspected), true),
        (Rj(R, RStage::Suitable), true),
        (Rj(R, RStage::Closed), false), // archived
        (Oocd(D::CommunityResolution, OStage::Active), true),
        (Oocd(D::YouthConditionalCaution, OStage::Active), false),
        (Oocd(D::AdultConditionalCaution, OStage::Completed), true),
        (Rj(R, RStage::RiskIncomplete), false),
        (Oocd(D::AdultConditionalCaution, OStage::BreachReferred), false),
        (Oocd(D::CommunityResolution, OStage::AtRisk), false),
        (Oocd(D::AdultConditionalCaution, OStage::VariedRestarted), true),
        (Oocd(D::YouthConditionalCaution, OStage::Varied), false),
        (Rj(M, RStage::Monitoring), false),
        (Oocd(D::CommunityResolution, OStage::Closed), false),
        (Oocd(D::AdultConditionalCaution, OStage::Closed), false),
        (Oocd(D::AdultConditionalCaution, OStage::ClosedProsecuted), false),
        (Oocd(D::CommunityResolution, OStage::Draft), false),
        (Oocd(D::AdultConditionalCaution, OStage::Issued), false),
        (Oocd(D::CommunityResolution, OStage::Withdrawn), false),
        (Oocd(D::YouthCaution, OStage::Closed), false),
        (Oocd(D::DiversionaryCaution, OStage::Active), false),
        (Oocd(D::CommunityCaution, OStage::Active), false),
        (Rj(R, RStage::AwaitingInfo), false),
        (Rj(R, RStage::NotSuitableClosed), false),
        (Rj(R, RStage::Logged), false),
        (Rj(R, RStage::Transferred), false),
        (Rj(R, RStage::Contacting), false),
        (Rj(M, RStage::Preparation), false),
        (Rj(R, RStage::Held), false),
        (Rj(M, RStage::Closed), false),
        (Rj(R, RStage::Withdrawn), false),
        (Rj(M, RStage::Paused), false),
        (Oocd(D::YouthConditionalCaution, OStage::Completed), false),
        (Oocd(D::AdultConditionalCaution, OStage::ClosedNfa), false),
        (Rj(M, RStage::Received), true),
        (Oocd(D::AdultConditionalCaution, OStage::Prosecution), false),
        (Oocd(D::CommunityResolution, OStage::Completed), false),
        (Oocd(D::YouthConditionalCaution, OStage::Closed), false),
        (Rj(R, RStage::Preparation), false),
    ]
};

/// The first cases planned carry only their planned conditions and
/// agreement items; every later one has one to three more of each, as a
/// force-wide archive does (about 2.5 per case rather than 1.3). The first
/// thousand keep the lighter mix because the interface tests' fixed data
/// (screens and snapshots over demos of up to 900 cases) is made from them.
pub(super) const PLANNED_ONLY: usize = 1_000;

/// Indexes into COVERAGE of the cases closed six or more years ago.
pub(super) const COVERAGE_ARCHIVED: &[usize] = &[4, 10];

pub(super) fn weighted<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (value, weight) in table {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    table[0].0
}

pub(super) fn random_plan(rng: &mut ChaCha8Rng) -> (Plan, bool) {
    use DisposalType as D;
    let service = weighted(rng, &[(0u8, 55), (1, 30), (2, 13), (3, 2)]);
    match service {
        0 => {
            let disposal = weighted(
                rng,
                &[
                    (D::CommunityResolution, 45),
                    (D::AdultConditionalCaution, 30),
                    (D::YouthConditionalCaution, 15),
                    (D::YouthCaution, 4),
                    (D::DiversionaryCaution, 3),
                    (D::CommunityCaution, 3),
                ],
            );
            let mut stage = weighted(
                rng,
                &[
                    (OStage::Draft, 5),
                    (OStage::Issued, 5),
                    (OStage::Active, 25),
                    (OStage::AtRisk, 8),
                    (OStage::BreachSuspected, 5),
                    (OStage::BreachReferred, 5),
                    (OStage::Varied, 2),
                    (OStage::VariedRestarted, 3),
                    (OStage::Prosecution, 1),
                    (OStage::Completed, 10),
                    (OStage::Closed, 25),
                    (OStage::ClosedNfa, 2),
                    (OStage::ClosedProsecuted, 2),
                    (OStage::Withdrawn, 4),
                ],
            );
            if !disposal.has_breach_workflow() && breach_stage(stage) {
                stage = if stage == OStage::ClosedProsecuted || stage == OStage::ClosedNfa {
                    OStage::Closed
                } else {
                    OStage::Active
                };
            }
            if disposal == D::CommunityCaution && matches!(stage, OStage::Prosecution | OStage::ClosedProsecuted) {
                stage = OStage::ClosedNfa;
            }
            if disposal == D::YouthCaution && !matches!(stage, OStage::Draft | OStage::Issued | OStage::Withdrawn) {
                stage = OStage::Closed;
            }
            (Plan::Oocd(disposal, stage), false)
        }
        1 | 2 => {
            let svc = if service == 1 { Service::RestorativeJustice } else { Service::Mediation };
            let stage = weighted(
                rng,
                &[
                    (RStage::Received, 4),
                    (RStage::SenseCheck, 4),
                    (RStage::AwaitingInfo, 4),
                    (RStage::RiskIncomplete, 4),
                    (RStage::RiskReferToManager, 3),
                    (RStage::Suitable, 3),
                    (RStage::NotSuitableClosed, 5),
                    (RStage::Logged, 3),
                    (RStage::Transferred, 4),
                    (RStage::Contacting, 7),
                    (RStage::Preparation, 7),
                    (RStage::Arranged, 6),
                    (RStage::Held, 3),
                    (RStage::Monitoring, 10),
                    (RStage::Closed, 25),
                    (RStage::Withdrawn, 7),
                    (RStage::Paused, 3),
                ],
            );
            (Plan::Rj(svc, stage), false)
        }
        _ => {
            let plan = match rng.random_range(0..4) {
                0 => Plan::Oocd(D::AdultConditionalCaution, OStage::Closed),
                1 => Plan::Oocd(D::CommunityResolution, OStage::Closed),
                2 => Plan::Rj(Service::Mediation, RStage::Closed),
                _ => Plan::Rj(Service::RestorativeJustice, RStage::Closed),
            };
            (plan, true)
        }
    }
}

pub(super) fn breach_stage(s: OStage) -> bool {
    matches!(
        s,
        OStage::BreachSuspected
            | OStage::BreachReferred
            | OStage::Varied
            | OStage::VariedRestarted
            | OStage::Prosecution
            | OStage::ClosedNfa
            | OStage::ClosedProsecuted
    )
}

/// Nominal working days from receipt to the last status change of a referral.
pub(super) fn rj_span(stage: RStage) -> u32 {
    match stage {
        RStage::Received => 0,
        RStage::SenseCheck => 1,
        RStage::AwaitingInfo => 3,
        RStage::RiskIncomplete => 5,
        RStage::RiskReferToManager => 8,
        RStage::Suitable | RStage::NotSuitableClosed => 10,
        RStage::Logged => 12,
        RStage::Transferred => 14,
        RStage::Withdrawn => 18,
        RStage::Contacting => 20,
        RStage::Paused => 25,
        RStage::Preparation => 30,
        RStage::Arranged => 40,
        RStage::Held | RStage::Monitoring => 50,
        RStage::Closed => 70,
    }
}

pub(super) fn plan_cases(rng: &mut ChaCha8Rng, n: u32, today: NaiveDate, cal: &WorkCalendar) -> Vec<Planned> {
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n as usize {
        let (plan, anchor, archived) = match COVERAGE.get(i) {
            Some(&(plan, anchor)) => (plan, anchor, COVERAGE_ARCHIVED.contains(&i)),
            None => {
                let (plan, archived) = random_plan(rng);
                (plan, false, archived)
            }
        };
        let planned_only = i < PLANNED_ONLY;
        out.push(Planned { planned_only, ..plan_dates(rng, plan, anchor, archived, today, cal) });
    }
    // Cases arrive in date order, so references number upwards with time.
    out.sort_by_key(|p| p.received);
    out
}

pub(super) fn plan_dates(
    rng: &mut ChaCha8Rng,
    plan: Plan,
    anchor: bool,
    archived: bool,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Planned {
    // Old closed cases: closed six years ago or more, so the retention review is due.
    let horizon = if archived {
        let six_years_ago = today.with_year(today.year() - 6).unwrap_or(today - Duration::days(6 * 365));
        wd_on_or_before(cal, six_years_ago - Duration::days(rng.random_range(3..400)))
    } else {
        today
    };
    let sub = |rng: &mut ChaCha8Rng, d: NaiveDate, lo: u32, hi: u32| sub_wd(cal, d, rng.random_range(lo..=hi));
    let (received, end) = match plan {
        Plan::Oocd(_, stage) => match stage {
            OStage::Draft => {
                let r = if anchor { today } else { sub(rng, today, 0, 8) };
                (r, r)
            }
            OStage::Withdrawn => {
                let r = wd_on_or_before(cal, today - Duration::days(rng.random_range(10..200)));
                (r, add_wd(cal, r, rng.random_range(2..=8)).min(today))
            }
            OStage::Issued => {
                let i = if anchor { today } else { sub(rng, today, 0, 3) };
                (sub(rng, i, 2, 12), i)
            }
            OStage::Active
            | OStage::AtRisk
            | OStage::BreachSuspected
            | OStage::BreachReferred
            | OStage::Varied
            | OStage::VariedRestarted => {
                let i = sub(rng, today, 12, 70);
                (sub(rng, i, 2, 15), i)
            }
            OStage::Completed => {
                let i = sub(rng, today, 15, 70);
                (sub(rng, i, 2, 15), i)
            }
            OStage::Prosecution | OStage::Closed | OStage::ClosedNfa | OStage::ClosedProsecuted => {
                let back = if archived { rng.random_range(60..120) } else { rng.random_range(50..230) };
                let i = wd_on_or_before(cal, horizon - Duration::days(back));
                (sub(rng, i, 2, 15), i)
            }
        },
        Plan::Rj(_, stage) => {
            let end = match stage {
                RStage::Closed | RStage::NotSuitableClosed | RStage::Withdrawn => {
                    let back = if archived { 0 } else { rng.random_range(0..200) };
                    wd_on_or_before(cal, horizon - Duration::days(back))
                }
                // A meeting is arranged, and an agreement monitored, for a while
                // before today; their today-events are the meeting and the due items.
                RStage::Paused | RStage::Monitoring => sub(rng, today, 5, 40),
                RStage::Arranged => sub(rng, today, 1, 10),
                _ if anchor => today,
                RStage::Received | RStage::SenseCheck => sub(rng, today, 0, 4),
                _ => sub(rng, today, 0, 10),
            };
            let span = rj_span(stage);
            let received = if span == 0 { end } else { sub(rng, end, span, span + span / 2) };
            (received, end)
        }
    };
    let terminal = matches!(
        plan,
        Plan::Oocd(_, OStage::Closed | OStage::ClosedNfa | OStage::ClosedProsecuted | OStage::Withdrawn)
            | Plan::Rj(_, RStage::Closed | RStage::NotSuitableClosed | RStage::Withdrawn)
    );
    let follow_up = !terminal && (anchor || rng.random_bool(0.12));
    Planned { plan, received, end: end.max(received), horizon, anchor, follow_up, archived, planned_only: false }
}

//
// Stepping day by day: the gaps used here are a few working days, for which
// this is much cheaper than the calendar's binary search over all time.

pub(super) fn add_wd(cal: &WorkCalendar, mut d: NaiveDate, n: u32) -> NaiveDate {
    let mut k = 0;
    while k < n {
        d = d.succ_opt().unwrap_or(d);
        if cal.is_working_day(d) {
            k += 1;
        }
    }
    d
}

pub(super) fn sub_wd(cal: &WorkCalendar, mut d: NaiveDate, n: u32) -> NaiveDate {
    let mut k = 0;
    while k < n {
        d = d.pred_opt().unwrap_or(d);
        if cal.is_working_day(d) {
            k += 1;
        }
    }
    d
}

pub(super) fn wd_on_or_before(cal: &WorkCalendar, mut d: NaiveDate) -> NaiveDate {
    while !cal.is_working_day(d) {
        d = d.pred_opt().unwrap_or(d);
    }
    d
}

/// Walks a case forward from receipt in working-day steps, never past `end`.
pub(super) struct Clock {
    pub(super) at: NaiveDate,
    pub(super) end: NaiveDate,
}

impl Clock {
    pub(super) fn tick(&mut self, cal: &WorkCalendar, wd: u32) -> NaiveDate {
        self.at = add_wd(cal, self.at, wd).min(self.end).max(self.at);
        self.at
    }

    pub(super) fn finish(&mut self) -> NaiveDate {
        self.at = self.end.max(self.at);
        self.at
    }

    /// The last step of a case ends on its planned day; any other moves on
    /// `wd` working days.
    pub(super) fn step(&mut self, cal: &WorkCalendar, last: bool, wd: u32) -> NaiveDate {
        if last {
            self.finish()
        } else {
            self.tick(cal, wd)
        }
    }
}
