//! The application state and the routing of every key: open overlay →
//! focused text field → screen keymap → global keymap.

use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};
use ratatui::Frame;

mod chrome;
mod rules;
mod status_line;
mod undo;
mod upkeep;
mod who;

pub use chrome::short_label;

use super::action::Action;
use super::keymap::{KeyChord, Keymap};
use super::overlay::{HelpFor, Overlay, OverlayOutcome, Palette, PromptState, Search};
use super::screens::{self, Ctx, Effect, PendingAction, Prompt, Reply, Screen, ScreenId};
use super::theme::Theme;
use crate::domain::rules::Rules;
use crate::domain::workdays::WorkCalendar;
use crate::store::Store;

/// Below this the screens cannot be drawn legibly.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub struct App {
    pub store: Store,
    pub today: NaiveDate,
    /// Shared with the date fields of every form, which count "+3wd" in it.
    calendar: Arc<WorkCalendar>,
    rules: Rules,
    pub keymap: Keymap,
    pub theme: Theme,
    pub current: ScreenId,
    today_screen: screens::today::TodayScreen,
    /// The other five screens, in `ScreenId::ALL` order after Today.
    screens: Vec<Box<dyn Screen>>,
    pub overlay: Option<Overlay>,
    /// The last thing said to the user, and whether it was a refusal.
    pub status: Option<(String, bool)>,
    /// The daily backup's tamper alarm: said whenever nothing else is, until
    /// `casedesk check` has been run.
    alarm: Option<String>,
    pub quit: bool,
    /// The quick check and the day's backup, under way after the first frame.
    upkeep: Option<crate::store::UpkeepRun>,
    /// Said at the right of the status line while the upkeep runs.
    upkeep_note: Option<&'static str>,
}

impl App {
    pub fn new(store: Store, today: NaiveDate, keymap: Keymap, theme: Theme) -> anyhow::Result<App> {
        crate::domain::dates::use_today(today);
        let calendar = Arc::new(store.calendar()?);
        let rules = store.rules()?;
        // Say on the first frame if today's rolling backup could not be made.
        let status = store.backup_warning().map(|w| (format!("Backup not made: {w}"), true)).or_else(|| {
            store.is_read_only().then(|| {
                ("Opened read-only: this file cannot be written, so nothing can be changed.".to_string(), true)
            })
        });
        let alarm = store.audit_alarm().map(|a| format!("Warning: {a}"));
        let screens: Vec<Box<dyn Screen>> = vec![
            Box::new(screens::intake::IntakeScreen::new(today).with_rules(&rules)),
            Box::new(screens::checklist::ChecklistScreen::new()),
            Box::new(screens::deadlines::DeadlinesScreen::new()),
            Box::new(screens::agreements::AgreementsScreen::new()),
            Box::new(screens::case::CaseScreen::new()),
            Box::new(screens::reports::ReportsScreen::new()),
            Box::new(screens::directory::DirectoryScreen::new()),
        ];
        let mut app = App {
            store,
            today,
            calendar,
            rules,
            keymap,
            theme,
            current: ScreenId::Today,
            today_screen: screens::today::TodayScreen::new(),
            screens,
            overlay: None,
            alarm,
            status,
            quit: false,
            upkeep: None,
            upkeep_note: None,
        };
        app.refresh_current();
        Ok(app)
    }

    fn with_screen<T>(&mut self, id: ScreenId, f: impl FnOnce(&mut dyn Screen, &mut Ctx<'_>) -> T) -> T {
        let mut ctx = Ctx { store: &mut self.store, today: self.today, calendar: &self.calendar, rules: &self.rules };
        let screen: &mut dyn Screen = match id {
            ScreenId::Today => &mut self.today_screen,
            other => self.screens[other.index() - 1].as_mut(),
        };
        f(screen, &mut ctx)
    }

    pub fn screen(&self, id: ScreenId) -> &dyn Screen {
        match id {
            ScreenId::Today => &self.today_screen,
            other => self.screens[other.index() - 1].as_ref(),
        }
    }

    /// Take in work the current screen finished in the background; true
    /// when it must be drawn again.
    pub fn tick(&mut self) -> bool {
        let screen = self.with_screen(self.current, |screen, ctx| screen.tick(ctx));
        self.poll_upkeep() || screen
    }

    /// Whether the current screen, or the upkeep, has work under way in the background.
    pub fn busy(&self) -> bool {
        self.screen(self.current).busy() || self.upkeep.is_some()
    }

    /// The Today screen itself, for tests that read its selection.
    pub fn today_screen(&self) -> &screens::today::TodayScreen {
        &self.today_screen
    }

    fn refresh_current(&mut self) {
        let current = self.current;
        if let Err(e) = self.with_screen(current, |s, ctx| s.refresh(ctx)) {
            self.status = Some((format!("could not load {}: {e:#}", current.title()), true));
        }
    }

    /// Handle one key press from the terminal.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // What was said about the last key is replaced by what this key does.
        self.status = None;
        if self.overlay.is_some() {
            self.handle_overlay_key(key);
            return;
        }
        let chord = KeyChord::from_event(&key);
        let context = self.current.context();
        let typing = self.screen(self.current).typing();
        if typing && (chord.is_printable() || self.screen(self.current).takes_key(&key)) {
            let effect = self.with_screen(self.current, |s, ctx| s.type_key(key, ctx));
            self.apply_effect(effect);
            return;
        }
        match self.keymap.lookup(context, chord) {
            Some(action) => self.apply(action),
            None if typing => {
                let effect = self.with_screen(self.current, |s, ctx| s.type_key(key, ctx));
                self.apply_effect(effect);
            }
            None => {}
        }
    }

    /// Apply an action, whether from a key, the palette or a test.
    pub fn apply(&mut self, action: Action) {
        if let Some(target) = ScreenId::from_action(action) {
            match self.screen(self.current).case_for(target) {
                Some(case_id) => self.apply_effect(Effect::Focus { screen: target, case_id, entity_id: None }),
                None => self.switch_to(target),
            }
            return;
        }
        match action {
            Action::Quit => self.request_quit(),
            Action::Help => {
                let help = HelpFor { title: self.current.title(), footer: self.screen(self.current).footer() };
                self.overlay = Some(Overlay::Help { scroll: 0, help });
            }
            Action::Palette => self.overlay = Some(Overlay::Palette(Palette::ordered(self.actions_here()))),
            Action::Search => self.overlay = Some(Overlay::Search(Search::new())),
            Action::Undo => self.ask_undo(),
            Action::Redo => self.redo(),
            Action::Rules => self.open_rules(),
            // The Case screen asks its own service's; elsewhere, which service.
            Action::ServiceProfile => {
                let effect = self.with_screen(self.current, |s, ctx| match s.handle(action, ctx) {
                    Effect::None => Effect::Ask(screens::profile::which_prompt(ctx)),
                    asked => asked,
                });
                self.apply_effect(effect);
            }
            Action::NextScreen => self.switch_to(ScreenId::ALL[(self.current.index() + 1) % ScreenId::ALL.len()]),
            Action::PrevScreen => {
                let n = ScreenId::ALL.len();
                self.switch_to(ScreenId::ALL[(self.current.index() + n - 1) % n])
            }
            other => {
                let effect = self.with_screen(self.current, |s, ctx| s.handle(other, ctx));
                self.apply_effect(effect);
            }
        }
    }

    /// The actions of this screen, as its footer shows them and then as its
    /// keymap binds them, for the palette to list first.
    fn actions_here(&self) -> Vec<Action> {
        let context = self.current.context();
        let mut actions = self.screen(self.current).footer();
        for layer in context.stack() {
            actions.extend(self.keymap.bindings_of(layer).into_iter().map(|(action, _)| action));
        }
        actions
    }

    fn request_quit(&mut self) {
        if self.screens.iter().any(|s| s.has_unsaved()) {
            self.ask(Prompt::confirm(
                "Quit without saving?",
                "The intake form has changes that are not saved. Quit anyway and lose them?".into(),
                PendingAction::Quit,
            ));
        } else {
            self.quit = true;
        }
    }

    fn switch_to(&mut self, target: ScreenId) {
        if target == self.current {
            return;
        }
        if self.screen(self.current).has_unsaved() {
            self.ask(Prompt::confirm(
                "Leave without saving?",
                format!("{} has changes that are not saved. Leave and lose them?", self.current.title()),
                PendingAction::Leave(target),
            ));
            return;
        }
        self.current = target;
        self.refresh_current();
    }

    fn ask(&mut self, prompt: Prompt) {
        let mut state = PromptState::new(self.current, prompt);
        state.form.set_date_basis(self.today, &self.calendar);
        self.overlay = Some(Overlay::Prompt(state));
    }

    /// Handle text pasted into the terminal: all of it goes into the field
    /// with the cursor, never spread over the form as keys.
    pub fn handle_paste(&mut self, text: &str) {
        self.status = None;
        if let Some(overlay) = self.overlay.as_mut() {
            let outcome = overlay.paste(text);
            self.on_overlay(outcome);
        } else if self.screen(self.current).typing() {
            let effect = self.with_screen(self.current, |s, ctx| s.paste(text, ctx));
            self.apply_effect(effect);
        }
    }

    fn handle_overlay_key(&mut self, key: KeyEvent) {
        let context = self.current.context();
        let Some(overlay) = self.overlay.as_mut() else { return };
        let outcome = overlay.handle(&key, &self.keymap, context);
        self.on_overlay(outcome);
    }

    /// Do what a key or a paste in the overlay asked for.
    fn on_overlay(&mut self, outcome: OverlayOutcome) {
        match outcome {
            OverlayOutcome::Stay => {}
            OverlayOutcome::Close => self.overlay = None,
            OverlayOutcome::Run(action) => {
                self.overlay = None;
                self.apply(action);
            }
            OverlayOutcome::Reply(origin, reply) => {
                let asked = self.overlay.take();
                self.deliver(origin, reply, asked);
            }
            OverlayOutcome::Query(text) => {
                let hits = self.store.search(&text, 200);
                if let Some(Overlay::Search(search)) = self.overlay.as_mut() {
                    match hits {
                        Ok(hits) => search.set_hits(hits),
                        Err(e) => self.status = Some((format!("search failed: {e}"), true)),
                    }
                }
            }
            OverlayOutcome::SetRule { id, value, reason } => self.set_rule(&id, value, &reason),
            OverlayOutcome::OpenCase(case_id) => {
                self.overlay = None;
                self.apply_effect(Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None });
            }
        }
    }

    /// Hand a prompt's answer to the screen that asked. `asked` is the
    /// prompt as it was answered, kept to reopen it if the save fails.
    fn deliver(&mut self, origin: ScreenId, reply: Reply, asked: Option<Overlay>) {
        match reply.pending {
            PendingAction::Quit => self.quit = true,
            PendingAction::Undo(txn) => self.undo(txn),
            PendingAction::WhoYouAre => self.record_who(&reply, asked),
            PendingAction::Leave(target) => {
                let current = self.current;
                self.with_screen(current, |s, ctx| s.on_reply(Reply::new(PendingAction::Discard), ctx));
                self.current = target;
                self.refresh_current();
            }
            _ => {
                let effect = match reply.pending {
                    // Any screen may ask who sends letters; the answer is the desk's.
                    PendingAction::Profile(step) => {
                        self.with_screen(origin, |_, ctx| screens::profile::apply_reply(step, &reply, ctx))
                    }
                    _ => self.with_screen(origin, |s, ctx| s.on_reply(reply, ctx)),
                };
                match (effect, asked) {
                    // A save refused for any reason (in use, disk full, a
                    // cap) keeps the form open with everything typed, and
                    // says why, on every screen.
                    (Effect::Error(text), Some(Overlay::Prompt(mut form)))
                        if !form.form.fields.is_empty() && self.overlay.is_none() =>
                    {
                        form.problem = Some(text.clone());
                        self.status = Some((text, true));
                        self.overlay = Some(Overlay::Prompt(form));
                    }
                    (Effect::Refused { field, text }, Some(Overlay::Prompt(mut form)))
                        if !form.form.fields.is_empty() && self.overlay.is_none() =>
                    {
                        form.mark_fault(field, &text);
                        form.problem = Some(text.clone());
                        self.status = Some((text, true));
                        self.overlay = Some(Overlay::Prompt(form));
                    }
                    (effect, _) => self.apply_effect(effect),
                }
            }
        }
    }

    pub fn apply_effect(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Status(text) => {
                self.status = Some((text, false));
                self.refresh_current();
            }
            Effect::Error(text) | Effect::Refused { text, .. } => self.status = Some((text, true)),
            Effect::Goto(screen) => self.switch_to(screen),
            Effect::Focus { screen, case_id, entity_id } => {
                self.switch_to(screen);
                if self.current == screen {
                    let effect = self.with_screen(screen, |s, ctx| s.focus(case_id, entity_id, ctx));
                    self.apply_effect(effect);
                }
            }
            Effect::Ask(prompt) => self.ask(prompt),
            Effect::Quit => self.request_quit(),
        }
    }

    /// Draw the whole frame: tabs, the screen, the status line, the footer.
    pub fn render(&mut self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = format!(
                "The terminal is {}×{}; casedesk needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window.",
                area.width, area.height
            );
            frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), area);
            return;
        }
        let [tabs, body, status, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(self.status_height(area.width)),
            Constraint::Length(1),
        ]));
        self.render_tabs(frame, tabs);
        let theme = self.theme;
        match self.current {
            ScreenId::Today => self.today_screen.render(frame, body, &theme),
            other => self.screens[other.index() - 1].render(frame, body, &theme),
        }
        self.render_status(frame, status);
        self.render_footer(frame, footer);
        let context = self.current.context();
        if let Some(overlay) = self.overlay.as_mut() {
            overlay.render(frame, body, &theme, &self.keymap, context);
        }
    }
}
