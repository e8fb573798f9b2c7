//! Hostile text is inert in every text output, the decoded JSON and
//! every file export.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common;
use crate::common::cli::TODAY;
use tempfile::TempDir;

use super::{
    assert_csv_inert, assert_inert, assert_markdown_escaped, assert_markup_escaped, assert_xlsx_inert, hostile_desk,
    run_ok, Refs,
};

struct FileDesk {
    dir: TempDir,
    db: PathBuf,
    refs: Refs,
}

fn file_desk() -> FileDesk {
    let (dir, db, refs) = common::desk_in_file(hostile_desk);
    FileDesk { dir, db, refs }
}

impl FileDesk {
    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn hostile_text_is_inert_in_every_text_output() {
    let d = file_desk();
    let names = ["--with-names", "--recipient", "Manager", "--justification", "Daily review"];
    for format in ["md", "csv", "json", "html"] {
        for with_names in [false, true] {
            let mut args = vec!["summary", "--date", TODAY, "--format", format];
            if with_names {
                args.extend(names);
            }
            let text = run_ok(&d.db, &args);
            let what = format!("summary {format} (names: {with_names})");
            // JSON escapes control characters in its text, so a raw ESC never
            // appears there; what it decodes to is checked in its own test.
            assert_inert(&what, &text);
            match format {
                "csv" => assert_csv_inert(&what, text.as_bytes()),
                "html" => assert_markup_escaped(&what, &text),
                "md" if with_names => assert_markdown_escaped(&what, &text),
                _ => {}
            }
        }
    }
    for format in ["md", "csv", "json"] {
        let text = run_ok(&d.db, &["report", "--from", "2026-01-01", "--to", TODAY, "--format", format]);
        assert_inert(&format!("report {format}"), &text);
        if format == "md" {
            // The closure outcome typed on the hostile case is a figure's label.
            assert_markdown_escaped("report md", &text);
        }
    }
    assert_inert("today", &run_ok(&d.db, &["today"]));
    for (_, reference) in [&d.refs.oocd, &d.refs.closed, &d.refs.agreement] {
        assert_inert(&format!("audit --case {reference}"), &run_ok(&d.db, &["audit", "--case", reference]));
    }
    let summary = run_ok(&d.db, &["summary", "--date", TODAY, "--format", "md"]);
    assert!(summary.contains(&d.refs.oocd.1), "the hostile case is in the summary:\n{summary}");
}

/// A program reading the JSON gets the strings decoded: they must be inert
/// too, not just escaped.
#[test]
fn hostile_text_is_inert_in_the_decoded_json() {
    let d = file_desk();
    let names = ["--with-names", "--recipient", "Manager", "--justification", "Daily review"];
    let mut args = vec!["summary", "--date", TODAY, "--format", "json"];
    assert_json_inert("summary json", &run_ok(&d.db, &args));
    args.extend(names);
    assert_json_inert("summary json with names", &run_ok(&d.db, &args));
    let report = run_ok(&d.db, &["report", "--from", "2026-01-01", "--to", TODAY, "--format", "json"]);
    assert_json_inert("report json", &report);
}

fn assert_json_inert(what: &str, text: &str) {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    fn walk(what: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => assert_inert(what, s),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(what, v)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(what, v)),
            _ => {}
        }
    }
    walk(what, &value);
}

#[test]
fn hostile_text_is_inert_in_every_file_export() {
    let d = file_desk();
    let path = |name: &str| d.out(name).to_str().unwrap().to_string();
    // Spreadsheets and csv files.
    run_ok(&d.db, &["summary", "--date", TODAY, "--format", "xlsx", "-o", &path("summary.xlsx")]);
    run_ok(
        &d.db,
        &[
            "summary",
            "--date",
            TODAY,
            "--format",
            "xlsx",
            "--with-names",
            "--recipient",
            "Manager",
            "--justification",
            "Daily review",
            "-o",
            &path("named.xlsx"),
        ],
    );
    run_ok(&d.db, &["report", "--from", "2026-01-01", "--to", TODAY, "--format", "xlsx", "-o", &path("report.xlsx")]);
    run_ok(&d.db, &["tracker", "-o", &path("tracker.csv")]);
    run_ok(&d.db, &["tracker", "-o", &path("tracker.xlsx")]);
    run_ok(&d.db, &["sample", "--n", "5", "--from", "2026-01-01", "--to", TODAY, "-o", &path("sample.csv")]);
    run_ok(&d.db, &["sample", "--n", "5", "--from", "2026-01-01", "--to", TODAY, "-o", &path("sample.xlsx")]);
    for name in ["summary.xlsx", "named.xlsx", "report.xlsx", "tracker.xlsx", "sample.xlsx"] {
        assert_xlsx_inert(name, std::fs::read(d.out(name)).unwrap());
    }
    for name in ["tracker.csv", "sample.csv"] {
        assert_csv_inert(name, &std::fs::read(d.out(name)).unwrap());
    }
    let tracker = std::fs::read_to_string(d.out("tracker.csv")).unwrap();
    assert!(tracker.contains("pwned"), "the tracker holds the hostile cases");
    // Letters, as Markdown and as Word.
    let reference = &d.refs.oocd.1;
    let said =
        run_ok(&d.db, &["letter", "--case", reference, "--template", "acknowledgement", "-o", &path("letter.md")]);
    assert_inert("what letter prints", &said);
    assert!(said.contains("pwned"), "letter names its recipient: {said}");
    assert_inert("letter --list", &run_ok(&d.db, &["letter", "--case", reference, "--list"]));
    run_ok(&d.db, &["letter", "--case", reference, "--template", "acknowledgement", "-o", &path("letter.docx")]);
    let letter = std::fs::read_to_string(d.out("letter.md")).unwrap();
    assert_inert("letter.md", &letter);
    assert!(letter.contains("pwned"), "the letter names the hostile referrer:\n{letter}");
    assert_markdown_escaped("letter.md", &letter);
    for part in docx_parts(&d.out("letter.docx")) {
        assert_inert("letter.docx", &part);
        assert_markup_escaped("letter.docx", &part);
    }
    // The calendar file of the conference.
    run_ok(&d.db, &["ics", "--case", &d.refs.agreement.1, "-o", &path("meeting.ics")]);
    assert_inert("meeting.ics", &std::fs::read_to_string(d.out("meeting.ics")).unwrap());
}

/// The XML parts of a .docx file.
fn docx_parts(path: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("the docx is a zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().ends_with(".xml") {
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            parts.push(text);
        }
    }
    assert!(!parts.is_empty());
    parts
}

/// An import's problems quote the file's cells: they reach the terminal inert.
#[test]
fn import_problems_quote_hostile_cells_inert() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("hostile.csv");
    let cell = format!("RJ{}", super::ESCAPES);
    std::fs::write(&file, format!("Reference,Service,Received\nX1,{cell},2026-13-45{cell}\n")).unwrap();
    let output = crate::common::cli::casedesk()
        .arg("--db")
        .arg(dir.path().join("desk.db"))
        .args(["--today", TODAY, "import", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("row 2"), "the problems are listed: {stderr}");
    assert_inert("import problems", &stderr);
}

/// A mistyped argument is quoted back: inert too.
#[test]
fn an_argument_error_quotes_what_was_typed_inert() {
    let value = format!("2026{}-11-20", super::ESCAPES);
    let output = crate::common::cli::casedesk().args(["--today", &value, "today"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is not a date"), "{stderr}");
    assert_inert("argument error", &stderr);
}
