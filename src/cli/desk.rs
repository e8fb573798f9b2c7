//! Opening the desk a command works on, the same way for every command:
//! the passphrase asked for, the warnings said, the desk's day set.

use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;

use super::encryption;
use crate::store::{OpenMode, Store, Upkeep};

/// The desk a command works on: its database and the desk's day (`--today`,
/// or the local date), which the summary counts exports and disclosures by.
#[derive(Clone, Copy)]
pub struct Desk<'a> {
    pub db: &'a Path,
    pub today: NaiveDate,
}

impl Desk<'_> {
    /// The desk opened for a command: its quick check and the day's backup
    /// first, the work logged as done on the desk's day.
    pub fn open(&self, mode: OpenMode) -> anyhow::Result<Store> {
        self.open_with(mode, Upkeep::BeforeUse)
    }

    /// `open`, with the quick check and the day's backup as `upkeep` says.
    pub fn open_with(&self, mode: OpenMode, upkeep: Upkeep) -> anyhow::Result<Store> {
        open_with(self.db, mode, upkeep, self.today)
    }

    /// An output is checked before the desk is even opened, so a refused one
    /// changes nothing at all; the writers check again as they write.
    pub fn guard_output(&self, output: Option<&Path>) -> anyhow::Result<()> {
        output.map_or(Ok(()), |path| crate::export::check_output(path, Some(self.db)))
    }
}

/// A new desk may be named in a folder not made yet: make it, as `mkdir -p`.
pub fn make_parent_folder(db: &Path) -> anyhow::Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    Ok(())
}

fn open_with(db: &Path, mode: OpenMode, upkeep: Upkeep, today: NaiveDate) -> anyhow::Result<Store> {
    if mode == OpenMode::CreateIfMissing {
        make_parent_folder(db)?;
    }
    let key = encryption::passphrase_for(db)?;
    let created = !db.exists();
    let store = Store::open_with(db, mode, key, upkeep, Some(today))?;
    encryption::note_if_created_plain(created, &store);
    if let Some(warning) = store.backup_warning() {
        crate::tell!("casedesk: warning: {warning}");
    }
    if store.is_read_only() {
        crate::tell!(
            "casedesk: note: {} is read-only (you cannot write it); opened read-only, changes are not possible",
            db.display()
        );
    }
    Ok(store)
}
