//! Agreements: the restorative processes to arrange and hold, and the outcome
//! agreements that follow them (DOMAIN.md §9.7–9.10, §12.4). Two views,
//! switched with `t`:
//!
//! * **Arrangements** — conferences, meetings and indirect processes planned,
//!   confirmed or postponed, soonest first, then the RJ / mediation cases in
//!   preparation with nothing arranged yet.
//! * **Agreements** — held processes whose agreement is still to record, then
//!   each outcome agreement with its items nested under it.
//!
//! Both lists are read a page at a time (keyset pagination); moving past
//! either end of a page loads the next one.
//!
//! The screen is one folder: `mod.rs` holds the state and the `Screen`
//! glue, `paging.rs` loading and moving through the pages, the two
//! `actions_*.rs` what each view's keys and replies do, `prompts.rs` the
//! prompts (and their `Pending`) and reading what was typed, the two
//! `render_*.rs` the drawing,
//! and `words.rs` the labels, dates and text fitting both views share.

mod actions_agreements;
mod actions_arrangements;
mod booking;
mod meetings_view;
mod names;
mod paging;
mod prompts;
mod render_agreements;
mod render_arrangements;
mod render_meetings;
mod render_week;
mod week;
mod whose;
mod words;

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::widgets::{ListState, TableState};
use ratatui::Frame;

use super::common;
use super::coordinator_filter::Whose;
use super::{Ctx, Effect, PendingAction, Reply, Screen, ScreenId};
use crate::store::views::agreements::{
    AgreementCounts, AgreementEntry, AgreementItemRow, ArrangementCounts, ArrangementRow, CappedCount, ListKey,
};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use paging::case_ref;

/// Rows read per page of the arrangements list.
const ARRANGEMENT_PAGE: usize = 50;
/// Agreements read per page (each with its handful of items).
const AGREEMENT_PAGE: usize = 20;
/// A direct meeting within this many working days needs its room booked.
const ROOM_WARNING_WD: u32 = 2;

pub use prompts::Pending;

/// Which of the two lists is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Arrangements,
    Agreements,
    /// The diary: one week of meetings (`d`).
    Week,
    /// Meetings and minutes (`m`).
    Meetings,
}

/// What to select once the list is next loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Process(i64),
    Case(i64),
    Agreement(i64),
    Item(i64),
    /// A held process whose agreement is still to record.
    Held(i64),
}

/// One line of the agreements list: an entry, or an item of entry `.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgreementLine {
    Entry(usize),
    Item(usize, usize),
}

/// A loaded page of a keyset-paged list.
#[derive(Debug, Clone)]
struct Page<T> {
    rows: Vec<T>,
    /// The key the page was read from (None: the start of the list).
    start: Option<ListKey>,
    /// The first row after this page, if there is one.
    next: Option<ListKey>,
    /// How many rows come before the page (counted up to the cap).
    offset: CappedCount,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { rows: Vec::new(), start: None, next: None, offset: CappedCount::default() }
    }
}

#[derive(Debug, Default)]
pub struct AgreementsScreen {
    view: View,
    today: NaiveDate,
    /// Meetings on or before this day need their room booked by now.
    room_deadline: NaiveDate,
    arrangements: Page<ArrangementRow>,
    arrangement_counts: ArrangementCounts,
    /// Cases with their coordinators before preparation, read while the
    /// arrangements list is empty to say where the work is.
    before_preparation: u32,
    table: TableState,
    agreements: Page<AgreementEntry>,
    agreement_counts: AgreementCounts,
    /// When each agreement's harmed party should be told by (all items closed).
    tell_by: Vec<Option<NaiveDate>>,
    lines: Vec<AgreementLine>,
    list: ListState,
    want: Option<Want>,
    week: week::Week,
    meetings: meetings_view::Meetings,
    /// The coordinator of each case on the page shown that has one.
    coordinators: HashMap<i64, String>,
    /// Whose cases the arrangements and agreements list (not the diary).
    whose: Whose,
    /// Visible rows, for page up / down.
    visible: usize,
    loaded: bool,
}

impl AgreementsScreen {
    pub fn new() -> Self {
        AgreementsScreen::default()
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// The selected arrangements row (tests read this).
    pub fn selected_arrangement(&self) -> Option<&ArrangementRow> {
        self.table.selected().and_then(|i| self.arrangements.rows.get(i))
    }

    /// The selected agreement entry and, when an item line is selected, the item.
    pub fn selected_agreement(&self) -> Option<(&AgreementEntry, Option<&AgreementItemRow>)> {
        match self.list.selected().and_then(|i| self.lines.get(i))? {
            AgreementLine::Entry(e) => self.agreements.rows.get(*e).map(|entry| (entry, None)),
            AgreementLine::Item(e, i) => {
                let entry = self.agreements.rows.get(*e)?;
                Some((entry, entry.items.get(*i)))
            }
        }
    }

    /// The arrangements rows loaded (one page).
    pub fn arrangement_rows(&self) -> &[ArrangementRow] {
        &self.arrangements.rows
    }

    /// The agreement entries loaded (one page).
    pub fn agreement_entries(&self) -> &[AgreementEntry] {
        &self.agreements.rows
    }
}

impl Screen for AgreementsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Agreements
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.load(ctx)
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        if !self.loaded {
            if let Err(e) = self.load(ctx) {
                return Effect::Error(format!("Could not load the list: {e:#}"));
            }
        }
        match action {
            Action::FilterCoordinator => return self.ask_whose(ctx),
            Action::Back if !self.whose.is_all() && matches!(self.view, View::Arrangements | View::Agreements) => {
                return self.show(Whose::default(), ctx);
            }
            _ => {}
        }
        if self.view == View::Week {
            return self.week_action(action, ctx);
        }
        if self.view == View::Meetings {
            return self.meetings_action(action, ctx);
        }
        let page = self.visible.max(1) as isize;
        match action {
            Action::Up => self.move_by(-1, ctx),
            Action::Down => self.move_by(1, ctx),
            Action::PageUp => self.move_by(-page, ctx),
            Action::PageDown => self.move_by(page, ctx),
            Action::Top => self.go_top(ctx),
            Action::Bottom => self.go_bottom(ctx),
            Action::ToggleView => self.toggle(ctx),
            Action::Diary => self.diary(ctx),
            Action::Meetings => self.meetings_key(ctx),
            _ => match self.view {
                View::Arrangements => self.arrangements_action(action, ctx),
                _ => self.agreements_action(action, ctx),
            },
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        let pending = match &reply.pending {
            PendingAction::Agreements(pending) => pending.clone(),
            PendingAction::Meetings(pending) => {
                let effect = super::meetings::apply_reply(pending, &reply, ctx);
                return match self.load(ctx) {
                    Err(e) if !matches!(effect, Effect::Error(_)) => {
                        Effect::Error(format!("Saved, but the meetings could not be read again: {e:#}"))
                    }
                    _ => effect,
                };
            }
            PendingAction::CoordinatorFilter => return self.apply_whose(&reply, ctx),
            PendingAction::Shared(shared) => {
                let effect = common::apply_shared_reply(shared, &reply, ctx);
                if let (common::Pending::Complete(targets), Effect::Status(_)) = (shared, &effect) {
                    if let Some(target) = targets.first() {
                        self.want = Some(Want::Item(target.id()));
                    }
                }
                return effect;
            }
            _ => return Effect::None,
        };
        match pending {
            Pending::Arrange(case_id) => self.arrange(case_id, &reply, ctx, None),
            Pending::EditProcess(process_id) => self.edit(process_id, &reply, ctx, None),
            Pending::Confirm(inner, seen) => match *inner {
                Pending::Arrange(case_id) => self.arrange(case_id, &reply, ctx, Some(&seen)),
                Pending::EditProcess(process_id) => self.edit(process_id, &reply, ctx, Some(&seen)),
                _ => Effect::None,
            },
            Pending::ProcessOutcome(process_id) => self.record_outcome(process_id, &reply, ctx),
            Pending::RecordAgreement(process_id) => self.record_agreement(process_id, &reply, ctx),
            Pending::AddItem(agreement_id) => self.add_item(agreement_id, &reply, ctx),
            Pending::InformHarmed(agreement_id) => self.inform_harmed(agreement_id, &reply, ctx),
        }
    }

    /// After an undo or redo: the first agreement item, agreement or
    /// process it brought back is selected, as if opened from Today.
    fn select_restored(&mut self, records: &[(&'static str, i64, Option<i64>)], ctx: &mut Ctx<'_>) -> Effect {
        let listed = ["agreement_item", "outcome_agreement", "rj_process"];
        match records.iter().find(|(table, _, case)| listed.contains(table) && case.is_some()) {
            Some((_, id, Some(case_id))) => self.focus(*case_id, Some(*id), ctx),
            _ => Effect::None,
        }
    }

    /// From Today: a meeting opens the arrangements, an agreement item or
    /// an agreement the agreements, each with that row selected. Today's entity ids do not say
    /// which table they come from, so a live process of the case is tried
    /// first (Today lists only planned and confirmed ones as meetings).
    fn focus(&mut self, case_id: i64, entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        // Today sends a meeting's action with no case: its meeting opens.
        if let (0, Some(action_id)) = (case_id, entity_id) {
            return self.open_meeting_of_action(action_id, ctx);
        }
        let found = (|| -> anyhow::Result<Option<(View, Want)>> {
            self.show_case(case_id, ctx)?;
            if let Some(id) = entity_id {
                if ctx.store.live_process_case(id)? == Some(case_id) {
                    return Ok(Some((View::Arrangements, Want::Process(id))));
                }
                if ctx.store.agreement_item_case(id)? == Some(case_id) {
                    return Ok(Some((View::Agreements, Want::Item(id))));
                }
                // An agreement whose harmed party is still to be told.
                if ctx.store.agreement_entry(id)?.is_some_and(|e| e.case_id == case_id) {
                    return Ok(Some((View::Agreements, Want::Agreement(id))));
                }
            }
            if ctx.store.arrangement_key(case_id, None)?.is_some() {
                return Ok(Some((View::Arrangements, Want::Case(case_id))));
            }
            if ctx.store.agreement_key(case_id, None)?.is_some() {
                return Ok(Some((View::Agreements, Want::Case(case_id))));
            }
            Ok(None)
        })();
        match found {
            Ok(Some((view, want))) => {
                self.view = view;
                self.want = Some(want);
                match self.load(ctx) {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Error(format!("Could not load the list: {e:#}")),
                }
            }
            Ok(None) => Effect::Error(format!("{} has nothing to arrange or agree.", case_ref(ctx, case_id))),
            Err(e) => Effect::Error(format!("Could not find it: {e:#}")),
        }
    }

    fn footer_label(&self, action: Action) -> Option<&'static str> {
        match (self.view, action) {
            (View::Arrangements, Action::Complete) => Some("outcome"),
            (View::Week, Action::Open) if self.selected_meeting().is_some_and(|r| r.meeting_id().is_some()) => {
                Some("open meeting")
            }
            (View::Arrangements | View::Week, Action::Open) => Some("edit"),
            (View::Week, Action::Diary | Action::ToggleView) => Some("arrangements"),
            (View::Meetings, Action::NewAgreement) => Some("record meeting"),
            (View::Meetings, Action::Open) if self.meetings.open.is_some() => Some("minutes"),
            (View::Meetings, Action::NewProcess) => Some("add attendee"),
            (View::Meetings, Action::NewItem) => Some("add action"),
            (View::Meetings, Action::Complete) => Some("action done"),
            (View::Meetings, Action::Meetings) => Some("back"),
            _ => None,
        }
    }

    fn footer(&self) -> Vec<Action> {
        match self.view {
            View::Arrangements => vec![
                Action::NewProcess,
                Action::Complete,
                Action::Open,
                Action::ToggleView,
                Action::Diary,
                Action::Meetings,
                Action::OpenCase,
                Action::FilterCoordinator,
                Action::CalendarFile,
                Action::Undo,
            ],
            View::Week => vec![
                Action::PrevWeek,
                Action::NextWeek,
                Action::ThisWeek,
                Action::Open,
                Action::Diary,
                Action::OpenCase,
                Action::CalendarFile,
            ],
            View::Meetings if self.meetings.open.is_some() => {
                vec![
                    Action::Open,
                    Action::NewProcess,
                    Action::NewItem,
                    Action::Complete,
                    Action::Meetings,
                    Action::Undo,
                ]
            }
            View::Meetings => vec![Action::NewAgreement, Action::Open, Action::Meetings, Action::Undo],
            View::Agreements => vec![
                Action::NewAgreement,
                Action::NewItem,
                Action::Complete,
                Action::InformHarmed,
                Action::ToggleView,
                Action::OpenCase,
                Action::FilterCoordinator,
                Action::Undo,
            ],
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        match self.view {
            View::Arrangements => self.render_arrangements(frame, area, theme),
            View::Agreements => self.render_agreements(frame, area, theme),
            View::Week => self.render_week(frame, area, theme),
            View::Meetings => self.render_meetings(frame, area, theme),
        }
    }
}
