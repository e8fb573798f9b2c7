//! Checklist: the sense-check, suitability and risk checklist of one RJ /
//! mediation referral (DOMAIN.md §9.2–9.6, §12.4). Each answer is saved the
//! moment it is given; the overall risk and the rules that bind the decision
//! (forced not suitable, manager review) are recomputed from the saved answers
//! and shown beside them. The store enforces the rules again when a decision
//! is recorded; this screen only shows them early and says why it was refused.
//!
//! With no case chosen it lists the referrals whose checklist needs work,
//! oldest first, a keyset page at a time.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::common::result_effect;
use super::{Ctx, Effect, Prompt, Reply, Screen, ScreenId};
use crate::domain::checklist::{
    self, items_in, sense_check_complete, suggested_decision, Answer, AnswerEntry, Answers, ChecklistItem,
    ChecklistSection, Constraints, Decision, DecisionError, RiskLevel, RiskSeverity, ITEMS,
};
use crate::domain::status::{rj_next, OocdStatus, RjStatus};
use crate::domain::types::{CjsStage, Service};
use crate::export::safe::inert;
use crate::store::model::{ChecklistEntry, NewDecision};
use crate::store::views::checklist::{ChecklistCase, DecisionRecord, QueuePage, QueueRow};
use crate::tui::action::Action;
use crate::tui::form::Field;
use crate::tui::theme::Theme;

/// Prompt purposes this screen asks and answers.
pub const NOTE: &str = "checklist_note";
pub const DECIDE: &str = "checklist_decide";
pub const SIGN_OFF: &str = "checklist_sign_off";
pub const ADVANCE: &str = "checklist_advance";

/// Queue rows read per page. Larger than any screen, so the list scrolls
/// within a page and reads the next page only at its edge.
const PAGE_ROWS: usize = 100;

/// Columns an item row needs: highlight, label (45), sensitive marker,
/// answer, severity, note marker.
const ITEM_ROW_WIDTH: u16 = 2 + 45 + 2 + 8 + 7 + 2;
/// Narrowest useful side panel; below it the assessment goes underneath.
const SIDE_PANEL_MIN: u16 = 30;
/// The item code column (RK_SAFEGUARD_CHILD and a space), shown when the
/// side panel would still be at least `WIDE_PANEL_MIN` wide.
const CODE_WIDTH: u16 = 19;
const WIDE_PANEL_MIN: u16 = 48;

const SENSITIVE_MARK: &str = "†";
const SENSITIVE_LEGEND: &str = "† health data: DPA 2018 s.35";
const NOTE_MARK: &str = "✎";

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
    constraints: Constraints,
    decision: Option<DecisionRecord>,
    /// Working days in the current status, and whether that is over target.
    age: i64,
    late: bool,
    /// Index into `ITEMS`.
    cursor: usize,
    state: ListState,
}

impl OpenCase {
    fn item(&self) -> &'static ChecklistItem {
        &ITEMS[self.cursor.min(ITEMS.len() - 1)]
    }

    fn is_oocd(&self) -> bool {
        self.case.service == Service::Oocd
    }

    fn status(&self) -> Option<RjStatus> {
        RjStatus::parse(&self.case.status)
    }
}

/// What was typed into a decision prompt the store refused, so asking again
/// does not lose it.
#[derive(Debug, Clone)]
struct Draft {
    case_id: i64,
    purpose: &'static str,
    values: Vec<String>,
}

#[derive(Debug, Default)]
pub struct ChecklistScreen {
    queue: Queue,
    open: Option<OpenCase>,
    draft: Option<Draft>,
    /// Rows visible in the list at the last draw, for paging.
    page: usize,
}

impl ChecklistScreen {
    pub fn new() -> Self {
        ChecklistScreen::default()
    }

    /// The case whose checklist is shown, if any.
    fn case_id(&self) -> Option<i64> {
        self.open.as_ref().map(|o| o.case.case_id)
    }

    // ---------- the queue ----------

    fn load_queue(&mut self, page: QueuePage, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let rows = ctx.store.checklist_queue_page(&page, PAGE_ROWS)?;
        self.queue.total = ctx.store.checklist_queue_count()?;
        self.queue.offset = match rows.first() {
            Some(first) => ctx.store.checklist_queue_rank(&first.key())?,
            None => 0,
        };
        let sense = i64::from(ctx.rules.days_or("SENSE_CHECK_WD", 2));
        let stale = i64::from(ctx.rules.days_or("AWAITING_INFO_STALE_WD", 5));
        let assess = i64::from(ctx.rules.days_or("RISK_ASSESSMENT_WD", 10));
        self.queue.entries = rows
            .into_iter()
            .map(|row| {
                let (since, limit) = match row.status.as_str() {
                    "awaiting_info" => (row.status_changed_on, stale),
                    "risk_assessment" => (row.status_changed_on, assess),
                    _ => (row.received_on, sense),
                };
                let age = ctx.calendar.working_days_between(since, ctx.today);
                QueueEntry { row, age, late: age > limit }
            })
            .collect();
        Ok(())
    }

    /// Reload the queue where it stands, keeping the selection's place.
    fn reload_queue(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let keep = self.queue.state.selected().unwrap_or(0);
        let page = match self.queue.entries.first() {
            Some(first) => QueuePage::From(first.row.key()),
            None => QueuePage::First,
        };
        self.load_queue(page, ctx)?;
        if self.queue.entries.is_empty() && self.queue.total > 0 {
            // Everything from here on left the queue: show its end instead.
            self.load_queue(QueuePage::Last, ctx)?;
        }
        self.select_queue(keep);
        Ok(())
    }

    fn select_queue(&mut self, index: usize) {
        let n = self.queue.entries.len();
        self.queue.state.select((n > 0).then(|| index.min(n - 1)));
    }

    /// Move the selection by `delta` rows, reading the next or previous page
    /// at the edge of the one loaded.
    fn move_queue(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let n = self.queue.entries.len() as isize;
        if n == 0 {
            return Ok(());
        }
        let current = self.queue.state.selected().unwrap_or(0) as isize;
        let target = current + delta;
        if target >= n && self.queue.has_next() {
            let last = self.queue.entries[n as usize - 1].row.key();
            self.load_queue(QueuePage::After(last), ctx)?;
            self.select_queue((target - n) as usize);
        } else if target < 0 && self.queue.offset > 0 {
            let first = self.queue.entries[0].row.key();
            self.load_queue(QueuePage::Before(first), ctx)?;
            let m = self.queue.entries.len() as isize;
            self.select_queue((m + target).max(0) as usize);
        } else {
            self.select_queue(target.clamp(0, n - 1) as usize);
        }
        Ok(())
    }

    fn handle_queue(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let page = self.page.max(1) as isize;
        let moved = match action {
            Action::Up => self.move_queue(-1, ctx),
            Action::Down => self.move_queue(1, ctx),
            Action::PageUp => self.move_queue(-page, ctx),
            Action::PageDown => self.move_queue(page, ctx),
            Action::Top => self.load_queue(QueuePage::First, ctx).map(|_| self.select_queue(0)),
            Action::Bottom => self.load_queue(QueuePage::Last, ctx).map(|_| self.select_queue(usize::MAX)),
            _ => Ok(()),
        };
        if let Err(e) = moved {
            return Effect::Error(format!("Could not read the list: {e:#}"));
        }
        let selected = self.queue.selected().map(|e| e.row.case_id);
        match (action, selected) {
            (Action::Open, Some(case_id)) => self.focus(case_id, None, ctx),
            (Action::OpenCase, Some(case_id)) => Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None },
            (Action::Open | Action::OpenCase, None) => Effect::Error("No referral is selected.".into()),
            (
                Action::Answer
                | Action::Severity
                | Action::Note
                | Action::Decide
                | Action::SignOff
                | Action::AdvanceStatus,
                _,
            ) if self.queue.entries.is_empty() => Effect::Error(
                "No referral is waiting for its checklist: find a case with search (/) to open its checklist.".into(),
            ),
            (
                Action::Answer
                | Action::Severity
                | Action::Note
                | Action::Decide
                | Action::SignOff
                | Action::AdvanceStatus,
                _,
            ) => Effect::Error("Choose a referral first: Enter opens its checklist.".into()),
            _ => Effect::None,
        }
    }

    // ---------- one case ----------

    fn load_case(&mut self, case_id: i64, ctx: &mut Ctx<'_>) -> anyhow::Result<bool> {
        let Some(case) = ctx.store.checklist_case(case_id)? else {
            return Ok(false);
        };
        let answers = ctx.store.checklist_answers(case_id)?;
        let decision = ctx.store.latest_decision(case_id)?;
        let constraints = checklist::constraints(&answers, &case.rule_flags());
        let (since, limit) = match case.status.as_str() {
            "received" | "sense_check" => (case.received_on, ctx.rules.days_or("SENSE_CHECK_WD", 2)),
            "awaiting_info" => (case.status_changed_on, ctx.rules.days_or("AWAITING_INFO_STALE_WD", 5)),
            "risk_assessment" => (case.status_changed_on, ctx.rules.days_or("RISK_ASSESSMENT_WD", 10)),
            _ => (case.status_changed_on, u32::MAX),
        };
        let age = ctx.calendar.working_days_between(since, ctx.today);
        let late = age > i64::from(limit);
        let (cursor, state) = match self.open.take() {
            Some(old) if old.case.case_id == case_id => (old.cursor, old.state),
            _ => {
                // Showing a case's risk assessment is a consultation (DPA 2018 s.62).
                ctx.store.write(|tx| tx.log_consult(case_id, "opened on the Checklist screen"))?;
                // Start at the first item with no answer yet.
                let first_open = ITEMS.iter().position(|i| answers.get(i.code).is_none()).unwrap_or(0);
                (first_open, ListState::default())
            }
        };
        self.open = Some(OpenCase { case, answers, constraints, decision, age, late, cursor, state });
        Ok(true)
    }

    fn handle_case(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_mut() else { return Effect::None };
        let page = self.page.max(1) as isize;
        let last = ITEMS.len() as isize - 1;
        let step = |open: &mut OpenCase, delta: isize| {
            open.cursor = (open.cursor as isize + delta).clamp(0, last) as usize;
        };
        match action {
            Action::Up => step(open, -1),
            Action::Down => step(open, 1),
            Action::PageUp => step(open, -page),
            Action::PageDown => step(open, page),
            Action::Top => open.cursor = 0,
            Action::Bottom => open.cursor = ITEMS.len() - 1,
            Action::Back => {
                self.open = None;
                return match self.reload_queue(ctx) {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Error(format!("Could not read the list: {e:#}")),
                };
            }
            Action::OpenCase => {
                return Effect::Focus { screen: ScreenId::Case, case_id: open.case.case_id, entity_id: None };
            }
            Action::Answer | Action::Severity | Action::Note | Action::Decide | Action::SignOff if open.is_oocd() => {
                return Effect::Error(format!(
                    "{} is an OOCD case: OOCD cases have no RJ suitability checklist. Press o for the Case screen.",
                    open.case.reference
                ));
            }
            Action::Answer => return self.cycle_answer(ctx),
            Action::Severity => return self.cycle_severity(ctx),
            Action::Note => return self.note_prompt(),
            Action::Decide => return self.decision_prompt(DECIDE),
            Action::SignOff => return self.decision_prompt(SIGN_OFF),
            Action::AdvanceStatus => return self.advance(ctx),
            _ => {}
        }
        Effect::None
    }

    /// Save one item's entry and say what changed, the risk level included.
    fn save_entry(&mut self, entry: ChecklistEntry, said: String, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let case_id = open.case.case_id;
        let before = open.constraints.risk;
        let mut after_answers = open.answers.clone();
        let _ = after_answers.set(
            &entry.item_code,
            AnswerEntry { answer: entry.answer, severity: entry.severity, note: entry.note.clone() },
        );
        let after = checklist::overall_risk(&after_answers);
        let today = ctx.today;
        let risk = if after == before {
            String::new()
        } else {
            format!(" — overall risk {} → {}", before.as_str(), after.as_str())
        };
        result_effect(ctx.store.write(|tx| tx.answer_checklist(case_id, &entry, today)), format!("{said}{risk}"))
    }

    fn cycle_answer(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        let current = open.answers.get(item.code).cloned();
        // A first press says yes; after that the answer cycles
        // (yes → no → unknown → n/a, without n/a on risk areas).
        let answer = current.as_ref().map_or(Answer::Yes, |e| e.answer.next_for(item.section));
        let entry = ChecklistEntry {
            item_code: item.code.to_string(),
            answer,
            severity: current.as_ref().and_then(|e| e.severity),
            note: current.map(|e| e.note).unwrap_or_default(),
        };
        let said = format!("Saved {}: {}", item.code, answer.as_str());
        self.save_entry(entry, said, ctx)
    }

    fn cycle_severity(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        if item.section != ChecklistSection::Risk {
            return Effect::Error("Severity is for risk areas: move down to the Risk assessment section.".into());
        }
        let Some(current) = open.answers.get(item.code).filter(|e| e.answer == Answer::Yes).cloned() else {
            return Effect::Error(format!(
                "Severity applies to a risk that is present: answer {} yes first (answer key).",
                item.code
            ));
        };
        let severity = match current.severity {
            None => RiskSeverity::Low,
            Some(RiskSeverity::Low) => RiskSeverity::Medium,
            Some(RiskSeverity::Medium) => RiskSeverity::High,
            Some(RiskSeverity::High) => RiskSeverity::Low,
        };
        let entry = ChecklistEntry {
            item_code: item.code.to_string(),
            answer: current.answer,
            severity: Some(severity),
            note: current.note,
        };
        let said = format!("Saved {}: severity {}", item.code, severity.as_str());
        self.save_entry(entry, said, ctx)
    }

    fn note_prompt(&self) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        let note = open.answers.get(item.code).map(|e| e.note.clone()).unwrap_or_default();
        let sensitive = if item.sensitive { " Sensitive: health data (DPA 2018 s.35)." } else { "" };
        Effect::Ask(Prompt {
            title: format!("Note on {} — {}", item.code, open.case.reference),
            message: format!("{}.{sensitive} A note is an assessment, not a fact; blank clears it.", item.label),
            fields: vec![Field::text("Note").with_value(&note).with_hint("what supports the answer")],
            purpose: NOTE,
            ids: vec![open.case.case_id, open.cursor as i64],
        })
    }

    fn save_note(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let (Some(&case_id), Some(item)) =
            (reply.ids.first(), reply.ids.get(1).and_then(|i| usize::try_from(*i).ok()).and_then(|i| ITEMS.get(i)))
        else {
            return Effect::Error("Not saved: the item was not found.".into());
        };
        let current = match ctx.store.checklist_answers(case_id) {
            Ok(a) => a.get(item.code).cloned(),
            Err(e) => return Effect::Error(format!("Not saved: {e}")),
        };
        let note = reply.value(0).to_string();
        let said = if note.is_empty() {
            format!("Saved {}: note cleared", item.code)
        } else {
            format!("Saved {}: note", item.code)
        };
        let entry = ChecklistEntry {
            item_code: item.code.to_string(),
            // A note on an item not yet answered records it as unknown, which
            // is what a missing answer already counts as.
            answer: current.as_ref().map_or(Answer::Unknown, |e| e.answer),
            severity: current.and_then(|e| e.severity),
            note,
        };
        if self.case_id() != Some(case_id) {
            let today = ctx.today;
            return result_effect(ctx.store.write(|tx| tx.answer_checklist(case_id, &entry, today)), said);
        }
        self.save_entry(entry, said, ctx)
    }

    /// The decision prompt: `DECIDE` (sign-off optional) or `SIGN_OFF`
    /// (a manager's name first, required).
    fn decision_prompt(&self, purpose: &'static str) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let c = &open.constraints;
        let signing = purpose == SIGN_OFF;
        // With a manager signing, the review reasons no longer stand in the way.
        let suggested = if signing {
            let without_review = Constraints { manager_review: Vec::new(), ..c.clone() };
            suggested_decision(&without_review, &open.answers)
        } else {
            suggested_decision(c, &open.answers)
        };
        let draft = self.draft.as_ref().filter(|d| d.case_id == open.case.case_id && d.purpose == purpose);
        let typed = |i: usize| draft.and_then(|d| d.values.get(i)).cloned().unwrap_or_default();
        let options: Vec<(String, String)> =
            Decision::ALL.iter().map(|d| (d.as_str().to_string(), d.label().to_string())).collect();
        let (decision_at, rationale_at, manager_at) = if signing { (1, 2, 0) } else { (0, 1, 2) };
        let chosen = Decision::parse(&typed(decision_at)).unwrap_or(suggested);
        let choice = Decision::ALL.iter().position(|d| *d == chosen).unwrap_or(0);
        let decision = Field::choice("Decision", options, choice);
        let rationale =
            Field::text("Rationale").required().with_value(&typed(rationale_at)).with_hint("why this decision");
        let mut fields = vec![decision, rationale];
        let mut message = format!(
            "Overall risk {}; {} suggests {}.",
            c.risk.as_str().to_uppercase(),
            if signing { "with a manager's sign-off the checklist" } else { "the checklist" },
            suggested.label().to_lowercase()
        );
        if !c.forced_not_suitable.is_empty() {
            message.push_str(&format!(" Suitable is barred: {}.", short_reasons(&c.forced_not_suitable)));
        } else if !c.manager_review.is_empty() && !signing {
            message.push_str(&format!(" Suitable needs sign-off: {}.", short_reasons(&c.manager_review)));
        }
        if !c.suitability_open.is_empty() && c.forced_not_suitable.is_empty() {
            let open_items = &c.suitability_open;
            let which = if open_items.len() <= 3 {
                open_items.join(", ")
            } else {
                format!("{} suitability items", open_items.len())
            };
            message.push_str(&format!(" Still no or unknown: {which}."));
        }
        if signing {
            message.push_str(" The manager's name is recorded with the decision.");
        }
        let title = if signing {
            let manager = Field::text("Manager")
                .required()
                .with_value(&typed(manager_at))
                .with_hint("name of the signing manager");
            fields.insert(0, manager);
            format!("Manager sign-off — {}", open.case.reference)
        } else {
            let manager = Field::text("Manager sign-off")
                .with_value(&typed(manager_at))
                .with_hint("manager's name, if signed off (optional)");
            fields.push(manager);
            format!("Decision — {}", open.case.reference)
        };
        Effect::Ask(Prompt { title, message, fields, purpose, ids: vec![open.case.case_id] })
    }

    fn record_decision(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(&case_id) = reply.ids.first() else { return Effect::None };
        let signing = reply.purpose == SIGN_OFF;
        let (decision_at, rationale_at, manager_at) = if signing { (1, 2, 0) } else { (0, 1, 2) };
        let Some(decision) = Decision::parse(reply.value(decision_at)) else {
            return Effect::Error("Not saved: choose a decision.".into());
        };
        let manager = Some(reply.value(manager_at).to_string()).filter(|m| !m.is_empty());
        let answers = match ctx.store.checklist_answers(case_id) {
            Ok(a) => a,
            Err(e) => return Effect::Error(format!("Not saved: {e}")),
        };
        let before = ctx.store.case_status_text(case_id).ok().flatten();
        let reference =
            ctx.store.checklist_case(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |c| c.reference);
        let today = ctx.today;
        let new = NewDecision {
            decided_on: today,
            decision,
            // The store keeps the higher of this and what it computes.
            risk_level: checklist::overall_risk(&answers),
            rationale: reply.value(rationale_at).to_string(),
            manager_signoff_on: manager.as_ref().map(|_| today),
            manager_signoff_by: manager.clone(),
        };
        match ctx.store.write(|tx| tx.record_decision(case_id, &new)) {
            Ok(_) => {
                self.draft = None;
                let after = ctx.store.case_status_text(case_id).ok().flatten();
                let moved = match (&before, &after) {
                    (Some(b), Some(a)) if b != a => format!("; case now {}", status_label(a).to_lowercase()),
                    _ => String::new(),
                };
                let signed = manager.map_or(String::new(), |m| format!(", signed off by {}", inert(&m)));
                Effect::Status(format!(
                    "Saved {reference}: {} (risk {}){signed}{moved}.",
                    decision.label(),
                    new.risk_level.as_str()
                ))
            }
            Err(e) => {
                self.draft = Some(Draft { case_id, purpose: reply.purpose, values: reply.values.clone() });
                // The store's reasons in full run past one status line; the
                // same domain rules, asked again, give them in short.
                let flags = ctx.store.checklist_case(case_id).ok().flatten().map(|c| c.rule_flags());
                let short = flags.and_then(|flags| {
                    let c = checklist::constraints(&answers, &flags);
                    checklist::validate_decision(decision, &new.rationale, &c, new.manager_signoff_by.is_some())
                        .err()
                        .map(|errors| refusal_summary(&errors))
                });
                Effect::Error(format!("Not saved: {}", short.unwrap_or_else(|| e.to_string())))
            }
        }
    }

    /// The forward moves offered here: withdrawing, pausing and closing are
    /// for the Case screen, and suitable / not suitable come with a decision.
    fn forward_targets(open: &OpenCase) -> Vec<RjStatus> {
        let Some(status) = open.status() else { return Vec::new() };
        let paused_from = open.case.paused_from.as_deref().and_then(RjStatus::parse);
        rj_next(status, paused_from)
            .into_iter()
            .filter(|t| {
                !matches!(
                    t,
                    RjStatus::Withdrawn
                        | RjStatus::Paused
                        | RjStatus::Suitable
                        | RjStatus::NotSuitable
                        | RjStatus::Closed
                )
            })
            .collect()
    }

    fn advance(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        if open.is_oocd() {
            return Effect::Error("OOCD statuses move on the Case screen: press o.".into());
        }
        let reference = open.case.reference.clone();
        let targets = Self::forward_targets(open);
        match targets.as_slice() {
            [] => Effect::Error(match open.status() {
                Some(RjStatus::RiskAssessment) => {
                    "At risk assessment the decision moves the case on: press d to record it.".into()
                }
                Some(RjStatus::NotSuitable) => {
                    format!("{reference} was found not suitable: close it from the Case screen (o).")
                }
                Some(s) if s.is_terminal() => format!("{reference} is {}: its status does not move.", s.label()),
                _ => format!("{reference} has no next status here: the Case screen (o) has every move."),
            }),
            [only] => self.move_to(open.case.case_id, *only, ctx),
            several => {
                let complete = sense_check_complete(&open.answers);
                let default = match &complete {
                    Ok(()) => several.iter().position(|t| *t == RjStatus::RiskAssessment),
                    Err(_) => several.iter().position(|t| *t == RjStatus::AwaitingInfo),
                }
                .unwrap_or(0);
                let message = match (open.status(), complete) {
                    (Some(RjStatus::SenseCheck), Ok(())) => "The sense-check is complete.".to_string(),
                    (Some(RjStatus::SenseCheck), Err(missing)) => format!(
                        "Risk assessment is refused until the sense-check is complete: {} still open.",
                        if missing.len() <= 3 { missing.join(", ") } else { format!("{} items", missing.len()) }
                    ),
                    _ => String::new(),
                };
                let options = several.iter().map(|t| (t.as_str().to_string(), t.label().to_string())).collect();
                Effect::Ask(Prompt {
                    title: format!("Move {reference} on"),
                    message,
                    fields: vec![Field::choice("Move to", options, default)],
                    purpose: ADVANCE,
                    ids: vec![open.case.case_id],
                })
            }
        }
    }

    fn move_to(&mut self, case_id: i64, to: RjStatus, ctx: &mut Ctx<'_>) -> Effect {
        let today = ctx.today;
        let from = ctx.store.case_status_text(case_id).ok().flatten().unwrap_or_default();
        let reference =
            ctx.store.checklist_case(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |c| c.reference);
        let result = ctx.store.write(|tx| tx.change_status(case_id, to.as_str(), today));
        result_effect(
            result,
            format!("Saved {reference}: {} → {}.", status_label(&from).to_lowercase(), to.label().to_lowercase()),
        )
    }
}

impl Screen for ChecklistScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Checklist
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
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
        match reply.purpose {
            NOTE => self.save_note(&reply, ctx),
            DECIDE | SIGN_OFF => self.record_decision(&reply, ctx),
            ADVANCE => match (reply.ids.first(), RjStatus::parse(reply.value(0))) {
                (Some(&case_id), Some(to)) => self.move_to(case_id, to, ctx),
                _ => Effect::Error("Not saved: choose a status.".into()),
            },
            _ => Effect::None,
        }
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

    fn footer(&self) -> Vec<Action> {
        match &self.open {
            None if self.queue.entries.is_empty() => vec![Action::Undo],
            None => vec![Action::Open, Action::OpenCase, Action::Undo],
            Some(open) if open.is_oocd() => vec![Action::OpenCase, Action::Back],
            Some(open) => {
                // Most useful first: the footer drops whatever does not fit.
                let mut keys = vec![Action::Answer];
                if open.item().section == ChecklistSection::Risk {
                    keys.push(Action::Severity);
                }
                keys.extend([Action::Decide, Action::Back, Action::Note]);
                let review = !open.constraints.manager_review.is_empty()
                    || open
                        .decision
                        .as_ref()
                        .is_some_and(|d| d.decision == Decision::ReferToManager && d.manager_signoff_by.is_none());
                if review {
                    keys.push(Action::SignOff);
                }
                if !Self::forward_targets(open).is_empty() {
                    keys.push(Action::AdvanceStatus);
                }
                keys.extend([Action::OpenCase, Action::Undo]);
                keys
            }
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

// ---------- drawing ----------

fn status_label(status: &str) -> String {
    match (RjStatus::parse(status), OocdStatus::parse(status)) {
        (Some(s), _) => s.label().to_string(),
        (None, Some(s)) => s.label().to_string(),
        _ => status.replace('_', " "),
    }
}

/// Why a decision was refused, in one status line.
fn refusal_summary(errors: &[DecisionError]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| match e {
            DecisionError::RationaleRequired => "a rationale is required".to_string(),
            DecisionError::ForcedNotSuitable(r) => format!("cannot be suitable ({})", short_reasons(r)),
            DecisionError::ManagerReviewRequired(r) => {
                format!("suitable needs manager sign-off ({}): m records it", short_reasons(r))
            }
            DecisionError::SuitabilityIncomplete(codes) => {
                let which = if codes.len() <= 3 { codes.join(", ") } else { format!("{} items", codes.len()) };
                format!("suitability still no or unknown ({which})")
            }
        })
        .collect();
    let mut text = parts.join("; ");
    text.push('.');
    text
}

/// The start of each reason, up to its first colon: the item code or rule
/// ("SU_ACCEPTS", "overall risk high"), for one-line summaries.
fn short_reasons(reasons: &[String]) -> String {
    reasons.iter().map(|r| r.split(':').next().unwrap_or(r).trim().to_string()).collect::<Vec<_>>().join(", ")
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else if width == 0 {
        String::new()
    } else {
        let mut t: String = text.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

fn pad(text: &str, width: usize) -> String {
    format!("{:<width$}", truncate(text, width))
}

/// Draw the queue; returns the rows visible, for paging.
fn render_queue(frame: &mut Frame<'_>, area: Rect, theme: &Theme, queue: &mut Queue) -> usize {
    let detail_height = if queue.entries.is_empty() { 0 } else { 5 };
    let [list_area, detail_area] =
        area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]));
    let position = match queue.state.selected() {
        Some(i) if queue.total > 0 => format!(" {} of {} ", queue.offset + i as i64 + 1, queue.total),
        _ => String::new(),
    };
    let block = Block::bordered()
        .title(" Checklists to work — RJ and mediation referrals, oldest first ")
        .title_bottom(Line::from(position).right_aligned())
        .border_style(theme.border)
        .title_style(theme.title);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    if queue.entries.is_empty() {
        let lines = vec![
            Line::styled("No referral needs its checklist.", theme.heading),
            Line::from(""),
            Line::from(
                "RJ and mediation referrals appear here while they are received, in sense-check, \
                 awaiting information or at risk assessment. Log one on Intake (2); open any case's \
                 checklist from search (/) or from the Case screen.",
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return inner.height as usize;
    }
    let [head_area, rows_area] = inner.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
    let offence_width = (inner.width as usize).saturating_sub(2 + 14 + 21 + 8 + 9);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "  {}{}{}{}{}",
                pad("Reference", 14),
                pad("Status", 21),
                pad("Waiting", 8),
                pad("Answered", 9),
                "Offence"
            ),
            theme.muted,
        )),
        head_area,
    );
    let items: Vec<ListItem> = queue
        .entries
        .iter()
        .map(|e| {
            let status =
                if e.row.awaiting_manager { "Manager sign-off".to_string() } else { status_label(&e.row.status) };
            let age_style = if e.late { theme.overdue } else { theme.normal };
            let flag = if e.row.specialist_flag { "⚑ " } else { "" };
            let offence = if e.row.offence.is_empty() { "—".to_string() } else { inert(&e.row.offence) };
            ListItem::new(Line::from(vec![
                Span::styled(pad(&e.row.reference, 14), theme.title),
                Span::raw(pad(&status, 21)),
                Span::styled(pad(&format!("{} wd", e.age), 8), age_style),
                Span::raw(pad(&format!("{}/{}", e.row.answered, ITEMS.len()), 9)),
                Span::styled(flag, theme.warning),
                Span::raw(truncate(&offence, offence_width.saturating_sub(flag.chars().count()))),
            ]))
        })
        .collect();
    let list = List::new(items).highlight_style(theme.selected).highlight_symbol("▶ ");
    frame.render_stateful_widget(list, rows_area, &mut queue.state);
    let detail = match queue.selected() {
        Some(e) => {
            let r = &e.row;
            let mut lines = vec![
                Line::from(vec![
                    Span::styled(r.reference.clone(), theme.title),
                    Span::raw(format!(
                        " received {} · {} for {} wd",
                        r.received_on.format("%-d %b %Y"),
                        status_label(&r.status).to_lowercase(),
                        e.age
                    )),
                    Span::styled(if e.late { ", over target" } else { "" }, theme.overdue),
                ]),
                Line::from(if r.offence.is_empty() { "Offence not recorded.".to_string() } else { inert(&r.offence) }),
            ];
            if r.specialist_flag {
                lines.push(Line::styled(
                    "⚑ Domestic abuse, sexual offence or hate crime flagged at intake: manager review.",
                    theme.warning,
                ));
            }
            lines
        }
        None => Vec::new(),
    };
    frame.render_widget(
        Paragraph::new(detail).wrap(Wrap { trim: true }).block(Block::bordered().border_style(theme.border)),
        detail_area,
    );
    rows_area.height as usize
}

fn intake_flags(case: &ChecklistCase) -> Vec<&'static str> {
    let f = &case.flags;
    [
        (f.domestic_abuse, "domestic abuse"),
        (f.intimate_partner, "intimate partner"),
        (f.sexual, "sexual offence"),
        (f.hate_crime, "hate crime"),
        (f.knife, "knife"),
        (f.youth, "youth"),
    ]
    .into_iter()
    .filter_map(|(on, word)| on.then_some(word))
    .collect()
}

fn render_header(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let case = &open.case;
    let width = area.width as usize;
    let age_style = if open.late { theme.overdue } else { theme.muted };
    let late = if open.late { ", over target" } else { "" };
    let stage = match CjsStage::parse(&case.cjs_stage) {
        Some(CjsStage::Unknown) | None => "CJS stage unknown".to_string(),
        Some(s) => format!("CJS: {}", s.label()),
    };
    // Most important first; whatever does not fit the width is left off.
    let line1 = fit_spans(
        vec![
            Span::styled(case.reference.clone(), theme.title),
            Span::raw(" · "),
            Span::styled(status_label(&case.status), theme.heading),
            // Working days in the status mean something for referrals only.
            if open.is_oocd() { Span::raw("") } else { Span::styled(format!(" ({} wd{late})", open.age), age_style) },
            Span::raw(format!(" · {}", case.service.label())),
            Span::raw(format!(" · received {}", case.received_on.format("%-d %b %Y"))),
            Span::raw(format!(" · {stage}")),
        ],
        width,
    );
    let flags = intake_flags(case);
    let flag_span = if flags.is_empty() {
        Span::styled("no intake flags", theme.muted)
    } else {
        Span::styled(format!("⚑ {}", flags.join(", ")), theme.warning)
    };
    let offence = case.offence.as_deref().map_or_else(|| "offence not recorded".to_string(), inert);
    let crime = case.crime_ref.as_deref().map_or(String::new(), |c| format!(" ({})", inert(c)));
    let room = width.saturating_sub(flag_span.content.chars().count() + 3);
    let line2 = Line::from(vec![flag_span, Span::raw(" · "), Span::raw(truncate(&format!("{offence}{crime}"), room))]);
    frame.render_widget(Paragraph::new(vec![line1, line2]), area);
}

/// The spans that fit in `width`, in order, stopping at the first that does not.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut kept = Vec::new();
    for span in spans {
        let w = span.content.chars().count();
        if used + w > width {
            break;
        }
        used += w;
        kept.push(span);
    }
    Line::from(kept)
}

/// Draw one case; returns the item rows visible, for paging.
fn render_case(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &mut OpenCase) -> usize {
    let [header, main] = area.layout(&Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]));
    render_header(frame, header, theme, open);
    if open.is_oocd() {
        let lines = vec![
            Line::styled("OOCD cases have no RJ suitability checklist.", theme.heading),
            Line::from(""),
            Line::from(
                "The sense-check, suitability and risk checklist is for restorative justice and mediation \
                 referrals (DOMAIN.md §12.4). This case's disposal, conditions and deadlines are on the Case \
                 screen: press o. Esc returns to the list of referrals.",
            ),
        ];
        let block = Block::bordered().title(" Checklist ").border_style(theme.border);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), main);
        return 1;
    }
    let side = main.width >= ITEM_ROW_WIDTH + 2 + SIDE_PANEL_MIN;
    // On a wide terminal the item codes the rules cite are shown too.
    let codes = main.width >= ITEM_ROW_WIDTH + 2 + CODE_WIDTH + WIDE_PANEL_MIN;
    let items_width = ITEM_ROW_WIDTH + 2 + if codes { CODE_WIDTH } else { 0 };
    let (items_area, panel_area, detail_area) = if side {
        let [left, panel] = main.layout(&Layout::horizontal([Constraint::Length(items_width), Constraint::Fill(1)]));
        let [items, detail] = left.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]));
        (items, panel, detail)
    } else {
        let [items, detail, panel] =
            main.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(3), Constraint::Length(5)]));
        (items, panel, detail)
    };
    let visible = render_items(frame, items_area, theme, open, codes);
    // One column clear of the panel's border.
    let detail_area = Rect { width: detail_area.width.saturating_sub(1), ..detail_area };
    render_detail(frame, detail_area, theme, open);
    if side {
        render_panel(frame, panel_area, theme, open);
    } else {
        render_compact_panel(frame, panel_area, theme, open);
    }
    visible
}

fn answer_style(item: &ChecklistItem, entry: Option<&AnswerEntry>, theme: &Theme) -> Style {
    let Some(entry) = entry else { return theme.muted };
    match (item.section, entry.answer) {
        (ChecklistSection::Risk, Answer::Yes) if entry.severity == Some(RiskSeverity::High) => theme.overdue,
        (ChecklistSection::Risk, Answer::Yes | Answer::Unknown) => theme.warning,
        (ChecklistSection::Risk, _) => theme.normal,
        (ChecklistSection::Suitability, Answer::No) => theme.overdue,
        (_, Answer::Yes | Answer::NotApplicable) => theme.good,
        (_, Answer::No | Answer::Unknown) => theme.warning,
    }
}

fn section_heading(section: ChecklistSection, answers: &Answers) -> String {
    let items: Vec<&ChecklistItem> = items_in(section).collect();
    match section {
        ChecklistSection::Risk => {
            let present = items.iter().filter(|i| answers.answer(i.code) == Answer::Yes).count();
            let unknown = items.iter().filter(|i| answers.answer(i.code) == Answer::Unknown).count();
            format!("{} · {present} present, {unknown} unknown", section.label())
        }
        _ => {
            let done =
                items.iter().filter(|i| matches!(answers.answer(i.code), Answer::Yes | Answer::NotApplicable)).count();
            format!("{} · {done} of {} yes or n/a", section.label(), items.len())
        }
    }
}

fn render_items(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &mut OpenCase, codes: bool) -> usize {
    let answered = ITEMS.iter().filter(|i| open.answers.get(i.code).is_some()).count();
    let block = Block::bordered()
        .title(format!(" Checklist · {answered} of {} answered ", ITEMS.len()))
        .title_bottom(Line::styled(format!(" {SENSITIVE_LEGEND} "), theme.muted).right_aligned())
        .border_style(theme.border)
        .title_style(theme.title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Label width: what is left after the fixed columns, at most the 45 columns labels are kept to.
    let code_width = if codes { CODE_WIDTH as usize } else { 0 };
    let label_width = (inner.width as usize).saturating_sub(2 + code_width + 2 + 8 + 7 + 1).min(45);
    let mut rows = Vec::new();
    let mut selected_row = 0;
    for section in ChecklistSection::ALL {
        rows.push(ListItem::new(Line::styled(section_heading(section, &open.answers), theme.heading)));
        for item in items_in(section) {
            if item.code == open.item().code {
                selected_row = rows.len();
            }
            let entry = open.answers.get(item.code);
            let answer = entry.map_or("—", |e| e.answer.label());
            let severity = match entry {
                Some(e) if item.section == ChecklistSection::Risk && e.answer == Answer::Yes => {
                    e.severity.map_or("—", |s| s.as_str())
                }
                _ => "",
            };
            let severity_style = match entry.and_then(|e| e.severity) {
                Some(RiskSeverity::High) => theme.overdue,
                Some(_) => theme.warning,
                None => theme.muted,
            };
            let note = if entry.is_some_and(|e| !e.note.trim().is_empty()) { NOTE_MARK } else { " " };
            let sensitive = if item.sensitive { format!("{SENSITIVE_MARK} ") } else { "  ".to_string() };
            rows.push(ListItem::new(Line::from(vec![
                Span::styled(pad(if codes { item.code } else { "" }, code_width), theme.muted),
                Span::raw(pad(item.label, label_width)),
                Span::styled(sensitive, theme.muted),
                Span::styled(pad(answer, 8), answer_style(item, entry, theme)),
                Span::styled(pad(severity, 7), severity_style),
                Span::styled(note, theme.muted),
            ])));
        }
    }
    open.state.select(Some(selected_row));
    // Scrolling up onto the first item of a section shows its heading too.
    let first_in_section =
        ChecklistSection::ALL.iter().any(|s| items_in(*s).next().map(|i| i.code) == Some(open.item().code));
    if first_in_section && open.state.offset() >= selected_row {
        *open.state.offset_mut() = selected_row.saturating_sub(1);
    }
    let list = List::new(rows).highlight_style(theme.selected).highlight_symbol("▶ ");
    frame.render_stateful_widget(list, inner, &mut open.state);
    inner.height as usize
}

fn render_detail(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let item = open.item();
    let entry = open.answers.get(item.code);
    let first = vec![Span::styled(format!("{} ", item.code), theme.title), Span::raw(item.help)];
    let mut second = Vec::new();
    if item.section == ChecklistSection::Risk && entry.is_some_and(|e| e.answer == Answer::Yes && e.severity.is_none())
    {
        second.push(Span::styled("Severity not recorded: counted as medium. ", theme.warning));
    }
    match entry.map(|e| e.note.trim()).filter(|n| !n.is_empty()) {
        Some(note) => second.push(Span::raw(format!("{NOTE_MARK} {}", inert(note)))),
        None => second.push(Span::styled("No note.", theme.muted)),
    }
    frame.render_widget(Paragraph::new(vec![Line::from(first), Line::from(second)]).wrap(Wrap { trim: true }), area);
}

fn risk_style(risk: RiskLevel, theme: &Theme) -> Style {
    match risk {
        RiskLevel::Low => theme.good,
        RiskLevel::Medium => theme.warning,
        RiskLevel::High | RiskLevel::Unsafe => theme.overdue,
    }
}

fn decision_line(d: &DecisionRecord) -> String {
    let signoff = match (&d.manager_signoff_by, d.manager_signoff_on) {
        (Some(by), Some(on)) => format!("signed off by {} on {}", inert(by), on.format("%-d %b")),
        (Some(by), None) => format!("signed off by {}", inert(by)),
        _ => "no sign-off".to_string(),
    };
    format!(
        "{} on {} by {} (risk {}); {signoff}.",
        d.decision.label(),
        d.decided_on.format("%-d %b %Y"),
        inert(&d.decided_by),
        d.risk_level.as_str()
    )
}

fn sense_check_text(answers: &Answers) -> (String, bool) {
    match sense_check_complete(answers) {
        Ok(()) => ("complete".to_string(), true),
        Err(missing) => (format!("{} open", missing.len()), false),
    }
}

/// The assessment beside the items: every reason in full.
fn render_panel(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let width = area.width.saturating_sub(2) as usize;
    let c = &open.constraints;
    let suggested = suggested_decision(c, &open.answers);
    let (sense, sense_ok) = sense_check_text(&open.answers);
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Overall risk  "),
            Span::styled(c.risk.as_str().to_uppercase(), risk_style(c.risk, theme)),
        ]),
        Line::from(vec![Span::raw("Suggested     "), Span::styled(suggested.label(), theme.title)]),
        Line::from(vec![
            Span::raw("Sense-check   "),
            Span::styled(sense, if sense_ok { theme.good } else { theme.warning }),
        ]),
    ];
    if !c.suitability_open.is_empty() {
        lines.push(Line::from(vec![
            Span::raw("Suitability   "),
            Span::styled(format!("{} no or unknown", c.suitability_open.len()), theme.warning),
        ]));
    }
    lines.push(Line::from(""));
    if c.forced_not_suitable.is_empty() {
        lines.push(Line::styled("Nothing forces not suitable.", theme.good));
    } else {
        lines.push(Line::styled("Cannot be suitable:", theme.overdue));
        lines.extend(c.forced_not_suitable.iter().flat_map(|r| bullet(r, width)));
    }
    if c.manager_review.is_empty() {
        lines.push(Line::styled("No manager review needed.", theme.good));
    } else {
        lines.push(Line::styled("Manager review needed:", theme.warning));
        lines.extend(c.manager_review.iter().flat_map(|r| bullet(r, width)));
    }
    lines.push(Line::from(""));
    match &open.decision {
        Some(d) => {
            lines.push(Line::styled("Last decision", theme.heading));
            lines.push(Line::styled(d.decision.label(), theme.title));
            lines.push(Line::from(format!(
                "{} · {} · risk {}",
                d.decided_on.format("%-d %b %Y"),
                inert(&d.decided_by),
                d.risk_level.as_str()
            )));
            lines.push(match &d.manager_signoff_by {
                Some(by) => Line::styled(format!("Signed off by {}", inert(by)), theme.good),
                None => Line::styled("No manager sign-off", theme.muted),
            });
            lines.push(Line::styled(format!("“{}”", inert(&d.rationale)), theme.muted));
        }
        None => lines.push(Line::styled("No decision recorded yet.", theme.muted)),
    }
    let block = Block::bordered().title(" Assessment ").border_style(theme.border).title_style(theme.title);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// A reason as a bullet, wrapped at word boundaries with a hanging indent.
fn bullet(text: &str, width: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(2).max(10);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed = current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > room {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines.into_iter().enumerate().map(|(i, l)| Line::from(format!("{}{l}", if i == 0 { "• " } else { "  " }))).collect()
}

/// The assessment under the items, for narrow terminals: one line per part.
fn render_compact_panel(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let c = &open.constraints;
    let suggested = suggested_decision(c, &open.answers);
    let (sense, sense_ok) = sense_check_text(&open.answers);
    let first = vec![
        Span::raw("Risk "),
        Span::styled(c.risk.as_str().to_uppercase(), risk_style(c.risk, theme)),
        Span::raw(" · suggested "),
        Span::styled(suggested.label(), theme.title),
        Span::raw(" · sense-check "),
        Span::styled(sense, if sense_ok { theme.good } else { theme.warning }),
    ];
    let forced = if !c.forced_not_suitable.is_empty() {
        Line::styled(format!("✗ Cannot be suitable: {}", short_reasons(&c.forced_not_suitable)), theme.overdue)
    } else if !c.suitability_open.is_empty() {
        Line::styled(
            format!("Suitable needs every suitability item yes or n/a: {} still open.", c.suitability_open.len()),
            theme.warning,
        )
    } else {
        Line::styled("Nothing forces not suitable.", theme.good)
    };
    let review = if c.manager_review.is_empty() {
        Line::styled("No manager review needed.", theme.good)
    } else {
        Line::styled(format!("! Manager review: {}", short_reasons(&c.manager_review)), theme.warning)
    };
    let decision = match &open.decision {
        Some(d) => Line::from(format!("Last decision: {}", decision_line(d))),
        None => Line::styled("No decision recorded yet.", theme.muted),
    };
    let width = area.width as usize;
    let fit = |line: Line<'static>| -> Line<'static> {
        // One line each: cut at the width rather than wrap into the next part.
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if text.chars().count() <= width {
            line
        } else {
            Line::styled(truncate(&text, width), line.style)
        }
    };
    let lines = vec![Line::from(first), fit(forced), fit(review), fit(decision)];
    let block =
        Block::new().borders(Borders::TOP).title(" Assessment ").border_style(theme.border).title_style(theme.title);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
