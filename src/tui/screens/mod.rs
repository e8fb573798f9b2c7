//! The eight screens. Each is a folder with the same files for the same
//! parts, where it has them:
//!
//! * `mod.rs` — the state and the `Screen` glue: what each key does, and
//!   `on_reply`, one `match` over the screen's `Pending`;
//! * `paging.rs` — reading the list a page at a time and moving through it;
//! * `prompts.rs` — the screen's `Pending` enum (what an answered prompt
//!   will do, with the keys it acts on) and the prompts that carry it;
//! * `actions.rs` — what an answer writes (`actions_<view>.rs` when a
//!   screen has two views);
//! * `render.rs` — the drawing (`render_<part>.rs` for a large part).
//!
//! Any other file is named for the one thing it holds (`words.rs`,
//! `counting.rs`, `retention.rs`). Screens talk to the rest of the app only
//! through `Ctx` (the store and the day) and the `Effect` they return;
//! prompts shared by several screens live in `common.rs`.
pub mod agreements;
pub mod case;
pub mod checklist;
pub mod common;
pub mod contact_who;
pub mod coordinator_filter;
pub mod deadlines;
pub mod diary_words;
pub mod directory;
pub mod enquiries;
pub mod fields;
pub mod finalise;
pub mod intake;
pub mod meetings;
pub mod profile;
pub mod reports;
pub mod today;

use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

use super::action::Action;
use super::form::Field;
use super::keymap::Context;
use super::theme::Theme;
use crate::domain::rules::Rules;
use crate::domain::workdays::WorkCalendar;
use crate::store::{Day, Store};
pub use fields::FieldId;

/// Everything a screen may use while handling an action.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub today: NaiveDate,
    pub calendar: &'a Arc<WorkCalendar>,
    pub rules: &'a Rules,
}

impl Ctx<'_> {
    pub fn day(&self) -> Day<'_> {
        Day::new(self.today, self.calendar, self.rules)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Today,
    Intake,
    Checklist,
    Deadlines,
    Agreements,
    Case,
    Reports,
    Directory,
}

impl ScreenId {
    pub const ALL: [ScreenId; 8] = [
        ScreenId::Today,
        ScreenId::Intake,
        ScreenId::Checklist,
        ScreenId::Deadlines,
        ScreenId::Agreements,
        ScreenId::Case,
        ScreenId::Reports,
        ScreenId::Directory,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ScreenId::Today => "Today",
            ScreenId::Intake => "Intake",
            ScreenId::Checklist => "Checklist",
            ScreenId::Deadlines => "Deadlines",
            ScreenId::Agreements => "Agreements",
            ScreenId::Case => "Case",
            ScreenId::Reports => "Reports",
            ScreenId::Directory => "Directory",
        }
    }

    pub fn context(self) -> Context {
        match self {
            ScreenId::Today => Context::Today,
            ScreenId::Intake => Context::Intake,
            ScreenId::Checklist => Context::Checklist,
            ScreenId::Deadlines => Context::Deadlines,
            ScreenId::Agreements => Context::Agreements,
            ScreenId::Case => Context::Case,
            ScreenId::Reports => Context::Reports,
            ScreenId::Directory => Context::Directory,
        }
    }

    /// The action that switches to this screen.
    pub fn action(self) -> Action {
        match self {
            ScreenId::Today => Action::ScreenToday,
            ScreenId::Intake => Action::ScreenIntake,
            ScreenId::Checklist => Action::ScreenChecklist,
            ScreenId::Deadlines => Action::ScreenDeadlines,
            ScreenId::Agreements => Action::ScreenAgreements,
            ScreenId::Case => Action::ScreenCase,
            ScreenId::Reports => Action::ScreenReports,
            ScreenId::Directory => Action::ScreenDirectory,
        }
    }

    pub fn from_action(action: Action) -> Option<ScreenId> {
        ScreenId::ALL.into_iter().find(|s| s.action() == action)
    }

    pub fn index(self) -> usize {
        ScreenId::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// A question put to the user in a popup: fields to fill (none for a plain
/// yes/no confirmation), each named by a `FieldId`. The answer comes back to
/// the screen that asked as a `Reply` carrying the same pending action.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub title: String,
    /// Shown above the fields: what will happen, what is being confirmed.
    pub message: String,
    pub fields: Vec<(FieldId, Field)>,
    pub pending: PendingAction,
}

impl Prompt {
    pub fn new(title: impl Into<String>, message: impl Into<String>, pending: PendingAction) -> Prompt {
        Prompt { title: title.into(), message: message.into(), fields: Vec::new(), pending }
    }

    /// A yes / no question before something that cannot be taken back lightly.
    pub fn confirm(title: &str, message: String, pending: PendingAction) -> Prompt {
        Prompt::new(title, message, pending)
    }

    pub fn field(mut self, id: FieldId, field: Field) -> Prompt {
        self.fields.push((id, field));
        self
    }

    /// A field asked only when `ask` holds.
    pub fn field_if(self, ask: bool, id: FieldId, field: impl FnOnce() -> Field) -> Prompt {
        if ask {
            self.field(id, field())
        } else {
            self
        }
    }
}

/// What a prompt will do once answered: the app's own questions, and each
/// screen's, carrying the keys of what they act on.
#[derive(Debug, Clone, PartialEq)]
pub enum PendingAction {
    Quit,
    Leave(ScreenId),
    /// Throw away unsaved typing (sent to a screen being left).
    Discard,
    Shared(common::Pending),
    /// Undo the change of this transaction, named to the user first.
    Undo(i64),
    /// The name and role of the person at the desk, asked on first run.
    WhoYouAre,
    /// Finalising a disposal, asked from Today or the Case screen.
    Finalise(finalise::Pending),
    /// Logging an enquiry, or linking one to a case, asked from Today.
    Enquiries(enquiries::Pending),
    /// Meetings, their minutes and actions, asked from Agreements and Today.
    Meetings(meetings::Pending),
    /// Whose cases to show, asked from Deadlines or Today.
    CoordinatorFilter,
    /// Who sends a service's letters, asked from the Case screen or the Directory.
    Profile(profile::Pending),
    Intake(intake::Pending),
    Checklist(checklist::Pending),
    Deadlines(deadlines::Pending),
    Agreements(agreements::Pending),
    Case(case::Pending),
    Directory(directory::Pending),
}

/// The answer to a `Prompt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub pending: PendingAction,
    /// One value per field, trimmed; dates as YYYY-MM-DD.
    pub values: Vec<(FieldId, String)>,
}

impl Reply {
    pub fn new(pending: PendingAction) -> Reply {
        Reply { pending, values: Vec::new() }
    }

    /// What was typed or chosen in a field; empty when the prompt had none.
    pub fn value(&self, id: FieldId) -> &str {
        self.values.iter().find(|(f, _)| *f == id).map_or("", |(_, v)| v.as_str())
    }

    pub fn date(&self, id: FieldId) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.value(id), "%Y-%m-%d").ok()
    }

    /// A yes / no choice answered yes.
    pub fn yes(&self, id: FieldId) -> bool {
        self.value(id) == "yes"
    }

    /// The value, or None when left empty.
    pub fn optional(&self, id: FieldId) -> Option<String> {
        Some(self.value(id).to_string()).filter(|v| !v.is_empty())
    }
}

/// What handling an action asks the app to do next.
#[derive(Debug, Clone, Default)]
pub enum Effect {
    #[default]
    None,
    /// Something was saved or done: say so in the status line.
    Status(String),
    /// Something was refused: say why.
    Error(String),
    /// A save refused for what is in one field of its form: say why, and
    /// beside that field.
    Refused {
        field: FieldId,
        text: String,
    },
    Goto(ScreenId),
    /// Show a case (or one thing in it) on the screen where it is handled.
    Focus {
        screen: ScreenId,
        case_id: i64,
        entity_id: Option<i64>,
    },
    Ask(Prompt),
    /// Leave the app.
    Quit,
}

/// One screen of the desk.
pub trait Screen {
    fn id(&self) -> ScreenId;

    /// Reload what the screen shows from the store.
    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()>;

    /// Apply an action from the keymap or the palette.
    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect;

    /// The answer to a prompt this screen asked.
    fn on_reply(&mut self, _reply: Reply, _ctx: &mut Ctx<'_>) -> Effect {
        Effect::None
    }

    /// Whether a text field has the cursor (typed keys go to it first).
    fn typing(&self) -> bool {
        false
    }

    /// A key typed into the focused text field.
    fn type_key(&mut self, _key: KeyEvent, _ctx: &mut Ctx<'_>) -> Effect {
        Effect::None
    }

    /// Whether the focused field reads this key itself rather than the
    /// keymap (↑ and ↓ within the lines of a multi-line field).
    fn takes_key(&self, _key: &KeyEvent) -> bool {
        false
    }

    /// Text pasted while a text field has the cursor: all of it goes there.
    fn paste(&mut self, _text: &str, _ctx: &mut Ctx<'_>) -> Effect {
        Effect::None
    }

    /// After an undo or redo, select the first of the records it brought
    /// back (table, id, case) that this screen lists, so it is in view.
    /// Screens that show one item of a case use `focus` instead.
    fn select_restored(&mut self, _records: &[(&'static str, i64, Option<i64>)], _ctx: &mut Ctx<'_>) -> Effect {
        Effect::None
    }

    /// Show a given case, and optionally one item in it.
    fn focus(&mut self, _case_id: i64, _entity_id: Option<i64>, _ctx: &mut Ctx<'_>) -> Effect {
        Effect::None
    }

    /// The case a switch to `target` should open rather than that screen's
    /// own list: the one in hand here, e.g. the checklist just decided
    /// going on to its Case screen.
    fn case_for(&self, _target: ScreenId) -> Option<i64> {
        None
    }

    /// Work typed but not saved, so leaving must ask first.
    fn has_unsaved(&self) -> bool {
        false
    }

    /// The actions that matter here, for the footer (most important first).
    fn footer(&self) -> Vec<Action>;

    /// A footer word for an action whose meaning here is more particular
    /// than its general name (e.g. "outcome" for Complete on a meeting).
    fn footer_label(&self, _action: Action) -> Option<&'static str> {
        None
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme);

    /// Take in work finished away from the keyboard (figures counted on
    /// another thread), or read what the last frame had room for and the
    /// screen had not read; true when the screen must be drawn again.
    fn tick(&mut self, _ctx: &mut Ctx<'_>) -> bool {
        false
    }

    /// Whether work is under way that `tick` will take in.
    fn busy(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keymap lists the screens' contexts without knowing the screens;
    /// the two lists must agree, tab for tab.
    #[test]
    fn the_keymap_lists_each_screen_context_in_tab_order() {
        assert_eq!(Context::screens(), ScreenId::ALL.map(ScreenId::context));
    }
}
