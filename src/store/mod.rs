//! The only code that speaks SQL. Opens the one database file with the pragmas
//! that make it crash-safe, migrates it, and writes every change together with
//! its audit row in one transaction.

mod audit;
mod audit_lines;
pub mod backup;
pub mod backup_files;
mod backup_ledger;
pub mod bulk;
mod check_caseload;
mod check_totals;
pub mod compress;
pub mod crashtest;
pub mod documents;
mod documents_backup;
mod documents_backup_check;
mod documents_sweep;
mod error;
mod files;
mod identity;
pub mod key;
pub mod limits;
mod maintenance;
pub mod manifests;
mod migrate;
pub mod model;
pub mod notice;
mod open;
pub mod opened;
mod pending_restore;
mod reads;
pub use reads::HolidayRow;
mod restore;
mod rolling;
pub mod seal;
mod seal_rows;
mod sql_types;
pub mod summary;
pub mod summary_attention;
pub mod summary_done;
mod today;
pub mod trace;
pub(crate) mod tracker;
mod upkeep;
pub mod views;
pub(crate) mod writes;

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction};

pub use audit::{AuditEntry, AuditOp, ChainReport};
pub use backup_files::BackupFiles;
pub use backup_ledger::LedgerFinding;
pub use error::{StoreError, StoreResult};
pub use key::Passphrase;
pub use maintenance::CheckReport;
pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
pub use open::FOLD_WAL_ABOVE;
pub use summary::Summary;
pub use today::{Day, TodayPlace, TodayRow, TodayRows, TodaySectionRead};
pub use upkeep::{PendingUpkeep, Upkeep, UpkeepOutcome, UpkeepRun};
pub use writes::compliance::{ComplianceRecord, ComplianceSaved};
pub use writes::endings::Withdrawal;
pub use writes::NewDocument;
pub use writes::NewFeedback;
pub use writes::{
    no_advance, Added, CaseItem, ConditionOnFile, Edited, FinalisingState, HolidaySource, ImportedStatus, ItemEdit,
    ItemOnFile, NewDirectoryEntry, NewEnquiry, NewMeeting, NewMeetingAction, NewReferral, NewRoom, NextChange,
    Reversed, SpokeWith, Tx, Variation,
};

use crate::domain::rules::{Rule, Rules};
use identity::Holds;
use open::{classify_store_error, inspect_before_use, open_connection, preflight, reads_only, wal_is_long, Access};

/// How long a second writer waits for the first before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a reading command waits to log what it read while another
/// process saves. The reading itself never waits (in WAL a reader sees the
/// last commit), but the log row is a write, and a long write (an import, a
/// demo, a restore) may hold the desk well past `BUSY_TIMEOUT`. The output
/// is released only once it is logged, so a disclosure is never unlogged.
pub const LOG_WAIT: Duration = Duration::from_secs(120);

/// How often a waiting reading command tries the lock again.
const LOG_WAIT_STEP: Duration = Duration::from_millis(25);

/// Whether opening may create a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    CreateIfMissing,
    MustExist,
    /// An existing desk, for a command that reads it and at most logs what it
    /// read (`today`, `summary`, `report`, `audit`, ...). It changes no case,
    /// so a large file skips the pre-write quick check and the day's rolling
    /// backup (both wait for the next writing open); SQLite still checks
    /// every page it reads. It never migrates nor switches the journal: a
    /// desk that needs upgrading is refused with a sentence saying how.
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
    /// The desk's day (`--today`, or the local date), written with every
    /// audit row; the local date until set.
    desk_day: Option<NaiveDate>,
    path: Option<PathBuf>,
    /// Opened from a file the user cannot write: reads only, no WAL switch, no migration.
    read_only: bool,
    /// The file is SQLCipher-encrypted.
    encrypted: bool,
    /// Kept only to key backups of an encrypted file; wiped on drop or by
    /// `forget_passphrase`.
    passphrase: Option<Passphrase>,
    /// Where decrypted documents are put for the opener; removed on drop.
    opened: Option<opened::Session>,
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
        Store::open_with(path, mode, key, Upkeep::BeforeUse, None)
    }

    /// `open_keyed`, with the quick check and the day's backup run before
    /// it returns or left to `pending_upkeep` (the interface, after its
    /// first frame). `day` is the desk's day (`set_desk_day`), which also
    /// names the day's backup; None for the local date.
    pub fn open_with(
        path: &Path,
        mode: OpenMode,
        key: Option<Passphrase>,
        upkeep: Upkeep,
        day: Option<NaiveDate>,
    ) -> StoreResult<Store> {
        let access = preflight(path, mode, key.is_some())?;
        // With a key, "not a database" is what SQLCipher says of a wrong one.
        let keyed_error = |e| match e {
            StoreError::NotADatabase(p) if key.is_some() => StoreError::WrongPassphrase(p),
            other => other,
        };
        let holds = identity_of(path, key.as_ref()).map_err(keyed_error)?;
        let conn = open_connection(path, access, key.as_ref())?;
        if mode == OpenMode::ToRead {
            conn.busy_handler(Some(wait_to_log))?;
        } else {
            conn.busy_timeout(BUSY_TIMEOUT)?;
        }
        let found = inspect_before_use(&conn, path, mode, upkeep).map_err(keyed_error)?;
        let read_only = access == Access::ReadOnly;
        if read_only && found < SCHEMA_VERSION {
            return Err(StoreError::ReadOnlyNeedsUpgrade {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        refuse_to_read_unless_current(path, mode, holds)?;
        let encrypted = key.is_some();
        let mut store = Store {
            conn,
            user: os_user(),
            desk_day: day,
            path: Some(path.to_path_buf()),
            read_only,
            encrypted,
            passphrase: key,
            opened: None,
        };
        if encrypted {
            opened::sweep_abandoned(&std::env::temp_dir());
        }
        if read_only {
            store.configure_read_only().map_err(|e| classify_store_error(path, e))?;
            store.adopt_desk_user();
            store.adopt_date_style();
            return Ok(store);
        }
        store.configure(mode).map_err(|e| classify_store_error(path, e))?;
        limits::restrict_to_owner(path);
        if reads_only(mode, found) {
            if !wal_is_long(path) {
                store.leave_checkpoint_to_writers()?;
            }
            store.adopt_desk_user();
            store.adopt_date_style();
            return Ok(store);
        }
        store.migrate()?;
        store.adopt_desk_user();
        store.adopt_date_style();
        if upkeep == Upkeep::BeforeUse {
            backup::daily_if_due(&store, store.desk_day());
        }
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
        let mut store = Store {
            conn,
            user: "test".to_string(),
            desk_day: None,
            path: None,
            read_only: false,
            encrypted: false,
            passphrase: None,
            opened: None,
        };
        store.configure(OpenMode::CreateIfMissing)?;
        store.migrate()?;
        store.adopt_date_style();
        Ok(store)
    }

    /// The name recorded as "who" in the audit log.
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into();
    }

    /// Work from now on is logged as done on `day`: the command line's
    /// `--today`, or the local date. The one place the desk's day is kept
    /// (`open_with` sets it as it opens).
    pub fn set_desk_day(&mut self, day: NaiveDate) {
        self.desk_day = Some(day);
    }

    /// The desk's day: the one set, or else the local date.
    pub fn desk_day(&self) -> NaiveDate {
        self.desk_day.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A reading command changes nothing of the file's set-up: a desk not
    /// in WAL mode (a copy made by another tool) stays as it is.
    fn configure(&mut self, mode: OpenMode) -> StoreResult<()> {
        // Every audited write reuses a handful of statements; keep them prepared.
        self.conn.set_prepared_statement_cache_capacity(128);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if mode != OpenMode::ToRead {
            self.switch_to_wal()?;
        }
        // 16 MB of page cache: the interface opens the desk to write, and
        // FULL syncs the WAL on every commit, so "saved" survives a power cut.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // with SQLite's default 2 MB a Deadlines filter at a million items
        // read most of its pages from the file again on every keypress
        // (1.2 ms where 0.4 ms will do), as did a count of a Today section. Measured on Deadlines at a million
        // items, 16 MB is as quick as 32 MB to within the noise and keeps
        // half of it out of the interface's memory (64 MB, issue #6).
        // A reading command reads most pages once and exits: there a large
        // cache only costs fresh memory to zero, a third more time for the
        // summary's queries in the sqlite3 shell too, so it keeps SQLite's own.
        if mode != OpenMode::ToRead {
            self.conn.pragma_update(None, "cache_size", -16384)?;
        }
        Ok(())
    }

    /// WAL lets a backup or a second reader run while the desk writes.
    fn switch_to_wal(&mut self) -> StoreResult<()> {
        let mode: String = self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::Invalid(format!("could not switch the database to WAL journaling (got {mode})")));
        }
        Ok(())
    }

    /// A reading command writes one audit row; folding the WAL back into
    /// the file as it closes (SQLite's checkpoint on close: a sync of the
    /// whole file, then the WAL deleted and made again by the next command)
    /// cost a third of `casedesk summary`'s time beyond its queries. The
    /// row stays in the WAL, as durable there, for a writer to fold in,
    /// unless the WAL is already long (`FOLD_WAL_ABOVE`).
    fn leave_checkpoint_to_writers(&self) -> StoreResult<()> {
        self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
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
        let day = self.desk_day();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from_sqlite)?;
        let mut wtx = Tx::new(&tx, &self.user, day);
        let value = f(&mut wtx)?;
        let released = wtx.take_released();
        tx.commit().map_err(StoreError::from_sqlite)?;
        self.sweep_documents(&released);
        Ok(value)
    }

    /// Run `f` over one consistent snapshot of the desk. It takes no lock a
    /// writer waits for and waits for none, so a long read (a tracker of
    /// every case) neither holds up nor is held up by another process saving.
    pub(crate) fn in_snapshot<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let day = self.desk_day();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)
            .map_err(StoreError::from_sqlite)?;
        let value = f(&Tx::new(&tx, &self.user, day))?;
        // Nothing was written: ending the read is all that is left.
        tx.rollback().map_err(StoreError::from_sqlite)?;
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
        rules_in(&self.conn)
    }
}

/// The rule table as domain values, read on `conn` (a write reads it
/// inside its own transaction).
pub(crate) fn rules_in(conn: &rusqlite::Connection) -> StoreResult<Rules> {
    let mut stmt = conn.prepare_cached("SELECT id, value, unit, source, confidence FROM rule ORDER BY id")?;
    let rows = stmt.query_map([], rule_from)?;
    Ok(Rules::new(rows.collect::<Result<Vec<_>, _>>()?))
}

/// A rule from a row whose first five columns are id, value, unit, source
/// and confidence.
pub(crate) fn rule_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Rule> {
    Ok(Rule {
        id: r.get("id")?,
        value: r.get("value")?,
        unit: r.get("unit")?,
        source: r.get("source")?,
        confidence: r.get("confidence")?,
    })
}

/// SQLite's busy handler for reading commands: wait up to `LOG_WAIT` for
/// another process's write to end, saying once, after the time a writer
/// would have waited, why nothing has appeared yet.
fn wait_to_log(attempts: i32) -> bool {
    let waited = LOG_WAIT_STEP * u32::try_from(attempts).unwrap_or(0);
    if waited == BUSY_TIMEOUT {
        notice::note(&format!(
            "casedesk: note: another casedesk is saving to this desk; waiting for it to finish (up to {} minutes) to \
             log what was read",
            LOG_WAIT.as_secs() / 60
        ));
    }
    if waited >= LOG_WAIT {
        return false;
    }
    std::thread::sleep(LOG_WAIT_STEP);
    true
}

/// What an existing, non-empty file holds; None for a new or empty one.
fn identity_of(path: &Path, key: Option<&Passphrase>) -> StoreResult<Option<Holds>> {
    let has_bytes = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    if !has_bytes {
        return Ok(None);
    }
    identity::inspect(path, key).map(Some)
}

/// A reading command never migrates nor starts a desk: both are writes.
fn refuse_to_read_unless_current(path: &Path, mode: OpenMode, holds: Option<Holds>) -> StoreResult<()> {
    match holds {
        _ if mode != OpenMode::ToRead => Ok(()),
        Some(Holds::Blank) => Err(StoreError::Empty(path.to_path_buf())),
        Some(Holds::Desk(found)) if found < SCHEMA_VERSION => {
            Err(StoreError::NeedsUpgrade { path: path.to_path_buf(), found, supported: SCHEMA_VERSION })
        }
        _ => Ok(()),
    }
}

/// The operating-system account, recorded as "who" (DPA 2018 s.62).
pub(crate) fn os_user() -> String {
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
}
