//! Rolling backups, their manifests and restore (being built).

use std::path::Path;

/// `casedesk restore SRC`.
pub fn cli_restore(_db: &Path, _src: &Path) -> anyhow::Result<()> {
    anyhow::bail!("restore is not in this build yet")
}
