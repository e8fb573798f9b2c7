//! Documents on file from the Case screen: attaching one (a path typed or
//! pasted, with a title) and opening the one selected on the timeline with
//! the system's opener, its opening logged as a consultation.

use super::prompts::Pending;
use super::{CaseScreen, TimelineView};
use crate::export::safe::inert;
use crate::store::documents::typed_path;
use crate::store::views::case::{CaseHeader, EventKind};
use crate::tui::form::Field;
use crate::tui::opener;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

/// Asked by the attach key on an open case.
pub(super) fn attach_prompt(header: &CaseHeader) -> Effect {
    let pending = PendingAction::Case(Pending::AttachDocument(header.case_id));
    let message = "The file is copied into the desk's documents folder; the original stays where it is.";
    Effect::Ask(
        Prompt::new(format!("Attach a document to {}", header.reference), message.to_string(), pending)
            .field(FieldId::DocumentPath, Field::text("File").required().with_hint("type or paste the file's path"))
            .field(FieldId::DocumentTitle, Field::text("Title").with_hint("e.g. signed outcome agreement")),
    )
}

/// Hand the document to the system's opener; where there is none, say so
/// and show where the file is.
pub(super) fn open_document(document_id: i64, ctx: &mut Ctx<'_>) -> Effect {
    let path = match ctx.store.open_document(document_id) {
        Ok(path) => path,
        Err(e) => return Effect::Error(format!("Could not open the document: {e}")),
    };
    let shown = inert(&path.display().to_string());
    match opener::open(&path) {
        // A terminal program cannot tell when the viewer is done with the
        // copy: it goes with the session (store::opened), and the user is told.
        Ok(()) if ctx.store.is_encrypted() => Effect::Status(format!(
            "Opening a decrypted copy of the document, removed when casedesk quits (save changes elsewhere): {shown}"
        )),
        Ok(()) => Effect::Status(format!("Opening the document: {shown}")),
        Err(why) => Effect::Error(format!("{why}: the document is at {shown}")),
    }
}

impl CaseScreen {
    pub(super) fn attach_document(&mut self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let path = typed_path(reply.value(FieldId::DocumentPath));
        let title = reply.value(FieldId::DocumentTitle).to_string();
        let result = ctx.store.attach_document(case_id, &path, Some(&title), ctx.today);
        let shown = if title.trim().is_empty() {
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        } else {
            title
        };
        common::result_effect(result, format!("Saved: {} attached to {}.", inert(shown.trim()), header.reference))
    }

    /// The document selected on the timeline, if a document is selected.
    pub(super) fn selected_document(&self) -> Option<i64> {
        let entry = (self.view == TimelineView::Everything).then(|| self.timeline.selected()).flatten()?;
        (entry.kind == EventKind::Document).then_some(entry.id)
    }
}
