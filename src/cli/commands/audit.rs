//! `casedesk audit [--case REF]`: the audit log, oldest first, each listing
//! recorded as a consultation before it is shown.

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::audit::{consult, write_listing};
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, case_ref: Option<&str>) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::ToRead)?;
    let case_id = consult(&mut store, case_ref)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_listing(&store, case_id, &mut out)?;
    Ok(())
}
