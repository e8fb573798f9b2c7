//! A case imported mid-flight must be consistent with the status it claims
//! (issue 13 §6): a referral transferred or further on names its
//! coordinator, who must be in the directory; a disposal past issue has its
//! issue date; a youth disposal has a person of the right age on the day it
//! was issued. Each refusal names the row and the column in words, and
//! nothing is imported.

use std::path::{Path, PathBuf};

use crate::common::cli::{run, stderr_of, stdout_of};
use tempfile::TempDir;

use super::{dump, import, one};

/// A new desk, with the coordinators named in its directory.
fn desk_with(dir: &TempDir, coordinators: &[&str]) -> PathBuf {
    let db = dir.path().join("desk.db");
    run(&db, &["init"]).success();
    for name in coordinators {
        run(&db, &["directory", "add", "--kind", "coordinator", "--name", name]).success();
    }
    db
}

/// Imports `csv` into `db`: stdout on success, else stderr (exit code 2,
/// nothing imported).
fn try_import(db: &Path, csv: &str) -> Result<String, String> {
    let path = db.with_file_name("tracker.csv");
    std::fs::write(&path, csv).unwrap();
    let result = import(db, &path, &[]);
    let code = result.get_output().status.code();
    if code == Some(0) {
        return Ok(stdout_of(&result));
    }
    assert_eq!(code, Some(2), "bad input exits with 2: {}", stderr_of(&result));
    assert_eq!(one(db, "SELECT COUNT(*) FROM case_file"), "0", "nothing is imported");
    Err(stderr_of(&result))
}

const REFERRALS: &str = "Service,Received,Status,Status changed,Paused from,Coordinator\n";

#[test]
fn a_referral_at_contacting_parties_without_its_coordinator_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &["Priya Shah"]);
    let csv = format!("{REFERRALS}restorative_justice,01/10/2026,Contacting parties,20/10/2026,,\n");
    let stderr = try_import(&db, &csv).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Coordinator\": missing required field: a referral at Contacting parties has been \
             transferred, so it needs the coordinator's name as it is in the directory"
        ),
        "{stderr}"
    );
    let named = format!("{REFERRALS}restorative_justice,01/10/2026,Contacting parties,20/10/2026,,priya  SHAH\n");
    try_import(&db, &named).expect("with the coordinator named");
    assert_eq!(
        dump(
            &db,
            "SELECT c.status, k.name, c.transferred_on FROM case_file c JOIN coordinator k ON k.id = c.coordinator_id"
        ),
        ["contacting_parties | Priya Shah | 2026-10-20"],
        "allocated to the coordinator in the directory, not a new one"
    );
    assert_eq!(one(&db, "SELECT COUNT(*) FROM coordinator"), "1");
}

#[test]
fn a_referral_paused_after_its_transfer_needs_its_coordinator_too() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    let csv = format!("{REFERRALS}mediation,01/10/2026,paused,15/10/2026,preparation,\n");
    let stderr = try_import(&db, &csv).unwrap_err();
    assert!(
        stderr.contains("row 2, column \"Coordinator\": missing required field: a referral at Preparation"),
        "{stderr}"
    );
    // Before the transfer there is no coordinator to name.
    let early = format!("{REFERRALS}mediation,01/10/2026,Risk assessment,15/10/2026,,\n");
    try_import(&db, &early).expect("a referral not yet transferred");
}

#[test]
fn a_coordinator_not_in_the_directory_is_refused_by_row_not_added() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &["Priya Shah"]);
    let csv = format!(
        "{REFERRALS}restorative_justice,01/10/2026,Transferred to coordinator,05/10/2026,,Priya Shah\n\
         restorative_justice,02/10/2026,preparation,25/10/2026,,Pria Shah\n"
    );
    let stderr = try_import(&db, &csv).unwrap_err();
    assert!(
        stderr.contains(
            "row 3, column \"Coordinator\": no coordinator named Pria Shah is in the directory: add them first with \
             `casedesk directory add --kind coordinator --name \"Pria Shah\"`, or correct the name"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("row 2"), "the first row is fine: {stderr}");
    assert_eq!(one(&db, "SELECT COUNT(*) FROM coordinator"), "1", "no coordinator is made up");
}

#[test]
fn an_out_of_court_disposal_has_no_coordinator() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &["Priya Shah"]);
    let csv = "Service,Received,Disposal type,Coordinator\noocd,01/10/2026,community_resolution,Priya Shah\n";
    let stderr = try_import(&db, csv).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Coordinator\": only a restorative justice or mediation referral has a coordinator"
        ),
        "{stderr}"
    );
}

#[test]
fn a_disposal_said_to_be_past_issue_needs_its_issue_date() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    let header = "Service,Received,Disposal type,Issued,Status\n";
    let csv = format!("{header}oocd,01/10/2026,adult_conditional_caution,,Active\n");
    let stderr = try_import(&db, &csv).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Issued\": missing required field: a case at Active has been issued, so it needs the \
             date it was issued"
        ),
        "{stderr}"
    );
    // Withdrawn before it was given needs no issue date (who and why it does).
    let header = "Service,Received,Disposal type,Issued,Status,Withdrawn by,Withdrawal reason\n";
    let withdrawn =
        format!("{header}oocd,01/10/2026,adult_conditional_caution,,withdrawn,Responsible party,Consent withdrawn\n");
    try_import(&db, &withdrawn).expect("withdrawn while a draft");
}

/// A conditional caution is issued with the conditions its signed document
/// holds (issue 13): a tracker row at a status only issue leads to, with no
/// condition, is refused by row; with one, or withdrawn before issue, it is
/// imported. A youth caution takes none.
#[test]
fn a_conditional_caution_past_issue_without_a_condition_is_refused_by_row() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    let header = "Service,Received,Disposal type,Issued,Status,Responsible given names,Responsible family name,\
                  Responsible DOB,Condition 1 kind,Condition 1 description,Condition 1 due\n";
    let row = |disposal: &str, status: &str, born: &str, condition: &str| {
        format!("{header}oocd,01/10/2026,{disposal},05/10/2026,{status},Kai,Brown,{born},{condition}\n")
    };
    for (disposal, status, born) in
        [("adult_conditional_caution", "Active", "01/01/1990"), ("youth_conditional_caution", "Issued", "10/11/2010")]
    {
        let stderr = try_import(&db, &row(disposal, status, born, ",,")).unwrap_err();
        let kind = disposal.split('_').next().unwrap();
        assert!(
            stderr.contains(&format!(
                "row 2, column \"Status\": a case at {status} has been issued, so its {kind} conditional caution \
                 needs at least one condition"
            )),
            "{stderr}"
        );
    }
    let letter = "reparation_apology_letter,Write to the shop,01/12/2026";
    try_import(&db, &row("adult_conditional_caution", "Active", "01/01/1990", letter)).expect("with its condition");
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    try_import(&db, &row("youth_caution", "Issued", "10/11/2010", ",,")).expect("a youth caution takes none");
}

const YOUTH: &str = "Service,Received,Offence date,Offence mode,Disposal type,Issued,\
                     Responsible given names,Responsible family name,Responsible DOB\n";

#[test]
fn a_youth_disposal_is_checked_against_the_age_on_its_issue_date_not_the_offence() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    // 17 when they offended and when the case came in; 18 on the day of issue.
    let csv = format!(
        "{YOUTH}oocd,01/11/2026,20/10/2026,summary,youth_conditional_caution,19/11/2026,Kai,Brown,10/11/2008\n"
    );
    let stderr = try_import(&db, &csv).unwrap_err();
    assert!(stderr.contains("row 2, column \"Disposal type\"") && stderr.contains("only for ages 10–17"), "{stderr}");
    let before_birthday = csv.replace("19/11/2026", "05/11/2026");
    try_import(&db, &before_birthday).expect("still 17 on the day of issue");
}

#[test]
fn a_youth_disposal_without_the_responsible_persons_date_of_birth_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    let csv = format!("{YOUTH}oocd,01/11/2026,20/10/2026,summary,youth_caution,05/11/2026,Kai,Brown,\n");
    let stderr = try_import(&db, &csv).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Responsible DOB\": missing required field: a youth caution is for ages 10–17 on the day \
             it is given, so it needs the responsible person's date of birth"
        ),
        "{stderr}"
    );
}

#[test]
fn a_withdrawn_case_gets_its_retention_review_like_a_closed_one() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    let csv =
        format!("{WITHDRAWN}restorative_justice,01/03/2026,withdrawn,20/04/2026,Harmed party,Consent withdrawn,\n");
    try_import(&db, &csv).expect("a referral withdrawn before its transfer");
    assert_eq!(dump(&db, "SELECT closed_on, review_due FROM retention"), ["2026-04-20 | 2032-04-20"]);
}

const WITHDRAWN: &str = "Service,Received,Status,Status changed,Withdrawn by,Withdrawal reason,Withdrawal note\n";

#[test]
fn a_withdrawn_case_must_say_who_withdrew_it_and_why() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    let bare = format!("{WITHDRAWN}restorative_justice,01/03/2026,withdrawn,20/04/2026,,,\n");
    let stderr = try_import(&db, &bare).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Withdrawn by\": missing required field: a withdrawn case needs who withdrew it \
             (Harmed party, Responsible party, Referrer, Service), as the desk's withdraw form asks"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 2, column \"Withdrawal reason\": missing required field: a withdrawn case needs why"),
        "{stderr}"
    );
    // A harmed party who declines ends the case as closed on the desk: so too here.
    let declines =
        format!("{WITHDRAWN}restorative_justice,01/03/2026,withdrawn,20/04/2026,victim,Harmed party declines,\n");
    let stderr = try_import(&db, &declines).unwrap_err();
    assert!(
        stderr.contains(
            "row 2, column \"Withdrawal reason\": \"Harmed party declines\" ends a case as closed, not withdrawn: \
             give the status Closed"
        ),
        "{stderr}"
    );
    let open = format!("{WITHDRAWN}restorative_justice,01/03/2026,Received,,Service,Safety concern,\n");
    let stderr = try_import(&db, &open).unwrap_err();
    assert!(stderr.contains("row 2, column \"Withdrawn by\": only a withdrawn case"), "{stderr}");
    let full =
        format!("{WITHDRAWN}restorative_justice,01/03/2026,withdrawn,20/04/2026,service,safety concern,Threats made\n");
    try_import(&db, &full).expect("who and why given");
    assert_eq!(
        dump(&db, "SELECT status, withdrawn_by, withdrawal_reason, withdrawal_note FROM case_file"),
        ["withdrawn | service | safety_concern | Threats made"]
    );
    let closed = format!("{WITHDRAWN}mediation,01/03/2026,closed,20/04/2026,Harmed party,Harmed party declines,\n");
    try_import(&db, &closed).expect("closed as the harmed party declined");
}

/// Issue 14 §8: a condition's provider is carried by name, matched to the
/// directory as the desk matches names (case and spacing aside); a name not
/// there is refused by row and column, never added.
#[test]
fn a_conditions_provider_is_matched_by_name_and_an_unknown_one_refused() {
    let dir = TempDir::new().unwrap();
    let db = desk_with(&dir, &[]);
    run(&db, &["directory", "add", "--kind", "provider", "--name", "Northgate Courses"]).success();
    let header = "Service,Received,Disposal type,Condition 1 kind,Condition 1 due,Condition 1 provider\n";
    let unknown = format!(
        "{header}oocd,01/10/2026,community_resolution,Rehabilitative course,01/12/2026,Northgate Courses\n\
         oocd,02/10/2026,community_resolution,Rehabilitative course,02/12/2026,Nortgate Courses\n"
    );
    let stderr = try_import(&db, &unknown).unwrap_err();
    assert!(
        stderr.contains(
            "row 3, column \"Condition 1 provider\": no provider named Nortgate Courses is in the directory: add it \
             first with `casedesk directory add --kind provider --name \"Nortgate Courses\"`, or correct the name"
        ),
        "{stderr}"
    );
    assert_eq!(one(&db, "SELECT COUNT(*) FROM provider"), "1", "no provider is made up");

    let spelt =
        format!("{header}oocd,01/10/2026,community_resolution,Rehabilitative course,01/12/2026,  northgate  COURSES\n");
    try_import(&db, &spelt).expect("the provider in the directory");
    assert_eq!(
        one(&db, "SELECT p.name FROM condition k JOIN provider p ON p.id = k.provider_id"),
        "Northgate Courses",
        "the condition names the provider in the directory"
    );
    assert_eq!(one(&db, "SELECT COUNT(*) FROM provider"), "1");
    // The tracker writes the provider's name back in the same column.
    let tracker = dir.path().join("out.csv");
    run(&db, &["tracker", "-o", tracker.to_str().unwrap()]).success();
    let written = std::fs::read_to_string(&tracker).unwrap();
    let mut lines = written.lines();
    let headers: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = headers.iter().position(|h| *h == "Condition 1 provider").expect("a provider column");
    assert_eq!(lines.next().unwrap().split(',').nth(column), Some("Northgate Courses"), "{written}");
}
