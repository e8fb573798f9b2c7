//! The generator's state and its small helpers: random choices, people,
//! contacts, and the reference data (providers, coordinators) every case uses.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::names::{AREAS, FAMILY, GIVEN, LANGUAGES, STREETS};
use super::plan::{add_wd, plan_cases, sub_wd, wd_on_or_before, Plan, Planned};
use super::sink::Desk;
use super::{DemoOptions, DemoReport};
use crate::domain::rules::Rules;
use crate::domain::types::{ContactChannel, DataSubjectCategory, PartyRole};
use crate::domain::workdays::WorkCalendar;
use crate::store::model::{NewContact, NewPerson, NewProvider, PartyLink};
use crate::store::{StoreResult, Withdrawal};

#[derive(Default)]
pub(super) struct Providers {
    pub(super) alcohol: i64,
    pub(super) drugs: i64,
    pub(super) unpaid: i64,
    pub(super) victim_awareness: i64,
    pub(super) anger: i64,
    pub(super) yot: i64,
}

pub(super) struct Gen<'g, W: Desk> {
    pub(super) w: &'g mut W,
    pub(super) rng: ChaCha8Rng,
    /// A second stream for the conditions and agreement items added beyond
    /// the planned ones: drawing them here leaves every other value what
    /// the planned stream alone makes it (the screens' tests rely on that).
    pub(super) extra: ChaCha8Rng,
    pub(super) cal: &'g WorkCalendar,
    pub(super) rules: &'g Rules,
    pub(super) today: NaiveDate,
    pub(super) next_wd: NaiveDate,
    pub(super) providers: Providers,
    pub(super) coordinators: Vec<(i64, &'static str)>,
    pub(super) used_refs: HashSet<String>,
    pub(super) doc_seq: u32,
    pub(super) report: DemoReport,
}

/// The people of a case, by role.
#[derive(Default)]
pub(super) struct Parties {
    pub(super) offender: Option<i64>,
    pub(super) offender_name: String,
    pub(super) harmed: Option<i64>,
    pub(super) harmed_name: String,
    pub(super) parent: Option<i64>,
}

/// When a condition falls due, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Due {
    Done,
    /// Done, and completed today.
    DoneToday,
    Overdue,
    Today,
    Soon,
    Later,
    /// Missed: a breach is recorded against it.
    Breach,
}

/// Make every planned case through `w`, reference data first.
pub(super) fn run<W: Desk>(
    w: &mut W,
    rules: &Rules,
    cal: &WorkCalendar,
    opts: &DemoOptions,
) -> StoreResult<DemoReport> {
    let today = opts.today;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let plans = plan_cases(&mut rng, opts.cases, today, cal);
    let mut extra = ChaCha8Rng::seed_from_u64(opts.seed);
    extra.set_stream(1);
    let mut g = Gen {
        w,
        rng,
        extra,
        cal,
        rules,
        today,
        next_wd: cal.next_working_day(today),
        providers: Providers::default(),
        coordinators: Vec::new(),
        used_refs: HashSet::new(),
        doc_seq: 0,
        report: DemoReport::default(),
    };
    g.reference_data()?;
    for p in &plans {
        match p.plan {
            Plan::Oocd(d, s) => g.oocd_case(p, d, s)?,
            Plan::Rj(service, s) => g.rj_case(p, service, s)?,
        }
        g.w.end_case()?;
    }
    Ok(g.report)
}

impl<W: Desk> Gen<'_, W> {
    // ---- small random helpers ----

    /// Run `f` drawing from the second random stream.
    pub(super) fn on_extra_stream<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        std::mem::swap(&mut self.rng, &mut self.extra);
        let value = f(self);
        std::mem::swap(&mut self.rng, &mut self.extra);
        value
    }

    /// Run `f` on the second stream if `extra`, else on the first.
    pub(super) fn on_stream<T>(&mut self, extra: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        if extra {
            self.on_extra_stream(f)
        } else {
            f(self)
        }
    }

    pub(super) fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        *xs.choose(&mut self.rng).expect("non-empty list")
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        self.rng.random_range(lo..=hi)
    }

    pub(super) fn add_wd(&self, d: NaiveDate, n: u32) -> NaiveDate {
        add_wd(self.cal, d, n)
    }

    pub(super) fn sub_wd(&self, d: NaiveDate, n: u32) -> NaiveDate {
        sub_wd(self.cal, d, n)
    }

    /// `d` plus a random number of working days from lo to hi.
    pub(super) fn add_rwd(&mut self, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
        let n = self.rng.random_range(lo..=hi);
        add_wd(self.cal, d, n)
    }

    pub(super) fn sub_rwd(&mut self, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
        let n = self.rng.random_range(lo..=hi);
        sub_wd(self.cal, d, n)
    }

    /// A working day chosen evenly in [lo, hi] (lo if the range is empty).
    pub(super) fn day_between(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        if hi <= lo {
            return lo;
        }
        let d = lo + Duration::days(self.between(0, (hi - lo).num_days()));
        wd_on_or_before(self.cal, d).max(lo)
    }

    pub(super) fn phone(&mut self) -> String {
        format!("07700 900{:03}", self.between(0, 999))
    }

    pub(super) fn crime_ref(&mut self, offence_date: NaiveDate) -> String {
        loop {
            let r = format!("CR/{:06}/{:02}", self.between(1, 999_999), offence_date.year() % 100);
            if self.used_refs.insert(r.clone()) {
                return r;
            }
        }
    }

    pub(super) fn doc_ref(&mut self, prefix: &str, on: NaiveDate) -> String {
        self.doc_seq += 1;
        format!("{prefix}/{:02}/{:05}", on.year() % 100, self.doc_seq)
    }

    pub(super) fn address(&mut self) -> String {
        let (area, district) = self.pick(AREAS);
        let street = self.pick(STREETS);
        let number = self.between(1, 140);
        let letters = b"ABDEFGHJLNPQRSTUWXYZ";
        let l1 = letters[self.between(0, letters.len() as i64 - 1) as usize] as char;
        let l2 = letters[self.between(0, letters.len() as i64 - 1) as usize] as char;
        format!("{number} {street}, {area}, Kelvington KV{district} {}{l1}{l2}", self.between(1, 9))
    }

    /// An invented person; `age_at` gives an age (from lo to hi) on a date.
    pub(super) fn new_person(&mut self, family: Option<&str>, age_at: Option<(NaiveDate, u32, u32)>) -> NewPerson {
        let given = self.pick(GIVEN);
        let family = family.unwrap_or_else(|| self.pick(FAMILY)).to_string();
        let mut p = NewPerson::named(given, &family);
        p.dob = age_at.map(|(on, lo, hi)| {
            let age = self.rng.random_range(lo..=hi);
            let anniversary = on.with_year(on.year() - age as i32).unwrap_or(on - Duration::days(365 * age as i64));
            anniversary - Duration::days(self.between(1, 360))
        });
        p.phone = Some(self.phone());
        let handle: String = family.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        p.email = self
            .chance(0.8)
            .then(|| format!("{}.{}{}@example.org", given.to_lowercase(), handle.to_lowercase(), self.between(1, 99)));
        p.address = Some(self.address());
        p.contact_pref = Some(self.pick(&["phone", "phone", "email", "letter", "sms"]).to_string());
        if self.chance(0.05) {
            p.interpreter_language = Some(self.pick(LANGUAGES).to_string());
        }
        p
    }

    pub(super) fn party(
        &mut self,
        case_id: i64,
        p: &NewPerson,
        role: PartyRole,
        category: DataSubjectCategory,
    ) -> StoreResult<i64> {
        self.report.people += 1;
        self.w.add_party(case_id, p, PartyLink { role, category })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn contact(
        &mut self,
        case_id: i64,
        person_id: Option<i64>,
        on: NaiveDate,
        channel: ContactChannel,
        outgoing: bool,
        summary: &str,
        outcome: Option<&str>,
        follow_up_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        self.report.contacts += 1;
        self.w
            .log_contact(&NewContact {
                case_id,
                person_id,
                occurred_on: on,
                channel,
                outgoing,
                summary: summary.to_string(),
                outcome: outcome.map(str::to_string),
                follow_up_on,
            })
            .map(|_| ())
    }

    /// An outgoing phone call and how it went, with nothing to follow up.
    pub(super) fn phone_out(
        &mut self,
        case_id: i64,
        person: Option<i64>,
        on: NaiveDate,
        summary: &str,
        outcome: &str,
    ) -> StoreResult<()> {
        self.contact(case_id, person, on, ContactChannel::Phone, true, summary, Some(outcome), None)
    }

    /// An email received about the case, and what was done with it.
    pub(super) fn email_in(&mut self, case_id: i64, on: NaiveDate, summary: &str, outcome: &str) -> StoreResult<()> {
        self.contact(case_id, None, on, ContactChannel::Email, false, summary, Some(outcome), None)
    }

    /// The follow-up (and today's call) that leaves an open case on the Today list.
    pub(super) fn closing_contacts(
        &mut self,
        case_id: i64,
        p: &Planned,
        person: Option<i64>,
        last: NaiveDate,
    ) -> StoreResult<()> {
        if p.anchor {
            let (summary, outcome) = self.pick(&[
                ("Phoned to confirm the next step", "Confirmed; will call back if anything changes"),
                ("Called to check on progress", "Left voicemail; text sent"),
                ("Email update sent and acknowledged", "Acknowledged the same day"),
            ]);
            self.contact(case_id, person, self.today, ContactChannel::Phone, true, summary, Some(outcome), None)?;
        }
        if p.follow_up {
            let due = if p.anchor || self.chance(0.3) { self.today } else { self.sub_rwd(self.today, 1, 6) };
            let on = self.sub_rwd(due, 1, 5).max(p.received).min(self.today);
            let (channel, summary, outcome) = self.pick(&[
                (ContactChannel::Phone, "Left a voicemail asking for a call back", "No answer"),
                (ContactChannel::Letter, "Letter sent asking to confirm availability", "Awaiting reply"),
                (ContactChannel::Phone, "Spoke briefly; asked to ring back after work", "Call back agreed"),
                (ContactChannel::Sms, "Texted a reminder with the desk's number", "Delivered; no reply yet"),
                (ContactChannel::Email, "Emailed the referrer for an update", "Awaiting reply"),
            ]);
            self.contact(case_id, person, on, channel, true, summary, Some(outcome), Some(due))?;
        } else if !p.archived && self.chance(0.3) {
            let due = self.add_rwd(self.today, 2, 12);
            let on = last.min(self.today);
            self.contact(
                case_id,
                person,
                on,
                ContactChannel::Email,
                true,
                "Sent a reminder of the next appointment",
                Some("Read receipt received"),
                Some(due),
            )?;
        }
        Ok(())
    }

    pub(super) fn close(&mut self, id: i64, on: NaiveDate, outcome: &str) -> StoreResult<()> {
        self.report.closed += 1;
        self.w.close_case(id, on, outcome, self.rules)
    }

    /// Withdraw a case with who and why, as the withdraw form records them.
    pub(super) fn withdraw(&mut self, id: i64, withdrawal: &Withdrawal) -> StoreResult<()> {
        self.report.closed += 1;
        self.w.withdraw_case(id, withdrawal, self.rules).map(|_| ())
    }

    // ---- reference data ----

    pub(super) fn reference_data(&mut self) -> StoreResult<()> {
        fn provider<W: Desk>(
            tx: &mut W,
            name: &str,
            kind: &str,
            sla: u32,
            mail: &str,
            phone: &str,
        ) -> StoreResult<i64> {
            tx.add_provider(&NewProvider {
                name: name.to_string(),
                kind: kind.to_string(),
                email: Some(format!("{mail}@example.org")),
                phone: Some(phone.to_string()),
                sla_ack_working_days: sla,
            })
        }
        let tx = &mut *self.w;
        self.providers = Providers {
            alcohol: provider(
                tx,
                "Northgate Alcohol Awareness",
                "substance_misuse",
                5,
                "alcohol.awareness",
                "01632 960114",
            )?,
            drugs: provider(
                tx,
                "Compass Drug & Alcohol Service",
                "substance_misuse",
                3,
                "referrals.compass",
                "01632 960220",
            )?,
            unpaid: provider(tx, "Riverside Unpaid Work Team", "unpaid_work", 5, "unpaid.work", "01632 960305")?,
            victim_awareness: provider(
                tx,
                "Victim Awareness Course (Eastfield)",
                "course",
                5,
                "victim.awareness",
                "01632 960418",
            )?,
            anger: provider(tx, "Anger Management Programme (Northgate)", "course", 10, "thinkfirst", "01632 960532")?,
            yot: provider(tx, "Kelvington Youth Justice Service", "yot", 2, "yjs.referrals", "01632 960647")?,
        };
        provider(tx, "Kelvington Community Mediation", "mediation", 5, "mediation", "01632 960761")?;
        provider(tx, "Harbourside Victim Care Hub", "other", 2, "victimcare", "01632 960873")?;
        for (name, org, level) in [
            ("Sarah Whitcombe", "Kelvington Restorative Justice Service", "advanced"),
            ("Idris Bello", "Kelvington Restorative Justice Service", "intermediate"),
            ("Magda Kowalczyk", "Kelvington Community Mediation", "advanced"),
            ("Owen Trevelyan", "Kelvington Restorative Justice Service", "foundation"),
        ] {
            let id = self.w.add_coordinator(name, org, level)?;
            self.coordinators.push((id, name));
        }
        Ok(())
    }
}
