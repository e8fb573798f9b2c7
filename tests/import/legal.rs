//! Import runs the legal checks the screens run (issue 13 §3, §6): a row
//! that breaks one is refused by row, column and reason, and nothing is
//! imported.

use crate::common::cli::{stderr_of, stdout_of};
use tempfile::TempDir;

use super::{import, one};

const HEADER: &str = "Service,Received,Offence mode,Flags,Disposal type,Issued,Completion due,CPS decision,\
                      Responsible given names,Responsible family name,Responsible DOB\n";

/// Imports `rows` under `HEADER` into a new desk: stdout on success, else stderr.
fn try_import(rows: &str) -> Result<String, String> {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("tracker.csv");
    std::fs::write(&path, format!("{HEADER}{rows}")).unwrap();
    let result = import(&db, &path, &[]);
    let code = result.get_output().status.code();
    if code == Some(0) {
        Ok(stdout_of(&result))
    } else {
        assert_eq!(code, Some(2), "bad input exits with 2: {}", stderr_of(&result));
        if db.exists() {
            assert_eq!(one(&db, "SELECT COUNT(*) FROM case_file"), "0", "nothing is imported");
        }
        Err(stderr_of(&result))
    }
}

#[test]
fn a_domestic_abuse_conditional_caution_without_a_cps_decision_is_refused_by_row_and_column() {
    let row = "oocd,01/11/2026,either_way,domestic_abuse,adult_conditional_caution,02/11/2026,,,Sam,Jones,01/01/1990\n";
    let stderr = try_import(row).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Disposal type\": an adult conditional caution for a domestic abuse offence \
                         needs the CPS to decide: record the CPS decision reference"
        ),
        "{stderr}"
    );
    let with_ref = row.replace(",,,Sam", ",,CPS/26/0001,Sam");
    try_import(&with_ref).expect("with the CPS decision recorded");
}

#[test]
fn an_indictable_only_offence_needs_a_cps_decision_for_a_youth_conditional_caution_too() {
    let row = "oocd,01/11/2026,indictable_only,,youth_conditional_caution,02/11/2026,,,Kai,Brown,01/03/2011\n";
    let stderr = try_import(row).unwrap_err();
    assert!(stderr.contains("row 2, column \"Disposal type\"") && stderr.contains("indictable-only"), "{stderr}");
}

#[test]
fn a_youth_conditional_caution_for_someone_born_in_1980_is_refused() {
    let row = "oocd,01/11/2026,summary,,youth_conditional_caution,02/11/2026,,,Sam,Jones,01/01/1980\n";
    let stderr = try_import(row).unwrap_err();
    assert!(stderr.contains("row 2, column \"Disposal type\"") && stderr.contains("only for ages 10–17"), "{stderr}");
}

#[test]
fn a_conditional_caution_due_39_weeks_after_issue_is_refused() {
    let row = "oocd,01/11/2026,summary,,adult_conditional_caution,02/11/2026,02/08/2027,,Sam,Jones,01/01/1990\n";
    let stderr = try_import(row).unwrap_err();
    assert!(stderr.contains("row 2, column \"Disposal type\": completion due 39 weeks after issue"), "{stderr}");
    assert!(stderr.contains("give a reason to go beyond it"), "{stderr}");
}

#[test]
fn a_diversionary_caution_is_refused_while_pcsc_part_6_is_not_in_force() {
    let row = "oocd,01/11/2026,summary,,diversionary_caution,02/11/2026,,,Sam,Jones,01/01/1990\n";
    let stderr = try_import(row).unwrap_err();
    assert!(stderr.contains("row 2, column \"Disposal type\"") && stderr.contains("not in force"), "{stderr}");
}

#[test]
fn an_intimate_partner_community_resolution_is_refused_without_a_reason_to_proceed() {
    let row = "oocd,01/11/2026,summary,\"domestic_abuse, intimate_partner\",community_resolution,02/11/2026,,,Sam,\
               Jones,01/01/1990\n";
    let stderr = try_import(row).unwrap_err();
    assert!(stderr.contains("row 2, column \"Disposal type\"") && stderr.contains("intimate partners"), "{stderr}");
}
