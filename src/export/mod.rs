//! What leaves the desk: summaries and lists, written inert (no terminal
//! control sequences, no spreadsheet formulas) and owner-only.

pub mod audit;
pub mod ics;
pub mod letters;
pub mod report;
pub mod safe;
pub mod sample;
pub mod summary;
pub mod today;

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Write `bytes` to `path` so that the file is either the whole new content
/// or untouched: write a sibling temp file, sync it, then rename over.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!("{} is a directory: give a file name to write to", path.display());
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes).and_then(|_| tmp.as_file().sync_all()).context("writing the output")?;
    owner_only(tmp.path());
    tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) {}
