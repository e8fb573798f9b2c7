//! Case: one case whole. With no case open, a paged list of cases (most
//! recently changed first); Enter opens one. An open case shows its header,
//! its people (the one screen that shows names), its letters, and a timeline
//! newest first of everything that happened to it, or its audit history.
//!
//! Opening a case is a consultation under DPA 2018 s.62, so each opening
//! writes one audit row; refreshing the case already open does not. Writing
//! a standard letter (w) is a disclosure, logged with its recipient.
//!
//! The screen is one folder: `mod.rs` holds the state and the `Screen`
//! glue, `paging.rs` the keyset-paged lists, `browse.rs` opening a case and
//! moving through it, `prompts.rs` what the case keys ask (and its
//! `Pending`), `actions.rs` what an answer saves, `allocation.rs` handing
//! the case to a coordinator, `victims_code.rs` recording the RJ information
//! as given, `edit.rs` and `edit_save.rs` editing the
//! referral, a person, a condition or an item after intake, `retention.rs` the
//! retention review waiting for its confirmation, and `render.rs` the
//! drawing.

mod actions;
mod allocation;
mod browse;
mod documents;
mod edit;
mod edit_save;
mod endings;
mod feedback;
mod next_step;
mod paging;
mod prompts;
mod render;
mod retention;
mod timeline_text;
mod victims_code;

pub use timeline_text::timeline_text;

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::common;
use super::{Ctx, Effect, PendingAction, Reply, Screen, ScreenId};
use crate::domain::closure::is_ending;
use crate::store::views::case::{AuditLine, CaseHeader, CaseListRow, CaseParties, Seek, TimelineEntry};
use crate::store::views::letters::CaseLetters;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

use paging::{Move, Paged, Pick};
use render::{header_lines, render_audit, render_list, render_people, render_timeline};

/// Rows read per query: a page, never a whole table.
const PAGE: usize = 50;
/// People shown in the people panel (the rest are counted).
const PEOPLE_LIMIT: usize = 8;
/// Letters read for the Letters lines (the rest are counted).
const LETTERS_LIMIT: usize = 5;

pub use prompts::Pending;

/// What the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineView {
    /// Every kind of event, by the date it happened or falls due.
    #[default]
    Everything,
    /// The audit log of the case only (who, when, what).
    AuditOnly,
}

/// The case on screen.
#[derive(Debug)]
struct OpenCase {
    header: CaseHeader,
    parties: CaseParties,
    letters: CaseLetters,
}

#[derive(Debug, Default)]
pub struct CaseScreen {
    list: Paged<CaseListRow>,
    case: Option<OpenCase>,
    view: TimelineView,
    timeline: Paged<TimelineEntry>,
    audit: Paged<AuditLine>,
    today: NaiveDate,
    retention: retention::RetentionReview,
}

impl CaseScreen {
    pub fn new() -> Self {
        CaseScreen::default()
    }

    /// The id of the case on screen, if one is open.
    pub fn open_case_id(&self) -> Option<i64> {
        self.case.as_ref().map(|c| c.header.case_id)
    }

    pub fn view(&self) -> TimelineView {
        self.view
    }

    /// The timeline entries read for the open case (the current page).
    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.timeline.page.rows
    }

    /// The audit rows read for the open case (the current page).
    pub fn audit_rows(&self) -> &[AuditLine] {
        &self.audit.page.rows
    }

    /// The cases of the list page on screen.
    pub fn list_rows(&self) -> &[CaseListRow] {
        &self.list.page.rows
    }

    /// The newest letters of the open case, as the Letters lines show them.
    pub fn letters(&self) -> Option<&CaseLetters> {
        self.case.as_ref().map(|c| &c.letters)
    }

    /// The open case, if a reply is about it.
    fn header_for(&self, case_id: i64) -> Option<&CaseHeader> {
        let header = &self.case.as_ref()?.header;
        (header.case_id == case_id).then_some(header)
    }
}

impl Screen for CaseScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Case
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.today = ctx.today;
        if let Some(case_id) = self.open_case_id() {
            match ctx.store.case_header(case_id)? {
                Some(header) => {
                    let parties = ctx.store.case_parties(case_id, PEOPLE_LIMIT)?;
                    let letters = ctx.store.case_letters(case_id, LETTERS_LIMIT)?;
                    self.case = Some(OpenCase { header, parties, letters });
                    let (tl, au) = (self.timeline.again(TimelineEntry::key), self.audit.again(|a: &AuditLine| a.id));
                    let selected = match self.view {
                        TimelineView::Everything => self.timeline.state.selected(),
                        TimelineView::AuditOnly => self.audit.state.selected(),
                    };
                    let pick = Pick::Index(selected.unwrap_or(0));
                    self.load_view(tl, au, pick, ctx)?;
                    return Ok(());
                }
                // Gone (its creation undone): back to the list.
                None => self.case = None,
            }
        }
        let page = ctx.store.case_list(&self.list.again(CaseListRow::key), PAGE)?;
        let page = if page.rows.is_empty() { ctx.store.case_list(&Seek::First, PAGE)? } else { page };
        let keep = self.list.state.selected().unwrap_or(0);
        self.list.set(page, Pick::Index(keep));
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        self.today = ctx.today;
        if self.case.is_some() {
            return self.handle_case(action, ctx);
        }
        if let Some(mv) = Move::of(action) {
            return self.move_list(mv, ctx);
        }
        match action {
            Action::Open => match self.list.selected().map(|r| r.case_id) {
                Some(case_id) => self.open(case_id, ctx),
                None => Effect::Error("There is no case to open. Press 2 to log a referral.".into()),
            },
            Action::LogContact
            | Action::AddCondition
            | Action::AdvanceStatus
            | Action::NextStep
            | Action::Finalise
            | Action::CloseCase
            | Action::WithdrawCase
            | Action::ReopenCase
            | Action::Reallocate
            | Action::AttachDocument
            | Action::RjInfoGiven
            | Action::Feedback
            | Action::OpenChecklist
            | Action::Letter
            | Action::RecordDisposal
            | Action::RetentionReview
            | Action::Edit
            | Action::ToggleView => match self.list.page.total {
                0 => Effect::Error("There are no cases yet. Press 2 to log a referral.".into()),
                _ => Effect::Error("Open a case first: Enter opens the selected case.".into()),
            },
            _ => Effect::None,
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        let pending = match &reply.pending {
            PendingAction::Case(pending) => pending.clone(),
            PendingAction::Shared(shared) => return common::apply_shared_reply(shared, &reply, ctx),
            PendingAction::Finalise(asked) => return super::finalise::apply_reply(asked, &reply, ctx),
            _ => return Effect::None,
        };
        match pending {
            Pending::AddCondition(case_id) => self.add_condition(case_id, &reply, ctx),
            Pending::Advance(case_id) => self.advance(case_id, &reply, ctx),
            Pending::NextStep(case_id) => self.next_step(case_id, &reply, ctx),
            Pending::Transfer(case_id, on) => self.transfer(case_id, on, &reply, ctx),
            Pending::Reallocate(case_id) => self.reallocate(case_id, &reply, ctx),
            Pending::AttachDocument(case_id) => self.attach_document(case_id, &reply, ctx),
            Pending::RjInfoGiven(case_id) => self.rj_info_given(case_id, &reply, ctx),
            Pending::Feedback(case_id) => self.record_feedback(case_id, &reply, ctx),
            Pending::CloseConfirm(case_id) => self.close_outcome_prompt(case_id, ctx),
            Pending::Close(case_id, open) => self.close(case_id, &open, &reply, ctx),
            Pending::Withdraw(case_id, open) => self.withdraw(case_id, &open, &reply, ctx),
            Pending::Reopen(case_id) => self.reopen(case_id, &reply, ctx),
            Pending::WriteLetter(case_id) => self.write_letter(case_id, &reply, ctx),
            Pending::Disposal(case_id) => actions::apply_disposal_reply(case_id, &reply, ctx),
            Pending::RetentionReview(case_id) => {
                let reference = self.header_for(case_id).map(|h| h.reference.clone()).unwrap_or_default();
                self.retention.decide(case_id, &reply, &reference, ctx)
            }
            Pending::EraseConfirm(case_id) => self.retention.erase(case_id, ctx),
            Pending::EditChoose(case_id) => self.edit_chosen(case_id, &reply, ctx),
            Pending::EditReferral(case_id) => self.save_referral(case_id, &reply, ctx),
            Pending::EditPerson(case_id, person_id) => self.save_person(case_id, person_id, &reply, ctx),
            Pending::EditCondition(case_id, id) => self.save_condition(case_id, id, &reply, ctx),
            Pending::EditItem(case_id, item_id) => self.save_item(case_id, item_id, &reply, ctx),
        }
    }

    fn select_restored(&mut self, records: &[(&'static str, i64, Option<i64>)], ctx: &mut Ctx<'_>) -> Effect {
        if let Err(e) = self.refresh(ctx) {
            return Effect::Error(format!("Could not read the case: {e:#}"));
        }
        self.select_brought_back(records);
        Effect::None
    }

    fn focus(&mut self, case_id: i64, _entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        self.today = ctx.today;
        self.open(case_id, ctx)
    }

    fn footer(&self) -> Vec<Action> {
        match &self.case {
            None => vec![Action::Open, Action::Undo],
            Some(case) => {
                let mut actions = vec![Action::LogContact, Action::AdvanceStatus, Action::Edit];
                if case.header.is_oocd() {
                    actions.extend([Action::RecordDisposal, Action::AddCondition]);
                } else {
                    actions.insert(1, Action::NextStep);
                }
                if case.header.retention_review_due.is_some_and(|due| due <= self.today) {
                    actions.insert(0, Action::RetentionReview);
                }
                if case.header.awaits_victim_info() {
                    actions.insert(0, Action::RjInfoGiven);
                }
                actions.push(Action::Letter);
                if feedback::shown_for(&case.header) {
                    actions.push(Action::Feedback);
                }
                if case.header.is_oocd() {
                    actions.push(Action::Finalise);
                }
                // A completed disposal can still close, or be reopened; a
                // live case can close or be withdrawn.
                let ended = is_ending(case.header.service, case.header.status.as_str());
                if !case.header.is_finished() {
                    actions.push(Action::CloseCase);
                }
                actions.push(if ended { Action::ReopenCase } else { Action::WithdrawCase });
                actions.push(Action::AttachDocument);
                actions.extend([Action::ToggleView, Action::OpenChecklist, Action::Back, Action::Undo]);
                actions
            }
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let today = self.today;
        match &self.case {
            None => render_list(frame, area, theme, &mut self.list),
            Some(case) => {
                let people_shown = case.parties.people.len().min(if area.height >= 26 { 5 } else { 3 });
                let letters_shown = case.letters.rows.len().min(if area.height >= 26 { 2 } else { 1 }).max(1);
                // One more line says how many letters are not listed.
                let letters_lines = letters_shown + usize::from(case.letters.total > letters_shown);
                let header_lines = header_lines(&case.header, theme, area.width.saturating_sub(2) as usize);
                let [header_area, people_area, timeline_area] = area.layout(&Layout::vertical([
                    Constraint::Length(header_lines.len() as u16 + 2),
                    Constraint::Length((people_shown.max(1) + letters_lines) as u16 + 2),
                    Constraint::Fill(1),
                ]));
                let service = case.header.service.label();
                let title = format!(" {} · {service} ", case.header.reference);
                frame.render_widget(
                    Paragraph::new(header_lines)
                        .block(Block::bordered().title(title).title_style(theme.title).border_style(theme.border)),
                    header_area,
                );
                render_people(frame, people_area, theme, case, (people_shown, letters_shown));
                match self.view {
                    TimelineView::Everything => render_timeline(frame, timeline_area, theme, &mut self.timeline, today),
                    TimelineView::AuditOnly => render_audit(frame, timeline_area, theme, &mut self.audit),
                }
            }
        }
    }
}
