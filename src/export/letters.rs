//! Standard letters (being built).

use std::path::Path;

use chrono::NaiveDate;

use crate::store::Store;

/// `casedesk letter`.
pub fn cli_letter(
    _store: Store,
    _today: NaiveDate,
    _case_ref: &str,
    _template: Option<&str>,
    _output: Option<&Path>,
    _list: bool,
) -> anyhow::Result<()> {
    anyhow::bail!("letters are not in this build yet")
}
