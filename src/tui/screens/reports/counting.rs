//! Counting a large desk's figures on another thread, so that choosing a
//! period never holds up the keyboard.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver};

use chrono::NaiveDate;

use super::Period;
use crate::domain::workdays::WorkCalendar;
use crate::export::report::PeriodReport;
use crate::store::{OpenMode, Store};

/// A count under way: what it is for, and where its result will come.
#[derive(Debug)]
pub(super) struct Counting {
    pub(super) key: (Period, NaiveDate, i64),
    pub(super) result: Receiver<Result<PeriodReport, String>>,
}

/// A desk this large is counted on another thread (over its own reading
/// connection), so that choosing a period never holds up the keyboard: a
/// year of a force-wide desk takes a tenth of a second or more to count.
const COUNT_APART_BYTES: u64 = 16 << 20;

/// The file to count from on another thread, if the desk is large enough to
/// be worth it and can be opened again without asking for anything (an
/// encrypted desk would need its passphrase again; it is counted here).
pub(super) fn count_apart(store: &Store) -> Option<PathBuf> {
    let path = store.path().filter(|_| !store.is_encrypted())?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    (bytes >= COUNT_APART_BYTES).then(|| path.to_path_buf())
}

/// Count the figures of `period` on a new thread, from `path` opened to read.
pub(super) fn count_on_thread(
    path: PathBuf,
    period: Period,
    today: NaiveDate,
    calendar: WorkCalendar,
) -> Receiver<Result<PeriodReport, String>> {
    let (send, result) = channel();
    std::thread::spawn(move || {
        let report = Store::open(&path, OpenMode::ToRead)
            .and_then(|store| period.gather(&store, today, &calendar))
            .map_err(|e| e.to_string());
        // The screen may have moved on to another period: nobody listens.
        let _ = send.send(report);
    });
    result
}
