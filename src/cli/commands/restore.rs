//! `casedesk restore SRC`: verify a backup and swap it in, the current
//! database kept aside.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::encryption;
use crate::cli::failure::Failure;
use crate::store::backup::restore_keyed;

pub fn run(desk: Desk<'_>, src: &Path) -> Result<(), Failure> {
    let db = desk.db;
    let key = encryption::passphrase_for(src)?;
    // The desk's day (`--today` when given) names the refreshed daily backup.
    let now = desk.today.and_time(chrono::Local::now().time());
    let done = restore_keyed(db, src, now, key.as_ref())?;
    crate::say!(
        "Verified {}: integrity ok, schema version {}, audit chain of {} rows intact.",
        src.display(),
        done.schema_version,
        done.audit_rows
    );
    match &done.set_aside {
        Some(aside) => crate::say!("Kept the previous database aside at {}.", aside.display()),
        None => crate::say!("There was no database at {} before.", db.display()),
    }
    crate::say!("Restored {} into {}.", src.display(), db.display());
    if let Some(warning) = &done.warning {
        crate::tell!("casedesk: warning: {warning}");
    }
    Ok(())
}
