//! Rolling daily backups beside the database, the manifests that keep the
//! audit chain's newest hash outside the database (a chain only proves itself
//! up to its newest row, so truncation or a wholesale rewrite needs a witness
//! kept elsewhere), and the helpers `casedesk restore` (`super::restore`) shares.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{verify_chain, GENESIS_HASH};
use super::migrate::schema_version;
use super::{Store, StoreError, StoreResult};

/// Where `casedesk audit` reads rows from (named here because `maintenance` is private).
pub use super::maintenance::AuditLine;
/// `casedesk restore` lives in its own module; its names stay reachable here.
pub use super::restore::{cli_restore, restore, restore_keyed, Restored};

/// The folder beside the database that holds the rolling backups.
pub const BACKUP_DIR: &str = "backups";
const MANIFEST_SUFFIX: &str = ".manifest.json";
/// Rule BACKUP_KEEP's default, for databases seeded before the rule existed.
const DEFAULT_KEEP: u32 = 14;

// ------------------------------------------------------------------ manifests

/// What a backup holds, written as JSON beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The database the copy was made from (absent for an in-memory store).
    pub database: Option<String>,
    pub backup: String,
    pub written_at_utc: String,
    pub schema_version: i64,
    pub audit_rows: u64,
    /// The stored hash of the newest audit row (the chain's newest hash when it verifies).
    pub audit_newest_hash: String,
    /// Set when the copied chain did not verify: the copy is still kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_fault: Option<String>,
    /// Set on the manifest a restore writes: how many rows of the restored
    /// backup's log it kept. Older manifests beyond that row describe the
    /// history the restore went back from (`manifests::verify_manifests`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_source_rows: Option<u64>,
}

impl Manifest {
    /// Describe a finished copy from the copy itself, so the manifest matches
    /// the file even if the desk wrote while the copy was made.
    pub(super) fn of_copy(copy: &Connection, db: Option<&Path>, dest: &Path) -> StoreResult<Manifest> {
        let chain = verify_chain(copy)?;
        // A broken chain still gets its backup (the data matters more); the
        // manifest then records the stored newest row and the fault.
        let (rows, hash) = match chain.fault {
            None => (chain.rows, chain.newest_hash),
            Some(_) => stored_newest(copy)?,
        };
        Ok(Manifest {
            database: db.map(|p| p.display().to_string()),
            backup: dest.display().to_string(),
            written_at_utc: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            schema_version: schema_version(copy)?,
            audit_rows: rows,
            audit_newest_hash: hash,
            audit_fault: chain.fault,
            restore_source_rows: None,
        })
    }
}

fn stored_newest(conn: &Connection) -> StoreResult<(u64, String)> {
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?;
    let hash: Option<String> =
        conn.query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    Ok((rows.max(0) as u64, hash.unwrap_or_else(|| GENESIS_HASH.to_string())))
}

/// `nightly.db` → `nightly.manifest.json`, beside it.
pub fn manifest_path(backup: &Path) -> PathBuf {
    backup.with_extension(MANIFEST_SUFFIX.trim_start_matches('.'))
}

pub fn read_manifest(path: &Path) -> Result<Manifest, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Write the manifest whole or not at all, owner-only.
pub(super) fn write_manifest(path: &Path, manifest: &Manifest) -> StoreResult<()> {
    let fail = |e: &dyn std::fmt::Display| {
        StoreError::Invalid(format!("cannot write the backup manifest {}: {e}", path.display()))
    };
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| fail(&e))?;
    let dir = parent_dir(path);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
    tmp.write_all(&json).and_then(|_| tmp.as_file().sync_all()).map_err(|e| fail(&e))?;
    owner_only(tmp.path());
    tmp.persist(path).map_err(|e| fail(&e))?;
    Ok(())
}

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

/// What comparing the audit log with the newest backup manifest found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestFinding {
    /// No rolling backup yet (or an in-memory store): nothing to compare.
    NoBackups,
    Matches {
        rows: u64,
        manifest: PathBuf,
    },
    Fault(String),
}

impl ManifestFinding {
    pub fn describe(&self) -> String {
        match self {
            ManifestFinding::NoBackups => "no backup manifest in backups/ (nothing to compare; if backups were \
                                            made, that folder was removed: give a printed summary's head with \
                                            --head)"
                .to_string(),
            ManifestFinding::Matches { rows, manifest } => {
                format!("ok (row {rows} matches {}, and every older manifest is still in the log)", file_name(manifest))
            }
            ManifestFinding::Fault(fault) => format!("FAULT: {fault}"),
        }
    }
}

/// The rolling manifests of `db`, newest first.
pub(super) fn manifest_files(db: &Path) -> Vec<(NaiveDate, PathBuf)> {
    rolling_files(&rolling_dir(db), &db_stem(db), MANIFEST_SUFFIX)
}

// ------------------------------------------------------------ rolling backups

/// `<db dir>/backups`.
pub fn rolling_dir(db: &Path) -> PathBuf {
    parent_dir(db).join(BACKUP_DIR)
}

/// `<db dir>/backups/<db stem>-YYYY-MM-DD.db`.
pub fn rolling_path(db: &Path, day: NaiveDate) -> PathBuf {
    rolling_dir(db).join(format!("{}-{}.db", db_stem(db), day.format("%Y-%m-%d")))
}

/// The rolling backups of `db`, newest first.
pub fn rolling_backups(db: &Path) -> Vec<PathBuf> {
    rolling_files(&rolling_dir(db), &db_stem(db), ".db").into_iter().map(|(_, path)| path).collect()
}

/// The rolling files of one database with `suffix`, newest first. Only names
/// of exactly that pattern count, so nothing else in the folder is touched.
fn rolling_files(dir: &Path, stem: &str, suffix: &str) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let prefix = format!("{stem}-");
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let date = name.strip_prefix(&prefix)?.strip_suffix(suffix)?;
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|_| date.len() == 10)?;
            Some((day, entry.path()))
        })
        .collect();
    found.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    found
}

/// Called once from `Store::open`: back up if the newest rolling backup is
/// older than `today`. Never fails the open; a failure comes back as a
/// sentence (also kept for `Store::backup_warning`).
pub fn daily_if_due(store: &Store, today: NaiveDate) -> Option<String> {
    let db = store.path()?;
    let warning = backup_if_due(store, db, today)
        .err()
        .map(|e| format!("today's automatic backup into {} failed: {e}", rolling_dir(db).display()));
    remember_warning(db, warning.clone());
    warning
}

/// The rolling backup written, if one was due.
pub fn backup_if_due(store: &Store, db: &Path, today: NaiveDate) -> StoreResult<Option<PathBuf>> {
    super::pending_restore::finish(store, db, today)?;
    let newest = rolling_files(&rolling_dir(db), &db_stem(db), ".db").first().map(|(day, _)| *day);
    // A clock set back does not make an older day "due" again.
    if newest.is_some_and(|day| day >= today) || !has_audit_rows(store)? {
        return Ok(None);
    }
    // A chain that no longer passes through an earlier manifest is not blessed.
    if let ManifestFinding::Fault(fault) = super::manifests::verify_manifests(store.conn(), db)? {
        return Err(super::manifests::refuse_to_bless(db, &fault));
    }
    say_while_backing_up(db);
    write_rolling(store, db, today).map(Some)
}

/// A desk this large takes long enough to copy that a person at a terminal
/// should be told why nothing has appeared yet.
const NOTICEABLE_BYTES: u64 = 64 << 20;

/// One line on stderr before a long copy, only when a person is watching
/// (stderr is a terminal): scripts and cron mail stay quiet.
fn say_while_backing_up(db: &Path) {
    use std::io::IsTerminal;
    let bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    if bytes >= NOTICEABLE_BYTES && std::io::stderr().is_terminal() {
        crate::tell!("Making today's backup of {} ({} MB) before opening it ...", db.display(), bytes >> 20);
    }
}

/// Write (or overwrite) the rolling backup for `day`, then keep the newest
/// BACKUP_KEEP backups and manifests.
pub fn write_rolling(store: &Store, db: &Path, day: NaiveDate) -> StoreResult<PathBuf> {
    let dir = rolling_dir(db);
    ensure_private_dir(&dir)?;
    let dest = rolling_path(db, day);
    store.backup_to(&dest)?;
    let keep = store.rules()?.days_or("BACKUP_KEEP", DEFAULT_KEEP).max(1) as usize;
    rotate(&dir, &db_stem(db), keep);
    Ok(dest)
}

/// An empty desk has nothing worth a backup yet.
fn has_audit_rows(store: &Store) -> StoreResult<bool> {
    Ok(store.conn().query_row("SELECT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0))?)
}

fn rotate(dir: &Path, stem: &str, keep: usize) {
    for suffix in [".db", MANIFEST_SUFFIX] {
        for (_, old) in rolling_files(dir, stem, suffix).into_iter().skip(keep) {
            // A file that will not go is retried at the next backup.
            let _ = fs::remove_file(old);
        }
    }
}

fn ensure_private_dir(dir: &Path) -> StoreResult<()> {
    fs::create_dir_all(dir).map_err(|e| StoreError::Invalid(format!("cannot create {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// The last automatic-backup failure per database path in this process.
/// (`Store` has no field for it yet; see `Store::backup_warning`.)
static WARNINGS: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

fn remember_warning(db: &Path, warning: Option<String>) {
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

// -------------------------------------------------------------------- helpers

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

pub(super) fn owner_only(path: &Path) {
    super::maintenance::restrict_permissions(path);
}
