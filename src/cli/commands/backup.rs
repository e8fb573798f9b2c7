//! `casedesk backup DEST`: a verified copy of the desk, with its manifest.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, dest: &Path) -> Result<(), Failure> {
    desk.guard_output(Some(dest))?;
    if dest.exists() {
        return Err(usage(format!("{} already exists; choose a new file name for the backup", dest.display())));
    }
    let store = desk.open(OpenMode::MustExist)?;
    let written = store.backup_to(dest)?;
    crate::say!("Backed up {} to {}", desk.db.display(), written.display());
    Ok(())
}
