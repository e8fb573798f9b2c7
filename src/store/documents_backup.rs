//! Documents travel with the desk's backups. A backup at `B` keeps the
//! stored files its database names in `documents::folder(B)` beside it
//! (hard-linked where the file system allows: the files never change, being
//! named by their content), rotation removes that folder with its backup,
//! and a restore brings back each file the desk lacks. An encrypted desk
//! keeps its documents inside the database, so its backups carry them
//! already.

use std::fs;
use std::path::Path;

use rusqlite::Connection;

use super::documents::{folder, hash};
use super::documents_sweep::is_hash_name;
use super::files::ensure_private_dir;
use super::{Store, StoreError, StoreResult};

/// The hashes of every document the database names.
fn named(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM case_document ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Put `from/sha256` at `to/sha256` unless a file of that content is there:
/// a hard link, else an owner-only copy. Only a file whose content still
/// matches its name is carried, so a damaged one is never spread.
fn carry(from: &Path, to: &Path, sha256: &str) -> StoreResult<bool> {
    let (source, target) = (from.join(sha256), to.join(sha256));
    if fs::read(&target).is_ok_and(|b| hash(&b) == sha256) {
        return Ok(false);
    }
    let Ok(bytes) = fs::read(&source) else { return Ok(false) };
    if hash(&bytes) != sha256 {
        return Ok(false);
    }
    let _ = fs::remove_file(&target);
    if fs::hard_link(&source, &target).is_err() {
        super::files::create_private_file(&target)?;
        fs::write(&target, bytes)
            .map_err(|e| StoreError::Invalid(format!("Cannot copy a document to {}: {e}.", to.display())))?;
    }
    Ok(true)
}

impl Store {
    /// Keep beside the backup at `dest` every stored file the desk names.
    pub(super) fn back_up_documents(&self, dest: &Path) -> StoreResult<()> {
        let Some(from) = self.documents_folder().filter(|_| !self.is_encrypted()) else { return Ok(()) };
        let hashes = named(self.conn())?;
        if hashes.is_empty() {
            return Ok(());
        }
        let to = folder(dest);
        ensure_private_dir(&to)?;
        for sha256 in hashes {
            carry(&from, &to, &sha256)?;
        }
        Ok(())
    }
}

/// The documents folder of a backup that is being removed goes with it.
pub(super) fn remove_with(backup: &Path) {
    let _ = fs::remove_dir_all(folder(backup));
}

/// After a restore of `src` to `db`: bring into the desk's documents folder
/// each file kept beside the backup that the desk lacks. Returns how many.
pub(super) fn restore_documents(src: &Path, db: &Path) -> StoreResult<usize> {
    let from = folder(src);
    let Ok(entries) = fs::read_dir(&from) else { return Ok(0) };
    let to = folder(db);
    let mut brought = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_hash_name(&name) {
            continue;
        }
        ensure_private_dir(&to)?;
        brought += usize::from(carry(&from, &to, &name)?);
    }
    Ok(brought)
}
