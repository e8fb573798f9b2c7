//! Deadlines: every open condition and agreement item by due date, a page at
//! a time; filters, tags, and the actions that close or move a deadline:
//! complete with evidence, record a breach and its decision (DOMAIN.md §2.5,
//! §12.3), vary a date with a reason (§2.4 time limits checked), chase.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

use super::common::{self, DeadlineKey};
use super::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply, Screen, ScreenId};
use crate::domain::caps::CapFinding;
use crate::domain::status::{breach_decisions_for, BreachDecision};
use crate::domain::types::{ContactChannel, Service};
use crate::export::safe::inert;
use crate::store::model::{BreachOutcome, NewContact};
use crate::store::views::deadlines::{
    DeadlineCount, DeadlineFilter, DeadlinePage, DeadlineRow, DeadlineSource, PageAt,
};
use crate::store::StoreError;
use crate::tui::action::Action;
use crate::tui::form::Field;
use crate::tui::theme::Theme;

/// Rows read at a time; moving past either end reads the next page. Two
/// screens' worth at the tallest terminals: a filter change re-reads a page,
/// and a smaller page keeps that inside a frame at 100,000 cases.
pub const PAGE: usize = 100;
/// "Tag all" stops here, so one keypress never drags a whole table along.
pub const TAG_CAP: usize = 500;

/// What a prompt of this screen does once answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Conditions and agreement items together, completed in one transaction.
    CompleteMixed(Vec<DeadlineKey>),
    /// Tagged items to complete: the evidence and date are asked next.
    ConfirmComplete(Vec<DeadlineKey>),
    /// Tagged items to vary: the new date and reason are asked next.
    ConfirmVary(Vec<DeadlineKey>),
    Vary {
        targets: Vec<DeadlineKey>,
    },
    /// The breach awaiting a decision.
    DecideBreach(i64),
    Chase(Vec<DeadlineKey>),
    TextFilter,
}

/// Chases ask for an answer within this many working days (local default).
const CHASE_FOLLOW_UP_WD: u32 = 2;

/// Which due dates are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Due {
    #[default]
    All,
    Overdue,
    ThisWeek,
}

impl Due {
    fn label(self) -> &'static str {
        match self {
            Due::All => "all due dates",
            Due::Overdue => "overdue",
            Due::ThisWeek => "due this week",
        }
    }
}

/// Which cases are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Case {
        id: i64,
        reference: String,
    },
    /// Cases found by searching for the words typed.
    Matching {
        text: String,
        case_ids: Vec<i64>,
    },
}

/// The filters in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub due: Due,
    pub provider: Option<(i64, String)>,
    pub service: Option<Service>,
    pub scope: Scope,
}

/// A tagged item: which table, which row.
type Tag = DeadlineKey;

/// The key of a row as the interface carries it.
fn key_of(source: DeadlineSource, id: i64) -> DeadlineKey {
    match source {
        DeadlineSource::Condition => DeadlineKey::Condition(id),
        DeadlineSource::AgreementItem => DeadlineKey::Item(id),
    }
}

/// The table and row the store asks for.
fn source_of(key: DeadlineKey) -> (DeadlineSource, i64) {
    match key {
        DeadlineKey::Condition(id) => (DeadlineSource::Condition, id),
        DeadlineKey::Item(id) => (DeadlineSource::AgreementItem, id),
    }
}

#[derive(Debug, Default)]
pub struct DeadlinesScreen {
    filters: Filters,
    providers: Vec<(i64, String)>,
    rows: Vec<DeadlineRow>,
    /// Working days from today to each row's due date (negative: overdue).
    left: Vec<i64>,
    more_before: bool,
    more_after: bool,
    count: DeadlineCount,
    state: TableState,
    tagged: BTreeSet<Tag>,
    view_rows: usize,
    today: NaiveDate,
}

impl DeadlinesScreen {
    pub fn new() -> Self {
        DeadlinesScreen::default()
    }

    /// The rows of the page in memory (tests read this).
    pub fn rows(&self) -> &[DeadlineRow] {
        &self.rows
    }

    pub fn selected(&self) -> Option<&DeadlineRow> {
        self.state.selected().and_then(|i| self.rows.get(i))
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn count(&self) -> DeadlineCount {
        self.count
    }

    pub fn tagged(&self) -> &BTreeSet<Tag> {
        &self.tagged
    }

    /// The filter as the store takes it.
    fn store_filter(&self, today: NaiveDate) -> DeadlineFilter {
        let (due_from, due_until) = match self.filters.due {
            Due::All => (None, None),
            Due::Overdue => (None, today.pred_opt()),
            Due::ThisWeek => (Some(today), Some(end_of_working_week(today))),
        };
        let (case_id, case_ids) = match &self.filters.scope {
            Scope::All => (None, None),
            Scope::Case { id, .. } => (Some(*id), None),
            Scope::Matching { case_ids, .. } => (None, Some(case_ids.clone())),
        };
        DeadlineFilter {
            due_from,
            due_until,
            provider_id: self.filters.provider.as_ref().map(|(id, _)| *id),
            service: self.filters.service,
            case_id,
            case_ids,
        }
    }

    fn set_page(&mut self, page: DeadlinePage, ctx: &Ctx<'_>) {
        self.today = ctx.today;
        self.left = page.rows.iter().map(|r| ctx.calendar.working_days_between(ctx.today, r.key.due_on)).collect();
        self.rows = page.rows;
        self.more_before = page.more_before;
        self.more_after = page.more_after;
    }

    fn select(&mut self, index: usize) {
        if self.rows.is_empty() {
            self.state.select(None);
        } else {
            self.state.select(Some(index.min(self.rows.len() - 1)));
        }
    }

    fn load(&mut self, at: PageAt, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let filter = self.store_filter(ctx.today);
        let page = ctx.store.deadline_page(&filter, at, PAGE)?;
        self.set_page(page, ctx);
        Ok(())
    }

    fn recount(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        self.count = ctx.store.deadline_count(&self.store_filter(ctx.today))?;
        Ok(())
    }

    /// After a filter changes: count again and start from the top.
    fn restart(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let result = self.recount(ctx).and_then(|()| self.load(PageAt::First, ctx));
        self.select(0);
        match result {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }

    /// Move the selection, reading the neighbouring page when it runs off
    /// either end of this one.
    fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Effect {
        match self.try_move_by(delta, ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }

    fn try_move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let len = self.rows.len() as isize;
        let target = self.state.selected().unwrap_or(0) as isize + delta;
        if target >= len && self.more_after {
            let last = self.rows[self.rows.len() - 1].key;
            self.load(PageAt::After(last), ctx)?;
            if self.rows.is_empty() {
                // The rows after were taken away meanwhile: back to the end.
                self.load(PageAt::Last, ctx)?;
                self.select(usize::MAX);
            } else {
                self.select((target - len) as usize);
            }
        } else if target < 0 && self.more_before {
            let first = self.rows[0].key;
            self.load(PageAt::Before(first), ctx)?;
            if self.rows.is_empty() {
                self.load(PageAt::First, ctx)?;
                self.select(0);
            } else {
                self.select((self.rows.len() as isize + target).max(0) as usize);
            }
        } else {
            self.select(target.clamp(0, len - 1) as usize);
        }
        Ok(())
    }

    fn go(&mut self, at: PageAt, ctx: &mut Ctx<'_>) -> Effect {
        let last = at == PageAt::Last;
        match self.load(at, ctx) {
            Ok(()) => {
                self.select(if last { usize::MAX } else { 0 });
                Effect::None
            }
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }

    /// Tagged items if any are tagged, else the selected one.
    fn targets(&self) -> Vec<Tag> {
        if self.tagged.is_empty() {
            self.selected().map(|r| vec![key_of(r.key.source, r.key.id)]).unwrap_or_default()
        } else {
            self.tagged.iter().copied().collect()
        }
    }

    fn what(row: &DeadlineRow) -> String {
        format!("{} — {}: {} (due {})", row.case_ref, row.kind_label(), row.description, row.key.due_on)
    }

    fn cycle_due(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let next = match self.filters.due {
            Due::All => Due::Overdue,
            Due::Overdue => Due::ThisWeek,
            Due::ThisWeek => Due::All,
        };
        self.filters.due = next;
        let effect = self.restart(ctx);
        if next == Due::All && matches!(effect, Effect::None) {
            // The end of the cycle offers the words filter; Esc keeps "all".
            let current = match &self.filters.scope {
                Scope::Matching { text, .. } => text.clone(),
                _ => String::new(),
            };
            return Effect::Ask(
                Prompt::new(
                    "Show the deadlines of cases matching…",
                    "Words in a reference, crime reference, offence or name. Leave empty (or Esc) for all cases.",
                    PendingAction::Deadlines(Pending::TextFilter),
                )
                .field(FieldId::Matching, Field::text("Matching").with_value(&current)),
            );
        }
        effect
    }

    fn cycle_provider(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        if let Ok(providers) = ctx.store.deadline_providers() {
            self.providers = providers;
        }
        let next = match &self.filters.provider {
            None => self.providers.first().cloned(),
            Some((id, _)) => {
                let at = self.providers.iter().position(|(p, _)| p == id);
                at.and_then(|i| self.providers.get(i + 1)).cloned()
            }
        };
        if next.is_none() && self.filters.provider.is_none() {
            return Effect::Error("No providers are recorded, so there is nothing to filter by.".into());
        }
        self.filters.provider = next;
        self.restart(ctx)
    }

    fn cycle_service(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        self.filters.service = match self.filters.service {
            None => Some(Service::Oocd),
            Some(Service::Oocd) => Some(Service::RestorativeJustice),
            Some(Service::RestorativeJustice) => Some(Service::Mediation),
            Some(Service::Mediation) => None,
        };
        self.restart(ctx)
    }

    fn toggle_tag(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(row) = self.selected() else { return Effect::Error("Nothing is selected.".into()) };
        let tag = key_of(row.key.source, row.key.id);
        if !self.tagged.remove(&tag) {
            self.tagged.insert(tag);
        }
        // Tagging moves on, so a run of Space tags a run of rows.
        self.move_by(1, ctx)
    }

    fn tag_all(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let filter = self.store_filter(ctx.today);
        match ctx.store.deadline_keys(&filter, TAG_CAP + 1) {
            Ok(keys) if keys.is_empty() => Effect::Error("Nothing matches the filter, so nothing was tagged.".into()),
            Ok(keys) => {
                let more = keys.len() > TAG_CAP;
                let before = self.tagged.len();
                self.tagged.extend(keys.iter().take(TAG_CAP).map(|k| key_of(k.source, k.id)));
                let added = self.tagged.len() - before;
                if more {
                    Effect::Status(format!(
                        "Tagged the first {} matching items ({added} newly); more match — narrow the filter to tag the rest.",
                        thousands(TAG_CAP)
                    ))
                } else {
                    Effect::Status(format!(
                        "Tagged {} matching {} ({} tagged in all).",
                        thousands(keys.len()),
                        plural(keys.len(), "item"),
                        thousands(self.tagged.len())
                    ))
                }
            }
            Err(e) => Effect::Error(format!("Could not tag: {e}")),
        }
    }

    fn complete(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        match targets.len() {
            0 => Effect::Error("Nothing is selected.".into()),
            1 if self.tagged.is_empty() => match self.selected() {
                Some(row) => Effect::Ask(complete_prompt(&targets, ctx.today, &Self::what(row))),
                None => Effect::Error("Nothing is selected.".into()),
            },
            n => Effect::Ask(Prompt::confirm(
                "Complete tagged items?",
                format!("Complete {} tagged {}? You give the evidence and date next.", thousands(n), plural(n, "item")),
                PendingAction::Deadlines(Pending::ConfirmComplete(targets)),
            )),
        }
    }

    fn vary(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        match targets.len() {
            0 => Effect::Error("Nothing is selected.".into()),
            1 if self.tagged.is_empty() => match self.selected() {
                Some(row) => Effect::Ask(vary_prompt(&targets, Some(row), ctx.today)),
                None => Effect::Error("Nothing is selected.".into()),
            },
            n => Effect::Ask(Prompt::confirm(
                "Vary tagged items?",
                format!(
                    "Vary the due date of {} tagged {}? You give the new date and reason next.",
                    thousands(n),
                    plural(n, "item")
                ),
                PendingAction::Deadlines(Pending::ConfirmVary(targets)),
            )),
        }
    }

    fn chase(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        if targets.is_empty() {
            return Effect::Error("Nothing is selected.".into());
        }
        let n = targets.len();
        let follow_up = ctx.calendar.add_working_days(ctx.today, CHASE_FOLLOW_UP_WD);
        let message = match self.selected() {
            Some(r) if self.tagged.is_empty() => format!(
                "Chase 1 item: {} {}, due {}? An outgoing contact is logged on its case, with a follow-up on {follow_up}.",
                r.case_ref,
                r.kind_label(),
                r.key.due_on
            ),
            _ => format!(
                "Chase {} tagged {}? Each gets an outgoing contact logged on its case, with a follow-up on {follow_up}.",
                thousands(n),
                plural(n, "item")
            ),
        };
        Effect::Ask(Prompt::confirm("Generate chases?", message, PendingAction::Deadlines(Pending::Chase(targets))))
    }

    fn breach(&self, ctx: &Ctx<'_>) -> Effect {
        let Some(row) = self.selected() else { return Effect::Error("Nothing is selected.".into()) };
        if row.key.source != DeadlineSource::Condition {
            return Effect::Error(
                "A breach is recorded against a condition; agreement items are voluntary (mark them complete or vary them)."
                    .into(),
            );
        }
        if row.open_breach_id.is_some() {
            return Effect::Error("A breach of this condition already awaits a decision: press B to record it.".into());
        }
        if let Some(disposal) = row.disposal.filter(|d| !d.has_breach_workflow()) {
            return Effect::Error(format!(
                "A {} has no breach process: its actions are not enforceable; tell the officer in the case instead (l logs the contact).",
                disposal.label().to_lowercase()
            ));
        }
        Effect::Ask(common::breach_prompt(row.case_id, Some(row.key.id), ctx.today, &Self::what(row)))
    }

    fn decide_breach(&self, ctx: &Ctx<'_>) -> Effect {
        let Some(row) = self.selected() else { return Effect::Error("Nothing is selected.".into()) };
        let Some(breach_id) = row.open_breach_id.filter(|_| row.key.source == DeadlineSource::Condition) else {
            return Effect::Error("No breach of this item awaits a decision (b records one).".into());
        };
        let decisions = row.disposal.map(breach_decisions_for).unwrap_or(&[]);
        if decisions.is_empty() {
            return Effect::Error("This disposal has no breach decisions to record.".into());
        }
        let options: Vec<(String, String)> =
            decisions.iter().map(|d| (d.as_str().to_string(), d.label().to_string())).collect();
        let pending = PendingAction::Deadlines(Pending::DecideBreach(breach_id));
        Effect::Ask(
            Prompt::new(
                "Record the breach decision",
                format!("Decision on the breach of {}", Self::what(row)),
                pending,
            )
            .field(FieldId::Decision, Field::choice("Decision", options, 0))
            .field(FieldId::NewDue, Field::date("New due date", None).with_hint("when varying: YYYY-MM-DD"))
            .field(
                FieldId::ExcuseAssessment,
                Field::text("Excuse assessment").with_hint("was any excuse reasonable? (assessment)"),
            )
            .field(FieldId::DecidedOn, Field::date("Decided on", Some(ctx.today)).required()),
        )
    }

    fn apply_complete_mixed(&mut self, targets: Vec<Tag>, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let (evidence, on) =
            (reply.value(FieldId::Evidence).to_string(), reply.date(FieldId::CompletedOn).unwrap_or(ctx.today));
        if on > ctx.today {
            return Effect::Error("Not saved: the completion date cannot be in the future.".into());
        }
        let result = ctx.store.write(|tx| {
            targets.iter().try_for_each(|target| match *target {
                DeadlineKey::Condition(id) => tx.complete_condition(id, on, &evidence),
                DeadlineKey::Item(id) => tx.complete_agreement_item(id, on, &evidence),
            })
        });
        let n = targets.len();
        let effect = common::result_effect(
            result,
            format!("Saved: {} {} marked complete on {on}.", thousands(n), plural(n, "item")),
        );
        if matches!(effect, Effect::Status(_)) {
            for t in &targets {
                self.tagged.remove(t);
            }
        }
        effect
    }

    fn apply_vary(&mut self, targets: Vec<Tag>, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(new_due) = reply.date(FieldId::NewDue) else {
            return Effect::Error("Not saved: the new due date is not a date.".into());
        };
        let reason = reply.value(FieldId::Reason).to_string();
        if new_due < ctx.today {
            return Effect::Error(format!(
                "Not saved: the new due date {new_due} is before today ({}); nothing was changed.",
                ctx.today
            ));
        }
        let (today, rules) = (ctx.today, ctx.rules);
        let result = ctx.store.write(|tx| {
            let mut findings: Vec<CapFinding> = Vec::new();
            for (source, id) in targets.iter().map(|t| source_of(*t)) {
                let brief = tx.deadline_brief(source, id)?;
                let name = |e: StoreError| StoreError::Invalid(format!("{} {}: {e}", brief.case_ref, brief.label));
                match source {
                    DeadlineSource::Condition => {
                        findings.extend(tx.vary_condition_due(id, new_due, &reason, today, rules).map_err(name)?)
                    }
                    DeadlineSource::AgreementItem => tx.deadlines_vary_item_due(id, new_due, &reason).map_err(name)?,
                }
            }
            Ok(findings)
        });
        let n = targets.len();
        match result {
            Ok(findings) => {
                let mut warnings: Vec<String> = Vec::new();
                for f in findings {
                    if !warnings.contains(&f.message) {
                        warnings.push(f.message);
                    }
                }
                let warn =
                    if warnings.is_empty() { String::new() } else { format!(" Warning: {}.", warnings.join("; ")) };
                Effect::Status(format!(
                    "Saved: due date of {} {} varied to {new_due}.{warn}",
                    thousands(n),
                    plural(n, "item")
                ))
            }
            Err(e) => Effect::Error(format!("Not saved, nothing changed: {e}")),
        }
    }

    fn apply_decide(&mut self, breach_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(decision) = BreachDecision::parse(reply.value(FieldId::Decision)) else {
            return Effect::Error("Not saved: choose a decision.".into());
        };
        let decided_on = reply.date(FieldId::DecidedOn).unwrap_or(ctx.today);
        if decided_on > ctx.today {
            return Effect::Error("Not saved: the decision date cannot be in the future.".into());
        }
        let typed_due = reply.date(FieldId::NewDue);
        let mut note = String::new();
        let new_due_on = if decision == BreachDecision::VaryConditions {
            match typed_due {
                None => {
                    return Effect::Error("Not saved: varying the conditions needs a new due date.".into());
                }
                Some(d) if d < ctx.today => {
                    return Effect::Error(format!("Not saved: the new due date {d} is before today ({}).", ctx.today));
                }
                Some(d) => {
                    note = format!("; new due date {d}");
                    Some(d)
                }
            }
        } else {
            if typed_due.is_some() {
                note = " (the new due date goes with a variation only, so it was not used)".into();
            }
            None
        };
        let outcome = BreachOutcome {
            decision,
            decision_on: decided_on,
            new_due_on,
            excuse_assessment: reply.optional(FieldId::ExcuseAssessment),
        };
        let rules = ctx.rules;
        common::result_effect(
            ctx.store.write(|tx| tx.decide_breach(breach_id, &outcome, rules)),
            format!("Saved: breach decision — {}{note}.", decision.label()),
        )
    }

    fn apply_chase(&mut self, targets: Vec<Tag>, ctx: &mut Ctx<'_>) -> Effect {
        let today = ctx.today;
        let follow_up = ctx.calendar.add_working_days(today, CHASE_FOLLOW_UP_WD);
        let result = ctx.store.write(|tx| {
            for (source, id) in targets.iter().map(|t| source_of(*t)) {
                let brief = tx.deadline_brief(source, id)?;
                tx.log_contact(&NewContact {
                    case_id: brief.case_id,
                    person_id: None,
                    occurred_on: today,
                    channel: ContactChannel::Email,
                    outgoing: true,
                    summary: format!("Chase: {} due {}", brief.label, brief.due_on),
                    outcome: None,
                    follow_up_on: Some(follow_up),
                })?;
            }
            Ok(())
        });
        let n = targets.len();
        common::result_effect(
            result,
            format!("Saved: {} {} logged; follow-up due {follow_up}.", thousands(n), plural(n, "chase")),
        )
    }

    fn apply_text_filter(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let text = reply.value(FieldId::Matching).trim().to_string();
        if text.is_empty() {
            self.filters.scope = Scope::All;
            return self.restart(ctx);
        }
        match ctx.store.search_case_ids(&text, 500) {
            Ok(case_ids) => {
                self.filters.scope = Scope::Matching { text, case_ids };
                self.restart(ctx)
            }
            Err(e) => Effect::Error(format!("Search failed: {e}")),
        }
    }

    fn header_line(&self, theme: &Theme) -> Line<'static> {
        let count = if self.count.capped {
            format!("{}+ items", thousands(self.count.count))
        } else {
            format!("{} {}", thousands(self.count.count), plural(self.count.count, "item"))
        };
        let mut spans = vec![
            Span::styled(count, theme.title),
            Span::raw(format!(" · {} tagged  ", thousands(self.tagged.len()))),
            Span::styled("f", theme.key),
            Span::raw(format!(" {} · ", self.filters.due.label())),
            Span::styled("p", theme.key),
            Span::raw(format!(
                " {} · ",
                self.filters.provider.as_ref().map_or("any provider".to_string(), |(_, n)| fit(&inert(n), 24))
            )),
            Span::styled("s", theme.key),
            Span::raw(format!(
                " {}",
                match self.filters.service {
                    None => "all services",
                    Some(Service::Oocd) => "OOCD",
                    Some(Service::RestorativeJustice) => "RJ",
                    Some(Service::Mediation) => "mediation",
                }
            )),
        ];
        match &self.filters.scope {
            Scope::All => {}
            Scope::Case { reference, .. } => {
                spans.push(Span::raw(format!(" · case {} (", inert(reference))));
                spans.push(Span::styled("Esc", theme.key));
                spans.push(Span::raw(" all)"));
            }
            Scope::Matching { text, .. } => {
                spans.push(Span::raw(format!(" · matching \"{}\" (", inert(text))));
                spans.push(Span::styled("Esc", theme.key));
                spans.push(Span::raw(" all)"));
            }
        }
        Line::from(spans)
    }

    fn detail_lines(&self, theme: &Theme) -> [Line<'static>; 2] {
        let first = match (self.selected(), self.state.selected()) {
            (Some(row), Some(i)) => {
                let left = self.left.get(i).copied().unwrap_or(0);
                let when = if row.key.due_on == self.today {
                    "due today".to_string()
                } else if left < 0 {
                    format!("overdue by {} working {}", -left, plural((-left) as usize, "day"))
                } else if row.key.due_on < self.today {
                    "overdue".to_string()
                } else {
                    format!("{left} working {} left", plural(left as usize, "day"))
                };
                let role = if row.key.source == DeadlineSource::Condition { "provider" } else { "owner" };
                let who = if row.who.is_empty() { String::new() } else { format!(" · {role}: {}", inert(&row.who)) };
                let breach = if row.open_breach_id.is_some() { " · breach awaits a decision (B)" } else { "" };
                Line::from(format!(
                    "{} · {}: {}{who} · due {} ({when}){breach}",
                    inert(&row.case_ref),
                    row.kind_label(),
                    inert(&row.description),
                    row.key.due_on
                ))
            }
            _ if self.count.count == 0 && self.filters == Filters::default() => {
                Line::from("No open conditions or agreement items. Add them on a case (6) or an agreement (5).")
            }
            _ => Line::from("Nothing matches these filters: f, p and s change them."),
        };
        let keys = [
            ("Space", "tag"),
            ("T", "tag all"),
            ("U", "untag"),
            ("B", "decide breach"),
            ("o", "case"),
            ("l", "log contact"),
        ];
        let mut spans = Vec::new();
        for (n, (key, label)) in keys.iter().enumerate() {
            if n > 0 {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::styled(*key, theme.key));
            spans.push(Span::raw(format!(" {label}")));
        }
        [first, Line::from(spans)]
    }
}

impl Screen for DeadlinesScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Deadlines
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.providers = ctx.store.deadline_providers()?;
        self.recount(ctx)?;
        let keep = self.selected().map(|r| (r.key.source, r.key.id));
        let index = self.state.selected().unwrap_or(0);
        let at = self.rows.first().map_or(PageAt::First, |r| PageAt::From(r.key));
        self.load(at, ctx)?;
        if self.rows.is_empty() && at != PageAt::First {
            self.load(PageAt::Last, ctx)?;
        }
        let again = keep.and_then(|k| self.rows.iter().position(|r| (r.key.source, r.key.id) == k));
        self.select(again.unwrap_or(index));
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let page = self.view_rows.max(1) as isize;
        match action {
            Action::Up => self.move_by(-1, ctx),
            Action::Down => self.move_by(1, ctx),
            Action::PageUp => self.move_by(-page, ctx),
            Action::PageDown => self.move_by(page, ctx),
            Action::Top => self.go(PageAt::First, ctx),
            Action::Bottom => self.go(PageAt::Last, ctx),
            Action::Filter => self.cycle_due(ctx),
            Action::FilterProvider => self.cycle_provider(ctx),
            Action::FilterService => self.cycle_service(ctx),
            Action::Back if self.filters.scope != Scope::All => {
                self.filters.scope = Scope::All;
                self.restart(ctx)
            }
            Action::Tag => self.toggle_tag(ctx),
            Action::TagAll => self.tag_all(ctx),
            Action::ClearTags => {
                let n = self.tagged.len();
                self.tagged.clear();
                Effect::Status(format!("{} {} untagged.", thousands(n), plural(n, "item")))
            }
            Action::Complete => self.complete(ctx),
            Action::Vary => self.vary(ctx),
            Action::Chase => self.chase(ctx),
            Action::Breach => self.breach(ctx),
            Action::DecideBreach => self.decide_breach(ctx),
            Action::OpenCase | Action::Open => match self.selected() {
                Some(row) => Effect::Focus { screen: ScreenId::Case, case_id: row.case_id, entity_id: None },
                None => Effect::Error("Nothing is selected.".into()),
            },
            Action::LogContact => match self.selected() {
                Some(row) => Effect::Ask(common::contact_prompt(row.case_id, &row.case_ref, ctx.today)),
                None => Effect::Error("Nothing is selected.".into()),
            },
            _ => Effect::None,
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        let pending = match reply.pending.clone() {
            PendingAction::Deadlines(pending) => pending,
            PendingAction::Shared(shared) => {
                let effect = common::apply_shared_reply(&shared, &reply, ctx);
                if let (common::Pending::Complete(targets), Effect::Status(_)) = (&shared, &effect) {
                    for t in targets {
                        self.tagged.remove(t);
                    }
                }
                return effect;
            }
            _ => return Effect::None,
        };
        match pending {
            Pending::CompleteMixed(targets) => self.apply_complete_mixed(targets, &reply, ctx),
            Pending::ConfirmComplete(targets) => Effect::Ask(complete_prompt(&targets, ctx.today, "")),
            Pending::ConfirmVary(targets) => Effect::Ask(vary_prompt(&targets, None, ctx.today)),
            Pending::Vary { targets } => self.apply_vary(targets, &reply, ctx),
            Pending::DecideBreach(breach_id) => self.apply_decide(breach_id, &reply, ctx),
            Pending::Chase(targets) => self.apply_chase(targets, ctx),
            Pending::TextFilter => self.apply_text_filter(&reply, ctx),
        }
    }

    fn focus(&mut self, case_id: i64, entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        let reference = ctx.store.deadline_case_ref(case_id).ok().flatten().unwrap_or_default();
        self.filters = Filters::default();
        let source = entity_id.and_then(|id| {
            if ctx.store.deadline_condition_case(id).ok().flatten() == Some(case_id) {
                Some((DeadlineSource::Condition, id))
            } else if ctx.store.deadline_item_case(id).ok().flatten() == Some(case_id) {
                Some((DeadlineSource::AgreementItem, id))
            } else {
                None
            }
        });
        let key = source.and_then(|(s, id)| ctx.store.deadline_key_of(s, id).ok().flatten());
        if let Some(key) = key {
            let filter = self.store_filter(ctx.today);
            let result = ctx.store.deadline_page_around(&filter, key, PAGE).and_then(|page| {
                self.set_page(page, ctx);
                self.recount(ctx)
            });
            if let Err(e) = result {
                return Effect::Error(format!("Could not read the deadlines: {e}"));
            }
            let at = self.rows.iter().position(|r| r.key == key).unwrap_or(0);
            self.select(at);
            return Effect::None;
        }
        self.filters.scope = Scope::Case { id: case_id, reference: reference.clone() };
        let effect = self.restart(ctx);
        if entity_id.is_some() && matches!(effect, Effect::None) {
            return Effect::Error(format!(
                "That item is no longer open; showing the open deadlines of {} (Esc shows all).",
                inert(&reference)
            ));
        }
        effect
    }

    fn footer(&self) -> Vec<Action> {
        // The rest (filters, tags, decide, case, contact) are named on the screen itself.
        vec![Action::Complete, Action::Vary, Action::Breach, Action::Chase]
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [header_area, table_area, detail_area] =
            area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(5)]));
        frame.render_widget(Paragraph::new(self.header_line(theme)), header_area);
        self.view_rows = table_area.height.saturating_sub(3) as usize;

        // Fixed columns, then the rest shared by kind (3/5) and provider (2/5).
        const MARK: usize = 1;
        const CASE: usize = 14;
        const DUE: usize = 10;
        const LEFT: usize = 4;
        const STATUS: usize = 11;
        let inner = table_area.width.saturating_sub(2) as usize;
        let fixed = 2 + MARK + CASE + DUE + LEFT + STATUS + 6;
        // One column spare, so the last column does not touch the border.
        let flexible = inner.saturating_sub(fixed + 1);
        // Wide terminals also show what is to be done, beside its kind.
        let (kind_w, desc_w, who_w) = if flexible >= 100 {
            (30, flexible - 30 - 34 - 1, 34)
        } else {
            let kind_w = flexible * 3 / 5;
            (kind_w, 0, flexible - kind_w)
        };
        let rows: Vec<Row> = self
            .rows
            .iter()
            .zip(&self.left)
            .map(|(r, left)| {
                let tagged = self.tagged.contains(&key_of(r.key.source, r.key.id));
                let left_style = if r.key.due_on < self.today { theme.overdue } else { theme.normal };
                let mut cells = vec![
                    Cell::from(if tagged { "✓" } else { " " }).style(theme.tagged),
                    Cell::from(fit(&inert(&r.case_ref), CASE)),
                    Cell::from(fit(&inert(&r.kind_label()), kind_w)),
                ];
                if desc_w > 0 {
                    cells.push(Cell::from(fit(&inert(&r.description), desc_w)));
                }
                cells.extend([
                    Cell::from(fit(&inert(&r.who), who_w)),
                    Cell::from(r.key.due_on.format("%Y-%m-%d").to_string()).style(left_style),
                    Cell::from(format!("{left:>LEFT$}")).style(left_style),
                    Cell::from(fit(&r.status_label(), STATUS)),
                ]);
                Row::new(cells)
            })
            .collect();
        let who_heading = if who_w >= 16 { "Provider / owner" } else { "Who" };
        let (headings, widths): (Vec<&str>, Vec<usize>) = if desc_w > 0 {
            (
                vec!["", "Case", "Kind", "What", who_heading, "Due", "Left", "Status"],
                vec![MARK, CASE, kind_w, desc_w, who_w, DUE, LEFT, STATUS],
            )
        } else {
            (
                vec!["", "Case", "Kind", who_heading, "Due", "Left", "Status"],
                vec![MARK, CASE, kind_w, who_w, DUE, LEFT, STATUS],
            )
        };
        let header = Row::new(headings).style(theme.heading);
        let widths = widths.into_iter().map(|w| Constraint::Length(w as u16));
        let block = Block::bordered()
            .title(" Deadlines — open conditions and agreement items by due date ")
            .border_style(theme.border);
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(theme.selected)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(table, table_area, &mut self.state);
        let block = Block::bordered().border_style(theme.border);
        let inner = block.inner(detail_area);
        frame.render_widget(block, detail_area);
        let [text_area, keys_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
        let [text, keys] = self.detail_lines(theme);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), text_area);
        frame.render_widget(Paragraph::new(keys), keys_area);
    }
}

/// The last working day of this week (Friday), or of next week at a weekend.
pub fn end_of_working_week(today: NaiveDate) -> NaiveDate {
    let from_monday = i64::from(today.weekday().num_days_from_monday());
    let to_friday = if from_monday <= 4 { 4 - from_monday } else { 11 - from_monday };
    today + Duration::days(to_friday)
}

/// The shared completion prompt; a mix of conditions and agreement items is
/// completed here in one transaction instead.
fn complete_prompt(targets: &[Tag], today: NaiveDate, what: &str) -> Prompt {
    let conditions = targets.iter().filter(|t| matches!(t, DeadlineKey::Condition(_))).count();
    let items = targets.len() - conditions;
    if items == 0 || conditions == 0 {
        common::complete_prompt(targets.to_vec(), today, what)
    } else {
        let mut prompt = common::complete_prompt(targets.to_vec(), today, what);
        prompt.message = format!(
            "Mark {} {} and {} agreement {} complete with the same evidence and date.",
            conditions,
            plural(conditions, "condition"),
            items,
            plural(items, "item")
        );
        prompt.pending = PendingAction::Deadlines(Pending::CompleteMixed(targets.to_vec()));
        prompt
    }
}

fn vary_prompt(targets: &[Tag], row: Option<&DeadlineRow>, today: NaiveDate) -> Prompt {
    let n = targets.len();
    let (message, initial) = match row {
        Some(row) if n == 1 => {
            (format!("Vary: {}", DeadlinesScreen::what(row)), (row.key.due_on >= today).then_some(row.key.due_on))
        }
        _ => {
            (format!("New due date for {} tagged {}; the same reason is recorded on each.", n, plural(n, "item")), None)
        }
    };
    Prompt::new("Vary the due date", message, PendingAction::Deadlines(Pending::Vary { targets: targets.to_vec() }))
        .field(FieldId::NewDue, Field::date("New due date", initial).required())
        .field(FieldId::Reason, Field::text("Reason").required().with_hint("e.g. course rescheduled by the provider"))
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// 12345 → "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::views::deadlines::COUNT_CAP;

    #[test]
    fn the_working_week_ends_on_friday() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(end_of_working_week(d("2026-11-16")), d("2026-11-20"));
        assert_eq!(end_of_working_week(d("2026-11-20")), d("2026-11-20"));
        assert_eq!(end_of_working_week(d("2026-11-21")), d("2026-11-27"));
        assert_eq!(end_of_working_week(d("2026-11-22")), d("2026-11-27"));
    }

    #[test]
    fn keys_of_both_kinds_keep_their_table() {
        for (source, id) in [(DeadlineSource::Condition, 7), (DeadlineSource::AgreementItem, 7)] {
            assert_eq!(source_of(key_of(source, id)), (source, id));
        }
        assert_ne!(key_of(DeadlineSource::Condition, 7), key_of(DeadlineSource::AgreementItem, 7));
    }

    #[test]
    fn numbers_and_cells_read_well() {
        assert_eq!(thousands(5000), "5,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(fit("Rehabilitative course", 10), "Rehabilit…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(COUNT_CAP, TAG_CAP);
    }
}
