//! What can go wrong with the database, in sentences a user can act on.

use std::path::PathBuf;

use super::key;

/// What to do about a file that may be an encrypted desk, by build.
pub(super) const ENCRYPTED_HINT: &str = if key::AVAILABLE {
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
    /// A device, FIFO or socket: never opened, so nothing hangs or changes.
    #[error(
        "{path} is {kind}, not a database file; nothing was changed: give the path of a casedesk desk or of a new file"
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{0} is not a casedesk database (it is not an SQLite file); nothing was changed")]
    NotADatabase(PathBuf),
    #[error(
        "{0} is a SQLite database of another application, not a casedesk desk; nothing was changed: give the path of \
         a casedesk desk or of a new file"
    )]
    Foreign(PathBuf),
    #[error(
        "{wal} does not belong to the desk {db} (it holds changes of another database); nothing was changed: move \
         {wal} out of the folder and open the desk again"
    )]
    StrayWal { db: PathBuf, wal: PathBuf },
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
    /// A reading command never migrates: upgrading is a write.
    #[error(
        "{path} needs upgrading from schema version {found} to {supported}, which only a command that changes the \
         desk does; nothing was changed: run `casedesk check` or open casedesk once to upgrade it"
    )]
    NeedsUpgrade { path: PathBuf, found: i64, supported: i64 },
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
    pub(super) fn from_sqlite(e: rusqlite::Error) -> Self {
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
