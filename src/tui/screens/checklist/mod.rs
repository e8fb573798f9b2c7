//! Checklist: the sense-check, suitability and risk checklist of one RJ /
//! mediation referral (DOMAIN.md §9.2–9.6, §12.4). Each answer is saved the
//! moment it is given; the overall risk and the rules that bind the decision
//! (forced not suitable, manager review) are recomputed from the saved answers
//! and shown beside them. The store enforces the rules again when a decision
//! is recorded; this screen only shows them early and says why it was refused.
//!
//! With no case chosen it lists the referrals whose checklist needs work,
//! oldest first, a keyset page at a time.
//!
//! The screen is one folder: `mod.rs` holds the state and the `Screen`
//! glue, `paging.rs` the queue of referrals, `answers.rs` answering one
//! case's items, `prompts.rs` what is asked (the note, the decision, the
//! next status) and its `Pending`, `actions.rs` what an answer saves, and
//! `render.rs` and `render_panel.rs` the drawing.

mod actions;
mod answers;
mod paging;
mod prompts;
mod render;
mod render_panel;

use ratatui::layout::Rect;
use ratatui::widgets::ListState;
use ratatui::Frame;

use super::{Ctx, Effect, FieldId, PendingAction, Reply, Screen, ScreenId};
use crate::domain::checklist::{Answer, Answers, ChecklistItem, ChecklistSection, Constraints, Decision, ITEMS};
use crate::domain::status::RjStatus;
use crate::domain::types::Service;
use crate::store::views::checklist::{ChecklistCase, DecisionRecord, QueueRow};
use crate::store::views::checklist_versions::EarlierAssessment;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

use render::{render_case, render_queue};

pub use prompts::Pending;

/// Queue rows read per page. Larger than any screen, so the list scrolls
/// within a page and reads the next page only at its edge.
const PAGE_ROWS: usize = 100;

/// Columns an item row needs: highlight, the answer as a sentence (the
/// longest is 60), sensitive marker, note marker.
const ITEM_ROW_WIDTH: u16 = 2 + 60 + 2 + 2;
/// Narrowest useful side panel; below it the assessment goes underneath.
const SIDE_PANEL_MIN: u16 = 30;

const SENSITIVE_MARK: &str = "†";
const SENSITIVE_LEGEND: &str = "† health data: DPA 2018 s.35";
const NOTE_MARK: &str = "✎";
const PREFILL_MARK: &str = "◇";
const PREFILL_LEGEND: &str = "◇ prefilled: y confirms";

/// One queue row with its age, worked out for the day.
#[derive(Debug, Clone)]
struct QueueEntry {
    row: QueueRow,
    /// Working days in the current stage (since receipt for a new referral).
    age: i64,
    late: bool,
}

#[derive(Debug, Default)]
struct Queue {
    entries: Vec<QueueEntry>,
    state: ListState,
    total: i64,
    /// Queue rows before `entries[0]`.
    offset: i64,
}

impl Queue {
    fn selected(&self) -> Option<&QueueEntry> {
        self.state.selected().and_then(|i| self.entries.get(i))
    }

    fn has_next(&self) -> bool {
        self.offset + (self.entries.len() as i64) < self.total
    }
}

/// The case whose checklist is open.
#[derive(Debug)]
struct OpenCase {
    case: ChecklistCase,
    answers: Answers,
    /// Answers intake's facts suggest for items not yet answered: shown,
    /// marked, and saved only when confirmed.
    prefilled: Vec<(&'static str, Answer)>,
    constraints: Constraints,
    decision: Option<DecisionRecord>,
    /// Working days in the current status, and whether that is over target.
    age: i64,
    late: bool,
    /// Earlier assessments of the case, oldest first, shown read-only.
    earlier: Vec<EarlierAssessment>,
    /// Which earlier assessment is shown instead of the live one, if any.
    viewing: Option<usize>,
    /// Index into `ITEMS`.
    cursor: usize,
    state: ListState,
}

impl OpenCase {
    fn item(&self) -> &'static ChecklistItem {
        &ITEMS[self.cursor.min(ITEMS.len() - 1)]
    }

    /// The answer intake suggests for `code`, while it is not answered
    /// (on the live assessment only).
    fn prefilled(&self, code: &str) -> Option<Answer> {
        if self.viewing.is_some() {
            return None;
        }
        self.prefilled.iter().find(|(c, _)| *c == code).map(|(_, a)| *a)
    }

    /// The answers shown: an earlier assessment's, or the live ones.
    fn shown_answers(&self) -> &Answers {
        self.viewing.and_then(|i| self.earlier.get(i)).map_or(&self.answers, |e| &e.answers)
    }

    /// The live assessment's number: one more than those kept.
    fn version(&self) -> usize {
        self.earlier.len() + 1
    }

    fn is_oocd(&self) -> bool {
        self.case.service == Service::Oocd
    }

    fn status(&self) -> Option<RjStatus> {
        self.case.status.rj()
    }
}

/// What was typed into a decision prompt the store refused, so asking again
/// does not lose it.
#[derive(Debug, Clone)]
struct Draft {
    case_id: i64,
    signing: bool,
    values: Vec<(FieldId, String)>,
}

/// The start of each reason, up to its first colon: the item code or rule
/// ("SU_ACCEPTS", "overall risk high"), for one-line summaries.
pub(super) fn short_reasons(reasons: &[String]) -> String {
    reasons.iter().map(|r| item_words(r.split(':').next().unwrap_or(r).trim())).collect::<Vec<_>>().join(", ")
}

/// A reason the rules give ("SU_ACCEPTS: …") with its item named by label.
pub(super) fn reason_words(reason: &str) -> String {
    match reason.split_once(':') {
        Some((code, rest)) if crate::domain::checklist::item(code.trim()).is_some() => {
            format!("{}:{rest}", item_words(code.trim()))
        }
        _ => reason.to_string(),
    }
}

/// A checklist item by its label where `code` is one (people read labels,
/// never the stored codes); anything else as it is.
pub(super) fn item_words(code: &str) -> &str {
    crate::domain::checklist::item(code).map_or(code, |item| item.label)
}

#[derive(Debug, Default)]
pub struct ChecklistScreen {
    queue: Queue,
    open: Option<OpenCase>,
    draft: Option<Draft>,
    /// Rows visible in the list at the last draw, for paging.
    page: usize,
    /// The open case's answers before the last refresh: what an undo or
    /// redo changed is where they differ.
    answers_before: Option<Answers>,
}

impl ChecklistScreen {
    pub fn new() -> Self {
        ChecklistScreen::default()
    }

    /// The case whose checklist is shown, if any.
    fn case_id(&self) -> Option<i64> {
        self.open.as_ref().map(|o| o.case.case_id)
    }
}

impl Screen for ChecklistScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Checklist
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.answers_before = self.open.as_ref().map(|o| o.answers.clone());
        if let Some(case_id) = self.case_id() {
            if self.load_case(case_id, ctx)? {
                return Ok(());
            }
            self.open = None;
        }
        self.reload_queue(ctx)
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        if self.open.is_some() {
            self.handle_case(action, ctx)
        } else {
            self.handle_queue(action, ctx)
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        let PendingAction::Checklist(pending) = reply.pending.clone() else { return Effect::None };
        match pending {
            Pending::Note { case_id, item } => self.save_note(case_id, item, &reply, ctx),
            Pending::Decide { case_id, signing } => self.record_decision(case_id, signing, &reply, ctx),
            Pending::NewAssessment(case_id) => self.start_new_assessment(case_id, ctx),
            Pending::Advance(case_id) => match RjStatus::parse(reply.value(FieldId::MoveTo)) {
                Some(to) => self.move_to(case_id, to, ctx),
                None => Effect::Error("Not saved: choose a status.".into()),
            },
        }
    }

    fn select_restored(&mut self, records: &[(&'static str, i64, Option<i64>)], _ctx: &mut Ctx<'_>) -> Effect {
        let (Some(open), Some(before)) = (self.open.as_mut(), self.answers_before.as_ref()) else {
            return Effect::None;
        };
        let answered_here =
            records.iter().any(|(table, _, case)| *table == "checklist_answer" && *case == Some(open.case.case_id));
        let changed = ITEMS.iter().position(|i| before.get(i.code) != open.answers.get(i.code));
        if let (true, Some(at)) = (answered_here, changed) {
            open.cursor = at;
        }
        Effect::None
    }

    fn focus(&mut self, case_id: i64, _entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        if self.draft.as_ref().is_some_and(|d| d.case_id != case_id) {
            self.draft = None;
        }
        match self.load_case(case_id, ctx) {
            Ok(true) => Effect::None,
            Ok(false) => Effect::Error(format!("There is no case {case_id}.")),
            Err(e) => Effect::Error(format!("Could not read the case: {e:#}")),
        }
    }

    fn case_for(&self, target: ScreenId) -> Option<i64> {
        self.case_id().filter(|_| target == ScreenId::Case)
    }

    fn footer(&self) -> Vec<Action> {
        match &self.open {
            None if self.queue.entries.is_empty() => vec![Action::Undo],
            None => vec![Action::Open, Action::OpenCase, Action::Undo],
            Some(open) if open.is_oocd() => vec![Action::OpenCase, Action::Back],
            Some(open) => {
                // Most useful first: the footer drops whatever does not fit.
                let mut keys = vec![Action::AnswerYes, Action::AnswerNo, Action::AnswerUnknown];
                if open.item().section == ChecklistSection::Risk {
                    keys.push(Action::Severity);
                } else {
                    keys.push(Action::AnswerNotApplicable);
                }
                keys.push(Action::Decide);
                let review = !open.constraints.manager_review.is_empty()
                    || open
                        .decision
                        .as_ref()
                        .is_some_and(|d| d.decision == Decision::ReferToManager && d.manager_signoff_by.is_none());
                if review {
                    keys.push(Action::SignOff);
                }
                keys.extend([Action::Back, Action::Note]);
                if !Self::forward_targets(open).is_empty() {
                    keys.push(Action::AdvanceStatus);
                }
                keys.extend([Action::Answer, Action::NewAssessment]);
                if !open.earlier.is_empty() {
                    keys.push(Action::ToggleView);
                }
                keys.extend([Action::OpenCase, Action::Undo]);
                keys
            }
        }
    }

    fn footer_label(&self, action: Action) -> Option<&'static str> {
        match action {
            Action::AnswerYes => Some("yes"),
            Action::AnswerNo => Some("no"),
            Action::AnswerUnknown => Some("unknown"),
            Action::AnswerNotApplicable => Some("n/a"),
            Action::Answer => Some("cycle"),
            Action::NewAssessment => Some("new assessment"),
            Action::ToggleView => Some("earlier assessment"),
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        match self.open.as_mut() {
            None => {
                self.page = render_queue(frame, area, theme, &mut self.queue);
            }
            Some(open) => {
                self.page = render_case(frame, area, theme, open);
            }
        }
    }
}
