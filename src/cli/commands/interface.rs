//! `casedesk` with no command: the interface.

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::store::{OpenMode, Upkeep};

pub fn run(desk: Desk<'_>) -> Result<(), Failure> {
    // The quick check of a large desk and the day's backup wait for the
    // first frame, so the desk appears at once whatever its size.
    let mut store = desk.open_with(OpenMode::CreateIfMissing, Upkeep::Deferred)?;
    let upkeep = store.pending_upkeep(desk.today);
    // The interface never keys a new file, so the passphrase need not stay
    // in memory (the upkeep keeps its own until its backup is made).
    store.forget_passphrase();
    crate::tui::run(store, desk.today, upkeep)?;
    Ok(())
}
