//! `casedesk write-stream` (test support): numbered changes, each reported
//! on standard output once committed, for the crash test.

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::store::crashtest::write_stream;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, count: u64) -> Result<(), Failure> {
    let store = desk.open(OpenMode::CreateIfMissing)?;
    write_stream(store, desk.today, count, &mut std::io::stdout().lock())?;
    Ok(())
}
