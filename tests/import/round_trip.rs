//! Export then import through both formats gives the same cases, and
//! independent readers read the tracker back.

use crate::common::cli::run;
use calamine::{Data, Reader, Xlsx};
use tempfile::TempDir;

use super::{demo_db, dump, round_trip};

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
