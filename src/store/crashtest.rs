//! A stream of numbered, committed changes for the crash test: a child process
//! runs this and is killed at random moments; the test then checks that every
//! change it reported is in the file.

use std::io::Write;

use anyhow::Context;
use chrono::NaiveDate;

use super::model::NewCase;
use super::Store;
use crate::domain::types::{Service, Source};

/// Write `count` numbered changes, each one case and its audit row in its own
/// transaction, writing "committed N" to `out` after each commit. Numbering
/// continues from the cases already in the file, so change N is the N-th
/// case: a test can reuse one database across many runs.
pub fn write_stream(mut store: Store, today: NaiveDate, count: u64, out: &mut impl Write) -> anyhow::Result<()> {
    let first = store.case_count()? as u64 + 1;
    for number in first..first.saturating_add(count) {
        store.write(|tx| tx.create_case(&numbered_case(today, number)))?;
        // Printed only after the commit returned: a line on stdout is a promise
        // that the change is on disk.
        writeln!(out, "committed {number}").and_then(|_| out.flush()).context("reporting a commit")?;
    }
    Ok(())
}

/// The case for change `number`: its notes carry the number so the test can
/// find exactly this change.
fn numbered_case(today: NaiveDate, number: u64) -> NewCase {
    let mut case = NewCase::new(Service::RestorativeJustice, Source::Police, today);
    case.notes = Some(stream_note(number));
    case
}

/// The note that marks change `number` (the crash test looks for it).
pub fn stream_note(number: u64) -> String {
    format!("write-stream change {number}")
}
