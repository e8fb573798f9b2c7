//! The only code that speaks SQL. Opens the one database file with the pragmas
//! that make it crash-safe, migrates it, and writes every change together with
//! its audit row in one transaction.

mod audit;
pub mod backup;
pub mod crashtest;
pub mod key;
pub mod limits;
mod maintenance;
mod migrate;
pub mod model;
mod reads;
mod restore;
pub mod summary;
mod today;
pub mod trace;
pub mod views;
pub(crate) mod writes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

pub use audit::{AuditEntry, AuditOp, ChainReport};
pub use key::Passphrase;
pub use maintenance::CheckReport;
pub use migrate::SCHEMA_VERSION;
pub use summary::Summary;
pub use today::Day;
pub use writes::Tx;

use crate::domain::rules::{Confidence, Rule, Rules};

/// How long a second writer waits for the first before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the quick check on open may run. It reads every page, so on a
/// large desk it is stopped here and the header's size check stands in;
/// `casedesk check` always runs the full integrity check.
const QUICK_CHECK_BUDGET: Duration = Duration::from_millis(500);

/// A file this small is quick-checked whole even when opened only to read:
/// it costs a few milliseconds, and a damaged page is reported at once
/// rather than when a screen or export happens to read it.
const SMALL_DESK_BYTES: u64 = 8 << 20;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What to do about a file that may be an encrypted desk, by build.
const ENCRYPTED_HINT: &str = if key::AVAILABLE {
    "if it is an encrypted desk, give its passphrase in CASEDESK_PASSPHRASE or open it from a terminal to be asked"
} else {
    "if it is an encrypted desk, this casedesk cannot open it: build casedesk with `cargo build --release --features \
     encryption`"
};

/// Failures the command line and the interface must tell apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is a directory, not a database file: give the path of a file")]
    IsDirectory(PathBuf),
    #[error("{0} is not a casedesk database (it is not an SQLite file); nothing was changed")]
    NotADatabase(PathBuf),
    /// Whole pages without SQLite's header, opened without a passphrase.
    #[error("{0} is not a casedesk database (it is not an SQLite file); nothing was changed: {hint}", hint = ENCRYPTED_HINT)]
    MaybeEncrypted(PathBuf),
    #[error(
        "wrong passphrase or not a casedesk database: {0} cannot be read with the passphrase given; nothing was \
         changed"
    )]
    WrongPassphrase(PathBuf),
    #[error("{0} is not encrypted, so it opens without a passphrase (unset CASEDESK_PASSPHRASE); nothing was changed")]
    NotEncrypted(PathBuf),
    #[error("no database at {0}: create one with `casedesk demo --db {0}` or by opening casedesk")]
    Missing(PathBuf),
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer casedesk (schema version {found}, this program knows up to {supported}); \
         update casedesk to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("the database is in use by another process; try again in a moment")]
    Locked,
    #[error(
        "{0} is empty: it holds no casedesk data, so nothing was changed; start a desk in it with \
         `casedesk demo --db {0}` or by opening casedesk"
    )]
    Empty(PathBuf),
    #[error("{path} is damaged ({detail}); nothing was changed: restore a backup with `casedesk restore`")]
    Corrupt { path: PathBuf, detail: String },
    /// A damaged page met after opening, where the path is not to hand.
    #[error(
        "the database is damaged (SQLite found a malformed page while reading it); nothing was changed: restore a \
         backup with `casedesk restore`"
    )]
    Damaged,
    #[error("the database is read-only (opened from a file you cannot write): changes are not possible")]
    ReadOnly,
    #[error(
        "{path} needs upgrading from schema version {found} to {supported}, but it is read-only (you cannot write \
         the file); nothing was changed: make it writable and open it again"
    )]
    ReadOnlyNeedsUpgrade { path: PathBuf, found: i64, supported: i64 },
    #[error("the disk holding the database is full, so the change was not saved; free some space and try again")]
    DiskFull,
    #[error("{0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

/// Every `?` on an SQLite error goes through `from_sqlite`, so a busy, full or
/// read-only database is said plainly wherever in a write it is met.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from_sqlite(e)
    }
}

impl StoreError {
    /// Turn SQLite's busy / locked codes into the sentence a user can act on.
    fn from_sqlite(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            // SQLite checks every page it reads: a command that meets a bad
            // one says "damaged", whether or not it quick-checked on open.
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Whether opening may create a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    CreateIfMissing,
    MustExist,
    /// An existing desk, for a command that reads it and at most logs what it
    /// read (`today`, `summary`, `report`, `audit`, ...). It changes no case,
    /// so a large file skips the pre-write quick check and the day's rolling
    /// backup (both wait for the next writing open); SQLite still checks
    /// every page it reads. A desk that needs upgrading opens as `MustExist`.
    ToRead,
}

impl OpenMode {
    /// Whether the file must already hold a desk.
    fn must_exist(self) -> bool {
        self != OpenMode::CreateIfMissing
    }
}

/// An open casedesk database.
pub struct Store {
    conn: Connection,
    user: String,
    path: Option<PathBuf>,
    /// Opened from a file the user cannot write: reads only, no WAL switch, no migration.
    read_only: bool,
    /// The file is SQLCipher-encrypted.
    encrypted: bool,
    /// Kept only to key backups of an encrypted file; wiped on drop or by
    /// `forget_passphrase`.
    passphrase: Option<Passphrase>,
}

impl Store {
    /// Open (or create) the database at `path`, refusing anything that is not a
    /// casedesk database, is damaged or was written by a newer program before
    /// writing a byte. A file the user cannot write opens read-only.
    pub fn open(path: &Path, mode: OpenMode) -> StoreResult<Store> {
        Store::open_keyed(path, mode, None)
    }

    /// `open`, for an encrypted database when `key` is given: an existing
    /// file must open with it, a new file is created encrypted with it.
    pub fn open_keyed(path: &Path, mode: OpenMode, key: Option<Passphrase>) -> StoreResult<Store> {
        let access = preflight(path, mode, key.is_some())?;
        let conn = open_connection(path, access, key.as_ref())?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found = inspect_before_use(&conn, path, mode).map_err(|e| match e {
            // With a key, "not a database" is what SQLCipher says of a wrong one.
            StoreError::NotADatabase(p) if key.is_some() => StoreError::WrongPassphrase(p),
            other => other,
        })?;
        let read_only = access == Access::ReadOnly;
        if read_only && found < SCHEMA_VERSION {
            return Err(StoreError::ReadOnlyNeedsUpgrade {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let encrypted = key.is_some();
        let mut store =
            Store { conn, user: os_user(), path: Some(path.to_path_buf()), read_only, encrypted, passphrase: key };
        if read_only {
            store.configure_read_only().map_err(|e| classify_store_error(path, e))?;
            return Ok(store);
        }
        store.configure().map_err(|e| classify_store_error(path, e))?;
        limits::restrict_to_owner(path);
        if reads_only(mode, found) {
            return Ok(store);
        }
        store.migrate()?;
        backup::daily_if_due(&store, chrono::Local::now().date_naive());
        Ok(store)
    }

    /// Whether this store was opened from a file the user cannot write.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Foreign keys and the statement cache, but no journal switch: a
    /// read-only file is never converted to WAL. `query_only` makes SQLite
    /// itself refuse a write that slipped past `write`.
    fn configure_read_only(&mut self) -> StoreResult<()> {
        self.conn.set_prepared_statement_cache_capacity(128);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // 32 MB of page cache keeps the pages a screen revisits on every
        // keypress in memory, well inside the interface's memory budget.
        self.conn.pragma_update(None, "cache_size", -32768)?;
        // Erased personal data is overwritten, not left in freed pages.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        self.conn.pragma_update(None, "query_only", "ON")?;
        Ok(())
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> StoreResult<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store =
            Store { conn, user: "test".to_string(), path: None, read_only: false, encrypted: false, passphrase: None };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The name recorded as "who" in the audit log.
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into();
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&mut self) -> StoreResult<()> {
        // Every audited write reuses a handful of statements; keep them prepared.
        self.conn.set_prepared_statement_cache_capacity(128);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // WAL lets a backup or a second reader run while the desk writes;
        // FULL syncs the WAL on every commit, so "saved" survives a power cut.
        let mode: String = self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::Invalid(format!("could not switch the database to WAL journaling (got {mode})")));
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // 16 MB of page cache: the interface opens the desk to write, and
        // with SQLite's default 2 MB a Deadlines filter at a million items
        // read most of its pages from the file again on every keypress
        // (1.2 ms where 0.4 ms will do). Measured on Deadlines at a million
        // items, 16 MB is as quick as 32 MB to within the noise and keeps
        // half of it out of the interface's memory (64 MB, issue #6).
        self.conn.pragma_update(None, "cache_size", -16384)?;
        Ok(())
    }

    fn migrate(&mut self) -> StoreResult<()> {
        // A desk already at this version needs no write lock: a reading
        // command then opens at once even while another process is saving.
        // (`apply_all` reads the version again inside the transaction, so
        // two processes upgrading together still upgrade once.)
        if migrate::schema_version(&self.conn)? == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from_sqlite)?;
        migrate::apply_all(&tx)?;
        tx.commit().map_err(StoreError::from_sqlite)
    }

    /// Run `f` as one transaction: everything it writes, audit rows included,
    /// commits together or not at all.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from_sqlite)?;
        let mut wtx = Tx::new(&tx, &self.user);
        let value = f(&mut wtx)?;
        tx.commit().map_err(StoreError::from_sqlite)?;
        Ok(value)
    }

    /// Read-only access for queries in this module's children.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Reverse the newest change not yet undone (see `writes::undo`).
    pub fn undo_last(&mut self) -> StoreResult<Option<String>> {
        self.write(|tx| tx.undo_last())
    }

    /// Pass every statement this connection runs to `hook` (None stops it):
    /// the query-plan test uses it to find each query the screens run.
    pub fn trace_sql(&mut self, hook: Option<fn(&str)>) {
        // The legacy hook hands over the SQL with its parameters filled in,
        // which is what EXPLAIN QUERY PLAN needs to see the real plan.
        #[allow(deprecated)]
        self.conn.trace(hook);
    }

    /// SQLite's plan for a query, one line per step (the query-plan test).
    pub fn query_plan(&self, sql: &str) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// SQLite's `synchronous` setting on this connection (2 = FULL).
    pub fn synchronous(&self) -> StoreResult<i64> {
        Ok(self.conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?)
    }

    /// The rule table as domain values.
    pub fn rules(&self) -> StoreResult<Rules> {
        let mut stmt = self.conn.prepare("SELECT id, value, unit, source, confidence FROM rule ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let conf: String = r.get(4)?;
            Ok(Rule {
                id: r.get(0)?,
                value: r.get(1)?,
                unit: r.get(2)?,
                source: r.get(3)?,
                confidence: Confidence::parse(&conf).unwrap_or(Confidence::Unverified),
            })
        })?;
        Ok(Rules::new(rows.collect::<Result<Vec<_>, _>>()?))
    }
}

/// How the file may be opened, as found before SQLite sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
}

/// Checks made before SQLite sees the file, so that a wrong path is never
/// created, truncated or converted to WAL.
fn preflight(path: &Path, mode: OpenMode, keyed: bool) -> StoreResult<Access> {
    if path.is_dir() {
        return Err(StoreError::IsDirectory(path.to_path_buf()));
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

/// Whether the user may write `path`. The read-only mark counts even for an
/// administrator who could override it: it is the owner's stated wish.
fn is_writable(path: &Path) -> bool {
    let marked_read_only = std::fs::metadata(path).map(|m| m.permissions().readonly()).unwrap_or(true);
    // Opening for writing without truncating changes neither bytes nor times.
    !marked_read_only && std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

fn open_connection(path: &Path, access: Access, key: Option<&Passphrase>) -> StoreResult<Connection> {
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
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    if sidecar(path, "-wal").exists() || sidecar(path, "-journal").exists() {
        return Connection::open_with_flags(path, flags);
    }
    Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// `path` as an SQLite `file:` URI: every byte outside the unreserved set is
/// percent-encoded, so `?`, `#` and `%` in a name cannot change its meaning.
fn file_uri(path: &Path) -> String {
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
fn inspect_before_use(conn: &Connection, path: &Path, mode: OpenMode) -> StoreResult<i64> {
    let found = migrate::schema_version(conn).map_err(|e| classify_open_error(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, supported: SCHEMA_VERSION });
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
fn reads_only(mode: OpenMode, found: i64) -> bool {
    mode == OpenMode::ToRead && found == SCHEMA_VERSION
}

/// Whether the file is shorter than the page count in its header. The count
/// is trusted only when SQLite marked it valid (offset 24 equals offset 92),
/// and only with no WAL beside the file: a checkpoint cut short by a crash
/// may leave the file short until the WAL is replayed.
fn is_cut_off(path: &Path, header: &[u8; 100]) -> bool {
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
fn page_size(header: &[u8; 100]) -> Option<u64> {
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => Some(65_536),
        n if n >= 512 && n.is_power_of_two() => Some(u64::from(n)),
        _ => None,
    }
}

/// SQLite's quick check, stopped after `QUICK_CHECK_BUDGET` so a large desk
/// still opens promptly (an interrupted check counts as passed).
fn quick_check_within_budget(conn: &Connection, path: &Path) -> StoreResult<()> {
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
fn quick_check_detail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("***")).collect();
    let detail = lines.join("; ");
    let detail: String = detail.chars().filter(|c| !c.is_control()).take(200).collect();
    format!("SQLite's quick check found: {detail}")
}

fn classify_store_error(path: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(inner) => classify_open_error(path, inner),
        other => other,
    }
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
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

/// The operating-system account, recorded as "who" (DPA 2018 s.62).
fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Keep `Transaction` in the public signature of `Tx` nameable from here.
pub(crate) type SqlTx<'a> = Transaction<'a>;

#[cfg(test)]
mod open_tests {
    use super::*;
    use crate::domain::types::{Service, Source};
    use crate::store::model::NewCase;

    #[test]
    fn a_full_disk_is_said_plainly_and_nothing_is_saved() {
        let mut store = Store::open_in_memory().unwrap();
        let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        // A page limit makes SQLite fail exactly as a full disk does (SQLITE_FULL).
        store.conn.pragma_update(None, "max_page_count", pages).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let err = store
            .write(|tx| {
                for _ in 0..500 {
                    tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, day))?;
                }
                Ok(())
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::DiskFull), "{err:?}");
        assert!(err.to_string().contains("disk holding the database is full"), "{err}");
        assert_eq!(store.case_count().unwrap(), 0);
    }

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
