//! The generator's own tests: determinism, coverage of every Today section
//! and status, and the facts a reader of the demo relies on.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{generate, DemoOptions, DemoReport};
use crate::domain::triage::TodaySection;
use crate::store::{Day, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn generated(cases: u32, seed: u64, today: NaiveDate) -> (Store, DemoReport) {
    let mut store = Store::open_in_memory().unwrap();
    let report = generate(&mut store, &DemoOptions { cases, seed, today }).unwrap();
    (store, report)
}

/// Every case's reference, service, status, received date and closure, in reference order.
fn dump(store: &mut Store) -> Vec<String> {
    store
        .write(|tx| {
            let mut stmt = tx.conn().prepare(
                "SELECT ref, service, status, received_on, COALESCE(closed_on, ''),
                        (SELECT COUNT(*) FROM condition k WHERE k.case_id = c.id),
                        (SELECT COUNT(*) FROM case_party p WHERE p.case_id = c.id)
                 FROM case_file c ORDER BY ref",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(format!(
                    "{} {} {} {} {} {} {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?
                ))
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

fn count(store: &mut Store, sql: &str) -> i64 {
    store.write(|tx| Ok(tx.conn().query_row(sql, [], |r| r.get(0))?)).unwrap()
}

#[test]
fn same_seed_gives_the_same_cases() {
    let today = d("2026-11-20");
    let (mut a, ra) = generated(120, 7, today);
    let (mut b, rb) = generated(120, 7, today);
    assert_eq!(ra, rb);
    assert_eq!(dump(&mut a), dump(&mut b));
}

#[test]
fn different_seed_gives_different_cases() {
    let today = d("2026-11-20");
    let (mut a, _) = generated(120, 7, today);
    let (mut b, _) = generated(120, 8, today);
    assert_ne!(dump(&mut a), dump(&mut b));
}

#[test]
fn every_today_section_has_entries_and_the_database_checks_out() {
    let today = d("2026-11-20");
    let (mut store, report) = generated(200, 42, today);
    assert_eq!(report.cases, 200);
    assert_eq!(count(&mut store, "SELECT COUNT(*) FROM case_file"), 200);
    assert_eq!(i64::from(report.people), count(&mut store, "SELECT COUNT(*) FROM person"));
    assert_eq!(i64::from(report.conditions), count(&mut store, "SELECT COUNT(*) FROM condition"));
    assert_eq!(i64::from(report.agreement_items), count(&mut store, "SELECT COUNT(*) FROM agreement_item"));
    assert_eq!(i64::from(report.contacts), count(&mut store, "SELECT COUNT(*) FROM contact_log"));
    assert_eq!(i64::from(report.closed), count(&mut store, "SELECT COUNT(*) FROM retention"));

    let (cal, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let items = store.today_items(&Day::new(today, &cal, &rules)).unwrap();
    for section in demo_sections() {
        let n = items.iter().filter(|i| i.section == *section).count();
        assert!(n >= 1, "Today section {section:?} is empty");
    }
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn fifty_cases_fill_every_today_section_and_the_summary() {
    let today = d("2026-11-20");
    let (store, _) = generated(50, 1, today);
    let (cal, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let day = Day::new(today, &cal, &rules);
    let items = store.today_items(&day).unwrap();
    for section in demo_sections() {
        assert!(items.iter().any(|i| i.section == *section), "Today section {section:?} is empty");
    }
    let s = store.summary(&day).unwrap();
    assert!(!s.referrals_received.is_empty(), "no referral received today");
    assert!(!s.decisions.is_empty(), "no decision made today");
    assert!(!s.conditions_completed.is_empty(), "no condition completed today");
    assert!(!s.breaches.new_today.is_empty(), "no breach identified today");
    assert!(!s.breaches.awaiting_decision.is_empty());
    assert!(!s.breaches.decided_today.is_empty());
    assert!(s.contacts_logged > 0, "no contact logged today");
    assert!(!s.awaiting_manager_signoff.is_empty());
    assert!(!s.meetings_next_5_working_days.is_empty());
}

#[test]
fn every_status_of_both_machines_appears() {
    let today = d("2026-11-20");
    let (mut store, _) = generated(200, 3, today);
    let statuses: HashSet<String> = dump(&mut store).iter().map(|l| l.split(' ').nth(2).unwrap().to_string()).collect();
    for s in [
        "draft",
        "issued",
        "active",
        "at_risk",
        "breach_suspected",
        "breach_referred",
        "varied",
        "prosecution",
        "completed",
        "closed",
        "withdrawn",
        "received",
        "sense_check",
        "awaiting_info",
        "risk_assessment",
        "suitable",
        "logged",
        "transferred",
        "contacting_parties",
        "preparation",
        "process_arranged",
        "process_held",
        "agreement_monitoring",
        "paused",
    ] {
        assert!(statuses.contains(s), "no case is {s}");
    }
}

#[test]
fn youth_offenders_are_14_to_17_and_old_cases_await_retention_review() {
    let today = d("2026-11-20");
    let (mut store, _) = generated(200, 5, today);
    let bad_youth = count(
        &mut store,
        "SELECT COUNT(*) FROM oocd_disposal o JOIN case_file c ON c.id = o.case_id
         JOIN case_party cp ON cp.case_id = c.id AND cp.role = 'offender' JOIN person p ON p.id = cp.person_id
         WHERE o.disposal_type IN ('youth_conditional_caution', 'youth_caution')
           AND (CAST((julianday(o.issued_on) - julianday(p.dob)) / 365.25 AS INTEGER) NOT BETWEEN 14 AND 17)",
    );
    assert_eq!(bad_youth, 0);
    let old = count(&mut store, "SELECT COUNT(*) FROM retention WHERE review_due <= '2026-11-20'");
    assert!(old >= 2);
    let future_received = count(&mut store, "SELECT COUNT(*) FROM case_file WHERE received_on > '2026-11-20'");
    assert_eq!(future_received, 0);
}

#[test]
fn tiny_and_empty_demos_work() {
    let today = d("2026-11-21"); // a Saturday
    let (_, r0) = generated(0, 1, today);
    assert_eq!(r0.cases, 0);
    let (store, r3) = generated(3, 1, today);
    assert_eq!(r3.cases, 3);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_bank_holiday_today_still_fills_every_section() {
    let today = d("2026-12-25"); // Christmas Day; next working day Tue 29 Dec
    let (store, _) = generated(60, 9, today);
    let (cal, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let items = store.today_items(&Day::new(today, &cal, &rules)).unwrap();
    for section in demo_sections() {
        assert!(items.iter().any(|i| i.section == *section), "Today section {section:?} is empty");
    }
    assert!(store.check().unwrap().is_ok());
}

/// The Today sections a generated desk fills: every one, the police record
/// to update too, since the generator finalises most completed disposals
/// and leaves a few of their police records to update.
fn demo_sections() -> impl Iterator<Item = &'static TodaySection> {
    TodaySection::ALL.iter()
}

#[test]
fn most_completed_disposals_are_finalised_and_most_police_records_updated() {
    let (mut store, _) = generated(200, 42, d("2026-11-20"));
    let ended_where =
        "FROM oocd_disposal d JOIN case_file c ON c.id = d.case_id WHERE c.status IN ('completed', 'closed')";
    let ended = count(&mut store, &format!("SELECT COUNT(*) {ended_where}"));
    let finalised = count(&mut store, &format!("SELECT COUNT(d.finalised_on) {ended_where}"));
    let updated = count(&mut store, &format!("SELECT COUNT(d.police_record_updated_on) {ended_where}"));
    let counts = (ended, finalised, updated);
    assert!(finalised * 2 > ended && finalised < ended, "most finalised, some not: {counts:?}");
    assert!(updated * 2 > finalised && updated < finalised, "most records updated, a few not: {counts:?}");
    let uncoded = "SELECT COUNT(*) FROM oocd_disposal WHERE finalised_on IS NOT NULL AND ho_outcome_code IS NULL";
    assert_eq!(count(&mut store, uncoded), 0, "every finalised disposal has its Home Office outcome");
}

#[test]
fn the_demo_fills_every_kind_of_the_directory_with_one_vetting_lapsed_and_one_due() {
    use crate::domain::directory::{vetting_due, DirectoryKind};
    let today = d("2026-11-20");
    let (store, _) = generated(10, 7, today);
    for kind in DirectoryKind::ALL {
        assert!(!store.directory(Some(kind)).unwrap().is_empty(), "no {} in the demo", kind.noun());
    }
    let facilitators = store.directory(Some(DirectoryKind::Facilitator)).unwrap();
    let rules = store.rules().unwrap();
    let due: Vec<_> =
        facilitators.iter().filter_map(|f| f.vetting_expires).filter(|e| vetting_due(*e, today, &rules)).collect();
    assert_eq!(due.len(), 2, "one lapsed, one within the month: {due:?}");
    assert!(facilitators.iter().all(|f| !f.trained_in.is_empty()));
    let venues = store.directory(Some(DirectoryKind::Venue)).unwrap();
    assert!(venues.iter().all(|v| !v.rooms.is_empty()), "every venue has its rooms");
}
