//! Period reports (being built).

use std::path::Path;

use chrono::NaiveDate;

use crate::store::Store;

/// `casedesk report`.
pub fn cli_report(_store: Store, _from: NaiveDate, _to: NaiveDate, _format: &str, _output: Option<&Path>) -> anyhow::Result<()> {
    anyhow::bail!("reports are not in this build yet")
}
