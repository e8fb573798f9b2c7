//! Rolling daily backups beside the database, the manifests that keep the
//! audit chain's newest hash outside the database (a chain only proves itself
//! up to its newest row, so truncation or a wholesale rewrite needs a witness
//! kept elsewhere), and the helpers `casedesk restore` (`super::restore`) shares.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use chrono::{Datelike, IsoWeek, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{verify_chain, GENESIS_HASH};
use super::compress::{self, COMPRESSED_SUFFIX};
use super::migrate::schema_version;
use super::{Store, StoreError, StoreResult};
use crate::domain::rules::Rules;

/// Where `casedesk audit` reads rows from (named here because `maintenance` is private).
pub use super::maintenance::AuditLine;
/// `casedesk restore` lives in its own module; its names stay reachable here.
pub use super::restore::{restore, restore_keyed, Restored};

/// The folder beside the database that holds the rolling backups.
pub const BACKUP_DIR: &str = "backups";
pub(super) const MANIFEST_SUFFIX: &str = ".manifest.json";
/// Rule BACKUP_KEEP's default (daily backups kept), for databases seeded
/// before the rule existed.
const DEFAULT_DAILY: u32 = 7;
/// Rule BACKUP_KEEP_WEEKLY's default, for databases seeded before it existed.
const DEFAULT_WEEKLY: u32 = 4;

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
    /// SHA-256 of the SQLite file the backup holds (after decompressing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_sha256: Option<String>,
    /// SHA-256 of the backup file as stored; "zstd" in `compression` when
    /// that is the compressed file. Absent in manifests of older backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
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
            content_sha256: None,
            file_sha256: None,
            compression: None,
        })
    }
}

fn stored_newest(conn: &Connection) -> StoreResult<(u64, String)> {
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?;
    let hash: Option<String> =
        conn.query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    Ok((rows.max(0) as u64, hash.unwrap_or_else(|| GENESIS_HASH.to_string())))
}

/// `nightly.db` (or `nightly.db.zst`) → `nightly.manifest.json`, beside it.
pub fn manifest_path(backup: &Path) -> PathBuf {
    let plain = if compress::is_compressed_name(backup) { backup.with_extension("") } else { backup.to_path_buf() };
    plain.with_extension(MANIFEST_SUFFIX.trim_start_matches('.'))
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

/// `<db dir>/backups/<db stem>-YYYY-MM-DD.db.zst`: a plain desk's rolling
/// backup for `day`. An encrypted desk's is `.db` (`write_rolling`).
pub fn rolling_path(db: &Path, day: NaiveDate) -> PathBuf {
    sidecar(&plain_rolling_path(db, day), COMPRESSED_SUFFIX)
}

/// `<db dir>/backups/<db stem>-YYYY-MM-DD.db`: uncompressed, as older
/// versions wrote every backup and as an encrypted desk's still are.
pub fn plain_rolling_path(db: &Path, day: NaiveDate) -> PathBuf {
    rolling_dir(db).join(format!("{}-{}.db", db_stem(db), day.format("%Y-%m-%d")))
}

/// The rolling backups of `db`, compressed or not, newest first.
pub fn rolling_backups(db: &Path) -> Vec<PathBuf> {
    rolling_backup_files(db).into_iter().map(|(_, path)| path).collect()
}

fn rolling_backup_files(db: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let (dir, stem) = (rolling_dir(db), db_stem(db));
    let mut found = rolling_files(&dir, &stem, ".db");
    found.extend(rolling_files(&dir, &stem, &format!(".db{COMPRESSED_SUFFIX}")));
    found.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    found
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

/// The desk's day as given by `--today` (`set_desk_day`), for naming the
/// daily backup and restore's refreshed one.
static DESK_DAY: OnceLock<NaiveDate> = OnceLock::new();

/// Make `day` the desk's day for this process (the command line's `--today`).
pub fn set_desk_day(day: NaiveDate) {
    let _ = DESK_DAY.set(day);
}

/// The desk's day: `--today` when given, else the local date (never the
/// UTC date, which is already tomorrow on a late evening west of Greenwich).
pub fn desk_day() -> NaiveDate {
    DESK_DAY.get().copied().unwrap_or_else(|| chrono::Local::now().date_naive())
}

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
    super::pending_restore::finish(store, db, today)?;
    if !is_due(db, today) || !has_audit_rows(store)? {
        return Ok(None);
    }
    // A chain that no longer passes through an earlier manifest is not blessed.
    if let ManifestFinding::Fault(fault) = super::manifests::verify_manifests(store.conn(), db)? {
        return Err(super::manifests::refuse_to_bless(db, &fault));
    }
    say_while_backing_up(db);
    write_rolling(store, db, today).map(Some)
}

/// Whether no rolling backup of `today` or later exists yet. A clock set
/// back does not make an older day "due" again.
pub(super) fn is_due(db: &Path, today: NaiveDate) -> bool {
    rolling_backup_files(db).first().is_none_or(|(day, _)| *day < today)
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

/// Write (or overwrite) the rolling backup for `day`, compressed unless the
/// desk is encrypted (its pages look random, so zstd would gain nothing
/// and cost time), then keep what the retention rules say.
pub fn write_rolling(store: &Store, db: &Path, day: NaiveDate) -> StoreResult<PathBuf> {
    let dir = rolling_dir(db);
    ensure_private_dir(&dir)?;
    let (compressed, plain) = (rolling_path(db, day), plain_rolling_path(db, day));
    let (dest, other) = if store.is_encrypted() { (plain, compressed) } else { (compressed, plain) };
    store.backup_to(&dest)?;
    // The same day's copy in the other form (an older program's) is replaced.
    let _ = fs::remove_file(other);
    rotate(db, Retention::from_rules(&store.rules()?));
    Ok(dest)
}

/// An empty desk has nothing worth a backup yet.
fn has_audit_rows(store: &Store) -> StoreResult<bool> {
    Ok(store.conn().query_row("SELECT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0))?)
}

/// How many rolling backups are kept: the newest `daily` (rule
/// BACKUP_KEEP), then the newest of each of the `weekly` calendar weeks
/// before those (rule BACKUP_KEEP_WEEKLY).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
}

impl Retention {
    pub fn from_rules(rules: &Rules) -> Retention {
        Retention {
            daily: rules.days_or("BACKUP_KEEP", DEFAULT_DAILY).max(1) as usize,
            weekly: rules.days_or("BACKUP_KEEP_WEEKLY", DEFAULT_WEEKLY) as usize,
        }
    }

    /// The days whose backups are kept, of `days` (in any order). A week
    /// that still has a daily backup needs no weekly one, so each weekly
    /// is the newest of an older week.
    pub fn days_to_keep(self, days: &[NaiveDate]) -> BTreeSet<NaiveDate> {
        let mut newest_first = days.to_vec();
        newest_first.sort_by_key(|day| std::cmp::Reverse(*day));
        newest_first.dedup();
        let mut kept: BTreeSet<NaiveDate> = newest_first.iter().take(self.daily).copied().collect();
        let mut weeks: BTreeSet<IsoWeek> = kept.iter().map(|day| day.iso_week()).collect();
        let older = newest_first.iter().skip(self.daily);
        let weeklies = older.filter(|day| weeks.insert(day.iso_week())).take(self.weekly);
        kept.extend(weeklies);
        kept
    }
}

fn rotate(db: &Path, keep: Retention) {
    let backups = rolling_backup_files(db);
    let days: Vec<NaiveDate> = backups.iter().map(|(day, _)| *day).collect();
    let kept = keep.days_to_keep(&days);
    let manifests = rolling_files(&rolling_dir(db), &db_stem(db), MANIFEST_SUFFIX);
    for (day, old) in backups.into_iter().chain(manifests) {
        if !kept.contains(&day) {
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
