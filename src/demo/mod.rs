//! Synthetic demonstration data: invented but realistic cases for a police
//! force's out-of-court disposals desk and its restorative justice / mediation
//! service (DOMAIN.md §2, §5, §9, §12).
//!
//! Everything is invented: people, streets (in the fictional town of
//! Kelvington), phone numbers in Ofcom's drama ranges, `@example.org` email
//! addresses, crime references, providers and officers. Every case is walked
//! through its statuses with the store's own write methods, so the status
//! machines, the caps, the checklist rules and the audit log all apply exactly
//! as they do for a real user (`generate`). For a large desk the same cases
//! are loaded in bulk instead (`generate_bulk`, `create_database`): written in
//! their final state, one audit row per case.
//!
//! Deterministic: the same seed, case count and `today` give the same cases,
//! people, dates, conditions, agreements and statuses. (The instants the store
//! itself stamps from the clock, `created_at` and the audit log's `at_utc`,
//! differ between runs.) No date is taken from the clock; all derive from
//! `today`.
//!
//! One exception to "every step through the real store functions" is worth
//! knowing: a case left in VARIED keeps its breach undecided, because the
//! store's breach decision moves a varied case straight back to ACTIVE.
//!
//! The modules follow a case: `plan` decides what to make; `gen` holds the
//! generator's state; `oocd`, `conditions` and `breach` make a disposal case;
//! `rj`, `checklist`, `walk` and `meeting` make a referral; `names`,
//! `offences` and `remedies` are the vocabulary; `sink` is where the writes go.

mod breach;
mod bulk;
#[cfg(test)]
mod bulk_tests;
mod checklist;
mod conditions;
mod directory;
mod gen;
mod meeting;
mod minutes;
mod names;
mod offences;
mod oocd;
mod plan;
mod profiles;
mod remedies;
mod rj;
mod sink;
#[cfg(test)]
mod tests;
mod walk;

use chrono::NaiveDate;

pub use bulk::{create_database, generate_bulk};
pub use profiles::fill as fill_profiles;

use crate::store::{Store, StoreResult};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub cases: u32,
    pub seed: u64,
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub cases: u32,
    pub people: u32,
    pub conditions: u32,
    pub agreement_items: u32,
    pub contacts: u32,
    pub processes: u32,
    pub breaches: u32,
    /// Cases ended, closed or withdrawn (each with a retention review booked).
    pub closed: u32,
}

/// Fill `store` with `opts.cases` invented cases as of `opts.today`, in one
/// transaction (all or nothing), each step through the store's audited writes.
pub fn generate(store: &mut Store, opts: &DemoOptions) -> StoreResult<DemoReport> {
    // The invented work is logged as done on the demo's day.
    store.set_desk_day(opts.today);
    store.write(|tx| pcsc_in_force(tx, opts.today))?;
    store.write(profiles::fill)?;
    store.write(|tx| directory::fill(tx, opts.seed, opts.today))?;
    record_meetings(store, opts.today)?;
    let rules = store.rules()?;
    let calendar = store.calendar()?;
    store.write(|tx| gen::run(tx, &rules, &calendar, opts))
}

/// The demo's meetings, an action owned by its first coordinator.
fn record_meetings(store: &mut Store, today: chrono::NaiveDate) -> StoreResult<()> {
    let coordinators = store.directory(Some(crate::domain::directory::DirectoryKind::Coordinator))?;
    let first = coordinators.into_iter().next().map(|c| (c.id, c.name));
    store.write(|tx| minutes::fill(tx, today, first))
}

/// The demo shows diversionary and community cautions at work, so its desk
/// holds PCSC Act 2022 Part 6 as in force from three years before its day,
/// before any invented case; a real desk has no such rule until the Part
/// commences (DOMAIN.md §4.1).
fn pcsc_in_force(tx: &mut crate::store::Tx<'_>, today: chrono::NaiveDate) -> StoreResult<bool> {
    use chrono::Datelike;
    let from = today.year() - 3;
    tx.add_rule_if_absent(&crate::domain::rules::Rule {
        id: crate::domain::legal::PCSC_COMMENCEMENT_RULE.to_string(),
        value: f64::from(from * 10_000 + 101),
        unit: "date (YYYYMMDD)".into(),
        source: "demo desk: an invented commencement date".into(),
        confidence: crate::domain::rules::Confidence::Unverified,
    })
}
