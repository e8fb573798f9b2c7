//! Many letters at once (issue 15 §1 "Many at once"): one template for a
//! list of cases, or for every case with something due before a date. Each
//! letter is written to the folder as a .docx and logged on its case as a
//! disclosure, exactly as a single letter is; a letter not true of its case
//! is skipped with the reason, not the whole batch refused. All of them
//! then go into one .docx for printing, and where the recipient has an
//! email address, an `.eml` addressed to them carries the letter.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;

use super::sender::sender_for;
use super::{
    case_id_of, docx_from_letters, eml, fit, template_info, unused_letter_path, write_keeping, LetterFormat,
    LetterSpec, RecipientChoice, RenderedLetter, WrittenLetter,
};
use crate::domain::letter_fit;
use crate::export::output::write_file_atomically;
use crate::store::views::deadlines::{DeadlineFilter, DeadlineSource, PageAt};
use crate::store::views::profile::Logo;
use crate::store::Store;

/// What to write: one template for each case named.
pub struct BatchSpec<'a> {
    pub template: &'a str,
    pub references: &'a [String],
    /// Where the letters go; made if it is not there yet.
    pub folder: &'a Path,
    pub today: NaiveDate,
    pub config_dir: Option<&'a Path>,
}

/// One letter of the batch.
#[derive(Debug)]
pub struct BatchLetter {
    pub reference: String,
    pub written: WrittenLetter,
    /// The email written beside it, when the recipient has an address.
    pub email: Option<PathBuf>,
}

/// What the batch did.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    pub written: Vec<BatchLetter>,
    /// A case left out, and why.
    pub skipped: Vec<(String, String)>,
    /// The one document holding every letter, for printing.
    pub combined: Option<PathBuf>,
}

/// Write the batch. Fails only when nothing could be written (every
/// reason listed) or the folder cannot be used.
pub fn write_batch(store: &mut Store, spec: &BatchSpec<'_>) -> anyhow::Result<BatchOutcome> {
    let template = template_info(spec.template)?;
    if spec.references.is_empty() {
        anyhow::bail!("there are no cases to write to: give --cases REF,REF or a --due-before date that has some");
    }
    make_folder(spec.folder)?;
    let mut outcome = BatchOutcome::default();
    let mut printed: Vec<RenderedLetter> = Vec::new();
    for reference in spec.references {
        let reference = reference.trim().to_string();
        match one_letter(store, spec, &reference) {
            Ok((letter, rendered)) => {
                outcome.written.push(letter);
                printed.push(rendered);
            }
            Err(reason) => outcome.skipped.push((reference, format!("{reason:#}"))),
        }
    }
    if printed.is_empty() {
        let reasons: Vec<String> = outcome.skipped.iter().map(|(r, why)| format!("{r}: {why}")).collect();
        anyhow::bail!("no letter was written. {}", reasons.join("; "));
    }
    let markdown: Vec<(&str, Option<&Logo>)> = printed.iter().map(|r| (r.markdown.as_str(), r.logo.as_ref())).collect();
    let combined = unused_letter_path(spec.folder, "For printing", template.name, spec.today, LetterFormat::Docx);
    let bytes = docx_from_letters(&markdown, template.title)?;
    write_file_atomically(&combined, &bytes, store.path())?;
    outcome.combined = Some(combined);
    Ok(outcome)
}

/// One case's letter, its disclosure, and its email; or why not.
fn one_letter(
    store: &mut Store,
    spec: &BatchSpec<'_>,
    reference: &str,
) -> anyhow::Result<(BatchLetter, RenderedLetter)> {
    let case_id = case_id_of(store, reference)?;
    let state = fit::case_state(store, case_id)?;
    // Refused with the reason alone: a batch offers no --force.
    letter_fit::letter_fits(spec.template, &state, None, spec.today).map_err(|reason| anyhow::anyhow!(reason))?;
    let path = unused_letter_path(spec.folder, reference, spec.template, spec.today, LetterFormat::Docx);
    let letter = LetterSpec {
        case_id,
        template: spec.template,
        recipient: RecipientChoice::AsTemplate,
        condition_id: None,
        today: spec.today,
        config_dir: spec.config_dir,
        force: false,
    };
    let (written, rendered, docx) = write_keeping(store, &letter, LetterFormat::Docx, &path)?;
    let email = match rendered.recipient.email.as_deref() {
        Some(to) => Some(write_email(store, case_id, reference, &written, &rendered, to, &docx, spec.today)?),
        None => None,
    };
    Ok((BatchLetter { reference: reference.to_string(), written, email }, rendered))
}

/// The letter as an email beside it: same name, `.eml`.
#[allow(clippy::too_many_arguments)]
fn write_email(
    store: &Store,
    case_id: i64,
    reference: &str,
    written: &WrittenLetter,
    rendered: &RenderedLetter,
    to: &str,
    docx: &[u8],
    today: NaiveDate,
) -> anyhow::Result<PathBuf> {
    let header = store.case_header(case_id)?.ok_or_else(|| anyhow::anyhow!("there is no case {reference}"))?;
    let sender = sender_for(store, header.service)?;
    let attachment_name = written.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let title = rendered.template.title;
    let note = format!(
        "Dear {},\n\nPlease find attached a letter from the {} about our reference {reference}: {}.\n\n\
         If you have any questions, contact us on {} or at {} ({}).\n\nYours sincerely,\n\n{}\n{}, {}\n",
        rendered.recipient.name,
        sender.name,
        title.to_lowercase(),
        sender.phone,
        sender.email,
        sender.hours,
        sender.signatory,
        sender.role,
        sender.name
    );
    let subject = format!("{title}, our reference {reference}");
    let message = eml::message(&eml::Email {
        from_name: &sender.name,
        from_address: &sender.email,
        to_name: &rendered.recipient.name,
        to_address: to,
        subject: &subject,
        note: &note,
        attachment_name: &attachment_name,
        attachment: docx,
        date: today,
        letter_id: written.letter_id,
    });
    let path = written.path.with_extension("eml");
    write_file_atomically(&path, message.as_bytes(), store.path())?;
    Ok(path)
}

fn make_folder(folder: &Path) -> anyhow::Result<()> {
    if folder.exists() && !folder.is_dir() {
        anyhow::bail!("{} is a file: give a folder for the letters (it is made if it is not there)", folder.display());
    }
    std::fs::create_dir_all(folder).with_context(|| format!("cannot make the folder {}", folder.display()))
}

/// The cases with a condition or agreed action still open and due before
/// `day`, in the order the Deadlines screen lists them, each once.
pub fn cases_due_before(store: &Store, day: NaiveDate) -> anyhow::Result<Vec<String>> {
    let filter = DeadlineFilter { due_until: day.pred_opt(), ..DeadlineFilter::default() };
    let mut references: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut at = PageAt::First;
    loop {
        let page = store.deadline_page(&filter, at, 500)?;
        // A meeting's action concerns no case (its case id is 0).
        for row in page.rows.iter().filter(|r| r.key.source != DeadlineSource::MeetingAction) {
            if seen.insert(row.case_id) {
                references.push(row.case_ref.clone());
            }
        }
        match page.rows.last() {
            Some(last) if page.more_after => at = PageAt::After(last.key),
            _ => return Ok(references),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A meeting's action on Deadlines concerns no case: a batch of letters
    /// by due date goes to the cases only, never to a meeting's title.
    #[test]
    fn letters_by_due_date_go_to_cases_not_meetings() {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 60, seed: 3, today }).unwrap();
        let far = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let filter = DeadlineFilter { due_until: far.pred_opt(), ..DeadlineFilter::default() };
        let rows = store.deadline_page(&filter, PageAt::First, 10_000).unwrap().rows;
        let titles: Vec<&str> = rows
            .iter()
            .filter(|r| r.key.source == DeadlineSource::MeetingAction)
            .map(|r| r.case_ref.as_str())
            .collect();
        assert!(!titles.is_empty(), "the demo has a meeting's open action");
        let references = cases_due_before(&store, far).unwrap();
        assert!(!references.is_empty());
        assert!(references.iter().all(|r| !titles.contains(&r.as_str())), "{references:?}");
    }
}
