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
    // Only a document whose file matches its hash is carried: say which
    // were left out, so the gap is found now and not on the day of restore.
    for fault in store.check_documents()? {
        crate::tell!("casedesk: warning: {fault}, so the backup is without it: run `casedesk check`");
    }
    Ok(())
}
