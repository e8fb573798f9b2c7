//! Anonymised samples for scrutiny panels (being built).

use std::path::Path;

use chrono::NaiveDate;

use crate::store::Store;

/// `casedesk sample`.
pub fn cli_sample(_store: Store, _n: usize, _from: NaiveDate, _to: NaiveDate, _seed: u64, _output: &Path) -> anyhow::Result<()> {
    anyhow::bail!("samples are not in this build yet")
}
