//! `casedesk letter`: write a letter from a template, or list the templates
//! and the case's letters; with `--cases` or `--due-before`, a batch of
//! them into a folder.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::letters::{
    cases_due_before, config_dir, list_for, list_templates, template_info, write_batch, write_provider_chase,
    write_requested, BatchOutcome, BatchSpec, LetterRequest, PROVIDER_CHASE,
};
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, request: &LetterRequest<'_>, list: bool) -> Result<(), Failure> {
    desk.guard_output(request.output.filter(|_| !list))?;
    let mut store = desk.open(OpenMode::MustExist)?;
    if list {
        let text = list_for(&store, request.case_ref, desk.today)?;
        crate::say!("{}", text.trim_end_matches('\n'));
        return Ok(());
    }
    let written = write_requested(&mut store, desk.today, request)?;
    let title = request.template.and_then(|t| template_info(t.trim()).ok()).map_or("Letter", |t| t.title);
    crate::say!(
        "Wrote \"{}\" for {} to {}; the disclosure to {} is logged.",
        title,
        request.case_ref.trim(),
        written.path.display(),
        written.recipient
    );
    Ok(())
}

/// `casedesk letter --list` with no case: the templates there are.
pub fn run_list() -> Result<(), Failure> {
    crate::say!("{}", list_templates());
    Ok(())
}

/// `casedesk letter --template provider-chase --provider NAME -o FILE`.
pub fn run_provider_chase(
    desk: Desk<'_>,
    provider: &str,
    template: Option<&str>,
    output: Option<&std::path::Path>,
) -> Result<(), Failure> {
    if template.map(str::trim) != Some(PROVIDER_CHASE) {
        return Err(anyhow::anyhow!("--provider goes with --template {PROVIDER_CHASE}: give that template").into());
    }
    let Some(output) = output else {
        return Err(anyhow::anyhow!("give -o FILE (.docx or .md) for the letter").into());
    };
    desk.guard_output(Some(output))?;
    let mut store = desk.open(OpenMode::MustExist)?;
    let written = write_provider_chase(&mut store, provider, desk.today, output)?;
    crate::say!(
        "Wrote the chase to {} for {} outstanding {} to {}; the disclosure is logged on each of its {} {}.",
        written.provider,
        written.referrals,
        if written.referrals == 1 { "return" } else { "returns" },
        written.path.display(),
        written.cases,
        if written.cases == 1 { "case" } else { "cases" }
    );
    Ok(())
}

/// What `casedesk letter --cases … | --due-before …` was asked.
pub struct Batch {
    pub cases: Vec<String>,
    pub due_before: Option<NaiveDate>,
    pub template: Option<String>,
    pub folder: Option<PathBuf>,
}

/// Write one letter per case into the folder, and say what was written,
/// mailed and skipped.
pub fn run_batch(desk: Desk<'_>, batch: Batch) -> Result<(), Failure> {
    let (Some(template), Some(folder)) = (batch.template.as_deref(), batch.folder.as_deref()) else {
        return Err(anyhow::anyhow!("give --template NAME and -o FOLDER for the letters").into());
    };
    let mut store = desk.open(OpenMode::MustExist)?;
    let references = match batch.due_before {
        Some(day) => cases_due_before(&store, day)?,
        None => batch.cases.iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect(),
    };
    let config = config_dir();
    let spec =
        BatchSpec { template, references: &references, folder, today: desk.today, config_dir: config.as_deref() };
    let outcome = write_batch(&mut store, &spec)?;
    report(&outcome, template_info(template)?.title);
    Ok(())
}

fn report(outcome: &BatchOutcome, title: &str) {
    let emails = outcome.written.iter().filter(|l| l.email.is_some()).count();
    crate::say!(
        "Wrote {} \"{title}\" letter(s), each logged on its case as a disclosure; {emails} also as an email (.eml) to send.",
        outcome.written.len()
    );
    for letter in &outcome.written {
        crate::say!("  {}  {}  {}", letter.reference, letter.written.recipient, letter.written.path.display());
        if let Some(email) = &letter.email {
            crate::say!("  {}  email: {}", letter.reference, email.display());
        }
    }
    if let Some(combined) = &outcome.combined {
        crate::say!("All of them in one document for printing: {}", combined.display());
    }
    if !outcome.skipped.is_empty() {
        crate::say!("Not written ({}):", outcome.skipped.len());
        for (reference, reason) in &outcome.skipped {
            crate::say!("  {reference}: {reason}");
        }
    }
}
