//! The manager's end-of-day summary read as its reader gets it (issue 15
//! §2): every format of a demo desk's summary speaks in labels, holds no
//! person's name, says who prepared it, and keeps to one page.

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};
use common::cli::{run, stdout_of};
use tempfile::TempDir;

/// At most this many references beneath a line of the page.
const CUT: usize = 8;

fn demo_desk() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "200", "--seed", "7"]).success();
    (dir, db)
}

/// The summary in every format, as text: the workbook's cells one per line,
/// the JSON's string values one per line (its keys are its schema).
fn every_format(db: &Path, dir: &TempDir) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for format in ["md", "csv", "html", "json"] {
        let text = stdout_of(&run(db, &["summary", "--format", format]).success());
        let text = match format {
            "json" => json_strings(&serde_json::from_str(&text).unwrap()).join("\n"),
            // Markdown escapes an underscore; read it as its reader sees it.
            "md" => text.replace("\\_", "_"),
            _ => text,
        };
        out.push((format, text));
    }
    let xlsx = dir.path().join("day.xlsx");
    run(db, &["summary", "-o", xlsx.to_str().unwrap()]).success();
    out.push(("xlsx", xlsx_cells(&xlsx).join("\n")));
    out
}

fn json_strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(json_strings).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(json_strings).collect(),
        _ => Vec::new(),
    }
}

fn xlsx_cells(path: &Path) -> Vec<String> {
    let mut book = Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        cells.push(name.clone());
        let range = book.worksheet_range(&name).unwrap();
        cells.extend(range.rows().flat_map(|r| r.iter().map(|c| c.to_string())));
    }
    cells
}

/// Words that are codes: `snake_case` ones and raw enum names (`ReferToManager`).
fn codes(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| {
            let snake = w.split('_').filter(|part| !part.is_empty()).count() > 1;
            let chars: Vec<char> = w.chars().collect();
            let camel = chars.windows(2).any(|p| p[0].is_lowercase() && p[1].is_uppercase());
            snake || camel
        })
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

fn names_on(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut names = Vec::new();
    for sql in [
        "SELECT given_names || ' ' || family_name FROM person",
        "SELECT name FROM coordinator",
        "SELECT name FROM facilitator",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        names.extend(stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
    }
    names
}

#[test]
fn every_format_speaks_in_labels_and_names_nobody() {
    let (dir, db) = demo_desk();
    let names = names_on(&db);
    assert!(names.len() > 100, "the demo desk has people: {}", names.len());
    for (format, text) in every_format(&db, &dir) {
        assert_eq!(codes(&text), Vec::<String>::new(), "codes in the {format} summary");
        for name in &names {
            assert!(!text.contains(name.as_str()), "{name} is named in the {format} summary");
        }
    }
}

#[test]
fn the_page_says_who_prepared_it_or_that_nobody_is_named() {
    let (_dir, db) = demo_desk();
    let page = stdout_of(&run(&db, &["summary"]).success());
    assert!(page.contains("Prepared by this desk, whose user is not named yet"), "{page}");
    assert!(!page.contains("unknown"), "{page}");
    run(&db, &["settings", "me", "--name", "Jo Bloggs", "--role", "RJ manager"]).success();
    let page = stdout_of(&run(&db, &["summary"]).success());
    assert!(page.contains("Prepared by Jo Bloggs (RJ manager)."), "{page}");
}

#[test]
fn the_page_holds_to_one_page_with_the_audit_head_at_its_foot() {
    let (dir, db) = demo_desk();
    let md = stdout_of(&run(&db, &["summary"]).success());
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections, ["## What happened today", "## What needs attention"]);
    let head = md.trim_end().lines().last().unwrap();
    assert!(head.starts_with("Audit head: "), "{head}");
    // Each line's references are cut, the rest counted.
    for refs in md.lines().filter(|l| l.starts_with("  ")) {
        let references = refs.split_whitespace().filter(|w| w.matches('-').count() == 2).count()
            + refs.matches("Coordinator ").count()
            + refs.matches("Facilitator ").count();
        assert!((1..=CUT).contains(&references), "{references} references in {refs}");
    }
    assert!(md.contains(" more\n"), "the demo's overdue list is longer than the cut:\n{md}");
    let html = stdout_of(&run(&db, &["summary", "--format", "html"]).success());
    assert!(html.contains("@page{size:A4"), "no A4 print rule");
    assert!(md.lines().count() < 60, "the page runs to {} lines", md.lines().count());

    // The workbook: the page on its front sheet, then only lists with rows.
    let xlsx = dir.path().join("day.xlsx");
    run(&db, &["summary", "-o", xlsx.to_str().unwrap()]).success();
    let mut book = Xlsx::new(Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    let sheets = book.sheet_names();
    let front = book.worksheet_range(&sheets[0]).unwrap();
    let first_column: Vec<String> = front.rows().map(|r| r[0].to_string()).collect();
    assert!(first_column.iter().any(|c| c == "What happened today"), "{first_column:?}");
    assert!(first_column.iter().any(|c| c.starts_with("Audit chain")), "{first_column:?}");
    for name in sheets.iter().skip(1) {
        assert!(book.worksheet_range(name).unwrap().rows().count() > 1, "sheet {name} has no rows");
    }
}
