//! `casedesk sample`: an anonymised sample of closed cases for scrutiny.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::sample::{write_sample, SampleRequest};
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, req: &SampleRequest, output: &Path) -> Result<(), Failure> {
    desk.guard_output(Some(output))?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let report = write_sample(&mut store, req, output)?;
    let SampleRequest { n, from, to, .. } = *req;
    if report.taken < n {
        crate::tell!(
            "Only {} closed case{} between {from} and {to}, fewer than the {n} asked for: the sample holds all of them.",
            report.available,
            if report.available == 1 { "" } else { "s" }
        );
    }
    crate::tell!("Wrote an anonymised sample of {} closed cases to {}", report.taken, output.display());
    Ok(())
}
