//! `casedesk demo`: invented cases, loaded in bulk.

use crate::cli::desk::{make_parent_folder, Desk};
use crate::cli::failure::{usage, Failure};
use crate::demo::{self, DemoOptions};
use crate::store::OpenMode;

/// Into a new file made whole before it takes its name, or into an existing
/// desk that holds no cases yet.
pub fn run(desk: Desk<'_>, cases: u32, seed: u64) -> Result<(), Failure> {
    let (db, today) = (desk.db, desk.today);
    let opts = DemoOptions { cases, seed, today };
    let report = if db.exists() {
        let mut store = desk.open(OpenMode::CreateIfMissing)?;
        let existing = store.case_count()?;
        if existing > 0 {
            return Err(usage(format!(
                "{} already holds {existing} cases; demo data only goes into a new or empty database",
                db.display()
            )));
        }
        demo::generate_bulk(&mut store, &opts)?
    } else {
        make_parent_folder(db)?;
        demo::create_database(db, &opts)?
    };
    crate::say!(
        "Wrote {} invented cases ({} people, {} conditions, {} agreement items) to {}, as of {today}.",
        report.cases,
        report.people,
        report.conditions,
        report.agreement_items,
        db.display()
    );
    Ok(())
}
