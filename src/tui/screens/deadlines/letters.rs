//! `w` on Deadlines: one standard letter for each case of the tagged rows
//! (or the selected one), written as a batch into the export folder: a
//! .docx per case logged on it as a disclosure, one .docx of them all for
//! printing, an .eml where the recipient has an email address; a letter
//! untrue of its case is left out with the reason.

use std::collections::HashSet;

use super::prompts::Pending;
use super::{source_of, DeadlinesScreen, Tag};
use crate::export::letters::{self, write_batch, BatchOutcome, BatchSpec, TEMPLATES};
use crate::export::safe::inert;
use crate::store::views::deadlines::DeadlineSource;
use crate::tui::form::Field;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::tui::text::{plural, thousands};

impl DeadlinesScreen {
    /// Ask which letter to write for the cases of the tagged rows.
    pub(super) fn letters(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        let cases = match case_references(&targets, ctx) {
            Ok(cases) if !cases.is_empty() => cases,
            Ok(_) => return Effect::Error("Nothing is selected.".into()),
            Err(e) => return Effect::Error(format!("Could not read the cases: {e}")),
        };
        let templates: Vec<(String, String)> =
            TEMPLATES.iter().map(|t| (t.name.to_string(), t.title.to_string())).collect();
        let n = cases.len();
        let message = format!(
            "One letter for each of {} {}, to the template's usual recipient, into the export folder, with one \
             document of them all for printing. Each is a disclosure logged on its case; a letter not true of a \
             case is left out, with the reason.",
            thousands(n),
            plural(n, "case")
        );
        let pending = PendingAction::Deadlines(Pending::Letters(targets));
        Effect::Ask(
            Prompt::new("Write letters", message, pending)
                .field(FieldId::Template, Field::choice("Template", templates, 0)),
        )
    }

    pub(super) fn apply_letters(&mut self, targets: Vec<Tag>, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let references = match case_references(&targets, ctx) {
            Ok(references) => references,
            Err(e) => return Effect::Error(format!("No letter written: {e}")),
        };
        let config = letters::config_dir();
        let folder = common::export_dir();
        let spec = BatchSpec {
            template: reply.value(FieldId::Template),
            references: &references,
            folder: &folder,
            today: ctx.today,
            config_dir: config.as_deref(),
        };
        match write_batch(ctx.store, &spec) {
            Ok(outcome) => Effect::Status(inert(&said(&outcome, &folder))),
            Err(e) => Effect::Error(inert(&format!("No letter written: {e:#}"))),
        }
    }
}

/// "Wrote 2 letters to FOLDER (1 also as an email), each logged as a
/// disclosure; for printing: FILE. Left out: REF: why."
fn said(outcome: &BatchOutcome, folder: &std::path::Path) -> String {
    let n = outcome.written.len();
    let emails = outcome.written.iter().filter(|l| l.email.is_some()).count();
    let printing = outcome.combined.as_ref().and_then(|p| p.file_name()).map(|f| f.to_string_lossy().into_owned());
    let mut text = format!(
        "Wrote {} {} to {} ({emails} also as {}), each logged as a disclosure; for printing: {}.",
        thousands(n),
        plural(n, "letter"),
        folder.display(),
        if emails == 1 { "an email" } else { "emails" },
        printing.unwrap_or_default()
    );
    if !outcome.skipped.is_empty() {
        let left: Vec<String> = outcome.skipped.iter().map(|(r, why)| format!("{r}: {why}")).collect();
        text.push_str(&format!(" Left out: {}.", left.join("; ")));
    }
    text
}

/// The references of the cases the rows belong to, each once, in order.
fn case_references(targets: &[Tag], ctx: &Ctx<'_>) -> crate::store::StoreResult<Vec<String>> {
    let mut seen = HashSet::new();
    let mut references = Vec::new();
    for (source, id) in targets.iter().map(|t| source_of(*t)) {
        let case_id = match source {
            DeadlineSource::Condition => ctx.store.deadline_condition_case(id)?,
            DeadlineSource::AgreementItem => ctx.store.deadline_item_case(id)?,
            DeadlineSource::MeetingAction => None,
        };
        if let Some(case_id) = case_id.filter(|c| seen.insert(*c)) {
            references.extend(ctx.store.deadline_case_ref(case_id)?);
        }
    }
    Ok(references)
}
