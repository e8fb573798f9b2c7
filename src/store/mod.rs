//! The only code that speaks SQL. Opens the one database file with the pragmas
//! that make it crash-safe, migrates it, and writes every change together with
//! its audit row in one transaction.

mod audit;
pub mod backup;
pub mod crashtest;
mod maintenance;
mod migrate;
pub mod model;
mod reads;
pub mod summary;
pub mod views;
mod writes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

pub use audit::{AuditEntry, AuditOp, ChainReport};
pub use maintenance::CheckReport;
pub use migrate::SCHEMA_VERSION;
pub use reads::Day;
pub use summary::Summary;
pub use writes::Tx;

use crate::domain::rules::{Confidence, Rule, Rules};

/// How long a second writer waits for the first before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Failures the command line and the interface must tell apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is a directory, not a database file: give the path of a file")]
    IsDirectory(PathBuf),
    #[error("{0} is not a casedesk database (it is not an SQLite file); nothing was changed")]
    NotADatabase(PathBuf),
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
    #[error("{0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// Turn SQLite's busy / locked codes into the sentence a user can act on.
    fn from_sqlite(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Locked,
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
}

/// An open casedesk database.
pub struct Store {
    conn: Connection,
    user: String,
    path: Option<PathBuf>,
}

impl Store {
    /// Open (or create) the database at `path`, refusing anything that is not a
    /// casedesk database or that a newer program wrote, before touching it.
    pub fn open(path: &Path, mode: OpenMode) -> StoreResult<Store> {
        preflight(path, mode)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found = migrate::schema_version(&conn).map_err(|e| classify_open_error(path, e))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, supported: SCHEMA_VERSION });
        }
        let mut store = Store { conn, user: os_user(), path: Some(path.to_path_buf()) };
        store.configure().map_err(|e| match e {
            StoreError::Sqlite(inner) => classify_open_error(path, inner),
            other => other,
        })?;
        store.migrate()?;
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> StoreResult<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, user: "test".to_string(), path: None };
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
        Ok(())
    }

    fn migrate(&mut self) -> StoreResult<()> {
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

/// Checks made before SQLite sees the file, so that a wrong path is never
/// created, truncated or converted to WAL.
fn preflight(path: &Path, mode: OpenMode) -> StoreResult<()> {
    if path.is_dir() {
        return Err(StoreError::IsDirectory(path.to_path_buf()));
    }
    if !path.exists() {
        return match mode {
            OpenMode::MustExist => Err(StoreError::Missing(path.to_path_buf())),
            OpenMode::CreateIfMissing => Ok(()),
        };
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut header)
    });
    match read {
        Err(e) => Err(StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() }),
        // An empty file is what some tools leave when "creating" a database.
        Ok(0) => Ok(()),
        Ok(n) if n < 16 || &header != SQLITE_HEADER => Err(StoreError::NotADatabase(path.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase(path.to_path_buf())
        }
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Locked,
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
