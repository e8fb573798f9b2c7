//! What the interface leaves until after its first frame: SQLite's quick
//! check and the day's rolling backup. Both read every page, so on a large
//! desk they took longer than everything else before the first frame. They
//! run on a thread with a connection of its own; the backup copies one read
//! snapshot, so the desk can be saved while it runs.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::backup::{checked_backup_if_due, failed_backup, remember_warning};
use super::open::{open_connection, quick_check_detail, Access};
use super::rolling::is_due;
use super::{Passphrase, Store, StoreError, StoreResult, BUSY_TIMEOUT};

/// When an open runs the quick check and the day's backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upkeep {
    /// Before the open returns (every command).
    BeforeUse,
    /// Later, through `Store::pending_upkeep` (the interface, after its
    /// first frame; a small desk's check is done before a person can type).
    Deferred,
    /// The quick check before the open returns, the backup left to the
    /// caller (`casedesk check`, which backs up only a desk it found sound).
    QuickCheckOnly,
}

/// The upkeep an open left for later, not started yet.
pub struct PendingUpkeep {
    db: PathBuf,
    /// Keys the thread's connection (and an encrypted desk's backup); it is
    /// wiped when the thread ends.
    key: Option<Passphrase>,
    user: String,
    today: NaiveDate,
    backup_due: bool,
}

/// What the upkeep found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpkeepOutcome {
    /// What the quick check found wrong, if anything. The backup is then
    /// not made, so a damaged desk never pushes a good backup out.
    pub damage: Option<String>,
    /// The backup made, or why it failed; None when none was due.
    pub backup: Option<Result<PathBuf, String>>,
}

/// The upkeep under way on its own thread.
pub struct UpkeepRun {
    results: Receiver<UpkeepOutcome>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// The upkeep of a desk opened with `Upkeep::Deferred`, for the day
    /// `today`; None for a read-only or in-memory store, which gets none.
    pub fn pending_upkeep(&self, today: NaiveDate) -> Option<PendingUpkeep> {
        let db = self.path().filter(|_| !self.is_read_only())?.to_path_buf();
        let has_rows = self.conn().query_row("SELECT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0));
        let backup_due = is_due(&db, today) && has_rows.unwrap_or(false);
        let key = self.passphrase().cloned();
        Some(PendingUpkeep { db, key, user: self.user.clone(), today, backup_due })
    }
}

impl PendingUpkeep {
    /// Whether a backup will be made (the interface then says "Backing up…").
    pub fn backup_due(&self) -> bool {
        self.backup_due
    }

    pub fn start(self) -> UpkeepRun {
        let (send, results) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let _ = send.send(self.run());
        });
        UpkeepRun { results, thread: Some(thread) }
    }

    /// The check, then (if the desk is sound and a backup is due) the backup.
    pub fn run(self) -> UpkeepOutcome {
        let store = match self.open() {
            Ok(store) => store,
            Err(e) => {
                let backup = self.backup_due.then(|| Err(failed_backup(&self.db, &e)));
                return UpkeepOutcome { damage: None, backup };
            }
        };
        if let Err(detail) = quick_check(store.conn()) {
            return UpkeepOutcome { damage: Some(detail), backup: None };
        }
        if !self.backup_due {
            return UpkeepOutcome { damage: None, backup: None };
        }
        // The same checks as a command's backup. Another casedesk may have
        // made it meanwhile; nothing is said on stderr, as the interface owns
        // the terminal.
        let made = match checked_backup_if_due(&store, &self.db, self.today, |_| {}) {
            Ok(None) => return UpkeepOutcome { damage: None, backup: None },
            Ok(Some(path)) => Ok(path),
            Err(e) => Err(failed_backup(&self.db, &e)),
        };
        remember_warning(&self.db, made.as_ref().err().cloned());
        UpkeepOutcome { damage: None, backup: Some(made) }
    }

    /// A connection of the thread's own that cannot write: the backup API
    /// and the quick check only read.
    fn open(&self) -> StoreResult<Store> {
        let conn = open_connection(&self.db, Access::ReadWrite, self.key.as_ref())?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", "ON")?;
        Ok(Store {
            conn,
            user: self.user.clone(),
            path: Some(self.db.clone()),
            read_only: true,
            encrypted: self.key.is_some(),
            passphrase: self.key.clone(),
            desk_day: Some(self.today),
            opened: None,
        })
    }
}

/// SQLite's quick check of every page, off the interface's thread, so it
/// needs no time budget.
fn quick_check(conn: &Connection) -> Result<(), String> {
    match conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0)) {
        Ok(first) if first == "ok" => Ok(()),
        Ok(first) => Err(quick_check_detail(&first)),
        Err(e) => Err(StoreError::from_sqlite(e).to_string()),
    }
}

impl UpkeepRun {
    /// The outcome, once the thread has finished; None while it runs.
    pub fn poll(&mut self) -> Option<UpkeepOutcome> {
        match self.results.try_recv() {
            Ok(outcome) => {
                self.join();
                Some(outcome)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(self.lost()),
        }
    }

    /// Wait for the thread (on quitting: a backup is never cut off half-made).
    pub fn wait(mut self) -> UpkeepOutcome {
        let outcome = self.results.recv().unwrap_or_else(|_| self.lost());
        self.join();
        outcome
    }

    fn join(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// The thread ended without a word: it panicked.
    fn lost(&mut self) -> UpkeepOutcome {
        self.join();
        UpkeepOutcome { damage: None, backup: Some(Err("the backup stopped unexpectedly".to_string())) }
    }
}
