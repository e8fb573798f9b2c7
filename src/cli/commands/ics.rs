//! `casedesk ics`: the case's next conference or meeting as a calendar file.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::ics::write_next_process;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, case_ref: &str, output: &Path) -> Result<(), Failure> {
    // The desk, a device or a backup is refused as such first, whatever its name.
    desk.guard_output(Some(output))?;
    // The one format there is goes by its extension too: a calendar opens
    // an .ics file, not the same text under another name (issue 15 §3).
    if !output.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics")) {
        let message = format!("{} must end in .ics: a calendar opens only an .ics file", output.display());
        return Err(anyhow::anyhow!(message).into());
    }
    let mut store = desk.open(OpenMode::ToRead)?;
    let what = write_next_process(&mut store, case_ref, output)?;
    crate::tell!("Wrote the {what} for {case_ref} to {}", output.display());
    Ok(())
}
