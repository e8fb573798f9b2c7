//! `casedesk ics`: the case's next conference or meeting as a calendar file.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::ics::write_next_process;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, case_ref: &str, output: &Path) -> Result<(), Failure> {
    desk.guard_output(Some(output))?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let what = write_next_process(&mut store, case_ref, output)?;
    crate::tell!("Wrote the {what} for {case_ref} to {}", output.display());
    Ok(())
}
