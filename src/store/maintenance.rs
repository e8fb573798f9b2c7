//! Integrity checks and consistent backups.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{backup::Backup, Connection};

use super::audit::{verify_chain, ChainReport};
use super::migrate::{schema_version, SCHEMA_VERSION};
use super::{Store, StoreError, StoreResult};

/// What `casedesk check` looked at, each with its finding.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_key_faults: u64,
    pub schema_version: i64,
    pub audit: ChainReport,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_faults == 0
            && self.schema_version == SCHEMA_VERSION
            && self.audit.fault.is_none()
    }

    /// One line per check, "ok" or the fault.
    pub fn lines(&self) -> Vec<String> {
        let integrity = if self.integrity == ["ok"] { "ok".to_string() } else { self.integrity.join("; ") };
        let fk = if self.foreign_key_faults == 0 {
            "ok".to_string()
        } else {
            format!("{} rows point at records that do not exist", self.foreign_key_faults)
        };
        let schema = if self.schema_version == SCHEMA_VERSION {
            format!("ok (version {})", self.schema_version)
        } else {
            format!("version {} but this program expects {}", self.schema_version, SCHEMA_VERSION)
        };
        let audit = match &self.audit.fault {
            None => format!("ok ({} rows, newest hash {})", self.audit.rows, short(&self.audit.newest_hash)),
            Some(fault) => format!("FAULT: {fault}"),
        };
        vec![
            format!("integrity check:   {integrity}"),
            format!("foreign keys:      {fk}"),
            format!("schema version:    {schema}"),
            format!("audit log chain:   {audit}"),
        ]
    }
}

fn short(hash: &str) -> &str {
    hash.get(..16).unwrap_or(hash)
}

impl Store {
    /// Run every check; a fault is reported, not raised.
    pub fn check(&self) -> StoreResult<CheckReport> {
        let conn = self.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_key_faults = fk.query_map([], |_| Ok(()))?.count() as u64;
        Ok(CheckReport {
            integrity,
            foreign_key_faults,
            schema_version: schema_version(conn)?,
            audit: verify_chain(conn)?,
        })
    }

    /// Copy the live database to `dest` with SQLite's online backup API, so
    /// the copy is consistent even while another process writes. The copy is
    /// made beside `dest` and renamed into place, so `dest` is never half-written.
    pub fn backup_to(&self, dest: &Path) -> StoreResult<PathBuf> {
        if dest.is_dir() {
            return Err(StoreError::IsDirectory(dest.to_path_buf()));
        }
        if let Some(src) = self.path() {
            if same_file(src, dest) {
                return Err(StoreError::Invalid("the backup must go to a different file than the database".into()));
            }
        }
        let partial = partial_path(dest);
        let result = copy_with_backup_api(self.conn(), &partial);
        if let Err(e) = result {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, dest)
            .map_err(|e| StoreError::Unreadable { path: dest.to_path_buf(), reason: e.to_string() })?;
        Ok(dest.to_path_buf())
    }
}

fn copy_with_backup_api(src: &Connection, partial: &Path) -> StoreResult<()> {
    let _ = std::fs::remove_file(partial);
    let mut dst = Connection::open(partial)
        .map_err(|e| StoreError::Unreadable { path: partial.to_path_buf(), reason: e.to_string() })?;
    {
        let backup = Backup::new(src, &mut dst)?;
        // Copy in steps and yield between them so a writer is not starved.
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    // The copy is a self-contained file: no WAL beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    restrict_permissions(partial);
    Ok(())
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Backups hold personal data: owner-only where the platform has modes.
#[cfg(unix)]
pub(crate) fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
pub(crate) fn restrict_permissions(_path: &Path) {}
