//! Workbooks made by another program, the fictitious 29 February 1900,
//! and imported statuses.

use std::path::Path;

use crate::common::cli::{run, stderr_of};
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tempfile::TempDir;

use super::{dump, import, one};

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
        "Issued",
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
    // Active, so issued: the issue date goes with it (issue 13 §6).
    sheet.write_date_with_format(1, 12, &received, &day).unwrap();
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
    run(&db, &["init"]).success();
    // Paused at preparation, the referral was transferred: it names its
    // coordinator, who is in the directory (issue 13 §6).
    run(&db, &["directory", "add", "--kind", "coordinator", "--name", "Priya Shah"]).success();
    let path = dir.path().join("statuses.csv");
    std::fs::write(
        &path,
        "Service,Received,Disposal type,Issued,Status,Status changed,Closed on,Closure outcome,Paused from,\
         Coordinator,Condition 1 kind,Condition 1 due,Condition 1 status,Condition 1 completed\n\
         oocd,01/03/2026,adult_conditional_caution,05/03/2026,closed,,30/06/2026,All complied with,,,\
         unpaid_work,01/06/2026,completed,28/05/2026\n\
         mediation,01/10/2026,,,paused,15/10/2026,,,preparation,Priya Shah,,,,\n",
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

#[test]
fn a_closed_case_with_a_condition_still_open_is_refused_by_row_and_column() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("closed_open.csv");
    std::fs::write(
        &path,
        "Service,Received,Disposal type,Issued,Status,Closed on,Closure outcome,\
         Condition 1 kind,Condition 1 due,Condition 1 status\n\
         oocd,01/03/2026,adult_conditional_caution,05/03/2026,closed,30/06/2026,All complied with,\
         unpaid_work,01/06/2026,active\n",
    )
    .unwrap();
    let result = import(&db, &path, &[]).code(2);
    let expected = r#"row 2, column "Status": mark each open item completed, not done or waived before the case ends: condition 1, Unpaid work, due 2026-06-01"#;
    assert!(stderr_of(&result).contains(expected), "{}", stderr_of(&result));
    assert_eq!(one(&db, "SELECT COUNT(*) FROM case_file"), "0");
}
