//! `casedesk import` and `casedesk tracker` as a user meets them: the round
//! trip through both formats, the corpus of malformed files (each with its
//! own error and the database unchanged), dry runs, date forms, mapping
//! files and workbooks made by another program. Outputs are read back with
//! independent readers (the csv crate, calamine) and the database with SQL.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::cli::{casedesk, run, stderr_of, stdout_of, TODAY};
use rusqlite::{Connection, OpenFlags};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn import(db: &Path, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    casedesk().arg("--db").arg(db).args(["--today", TODAY, "import"]).arg(file).args(extra).assert()
}

fn demo_db(dir: &TempDir, cases: u32) -> PathBuf {
    let db = dir.path().join("demo.db");
    run(&db, &["demo", "--cases", &cases.to_string(), "--seed", "7"]).success();
    db
}

fn read_only(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// Rows of a query, each as its columns joined by " | ".
fn dump(db: &Path, sql: &str) -> Vec<String> {
    let conn = read_only(db);
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
                })
                .collect();
            Ok(cells.join(" | "))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn one(db: &Path, sql: &str) -> String {
    dump(db, sql).into_iter().next().unwrap_or_default()
}

/// Row counts of every table an import writes, the reference counters and
/// the newest audit row: equal fingerprints mean nothing was written.
fn fingerprint(db: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["case_file", "person", "case_party", "oocd_disposal", "condition", "retention", "audit_log"] {
        out.push(format!("{table}: {}", one(db, &format!("SELECT COUNT(*) FROM {table}"))));
    }
    out.extend(dump(db, "SELECT prefix, year, last FROM ref_counter ORDER BY prefix, year"));
    out.push(one(db, "SELECT COALESCE(MAX(id), 0) || ' ' || COALESCE(MAX(hash), '') FROM audit_log"));
    out
}

const CASES_SQL: &str = "SELECT c.ref, c.service, c.source, c.status, c.status_changed_on, c.received_on, c.closed_on,
        c.closure_outcome, c.paused_from, c.crime_ref, c.offence_desc, c.offence_date, c.offence_mode, c.cjs_stage,
        c.flag_domestic_abuse, c.flag_hate_crime, c.flag_youth, c.harm_summary, c.referrer_name, c.notes,
        d.disposal_type, d.issued_on, d.completion_due
    FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id ORDER BY c.ref";
const CONDITIONS_SQL: &str = "SELECT c.ref, k.seq, k.kind, k.object, k.description, k.due_on, k.status, k.completed_on,
        k.hours_required, k.amount_pence
    FROM condition k JOIN case_file c ON c.id = k.case_id ORDER BY c.ref, k.seq";
const PEOPLE_SQL: &str = "SELECT c.ref, cp.role, cp.data_subject_category, p.given_names, p.family_name, p.dob
    FROM case_party cp JOIN person p ON p.id = cp.person_id JOIN case_file c ON c.id = cp.case_id
    ORDER BY c.ref, cp.role, p.family_name, p.given_names";

fn round_trip(extension: &str) {
    let dir = TempDir::new().unwrap();
    let source = demo_db(&dir, 120);
    let tracker = dir.path().join(format!("tracker.{extension}"));
    let exported = run(&source, &["tracker", "-o", tracker.to_str().unwrap()]).success();
    assert!(stderr_of(&exported).contains("Wrote 120 cases"), "{}", stderr_of(&exported));
    let export_row = one(&source, "SELECT op, entity, recipient FROM audit_log ORDER BY id DESC LIMIT 1");
    assert_eq!(export_row, format!("export | tracker | {}", tracker.display()));

    let target = dir.path().join("empty.db");
    let imported = import(&target, &tracker, &[]).success();
    assert!(stdout_of(&imported).starts_with("Imported 120 cases"), "{}", stdout_of(&imported));

    let cases = dump(&source, CASES_SQL);
    assert_eq!(cases.len(), 120);
    assert_eq!(dump(&target, CASES_SQL), cases, "cases differ after the round trip");
    let conditions = dump(&source, CONDITIONS_SQL);
    assert!(conditions.len() > 50, "the demo should carry conditions");
    assert_eq!(dump(&target, CONDITIONS_SQL), conditions, "conditions differ");
    assert_eq!(dump(&target, PEOPLE_SQL), dump(&source, PEOPLE_SQL), "people differ");
    let counters = "SELECT prefix, year, last FROM ref_counter ORDER BY prefix, year";
    assert_eq!(dump(&target, counters), dump(&source, counters), "the next references would differ");

    // One transaction, and one Combine row that says what came in.
    assert_eq!(one(&target, "SELECT COUNT(DISTINCT txn) FROM audit_log"), "1");
    let combine = one(&target, "SELECT justification FROM audit_log WHERE op = 'combine'");
    assert!(combine.contains(&format!("tracker.{extension}: 120 cases")), "{combine}");
    run(&target, &["check"]).success();
}

#[test]
fn export_then_import_through_csv_gives_the_same_cases() {
    round_trip("csv");
}

#[test]
fn export_then_import_through_xlsx_gives_the_same_cases() {
    round_trip("xlsx");
}

#[test]
fn the_csv_tracker_reads_back_with_the_csv_crate() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 30);
    let out = dir.path().join("t.csv");
    run(&db, &["tracker", "-o", out.to_str().unwrap()]).success();
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&headers[..4], ["Reference", "Service", "Source", "Received"]);
    for h in ["Condition 3 kind", "Condition 3 due", "Responsible DOB", "Other people", "Notes"] {
        assert!(headers.iter().any(|x| x == h), "no {h} column in {headers:?}");
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 30);
    let expected = dump(&db, "SELECT ref, received_on FROM case_file ORDER BY id");
    for (record, want) in records.iter().zip(&expected) {
        assert_eq!(format!("{} | {}", &record[col("Reference")], &record[col("Received")]), *want);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the tracker holds names: owner-only");
    }
}

#[test]
fn the_xlsx_tracker_has_one_sheet_and_real_date_cells() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 30);
    let out = dir.path().join("t.xlsx");
    run(&db, &["tracker", "-o", out.to_str().unwrap()]).success();
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), vec!["Cases".to_string()], "no hidden or extra sheets");
    let range = book.worksheet_range("Cases").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let received = header.iter().position(|h| h == "Received").unwrap();
    let reference = header.iter().position(|h| h == "Reference").unwrap();
    let expected = dump(&db, "SELECT ref, received_on FROM case_file ORDER BY id");
    for (row, want) in range.rows().skip(1).zip(&expected) {
        let Data::DateTime(dt) = &row[received] else { panic!("Received is not a date cell: {:?}", row[received]) };
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        assert_eq!(format!("{} | {y:04}-{m:02}-{d:02}", row[reference]), *want);
    }
}

/// Every malformed file and the error it must get. Row-level errors name
/// row and column; file-level ones say what is wrong with the file.
const MALFORMED: &[(&str, &str)] = &[
    ("bad_amount.csv", r#"row 3, column "Condition 1 amount": "a tenner" is not an amount in pounds"#),
    ("bad_hours.csv", r#"row 3, column "Condition 1 hours": "lots" is not a number of hours"#),
    ("bad_other_people.csv", r#"row 3, column "Other people": "uncle" in "uncle: Smith, Ann" is not a role"#),
    (
        "cap_adult_penalty_over_limit.csv",
        r#"row 3, column "Condition 1 kind": financial penalty (summary only offence) totals £500; the cap is £50"#,
    ),
    (
        "cap_financial_penalty_on_cr.csv",
        r#"row 3, column "Condition 1 kind": a community resolution cannot carry a financial penalty"#,
    ),
    (
        "cell_beyond_last_header.csv",
        r#"row 3, column "column U (no header)": this cell is to the right of the last header"#,
    ),
    ("closed_on_without_closed_status.csv", r#"row 3, column "Closed on": a closed-on date needs the status closed"#),
    (
        "closure_outcome_without_closed_status.csv",
        r#"row 3, column "Closure outcome": a closure outcome needs the status closed"#,
    ),
    (
        "condition_missing_due.csv",
        r#"row 3, column "Condition 1 due": missing required field: a condition needs its due date"#,
    ),
    (
        "condition_missing_kind.csv",
        r#"row 3, column "Condition 1 kind": missing required field: a condition needs its kind"#,
    ),
    (
        "condition_on_referral.csv",
        r#"row 3, column "Condition 1 kind": conditions belong to out-of-court disposals; this row's service is restorative_justice"#,
    ),
    ("condition_unknown_kind.csv", r#"row 3, column "Condition 1 kind": unknown condition kind "juggling""#),
    ("condition_unknown_status.csv", r#"row 3, column "Condition 1 status": unknown condition status "maybe""#),
    (
        "condition_unparseable_due.csv",
        r#"row 3, column "Condition 1 due": "next week" is not a date: write it as 21/11/2026"#,
    ),
    ("disposal_on_referral.csv", r#"row 3, column "Disposal type": only an out-of-court disposal has this"#),
    (
        "dob_after_received.csv",
        r#"row 3, column "Responsible DOB": the date of birth 2027-01-01 is after the case was received"#,
    ),
    (
        "dob_without_name.csv",
        r#"row 3, column "Responsible given names": missing required field: a date of birth is given but no name"#,
    ),
    (
        "due_before_issue.csv",
        r#"row 3, column "Condition 1 due": the due date 2026-11-15 is before the issue date 2026-11-20"#,
    ),
    (
        "due_before_received.csv",
        r#"row 3, column "Condition 1 due": the due date 2026-11-05 is before the date the case was received 2026-11-10"#,
    ),
    ("duplicate_reference_in_file.csv", r#"row 3, column "Reference": the reference T/100 is also on row 2"#),
    ("empty.csv", "empty.csv is empty: the first row should hold the column headers"),
    ("future_received_date.csv", r#"row 3, column "Received": the received date 2027-11-21 is in the future"#),
    ("harmed_without_family_name.csv", r#"row 3, column "Harmed family name": missing required field"#),
    ("header_only.csv", "header_only.csv has a header row but no cases under it"),
    ("impossible_dob.csv", r#"row 3, column "Responsible DOB": "32/13/1990" is not a date"#),
    ("impossible_received_date.csv", r#"row 3, column "Received": "31/02/2026" is not a date"#),
    (
        "issued_before_received.csv",
        r#"row 3, column "Issued": the issue date 2026-11-01 is before the date the case was received"#,
    ),
    (
        "missing_disposal_type.csv",
        r#"row 3, column "Disposal type": missing required field: an out-of-court disposal needs its type"#,
    ),
    ("missing_received.csv", r#"row 3, column "Received": missing required field: the date the case was received"#),
    ("missing_service.csv", r#"row 3, column "Service": missing required field: which service"#),
    ("no_received_column.csv", r#"the file has no "Received" column, which every case needs"#),
    ("not_a_workbook.xlsx", "not_a_workbook.xlsx is not an Excel workbook casedesk can read"),
    ("not_utf8.csv", r#"row 2 of "#),
    (
        "offence_after_received.csv",
        r#"row 3, column "Offence date": the offence date 2026-11-15 is after the date the case was received"#,
    ),
    ("old_excel.xls", "old_excel.xls is a .xls file; casedesk reads trackers saved as .csv (CSV UTF-8) or .xlsx"),
    (
        "paused_from_not_resumable.csv",
        r#"row 3, column "Paused from": "closed" is not a status a referral can be paused from"#,
    ),
    (
        "paused_from_on_oocd.csv",
        r#"row 3, column "Paused from": only a paused restorative justice or mediation referral has this"#,
    ),
    (
        "paused_without_paused_from.csv",
        r#"row 3, column "Paused from": missing required field: a paused referral needs the status it was paused from"#,
    ),
    (
        "reference_with_wrong_prefix.csv",
        r#"row 3, column "Reference": RJ-2026-0999 has the RJ- prefix but the row's service is oocd"#,
    ),
    ("semicolon_separated.csv", "semicolon_separated.csv separates its columns with semicolons or tabs"),
    ("two_crime_reference_columns.csv", r#"columns "Crime No" and "URN" both hold Crime reference"#),
    ("unknown_column.csv", r#"column U "Favourite colour" is not one casedesk knows"#),
    ("unknown_disposal_type.csv", r#"row 3, column "Disposal type": unknown disposal type "telling off""#),
    ("unknown_flag.csv", r#"row 3, column "Flags": "sparkly" is not a flag casedesk knows"#),
    ("unknown_offence_mode.csv", r#"row 3, column "Offence mode": unknown offence mode "serious""#),
    (
        "unknown_service.csv",
        r#"row 3, column "Service": unknown service "probation": use oocd, restorative_justice or mediation"#,
    ),
    ("unknown_source.csv", r#"row 3, column "Source": unknown source "newspaper""#),
    ("unknown_status.csv", r#"row 3, column "Status": unknown status "on fire" for an out-of-court disposal"#),
    ("unreachable_status.csv", r#"row 3, column "Status": a community resolution can never be prosecution"#),
];

#[test]
fn every_malformed_file_gets_its_own_error_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 20);
    let before = fingerprint(&db);
    let corpus = fixture("malformed");
    let mut listed: Vec<&str> = MALFORMED.iter().map(|(f, _)| *f).collect();
    listed.push("bad_mapping.toml");
    let mut on_disk: Vec<String> =
        std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    listed.sort();
    assert_eq!(on_disk, listed, "every file of the corpus needs its expected error here");
    assert!(MALFORMED.len() >= 30);

    let mut messages = std::collections::HashSet::new();
    for (file, expected) in MALFORMED {
        let result = import(&db, &corpus.join(file), &[]).code(2);
        let stderr = stderr_of(&result);
        assert!(stderr.contains(expected), "{file}: expected {expected:?} in\n{stderr}");
        assert!(
            stderr.contains("nothing was imported") || stderr.lines().count() == 1,
            "{file}: the user is told nothing came in:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
        assert!(stdout_of(&result).is_empty(), "{file}: no plan is printed for a refused file");
        assert_eq!(fingerprint(&db), before, "{file} changed the database");
        messages.insert(stderr.lines().next().unwrap_or_default().to_string());
    }
    assert_eq!(messages.len(), MALFORMED.len(), "each malformed file has its own error");
}

#[test]
fn a_mapping_file_that_names_no_field_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 5);
    let before = fingerprint(&db);
    let mapping = fixture("malformed/bad_mapping.toml");
    let result = import(&db, &fixture("renamed_headers.csv"), &["--mapping", mapping.to_str().unwrap()]).code(2);
    let stderr = stderr_of(&result);
    assert!(stderr.contains(r#""Job No" is mapped to "job_number", which is not a casedesk column"#), "{stderr}");
    assert!(stderr.contains("bad_mapping.toml"), "the file is named: {stderr}");
    assert_eq!(fingerprint(&db), before);
}

/// The good first row of the malformed corpus, as a one-row tracker.
fn good_csv(dir: &TempDir, name: &str, reference: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture("malformed/unknown_service.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap().replacen("T/100", reference, 1);
    let path = dir.path().join(name);
    std::fs::write(&path, format!("{header}\n{row}\n")).unwrap();
    path
}

#[test]
fn a_reference_already_in_the_database_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 20);
    let existing = one(&db, "SELECT ref FROM case_file WHERE service = 'oocd' ORDER BY id LIMIT 1");
    let file = good_csv(&dir, "dup.csv", &existing);
    let before = fingerprint(&db);
    let result = import(&db, &file, &[]).code(2);
    let expected = format!(r#"row 2, column "Reference": {existing} is already in the database"#);
    assert!(stderr_of(&result).contains(&expected), "{}", stderr_of(&result));
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn a_tracker_reference_goes_in_the_notes_and_cannot_come_in_twice() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let file = good_csv(&dir, "one.csv", "T/77");
    import(&db, &file, &[]).success();
    let notes = one(&db, "SELECT ref || ' | ' || notes FROM case_file");
    assert_eq!(notes, r#"OOCD-2026-0001 | Imported from tracker reference "T/77"."#);
    let before = fingerprint(&db);
    let again = import(&db, &file, &[]).code(2);
    let expected = r#"row 2, column "Reference": tracker reference T/77 was already imported, as OOCD-2026-0001"#;
    assert!(stderr_of(&again).contains(expected), "{}", stderr_of(&again));
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn a_kept_reference_moves_the_counter_past_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("kept.csv");
    std::fs::write(
        &path,
        "Reference,Service,Received,Disposal type\nOOCD-2026-0050,oocd,01/11/2026,youth_caution\n,oocd,02/11/2026,youth_caution\n",
    )
    .unwrap();
    let out = stdout_of(&import(&db, &path, &[]).success());
    assert!(out.contains("row 2: OOCD-2026-0050 (kept)"), "{out}");
    assert!(out.contains("row 3: OOCD-2026-0051 (new)"), "{out}");
    assert_eq!(dump(&db, "SELECT ref FROM case_file ORDER BY id"), ["OOCD-2026-0050", "OOCD-2026-0051"]);
}

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
        "row 2: {next} (new), oocd, status active, 2 people, conditions: reparation_apology_letter due 2026-12-10"
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

/// A tracker as another program writes it: real date cells, a date column
/// saved as plain serial numbers, text dates, and text that looks like a formula.
fn workbook_from_elsewhere(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let headers = [
        "Case Ref",
        "SERVICE",
        "received",
        "Offence Date",
        "Disposal",
        "Status",
        "Offender Forename",
        "Offender Surname",
        "Condition 1 Kind",
        "Condition 1 Due Date",
        "Condition 1 Hours",
        "Comments",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let received = ExcelDateTime::from_ymd(2026, 11, 2).unwrap();
    sheet.write_string(1, 0, "X-1").unwrap();
    sheet.write_string(1, 1, "Out-of-court disposal").unwrap();
    sheet.write_date_with_format(1, 2, &received, &day).unwrap();
    sheet.write_number(1, 3, 46320.0).unwrap(); // 25 October 2026, unformatted
    sheet.write_string(1, 4, "Adult conditional caution").unwrap();
    sheet.write_string(1, 5, "Active").unwrap();
    sheet.write_string(1, 6, "Eve").unwrap();
    sheet.write_string(1, 7, "Stone").unwrap();
    sheet.write_string(1, 8, "Rehabilitative course").unwrap();
    sheet.write_string(1, 9, "21-Nov-2026").unwrap();
    sheet.write_number(1, 10, 6.0).unwrap();
    sheet.write_string(1, 11, "=HYPERLINK(\"http://evil.example\",\"click\")").unwrap();
    sheet.write_string(2, 0, "X-2").unwrap();
    sheet.write_string(2, 1, "RJ").unwrap();
    sheet.write_date_with_format(2, 2, ExcelDateTime::from_ymd(2026, 11, 3).unwrap(), &day).unwrap();
    sheet.write_string(2, 5, "Sense check").unwrap();
    sheet.write_string(2, 11, "@SUM(1+1)").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_from_another_program_imports_with_its_dates_and_inert_text() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let xlsx = dir.path().join("elsewhere.xlsx");
    workbook_from_elsewhere(&xlsx);
    import(&db, &xlsx, &[]).success();
    assert_eq!(
        dump(&db, "SELECT c.ref, c.status, c.received_on, c.offence_date, c.notes FROM case_file c ORDER BY c.id"),
        [
            "OOCD-2026-0001 | active | 2026-11-02 | 2026-10-25 | =HYPERLINK(\"http://evil.example\",\"click\")\nImported from tracker reference \"X-1\".",
            "RJ-2026-0001 | sense_check | 2026-11-03 |  | @SUM(1+1)\nImported from tracker reference \"X-2\".",
        ]
    );
    assert_eq!(
        dump(&db, "SELECT kind, due_on, hours_required, status FROM condition"),
        ["rehab_course | 2026-11-21 | 6 | active"]
    );

    // Going out again, the formula-looking text is neutralised in both formats.
    let csv_out = dir.path().join("back.csv");
    run(&db, &["tracker", "-o", csv_out.to_str().unwrap()]).success();
    let mut reader = csv::Reader::from_path(&csv_out).unwrap();
    let notes = reader.headers().unwrap().iter().position(|h| h == "Notes").unwrap();
    let cells: Vec<String> = reader.records().map(|r| r.unwrap()[notes].to_string()).collect();
    assert!(cells[0].starts_with("'=HYPERLINK("), "{cells:?}");
    assert!(cells[1].starts_with("'@SUM("), "{cells:?}");

    let xlsx_out = dir.path().join("back.xlsx");
    run(&db, &["tracker", "-o", xlsx_out.to_str().unwrap()]).success();
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx_out).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let notes = header.iter().position(|h| h == "Notes").unwrap();
    let first = range.rows().nth(1).unwrap();
    assert!(matches!(&first[notes], Data::String(s) if s.starts_with("'=HYPERLINK(")), "{:?}", first[notes]);
    assert!(book.worksheet_formula("Cases").unwrap().used_cells().next().is_none(), "no formulas at all");
}

#[test]
fn an_xlsx_date_cell_on_the_fictitious_29_february_1900_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let xlsx = dir.path().join("leap.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, "Service").unwrap();
    sheet.write_string(0, 1, "Received").unwrap();
    sheet.write_string(1, 0, "rj").unwrap();
    // Serial 60 is the day Excel invented to copy Lotus 1-2-3.
    sheet.write_number_with_format(1, 1, 60.0, &day).unwrap();
    book.save(&xlsx).unwrap();
    let result = import(&db, &xlsx, &[]).code(2);
    let expected = r#"row 2, column "Received": the date cell shows 29/2/1900, which is not a real date"#;
    assert!(stderr_of(&result).contains(expected), "{}", stderr_of(&result));
    assert_eq!(one(&db, "SELECT COUNT(*) FROM case_file"), "0");
}

#[test]
fn imported_statuses_stand_and_a_closed_case_gets_its_retention_review() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("statuses.csv");
    std::fs::write(
        &path,
        "Service,Received,Disposal type,Issued,Status,Status changed,Closed on,Closure outcome,Paused from,\
         Condition 1 kind,Condition 1 due,Condition 1 status,Condition 1 completed\n\
         oocd,01/03/2026,adult_conditional_caution,05/03/2026,closed,,30/06/2026,All complied with,,\
         unpaid_work,01/06/2026,completed,28/05/2026\n\
         mediation,01/10/2026,,,paused,15/10/2026,,,preparation,,,,\n",
    )
    .unwrap();
    import(&db, &path, &[]).success();
    assert_eq!(
        dump(
            &db,
            "SELECT ref, status, status_changed_on, paused_from, closed_on, closure_outcome FROM case_file ORDER BY id"
        ),
        [
            "OOCD-2026-0001 | closed | 2026-06-30 |  | 2026-06-30 | All complied with",
            "MED-2026-0001 | paused | 2026-10-15 | preparation |  | ",
        ]
    );
    assert_eq!(dump(&db, "SELECT closed_on, review_due FROM retention"), ["2026-06-30 | 2032-06-30"]);
    assert_eq!(dump(&db, "SELECT status, completed_on FROM condition"), ["completed | 2026-05-28"]);
}
