//! Small file helpers every backup, manifest and restore shares: names
//! beside a file, and files and folders only their owner can read.

use std::fs;
use std::path::{Path, PathBuf};

use super::{StoreError, StoreResult};

pub(super) fn db_stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "casedesk".to_string())
}

pub(super) fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

pub(super) fn remove_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(sidecar(path, suffix));
    }
}

/// Backups hold personal data: owner-only where the platform has modes.
#[cfg(unix)]
pub(super) fn owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
pub(super) fn owner_only(_path: &Path) {}

/// An empty owner-only file: SQLite then writes into it without widening
/// its mode, so personal data never sits in a world-readable file.
pub(super) fn create_private_file(path: &Path) -> StoreResult<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| StoreError::Invalid(format!("cannot create {}: {e}", path.display())))?;
    Ok(())
}

/// A folder only its owner can enter, made if missing.
pub(super) fn ensure_private_dir(dir: &Path) -> StoreResult<()> {
    fs::create_dir_all(dir).map_err(|e| StoreError::Invalid(format!("cannot create {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}
