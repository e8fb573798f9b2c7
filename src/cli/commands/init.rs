//! `casedesk init [--encrypt]`: a new, empty database.

use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context};

use crate::cli::desk::{make_parent_folder, Desk};
use crate::cli::encryption::{choose, PASSPHRASE_ENV};
use crate::store::key;
use crate::store::{OpenMode, Store, Upkeep};

/// `casedesk init [--encrypt]`: a new database, never over an existing file.
pub fn run(desk: Desk<'_>, encrypt: bool) -> anyhow::Result<()> {
    let db = desk.db;
    if db.exists() || db.is_symlink() {
        bail!("{} already exists; init only makes a new database, so nothing was changed", db.display());
    }
    if encrypt && !key::AVAILABLE {
        bail!("cannot create an encrypted database: {}; nothing was created", key::HOW_TO_BUILD);
    }
    let passphrase = if encrypt { Some(choose(PASSPHRASE_ENV, "Passphrase for the new database")?) } else { None };
    make_parent_folder(db)?;
    // Closing folds the WAL into the file, so its first bytes can be checked.
    drop(Store::open_with(db, OpenMode::CreateIfMissing, passphrase, Upkeep::BeforeUse, Some(desk.today))?);
    if encrypt {
        prove_encrypted(db)?;
        let version = key::cipher_version().unwrap_or_default();
        crate::say!("Created an encrypted database at {} (SQLCipher {version}).", db.display());
        crate::say!("Keep the passphrase safe: without it nobody, you included, can read this desk or its backups.");
    } else {
        crate::say!("Created a database at {}.", db.display());
    }
    Ok(())
}

/// The new file must not start with SQLite's plain header.
fn prove_encrypted(db: &Path) -> anyhow::Result<()> {
    let mut header = [0u8; 16];
    std::fs::File::open(db).and_then(|mut f| f.read_exact(&mut header)).context("cannot read the new database")?;
    if &header == b"SQLite format 3\0" {
        std::fs::remove_file(db).ok();
        bail!("the new database was written unencrypted, so it was removed: {}", key::HOW_TO_BUILD);
    }
    Ok(())
}
