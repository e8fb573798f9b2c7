//! Standard letters: ten minijinja templates (assets/letters/, embedded),
//! each overridable by a copy in `<config dir>/letters/<name>.md.j2`,
//! rendered strictly from what the store knows about a case, and written as
//! Markdown or as a Word document. Each letter written is a disclosure: its
//! row on the case and its audit entry (recipient, justification) commit in
//! one transaction, and only if the file was written.

mod batch;
mod choose;
mod condition;
mod context;
mod docx;
mod eml;
mod fit;
mod handover;
mod minutes;
mod provider_chase;
mod render;
mod sender;
mod templates;
mod words;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;

pub use crate::export::safe::escape_markdown;
pub use batch::{cases_due_before, write_batch, BatchLetter, BatchOutcome, BatchSpec};
pub use context::{LetterContext, Recipient, OIC_ROLE};
pub use docx::{document_xml, docx_from_letters, docx_from_markdown, xml_escape};
pub use minutes::{minutes_markdown, write_minutes, MinutesWritten};
pub use provider_chase::{write_provider_chase, ChaseWritten, PROVIDER_CHASE};
pub use templates::{template_info, DefaultRecipient, TemplateInfo, TEMPLATES};
pub use words::letter_date;

use crate::domain::letter_fit;
use crate::export::write_recorded;
use crate::store::views::letters::NewLetter;
use crate::store::views::profile::Logo;
use crate::store::Store;

/// Overrides the config directory holding `letters/` (tests, portable installs).
pub use crate::paths::CONFIG_DIR_ENV;

/// The two forms a letter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFormat {
    Docx,
    Md,
}

impl LetterFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            LetterFormat::Docx => "docx",
            LetterFormat::Md => "md",
        }
    }

    pub fn parse(text: &str) -> Option<LetterFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(LetterFormat::Docx),
            "md" | "markdown" => Some(LetterFormat::Md),
            _ => None,
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> anyhow::Result<LetterFormat> {
        path.extension().and_then(|e| e.to_str()).and_then(LetterFormat::parse).ok_or_else(|| {
            anyhow::anyhow!("{} must end in .docx or .md: the extension chooses the letter's format", path.display())
        })
    }
}

/// Who a letter is addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientChoice {
    /// The template's usual recipient (`TemplateInfo::to`).
    AsTemplate,
    /// A person on the case, by person id.
    Person(i64),
    Referrer,
    Oic,
    /// Someone not on file, named with their role.
    Named {
        name: String,
        role: String,
    },
}

/// The config directory whose `letters/` holds the user's template copies:
/// the same one the keymap is read from.
pub use crate::paths::config_dir;

/// Where the user's copy of a template goes.
pub fn user_template_path(config_dir: &Path, name: &str) -> PathBuf {
    config_dir.join("letters").join(format!("{name}.md.j2"))
}

/// The template's text: the user's copy when there is one, else the embedded one.
fn template_source(info: &TemplateInfo, config_dir: Option<&Path>) -> anyhow::Result<(String, render::Origin)> {
    if let Some(path) = config_dir.map(|d| user_template_path(d, info.name)).filter(|p| p.is_file()) {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read your copy of template {} at {}", info.name, path.display()))?;
        return Ok((text, render::Origin::UserCopy(path)));
    }
    Ok((info.builtin.to_string(), render::Origin::BuiltIn))
}

/// What to write: which case, which template, to whom, as of which day.
#[derive(Debug, Clone)]
pub struct LetterSpec<'a> {
    pub case_id: i64,
    pub template: &'a str,
    pub recipient: RecipientChoice,
    /// The condition the letter is about; the first open one when None.
    pub condition_id: Option<i64>,
    pub today: NaiveDate,
    /// Where user copies of templates are looked for (see `config_dir`).
    pub config_dir: Option<&'a Path>,
    /// Write it even where it is not true of the case (`--force`); the
    /// reason it was refused is then logged with the letter.
    pub force: bool,
}

/// A letter rendered but not yet written.
#[derive(Debug, Clone)]
pub struct RenderedLetter {
    pub template: &'static TemplateInfo,
    pub markdown: String,
    pub recipient: Recipient,
    /// The sending service's logo, at the top of the Word document.
    pub logo: Option<Logo>,
}

impl RenderedLetter {
    /// The file's bytes in `format`.
    pub fn bytes(&self, format: LetterFormat) -> anyhow::Result<Vec<u8>> {
        match format {
            LetterFormat::Md => Ok(self.markdown.clone().into_bytes()),
            LetterFormat::Docx => docx_from_markdown(&self.markdown, self.template.title, self.logo.as_ref()),
        }
    }
}

/// Render a letter from the store, all fields filled or an error naming
/// the one missing.
pub fn render_letter(store: &Store, spec: &LetterSpec<'_>) -> anyhow::Result<RenderedLetter> {
    let template = template_info(spec.template)?;
    let request = context::ContextRequest {
        case_id: spec.case_id,
        template,
        recipient: &spec.recipient,
        condition_id: spec.condition_id,
        today: spec.today,
    };
    let context = context::build(store, &request)?;
    let (source, origin) = template_source(template, spec.config_dir)?;
    let markdown = render::render_markdown(template.name, &source, &origin, &context)?;
    let logo = context.sender.logo.clone();
    Ok(RenderedLetter { template, markdown, recipient: context.recipient, logo })
}

/// A letter on disk and on the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLetter {
    pub letter_id: i64,
    pub path: PathBuf,
    /// As recorded: "Robin Fixture (Responsible)".
    pub recipient: String,
}

/// Render, then record the letter and its disclosure and write the file in
/// one transaction: a letter that fails to render or a file that cannot be
/// written leaves no row and no audit entry.
pub fn write_letter(
    store: &mut Store,
    spec: &LetterSpec<'_>,
    format: LetterFormat,
    path: &Path,
) -> anyhow::Result<WrittenLetter> {
    write_keeping(store, spec, format, path).map(|(written, _, _)| written)
}

/// A letter the case's state does not call for, with the reason. The
/// command line adds how to write it all the same (`--force`, logged);
/// the interface, which writes only what is true, says the reason alone.
#[derive(Debug)]
pub struct DoesNotFit(pub String);

impl std::fmt::Display for DoesNotFit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DoesNotFit {}

/// `write_letter`, handing back the letter as rendered too (a batch prints
/// it again and mails it).
fn write_keeping(
    store: &mut Store,
    spec: &LetterSpec<'_>,
    format: LetterFormat,
    path: &Path,
) -> anyhow::Result<(WrittenLetter, RenderedLetter, Vec<u8>)> {
    let fit =
        letter_fit::letter_fits(spec.template, &fit::case_state(store, spec.case_id)?, spec.condition_id, spec.today);
    let (condition_id, overridden) = match fit {
        Ok(condition_id) => (condition_id, None),
        Err(reason) if spec.force => (spec.condition_id, Some(reason)),
        Err(reason) => return Err(DoesNotFit(reason).into()),
    };
    let rendered = render_letter(store, &LetterSpec { condition_id, ..spec.clone() })?;
    let bytes = rendered.bytes(format)?;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let recipient = rendered.recipient.described();
    let user = store.user().to_string();
    let path_text = path.display().to_string();
    let letter = NewLetter {
        case_id: spec.case_id,
        template: rendered.template.name,
        recipient: &recipient,
        format: format.as_str(),
        path: &path_text,
        written_on: spec.today,
        written_by: &user,
        overridden: overridden.as_deref(),
    };
    // Should the record not commit, the file does not outlive it, and a
    // letter that was at that path before is put back.
    let file = bytes.clone();
    let letter_id = write_recorded(store, &path, |tx| Ok((tx.record_letter(&letter)?, file)))?;
    Ok((WrittenLetter { letter_id, path, recipient }, rendered, bytes))
}

/// `<REF> - <what the letter is> - <date>.<ext>`, the name every letter
/// the desk writes gets (one at a time, or many: then the file for
/// printing leads with "For printing"): words a person reads in a folder,
/// not the template's code.
pub fn letter_file_name(reference: &str, template: &str, today: NaiveDate, format: LetterFormat) -> String {
    format!(
        "{} - {} - {}.{}",
        file_words(reference),
        file_words(&template_title(template)),
        crate::domain::dates::iso(today),
        format.as_str()
    )
}

/// What the letter is, in words: its template's title.
pub fn template_title(template: &str) -> String {
    template_info(template).map_or_else(|_| template.replace('_', " "), |t| t.title.to_string())
}

/// Letters, digits, spaces, commas and hyphens: safe in a file name on every system.
fn file_words(text: &str) -> String {
    text.chars().map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | ',') { c } else { '_' }).collect()
}

/// A path in `dir` for a new letter that does not replace an earlier one:
/// the second letter of a day gets ` (2)`, and so on.
pub fn unused_letter_path(
    dir: &Path,
    reference: &str,
    template: &str,
    today: NaiveDate,
    format: LetterFormat,
) -> PathBuf {
    let first = dir.join(letter_file_name(reference, template, today, format));
    if !first.exists() {
        return first;
    }
    let stem = letter_file_name(reference, template, today, format);
    let stem = stem.trim_end_matches(&format!(".{}", format.as_str())).to_string();
    (2..).map(|n| dir.join(format!("{stem} ({n}).{}", format.as_str()))).find(|p| !p.exists()).unwrap_or(first)
}

/// `casedesk letter`: write one letter, or list the templates and the
/// letters already written for the case.
/// What `casedesk letter` was asked to write.
pub struct LetterRequest<'a> {
    pub case_ref: &'a str,
    pub template: Option<&'a str>,
    pub output: Option<&'a Path>,
    /// `--to`: referrer, oic, a role on the case or a person's name.
    pub to: Option<&'a str>,
    /// `--to-role`: the role of a `--to` person not on the case.
    pub to_role: Option<&'a str>,
    /// `--condition`: the condition's number on the case.
    pub condition: Option<u32>,
    /// `--force`: write a letter that is not true of the case's state.
    pub force: bool,
}

/// Write the letter `req` asks for, with its recipient and condition chosen
/// from the words of the command line.
pub fn write_requested(store: &mut Store, today: NaiveDate, req: &LetterRequest<'_>) -> anyhow::Result<WrittenLetter> {
    let reference = req.case_ref.trim();
    let case_id = case_id_of(store, reference)?;
    let (Some(template), Some(output)) = (req.template, req.output) else {
        anyhow::bail!("give --template NAME and -o FILE (or --list to see the templates)");
    };
    let format = LetterFormat::from_path(output)?;
    let parties = store.case_parties(case_id, context::PEOPLE_LIMIT)?.people;
    let recipient = choose::recipient(req.to, req.to_role, &parties, reference)?;
    let condition_id = choose::condition(req.condition, &store.letter_conditions(case_id)?, reference)?;
    let config = config_dir();
    let spec = LetterSpec {
        case_id,
        template,
        recipient,
        condition_id,
        today,
        config_dir: config.as_deref(),
        force: req.force,
    };
    write_letter(store, &spec, format, output).map_err(|e| match e.downcast::<DoesNotFit>() {
        Ok(DoesNotFit(reason)) => anyhow::anyhow!(
            "not written: {reason} (to write it all the same, give --force; the reason is logged with the letter)"
        ),
        Err(e) => e,
    })
}

/// The templates and the case `case_ref`'s letters, as `casedesk letter
/// --list` shows them.
pub fn list_for(store: &Store, case_ref: &str, today: NaiveDate) -> anyhow::Result<String> {
    let reference = case_ref.trim();
    let case_id = case_id_of(store, reference)?;
    listing(store, case_id, reference, config_dir().as_deref(), today)
}

fn case_id_of(store: &Store, reference: &str) -> anyhow::Result<i64> {
    store.case_id_by_ref(reference)?.ok_or_else(|| anyhow::anyhow!("there is no case {reference:?} in this database"))
}

/// `casedesk letter --list` without a case: the templates, marking the
/// user's copies; none needs a case to be listed.
pub fn list_templates() -> String {
    let mut out = template_lines(config_dir().as_deref(), |_| None);
    out.push_str("Name a case (--case REF) to see which fit it today and why the others do not.");
    out
}

/// The templates, each with who it goes to, marking the user's copies and,
/// where `unfit` says so, why it does not fit the case.
fn template_lines(config: Option<&Path>, unfit: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::from("Templates");
    if let Some(dir) = config {
        out.push_str(&format!(" (a copy in {} replaces the one built in)", dir.join("letters").display()));
    }
    out.push_str(":\n");
    for t in TEMPLATES {
        let copy = config.map(|d| user_template_path(d, t.name)).is_some_and(|p| p.is_file());
        let mark = if copy { "  [your copy]" } else { "" };
        let fits = unfit(t.name).map_or(String::new(), |why| format!("  (does not fit this case today: {why})"));
        out.push_str(&format!("  {:<24} {} — to {}{mark}{fits}\n", t.name, t.title, t.to.describe()));
    }
    out
}

/// Every template with why it would not be true of the case today (None
/// when it fits), in the templates' order: what the letter prompt offers.
pub fn template_fits(
    store: &Store,
    case_id: i64,
    today: NaiveDate,
) -> anyhow::Result<Vec<(&'static TemplateInfo, Option<String>)>> {
    let state = fit::case_state(store, case_id)?;
    Ok(TEMPLATES.iter().map(|t| (t, letter_fit::letter_fits(t.name, &state, None, today).err())).collect())
}

/// The templates (marking the user's copies, and why any does not fit the
/// case today) and the case's letters.
fn listing(
    store: &Store,
    case_id: i64,
    case_ref: &str,
    config: Option<&Path>,
    today: NaiveDate,
) -> anyhow::Result<String> {
    let state = fit::case_state(store, case_id)?;
    let mut out = template_lines(config, |name| letter_fit::letter_fits(name, &state, None, today).err());
    let people = store.case_parties(case_id, context::PEOPLE_LIMIT)?.people;
    out.push_str(&format!("People on {case_ref} (--to NAME, or --to ROLE):\n"));
    out.push_str(&crate::export::safe::inert(&format!("  {}", choose::people(&people))));
    out.push('\n');
    let conditions = store.letter_conditions(case_id)?;
    if !conditions.is_empty() {
        out.push_str(&format!("Conditions on {case_ref} (--condition N):\n"));
        for c in &conditions {
            let line = format!(
                "  {}. {} — due {}, {}",
                c.seq,
                c.description,
                crate::domain::dates::day(c.due_on),
                c.status.label().to_lowercase()
            );
            out.push_str(&crate::export::safe::inert(&line));
            out.push('\n');
        }
    }
    let letters = store.case_letters(case_id, 200)?;
    out.push_str(&format!("Letters written for {case_ref} ({}):\n", letters.total));
    if letters.rows.is_empty() {
        out.push_str("  none yet\n");
    }
    for l in &letters.rows {
        out.push_str(&crate::export::safe::inert(&format!(
            "  {}  {:<32} {}  {}",
            crate::domain::dates::day(l.written_on),
            template_info(&l.template).map_or(l.template.as_str(), |t| t.title),
            l.recipient,
            l.path
        )));
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
