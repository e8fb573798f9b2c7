//! `init`, `rekey`, and where a passphrase comes from: `CASEDESK_PASSPHRASE`
//! for scripts, else asked on the terminal without echo (always before the
//! interface takes the terminal over).

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{anyhow, bail, Context};
use chrono::NaiveDate;

use crate::store::key::{self, Passphrase};
use crate::store::{backup, OpenMode, Store, Upkeep};

/// The passphrase of an encrypted desk, for scripts and tests.
pub const PASSPHRASE_ENV: &str = "CASEDESK_PASSPHRASE";
/// The new passphrase for `casedesk rekey`, for scripts and tests.
pub const NEW_PASSPHRASE_ENV: &str = "CASEDESK_NEW_PASSPHRASE";

/// The passphrase for `path` if it may be an encrypted desk and one can be
/// had. None otherwise: a plain file needs none, and for an encrypted one
/// the store then says how to give it.
pub(super) fn passphrase_for(path: &Path) -> anyhow::Result<Option<Passphrase>> {
    if !key::AVAILABLE || !key::looks_encrypted(path) {
        return Ok(None);
    }
    if let Some(given) = from_env(PASSPHRASE_ENV)? {
        return Ok(Some(given));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    ask_hidden(&format!("Passphrase for {}: ", path.display())).map(Some)
}

/// A note when a desk was just created unencrypted although a passphrase
/// was set: only `init --encrypt` makes an encrypted one.
pub(super) fn note_if_created_plain(created: bool, store: &Store) {
    if key::AVAILABLE && created && !store.is_encrypted() && std::env::var_os(PASSPHRASE_ENV).is_some() {
        crate::tell!(
            "casedesk: note: created a new database without encryption; {PASSPHRASE_ENV} only opens desks made with \
             `casedesk init --encrypt`"
        );
    }
}

/// `casedesk init [--encrypt]`: a new database, never over an existing file.
pub(super) fn run_init(db: &Path, today: NaiveDate, encrypt: bool) -> anyhow::Result<()> {
    if db.exists() || db.is_symlink() {
        bail!("{} already exists; init only makes a new database, so nothing was changed", db.display());
    }
    if encrypt && !key::AVAILABLE {
        bail!("cannot create an encrypted database: {}; nothing was created", key::HOW_TO_BUILD);
    }
    let passphrase = if encrypt { Some(choose(PASSPHRASE_ENV, "Passphrase for the new database")?) } else { None };
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    // Closing folds the WAL into the file, so its first bytes can be checked.
    drop(Store::open_with(db, OpenMode::CreateIfMissing, passphrase, Upkeep::BeforeUse, Some(today))?);
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

/// `casedesk rekey`: the current passphrase, then the new one twice. The
/// rolling backups beside the database are re-keyed too, so a leaked old
/// passphrase opens none of them.
pub(super) fn run_rekey(db: &Path, today: NaiveDate) -> anyhow::Result<()> {
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
    let mut store = Store::open_with(db, OpenMode::MustExist, Some(old.clone()), Upkeep::BeforeUse, Some(today))?;
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

/// A passphrase being chosen: from `env`, or asked twice on the terminal.
fn choose(env: &str, prompt: &str) -> anyhow::Result<Passphrase> {
    let chosen = match from_env(env)? {
        Some(given) => given,
        None if std::io::stdin().is_terminal() => {
            let first = ask_hidden(&format!("{prompt}: "))?;
            let again = ask_hidden("The same again, to be sure: ")?;
            if first != again {
                bail!("the two passphrases differ; nothing was changed");
            }
            first
        }
        None => {
            bail!("give the passphrase in {env}, or run this in a terminal to be asked for it; nothing was changed")
        }
    };
    chosen.check_new()?;
    Ok(chosen)
}

/// A set, non-empty variable; an empty one counts as not given, as an
/// unset variable in a script expands to one.
fn from_env(env: &str) -> anyhow::Result<Option<Passphrase>> {
    match std::env::var_os(env) {
        None => Ok(None),
        Some(value) if value.is_empty() => Ok(None),
        Some(value) => {
            value.into_string().map(|text| Some(Passphrase::new(text))).map_err(|_| anyhow!("{env} is not valid text"))
        }
    }
}

#[cfg(feature = "encryption")]
fn ask_hidden(prompt: &str) -> anyhow::Result<Passphrase> {
    let text = rpassword::prompt_password(prompt).context("cannot read the passphrase from the terminal")?;
    Ok(Passphrase::new(text))
}

#[cfg(not(feature = "encryption"))]
fn ask_hidden(_prompt: &str) -> anyhow::Result<Passphrase> {
    bail!("{}", key::HOW_TO_BUILD)
}
