//! `casedesk import FILE [--dry-run] [--mapping FILE.toml]`: every row
//! checked and written in one transaction, or nothing and every problem
//! listed.

use std::path::Path;

use anyhow::Context;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::import::{file_name, import_file, plan_text, problem_lines, refused, Checked, Outcome};
use crate::store::{OpenMode, Store};

pub fn run(desk: Desk<'_>, file: &Path, dry_run: bool, mapping: Option<&Path>) -> Result<(), Failure> {
    // A dry run against a database not yet made changes nothing, so it runs
    // on a scratch desk in a temporary folder, removed after: a file, not
    // memory, which a large tracker would fill (1.1 GB for 100,000 cases).
    let scratch = (dry_run && !desk.db.exists())
        .then(tempfile::tempdir)
        .transpose()
        .context("cannot make a temporary folder for the dry run")?;
    let mut store = match &scratch {
        Some(dir) => {
            let mut scratch = Store::open(&dir.path().join("dry-run.db"), OpenMode::CreateIfMissing)?;
            scratch.set_desk_day(desk.today);
            scratch
        }
        None => desk.open(OpenMode::CreateIfMissing)?,
    };
    let name = file_name(file);
    match import_file(&mut store, desk.today, file, dry_run, mapping)? {
        Checked::Unmapped(problems) => {
            for problem in &problems {
                crate::tell!("  {problem}");
            }
            Err(refused(&name, problems.len()).into())
        }
        Checked::RowProblems { errors, unlisted, .. } => Err(listed(&name, &errors, unlisted)),
        Checked::Written { outcome: Outcome::Rejected(errors), .. } => Err(listed(&name, &errors, 0)),
        Checked::Written { outcome: Outcome::Written(planned), .. } => {
            crate::say!("{}", plan_text(&name, &planned, dry_run).trim_end_matches('\n'));
            Ok(())
        }
    }
}

/// The problems listed on standard error, then the refusal.
fn listed(name: &str, errors: &[crate::import::RowError], unlisted: usize) -> Failure {
    for line in problem_lines(errors, unlisted) {
        crate::tell!("{line}");
    }
    refused(name, errors.len() + unlisted).into()
}
