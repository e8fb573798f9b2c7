//! Case references, numbered per prefix and year, and checks on intake.

use casedesk::domain::types::Service;
use casedesk::store::{OpenMode, Store};
use rusqlite::Connection;

use super::{case, d, err_text, FileDb};

// --------------------------------------------------------------- references

#[test]
fn references_are_numbered_per_prefix_and_year() {
    let mut store = Store::open_in_memory().unwrap();
    let plan = [
        (Service::RestorativeJustice, "2026-01-05", "RJ-2026-0001"),
        (Service::RestorativeJustice, "2026-11-20", "RJ-2026-0002"),
        (Service::Oocd, "2026-03-01", "OOCD-2026-0001"),
        (Service::Mediation, "2026-03-01", "MED-2026-0001"),
        (Service::RestorativeJustice, "2025-12-31", "RJ-2025-0001"),
        (Service::Oocd, "2026-03-02", "OOCD-2026-0002"),
        (Service::RestorativeJustice, "2026-06-30", "RJ-2026-0003"),
        (Service::Mediation, "2027-01-04", "MED-2027-0001"),
    ];
    let mut seen = std::collections::HashSet::new();
    for (service, received, want) in plan {
        let key = store.write(|tx| tx.create_case(&case(service, received))).unwrap();
        assert_eq!(key.reference, want);
        assert!(seen.insert(key.reference), "duplicate reference {want}");
    }
}

#[test]
fn references_continue_after_a_reopen() {
    let mut db = FileDb::new();
    for _ in 0..2 {
        db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))).unwrap();
    }
    let FileDb { dir, path, store } = db;
    drop(store);
    let mut store = Store::open(&path, OpenMode::MustExist).unwrap();
    let key = store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-20"))).unwrap();
    assert_eq!(key.reference, "RJ-2026-0003");
    let distinct: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT COUNT(DISTINCT ref) FROM case_file", [], |r| r.get(0))
        .unwrap();
    assert_eq!(distinct, 3);
    drop(dir);
}

#[test]
fn an_offence_after_the_referral_date_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let mut nc = case(Service::Oocd, "2026-11-02");
    nc.offence_date = Some(d("2026-11-03"));
    let msg = err_text(store.write(|tx| tx.create_case(&nc)));
    assert!(msg.contains("after the date the referral was received"), "{msg}");
    // Nothing was numbered.
    let key = store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    assert_eq!(key.reference, "OOCD-2026-0001");
}
