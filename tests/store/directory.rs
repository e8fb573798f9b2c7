//! The directory: coordinators and providers added and retired, audited and
//! undone like every other change, and cases allocated and reallocated.

use casedesk::domain::directory::DirectoryKind;
use casedesk::store::NewDirectoryEntry;

use super::*;

fn entry(name: &str) -> NewDirectoryEntry {
    NewDirectoryEntry { name: name.into(), max_caseload: Some(2), team: Some("North".into()), ..Default::default() }
}

fn coordinator_of(conn: &Connection, case_id: i64) -> Option<i64> {
    conn.query_row("SELECT coordinator_id FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0)).unwrap()
}

#[test]
fn a_coordinator_added_is_listed_audited_and_undone() {
    let mut db = FileDb::new();
    let id = db.setup(|tx| tx.add_to_directory(DirectoryKind::Coordinator, &entry(" Priya   Shah ")));
    let listed = db.store.directory(Some(DirectoryKind::Coordinator)).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].name.as_str(), listed[0].team.as_deref()), ("Priya Shah", Some("North")));
    assert_eq!((listed[0].max_caseload, listed[0].active), (Some(2), true));
    let audit = audit_rows_after(&db.raw(), 0);
    let added = audit.iter().find(|r| r.entity == "coordinator").expect("the addition is audited");
    assert_eq!((added.op.as_str(), added.entity_id.clone()), ("collect", id.to_string()));

    let again = err_text(db.store.write(|tx| tx.add_to_directory(DirectoryKind::Coordinator, &entry("priya shah"))));
    assert!(again.contains("already a coordinator named priya shah"), "{again}");

    db.store.undo_last().unwrap();
    assert!(db.store.directory(Some(DirectoryKind::Coordinator)).unwrap().is_empty());
}

#[test]
fn retiring_keeps_the_entry_on_its_cases_and_off_the_choices_and_is_undone() {
    let mut db = FileDb::new();
    let (case_id, coordinator) = db.setup(|tx| {
        let coordinator = tx.add_to_directory(DirectoryKind::Coordinator, &entry("Priya Shah"))?;
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?;
        tx.assign_coordinator(key.id, coordinator, d("2026-10-02"))?;
        Ok((key.id, coordinator))
    });
    db.setup(|tx| tx.retire_from_directory(DirectoryKind::Coordinator, "PRIYA SHAH"));
    assert_eq!(coordinator_of(&db.raw(), case_id), Some(coordinator), "the case still names them");
    assert!(db.store.coordinator_choices().unwrap().is_empty());
    let listed = db.store.directory(None).unwrap();
    assert_eq!((listed.len(), listed[0].active, listed[0].open_cases), (1, false, 1));
    let retired = audit_rows_after(&db.raw(), 0).into_iter().last().unwrap();
    assert_eq!((retired.op.as_str(), retired.entity.as_str()), ("alter", "coordinator"));
    let twice = err_text(db.store.write(|tx| tx.retire_from_directory(DirectoryKind::Coordinator, "Priya Shah")));
    assert!(twice.contains("No active coordinator named Priya Shah"), "{twice}");

    db.store.undo_last().unwrap();
    assert_eq!(db.store.coordinator_choices().unwrap().len(), 1);
}

#[test]
fn a_provider_is_added_and_retired_by_name() {
    let mut db = FileDb::new();
    let mut new = NewDirectoryEntry { name: "Pathways Ltd".into(), ..Default::default() };
    new.email = Some("referrals@pathways.example".into());
    db.setup(|tx| tx.add_to_directory(DirectoryKind::Provider, &new));
    assert_eq!(db.store.active_providers(10).unwrap().len(), 1);
    db.setup(|tx| tx.retire_from_directory(DirectoryKind::Provider, "pathways ltd"));
    assert!(db.store.active_providers(10).unwrap().is_empty());
    assert_eq!(db.count("provider"), 1, "retired, never deleted");
}

#[test]
fn reallocating_keeps_its_reason_in_the_log_and_is_undone() {
    let mut db = FileDb::new();
    let (case_id, first, second) = db.setup(|tx| {
        let first = tx.add_to_directory(DirectoryKind::Coordinator, &entry("Priya Shah"))?;
        let second = tx.add_to_directory(DirectoryKind::Coordinator, &entry("Tom Hale"))?;
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?;
        tx.assign_coordinator(key.id, first, d("2026-10-02"))?;
        Ok((key.id, first, second))
    });
    let missing = err_text(db.store.write(|tx| tx.reallocate(case_id, second, "  ")));
    assert!(missing.contains("Say why"), "{missing}");
    db.setup(|tx| tx.reallocate(case_id, second, "Priya is on leave"));
    assert_eq!(coordinator_of(&db.raw(), case_id), Some(second));
    let why: String = db
        .raw()
        .query_row("SELECT justification FROM audit_log WHERE entity = 'case_file' ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(why, "Priya is on leave");

    db.store.undo_last().unwrap();
    assert_eq!(coordinator_of(&db.raw(), case_id), Some(first));
    db.setup(|tx| tx.retire_from_directory(DirectoryKind::Coordinator, "Tom Hale"));
    let retired = err_text(db.store.write(|tx| tx.reallocate(case_id, second, "back again")));
    assert!(retired.contains("retired"), "{retired}");
}

#[test]
fn the_caseload_counts_open_cases_by_status_per_coordinator() {
    let mut db = FileDb::new();
    db.setup(|tx| {
        let priya = tx.add_to_directory(DirectoryKind::Coordinator, &entry("Priya Shah"))?;
        tx.add_to_directory(DirectoryKind::Coordinator, &entry("Tom Hale"))?;
        for (service, received) in [
            (Service::RestorativeJustice, "2026-10-01"),
            (Service::Mediation, "2026-10-02"),
            (Service::RestorativeJustice, "2026-10-03"),
        ] {
            let key = tx.create_case(&case(service, received))?;
            tx.assign_coordinator(key.id, priya, d("2026-10-05"))?;
        }
        Ok(())
    });
    let loads = db.store.caseloads().unwrap();
    assert_eq!(
        loads.iter().map(|l| (l.name.as_str(), l.open_cases())).collect::<Vec<_>>(),
        [("Priya Shah", 3), ("Tom Hale", 0)]
    );
    assert_eq!(loads[0].by_status.len(), 1, "one line per status whichever the service: {:?}", loads[0].by_status);
    assert_eq!(loads[0].by_status[0].0.label(), "Received");
}

#[test]
fn facilitators_venues_and_agencies_are_added_edited_and_undone() {
    use casedesk::domain::directory::{AgencyKind, Training};
    use casedesk::store::NewRoom;
    let mut db = FileDb::new();
    let zoe = NewDirectoryEntry {
        name: "Zoë Nowak".into(),
        trained_in: vec![Training::Mediation],
        vetting_expires: Some(d("2027-03-31")),
        ..Default::default()
    };
    let id = db.setup(|tx| tx.add_to_directory(DirectoryKind::Facilitator, &zoe));
    let again = err_text(db.store.write(|tx| tx.add_to_directory(DirectoryKind::Facilitator, &entry("Zoe Nowak"))));
    assert!(again.contains("already a facilitator named Zoe Nowak"), "accents fold: {again}");

    let edited = NewDirectoryEntry { trained_in: vec![Training::Conference, Training::Shuttle], ..zoe.clone() };
    db.setup(|tx| tx.edit_directory_entry(DirectoryKind::Facilitator, id, &edited));
    let listed = db.store.directory(Some(DirectoryKind::Facilitator)).unwrap();
    assert_eq!(listed[0].trained_in, vec![Training::Conference, Training::Shuttle]);
    assert_eq!(listed[0].vetting_expires, Some(d("2027-03-31")));
    db.store.undo_last().unwrap();
    assert_eq!(db.store.directory(Some(DirectoryKind::Facilitator)).unwrap()[0].trained_in, vec![Training::Mediation]);

    let hall = NewDirectoryEntry { name: "Town Hall".into(), address: Some("1 High St".into()), ..Default::default() };
    let venue = db.setup(|tx| tx.add_to_directory(DirectoryKind::Venue, &hall));
    let room = NewRoom { name: "Hall".into(), capacity: Some(30), refreshments: true, ..Default::default() };
    db.setup(|tx| tx.add_room(venue, &room));
    let twice =
        err_text(db.store.write(|tx| tx.add_room(venue, &NewRoom { name: "hall".into(), ..Default::default() })));
    assert!(twice.contains("Town Hall already has a room named hall"), "{twice}");
    let venues = db.store.directory(Some(DirectoryKind::Venue)).unwrap();
    assert_eq!(
        (venues[0].rooms.len(), venues[0].rooms[0].capacity, venues[0].rooms[0].refreshments),
        (1, Some(30), true)
    );
    let audit = audit_rows_after(&db.raw(), 0);
    assert!(audit.iter().any(|r| r.entity == "venue_room" && r.op == "collect"), "the room is audited");
    db.store.undo_last().unwrap();
    assert!(db.store.directory(Some(DirectoryKind::Venue)).unwrap()[0].rooms.is_empty());

    let vs = NewDirectoryEntry {
        name: "Victim Support North".into(),
        agency_kind: Some(AgencyKind::VictimSupport),
        ..Default::default()
    };
    db.setup(|tx| tx.add_to_directory(DirectoryKind::Agency, &vs));
    db.setup(|tx| tx.retire_from_directory(DirectoryKind::Agency, "victim support north"));
    let agencies = db.store.directory(Some(DirectoryKind::Agency)).unwrap();
    assert_eq!((agencies[0].agency_kind, agencies[0].active), (Some(AgencyKind::VictimSupport), false));
    assert_eq!(db.count("agency"), 1, "retired, never deleted");
}

#[test]
fn an_edit_may_not_take_another_entrys_name() {
    let mut db = FileDb::new();
    let tom = db.setup(|tx| {
        tx.add_to_directory(DirectoryKind::Coordinator, &entry("Priya Shah"))?;
        tx.add_to_directory(DirectoryKind::Coordinator, &entry("Tom Hale"))
    });
    let taken =
        err_text(db.store.write(|tx| tx.edit_directory_entry(DirectoryKind::Coordinator, tom, &entry("PRIYA shah"))));
    assert!(taken.contains("already a coordinator named PRIYA shah"), "{taken}");
    db.setup(|tx| tx.edit_directory_entry(DirectoryKind::Coordinator, tom, &entry("Tom  Hale-Jones")));
    let names: Vec<String> = db.store.directory(None).unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["Priya Shah", "Tom Hale-Jones"]);
}

#[test]
fn a_search_over_every_kind_folds_names_as_typed() {
    let mut db = FileDb::new();
    db.setup(|tx| {
        tx.add_to_directory(DirectoryKind::Facilitator, &entry("Zoë Nowak"))?;
        tx.add_to_directory(DirectoryKind::Venue, &entry("Zoe's Hall"))?;
        tx.add_to_directory(DirectoryKind::Coordinator, &entry("Priya Shah"))
    });
    let names = |query: &str, kind| -> Vec<String> {
        db.store.directory_search(query, kind).unwrap().into_iter().map(|e| e.name).collect()
    };
    assert_eq!(names("zoe", None), ["Zoë Nowak", "Zoe's Hall"]);
    assert_eq!(names("ZOE now", None), ["Zoë Nowak"]);
    assert_eq!(names("zoes", Some(DirectoryKind::Venue)), ["Zoe's Hall"]);
    assert_eq!(names("zoe", Some(DirectoryKind::Coordinator)), Vec::<String>::new());
    assert_eq!(names("  ", None).len(), 3);
}

/// A facilitator whose vetting runs out on `expires`.
fn facilitator(name: &str, expires: &str) -> NewDirectoryEntry {
    NewDirectoryEntry { name: name.into(), vetting_expires: Some(d(expires)), ..Default::default() }
}

#[test]
fn vettings_due_are_those_run_out_or_within_thirty_days_of_active_facilitators() {
    let mut db = FileDb::new();
    db.setup(|tx| {
        for (name, expires) in
            [("Lapsed", "2026-11-01"), ("Edge", "2026-12-20"), ("Later", "2026-12-21"), ("Retired", "2026-11-02")]
        {
            tx.add_to_directory(DirectoryKind::Facilitator, &facilitator(name, expires))?;
        }
        tx.add_to_directory(DirectoryKind::Facilitator, &entry("Unknown"))?;
        tx.retire_from_directory(DirectoryKind::Facilitator, "Retired")
    });
    let today = d("2026-11-20");
    let due = db.store.vettings_due(today, &Rules::defaults()).unwrap();
    let seen: Vec<(&str, bool)> = due.iter().map(|v| (v.name.as_str(), v.lapsed(today))).collect();
    assert_eq!(seen, [("Lapsed", true), ("Edge", false)]);

    // The same facilitators are Today's last section, with no case.
    use casedesk::domain::triage::{ItemKind, TodaySection};
    let items = db.today_items(&Rules::defaults());
    let vetting: Vec<(&str, bool, i64)> = items
        .iter()
        .filter(|i| i.section == TodaySection::Vetting)
        .map(|i| (i.title.as_str(), i.late, i.case_id))
        .collect();
    assert_eq!(vetting, [("Lapsed's vetting has run out", true, 0), ("Edge's vetting runs out soon", false, 0)]);
    assert!(items.iter().filter(|i| i.kind == ItemKind::Vetting).all(|i| i.case_ref.is_empty()));
}

#[test]
fn the_vetting_window_is_a_local_rule_changed_like_the_timers() {
    use casedesk::domain::triage::ItemKind;
    let mut db = FileDb::new();
    db.setup(|tx| {
        tx.add_to_directory(DirectoryKind::Facilitator, &facilitator("Edge", "2026-12-20"))?;
        tx.add_to_directory(DirectoryKind::Facilitator, &facilitator("Later", "2027-01-19"))
    });
    let today = d("2026-11-20");
    let due = |db: &FileDb| -> Vec<String> {
        let rules = db.store.rules().unwrap();
        let listed: Vec<String> = db.store.vettings_due(today, &rules).unwrap().into_iter().map(|v| v.name).collect();
        let on_today = db.today_items(&rules).into_iter().filter(|i| i.kind == ItemKind::Vetting).count();
        assert_eq!(on_today, listed.len(), "Today lists the same facilitators");
        listed
    };
    assert_eq!(due(&db), ["Edge"], "30 days ahead by default");
    db.setup(|tx| tx.set_rule("VETTING_WARNING_DAYS", 60.0, "renewals take two months here"));
    assert_eq!(due(&db), ["Edge", "Later"]);
}
