//! Encryption at rest: the passphrase, telling an encrypted file from a plain
//! one, and keying SQLCipher connections. Only the `encryption` build links
//! SQLCipher; the plain build keeps the same types so the rest of the code
//! needs no conditional compilation, and refuses every keyed open.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{Store, StoreError, StoreResult};

/// The first 16 bytes of every plain SQLite 3 database file: what an
/// encrypted one lacks.
pub(super) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether this build can read and write encrypted databases.
pub const AVAILABLE: bool = cfg!(feature = "encryption");

/// What to tell someone whose build has no encryption.
pub const HOW_TO_BUILD: &str =
    "this casedesk was built without encryption: build it with `cargo build --release --features encryption`";

/// Shorter passphrases are refused: the file holds safeguarding data and a
/// stolen copy can be attacked offline for as long as the thief likes.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A database passphrase. Its bytes are wiped when the last copy is dropped,
/// and it never prints.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Any text will do to open an existing desk (it was checked when it was chosen).
    pub fn new(text: String) -> Passphrase {
        Passphrase(Zeroizing::new(text))
    }

    /// Whether this may be chosen as a new passphrase.
    pub fn check_new(&self) -> StoreResult<()> {
        if self.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(StoreError::Invalid(format!(
                "a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; nothing was changed"
            )));
        }
        Ok(())
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// Whether `path` may be an SQLCipher database: whole pages of bytes without
/// SQLite's plain header. (An encrypted file looks like random bytes by
/// design, so only the passphrase can tell it from noise.)
pub fn looks_encrypted(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    if !meta.is_file() || meta.len() < 512 || meta.len() % 512 != 0 {
        return false;
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok() && &header != SQLITE_HEADER
}

/// Key a fresh connection: must come before anything reads the file.
/// SQLCipher's own logging is switched off first, so a wrong key never
/// writes to the terminal behind the interface.
#[cfg(feature = "encryption")]
pub(super) fn unlock(conn: &Connection, key: &Passphrase) -> rusqlite::Result<()> {
    quiet(conn)?;
    let len = std::os::raw::c_int::try_from(key.bytes().len())
        .map_err(|_| rusqlite::Error::InvalidParameterName("passphrase too long".into()))?;
    // sqlite3_key_v2 takes the bytes directly: no SQL text holding the
    // passphrase is made (and left unwiped in SQLite's memory).
    // SAFETY: the handle is this open connection's; the key pointer and
    // length describe a live buffer SQLCipher copies before returning.
    let rc =
        unsafe { rusqlite::ffi::sqlite3_key_v2(conn.handle(), c"main".as_ptr(), key.bytes().as_ptr().cast(), len) };
    if rc != rusqlite::ffi::SQLITE_OK {
        return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None));
    }
    require_sqlcipher(conn)
}

#[cfg(not(feature = "encryption"))]
pub(super) fn unlock(_conn: &Connection, _key: &Passphrase) -> rusqlite::Result<()> {
    Err(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISUSE),
        Some(HOW_TO_BUILD.into()),
    ))
}

/// SQLCipher answers `cipher_version`; plain SQLite ignores it. A build that
/// somehow linked plain SQLite must never write "encrypted" data in the clear.
#[cfg(feature = "encryption")]
fn require_sqlcipher(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::OptionalExtension;
    let version: Option<String> = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).optional()?;
    match version {
        Some(v) if !v.is_empty() => Ok(()),
        _ => Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISUSE),
            Some("this build was meant to link SQLCipher but did not".into()),
        )),
    }
}

/// SQLCipher writes its warnings to stderr unless told otherwise; the
/// settings are process-wide, so setting them on any connection is enough.
/// Plain SQLite ignores unknown pragmas, so this is harmless there.
pub(super) fn quiet(conn: &Connection) -> rusqlite::Result<()> {
    if AVAILABLE {
        conn.execute_batch("PRAGMA cipher_log = off; PRAGMA cipher_log_level = NONE;")?;
    }
    Ok(())
}

/// The SQLCipher version linked into this build, if any.
pub fn cipher_version() -> Option<String> {
    use rusqlite::OptionalExtension;
    let conn = Connection::open_in_memory().ok()?;
    conn.query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0)).optional().ok().flatten()
}

/// Whether `key` opens the database at `path` (a fresh connection, read only,
/// nothing written): used to prove a passphrase change took.
pub fn opens_with(path: &Path, key: &Passphrase) -> bool {
    use rusqlite::OpenFlags;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else { return false };
    unlock(&conn, key).is_ok()
        && conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_ok()
}

impl Store {
    /// Whether the database file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// The passphrase, while it is still held (see `forget_passphrase`).
    pub(super) fn passphrase(&self) -> Option<&Passphrase> {
        self.passphrase.as_ref()
    }

    /// Wipe the passphrase from memory. SQLCipher keeps only the key it
    /// derived for this file, so the desk goes on working; what is lost is
    /// the ability to key new files (backups) in this process.
    pub fn forget_passphrase(&mut self) {
        self.passphrase = None;
    }

    /// Change the passphrase (SQLCipher's rekey, which rewrites every page
    /// in one transaction). Refused unless this is the only connection to
    /// the file: another process holding the old key would then fail.
    pub fn change_passphrase(&mut self, new: Passphrase) -> StoreResult<()> {
        if !self.encrypted {
            return Err(StoreError::Invalid(
                "this database is not encrypted, so it has no passphrase to change; nothing was changed".into(),
            ));
        }
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let Some(old) = self.passphrase.clone() else {
            return Err(StoreError::Invalid("the current passphrase is no longer held; open the desk again".into()));
        };
        self.leave_wal_alone()?;
        let rekeyed = rekey(&self.conn, &new);
        // Back to WAL whatever happened, so the desk stays as it was set up.
        let back = self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        rekeyed?;
        back?;
        // SQLCipher's rekey reports success even when a page could not be
        // rewritten (it rolls back), so prove the result with fresh connections.
        if let Some(path) = self.path.clone() {
            self.prove_rekeyed(&path, &old, &new)?;
        }
        self.passphrase = Some(new);
        Ok(())
    }

    fn prove_rekeyed(&self, path: &Path, old: &Passphrase, new: &Passphrase) -> StoreResult<()> {
        if opens_with(path, new) && (old == new || !opens_with(path, old)) {
            return Ok(());
        }
        if opens_with(path, old) {
            return Err(StoreError::Invalid(
                "the passphrase could not be changed; the database still opens with the old passphrase".into(),
            ));
        }
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "after changing the passphrase it opens with neither the old nor the new one".into(),
        })
    }

    /// Fold the WAL into the file and switch to a rollback journal. SQLite
    /// allows the switch only to the sole connection, so a second casedesk
    /// is found here, before anything has changed. In rollback mode a crash
    /// during the rekey is undone by the journal, which holds the old pages
    /// under the old key.
    fn leave_wal_alone(&self) -> StoreResult<()> {
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(StoreError::Locked);
        }
        let mode: String = self.conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::Locked);
        }
        Ok(())
    }
}

/// Change the passphrase of a closed file (a backup), proving the result.
/// A file that does not open with `old` is left alone and says so.
pub fn rekey_file(path: &Path, old: &Passphrase, new: &Passphrase) -> StoreResult<()> {
    use rusqlite::OpenFlags;
    let fail = |e: rusqlite::Error| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(fail)?;
    unlock(&conn, old).map_err(fail)?;
    if !opens_with(path, old) {
        return Err(StoreError::WrongPassphrase(path.to_path_buf()));
    }
    rekey(&conn, new)?;
    drop(conn);
    if opens_with(path, new) {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!("the passphrase of {} could not be changed", path.display())))
    }
}

#[cfg(feature = "encryption")]
fn rekey(conn: &Connection, new: &Passphrase) -> StoreResult<()> {
    let len = std::os::raw::c_int::try_from(new.bytes().len())
        .map_err(|_| StoreError::Invalid("that passphrase is too long".into()))?;
    // The same call `PRAGMA rekey` makes, without the passphrase in SQL text.
    // SAFETY: as in `unlock`: a live handle and a live buffer of `len` bytes.
    let rc =
        unsafe { rusqlite::ffi::sqlite3_rekey_v2(conn.handle(), c"main".as_ptr(), new.bytes().as_ptr().cast(), len) };
    if rc != rusqlite::ffi::SQLITE_OK {
        return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None)));
    }
    Ok(())
}

#[cfg(not(feature = "encryption"))]
fn rekey(_conn: &Connection, _new: &Passphrase) -> StoreResult<()> {
    Err(StoreError::Invalid(HOW_TO_BUILD.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_never_prints() {
        let key = Passphrase::new("correct horse battery".into());
        assert_eq!(format!("{key:?}"), "Passphrase(hidden)");
    }

    #[test]
    fn a_short_passphrase_is_refused_for_a_new_desk() {
        assert!(Passphrase::new("seven77".into()).check_new().is_err());
        assert!(Passphrase::new("eight888".into()).check_new().is_ok());
    }

    #[test]
    fn a_plain_database_and_noise_are_told_apart_from_what_may_be_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        drop(Store::open(&plain, super::super::OpenMode::CreateIfMissing).unwrap());
        assert!(!looks_encrypted(&plain));
        let odd = dir.path().join("odd.bin");
        std::fs::write(&odd, vec![7u8; 700]).unwrap();
        assert!(!looks_encrypted(&odd), "not whole pages");
        let pages = dir.path().join("pages.bin");
        std::fs::write(&pages, vec![7u8; 4096]).unwrap();
        assert!(looks_encrypted(&pages));
    }

    #[test]
    fn the_build_says_whether_sqlcipher_is_linked() {
        assert_eq!(cipher_version().is_some(), AVAILABLE);
    }
}
