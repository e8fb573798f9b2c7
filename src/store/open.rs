//! Opening a file: the checks made before SQLite sees it (so a wrong path is
//! never created, truncated or converted to WAL), the connection itself, and
//! the quick check before anything is written.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::key::{self, Passphrase, SQLITE_HEADER};
use super::{migrate, OpenMode, StoreError, StoreResult, Upkeep, SCHEMA_VERSION};

/// How long the quick check on open may run. It reads every page, so on a
/// large desk it is stopped here and the header's size check stands in;
/// `casedesk check` always runs the full integrity check.
pub(super) const QUICK_CHECK_BUDGET: Duration = Duration::from_millis(500);

/// A file this small is quick-checked whole even when opened only to read:
/// it costs a few milliseconds, and a damaged page is reported at once
/// rather than when a screen or export happens to read it.
pub(super) const SMALL_DESK_BYTES: u64 = 8 << 20;

/// How the file may be opened, as found before SQLite sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    ReadWrite,
    ReadOnly,
}

/// Checks made before SQLite sees the file, so that a wrong path is never
/// created, truncated or converted to WAL.
pub(super) fn preflight(path: &Path, mode: OpenMode, keyed: bool) -> StoreResult<Access> {
    require_file_or_new(path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        require_file_or_new(&sidecar(path, suffix))?;
    }
    if !path.exists() {
        return if mode.must_exist() { Err(StoreError::Missing(path.to_path_buf())) } else { Ok(Access::ReadWrite) };
    }
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut header)
    });
    let writable = is_writable(path);
    match read {
        Err(e) => Err(StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() }),
        // An empty file is what some tools leave when "creating" a database:
        // fine to start a desk in, but a command that reads an existing desk
        // says so rather than turning it into an empty one.
        Ok(0) if mode.must_exist() || !writable => Err(StoreError::Empty(path.to_path_buf())),
        Ok(0) => Ok(Access::ReadWrite),
        // An encrypted file's header is encrypted too: SQLCipher checks it.
        Ok(_) if keyed && &header[..16] == SQLITE_HEADER => Err(StoreError::NotEncrypted(path.to_path_buf())),
        Ok(_) if keyed => Ok(if writable { Access::ReadWrite } else { Access::ReadOnly }),
        Ok(_) if key::looks_encrypted(path) => Err(StoreError::MaybeEncrypted(path.to_path_buf())),
        Ok(n) if n < 100 || &header[..16] != SQLITE_HEADER || page_size(&header).is_none() => {
            Err(StoreError::NotADatabase(path.to_path_buf()))
        }
        Ok(_) if is_cut_off(path, &header) => Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "the file is shorter than its header says: it has been cut off".into(),
        }),
        Ok(_) if writable => Ok(Access::ReadWrite),
        Ok(_) => Ok(Access::ReadOnly),
    }
}

/// Only a regular file (links followed) or a path not yet made can hold a
/// desk or its journal. The type comes from the metadata alone: opening a
/// FIFO to read its header would wait forever for a writer, and SQLite would
/// happily open (and casedesk chmod) a device.
fn require_file_or_new(path: &Path) -> StoreResult<()> {
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
    if meta.is_dir() {
        return Err(StoreError::IsDirectory(path.to_path_buf()));
    }
    if meta.is_file() {
        return Ok(());
    }
    Err(StoreError::NotAFile { path: path.to_path_buf(), kind: kind_of(&meta.file_type()) })
}

/// What a file that is neither a regular file nor a directory is, in words
/// (outside Unix the kinds are not told apart).
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    let _ = file_type;
    "a special file"
}

/// Whether the user may write `path`. The read-only mark counts even for an
/// administrator who could override it: it is the owner's stated wish.
pub(super) fn is_writable(path: &Path) -> bool {
    let marked_read_only = std::fs::metadata(path).map(|m| m.permissions().readonly()).unwrap_or(true);
    // Opening for writing without truncating changes neither bytes nor times.
    !marked_read_only && std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

pub(super) fn open_connection(path: &Path, access: Access, key: Option<&Passphrase>) -> StoreResult<Connection> {
    let opened = match access {
        Access::ReadWrite => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ),
        Access::ReadOnly => open_read_only(path),
    };
    let conn = opened.map_err(|e| classify_open_error(path, e))?;
    let keyed = match key {
        Some(key) => key::unlock(&conn, key),
        None => key::quiet(&conn),
    };
    keyed.map_err(|e| classify_open_error(path, e))?;
    Ok(conn)
}

/// A read-only connection to a WAL database leaves `-wal` and `-shm` files
/// behind that it cannot remove. With no WAL beside the file there is nothing
/// uncheckpointed to read, so open it `immutable` and create nothing; with one,
/// read through it so changes committed before a crash are still seen.
pub(super) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    if sidecar(path, "-wal").exists() || sidecar(path, "-journal").exists() {
        return Connection::open_with_flags(path, flags);
    }
    Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags)
}

/// Past this much WAL a reading command folds it into the file as it
/// closes. Below it the command leaves its audit rows in the WAL (see
/// `Store::leave_checkpoint_to_writers`); but every new process re-reads
/// the whole WAL before its first query, and no reading command could
/// restart it (each process's recovery forgets what an earlier one folded
/// in), so left alone it grew by every command, without end: 40 MB after
/// about 50 `find`s at 100,000 cases, 160 ms each.
pub const FOLD_WAL_ABOVE: u64 = 1 << 20;

/// Whether the WAL beside `path` is past `FOLD_WAL_ABOVE`.
pub(super) fn wal_is_long(path: &Path) -> bool {
    std::fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > FOLD_WAL_ABOVE)
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// `path` as an SQLite `file:` URI: every byte outside the unreserved set is
/// percent-encoded, so `?`, `#` and `%` in a name cannot change its meaning.
pub(super) fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    // Only Windows separates with backslashes; elsewhere one is part of a name.
    let text = if cfg!(windows) { text.replace('\\', "/") } else { text.into_owned() };
    let mut uri = String::from("file:");
    // A Windows drive path ("C:/...") needs the empty authority form.
    if text.as_bytes().get(1) == Some(&b':') {
        uri.push_str("///");
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => uri.push(byte as char),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// Before anything is written: refuse a file from a newer casedesk, and run
/// SQLite's quick check so a damaged file is refused rather than written to.
/// Returns the schema version found.
pub(super) fn inspect_before_use(conn: &Connection, path: &Path, mode: OpenMode, upkeep: Upkeep) -> StoreResult<i64> {
    let found = migrate::schema_version(conn).map_err(|e| classify_open_error(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, supported: SCHEMA_VERSION });
    }
    if upkeep == Upkeep::Deferred {
        // Checked after the first frame, on another thread (`upkeep`).
        return Ok(found);
    }
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= SMALL_DESK_BYTES);
    if small || !reads_only(mode, found) {
        quick_check_within_budget(conn, path)?;
    }
    Ok(found)
}

/// Whether this open writes nothing before the command's own work: a
/// reading command on a desk already at this program's schema. Migrating is
/// a write, so an older desk gets the full writing open.
pub(super) fn reads_only(mode: OpenMode, found: i64) -> bool {
    mode == OpenMode::ToRead && found == SCHEMA_VERSION
}

/// Whether the file is shorter than the page count in its header. The count
/// is trusted only when SQLite marked it valid (offset 24 equals offset 92),
/// and only with no WAL beside the file: a checkpoint cut short by a crash
/// may leave the file short until the WAL is replayed.
pub(super) fn is_cut_off(path: &Path, header: &[u8; 100]) -> bool {
    let be32 = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let Some(page_size) = page_size(header) else { return false };
    let pages = u64::from(be32(28));
    if be32(24) != be32(92) || pages == 0 || sidecar(path, "-wal").exists() {
        return false;
    }
    std::fs::metadata(path).is_ok_and(|m| m.len() < pages * page_size)
}

/// The page size at offset 16, if it is one SQLite can write: a power of two
/// from 512 to 65536 (stored as 1). Anything else is not an SQLite file.
pub(super) fn page_size(header: &[u8; 100]) -> Option<u64> {
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => Some(65_536),
        n if n >= 512 && n.is_power_of_two() => Some(u64::from(n)),
        _ => None,
    }
}

/// SQLite's quick check, stopped after `QUICK_CHECK_BUDGET` so a large desk
/// still opens promptly (an interrupted check counts as passed).
pub(super) fn quick_check_within_budget(conn: &Connection, path: &Path) -> StoreResult<()> {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    let handle = conn.get_interrupt_handle();
    let (done, finished) = channel::<()>();
    let timer = std::thread::spawn(move || {
        if let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(QUICK_CHECK_BUDGET) {
            handle.interrupt();
        }
    });
    // quick_check skips the index-to-table cross-check of integrity_check,
    // and (1) stops at the first fault: enough to say "damaged".
    let result = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0));
    let _ = done.send(());
    let _ = timer.join();
    match result {
        Ok(first) if first == "ok" => Ok(()),
        Ok(first) => Err(StoreError::Corrupt { path: path.to_path_buf(), detail: quick_check_detail(&first) }),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => Ok(()),
        Err(e) => Err(classify_open_error(path, e)),
    }
}

/// SQLite's fault text on one line, without its "*** in database main ***" banner.
pub(super) fn quick_check_detail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("***")).collect();
    let detail = lines.join("; ");
    let detail: String = detail.chars().filter(|c| !c.is_control()).take(200).collect();
    format!("SQLite's quick check found: {detail}")
}

pub(super) fn classify_store_error(path: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(inner) => classify_open_error(path, inner),
        other => other,
    }
}

pub(super) fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt { path: path.to_path_buf(), detail: "SQLite reports the file is malformed".into() }
        }
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Locked,
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
        _ => StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uri_escapes_what_would_change_its_meaning() {
        assert_eq!(file_uri(Path::new("/tmp/a b?c#d%e.db")), "file:/tmp/a%20b%3Fc%23d%25e.db");
    }

    #[test]
    fn quick_check_detail_is_one_line() {
        let detail = quick_check_detail("*** in database main ***\nPage 5: never used\n");
        assert_eq!(detail, "SQLite's quick check found: Page 5: never used");
    }
}
