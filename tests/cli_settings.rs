//! `casedesk settings`: the services' letter profiles shown by their labels,
//! one field set at a time and audited, and a letter refused (exit 2) until
//! its service's profile is filled in.

mod common;

use casedesk::domain::types::{Service, Source};
use casedesk::store::model::NewCase;
use common::cli::{casedesk, run, stdout_of, TODAY};
use common::desk_in_file;
use predicates::prelude::*;

fn profile_audit_rows(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT op, COALESCE(after_json, '') FROM audit_log WHERE entity = 'service_profile' ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn settings_show_both_profiles_by_label_and_set_one_field_audited() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.starts_with("OOCD unit\n  Name               (not filled in)\n"), "{shown}");
    assert!(shown.contains("RJ & mediation service\n"), "{shown}");
    assert!(shown.contains("  Opening hours      (not filled in)\n"), "{shown}");
    run(&db, &["settings", "set", "--service", "rj", "--field", "hours", "--value", " Weekdays 9 to 5 "])
        .success()
        .stdout("The RJ & mediation service's opening hours is now Weekdays 9 to 5.\n");
    run(&db, &["settings", "set", "--service", "rj", "--field", "hours", "--value", "Weekdays 10 to 6"]).success();
    let shown = stdout_of(&run(&db, &["settings"]).success());
    let rj = shown.split("RJ & mediation service\n").nth(1).unwrap();
    assert!(rj.contains("  Opening hours      Weekdays 10 to 6\n"), "{shown}");
    let rows = profile_audit_rows(&db);
    assert_eq!(rows.len(), 2, "one audit row per change: {rows:?}");
    assert!(rows[0].1.contains("Weekdays 9 to 5") && rows[1].1.contains("Weekdays 10 to 6"), "{rows:?}");
}

#[test]
fn settings_refuse_an_unknown_service_field_or_a_blank_or_overlong_value() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    run(&db, &["settings", "set", "--service", "restorative_justice", "--field", "name", "--value", "X"])
        .code(2)
        .stderr(predicate::str::contains("use oocd (the OOCD unit) or rj (the RJ & mediation service)"));
    run(&db, &["settings", "set", "--service", "oocd", "--field", "fax", "--value", "X"])
        .code(2)
        .stderr(predicate::str::contains("use one of name, address, phone, email, hours, signatory, role"));
    run(&db, &["settings", "set", "--service", "oocd", "--field", "name", "--value", "  "])
        .code(2)
        .stderr(predicate::str::contains("give the OOCD unit's name a value"));
    run(&db, &["settings", "set", "--service", "oocd", "--field", "name", "--value", &"x".repeat(5_000)])
        .code(2)
        .stderr(predicate::str::contains("the service's name is 5,000 characters; the limit is"));
    assert!(profile_audit_rows(&db).is_empty());
}

#[test]
fn a_letter_before_its_service_has_a_profile_exits_2_naming_the_command() {
    let (dir, db, reference) = desk_in_file(|store| {
        store
            .write(|tx| {
                let mut case = NewCase::new(Service::Oocd, Source::Police, common::today());
                case.referrer_name = Some("PC Ada Fixture".into());
                Ok(tx.create_case(&case)?.reference)
            })
            .unwrap()
    });
    let out = dir.path().join("ack.md");
    let letter = || {
        casedesk()
            .env("CASEDESK_CONFIG_DIR", dir.path())
            .args(["--db", db.to_str().unwrap(), "--today", TODAY, "letter", "--case", &reference])
            .args(["--template", "acknowledgement", "-o", out.to_str().unwrap()])
            .assert()
    };
    letter()
        .code(2)
        .stderr(predicate::str::contains("letters from the OOCD unit need its profile filled in first"))
        .stderr(predicate::str::contains("casedesk settings set --service oocd --field FIELD --value TEXT"));
    assert!(!out.exists(), "no letter written");
    for (field, value) in [
        ("name", "Northshire Diversion Unit"),
        ("address", "Police HQ, Northshire"),
        ("phone", "01632 960111"),
        ("email", "diversion@northshire.example.org"),
        ("hours", "weekdays 8am to 4pm"),
        ("signatory", "Morgan Tallis"),
        ("role", "Diversion coordinator"),
    ] {
        run(&db, &["settings", "set", "--service", "oocd", "--field", field, "--value", value]).success();
    }
    letter().success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# Northshire Diversion Unit\n"), "{text}");
    assert!(text.contains("Morgan Tallis"), "{text}");
}

/// `casedesk … ARGS` as the account `jo`, with no other name in the environment.
fn as_jo(db: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    common::cli::casedesk()
        .env("USER", "jo")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .assert()
}

/// Issue 16: who made a change was the bare account ("unknown" where the
/// system gives none); a person's name and role, once given, are recorded
/// instead, kept by account in the desk and shown by `settings`.
#[test]
fn your_name_and_role_are_recorded_as_who_made_each_change() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    let shown = stdout_of(&as_jo(&db, &["settings"]).success());
    assert!(shown.contains("You (jo): no name given; changes are recorded as jo\n"), "{shown}");
    as_jo(&db, &["settings", "me", "--name", " Jo Bloggs ", "--role", "RJ coordinator"])
        .success()
        .stdout("Changes you make are now recorded as Jo Bloggs (RJ coordinator).\n");
    let shown = stdout_of(&as_jo(&db, &["settings"]).success());
    assert!(shown.contains("You (jo): Jo Bloggs, RJ coordinator\n"), "{shown}");
    as_jo(&db, &["settings", "set", "--service", "rj", "--field", "hours", "--value", "Weekdays 9 to 5"]).success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let who: String = conn
        .query_row("SELECT user FROM audit_log WHERE entity = 'service_profile' ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(who, "Jo Bloggs (RJ coordinator)");
    let set_by: String = conn
        .query_row("SELECT user FROM audit_log WHERE entity = 'desk_user' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(set_by, "jo", "setting the name is itself audited, as the account that set it");
    as_jo(&db, &["settings", "me", "--name", "Jo Bloggs", "--role", " "])
        .code(2)
        .stderr(predicate::str::contains("give both your name and your role"));
}

#[test]
fn the_date_style_is_set_by_its_example_audited_and_a_wrong_one_exits_2() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.contains("Dates are shown as Fri 20 Nov 2026.\n"), "{shown}");
    run(&db, &["settings", "--date-style", "20/11/2026"])
        .success()
        .stdout("Dates are now shown as 20/11/2026 (csv and json files still write 2026-11-20).\n");
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.contains("Dates are shown as 20/11/2026.\n"), "{shown}");
    run(&db, &["settings", "--date-style", "11/20/2026"])
        .code(2)
        .stderr(predicate::str::contains("is not a date style: use one of \"Fri 20 Nov 2026\", \"20 Nov 2026\""));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let audited: i64 =
        conn.query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'desk_setting'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1, "one audit row for the one change");
}
