//! `casedesk tracker -o FILE`: every case in the layout `import` reads.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::tracker::write_tracker;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, output: &Path) -> Result<(), Failure> {
    desk.guard_output(Some(output))?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let count = write_tracker(&mut store, output)?;
    crate::tell!("Wrote {count} cases to {} (tracker layout; it holds names: keep it safe)", output.display());
    Ok(())
}
