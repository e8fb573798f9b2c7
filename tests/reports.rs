//! Period reports on a small hand-built desk whose answers are known:
//! working-day medians and 90th percentiles across Easter 2026, the on-time
//! boundary on the due date itself, a breach counted once, status at the
//! period end read back from the audit log. Then `casedesk report` in every
//! format, each file opened with an independent reader and its values and
//! definitions checked.

mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::checklist::{Answer, Decision, RiskLevel};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{AgreementItemKind, ProcessKind, ProcessStatus, Service, Source};
use casedesk::export::report::{gather, FigureValue, PeriodReport};
use casedesk::store::model::{
    ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition, NewDecision, NewDisposal,
    NewProcess,
};
use casedesk::store::{Store, StoreResult, Tx};
use chrono::NaiveDate;
use common::cli::casedesk;
use common::{SENSE_CHECK, SUITABILITY};
use predicates::prelude::*;
use tempfile::TempDir;

const FROM: &str = "2026-04-01";
const TO: &str = "2026-04-30";
/// Free text that a spreadsheet would run as a formula if written raw.
const FORMULA_OUTCOME: &str = "=HYPERLINK(\"http://x\",\"not suitable\")";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

// ------------------------------------------------------------ the desk

fn answer_all(tx: &mut Tx<'_>, case_id: i64, codes: &[&str], on: &str) -> StoreResult<()> {
    codes.iter().try_for_each(|code| {
        let entry =
            ChecklistEntry { item_code: code.to_string(), answer: Answer::Yes, severity: None, note: String::new() };
        tx.answer_checklist(case_id, &entry, d(on))
    })
}

/// An RJ referral received on `received` and sense-checked (moved to risk
/// assessment) on `checked`.
fn sense_checked(tx: &mut Tx<'_>, source: Source, received: &str, checked: &str) -> StoreResult<i64> {
    let id = tx.create_case(&NewCase::new(Service::RestorativeJustice, source, d(received)))?.id;
    tx.change_status(id, "sense_check", d(received))?;
    answer_all(tx, id, &SENSE_CHECK, checked)?;
    tx.change_status(id, "risk_assessment", d(checked))?;
    Ok(id)
}

fn decide(tx: &mut Tx<'_>, case_id: i64, kind: Decision, on: &str) -> StoreResult<i64> {
    answer_all(tx, case_id, &SUITABILITY, on)?;
    let decision = NewDecision {
        decided_on: d(on),
        decision: kind,
        risk_level: RiskLevel::Low,
        rationale: "checklist complete; both parties willing".into(),
        manager_signoff_by: None,
        manager_signoff_on: None,
    };
    tx.record_decision(case_id, &decision)
}

fn apology(due: &str) -> NewCondition {
    let description = format!("Letter of apology by {due}");
    NewCondition::new(ConditionKind::ReparationApologyLetter, ConditionObject::Reparation, &description, d(due))
}

/// An adult conditional caution received before the period, with four
/// conditions: completed on the due date (on time), the day after (late),
/// breached twice (one breached condition), and completed before the period.
fn conditions(tx: &mut Tx<'_>, store_rules: &casedesk::domain::rules::Rules) -> StoreResult<()> {
    let mut nc = NewCase::new(Service::Oocd, Source::Police, d("2026-03-02"));
    nc.offence_mode = Some(OffenceMode::SummaryOnly);
    nc.offence_date = Some(d("2026-03-01"));
    let case_id = tx.create_case(&nc)?.id;
    let mut disposal = NewDisposal::new(DisposalType::AdultConditionalCaution);
    disposal.issued_on = Some(d("2026-03-10"));
    tx.set_disposal(case_id, &disposal)?;
    let (on_time, _) = tx.add_condition(case_id, &apology("2026-04-15"), store_rules)?;
    let (late, _) = tx.add_condition(case_id, &apology("2026-04-15"), store_rules)?;
    let (breached, _) = tx.add_condition(case_id, &apology("2026-04-20"), store_rules)?;
    let (earlier, _) = tx.add_condition(case_id, &apology("2026-03-31"), store_rules)?;
    tx.complete_condition(on_time, d("2026-04-15"), "letter received")?;
    tx.complete_condition(late, d("2026-04-16"), "letter received")?;
    tx.complete_condition(earlier, d("2026-03-31"), "letter received")?;
    for day in ["2026-04-21", "2026-04-22"] {
        let breach = NewBreach {
            case_id,
            condition_id: Some(breached),
            identified_on: d(day),
            description: "no letter".into(),
            reasonable_excuse_claimed: false,
            referred_to: None,
            referred_on: None,
        };
        tx.record_breach(&breach, d(day))?;
    }
    Ok(())
}

/// An RJ case from February with two agreements: one completed and the
/// harmed party told in the period, one only partly completed.
fn agreements(tx: &mut Tx<'_>) -> StoreResult<()> {
    let case_id = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, d("2026-02-02")))?.id;
    let process = NewProcess {
        kind: ProcessKind::FaceToFaceConference,
        scheduled_for: None,
        venue: None,
        room_booked: false,
        refreshments: None,
        facilitators: "A. Facilitator".into(),
        participants: "harmed, responsible".into(),
        status: ProcessStatus::Held,
    };
    let process_id = tx.add_process(case_id, &process)?;
    let item = |due: &str| NewAgreementItem {
        description: "repair the fence".into(),
        kind: AgreementItemKind::RepairWork,
        owner: "Responsible party".into(),
        responsible_person_id: None,
        amount_pence: None,
        due_on: d(due),
        monitoring_method: None,
    };
    let mut agreement_ids = Vec::new();
    for _ in 0..2 {
        let a = NewAgreement {
            process_id,
            agreed_on: d("2026-03-01"),
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: None,
        };
        agreement_ids.push(tx.add_agreement(&a)?);
    }
    let done_in_period = tx.add_agreement_item(agreement_ids[0], &item("2026-04-10"))?;
    let done_after = tx.add_agreement_item(agreement_ids[1], &item("2026-05-01"))?;
    tx.complete_agreement_item(done_in_period, d("2026-04-10"), "photo")?;
    tx.complete_agreement_item(done_after, d("2026-05-02"), "photo")?;
    tx.mark_harmed_informed(agreement_ids[0], d("2026-04-20"), "completed")?;
    tx.mark_harmed_informed(agreement_ids[1], d("2026-04-21"), "partially_completed")?;
    Ok(())
}

/// The whole desk. Easter 2026: Good Friday 3 April and Easter Monday
/// 6 April are bank holidays.
fn build(store: &mut Store) {
    let rules = store.rules().unwrap();
    store
        .write(|tx| {
            // Sense-checks in the period, in working days: A 2 (1→7 Apr over
            // Easter; 6 calendar days), B 3 (2→9 Apr), C 0, D 10 (14→28 Apr).
            let a = sense_checked(tx, Source::Police, "2026-04-01", "2026-04-07")?;
            let b = sense_checked(tx, Source::Police, "2026-04-02", "2026-04-09")?;
            let c = sense_checked(tx, Source::Police, "2026-04-13", "2026-04-13")?;
            let dd = sense_checked(tx, Source::Police, "2026-04-14", "2026-04-28")?;
            // E is withdrawn at receipt: not a sense-check.
            let e = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::VictimSelf, d("2026-04-01")))?.id;
            tx.change_status(e, "withdrawn", d("2026-04-02"))?;
            // F was sense-checked in March (to awaiting information) and again in
            // April: only its first sense-check counts, and that was before the period.
            let f = tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, d("2026-03-20")))?.id;
            tx.change_status(f, "sense_check", d("2026-03-20"))?;
            tx.change_status(f, "awaiting_info", d("2026-03-25"))?;
            tx.change_status(f, "sense_check", d("2026-04-01"))?;
            answer_all(tx, f, &SENSE_CHECK, "2026-04-02")?;
            tx.change_status(f, "risk_assessment", d("2026-04-02"))?;

            // Decisions: A 4 wd (1→9 Apr over Easter), C 1 wd, D 12 wd.
            decide(tx, a, Decision::Suitable, "2026-04-09")?;
            decide(tx, c, Decision::NotSuitable, "2026-04-14")?;
            decide(tx, dd, Decision::Suitable, "2026-04-30")?;
            tx.close_case(c, d("2026-04-15"), FORMULA_OUTCOME, &rules)?;
            // After the period A moves on: the report must still say "suitable".
            tx.change_status(a, "logged", d("2026-05-05"))?;

            // Victims' Code timers: met on the due day, given late, not given
            // and past due, due on the last day and open, due after the period.
            tx.set_victim_info_timer(a, d("2026-04-08"), Some(d("2026-04-08")))?;
            tx.set_victim_info_timer(b, d("2026-04-09"), Some(d("2026-04-10")))?;
            tx.set_victim_info_timer(c, d("2026-04-20"), None)?;
            tx.set_victim_info_timer(dd, d("2026-04-30"), None)?;
            tx.set_victim_info_timer(e, d("2026-05-05"), None)?;

            conditions(tx, &rules)?;
            agreements(tx)
        })
        .unwrap();
}

fn report_for(store: &Store, from: &str, to: &str) -> PeriodReport {
    gather(store, d(from), d(to), &store.calendar().unwrap()).unwrap()
}

fn desk() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    build(&mut store);
    store
}

fn value(report: &PeriodReport, key: &str) -> FigureValue {
    report.figure(key).unwrap_or_else(|| panic!("no figure {key}: {:#?}", report.figures)).value
}

fn count(report: &PeriodReport, key: &str) -> i64 {
    match value(report, key) {
        FigureValue::Count(n) => n,
        other => panic!("{key} is not a count: {other:?}"),
    }
}

fn days(report: &PeriodReport, key: &str) -> Option<f64> {
    match value(report, key) {
        FigureValue::WorkingDays(d) => d,
        other => panic!("{key} is not a time: {other:?}"),
    }
}

// ----------------------------------------------------------- the figures

#[test]
fn referrals_are_counted_by_received_date_source_and_service() {
    let r = report_for(&desk(), FROM, TO);
    assert_eq!(count(&r, "referrals_received"), 5, "A to E; F, the OOCD case and the agreement case came earlier");
    assert_eq!(count(&r, "referrals_by_service.restorative_justice"), 5);
    assert_eq!(count(&r, "referrals_by_service.mediation"), 0);
    assert_eq!(count(&r, "referrals_by_source.police"), 4);
    assert_eq!(count(&r, "referrals_by_source.victim_self"), 1);
    assert_eq!(count(&r, "referrals_by_source.housing"), 0);
}

#[test]
fn outcome_is_the_status_at_period_end_or_the_closure_outcome() {
    let r = report_for(&desk(), FROM, TO);
    assert_eq!(count(&r, "referrals_by_outcome.status.suitable"), 2, "A (logged only in May) and D");
    assert_eq!(count(&r, "referrals_by_outcome.status.risk_assessment"), 1, "B");
    assert_eq!(count(&r, "referrals_by_outcome.status.withdrawn"), 1, "E");
    assert!(r.figure("referrals_by_outcome.status.logged").is_none(), "A was logged after the period");
    let closed: Vec<_> = r.group("referrals_by_outcome.closed").collect();
    assert_eq!(closed.len(), 1, "{closed:?}");
    assert_eq!(closed[0].value, FigureValue::Count(1));
    assert!(closed[0].label.contains(FORMULA_OUTCOME), "{}", closed[0].label);
    // Ending the period the day after A was logged shows it as logged.
    let later = report_for(&desk(), FROM, "2026-05-05");
    assert_eq!(count(&later, "referrals_by_outcome.status.logged"), 1);
}

#[test]
fn sense_check_median_and_p90_are_working_days_across_easter() {
    let r = report_for(&desk(), FROM, TO);
    // Times 2, 3, 0, 10 working days (calendar days would be 6, 7, 0, 14).
    assert_eq!(count(&r, "sense_check_cases"), 4, "E withdrawn and F's March sense-check are not counted");
    assert_eq!(days(&r, "sense_check_median_wd"), Some(2.5));
    assert_eq!(days(&r, "sense_check_p90_wd"), Some(10.0));
}

#[test]
fn decision_median_and_p90_are_working_days() {
    let r = report_for(&desk(), FROM, TO);
    // Times 4 (1→9 Apr over Easter), 1 and 12 working days.
    assert_eq!(count(&r, "decision_cases"), 3);
    assert_eq!(days(&r, "decision_median_wd"), Some(4.0));
    assert_eq!(days(&r, "decision_p90_wd"), Some(12.0));
    assert_eq!(count(&r, "decisions_suitable"), 2);
    assert_eq!(count(&r, "decisions_not_suitable"), 1);
}

#[test]
fn a_period_with_nothing_timed_has_no_median() {
    let r = report_for(&desk(), "2026-06-01", "2026-06-30");
    assert_eq!(count(&r, "sense_check_cases"), 0);
    assert_eq!(days(&r, "sense_check_median_wd"), None);
    assert_eq!(days(&r, "decision_p90_wd"), None);
}

#[test]
fn completing_on_the_due_date_is_on_time_and_a_breach_is_counted_once() {
    let r = report_for(&desk(), FROM, TO);
    assert_eq!(count(&r, "conditions_on_time"), 1, "completed on its due date, 15 April");
    assert_eq!(count(&r, "conditions_late"), 1, "completed on 16 April, due the 15th");
    assert_eq!(count(&r, "conditions_breached"), 1, "one condition with two breach records");
    // The breaches fall in the second half of April only.
    assert_eq!(count(&report_for(&desk(), FROM, "2026-04-20"), "conditions_breached"), 0);
    // A period of the due date alone holds the on-time completion only.
    let day = report_for(&desk(), "2026-04-15", "2026-04-15");
    assert_eq!((count(&day, "conditions_on_time"), count(&day, "conditions_late")), (1, 0));
}

#[test]
fn agreements_completed_and_items_done() {
    let r = report_for(&desk(), FROM, TO);
    assert_eq!(count(&r, "agreements_completed"), 1, "the partly completed agreement is not counted");
    assert_eq!(count(&r, "agreement_items_done"), 1, "the second item was done in May");
}

/// Issue 14 §4: enquiries (calls about no case) counted by the day logged,
/// linked to a case since or not, with the definition beside the number.
#[test]
fn enquiries_logged_are_counted_by_the_day_logged() {
    let mut store = desk();
    for (on, subject) in [("2026-03-31", "Before the period"), ("2026-04-01", "First day"), ("2026-04-30", "Last day")]
    {
        let enquiry = casedesk::store::NewEnquiry {
            occurred_on: d(on),
            subject: subject.into(),
            asked_by: "PC 4471".into(),
            notes: None,
        };
        store.write(|tx| tx.log_enquiry(&enquiry)).unwrap();
    }
    let r = report_for(&store, FROM, TO);
    assert_eq!(count(&r, "enquiries_logged"), 2, "the day before the period is not counted");
    let figure = r.figure("enquiries_logged").unwrap();
    assert_eq!(figure.label, "Enquiries logged");
    assert!(figure.definition.contains("concerned no case"), "{}", figure.definition);
}

#[test]
fn victims_code_timers_met_missed_and_open() {
    let r = report_for(&desk(), FROM, TO);
    assert_eq!(count(&r, "victims_code_met"), 1, "given on the due day");
    assert_eq!(count(&r, "victims_code_missed"), 2, "given a day late; not given and past due");
    assert_eq!(count(&r, "victims_code_open"), 1, "due on the period's last day");
}

#[test]
fn weekly_series_start_on_the_first_day() {
    let r = report_for(&desk(), FROM, TO);
    let w = &r.weekly;
    assert_eq!(w.week_starts.len(), 5, "1, 8, 15, 22 and 29 April");
    assert_eq!(w.week_starts[1], d("2026-04-08"));
    assert_eq!(w.referrals_received, vec![3, 2, 0, 0, 0]);
    assert_eq!(w.conditions_completed, vec![0, 0, 2, 0, 0]);
    assert_eq!(w.decisions, vec![0, 2, 0, 0, 1]);
}

#[test]
fn every_figure_has_a_definition_naming_what_is_counted() {
    let r = report_for(&desk(), FROM, TO);
    for f in &r.figures {
        assert!(f.definition.len() > 60, "{} has a thin definition: {:?}", f.key, f.definition);
    }
    let p90 = r.figure("sense_check_p90_wd").unwrap();
    assert!(p90.definition.contains("bank holidays") && p90.definition.contains("nearest rank"), "{p90:?}");
    let on_time = r.figure("conditions_on_time").unwrap();
    assert!(on_time.definition.contains("on the due date itself is on time"), "{on_time:?}");
}

// ------------------------------------------------------- the command line

fn desk_file() -> (TempDir, PathBuf) {
    let (dir, db, _) = common::desk_in_file(build);
    (dir, db)
}

fn report_cmd(db: &Path, format: &str, out: Option<&Path>) -> assert_cmd::assert::Assert {
    let mut cmd = casedesk();
    cmd.arg("--db").arg(db).args(["report", "--from", FROM, "--to", TO, "--format", format]);
    if let Some(out) = out {
        cmd.arg("-o").arg(out);
    }
    cmd.assert()
}

fn export_rows(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT justification, recipient FROM audit_log WHERE op = 'export' AND entity = 'report' ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn csv_report_parses_with_values_definitions_and_no_formulas() {
    let (dir, db) = desk_file();
    let out = dir.path().join("report.csv");
    report_cmd(&db, "csv", Some(&out)).success();
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(reader.headers().unwrap(), vec!["key", "figure", "value", "definition"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |key: &str| rows.iter().find(|r| &r[0] == key).unwrap_or_else(|| panic!("no {key}")).clone();
    assert_eq!(&row("sense_check_median_wd")[2], "2.5");
    assert_eq!(&row("conditions_on_time")[2], "1");
    assert!(row("conditions_breached")[3].contains("counted once per condition"));
    assert!(rows.iter().all(|r| !r[3].is_empty()), "every row has its definition");
    let closed = rows.iter().find(|r| r[0].starts_with("referrals_by_outcome.closed")).unwrap();
    assert!(closed[1].contains("HYPERLINK") && !closed[1].starts_with('='), "text, not a formula: {:?}", &closed[1]);
    for r in &rows {
        for cell in r.iter() {
            assert!(!cell.starts_with(['=', '+', '@']), "a formula cell: {cell:?}");
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn json_report_parses_with_a_definition_on_every_figure() {
    let (_dir, db) = desk_file();
    let out = report_cmd(&db, "json", None).success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["from"], FROM);
    assert_eq!(json["to"], TO);
    let figures = json["figures"].as_array().unwrap();
    let by_key = |key: &str| figures.iter().find(|f| f["key"] == key).unwrap_or_else(|| panic!("no {key}"));
    assert_eq!(by_key("decision_p90_wd")["value"], 12.0);
    assert_eq!(by_key("victims_code_missed")["value"], 2);
    assert!(figures.iter().all(|f| f["definition"].as_str().is_some_and(|t| t.len() > 60)));
    assert_eq!(json["weekly"]["referrals_received"], serde_json::json!([3, 2, 0, 0, 0]));
    let logged = export_rows(&db);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].1, "standard output");
}

#[test]
fn markdown_report_is_a_table_with_a_definition_column() {
    let (_dir, db) = desk_file();
    let out = report_cmd(&db, "md", None).success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("# Period report: 1 April 2026 to 30 April 2026"), "{text}");
    assert!(text.contains("| Figure | Value | Definition |"), "{text}");
    let line = text.lines().find(|l| l.starts_with("| Receipt to sense-check: 90th percentile")).unwrap();
    assert!(line.contains("| 10 |") && line.contains("nearest rank"), "{line}");
    let empty = text.lines().filter(|l| l.starts_with("| ") && l.ends_with(" |  |")).count();
    assert_eq!(empty, 0, "no figure without its definition");
}

#[test]
fn xlsx_report_opens_in_calamine_with_numbers_and_definitions() {
    let (dir, db) = desk_file();
    let out = dir.path().join("report.xlsx");
    report_cmd(&db, "xlsx", Some(&out)).success().stderr(predicate::str::contains("Wrote the report"));
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), vec!["Figures", "Weekly", "Period"]);
    let sheet = book.worksheet_range("Figures").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, vec!["key", "figure", "value", "definition"]);
    let row = |key: &str| *rows.iter().find(|r| r[0] == key).unwrap_or_else(|| panic!("no {key}"));
    assert_eq!(row("sense_check_median_wd")[2], Data::Float(2.5));
    assert_eq!(row("conditions_late")[2], Data::Float(1.0));
    assert!(row("victims_code_open")[3].to_string().contains("due on the period's last day"));
    let closed = rows.iter().find(|r| r[0].to_string().starts_with("referrals_by_outcome.closed")).unwrap();
    let label = closed[1].to_string();
    assert!(label.contains("HYPERLINK") && !label.starts_with('='), "text, not a formula: {label:?}");
    let weekly = book.worksheet_range("Weekly").unwrap();
    assert_eq!(weekly.get((1, 1)), Some(&Data::Float(3.0)), "three referrals in the first week");
    assert!(matches!(weekly.get((1, 0)), Some(Data::DateTime(_))), "week starts are dates: {:?}", weekly.get((1, 0)));
    let logged = export_rows(&db);
    assert_eq!(logged.len(), 1);
    assert!(logged[0].0.contains("xlsx") && logged[0].1.ends_with("report.xlsx"), "{logged:?}");
}

#[test]
fn xlsx_header_row_is_frozen() {
    let (dir, db) = desk_file();
    let out = dir.path().join("report.xlsx");
    report_cmd(&db, "xlsx", Some(&out)).success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let pane = doc.descendants().find(|n| n.has_tag_name("pane")).expect("a frozen pane");
    assert_eq!(pane.attribute("state"), Some("frozen"));
    assert_eq!(pane.attribute("ySplit"), Some("1"));
}

#[test]
fn bad_requests_get_one_sentence_and_write_nothing() {
    let (dir, db) = desk_file();
    let out = dir.path().join("never.xlsx");
    report_cmd(&db, "xlsx", None).code(2).stderr(predicate::str::contains("give -o FILE.xlsx"));
    report_cmd(&db, "pdf", Some(&out)).code(2).stderr(predicate::str::contains("use md, csv, json or xlsx"));
    casedesk()
        .arg("--db")
        .arg(&db)
        .args(["report", "--from", TO, "--to", FROM])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("before it starts"));
    assert!(!out.exists());
    assert!(export_rows(&db).is_empty(), "nothing written, nothing logged");
}

/// An undone sense-check is not a sense-check: undo clears the day, and the
/// move made again later counts on its own day.
#[test]
fn an_undone_sense_check_counts_only_when_made_again() {
    let mut store = desk();
    let g = store
        .write(|tx| {
            let g = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, d("2026-04-20")))?.id;
            tx.change_status(g, "sense_check", d("2026-04-20"))?;
            answer_all(tx, g, &SENSE_CHECK, "2026-04-21")?;
            Ok(g)
        })
        .unwrap();
    store.write(|tx| tx.change_status(g, "risk_assessment", d("2026-04-21"))).unwrap();
    assert_eq!(count(&report_for(&store, "2026-04-01", "2026-04-30"), "sense_check_cases"), 5);
    store.undo_last().unwrap();
    assert_eq!(count(&report_for(&store, "2026-04-01", "2026-04-30"), "sense_check_cases"), 4);
    store.write(|tx| tx.change_status(g, "risk_assessment", d("2026-05-04"))).unwrap();
    assert_eq!(count(&report_for(&store, "2026-04-01", "2026-04-30"), "sense_check_cases"), 4);
    assert_eq!(count(&report_for(&store, "2026-05-01", "2026-05-31"), "sense_check_cases"), 1);
}

/// A desk made before `sense_checked_on` existed takes each day from its
/// audit history: the migration's backfill gives the days that the writes
/// themselves record.
#[test]
fn the_migration_backfills_sense_check_days_from_the_audit_log() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = Store::open(&path, casedesk::store::OpenMode::CreateIfMissing).unwrap();
    build(&mut store);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let days = |conn: &rusqlite::Connection| -> Vec<(i64, Option<String>)> {
        let mut stmt = conn.prepare("SELECT id, sense_checked_on FROM case_file ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let written = days(&conn);
    assert_eq!(written.iter().filter(|(_, day)| day.is_some()).count(), 5, "{written:?}");
    let migration = include_str!("../assets/migrations/0003_sense_checked_on.sql");
    let start = migration.find("UPDATE case_file").unwrap();
    let end = migration[start..].find(";\n").unwrap() + start + 1;
    conn.execute_batch(&format!("UPDATE case_file SET sense_checked_on = NULL; {}", &migration[start..end])).unwrap();
    assert_eq!(days(&conn), written);
}
