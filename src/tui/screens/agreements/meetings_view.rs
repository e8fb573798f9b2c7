//! The Meetings view (issue 14 §6, `m`): the meetings recorded, newest
//! first; `a` records one; Enter opens it, showing its attendees, agenda,
//! minutes and actions. In an open meeting Enter writes the minutes (the
//! multi-line editor: a paste keeps its lines), `n` adds an attendee, `i`
//! an action, `c` marks the selected action done; `m` goes back. `e`, in
//! the list or an open meeting, writes the meeting as a calendar file.

use ratatui::widgets::ListState;

use crate::store::views::meetings::{Meeting, MeetingActionRow, MeetingRow};
use crate::tui::action::Action;
use crate::tui::screens::meetings::{action_prompt, attendee_prompt, done_prompt, minutes_prompt, record_prompt};
use crate::tui::screens::{Ctx, Effect};

use super::actions_arrangements::meeting_calendar_file;
use super::{AgreementsScreen, View};

/// The meetings listed and the one opened.
#[derive(Debug, Default)]
pub(super) struct Meetings {
    pub rows: Vec<MeetingRow>,
    pub list: ListState,
    /// The meeting opened with Enter, read whole.
    pub open: Option<Meeting>,
    /// The action selected in the open meeting.
    pub actions: ListState,
    /// The meeting was opened from the diary's week, so going back returns
    /// there rather than to the list the person never saw.
    pub from_diary: bool,
}

impl AgreementsScreen {
    /// The meeting selected in the list (tests read this).
    pub fn selected_meeting_row(&self) -> Option<&MeetingRow> {
        self.meetings.list.selected().and_then(|i| self.meetings.rows.get(i))
    }

    /// The meeting opened, if one is (tests read this).
    pub fn open_meeting(&self) -> Option<&Meeting> {
        self.meetings.open.as_ref()
    }

    fn selected_action(&self) -> Option<&MeetingActionRow> {
        let open = self.meetings.open.as_ref()?;
        self.meetings.actions.selected().and_then(|i| open.actions.get(i))
    }

    pub(super) fn load_meetings(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let keep = self.selected_meeting_row().map(|r| r.id);
        self.meetings.rows = ctx.store.meetings()?;
        let at = keep.and_then(|id| self.meetings.rows.iter().position(|r| r.id == id));
        self.meetings.list.select(at.or((!self.meetings.rows.is_empty()).then_some(0)));
        if let Some(id) = self.meetings.open.as_ref().map(|m| m.id) {
            self.meetings.open = ctx.store.meeting(id)?;
            let len = self.meetings.open.as_ref().map_or(0, |m| m.actions.len());
            let at = self.meetings.actions.selected().map(|i| i.min(len.saturating_sub(1)));
            self.meetings.actions.select(at.or((len > 0).then_some(0)).filter(|_| len > 0));
        }
        Ok(())
    }

    /// The meetings key: into the list, from an open meeting back to the
    /// list (or to the diary it was opened from), and from the list back
    /// to the arrangements.
    pub(super) fn meetings_key(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        match (self.view, self.meetings.open.is_some()) {
            (View::Meetings, true) if self.meetings.from_diary => {
                self.meetings.open = None;
                self.meetings.from_diary = false;
                self.view = View::Week;
            }
            (View::Meetings, true) => self.meetings.open = None,
            (View::Meetings, false) => self.view = View::Arrangements,
            _ => self.view = View::Meetings,
        }
        self.reload_meetings(ctx)
    }

    pub(super) fn meetings_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        if matches!(action, Action::Meetings | Action::ToggleView | Action::Back) {
            return self.meetings_key(ctx);
        }
        if let Some(moved) = self.move_in_meetings(action) {
            return moved;
        }
        match (action, self.meetings.open.clone()) {
            (Action::NewAgreement, None) => Effect::Ask(record_prompt(ctx)),
            (Action::CalendarFile, Some(meeting)) => meeting_calendar_file(meeting.id, ctx),
            (Action::CalendarFile, None) => match self.selected_meeting_row() {
                Some(row) => meeting_calendar_file(row.id, ctx),
                None => Effect::Error("No meetings are recorded yet: a records one.".into()),
            },
            (Action::Open, None) => self.open_selected(ctx),
            (Action::Open, Some(meeting)) => Effect::Ask(minutes_prompt(&meeting)),
            (Action::NewProcess, Some(meeting)) => Effect::Ask(attendee_prompt(ctx, &meeting)),
            (Action::NewItem, Some(meeting)) => Effect::Ask(action_prompt(ctx, &meeting)),
            (Action::Complete, Some(_)) => match self.selected_action() {
                Some(a) if a.done_on.is_some() => Effect::Error("That action is done already.".into()),
                Some(a) => Effect::Ask(done_prompt(a.id, &a.what, ctx.today)),
                None => Effect::Error("This meeting has no actions yet: i adds one.".into()),
            },
            _ => Effect::None,
        }
    }

    /// The Meetings view with the meeting of this action open and the
    /// action selected (Enter on Today).
    pub(super) fn open_meeting_of_action(&mut self, action_id: i64, ctx: &mut Ctx<'_>) -> Effect {
        match ctx.store.meeting_of_action(action_id) {
            Ok(Some(id)) => self.open_meeting_by_id(id, Some(action_id), ctx),
            Ok(None) => Effect::Error("That action is no longer there.".into()),
            Err(e) => Effect::Error(format!("Could not read the meeting: {e}")),
        }
    }

    /// The Meetings view with this meeting open (Enter on it in the diary),
    /// and `action_id`, one of its actions, selected when given.
    pub(super) fn open_meeting_by_id(&mut self, id: i64, action_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        let meeting = match ctx.store.meeting(id) {
            Ok(Some(meeting)) => meeting,
            Ok(None) => return Effect::Error("That meeting is no longer there.".into()),
            Err(e) => return Effect::Error(format!("Could not read the meeting: {e}")),
        };
        let at = match action_id {
            Some(wanted) => meeting.actions.iter().position(|a| a.id == wanted),
            None => (!meeting.actions.is_empty()).then_some(0),
        };
        self.view = View::Meetings;
        self.meetings.from_diary = false;
        self.meetings.list.select(None);
        self.meetings.open = Some(meeting);
        self.meetings.actions.select(at);
        let effect = self.reload_meetings(ctx);
        if let Some(id) = self.meetings.open.as_ref().map(|m| m.id) {
            let row = self.meetings.rows.iter().position(|r| r.id == id);
            self.meetings.list.select(row);
        }
        effect
    }

    fn open_selected(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(id) = self.selected_meeting_row().map(|r| r.id) else {
            return Effect::Error("No meetings are recorded yet: a records one.".into());
        };
        match ctx.store.meeting(id) {
            Ok(meeting) => {
                let has_actions = meeting.as_ref().is_some_and(|m| !m.actions.is_empty());
                self.meetings.open = meeting;
                self.meetings.actions.select(has_actions.then_some(0));
                Effect::None
            }
            Err(e) => Effect::Error(format!("Could not read the meeting: {e}")),
        }
    }

    /// Move through the list, or through the open meeting's actions.
    fn move_in_meetings(&mut self, action: Action) -> Option<Effect> {
        let (len, state) = match &self.meetings.open {
            Some(open) => (open.actions.len(), &mut self.meetings.actions),
            None => (self.meetings.rows.len(), &mut self.meetings.list),
        };
        let to = super::week::step(action, state.selected().unwrap_or(0), len, self.visible.max(1))?;
        if len > 0 {
            state.select(Some(to.min(len - 1)));
        }
        Some(Effect::None)
    }

    pub(super) fn reload_meetings(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        match self.load(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the meetings: {e:#}")),
        }
    }
}
