//! Bounded work on any input: a zip bomb, a sheet with too many rows, and a
//! file with a problem on every row are refused in a page, not gigabytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::cli::stderr_of;
use tempfile::TempDir;
use zip::write::SimpleFileOptions;

use super::{fixture, import, one};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tracker" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// A workbook whose one sheet has a header row and then `rows` copies of
/// the same row, written straight into the zip (never whole in memory).
fn workbook_of_repeated_rows(path: &Path, rows: usize) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_level(Some(1)).large_file(true);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let cell = |text: &str| format!(r#"<c t="inlineStr"><is><t>{text}</t></is></c>"#);
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    write!(zip, "<row>{}{}{}</row>", cell("Crime reference"), cell("Service"), cell("Received")).unwrap();
    let row = format!("<row>{}{}{}</row>", cell("CR/1"), cell("banana"), cell("soon"));
    let mut chunk = String::new();
    for _ in 0..1000 {
        chunk.push_str(&row);
    }
    for _ in 0..rows / 1000 {
        zip.write_all(chunk.as_bytes()).unwrap();
    }
    for _ in 0..rows % 1000 {
        zip.write_all(row.as_bytes()).unwrap();
    }
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

fn assert_refused_in_one_sentence(db: &Path, file: &Path, needle: &str) {
    let refused = import(db, file, &[]).code(2);
    let err = stderr_of(&refused);
    assert_eq!(err.lines().count(), 1, "one sentence, no list of problems:\n{}", &err[..err.len().min(2000)]);
    assert!(err.contains(needle), "{err}");
    assert!(!db.exists() || one(db, "SELECT COUNT(*) FROM case_file") == "0");
}

/// A 3.9 MB zip-bomb .xlsx took 85 s, 9 GB of memory and wrote 1.93 GB of
/// errors. Its sheet unpacks to more than the import reads: refused before
/// calamine inflates it.
#[test]
fn a_zip_bomb_workbook_is_refused_before_it_is_unpacked() {
    let dir = TempDir::new().unwrap();
    let bomb = dir.path().join("bomb.xlsx");
    workbook_of_repeated_rows(&bomb, 1_600_000);
    let packed = std::fs::metadata(&bomb).unwrap().len();
    assert!(packed < 4 * 1024 * 1024, "the bomb is small on disk: {packed} bytes");
    assert_refused_in_one_sentence(&dir.path().join("desk.db"), &bomb, "unpacks to more than 200 MB");
}

/// A sheet small enough to unpack but with more rows than an import reads
/// stops at the limit, not after building every row.
#[test]
fn a_workbook_with_too_many_rows_is_refused() {
    let dir = TempDir::new().unwrap();
    let book = dir.path().join("rows.xlsx");
    workbook_of_repeated_rows(&book, 200_001);
    assert_refused_in_one_sentence(&dir.path().join("desk.db"), &book, "has more than 200000 rows");
}

/// The header, good row and bad row (service "probation") of the
/// malformed corpus's first file.
fn corpus_rows() -> (String, String, String) {
    let text = std::fs::read_to_string(fixture("malformed/unknown_service.csv")).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    (lines[0].clone(), lines[1].clone(), lines[2].clone())
}

/// The first 100 problems are listed, then how many more.
#[test]
fn only_the_first_100_problems_are_listed_then_a_count() {
    let dir = TempDir::new().unwrap();
    let (header, _, bad) = corpus_rows();
    let mut csv = format!("{header}\n");
    for i in 0..150 {
        csv.push_str(&bad.replace("T/101", &format!("T/{i}")).replace("CR/101/26", &format!("CR/{i}/26")));
        csv.push('\n');
    }
    let file: PathBuf = dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    let err = stderr_of(&import(&dir.path().join("desk.db"), &file, &[]).code(2));
    let listed = err.lines().filter(|l| l.starts_with("  row ")).count();
    assert_eq!(listed, 100, "{err}");
    assert!(err.contains("  row 101, column \"Service\": unknown service"), "{err}");
    assert!(!err.contains("row 102,"), "{err}");
    assert!(err.contains("\n  and 50 more problems\n"), "{err}");
    assert!(err.contains("150 problems in many.csv"), "{err}");
}

/// An over-long crime reference was reported under the column "Service".
#[test]
fn an_over_long_text_is_reported_under_its_own_column() {
    let dir = TempDir::new().unwrap();
    let (header, good, _) = corpus_rows();
    let row = good.replace("CR/100/26", &"C".repeat(61));
    let file = dir.path().join("long.csv");
    std::fs::write(&file, format!("{header}\n{row}\n")).unwrap();
    let err = stderr_of(&import(&dir.path().join("desk.db"), &file, &[]).code(2));
    assert!(
        err.contains(r#"row 2, column "Crime reference": the crime reference is 61 characters; the limit is 60"#),
        "{err}"
    );
    assert!(!err.contains(r#"column "Service""#), "{err}");
}
