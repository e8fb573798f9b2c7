//! `casedesk rekey`: change an encrypted database's passphrase.

use std::path::Path;

use anyhow::{anyhow, bail};

use crate::cli::desk::Desk;
use crate::cli::encryption::{choose, passphrase_for, NEW_PASSPHRASE_ENV, PASSPHRASE_ENV};
use crate::store::key::{self, Passphrase};
use crate::store::{backup, OpenMode, Store, Upkeep};

/// `casedesk rekey`: the current passphrase, then the new one twice. The
/// rolling backups beside the database are re-keyed too, so a leaked old
/// passphrase opens none of them.
pub fn run(desk: Desk<'_>) -> anyhow::Result<()> {
    let db = desk.db;
    if !key::AVAILABLE {
        bail!("cannot change a passphrase: {}; nothing was changed", key::HOW_TO_BUILD);
    }
    if !db.exists() {
        return Err(crate::store::StoreError::Missing(db.to_path_buf()).into());
    }
    if !key::looks_encrypted(db) {
        bail!(
            "{} is not encrypted, so it has no passphrase to change (a new encrypted desk is made with `casedesk init \
             --encrypt`); nothing was changed",
            db.display()
        );
    }
    let old = passphrase_for(db)?.ok_or_else(|| {
        anyhow!(
            "give the current passphrase in {PASSPHRASE_ENV} and the new one in {NEW_PASSPHRASE_ENV}, or run this in \
             a terminal to be asked; nothing was changed"
        )
    })?;
    // Open first, so a wrong current passphrase is said before the new one is asked.
    let mut store = Store::open_with(db, OpenMode::MustExist, Some(old.clone()), Upkeep::BeforeUse, Some(desk.today))?;
    let new = choose(NEW_PASSPHRASE_ENV, "New passphrase")?;
    store.change_passphrase(new.clone())?;
    drop(store);
    crate::say!("Changed the passphrase of {}.", db.display());
    rekey_rolling_backups(db, &old, &new);
    Ok(())
}

fn rekey_rolling_backups(db: &Path, old: &Passphrase, new: &Passphrase) {
    let backups = backup::rolling_backups(db);
    let mut changed = 0;
    for path in &backups {
        match key::rekey_file(path, old, new).and_then(|()| crate::store::backup_files::record_rewritten(path)) {
            Ok(()) => changed += 1,
            Err(e) => crate::tell!("casedesk: warning: backup {} keeps its old passphrase: {e}", path.display()),
        }
    }
    if !backups.is_empty() {
        crate::say!("Changed the passphrase of {changed} of {} rolling backups too.", backups.len());
    }
    crate::say!("Copies made elsewhere with `casedesk backup` keep the passphrase they were made with.");
}
