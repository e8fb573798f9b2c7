//! The day's automatic backup: made when a desk opens if the newest rolling
//! backup (`super::rolling`) is older than the desk's day, refused while the
//! audit chain no longer passes through an earlier manifest
//! (`super::manifests`), and its failure kept to be said. The names of
//! backups, manifests and restore are reachable from here.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

use super::rolling::is_due;
use super::{Store, StoreError, StoreResult};

/// Where `casedesk audit` reads rows from.
pub use super::audit_lines::AuditLine;
/// The manifests beside each backup.
pub use super::manifests::{read_manifest, Manifest, ManifestFinding};
/// `casedesk restore` lives in its own module; its names stay reachable here.
pub use super::restore::{restore, restore_keyed, Restored};
/// The rolling backups' files.
pub use super::rolling::{
    manifest_path, plain_rolling_path, rolling_backups, rolling_dir, rolling_path, write_rolling, Retention, BACKUP_DIR,
};

/// Called once from `Store::open`: back up if the newest rolling backup is
/// older than `today`. Never fails the open; a failure comes back as a
/// sentence (also kept for `Store::backup_warning`).
pub fn daily_if_due(store: &Store, today: NaiveDate) -> Option<String> {
    let db = store.path()?;
    let warning = backup_if_due(store, db, today).err().map(|e| failed_backup(db, &e));
    remember_warning(db, warning.clone());
    warning
}

/// What the desk says when the day's automatic backup failed.
pub(super) fn failed_backup(db: &Path, e: &StoreError) -> String {
    format!("today's automatic backup into {} failed: {e}", rolling_dir(db).display())
}

/// The rolling backup written, if one was due.
pub fn backup_if_due(store: &Store, db: &Path, today: NaiveDate) -> StoreResult<Option<PathBuf>> {
    checked_backup_if_due(store, db, today, say_while_backing_up)
}

/// The one way a day's rolling backup is made, from a command or from the
/// interface's thread after its first frame: a restore left half-done is
/// finished first, and a chain that no longer passes through an earlier
/// manifest is never blessed by a new one. `before_copy` is told just
/// before the copy starts (the interface owns the terminal and says nothing).
pub(super) fn checked_backup_if_due(
    store: &Store,
    db: &Path,
    today: NaiveDate,
    before_copy: fn(&Path),
) -> StoreResult<Option<PathBuf>> {
    super::pending_restore::finish(store, db, today)?;
    if !is_due(db, today) || !has_audit_rows(store)? {
        return Ok(None);
    }
    if let ManifestFinding::Fault(fault) = super::manifests::verify_manifests(store.conn(), db)? {
        return Err(super::manifests::refuse_to_bless(db, &fault));
    }
    // Backups on record were made by this desk; any other in the folder
    // whose head the chain passes through (an older program's) joins them.
    let keep = Retention::from_rules(&store.rules()?);
    super::backup_ledger::learn(store, db, keep)?;
    let record = super::backup_ledger::verify(store.conn(), db, keep)?;
    if let Some(fault) = &record.fault {
        return Err(super::manifests::refuse_to_bless(db, fault));
    }
    // Backups gone from the folder are no reason to go without one today:
    // the alarm is raised and the backup made.
    if !record.missing.is_empty() {
        super::manifests::raise_alarm(db, &super::backup_ledger::missing_sentence(&record.missing));
    }
    before_copy(db);
    write_rolling(store, db, today).map(Some)
}

/// A desk this large takes long enough to copy that a person at a terminal
/// should be told why nothing has appeared yet.
const NOTICEABLE_BYTES: u64 = 64 << 20;

/// One line on stderr before a long copy, only when a person is watching
/// (stderr is a terminal): scripts and cron mail stay quiet. The interface
/// backs up after its first frame and says so on its status line instead.
fn say_while_backing_up(db: &Path) {
    use std::io::IsTerminal;
    let bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    if bytes >= NOTICEABLE_BYTES && std::io::stderr().is_terminal() {
        super::notice::note(&format!(
            "Making today's backup of {} ({} MB) before opening it ...",
            db.display(),
            bytes >> 20
        ));
    }
}

/// An empty desk has nothing worth a backup yet.
fn has_audit_rows(store: &Store) -> StoreResult<bool> {
    Ok(store.conn().query_row("SELECT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0))?)
}

/// The last automatic-backup failure per database path in this process.
/// (`Store` has no field for it yet; see `Store::backup_warning`.)
static WARNINGS: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

pub(super) fn remember_warning(db: &Path, warning: Option<String>) {
    let Ok(mut warnings) = WARNINGS.lock() else { return };
    warnings.retain(|(path, _)| path != db);
    if let Some(text) = warning {
        warnings.push((db.to_path_buf(), text));
    }
}

impl Store {
    /// Why today's automatic backup failed, if it did: the desk opens anyway,
    /// and the interface and command line say this sentence.
    pub fn backup_warning(&self) -> Option<String> {
        let db = self.path()?;
        let warnings = WARNINGS.lock().ok()?;
        let failed = warnings.iter().find(|(path, _)| path == db).map(|(_, text)| text.clone());
        // An alarm raised on an earlier day stays until `check` has been run.
        failed.or_else(|| super::manifests::read_alarm(db))
    }
}
