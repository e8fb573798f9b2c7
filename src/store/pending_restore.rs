//! A restore stopped half-way (killed, a power cut) is finished or undone by
//! the next writing open. Before the swap, `casedesk restore` writes the head
//! of the chain it is about to install beside the desk; the swap itself is
//! one rename. If the desk now passes through that head, the swap happened:
//! its manifest is written, marked as a restore so the manifests of the
//! history it went back from are not read as tampering. If not, the swap
//! never happened and the note goes. Either way no staging copy stays behind.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
#[cfg(not(unix))]
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::files::{db_stem, parent_dir, sidecar};
use super::manifests::{head_fault, mark_as_restore, newest_head, AuditHead};
use super::rolling::{manifest_path, write_rolling};
use super::{Store, StoreError, StoreResult};

/// What the restore was about to install.
#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    position: u64,
    hash: String,
    /// How many rows of the backup's own log the restored desk starts with.
    source_rows: u64,
}

fn pending_path(db: &Path) -> PathBuf {
    sidecar(db, ".restore-pending")
}

/// The prefix of the staging copies `restore` makes beside the desk.
fn staging_prefix(db: &Path) -> String {
    format!(".{}.restore-", db_stem(db))
}

/// This process's staging copies: the process id tells a stopped restore's
/// copy from one still being made.
pub(super) fn own_staging_prefix(db: &Path) -> String {
    format!("{}{}-", staging_prefix(db), std::process::id())
}

/// Remove staging copies left by a restore that was stopped.
pub(super) fn remove_stale_staging(db: &Path) {
    let Ok(entries) = fs::read_dir(parent_dir(db)) else { return };
    let prefix = staging_prefix(db);
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        let maker = rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok());
        if !maker.is_some_and(|pid| still_running(pid, &entry)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether the restore that made a staging copy may still be running.
#[cfg(unix)]
fn still_running(pid: u32, _entry: &fs::DirEntry) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // Signal 0 only asks whether the process exists (EPERM: it does, as another user).
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a cheap look at other processes, a copy untouched for a minute is
/// taken to be left over.
#[cfg(not(unix))]
fn still_running(pid: u32, entry: &fs::DirEntry) -> bool {
    const STALE: Duration = Duration::from_secs(60);
    let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| SystemTime::now().duration_since(t).ok());
    pid == std::process::id() || age.is_none_or(|age| age < STALE)
}

/// Written, durably, just before the swap.
pub(super) fn note(db: &Path, staged: &Connection, source_rows: u64) -> StoreResult<()> {
    let head = newest_head(staged)?;
    let pending = Pending { position: head.position, hash: head.hash, source_rows };
    let fail = |e: &dyn std::fmt::Display| StoreError::Invalid(format!("cannot note the restore beside the desk: {e}"));
    let json = serde_json::to_vec(&pending).map_err(|e| fail(&e))?;
    // Named as a staging copy is, so that a restore killed while writing
    // the note leaves nothing the next open does not clear.
    let mut tmp =
        tempfile::Builder::new().prefix(&own_staging_prefix(db)).tempfile_in(parent_dir(db)).map_err(|e| fail(&e))?;
    tmp.write_all(&json).and_then(|_| tmp.as_file().sync_all()).map_err(|e| fail(&e))?;
    tmp.persist(pending_path(db)).map_err(|e| fail(&e))?;
    Ok(())
}

/// The swap did not happen after all (the restore failed at the rename).
pub(super) fn forget(db: &Path) {
    let _ = fs::remove_file(pending_path(db));
}

/// Finish or undo a stopped restore; a no-op when none is pending.
pub(super) fn finish(store: &Store, db: &Path, day: NaiveDate) -> StoreResult<()> {
    remove_stale_staging(db);
    let Some(pending) = fs::read(pending_path(db)).ok().and_then(|b| serde_json::from_slice::<Pending>(&b).ok()) else {
        forget(db);
        return Ok(());
    };
    let head = AuditHead { position: pending.position, hash: pending.hash };
    if head_fault(store.conn(), &head, "the restore")?.is_none() {
        witness(store, db, day, pending.source_rows)?;
    }
    forget(db);
    Ok(())
}

/// The rolling backup of `day`, its manifest marked as written by a restore.
pub(super) fn witness(store: &Store, db: &Path, day: NaiveDate, source_rows: u64) -> StoreResult<()> {
    let dest = write_rolling(store, db, day)?;
    mark_as_restore(&manifest_path(&dest), source_rows)
}
