//! The diary's week view (issue 14 §5): the planned and confirmed meetings
//! of one week, Monday to Sunday, with their clashes; ← and → move a week,
//! `.` comes back to this week, Enter edits the selected meeting of a case
//! or opens a meeting of no case (its attendees, minutes and actions), `e`
//! writes the selected meeting, of a case or not, as a calendar file.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use ratatui::widgets::ListState;

use crate::domain::dates::monday_of;
use crate::domain::workdays::WorkCalendar;
use crate::store::views::diary::{Booked, DiaryRow};
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, Effect, ScreenId};

use super::actions_arrangements::{calendar_file, meeting_calendar_file};
use super::prompts::edit_prompt_for;
use super::render_week::WeekMeasure;
use super::{AgreementsScreen, View};

/// The week shown and its meetings.
#[derive(Debug, Default)]
pub(super) struct Week {
    /// The Monday the week starts on (None until first shown: this week).
    pub monday: Option<NaiveDate>,
    pub rows: Vec<DiaryRow>,
    pub list: ListState,
    /// How much room its lines need, measured when it is read.
    pub measure: WeekMeasure,
    /// The desk's calendar, to flag a bank holiday or weekend.
    pub calendar: Option<Arc<WorkCalendar>>,
}

/// Where a move takes the selection at `at` in a list of `len` rows shown
/// `page` at a time; None for an action that is no move.
pub(super) fn step(action: Action, at: usize, len: usize, page: usize) -> Option<usize> {
    Some(match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at + 1,
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => at + page,
        Action::Top => 0,
        Action::Bottom => len.saturating_sub(1),
        _ => return None,
    })
}

impl AgreementsScreen {
    /// The meeting selected in the week (tests read this).
    pub fn selected_meeting(&self) -> Option<&DiaryRow> {
        self.week.list.selected().and_then(|i| self.week.rows.get(i))
    }

    pub(super) fn load_week(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let monday = *self.week.monday.get_or_insert(monday_of(ctx.today));
        let keep = self.selected_meeting().map(|r| r.what.clone());
        self.week.calendar = Some(Arc::clone(ctx.calendar));
        self.week.rows = ctx.store.diary_week(monday)?;
        self.week.measure = WeekMeasure::of(&self.week.rows);
        let at = keep.and_then(|what| self.week.rows.iter().position(|r| same_meeting(&r.what, &what)));
        self.week.list.select(at.or((!self.week.rows.is_empty()).then_some(0)));
        Ok(())
    }

    /// The diary key: into the week view, or back to the arrangements.
    pub(super) fn diary(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        self.view = if self.view == View::Week { View::Arrangements } else { View::Week };
        self.reload(ctx)
    }

    pub(super) fn week_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let monday = self.week.monday.unwrap_or_else(|| monday_of(ctx.today));
        match action {
            Action::PrevWeek => self.show_week(monday - Duration::days(7), ctx),
            Action::NextWeek => self.show_week(monday + Duration::days(7), ctx),
            Action::ThisWeek => self.show_week(monday_of(ctx.today), ctx),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.move_in_week(action);
                Effect::None
            }
            Action::ToggleView | Action::Diary => self.diary(ctx),
            _ => self.on_meeting(action, ctx),
        }
    }

    fn on_meeting(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(row) = self.selected_meeting().cloned() else {
            return match action {
                Action::Open | Action::OpenCase | Action::CalendarFile => {
                    Effect::Error("No meetings this week: ← and → move a week, . comes back to this one.".into())
                }
                _ => Effect::None,
            };
        };
        match (action, &row.what) {
            (Action::Open, Booked::Case { process_id, .. }) => match ctx.store.process_row(*process_id) {
                Ok(Some(arrangement)) => Effect::Ask(edit_prompt_for(*process_id, &arrangement, ctx)),
                _ => Effect::Error("That meeting is no longer there.".into()),
            },
            (Action::Open, Booked::Meeting { meeting_id, .. }) => {
                let effect = self.open_meeting_by_id(*meeting_id, None, ctx);
                self.meetings.from_diary = self.view == View::Meetings;
                effect
            }
            (Action::OpenCase, Booked::Case { case_id, .. }) => {
                Effect::Focus { screen: ScreenId::Case, case_id: *case_id, entity_id: None }
            }
            (Action::CalendarFile, Booked::Case { process_id, case_ref, case_id, .. }) => {
                calendar_file(*process_id, case_ref, *case_id, ctx)
            }
            (Action::CalendarFile, Booked::Meeting { meeting_id, .. }) => meeting_calendar_file(*meeting_id, ctx),
            (Action::OpenCase, Booked::Meeting { .. }) => {
                Effect::Error("That meeting concerns no case: Enter opens it, with its minutes and actions.".into())
            }
            _ => Effect::None,
        }
    }

    fn show_week(&mut self, monday: NaiveDate, ctx: &mut Ctx<'_>) -> Effect {
        self.week.monday = Some(monday);
        self.week.list.select(None);
        self.reload(ctx)
    }

    fn move_in_week(&mut self, action: Action) {
        let len = self.week.rows.len();
        if len == 0 {
            return;
        }
        let at = self.week.list.selected().unwrap_or(0);
        let to = step(action, at, len, self.visible.max(1)).unwrap_or(len - 1);
        self.week.list.select(Some(to.min(len - 1)));
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        match self.load(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not load the diary: {e:#}")),
        }
    }
}

/// Whether two rows are the same meeting, however it moved or changed.
fn same_meeting(a: &Booked, b: &Booked) -> bool {
    match (a, b) {
        (Booked::Case { process_id: x, .. }, Booked::Case { process_id: y, .. }) => x == y,
        (Booked::Meeting { meeting_id: x, .. }, Booked::Meeting { meeting_id: y, .. }) => x == y,
        _ => false,
    }
}
