//! The corpus of malformed files: each refused with its own error and
//! the database unchanged.

use crate::common::cli::{stderr_of, stdout_of};
use tempfile::TempDir;

use super::{demo_db, fingerprint, fixture, import};

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
        r#"row 3, column "Condition 1 kind": conditions belong to out-of-court disposals; this row's service is Restorative justice"#,
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
        r#"row 3, column "Reference": RJ-2026-0999 has the RJ- prefix but the row's service is Out-of-court disposal"#,
    ),
    ("semicolon_separated.csv", "semicolon_separated.csv separates its columns with semicolons or tabs"),
    ("two_crime_reference_columns.csv", r#"columns "Crime No" and "URN" both hold Crime reference"#),
    ("unknown_column.csv", r#"column U "Favourite colour" is not one casedesk knows"#),
    ("unknown_disposal_type.csv", r#"row 3, column "Disposal type": unknown disposal type "telling off""#),
    ("unknown_flag.csv", r#"row 3, column "Flags": "sparkly" is not a flag casedesk knows"#),
    ("unknown_offence_mode.csv", r#"row 3, column "Offence mode": unknown offence mode "serious""#),
    (
        "unknown_service.csv",
        r#"row 3, column "Service": unknown service "probation": use one of Out-of-court disposal, Restorative justice, Mediation"#,
    ),
    ("unknown_source.csv", r#"row 3, column "Source": unknown source "newspaper""#),
    ("unknown_status.csv", r#"row 3, column "Status": unknown status "on fire" for an out-of-court disposal"#),
    ("unreachable_status.csv", r#"row 3, column "Status": a community resolution can never be Prosecution"#),
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
