//! A batch of letters as the administrator writes one: 100 acknowledgements
//! (`casedesk letter --template acknowledgement --cases …`), each rendered,
//! written as a .docx, synced, and logged on its case as a disclosure in its
//! own transaction, then all of them in one document for printing, and an
//! email beside each letter whose recipient has an address. Target: under
//! 5 s for the 100 (issue 15).
//!
//!     cargo bench --bench letters
//!
//! The desk is a demo desk of 400 cases in a file (so every write is synced
//! as on a real desk), made once per run in a temporary folder.

use std::path::PathBuf;

use casedesk::demo::{generate, DemoOptions};
use casedesk::export::letters::{write_batch, BatchSpec};
use casedesk::store::views::case::Seek;
use casedesk::store::{OpenMode, Store};
use chrono::NaiveDate;

const LETTERS: usize = 100;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

/// A desk on disk and the references of `LETTERS` cases with a referrer.
fn desk() -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    let db = dir.path().join("bench.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new desk");
    generate(&mut store, &DemoOptions { cases: 400, seed: 7, today: today() }).expect("the demo");
    let rows = store.case_list(&Seek::First, 1_000).expect("the cases").rows;
    let references: Vec<String> = rows
        .iter()
        .filter(|r| store.case_header(r.case_id).ok().flatten().is_some_and(|h| h.referrer_name.is_some()))
        .map(|r| r.reference.clone())
        .take(LETTERS)
        .collect();
    assert_eq!(references.len(), LETTERS, "the demo has {LETTERS} cases with a referrer");
    (dir, db, references)
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn hundred_letters_in_a_batch(bencher: divan::Bencher) {
    let (dir, db, references) = desk();
    let mut store = Store::open(&db, OpenMode::MustExist).expect("the desk");
    let mut run = 0;
    bencher
        .with_inputs(|| {
            run += 1;
            dir.path().join(format!("letters-{run}"))
        })
        .bench_local_refs(|folder| {
            let spec = BatchSpec {
                template: "acknowledgement",
                references: &references,
                folder,
                today: today(),
                config_dir: None,
            };
            let outcome = write_batch(&mut store, &spec).expect("the batch");
            assert_eq!(outcome.written.len(), LETTERS, "{:?}", outcome.skipped);
        });
}
