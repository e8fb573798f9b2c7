//! Opening a case (a logged consultation), moving through the case list
//! and the timeline, and what the keys do on an open case.

use crate::store::views::case::{CaseListRow, EventKind, Seek, TimelineEntry, CONSULT_JUSTIFICATION};
use crate::store::StoreResult;
use crate::tui::action::Action;
use crate::tui::screens::common;

use super::documents::{attach_prompt, open_document};
use super::prompts::disposal_prompt;
use crate::tui::screens::{Ctx, Effect, ScreenId};

use super::paging::{Move, Paged, Pick};
use super::{CaseScreen, OpenCase, TimelineView, LETTERS_LIMIT, PAGE, PEOPLE_LIMIT};

impl CaseScreen {
    /// Open a case: read it, and log the consultation (DPA 2018 s.62). If the
    /// log cannot be written the case is not shown.
    pub(super) fn open(&mut self, case_id: i64, ctx: &mut Ctx<'_>) -> Effect {
        let header = match ctx.store.case_header(case_id) {
            Ok(Some(h)) => h,
            Ok(None) => return Effect::Error(format!("There is no case {case_id}.")),
            Err(e) => return Effect::Error(format!("Could not read the case: {e}")),
        };
        if let Err(e) = ctx.store.write(|tx| tx.log_consult(case_id, CONSULT_JUSTIFICATION)) {
            return Effect::Error(format!("Not opened: the consultation could not be logged ({e})."));
        }
        let parties = match ctx.store.case_parties(case_id, PEOPLE_LIMIT) {
            Ok(p) => p,
            Err(e) => return Effect::Error(format!("Could not read the people of the case: {e}")),
        };
        let letters = match ctx.store.case_letters(case_id, LETTERS_LIMIT) {
            Ok(l) => l,
            Err(e) => return Effect::Error(format!("Could not read the letters of the case: {e}")),
        };
        self.case = Some(OpenCase { header, parties, letters });
        self.view = TimelineView::Everything;
        self.timeline = Paged::default();
        self.audit = Paged::default();
        match self.load_view(Seek::First, Seek::First, Pick::First, ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the timeline: {e}")),
        }
    }

    pub(super) fn load_view(
        &mut self,
        timeline: Seek<crate::store::views::case::TimelineKey>,
        audit: Seek<i64>,
        pick: Pick,
        ctx: &mut Ctx<'_>,
    ) -> StoreResult<()> {
        let Some(case_id) = self.open_case_id() else { return Ok(()) };
        match self.view {
            TimelineView::Everything => {
                let page = ctx.store.case_timeline(case_id, &timeline, PAGE)?;
                self.timeline.set(page, pick);
            }
            TimelineView::AuditOnly => {
                let page = ctx.store.case_audit(case_id, &audit, PAGE)?;
                self.audit.set(page, pick);
            }
        }
        Ok(())
    }

    pub(super) fn move_list(&mut self, mv: Move, ctx: &mut Ctx<'_>) -> Effect {
        let Some((seek, pick)) = self.list.plan(mv, CaseListRow::key) else { return Effect::None };
        match ctx.store.case_list(&seek, PAGE) {
            Ok(page) if !page.rows.is_empty() => self.list.set(page, pick),
            Ok(_) => {}
            Err(e) => return Effect::Error(format!("Could not read the cases: {e}")),
        }
        Effect::None
    }

    fn move_timeline(&mut self, mv: Move, ctx: &mut Ctx<'_>) -> Effect {
        let Some(case_id) = self.open_case_id() else { return Effect::None };
        let result = match self.view {
            TimelineView::Everything => match self.timeline.plan(mv, TimelineEntry::key) {
                Some((seek, pick)) => ctx.store.case_timeline(case_id, &seek, PAGE).map(|page| {
                    if !page.rows.is_empty() {
                        self.timeline.set(page, pick);
                    }
                }),
                None => Ok(()),
            },
            TimelineView::AuditOnly => match self.audit.plan(mv, |a| a.id) {
                Some((seek, pick)) => ctx.store.case_audit(case_id, &seek, PAGE).map(|page| {
                    if !page.rows.is_empty() {
                        self.audit.set(page, pick);
                    }
                }),
                None => Ok(()),
            },
        };
        match result {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the timeline: {e}")),
        }
    }

    /// Enter on a timeline entry: show it where it is worked on.
    fn open_entry(&self, case_id: i64) -> Effect {
        if self.view == TimelineView::AuditOnly {
            return Effect::None;
        }
        let Some(entry) = self.timeline.selected() else { return Effect::None };
        let (screen, entity_id) = match entry.kind {
            EventKind::ConditionSet | EventKind::ConditionDue | EventKind::ConditionCompleted => {
                (ScreenId::Deadlines, Some(entry.id))
            }
            EventKind::Compliance | EventKind::Breach | EventKind::BreachDecision => (ScreenId::Deadlines, None),
            EventKind::ItemDue | EventKind::ItemDone => (ScreenId::Agreements, Some(entry.id)),
            EventKind::Process => (ScreenId::Agreements, Some(entry.id)),
            EventKind::Agreement | EventKind::HarmedInformed => (ScreenId::Agreements, None),
            EventKind::Decision => (ScreenId::Checklist, None),
            _ => return Effect::None,
        };
        Effect::Focus { screen, case_id, entity_id }
    }

    pub(super) fn handle_case(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.case.as_ref().map(|c| c.header.clone()) else { return Effect::None };
        if let Some(mv) = Move::of(action) {
            return self.move_timeline(mv, ctx);
        }
        match action {
            Action::Back => {
                self.case = None;
                self.timeline = Paged::default();
                self.audit = Paged::default();
                let seek = self.list.again(CaseListRow::key);
                match ctx.store.case_list(&seek, PAGE) {
                    Ok(page) => {
                        let keep = self.list.state.selected().unwrap_or(0);
                        self.list.set(page, Pick::Index(keep));
                        Effect::None
                    }
                    Err(e) => Effect::Error(format!("Could not read the cases: {e}")),
                }
            }
            Action::Open => match self.selected_document() {
                Some(document_id) => open_document(document_id, ctx),
                None => self.open_entry(header.case_id),
            },
            Action::AttachDocument => attach_prompt(&header),
            Action::LogContact => common::ask_contact(ctx, header.case_id, &header.reference),
            Action::AddCondition => self.add_condition_prompt(&header, ctx),
            Action::AdvanceStatus => self.advance_prompt(&header, ctx.today),
            Action::NextStep => self.next_step_prompt(&header, ctx),
            Action::Finalise => crate::tui::screens::finalise::finalise_prompt(header.case_id, ctx),
            Action::CloseCase => self.close_confirm(&header, ctx),
            Action::WithdrawCase => self.withdraw_prompt(&header, ctx),
            Action::ReopenCase => self.reopen_prompt(&header, ctx.today),
            Action::Reallocate => self.reallocate_prompt(&header, ctx),
            Action::RjInfoGiven => self.rj_info_prompt(&header, ctx),
            Action::Feedback => self.feedback_prompt(&header, ctx),
            Action::Letter => self.letter_prompt(&header, ctx),
            Action::ServiceProfile => {
                crate::tui::screens::profile::fill_prompt(crate::domain::types::Sender::of(header.service), ctx)
            }
            Action::Edit => self.edit_prompt(&header, ctx),
            Action::RetentionReview => self.retention.start(&header, ctx),
            Action::RecordDisposal if header.is_oocd() => match ctx.store.disposal(header.case_id) {
                Ok(current) => Effect::Ask(disposal_prompt(&header, current, ctx)),
                Err(e) => Effect::Error(format!("Could not read the disposal: {e}")),
            },
            Action::RecordDisposal => Effect::Error("Only an out-of-court disposal has a disposal to record.".into()),
            Action::OpenChecklist => {
                Effect::Focus { screen: ScreenId::Checklist, case_id: header.case_id, entity_id: None }
            }
            Action::ToggleView => {
                self.view = match self.view {
                    TimelineView::Everything => TimelineView::AuditOnly,
                    TimelineView::AuditOnly => TimelineView::Everything,
                };
                match self.load_view(Seek::First, Seek::First, Pick::First, ctx) {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Error(format!("Could not read the timeline: {e}")),
                }
            }
            _ => Effect::None,
        }
    }
}

impl CaseScreen {
    /// After an undo or redo: select the first row it brought back that
    /// the page on screen lists (a timeline event of the open case, or a
    /// case in the list), so it is in view.
    pub(super) fn select_brought_back(&mut self, records: &[(&'static str, i64, Option<i64>)]) {
        let brought_back = |table: Option<&str>, id: i64| records.iter().any(|(t, i, _)| Some(*t) == table && *i == id);
        match (&self.case, self.view) {
            (Some(_), TimelineView::Everything) => {
                let rows = &self.timeline.page.rows;
                if let Some(at) = rows.iter().position(|e| brought_back(e.kind.table(), e.id)) {
                    self.timeline.state.select(Some(at));
                }
            }
            (Some(_), TimelineView::AuditOnly) => {}
            (None, _) => {
                let rows = &self.list.page.rows;
                if let Some(at) = rows.iter().position(|c| brought_back(Some("case_file"), c.case_id)) {
                    self.list.state.select(Some(at));
                }
            }
        }
    }
}
