//! The rolling backups themselves, read back against the hashes their
//! manifests recorded: a backup that was damaged or swapped on disk is found
//! by `check`, not on the day it is needed.

use std::path::{Path, PathBuf};

use super::compress::{self, COMPRESSED_SUFFIX};
use super::manifests::{read_manifest, write_manifest};
use super::rolling::{manifest_files, manifest_path, MANIFEST_SUFFIX};
use super::{StoreError, StoreResult};

/// What reading every backup file back found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupFiles {
    /// Backups whose file hash matched their manifest.
    pub matched: usize,
    /// Manifests from before hashes were recorded: nothing to compare.
    pub unhashed: usize,
    /// One sentence for each backup that is missing or does not match.
    pub faults: Vec<String>,
}

impl BackupFiles {
    pub fn is_ok(&self) -> bool {
        self.faults.is_empty()
    }

    pub fn describe(&self) -> String {
        if !self.faults.is_empty() {
            return format!("FAULT: {}", self.faults.join("; "));
        }
        let mut text = match self.matched {
            1 => "ok (1 backup file matches its manifest's hash".to_string(),
            n => format!("ok ({n} backup files match their manifests' hashes"),
        };
        if self.unhashed > 0 {
            text.push_str(&format!(", {} older recorded no hash", self.unhashed));
        }
        text.push(')');
        text
    }
}

/// Hash every rolling backup of `db` and compare it with its manifest.
pub(super) fn verify_backup_files(db: &Path) -> BackupFiles {
    let mut found = BackupFiles::default();
    for (_, manifest_path) in manifest_files(db) {
        // An unreadable manifest is reported by the manifest check.
        let Ok(manifest) = read_manifest(&manifest_path) else { continue };
        let Some(recorded) = manifest.file_sha256 else {
            found.unhashed += 1;
            continue;
        };
        let file = stored_file(&manifest_path);
        let name = file.file_name().map_or_else(|| manifest.backup.clone(), |n| n.to_string_lossy().into_owned());
        match compress::hash_plain(&file) {
            Ok(hashes) if hashes.file == recorded => found.matched += 1,
            Ok(_) => found.faults.push(format!("the backup {name} does not match the hash its manifest recorded")),
            Err(e) => found.faults.push(format!("the backup {name} cannot be read ({e})")),
        }
    }
    found
}

/// Record in its manifest the hashes of a backup rewritten in place (re-keyed
/// with a new passphrase), so `check` does not take it for a damaged one.
pub fn record_rewritten(backup: &Path) -> StoreResult<()> {
    let manifest_path = manifest_path(backup);
    let Ok(mut manifest) = read_manifest(&manifest_path) else { return Ok(()) };
    let hashes = compress::hash_plain(backup)
        .map_err(|e| StoreError::Unreadable { path: backup.to_path_buf(), reason: e.to_string() })?;
    if !compress::is_compressed_name(backup) {
        manifest.content_sha256 = Some(hashes.content);
    }
    manifest.file_sha256 = Some(hashes.file);
    write_manifest(&manifest_path, &manifest)
}

/// The backup a manifest stands beside: `X.manifest.json` describes
/// `X.db.zst` (or an older program's `X.db`). Found by the manifest's own
/// name, not the path recorded inside it, which names where the copy was
/// first written.
fn stored_file(manifest: &Path) -> PathBuf {
    let name = manifest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(MANIFEST_SUFFIX).unwrap_or(&name);
    let compressed = manifest.with_file_name(format!("{stem}.db{COMPRESSED_SUFFIX}"));
    if compressed.exists() {
        return compressed;
    }
    manifest.with_file_name(format!("{stem}.db"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

    fn desk_with_backup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::TempDir::new().unwrap();
        let db = dir.path().join("desk.db");
        let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        store
            .write(|tx| {
                tx.create_case(&crate::store::model::NewCase::new(
                    crate::domain::types::Service::Mediation,
                    crate::domain::types::Source::Police,
                    day,
                ))
            })
            .unwrap();
        crate::store::backup::write_rolling(&store, &db, day).unwrap();
        (dir, db)
    }

    #[test]
    fn a_backup_changed_on_disk_is_named() {
        let (_dir, db) = desk_with_backup();
        assert_eq!(verify_backup_files(&db).matched, 1);
        let backup = crate::store::backup::rolling_backups(&db).into_iter().next().unwrap();
        let mut bytes = std::fs::read(&backup).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&backup, bytes).unwrap();
        let found = verify_backup_files(&db);
        assert!(!found.is_ok());
        assert!(found.describe().contains("does not match the hash its manifest recorded"), "{}", found.describe());
    }

    #[test]
    fn a_missing_backup_is_named() {
        let (_dir, db) = desk_with_backup();
        let backup = crate::store::backup::rolling_backups(&db).into_iter().next().unwrap();
        std::fs::remove_file(&backup).unwrap();
        assert!(verify_backup_files(&db).describe().contains("cannot be read"));
    }
}
