//! Intake: log a new referral in one form — the case, the offence, its flags
//! and the people in it — validated beside each field as it is typed, saved
//! with one key in one transaction. Possible duplicates (the same crime
//! reference, the same person by name and date of birth) are named as you
//! type; they warn, they never block.
//!
//! The screen is one folder: `mod.rs` holds the state and the `Screen`
//! glue, `form.rs` the fields and reading and checking them, `matches.rs`
//! the possible duplicates, `actions.rs` saving, and `render.rs` the drawing.

mod actions;
mod form;
mod matches;
mod render;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use super::{Ctx, Effect, PendingAction, Prompt, Reply, Screen, ScreenId};
use crate::domain::rules::Rules;
use crate::domain::types::PartyRole;
use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::store::model::CaseKey;
use crate::store::views::intake::{CrimeRefMatches, PersonMatch};
use crate::tui::action::Action;
use crate::tui::form::{FieldKind, Form};
use crate::tui::theme::Theme;

use form::{case_fields, person_fields};
use render::wrapped_rows;

// The case fields, in tab order.
const SERVICE: usize = 0;
const SOURCE: usize = 1;
const RECEIVED: usize = 2;
/// When the crime was reported to the police (the Victims' Code clocks).
const REPORTED: usize = 3;
const REFERRER: usize = 4;
const REFERRER_CONTACT: usize = 5;
const CRIME_REF: usize = 6;
const OFFENCE: usize = 7;
const OFFENCE_DATE: usize = 8;
const OFFENCE_MODE: usize = 9;
const DISPOSAL: usize = 10;
const FLAG_DA: usize = 11;
const FLAG_IP: usize = 12;
const FLAG_HATE: usize = 13;
const FLAG_SEXUAL: usize = 14;
const FLAG_YOUTH: usize = 15;
const HARM: usize = 16;
const NOTES: usize = 17;
const CASE_FIELDS: usize = 18;

// The fields of one person, in tab order, after the case fields.
const GIVEN: usize = 0;
const FAMILY: usize = 1;
const DOB: usize = 2;
const ROLE: usize = 3;
const PHONE: usize = 4;
const EMAIL: usize = 5;
const ADDRESS: usize = 6;
/// A harmed party's enhanced rights under the Victims' Code (shown for a
/// harmed party only).
const ENHANCED: usize = 7;
const PERSON_FIELDS: usize = 8;

/// People rows on a fresh form: the harmed and the responsible party.
const DEFAULT_PEOPLE: [PartyRole; 2] = [PartyRole::Harmed, PartyRole::Offender];

/// Matches named per crime reference or person (the rest are counted).
const MATCHES_SHOWN: usize = 3;

/// Columns for the labels: "  Referrer contact*".
const LABEL_WIDTH: u16 = 20;

/// Wide enough for the case and the people side by side.
const TWO_COLUMNS_FROM: u16 = 140;

const DATE_HINT: &str = "DD/MM/YYYY, yesterday, -3";

/// What a prompt of this screen does once answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Remove the person at this position of the form.
    RemovePerson(usize),
}

/// The roles offered for a person, harmed and responsible first.
const ROLES: [PartyRole; 8] = [
    PartyRole::Harmed,
    PartyRole::Offender,
    PartyRole::Witness,
    PartyRole::Supporter,
    PartyRole::AppropriateAdult,
    PartyRole::ParentGuardian,
    PartyRole::Referrer,
    PartyRole::Other,
];

/// One line of the form as drawn.
#[derive(Debug, Clone, PartialEq)]
enum Row {
    Heading(String),
    Field(usize),
    /// A further line of the multi-line field above (drawn with it).
    More,
    Hint(String),
}

/// The last referral saved from this form, while the form is still fresh.
#[derive(Debug, Clone)]
struct Saved {
    key: CaseKey,
    service: Service,
    warnings: Vec<String>,
}

impl Saved {
    /// The next step offered for the referral just saved: an RJ or
    /// mediation referral's checklist, or an OOCD case's disposal and
    /// conditions on its Case screen (OOCDs have no checklist).
    fn next_step(&self) -> (ScreenId, &'static str) {
        match self.service {
            Service::Oocd => (ScreenId::Case, "Press 6 now to open it and record its disposal and conditions"),
            _ => (ScreenId::Checklist, "Press 3 now for its checklist"),
        }
    }
}

/// What was last looked up for duplicates, so unchanged input is not re-queried.
type DuplicateKey = (String, Vec<Option<(String, String, NaiveDate)>>);

pub struct IntakeScreen {
    today: NaiveDate,
    form: Form,
    /// Field values of a fresh form (with as many people), to tell unsaved work.
    pristine: Vec<String>,
    crime_matches: CrimeRefMatches,
    /// Per person row, the people on file with the same names and birth date.
    person_matches: Vec<Vec<PersonMatch>>,
    checked: Option<DuplicateKey>,
    lookup_error: Option<String>,
    saved: Option<Saved>,
    /// First row shown of each column (one column below `TWO_COLUMNS_FROM`).
    scroll: [usize; 2],
    /// The desk's rules, for which disposals are in force today.
    rules: Rules,
}

impl IntakeScreen {
    pub fn new(today: NaiveDate) -> Self {
        let mut screen = IntakeScreen {
            today,
            form: Form::default(),
            pristine: Vec::new(),
            crime_matches: CrimeRefMatches::default(),
            person_matches: Vec::new(),
            checked: None,
            lookup_error: None,
            saved: None,
            scroll: [0, 0],
            rules: Rules::defaults(),
        };
        screen.reset();
        screen
    }

    /// The screen on a desk with these rules (a PCSC commencement date
    /// makes its cautions available in the disposal picker).
    pub fn with_rules(mut self, rules: &Rules) -> Self {
        self.rules = rules.clone();
        self.reset();
        self
    }

    /// A fresh form for the next referral.
    fn reset(&mut self) {
        let mut fields = case_fields(self.today, &self.rules);
        for role in DEFAULT_PEOPLE {
            fields.extend(person_fields(role));
        }
        self.form = Form::new(fields);
        self.pristine = self.form.values();
        self.crime_matches = CrimeRefMatches::default();
        self.person_matches = vec![Vec::new(); DEFAULT_PEOPLE.len()];
        self.checked = None;
        self.lookup_error = None;
        self.scroll = [0, 0];
    }
}

impl IntakeScreen {
    fn digit_on_choice(&self, digit: char) -> Effect {
        let Some(screen) = digit.to_digit(10).and_then(|d| ScreenId::ALL.get((d as usize).checked_sub(1)?)) else {
            return Effect::Error("On a choice, Space or ← → choose and Tab moves on; 1–7 switch screens.".into());
        };
        match self.fresh_save().filter(|saved| saved.next_step().0 == *screen) {
            Some(saved) => Effect::Focus { screen: *screen, case_id: saved.key.id, entity_id: None },
            None => Effect::Goto(*screen),
        }
    }
}

impl Screen for IntakeScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Intake
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        // The store may have changed elsewhere: look again.
        self.checked = None;
        self.check_duplicates(ctx);
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        match action {
            Action::NextField | Action::Down => self.step(true),
            Action::PrevField | Action::Up => self.step(false),
            Action::Save => return self.save(ctx),
            Action::AddPerson => {
                self.add_person();
                self.saved = None;
            }
            Action::RemovePerson => {
                let Some((person, _)) = Self::person_of(self.form.focus) else {
                    return Effect::Error(
                        "Move to one of a person's fields first, then Ctrl-D removes that person.".into(),
                    );
                };
                if !self.person_has_detail(person) {
                    self.remove_person(person);
                    self.check_duplicates(ctx);
                    return Effect::None;
                }
                let name = format!(
                    "{} {}",
                    self.value(Self::person_field(person, GIVEN)),
                    self.value(Self::person_field(person, FAMILY))
                );
                return Effect::Ask(Prompt::confirm(
                    "Remove this person?",
                    format!(
                        "Remove person {} ({}) and what was typed for them from the form?",
                        person + 1,
                        name.trim()
                    ),
                    PendingAction::Intake(Pending::RemovePerson(person)),
                ));
            }
            Action::Back => return Effect::Goto(ScreenId::Today),
            Action::OpenChecklist => {
                return match &self.saved {
                    Some(s) => Effect::Focus { screen: ScreenId::Checklist, case_id: s.key.id, entity_id: None },
                    None => Effect::Error("Save a referral first; its checklist opens from here.".into()),
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        match reply.pending {
            PendingAction::Discard => {
                self.reset();
                self.saved = None;
            }
            PendingAction::Intake(Pending::RemovePerson(person)) => {
                self.remove_person(person);
                self.check_duplicates(ctx);
            }
            _ => {}
        }
        Effect::None
    }

    fn typing(&self) -> bool {
        true
    }

    fn takes_key(&self, key: &KeyEvent) -> bool {
        // Enter, ↑ ↓, Home and End move within the text of a multi-line
        // field, until ↑ or ↓ would leave it.
        let mut field = self.form.fields.get(self.form.focus).filter(|f| f.lines).cloned();
        matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down | KeyCode::Home | KeyCode::End)
            && field.as_mut().is_some_and(|f| f.type_key(key))
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx<'_>) -> Effect {
        self.form.set_date_basis(ctx.today, ctx.calendar);
        self.form.paste(text);
        self.check_duplicates(ctx);
        Effect::None
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Effect {
        // "today", "+3" and "fri" count from the desk's day, in its calendar
        // (the form is rebuilt after each save, so this is said each time).
        self.form.set_date_basis(ctx.today, ctx.calendar);
        let on_choice = self.form.fields.get(self.form.focus).is_some_and(|f| matches!(f.kind, FieldKind::Choice(_)));
        match key.code {
            KeyCode::Enter if !self.form.on_lines() => {
                self.step(true);
                return Effect::None;
            }
            // A choice has no use for digits, so they switch screens as they
            // do everywhere else (asking first if something typed is not
            // saved). Right after a save, the screen of the next step opens
            // on the referral just saved, as the status line offers.
            KeyCode::Char(c) if on_choice && c.is_ascii_digit() => return self.digit_on_choice(c),
            _ => {}
        }
        if self.form.type_key(&key) {
            self.check_duplicates(ctx);
        }
        Effect::None
    }

    fn has_unsaved(&self) -> bool {
        let values = self.form.values();
        values.len() != self.pristine.len() || values != self.pristine
    }

    fn footer(&self) -> Vec<Action> {
        vec![Action::Save, Action::NextField, Action::Back, Action::AddPerson, Action::RemovePerson, Action::PrevField]
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let block =
            Block::bordered().title(" Intake — new referral ").border_style(theme.border).title_style(theme.title);
        let inner = block.inner(area);
        let panel = self.panel();
        let text_width = inner.width.saturating_sub(2).max(1) as usize;
        let panel_height = panel.as_ref().map_or(0, |(_, lines, _)| {
            let wanted = lines.iter().map(|l| wrapped_rows(l, text_width)).sum::<usize>() as u16 + 2;
            wanted.min(inner.height.saturating_sub(6) / 2).max(3.min(inner.height))
        });
        let [hint_area, form_area, panel_area] = inner.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(panel_height),
        ]));
        let hint = self.key_hint(hint_area.width as usize);
        frame.render_widget(Paragraph::new(Line::styled(hint, theme.muted)), hint_area);

        let (above, below) = if form_area.width >= TWO_COLUMNS_FROM {
            let [left, _, right] = form_area.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(2),
                Constraint::Fill(1),
            ]));
            let (case_rows, people_rows) = (self.case_rows(), self.people_rows());
            let a = self.render_column(frame, 0, &case_rows, left, theme);
            let b = self.render_column(frame, 1, &people_rows, right, theme);
            (a.0 || b.0, a.1 || b.1)
        } else {
            let mut rows = self.case_rows();
            rows.extend(self.people_rows());
            self.render_column(frame, 0, &rows, form_area, theme)
        };
        let more = match (above, below) {
            (true, true) => " ↑↓ more fields above and below ",
            (true, false) => " ↑ more fields above ",
            (false, true) => " ↓ more fields below ",
            (false, false) => "",
        };
        let block = if more.is_empty() { block } else { block.title_bottom(Line::styled(more, theme.muted)) };
        frame.render_widget(block, area);

        if let Some((title, lines, warning)) = panel {
            let style = if warning { theme.warning } else { theme.good };
            // Whole lines while they fit; the rest are counted on the last row.
            let room = panel_area.height.saturating_sub(2) as usize;
            let (mut used, mut text) = (0, Vec::new());
            for (i, l) in lines.iter().enumerate() {
                let rows = wrapped_rows(l, text_width);
                let left = lines.len() - i;
                if used + rows > room || (left > 1 && used + rows == room) {
                    text.push(Line::styled(format!("… and {left} more"), theme.muted));
                    break;
                }
                used += rows;
                text.push(Line::from(inert(l)));
            }
            let panel_block = Block::bordered().title(title).border_style(style).title_style(style);
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(panel_block), panel_area);
        }
    }
}
