//! Dry runs, every UK date form, and mapping files.

use crate::common::cli::{casedesk, stderr_of, stdout_of};
use tempfile::TempDir;

use super::{demo_db, dump, fingerprint, fixture, good_csv, import, one, PEOPLE_SQL};

#[test]
fn a_dry_run_prints_the_plan_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 20);
    let before = fingerprint(&db);
    let file = good_csv(&dir, "plan.csv", "T/5");
    let next = format!(
        "OOCD-2026-{:04}",
        one(&db, "SELECT COALESCE(MAX(last), 0) FROM ref_counter WHERE prefix = 'OOCD' AND year = 2026")
            .parse::<i64>()
            .unwrap()
            + 1
    );
    let plan = stdout_of(&import(&db, &file, &["--dry-run"]).success());
    assert!(
        plan.starts_with(
            "Dry run of plan.csv: nothing was changed. Importing it would create 1 cases, 2 people and 1 conditions:"
        ),
        "{plan}"
    );
    let line = format!(
        "row 2: {next} (new), Out-of-court disposal, status Active, 2 people, conditions: Letter of apology due 2026-12-10"
    );
    assert!(plan.contains(&line), "expected {line:?} in\n{plan}");
    assert_eq!(fingerprint(&db), before, "a dry run writes nothing, audit log included");

    let done = stdout_of(&import(&db, &file, &[]).success());
    assert!(done.contains(&line), "the import does what the dry run said:\n{done}");
    assert_ne!(fingerprint(&db), before);
}

#[test]
fn every_uk_date_form_is_understood() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let forms = [
        "2026-11-21",
        "21/11/2026",
        "21/11/26",
        "21-Nov-2026",
        "21 Nov 2026",
        "21 November 2026",
        "21.11.2026",
        "46347",
        "2026-11-21 00:00:00",
    ];
    let mut text = String::from("Crime reference,Service,Received,Offence date\n");
    for (i, form) in forms.iter().enumerate() {
        text.push_str(&format!("D{i},rj,{form},{form}\n"));
    }
    let path = dir.path().join("dates.csv");
    std::fs::write(&path, text).unwrap();
    // --today is 2026-11-20; these are received the day after, so run as of later.
    casedesk().arg("--db").arg(&db).args(["--today", "2026-12-01", "import"]).arg(&path).assert().success();
    let got = dump(&db, "SELECT crime_ref, received_on, offence_date FROM case_file ORDER BY crime_ref");
    let want: Vec<String> = (0..forms.len()).map(|i| format!("D{i} | 2026-11-21 | 2026-11-21")).collect();
    assert_eq!(got, want);
}

#[test]
fn a_mapping_file_renames_headers() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let file = fixture("renamed_headers.csv");
    let refused = import(&db, &file, &[]).code(2);
    assert!(stderr_of(&refused).contains(r#"column A "Job No" is not one casedesk knows"#), "{}", stderr_of(&refused));
    assert!(stderr_of(&refused).contains(r#"column H "Colour" is not one casedesk knows"#));
    assert_eq!(one(&db, "SELECT COUNT(*) FROM case_file"), "0");

    let mapping = fixture("renamed_headers.toml");
    import(&db, &file, &["--mapping", mapping.to_str().unwrap()]).success();
    assert_eq!(
        dump(&db, "SELECT ref, service, source, received_on, crime_ref, notes FROM case_file ORDER BY id"),
        [
            "RJ-2026-0001 | restorative_justice | police | 2026-11-19 | CR/555/26 | Prefers email\nImported from tracker reference \"J-17\".",
            "MED-2026-0001 | mediation | housing | 2026-09-03 |  | Imported from tracker reference \"J-18\".",
        ]
    );
    assert_eq!(
        dump(&db, PEOPLE_SQL),
        ["MED-2026-0001 | harmed | other | Ada | Okoro | ", "RJ-2026-0001 | harmed | victim | Ravi | Patel | ",]
    );
}

/// `--today 9999-12-31 demo` stored dates in the year 10000; an imported
/// date is held to the same years as one typed.
#[test]
fn an_imported_date_outside_1900_to_2199_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let text = "Crime reference,Service,Received,Offence date\nD1,rj,2026-11-01,31/12/9999\nD2,rj,2026-11-01,2958465\n";
    let path = dir.path().join("far.csv");
    std::fs::write(&path, text).unwrap();
    let refused = import(&db, &path, &[]).code(2);
    let err = stderr_of(&refused);
    assert!(err.contains(r#"row 2, column "Offence date": 9999-12-31 is outside the years the desk accepts: give a date between 1900 and 2199"#), "{err}");
    assert!(err.contains(r#"row 3, column "Offence date": 9999-12-31 is outside"#), "{err}");
    assert_eq!(one(&db, "SELECT COUNT(*) FROM case_file"), "0");
}

/// A dry run against a desk not made yet runs on a scratch file (not in
/// memory, which a large tracker filled) and leaves nothing behind.
#[test]
fn a_dry_run_on_a_new_path_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("not-yet.db");
    let file = good_csv(&dir, "plan.csv", "T/6");
    let plan = stdout_of(&import(&db, &file, &["--dry-run"]).success());
    assert!(plan.starts_with("Dry run of plan.csv: nothing was changed."), "{plan}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["plan.csv"], "only the tracker is there");
}

/// A condition due on a bank holiday is imported as it stands, with a
/// warning line under its row naming the day and the next working day.
#[test]
fn a_condition_due_on_a_bank_holiday_is_imported_with_a_warning_line() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 20);
    let file = good_csv(&dir, "christmas.csv", "T/6");
    let text = std::fs::read_to_string(&file).unwrap().replace("10/12/2026", "25/12/2026");
    std::fs::write(&file, text).unwrap();
    let done = stdout_of(&import(&db, &file, &[]).success());
    assert!(
        done.contains(
            "    warning: condition 1: its due date Fri 25 Dec 2026 is a bank holiday (Christmas Day); \
             the next working day is Tue 29 Dec 2026\n"
        ),
        "{done}"
    );
    assert!(done.contains("Letter of apology due 2026-12-25"), "kept as it stands:\n{done}");
}
