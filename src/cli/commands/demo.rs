//! `casedesk demo`: invented cases, loaded in bulk.

use std::path::Path;

use crate::cli::desk::{make_parent_folder, Desk};
use crate::cli::failure::{usage, Failure};
use crate::demo::{self, DemoOptions};
use crate::store::OpenMode;

/// Into a new file made whole before it takes its name, or into an existing
/// desk that holds no cases yet.
pub fn run(desk: Desk<'_>, cases: u32, seed: u64, into_default: bool) -> Result<(), Failure> {
    let (db, today) = (desk.db, desk.today);
    if !into_default && is_default_database(db) {
        return Err(usage(format!(
            "{} is your real desk and demo cases cannot be removed from it: try them in a file of their own \
             with `casedesk --db try.db demo`, or add --into-default if you mean it",
            db.display()
        )));
    }
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

/// Whether `db` is the desk opened when no `--db` is given, however it was named.
fn is_default_database(db: &Path) -> bool {
    let Ok(default) = crate::paths::default_db_path() else { return false };
    let same_file = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
    db == default || same_file(db, &default)
}
