//! Rolling daily backups beside the database, the manifests that keep the
//! audit chain's newest hash outside the database (a chain only proves itself
//! up to its newest row, so truncation or a wholesale rewrite needs a witness
//! kept elsewhere), and `casedesk restore`.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Context;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{verify_chain, GENESIS_HASH};
use super::migrate::{schema_version, SCHEMA_VERSION};
use super::{key, OpenMode, Passphrase, Store, StoreError, StoreResult};

/// Where `casedesk audit` reads rows from (named here because `maintenance` is private).
pub use super::maintenance::AuditLine;

/// The folder beside the database that holds the rolling backups.
pub const BACKUP_DIR: &str = "backups";
const MANIFEST_SUFFIX: &str = ".manifest.json";
/// Rule BACKUP_KEEP's default, for databases seeded before the rule existed.
const DEFAULT_KEEP: u32 = 14;
/// How long restore waits for another process before saying the file is in use.
const RESTORE_BUSY_TIMEOUT: Duration = Duration::from_secs(2);
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

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
            ManifestFinding::NoBackups => "no backup manifest yet (nothing to compare)".to_string(),
            ManifestFinding::Matches { rows, manifest } => format!("ok (row {rows} matches {})", file_name(manifest)),
            ManifestFinding::Fault(fault) => format!("FAULT: {fault}"),
        }
    }
}

/// The newest rolling manifest must still find its newest hash at the same
/// row: fewer rows means the end of the log was cut off, another hash means
/// the log was rewritten after that backup.
pub(super) fn compare_with_newest_manifest(conn: &Connection, db: &Path) -> StoreResult<ManifestFinding> {
    let Some((_, path)) = rolling_files(&rolling_dir(db), &db_stem(db), MANIFEST_SUFFIX).into_iter().next() else {
        return Ok(ManifestFinding::NoBackups);
    };
    let name = file_name(&path);
    let manifest = match read_manifest(&path) {
        Ok(m) => m,
        Err(e) => return Ok(ManifestFinding::Fault(format!("the newest backup manifest {name} cannot be read ({e})"))),
    };
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?;
    let rows = rows.max(0) as u64;
    if manifest.audit_rows == 0 {
        return Ok(ManifestFinding::Matches { rows: 0, manifest: path });
    }
    if rows < manifest.audit_rows {
        return Ok(ManifestFinding::Fault(format!(
            "the log has {rows} rows but {name} recorded {}: rows were removed from its end",
            manifest.audit_rows
        )));
    }
    let offset = i64::try_from(manifest.audit_rows - 1).unwrap_or(i64::MAX);
    let stored: Option<String> = conn
        .query_row("SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?1", params![offset], |r| r.get(0))
        .optional()?;
    if stored.as_deref() != Some(manifest.audit_newest_hash.as_str()) {
        return Ok(ManifestFinding::Fault(format!(
            "audit row {} does not match {name}: the log was rewritten after that backup",
            manifest.audit_rows
        )));
    }
    Ok(ManifestFinding::Matches { rows: manifest.audit_rows, manifest: path })
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
    let newest = rolling_files(&rolling_dir(db), &db_stem(db), ".db").first().map(|(day, _)| *day);
    // A clock set back does not make an older day "due" again.
    if newest.is_some_and(|day| day >= today) || !has_audit_rows(store)? {
        return Ok(None);
    }
    write_rolling(store, db, today).map(Some)
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
        warnings.iter().find(|(path, _)| path == db).map(|(_, text)| text.clone())
    }
}

// -------------------------------------------------------------------- restore

/// What `restore` did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Where the previous database was kept, if there was one.
    pub set_aside: Option<PathBuf>,
    pub audit_rows: u64,
    pub schema_version: i64,
    /// A problem after the swap (the refreshed rolling backup), not a failure.
    pub warning: Option<String>,
}

/// `casedesk restore SRC`; `key` is the backup's passphrase when it is encrypted.
pub fn cli_restore(db: &Path, src: &Path, key: Option<&Passphrase>) -> anyhow::Result<()> {
    let done = restore_keyed(db, src, chrono::Local::now().naive_local(), key)?;
    println!(
        "Verified {}: integrity ok, schema version {}, audit chain of {} rows intact.",
        src.display(),
        done.schema_version,
        done.audit_rows
    );
    match &done.set_aside {
        Some(aside) => println!("Kept the previous database aside at {}.", aside.display()),
        None => println!("There was no database at {} before.", db.display()),
    }
    println!("Restored {} into {}.", src.display(), db.display());
    if let Some(warning) = &done.warning {
        eprintln!("casedesk: warning: {warning}");
    }
    Ok(())
}

/// Verify `src`, keep the current database aside, then swap `src` in. Until
/// the final rename nothing at `db` changes; `src` itself is only read.
pub fn restore(db: &Path, src: &Path, now: NaiveDateTime) -> anyhow::Result<Restored> {
    restore_keyed(db, src, now, None)
}

/// `restore` of an encrypted backup, with its passphrase. The restored
/// database keeps that passphrase; the current one (if encrypted with the
/// same passphrase) is checked for other users before it is set aside.
pub fn restore_keyed(db: &Path, src: &Path, now: NaiveDateTime, key: Option<&Passphrase>) -> anyhow::Result<Restored> {
    check_restore_paths(db, src)?;
    // Verify a private copy rather than `src`: SQLite never opens `src`, and
    // what is verified is exactly what is installed.
    let staged = stage_copy(db, src)?;
    let (audit_rows, schema_version) = verify_restore_source(&staged, src, key)?;
    let set_aside = if db.exists() { Some(set_aside_current(db, now, key)?) } else { None };
    install(staged, db)?;
    Ok(Restored { set_aside, audit_rows, schema_version, warning: refresh_rolling_backup(db, now.date(), key) })
}

fn check_restore_paths(db: &Path, src: &Path) -> anyhow::Result<()> {
    let shown = src.display();
    if src.is_dir() {
        anyhow::bail!("{shown} is a directory: give the backup file to restore; nothing was changed");
    }
    if !src.exists() {
        anyhow::bail!("there is no file at {shown} to restore; nothing was changed");
    }
    if db.is_dir() {
        anyhow::bail!("{} is a directory, not a database file; nothing was changed", db.display());
    }
    if let (Ok(a), Ok(b)) = (db.canonicalize(), src.canonicalize()) {
        if a == b {
            anyhow::bail!("{shown} is the database itself: give a backup file to restore; nothing was changed");
        }
    }
    if sidecar(src, "-wal").metadata().is_ok_and(|m| m.len() > 0) {
        anyhow::bail!(
            "{shown} has a write-ahead log beside it, so the file alone may be incomplete: make a consistent copy \
             with `casedesk --db {shown} backup COPY` and restore that; nothing was changed"
        );
    }
    if !parent_dir(db).is_dir() {
        anyhow::bail!("the folder {} does not exist; nothing was changed", parent_dir(db).display());
    }
    Ok(())
}

/// Copy `src` to an owner-only temporary file beside the database (the same
/// file system, so the final rename is atomic), synced to disk.
fn stage_copy(db: &Path, src: &Path) -> anyhow::Result<tempfile::TempPath> {
    let mut from = fs::File::open(src).with_context(|| format!("cannot read {}", src.display()))?;
    let mut staged = tempfile::Builder::new()
        .prefix(&format!(".{}.restore-", db_stem(db)))
        .tempfile_in(parent_dir(db))
        .with_context(|| format!("cannot write in {}", parent_dir(db).display()))?;
    std::io::copy(&mut from, staged.as_file_mut())
        .and_then(|_| staged.as_file().sync_all())
        .with_context(|| format!("cannot copy {}", src.display()))?;
    owner_only(staged.path());
    Ok(staged.into_temp_path())
}

/// A casedesk database, undamaged, not from a newer casedesk, its audit
/// chain intact. Returns (audit rows, schema version).
fn verify_restore_source(staged: &Path, src: &Path, key: Option<&Passphrase>) -> anyhow::Result<(u64, i64)> {
    let shown = src.display();
    let refuse = |why: String| anyhow::anyhow!("{shown} {why}; nothing was changed");
    check_header(staged, key.is_some()).map_err(refuse)?;
    let result = (|| {
        let conn =
            Connection::open_with_flags(staged, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| format!("cannot be opened as a database ({e})"))?;
        match key {
            Some(key) => key::unlock(&conn, key).map_err(|e| format!("cannot be decrypted ({e})"))?,
            None => key::quiet(&conn).map_err(|e| format!("cannot be opened as a database ({e})"))?,
        }
        let integrity = integrity_lines(&conn).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) if key.is_some() => {
                "cannot be read: wrong passphrase or not a casedesk database".to_string()
            }
            _ => format!("is damaged ({e})"),
        })?;
        if integrity != ["ok"] {
            return Err(format!("is damaged (integrity check: {})", integrity.join("; ")));
        }
        let version = schema_version(&conn).map_err(|e| format!("cannot be read ({e})"))?;
        if version == 0 {
            return Err("is not a casedesk database (it has no casedesk schema)".to_string());
        }
        if version > SCHEMA_VERSION {
            return Err(format!(
                "was written by a newer casedesk (schema version {version}, this program knows up to {SCHEMA_VERSION})"
            ));
        }
        let chain = verify_chain(&conn).map_err(|e| format!("is not a casedesk database ({e})"))?;
        if let Some(fault) = chain.fault {
            return Err(format!("fails the audit chain check ({fault}): it may have been tampered with"));
        }
        Ok((chain.rows, version))
    })();
    remove_sidecars(staged);
    result.map_err(refuse)
}

/// An encrypted file's header is encrypted too, so with a key only its
/// presence is checked here; SQLCipher checks the rest.
fn check_header(path: &Path, keyed: bool) -> Result<(), String> {
    let mut header = Vec::with_capacity(16);
    fs::File::open(path)
        .and_then(|f| f.take(16).read_to_end(&mut header))
        .map_err(|e| format!("cannot be read ({e})"))?;
    match header.len() {
        0 => Err("is empty, not a casedesk database".to_string()),
        _ if keyed && header == SQLITE_HEADER => Err("is not encrypted: restore it without a passphrase".to_string()),
        _ if keyed => Ok(()),
        _ if header != SQLITE_HEADER && key::looks_encrypted(path) => {
            Err(format!("is not a casedesk database (it is not an SQLite file); {}", super::ENCRYPTED_HINT))
        }
        _ if header != SQLITE_HEADER => Err("is not a casedesk database (it is not an SQLite file)".to_string()),
        _ => Ok(()),
    }
}

fn integrity_lines(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(lines.into_iter().take(3).collect())
}

/// Fold the WAL into the current file, make sure no one else has it open,
/// and copy it aside. Returns where it went.
fn set_aside_current(db: &Path, now: NaiveDateTime, key: Option<&Passphrase>) -> anyhow::Result<PathBuf> {
    quiesce(db, key.filter(|_| key::looks_encrypted(db)))?;
    let aside = aside_path(db, now);
    copy_private(db, &aside)?;
    // If the file could not be quiesced (it is damaged), its WAL goes aside too.
    let wal = sidecar(db, "-wal");
    if wal.metadata().is_ok_and(|m| m.len() > 0) {
        copy_private(&wal, &sidecar(&aside, "-wal"))?;
    }
    Ok(aside)
}

/// Checkpoint the WAL into the main file (`wal_checkpoint(TRUNCATE)`), then
/// leave WAL mode: SQLite allows that only to the sole connection, so a desk
/// open in another process is found here, before anything has changed.
fn quiesce(db: &Path, key: Option<&Passphrase>) -> anyhow::Result<()> {
    let in_use = || {
        anyhow::anyhow!(
            "the database {} is in use by another process (is casedesk open?): close it and try again; nothing was \
             changed",
            db.display()
        )
    };
    // A file SQLite cannot open (damaged, not a database) is simply copied aside.
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    else {
        return Ok(());
    };
    // An encrypted file that this key does not open is treated like a damaged one.
    let keyed = match key {
        Some(key) => key::unlock(&conn, key),
        None => key::quiet(&conn),
    };
    if keyed.is_err() {
        return Ok(());
    }
    conn.busy_timeout(RESTORE_BUSY_TIMEOUT)?;
    let checkpoint = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
    match checkpoint {
        Ok(0) => {}
        Ok(_) => return Err(in_use()),
        Err(e) if is_busy(&e) => return Err(in_use()),
        Err(_) => return Ok(()),
    }
    match conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0)) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
        Ok(_) => Err(in_use()),
        Err(e) if is_busy(&e) => Err(in_use()),
        Err(_) => Ok(()),
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// `<db>.before-restore-YYYYMMDD-HHMMSS`, numbered if that exists already.
fn aside_path(db: &Path, now: NaiveDateTime) -> PathBuf {
    let base = sidecar(db, &format!(".before-restore-{}", now.format("%Y%m%d-%H%M%S")));
    let mut candidate = base.clone();
    let mut n = 2;
    while candidate.exists() {
        candidate = sidecar(&base, &format!("-{n}"));
        n += 1;
    }
    candidate
}

fn copy_private(from: &Path, to: &Path) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(to).with_context(|| format!("cannot create {}", to.display()))?;
    let mut input = fs::File::open(from).with_context(|| format!("cannot read {}", from.display()))?;
    std::io::copy(&mut input, &mut out)
        .and_then(|_| out.sync_all())
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}

/// Remove the old file's stale WAL and shared memory (they would be read as
/// belonging to the new file), then rename the verified copy into place.
fn install(staged: tempfile::TempPath, db: &Path) -> anyhow::Result<()> {
    remove_sidecars(db);
    staged.persist(db).map_err(|e| anyhow::anyhow!("cannot put the restored file at {}: {}", db.display(), e.error))?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(parent_dir(db)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Today's rolling backup is rewritten from the restored file, so that the
/// newest manifest describes the database now in place (the state before the
/// restore is kept aside). A failure here is reported, not fatal.
fn refresh_rolling_backup(db: &Path, today: NaiveDate, key: Option<&Passphrase>) -> Option<String> {
    let refreshed =
        Store::open_keyed(db, OpenMode::MustExist, key.cloned()).and_then(|store| write_rolling(&store, db, today));
    refreshed.err().map(|e| format!("the restore is done, but refreshing today's rolling backup failed: {e}"))
}

// -------------------------------------------------------------------- helpers

fn db_stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "casedesk".to_string())
}

fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(sidecar(path, suffix));
    }
}

fn owner_only(path: &Path) {
    super::maintenance::restrict_permissions(path);
}
