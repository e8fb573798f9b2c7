//! `casedesk sql today|today-all|summary|caseload` (benchmark support): the queries
//! that command runs, as a script for the sqlite3 shell.

use anyhow::Context;

use crate::cli::args::QueriesOf;
use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::store::trace::queries_script;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, of: QueriesOf) -> Result<(), Failure> {
    let script = queries_script(desk.open(OpenMode::ToRead)?, desk.today, of.reads())?;
    std::io::Write::write_all(&mut std::io::stdout().lock(), script.as_bytes()).context("writing the queries")?;
    Ok(())
}
