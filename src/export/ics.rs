//! Calendar files for meetings (being built).

use std::path::Path;

use crate::store::Store;

/// `casedesk ics`.
pub fn cli_ics(_store: Store, _case_ref: &str, _output: &Path) -> anyhow::Result<()> {
    anyhow::bail!("calendar export is not in this build yet")
}
