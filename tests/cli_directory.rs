//! `casedesk directory` and `casedesk caseload`: the coordinators and
//! providers added, listed and retired from the command line, and the open
//! cases per coordinator, with their exit codes.

mod common;

use std::path::{Path, PathBuf};

use casedesk::domain::directory::DirectoryKind;
use casedesk::domain::types::{Service, Source};
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store};
use common::cli::{run, stderr_of, stdout_of};
use tempfile::TempDir;

fn new_desk() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["init"]).success();
    (dir, db)
}

fn add(db: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut args = vec!["directory", "add"];
    args.extend_from_slice(extra);
    run(db, &args)
}

/// `n` new restorative justice referrals allocated to the coordinator named.
fn allocate(db: &Path, name: &str, n: usize) {
    let mut store = Store::open(db, OpenMode::MustExist).unwrap();
    let coordinator = store.directory(Some(DirectoryKind::Coordinator)).unwrap();
    let id = coordinator.iter().find(|c| c.name == name).unwrap().id;
    let received = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    store
        .write(|tx| {
            for _ in 0..n {
                let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, received))?;
                tx.assign_coordinator(key.id, id, received)?;
            }
            Ok(())
        })
        .unwrap();
}

fn one_line_exit_2(assert: assert_cmd::assert::Assert, needle: &str) {
    let stderr = stderr_of(&assert.code(2));
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(needle), "{stderr:?} lacks {needle:?}");
}

#[test]
fn a_coordinator_and_a_provider_are_added_listed_and_retired() {
    let (_dir, db) = new_desk();
    let added = add(&db, &["--kind", "coordinator", "--name", "Priya Shah", "--team", "North", "--max-caseload", "12"]);
    assert!(stderr_of(&added.success()).contains("Added Priya Shah to the directory as a coordinator."));
    add(&db, &["--kind", "provider", "--name", "Pathways", "--email", "referrals@pathways.example"]).success();

    let table = stdout_of(&run(&db, &["directory", "list"]).success());
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("Kind         Name        Team   Email"), "{table}");
    assert!(lines[1].starts_with("Coordinator  Priya Shah  North") && lines[1].contains("12       Active"), "{table}");
    assert!(lines[2].starts_with("Provider     Pathways") && lines[2].contains("referrals@pathways.example"));

    let csv = stdout_of(&run(&db, &["directory", "list", "--kind", "provider", "--format", "csv"]).success());
    assert_eq!(
        csv,
        "Kind,Name,Team,Email,Phone,Open cases,Maximum,Status,Notes,Courses,Referral method,Cost per place,\
         Trained in,Vetting expires,Availability,Address,Booking contact,Kind of agency,Rooms\n\
         Provider,Pathways,,referrals@pathways.example,,,,Active,,,,,,,,,,,\n"
    );

    run(&db, &["directory", "retire", "--kind", "coordinator", "--name", "priya shah"]).success();
    let json = stdout_of(&run(&db, &["directory", "list", "--kind", "coordinator", "--format", "json"]).success());
    let listed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((&listed[0]["Name"], &listed[0]["Status"]), (&"Priya Shah".into(), &"Retired".into()));
    assert_eq!(listed.as_array().unwrap().len(), 1, "retired, never deleted");
}

#[test]
fn bad_directory_input_is_one_sentence_and_exit_2() {
    let (_dir, db) = new_desk();
    add(&db, &["--kind", "coordinator", "--name", "Priya Shah"]).success();
    one_line_exit_2(add(&db, &["--kind", "coordinator", "--name", " priya  shah"]), "already a coordinator named");
    one_line_exit_2(
        add(&db, &["--kind", "provider", "--name", "Pathways", "--team", "x"]),
        "--team belongs to a coordinator or a partner agency: leave it out for a provider",
    );
    one_line_exit_2(add(&db, &["--kind", "coordinator", "--name", "  "]), "Give the coordinator's name");
    one_line_exit_2(
        run(&db, &["directory", "retire", "--kind", "provider", "--name", "Nobody"]),
        "casedesk directory list --kind provider",
    );
    assert_eq!(run(&db, &["directory", "add", "--kind", "room", "--name", "Hall"]).get_output().status.code(), Some(2));
    let listed = stdout_of(&run(&db, &["directory", "list", "--format", "csv"]).success());
    assert_eq!(listed.lines().count(), 2, "only the first coordinator was added:\n{listed}");
}

#[test]
fn caseload_counts_open_cases_by_status_and_marks_the_over_maximum() {
    let (_dir, db) = new_desk();
    add(&db, &["--kind", "coordinator", "--name", "Priya Shah", "--max-caseload", "2"]).success();
    add(&db, &["--kind", "coordinator", "--name", "Tom Hale", "--max-caseload", "5"]).success();
    allocate(&db, "Priya Shah", 3);
    allocate(&db, "Tom Hale", 1);

    let table = stdout_of(&run(&db, &["caseload"]).success());
    assert_eq!(
        table,
        "Coordinator  Open cases  Maximum  Over maximum  By status\n\
         Priya Shah   3           2        Over maximum  Received: 3\n\
         Tom Hale     1           5                      Received: 1\n"
    );
    let csv = stdout_of(&run(&db, &["caseload", "--format", "csv"]).success());
    assert!(csv.contains("Priya Shah,3,2,Over maximum,Received: 3\n"), "{csv}");
    assert!(!csv.contains("received,"), "a status code reached the output:\n{csv}");
    let json = stdout_of(&run(&db, &["caseload", "--format", "json"]).success());
    let loads: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(loads[1]["Open cases"], "1");
    assert_eq!(run(&db, &["caseload", "--format", "xml"]).get_output().status.code(), Some(2));
}

/// For benches/compare.sh: the queries `casedesk caseload` runs, as a
/// script the sqlite3 shell runs on the same file.
#[test]
fn sql_caseload_prints_the_queries_the_caseload_runs() {
    let (_dir, db) = new_desk();
    add(&db, &["--kind", "coordinator", "--name", "Priya Shah"]).success();
    allocate(&db, "Priya Shah", 2);
    let script = stdout_of(&run(&db, &["sql", "caseload"]).success());
    assert!(script.contains("casedesk caseload for 2026-11-20"), "{script}");
    // The counts kept by migration 0037's triggers, not the cases counted again.
    assert!(script.contains("FROM coordinator") && script.contains("LEFT JOIN caseload_count"), "{script}");
}

#[test]
fn every_kind_is_added_with_its_own_details_and_listed_in_words() {
    let (_dir, db) = new_desk();
    let facilitator = [
        "--trained-in",
        "conference, shuttle",
        "--vetting-expires",
        "31/03/2027",
        "--availability",
        "Weekday evenings",
    ];
    add(&db, &[&["--kind", "facilitator", "--name", "Zoë Nowak"][..], &facilitator].concat()).success();
    add(&db, &["--kind", "provider", "--name", "Pathways", "--courses", "Victim awareness", "--cost", "£85.50"])
        .success();
    add(&db, &["--kind", "venue", "--name", "Town Hall", "--address", "1 High St", "--booking-contact", "Reception"])
        .success();
    let added = add(&db, &["--kind", "agency", "--name", "Victim Support North", "--agency-kind", "victim support"]);
    assert!(stderr_of(&added.success()).contains("as a partner agency."));

    let table = stdout_of(&run(&db, &["directory", "list"]).success());
    let line = |name: &str| table.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}:\n{table}"));
    assert!(line("Zoë Nowak").starts_with("Facilitator"), "{table}");
    assert!(line("Zoë Nowak").contains("Trained in: RJ conference, Shuttle; Vetting expires: Wed 31 Mar 2027"));
    assert!(line("Pathways").contains("Courses: Victim awareness; Cost per place: £85.50"), "{table}");
    assert!(line("Town Hall").contains("Address: 1 High St; Booking contact: Reception"), "{table}");
    assert!(line("Victim Support North").starts_with("Partner agency"), "{table}");
    assert!(line("Victim Support North").contains("Kind of agency: Victim Support"), "{table}");
    assert!(!table.contains("victim_support") && !table.contains("shuttle"), "a code reached the list:\n{table}");

    let json = stdout_of(&run(&db, &["directory", "list", "--kind", "facilitator", "--format", "json"]).success());
    let listed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "only the kind asked for");
    assert_eq!(
        (&listed[0]["Trained in"], &listed[0]["Vetting expires"]),
        (&"RJ conference, Shuttle".into(), &"31/03/2027".into())
    );
    run(&db, &["directory", "retire", "--kind", "venue", "--name", "town hall"]).success();
    let venues = stdout_of(&run(&db, &["directory", "list", "--kind", "venue", "--format", "csv"]).success());
    assert!(venues.lines().nth(1).unwrap().contains(",Retired,"), "{venues}");
}

#[test]
fn an_option_of_another_kind_or_a_bad_value_is_one_sentence_and_exit_2() {
    let (_dir, db) = new_desk();
    one_line_exit_2(
        add(&db, &["--kind", "venue", "--name", "Hall", "--courses", "x"]),
        "--courses belongs to a provider: leave it out for a venue",
    );
    one_line_exit_2(add(&db, &["--kind", "provider", "--name", "P", "--cost", "ten pounds"]), "write it in pounds");
    one_line_exit_2(
        add(&db, &["--kind", "facilitator", "--name", "F", "--trained-in", "juggling"]),
        "use conference, mediation or shuttle",
    );
    one_line_exit_2(add(&db, &["--kind", "agency", "--name", "A", "--agency-kind", "bank"]), "is not a kind of agency");
    let soon = add(&db, &["--kind", "facilitator", "--name", "F", "--vetting-expires", "soon"]).code(2);
    assert!(stderr_of(&soon).contains("\"soon\" is not a date"));
    let listed = stdout_of(&run(&db, &["directory", "list", "--format", "csv"]).success());
    assert_eq!(listed.lines().count(), 1, "nothing was added:\n{listed}");
}

#[test]
fn a_facilitator_whose_vetting_runs_out_within_the_month_is_on_today() {
    let (_dir, db) = new_desk();
    add(&db, &["--kind", "facilitator", "--name", "Ann Lee", "--vetting-expires", "30/11/2026"]).success();
    add(&db, &["--kind", "facilitator", "--name", "Bo Dean", "--vetting-expires", "30/06/2027"]).success();
    let today = stdout_of(&run(&db, &["today"]).success());
    assert!(today.contains("Facilitators' vetting to renew: run out or within 30 days (1)"), "{today}");
    let line = today.lines().find(|l| l.contains("Ann Lee")).unwrap_or_else(|| panic!("{today}"));
    assert!(line.trim_start().starts_with("Facilitator") && line.contains("vetting runs out soon"), "{line}");
    assert!(!today.contains("Bo Dean"), "{today}");
}

#[test]
fn a_venue_is_added_with_its_rooms_and_a_room_badly_typed_is_bad_input() {
    let (_dir, db) = new_desk();
    let added = add(
        &db,
        &[
            "--kind",
            "venue",
            "--name",
            "Town Hall",
            "--room",
            "Main hall:40",
            "--room",
            "Quiet room",
            "--room",
            "Annex: 6",
        ],
    );
    assert!(stderr_of(&added.success()).contains("Added Town Hall to the directory as a venue with 3 rooms."));
    let csv = stdout_of(&run(&db, &["directory", "list", "--kind", "venue", "--format", "csv"]).success());
    assert!(csv.contains("Annex (6 people); Main hall (40 people); Quiet room"), "{csv}");

    one_line_exit_2(add(&db, &["--kind", "venue", "--name", "Library", "--room", "Hall:forty"]), "NAME:CAPACITY");
    one_line_exit_2(
        add(&db, &["--kind", "coordinator", "--name", "Sam", "--room", "Hall:4"]),
        "--room belongs to a venue",
    );
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert_eq!(store.directory(Some(DirectoryKind::Venue)).unwrap().len(), 1, "nothing added by a refusal");
}

/// Issue 14 §3: `letter --template provider-chase --provider NAME` writes the
/// chase for the returns outstanding and says on how many cases it is
/// logged; a provider not in the directory, or --provider with another
/// template, is bad input (exit 2, one line).
#[test]
fn a_provider_chase_is_written_from_the_command_line() {
    use casedesk::domain::caps::{ConditionKind, ConditionObject};
    use casedesk::store::model::{NewCondition, NewDisposal};
    let (dir, db) = new_desk();
    add(&db, &["--kind", "provider", "--name", "Pathways"]).success();
    let out = dir.path().join("chase.md");
    let out_arg = out.to_str().unwrap();
    one_line_exit_2(
        run(&db, &["letter", "--template", "provider-chase", "--provider", "Nowhere", "-o", out_arg]),
        "no provider is named \"Nowhere\"",
    );
    one_line_exit_2(
        run(&db, &["letter", "--template", "reminder", "--provider", "Pathways", "-o", out_arg]),
        "--provider goes with --template provider-chase",
    );
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let (rules, calendar) = (store.rules().unwrap(), store.calendar().unwrap());
    let provider = store.directory(Some(DirectoryKind::Provider)).unwrap()[0].id;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    store
        .write(|tx| {
            casedesk::demo::fill_profiles(tx)?;
            let mut case = NewCase::new(Service::Oocd, Source::Police, day);
            case.offence_mode = Some(casedesk::domain::status::OffenceMode::SummaryOnly);
            case.offence_date = Some(day);
            let key = tx.create_case(&case)?;
            let mut disposal = NewDisposal::new(casedesk::domain::status::DisposalType::AdultConditionalCaution);
            disposal.admission_recorded_on = Some(day);
            disposal.consent_recorded_on = Some(day);
            disposal.signed_document_ref = Some("DOC-1".into());
            disposal.victim_views_sought_on = Some(day);
            disposal.authorised_by = Some("Sgt Patel".into());
            disposal.issued_on = Some(day);
            tx.set_disposal(key.id, &disposal)?;
            let what = "Attend the course";
            let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
            let c = NewCondition::new(ConditionKind::RehabCourse, ConditionObject::Rehabilitation, what, due);
            let (condition_id, _) = tx.add_condition(key.id, &c, &rules)?;
            let referral = casedesk::store::NewReferral {
                condition_id,
                provider_id: provider,
                sent_on: day,
                method: "Email".into(),
                booked_for: None,
            };
            tx.refer_to_provider(&referral, &calendar)
        })
        .unwrap();
    drop(store);
    let said = run(&db, &["letter", "--template", "provider-chase", "--provider", "pathways", "-o", out_arg]);
    let said = stdout_of(&said.success());
    assert!(said.contains("Wrote the chase to Pathways for 1 outstanding return"), "{said}");
    assert!(said.contains("logged on each of its 1 case."), "{said}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("OOCD-2026-0001"));
}
