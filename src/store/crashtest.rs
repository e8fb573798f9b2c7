//! A stream of numbered, committed changes for the crash test (being built).

use chrono::NaiveDate;

use super::Store;

/// Write `count` numbered changes, printing "committed N" after each commit.
pub fn write_stream(_store: Store, _today: NaiveDate, _count: u64) -> anyhow::Result<()> {
    anyhow::bail!("the write stream is not in this build yet")
}
