//! `casedesk directory import FILE.csv|FILE.xlsx [--dry-run]`: every row
//! checked, then all added in one transaction, or nothing and every problem
//! listed by row and column, as `import` does for a tracker.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::safe::inert;
use crate::import::directory::{import_directory, DirectoryImport, PlannedEntry};
use crate::import::{file_name, problem_lines, refused};
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, file: &Path, dry_run: bool) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::MustExist)?;
    let name = file_name(file);
    match import_directory(&mut store, file, dry_run)? {
        DirectoryImport::Unmapped(problems) => {
            for problem in &problems {
                crate::tell!("  {problem}");
            }
            Err(refused(&name, problems.len()).into())
        }
        DirectoryImport::Problems(errors) => {
            for line in problem_lines(&errors, 0) {
                crate::tell!("{line}");
            }
            Err(refused(&name, errors.len()).into())
        }
        DirectoryImport::Added(planned) => {
            crate::say!("{}", plan_text(&name, &planned, dry_run));
            Ok(())
        }
    }
}

fn plan_text(name: &str, planned: &[PlannedEntry], dry_run: bool) -> String {
    let count = if planned.len() == 1 { "1 entry".to_string() } else { format!("{} entries", planned.len()) };
    let mut out = if dry_run {
        format!("Dry run of {}: nothing was changed. Importing it would add {count} to the directory:", inert(name))
    } else {
        format!("Added {count} to the directory from {} in one transaction:", inert(name))
    };
    for p in planned {
        let retired = if p.retired { ", retired" } else { "" };
        let rooms = match p.rooms.len() {
            0 => String::new(),
            1 => ", 1 room".to_string(),
            n => format!(", {n} rooms"),
        };
        out.push_str(&format!("\n  row {}: {}, {}{rooms}{retired}", p.row, inert(&p.entry.name), p.kind.label()));
    }
    out
}
