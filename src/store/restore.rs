//! `casedesk restore SRC`: verify the backup (integrity, schema, audit
//! chain), keep the current database aside, record the restore in the
//! restored database's own audit log, and only then swap it in.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use super::audit::{self, verify_chain, AuditEntry, AuditOp};
use super::compress;
use super::files::{file_name, owner_only, parent_dir, remove_sidecars, sidecar};
use super::key::{self, SQLITE_HEADER};
use super::migrate::{schema_version, SCHEMA_VERSION};
use super::pending_restore;
use super::{OpenMode, Passphrase, Store, StoreError, StoreResult, Upkeep};

/// How long restore waits for another process before saying the file is in use.
const RESTORE_BUSY_TIMEOUT: Duration = Duration::from_secs(2);

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
    pending_restore::remove_stale_staging(db);
    // Verify a private copy rather than `src`: SQLite never opens `src`, and
    // what is verified is exactly what is installed.
    let staged = stage_copy(db, src)?;
    let verified = verify_restore_source(&staged, src, key)?;
    refuse_a_rewritten_source(&staged, db, src, key)?;
    let set_aside = if db.exists() { Some(set_aside_current(db, now, key)?) } else { None };
    let recorded = record_restore(&staged, src, set_aside.as_deref(), &verified, key)
        .and_then(|_| note_pending(&staged, db, key, verified.audit_rows));
    if let Err(e) = recorded {
        // The copy kept aside is a duplicate of the untouched database: tidy it away.
        if let Some(aside) = &set_aside {
            let _ = fs::remove_file(aside);
            let _ = fs::remove_file(sidecar(aside, "-wal"));
        }
        return Err(e);
    }
    if let Err(e) = install(staged, db) {
        pending_restore::forget(db);
        return Err(e);
    }
    super::documents_backup::restore_documents(src, db)?;
    Ok(Restored {
        set_aside,
        audit_rows: verified.audit_rows,
        schema_version: verified.schema_version,
        warning: refresh_rolling_backup(db, now.date(), key, verified.audit_rows),
    })
}

/// What verifying the source found.
struct Verified {
    audit_rows: u64,
    schema_version: i64,
    /// The newest hash of the source's audit chain, recorded with the restore.
    newest_hash: String,
}

/// DPA 2018 s.62: swapping in another copy of the data alters every record
/// in it, so the restore is logged in the restored database's own audit
/// chain (op `alter`, entity `database`, id the restored file's name). The
/// row is written into the verified copy before the rename: the file that
/// appears at the database's path already says how it got there, and if the
/// row cannot be written the database is not touched.
fn record_restore(
    staged: &Path,
    src: &Path,
    aside: Option<&Path>,
    verified: &Verified,
    key: Option<&Passphrase>,
) -> anyhow::Result<()> {
    let absolute = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()).display().to_string();
    let mut entry = AuditEntry::new(AuditOp::Alter, "database", file_name(src));
    entry.after = Some(serde_json::json!({
        "restored_from": absolute(src),
        "previous_kept_aside_at": aside.map(absolute),
        "source_audit_rows": verified.audit_rows,
        "source_newest_audit_hash": verified.newest_hash,
    }));
    entry.justification = Some(format!("casedesk restore from the backup {}", absolute(src)));
    let result = append_entry(staged, &entry, key);
    remove_sidecars(staged);
    result.map_err(|e| {
        anyhow::anyhow!(
            "cannot record the restore in the audit log of the copy of {} ({e}); nothing was changed",
            src.display()
        )
    })
}

/// One audit row appended to the database at `path`, committed durably,
/// leaving it in rollback-journal mode with no WAL beside it to rename.
fn append_entry(path: &Path, entry: &AuditEntry, key: Option<&Passphrase>) -> StoreResult<()> {
    let mut conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    match key {
        Some(key) => key::unlock(&conn, key)?,
        None => key::quiet(&conn)?,
    }
    conn.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let txn = audit::next_txn(&tx)?;
    audit::append(&tx, txn, &super::os_user(), entry)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| StoreError::from(e))
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
/// file system, so the final rename is atomic), synced to disk. A
/// compressed backup (zstd, as the rolling backups are) is decompressed
/// into it; an uncompressed one, as older versions wrote, is copied.
fn stage_copy(db: &Path, src: &Path) -> anyhow::Result<tempfile::TempPath> {
    let compressed = compress::starts_compressed(src).with_context(|| format!("cannot read {}", src.display()))?;
    let mut staged = tempfile::Builder::new()
        .prefix(&pending_restore::own_staging_prefix(db))
        .tempfile_in(parent_dir(db))
        .with_context(|| format!("cannot write in {}", parent_dir(db).display()))?;
    if compressed {
        compress::decompress_into(src, staged.as_file_mut()).map_err(|e| {
            anyhow::anyhow!("{} cannot be decompressed ({e}): it is damaged; nothing was changed", src.display())
        })?;
    } else {
        let mut from = fs::File::open(src).with_context(|| format!("cannot read {}", src.display()))?;
        std::io::copy(&mut from, staged.as_file_mut())
            .and_then(|_| staged.as_file().sync_all())
            .with_context(|| format!("cannot copy {}", src.display()))?;
    }
    owner_only(staged.path());
    Ok(staged.into_temp_path())
}

/// A casedesk database, undamaged, not from a newer casedesk, its audit
/// chain intact.
fn verify_restore_source(staged: &Path, src: &Path, key: Option<&Passphrase>) -> anyhow::Result<Verified> {
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
        Ok(Verified { audit_rows: chain.rows, schema_version: version, newest_hash: chain.newest_hash })
    })();
    remove_sidecars(staged);
    result.map_err(refuse)
}

/// A backup whose log disagrees with this desk's manifests was rewritten.
fn refuse_a_rewritten_source(staged: &Path, db: &Path, src: &Path, key: Option<&Passphrase>) -> anyhow::Result<()> {
    let conn = Connection::open_with_flags(staged, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    match key {
        Some(key) => key::unlock(&conn, key)?,
        None => key::quiet(&conn)?,
    }
    match super::manifests::restore_source_fault(&conn, db)? {
        None => Ok(()),
        Some(fault) => anyhow::bail!(
            "{} does not match this desk's backups ({fault}): it may have been tampered with; nothing was changed",
            src.display()
        ),
    }
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
            Err(format!("is not a casedesk database (it is not an SQLite file); {}", super::error::ENCRYPTED_HINT))
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
fn refresh_rolling_backup(db: &Path, today: NaiveDate, key: Option<&Passphrase>, source_rows: u64) -> Option<String> {
    // Opened without its own daily upkeep: that would finish the pending
    // restore and remove its note before this marks the manifest, and a kill
    // between the two would leave an unmarked manifest and no note to mend it.
    let refreshed = Store::open_with(db, OpenMode::MustExist, key.cloned(), Upkeep::Deferred, None).and_then(|store| {
        pending_restore::witness(&store, db, today, source_rows)?;
        pending_restore::forget(db);
        Ok(())
    });
    refreshed.err().map(|e| format!("the restore is done, but refreshing today's rolling backup failed: {e}"))
}

/// Note beside the desk the head about to be swapped in, so that a restore
/// stopped after the swap is finished by the next open.
fn note_pending(staged: &Path, db: &Path, key: Option<&Passphrase>, source_rows: u64) -> anyhow::Result<()> {
    let conn = Connection::open_with_flags(staged, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    match key {
        Some(key) => key::unlock(&conn, key)?,
        None => key::quiet(&conn)?,
    }
    pending_restore::note(db, &conn, source_rows)?;
    Ok(())
}
