//! Deadlines: every open condition and agreement item by due date, a page at
//! a time; filters, tags, and the actions that close or move a deadline:
//! complete with evidence, record what happened (attended, missed, partly
//! done, a payment) with its running totals, record a breach and its
//! decision (DOMAIN.md §2.5, §12.3), vary a date with a reason (§2.4 time
//! limits checked), chase.
//!
//! `mod.rs` holds the state and the keys, `paging.rs` reading a page at a
//! time, `prompts.rs` what is asked (and its `Pending`), `actions.rs` what
//! an answer writes, and `render.rs` the drawing.

mod actions;
mod letters;
mod meeting_rows;
mod paging;
mod prompts;
mod provider;
mod record;
mod render;
mod restored;

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::widgets::TableState;
use ratatui::Frame;

use super::common::{self, DeadlineKey};
use super::coordinator_filter::{self, Whose};
use super::{Ctx, Effect, PendingAction, Reply, Screen, ScreenId};
use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::store::views::deadlines::{DeadlineCount, DeadlineRow, DeadlineSource, PageAt};
use crate::tui::action::Action;
use crate::tui::text::{plural, thousands};
use crate::tui::theme::Theme;

pub use prompts::Pending;
use prompts::{complete_prompt, provider_prompt, text_filter_prompt, vary_prompt};

/// Rows read at a time; moving past either end reads the next page. Two
/// screens' worth at the tallest terminals: a filter change re-reads a page,
/// and a smaller page keeps that inside a frame at 100,000 cases.
pub const PAGE: usize = 100;
/// "Tag all" stops here, so one keypress never drags a whole table along.
pub const TAG_CAP: usize = 500;

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
    /// Whose cases: one coordinator's, or those no one holds yet.
    pub whose: Whose,
    pub scope: Scope,
}

/// A tagged item: which table, which row.
type Tag = DeadlineKey;

/// The key of a row as the interface carries it; a meeting's action has
/// none, as it is never tagged (see `meeting_rows`).
fn key_of(source: DeadlineSource, id: i64) -> Option<DeadlineKey> {
    match source {
        DeadlineSource::Condition => Some(DeadlineKey::Condition(id)),
        DeadlineSource::AgreementItem => Some(DeadlineKey::Item(id)),
        DeadlineSource::MeetingAction => None,
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
    /// The coordinator of each case on the page that has one.
    coordinators: HashMap<i64, String>,
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

    /// Tagged items if any are tagged, else the selected one.
    fn targets(&self) -> Vec<Tag> {
        if self.tagged.is_empty() {
            self.selected().and_then(|r| key_of(r.key.source, r.key.id)).into_iter().collect()
        } else {
            self.tagged.iter().copied().collect()
        }
    }

    fn what(row: &DeadlineRow) -> String {
        format!(
            "{} — {}: {} (due {})",
            row.case_ref,
            row.kind_label(),
            row.description,
            crate::domain::dates::day(row.key.due_on)
        )
    }

    fn cycle_due(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let next = match self.filters.due {
            Due::All => Due::Overdue,
            Due::Overdue => Due::ThisWeek,
            Due::ThisWeek => Due::All,
        };
        self.filters.due = next;
        self.restart(ctx)
    }

    fn ask_words(&self) -> Effect {
        let current = match &self.filters.scope {
            Scope::Matching { text, .. } => text.clone(),
            _ => String::new(),
        };
        Effect::Ask(text_filter_prompt(&current))
    }

    fn ask_provider(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        if let Ok(providers) = ctx.store.deadline_providers() {
            self.providers = providers;
        }
        if self.providers.is_empty() {
            return Effect::Error("No providers are recorded, so there is nothing to filter by.".into());
        }
        let current = self.filters.provider.as_ref().map(|(id, _)| *id);
        Effect::Ask(provider_prompt(&self.providers, current))
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
        let Some(tag) = key_of(row.key.source, row.key.id) else {
            return Effect::Error(meeting_rows::NOT_TAGGED.into());
        };
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
                // Meetings' actions are not tagged (see `meeting_rows`).
                let tags: Vec<Tag> = keys.iter().take(TAG_CAP).filter_map(|k| key_of(k.source, k.id)).collect();
                let skipped = keys.len().min(TAG_CAP) - tags.len();
                let skipped = meeting_rows::skipped_words(skipped);
                let before = self.tagged.len();
                self.tagged.extend(tags.iter().copied());
                let added = self.tagged.len() - before;
                if more {
                    Effect::Status(format!(
                        "Tagged the first {} matching items ({added} newly); more match — narrow the filter to tag the rest.{skipped}",
                        thousands(tags.len())
                    ))
                } else {
                    Effect::Status(format!(
                        "Tagged {} matching {} ({} tagged in all).{skipped}",
                        thousands(tags.len()),
                        plural(tags.len(), "item"),
                        thousands(self.tagged.len())
                    ))
                }
            }
            Err(e) => Effect::Error(format!("Could not tag: {e}")),
        }
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
        if let Some(effect) = self.on_meeting_action(action, ctx) {
            return effect;
        }
        let page = self.view_rows.max(1) as isize;
        match action {
            Action::Up => self.move_by(-1, ctx),
            Action::Down => self.move_by(1, ctx),
            Action::PageUp => self.move_by(-page, ctx),
            Action::PageDown => self.move_by(page, ctx),
            Action::Top => self.go(PageAt::First, ctx),
            Action::Bottom => self.go(PageAt::Last, ctx),
            Action::Filter => self.cycle_due(ctx),
            Action::FilterWords => self.ask_words(),
            Action::FilterProvider => self.ask_provider(ctx),
            Action::FilterService => self.cycle_service(ctx),
            Action::FilterCoordinator => coordinator_filter::ask(&self.filters.whose, "deadlines", ctx),
            Action::Back if self.filters.scope != Scope::All => {
                self.filters.scope = Scope::All;
                self.restart(ctx)
            }
            Action::Back if !self.filters.whose.is_all() => {
                self.filters.whose = Whose::default();
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
            Action::Letter => self.letters(ctx),
            Action::RecordCompliance => self.record(ctx),
            Action::ReferToProvider => self.refer(ctx),
            Action::ProviderReturn => self.provider_return(ctx),
            Action::Breach => self.breach(ctx),
            Action::DecideBreach => self.decide_breach(ctx),
            Action::OpenCase | Action::Open => match self.selected() {
                Some(row) => Effect::Focus { screen: ScreenId::Case, case_id: row.case_id, entity_id: None },
                None => Effect::Error("Nothing is selected.".into()),
            },
            Action::LogContact => match self.selected() {
                Some(row) => common::ask_contact(ctx, row.case_id, &row.case_ref),
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
            PendingAction::Meetings(pending) => return super::meetings::apply_reply(&pending, &reply, ctx),
            PendingAction::CoordinatorFilter => {
                self.filters.whose = coordinator_filter::chosen(&reply, ctx);
                return self.restart(ctx);
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
            Pending::Letters(targets) => self.apply_letters(targets, &reply, ctx),
            Pending::Record(condition_id) => self.apply_record(condition_id, &reply, ctx),
            Pending::Refer(condition_id) => self.apply_refer(condition_id, &reply, ctx),
            Pending::Return(referral_id) => self.apply_return(referral_id, &reply, ctx),
            Pending::TextFilter => self.apply_text_filter(&reply, ctx),
            Pending::ProviderFilter => self.apply_provider_filter(&reply, ctx),
        }
    }

    fn select_restored(&mut self, records: &[(&'static str, i64, Option<i64>)], ctx: &mut Ctx<'_>) -> Effect {
        self.show_restored(records, ctx)
    }

    fn focus(&mut self, case_id: i64, entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        let reference = ctx.store.deadline_case_ref(case_id).ok().flatten().unwrap_or_default();
        self.filters = Filters::default();
        let source = entity_id.and_then(|id| {
            if ctx.store.deadline_condition_case(id).ok().flatten() == Some(case_id) {
                Some((DeadlineSource::Condition, id))
            } else if ctx.store.deadline_item_case(id).ok().flatten() == Some(case_id) {
                Some((DeadlineSource::AgreementItem, id))
            } else if case_id == 0 {
                // No case: a meeting's action (as Today sends it).
                Some((DeadlineSource::MeetingAction, id))
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
        let mut actions = vec![Action::Complete, Action::RecordCompliance, Action::Vary, Action::Breach, Action::Chase];
        // Letters go to the cases of the tagged rows: with rows tagged that is
        // the likely next step, so it comes first; with none, it writes the
        // selected row's letter, and is offered where the width allows.
        if !self.tagged.is_empty() {
            actions.insert(0, Action::Letter);
        } else if !self.rows.is_empty() {
            actions.push(Action::Letter);
        }
        actions
    }

    fn footer_label(&self, action: Action) -> Option<&'static str> {
        match action {
            Action::Letter if !self.tagged.is_empty() => Some("letters"),
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        self.draw(frame, area, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::views::deadlines::COUNT_CAP;

    #[test]
    fn keys_of_both_kinds_keep_their_table() {
        for (source, id) in [(DeadlineSource::Condition, 7), (DeadlineSource::AgreementItem, 7)] {
            assert_eq!(source_of(key_of(source, id).unwrap()), (source, id));
        }
        assert_ne!(key_of(DeadlineSource::Condition, 7), key_of(DeadlineSource::AgreementItem, 7));
    }

    #[test]
    fn tagging_all_stops_where_counting_does() {
        assert_eq!(COUNT_CAP, TAG_CAP);
    }
}
