//! Every `-o` goes by the file's extension when `--format` is absent:
//! `summary -o day.xlsx` wrote Markdown under an .xlsx name, and `.html`
//! got Markdown too; `report` the same. A `--format` that contradicts the
//! extension, or an extension that names no format, is refused (exit 2).

mod common;

use std::path::Path;

use casedesk::demo::{generate, DemoOptions};
use common::cli::{run, TODAY};
use common::desk_in_file;
use predicates::prelude::*;

fn demo_desk() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db, ()) = desk_in_file(|store| {
        generate(store, &DemoOptions { cases: 40, seed: 3, today: common::today() }).unwrap();
    });
    (dir, db)
}

/// An xlsx workbook is a zip archive: it starts with "PK".
fn is_zip(path: &Path) -> bool {
    std::fs::read(path).unwrap().starts_with(b"PK")
}

#[test]
fn summary_takes_its_format_from_the_extension() {
    let (dir, db) = demo_desk();
    let out = |name: &str| dir.path().join(name);
    let path = |name: &str| out(name).to_str().unwrap().to_string();
    run(&db, &["summary", "--date", TODAY, "-o", &path("day.xlsx")]).success();
    assert!(is_zip(&out("day.xlsx")), "an .xlsx summary is a workbook");
    run(&db, &["summary", "--date", TODAY, "-o", &path("day.html")]).success();
    let html = std::fs::read_to_string(out("day.html")).unwrap();
    assert!(html.trim_start().to_ascii_lowercase().starts_with("<!doctype html"), "{html:.80}");
    run(&db, &["summary", "--date", TODAY, "-o", &path("day.json")]).success();
    let json = std::fs::read_to_string(out("day.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&json).expect("a .json summary is JSON");
    run(&db, &["summary", "--date", TODAY, "-o", &path("day.md")]).success();
    assert!(std::fs::read_to_string(out("day.md")).unwrap().starts_with('#'));
}

#[test]
fn report_takes_its_format_from_the_extension() {
    let (dir, db) = demo_desk();
    let xlsx = dir.path().join("month.xlsx");
    run(&db, &["report", "--from", "2026-10-01", "--to", TODAY, "-o", xlsx.to_str().unwrap()]).success();
    assert!(is_zip(&xlsx), "an .xlsx report is a workbook");
    let json = dir.path().join("month.json");
    run(&db, &["report", "--from", "2026-10-01", "--to", TODAY, "-o", json.to_str().unwrap()]).success();
    serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(json).unwrap()).expect("JSON");
}

#[test]
fn a_format_contradicting_the_extension_or_an_unknown_extension_is_refused() {
    let (dir, db) = demo_desk();
    let xlsx = dir.path().join("day.xlsx");
    let xlsx = xlsx.to_str().unwrap();
    run(&db, &["summary", "--format", "md", "-o", xlsx])
        .code(2)
        .stderr(predicate::str::contains("--format md contradicts the file name"));
    run(&db, &["report", "--from", "2026-10-01", "--to", TODAY, "--format", "csv", "-o", xlsx])
        .code(2)
        .stderr(predicate::str::contains("--format csv contradicts the file name"));
    let txt = dir.path().join("day.txt");
    run(&db, &["summary", "-o", txt.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("end it in .md, .csv, .json, .html or .xlsx or give --format"));
    run(&db, &["report", "--from", "2026-10-01", "--to", TODAY, "-o", txt.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("end it in .md, .csv, .json or .xlsx or give --format"));
    assert!(!Path::new(xlsx).exists() && !txt.exists(), "nothing written when refused");
    run(&db, &["summary", "--format", "csv", "-o", txt.to_str().unwrap()]).success();
}

/// `sample` and `tracker` have no --format: the extension alone chooses,
/// and a name that is neither .xlsx nor .csv is refused in one sentence.
#[test]
fn sample_and_tracker_take_their_format_from_the_extension() {
    let (dir, db) = demo_desk();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let sample = |file: &str| run(&db, &["sample", "--n", "3", "--from", "2026-01-01", "--to", TODAY, "-o", file]);
    for (command, name) in [("sample", "sample"), ("tracker", "tracker")] {
        let write = |file: &str| match command {
            "sample" => sample(file),
            _ => run(&db, &["tracker", "-o", file]),
        };
        write(&path(&format!("{name}.xlsx"))).success();
        assert!(is_zip(&dir.path().join(format!("{name}.xlsx"))), "an .xlsx {command} is a workbook");
        write(&path(&format!("{name}.csv"))).success();
        let csv = std::fs::read(dir.path().join(format!("{name}.csv"))).unwrap();
        assert!(!csv.starts_with(b"PK") && csv.contains(&b','), "a .csv {command} is text");
        let refused = write(&path(&format!("{name}.txt"))).code(2);
        let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim().lines().count(), 1, "one sentence: {stderr}");
        assert!(stderr.contains(".xlsx") && stderr.contains(".csv"), "{stderr}");
        assert!(!dir.path().join(format!("{name}.txt")).exists(), "nothing written when refused");
    }
}

/// A calendar file is an .ics file: any other name is refused, not written.
#[test]
fn ics_is_refused_under_another_extension() {
    let (dir, db) = demo_desk();
    let txt = dir.path().join("meeting.txt");
    run(&db, &["ics", "--case", "RJ-2026-0001", "-o", txt.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("must end in .ics"));
    assert!(!txt.exists(), "nothing written when refused");
}

/// The OOCD monthly return is a report like the others: by extension, in
/// md, csv, json or xlsx; a kind or month it does not know is refused.
#[test]
fn the_oocd_monthly_return_is_written_by_extension() {
    let (dir, db) = demo_desk();
    let args = ["report", "--kind", "oocd-monthly", "--month", "2026-11"];
    let md = common::cli::stdout_of(&run(&db, &args).success());
    assert!(md.starts_with("# OOCD monthly return: 1 November 2026 to 30 November 2026"), "{md}");
    assert!(md.contains("| Disposals given |") && !md.contains("By week"), "{md}");
    let xlsx = dir.path().join("month.xlsx");
    run(&db, &[&args[..], &["-o", xlsx.to_str().unwrap()]].concat()).success();
    assert!(is_zip(&xlsx), "an .xlsx return is a workbook");
    let json = dir.path().join("month.json");
    run(&db, &[&args[..], &["-o", json.to_str().unwrap()]].concat()).success();
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(value["title"], "OOCD monthly return");
    run(&db, &["report", "--kind", "yearly", "--month", "2026-11"])
        .code(2)
        .stderr(predicate::str::contains("is not a kind of return: use oocd-monthly or rj-quarterly"));
    run(&db, &["report", "--kind", "oocd-monthly", "--month", "November"])
        .code(2)
        .stderr(predicate::str::contains("is not a month: write it as 2026-11"));
}

/// The RJ quarterly return likewise: by extension, each figure with its
/// definition; a quarter written any other way than 2026-Q3 exits 2 saying
/// so, and a return's kind takes its own period.
#[test]
fn the_rj_quarterly_return_is_written_by_extension() {
    let (dir, db) = demo_desk();
    let args = ["report", "--kind", "rj-quarterly", "--quarter", "2026-Q3"];
    let md = common::cli::stdout_of(&run(&db, &args).success());
    assert!(md.starts_with("# RJ quarterly return: 1 July 2026 to 30 September 2026"), "{md}");
    assert!(md.contains("| Mean satisfaction (1 to 5) |") && md.contains("by received date"), "{md}");
    let xlsx = dir.path().join("quarter.xlsx");
    run(&db, &[&args[..], &["-o", xlsx.to_str().unwrap()]].concat()).success();
    assert!(is_zip(&xlsx), "an .xlsx return is a workbook");
    let csv = dir.path().join("quarter.csv");
    run(&db, &[&args[..], &["-o", csv.to_str().unwrap()]].concat()).success();
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("key,figure,value,definition"));
    let json = dir.path().join("quarter.json");
    run(&db, &[&args[..], &["-o", json.to_str().unwrap()]].concat()).success();
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(value["title"], "RJ quarterly return");
    for bad in ["2026-Q5", "Q3"] {
        run(&db, &["report", "--kind", "rj-quarterly", "--quarter", bad])
            .code(2)
            .stderr(predicate::str::contains("is not a quarter: write the quarter as 2026-Q3"));
    }
    run(&db, &["report", "--kind", "rj-quarterly", "--month", "2026-11"])
        .code(2)
        .stderr(predicate::str::contains("the RJ quarterly return takes --quarter, e.g. 2026-Q3"));
}
