//! Import from existing trackers (being built).

use std::path::Path;

use chrono::NaiveDate;

use crate::store::Store;

/// `casedesk import`.
pub fn cli_import(_store: Store, _today: NaiveDate, _file: &Path, _dry_run: bool, _mapping: Option<&Path>) -> anyhow::Result<()> {
    anyhow::bail!("import is not in this build yet")
}

/// `casedesk tracker`: every case in the layout `import` reads.
pub fn cli_tracker(_store: Store, _output: &Path) -> anyhow::Result<()> {
    anyhow::bail!("tracker export is not in this build yet")
}
