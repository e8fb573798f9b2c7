//! Intake: log a new referral in one form — the case, the offence, its flags
//! and the people in it — validated beside each field as it is typed, saved
//! with one key in one transaction. Possible duplicates (the same crime
//! reference, the same person by name and date of birth) are named as you
//! type; they warn, they never block.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{Ctx, Effect, Prompt, Reply, Screen, ScreenId};
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{PartyRole, Service, Source};
use crate::export::safe::inert;
use crate::store::model::{CaseFlags, CaseKey, NewCase, NewDisposal, NewPerson, PartyLink};
use crate::store::views::intake::{normalise_crime_ref, CrimeRefMatches, PersonMatch};
use crate::tui::action::Action;
use crate::tui::form::{parse_user_date, Field, FieldKind, Form};
use crate::tui::theme::Theme;

// The case fields, in tab order.
const SERVICE: usize = 0;
const SOURCE: usize = 1;
const RECEIVED: usize = 2;
const REFERRER: usize = 3;
const REFERRER_CONTACT: usize = 4;
const CRIME_REF: usize = 5;
const OFFENCE: usize = 6;
const OFFENCE_DATE: usize = 7;
const OFFENCE_MODE: usize = 8;
const DISPOSAL: usize = 9;
const FLAG_DA: usize = 10;
const FLAG_IP: usize = 11;
const FLAG_HATE: usize = 12;
const FLAG_SEXUAL: usize = 13;
const FLAG_YOUTH: usize = 14;
const HARM: usize = 15;
const NOTES: usize = 16;
const CASE_FIELDS: usize = 17;

// The fields of one person, in tab order, after the case fields.
const GIVEN: usize = 0;
const FAMILY: usize = 1;
const DOB: usize = 2;
const ROLE: usize = 3;
const PHONE: usize = 4;
const EMAIL: usize = 5;
const ADDRESS: usize = 6;
const PERSON_FIELDS: usize = 7;

/// People rows on a fresh form: the harmed and the responsible party.
const DEFAULT_PEOPLE: [PartyRole; 2] = [PartyRole::Harmed, PartyRole::Offender];

/// Matches named per crime reference or person (the rest are counted).
const MATCHES_SHOWN: usize = 3;

/// Columns for the labels: "  Referrer contact*".
const LABEL_WIDTH: u16 = 20;

/// Wide enough for the case and the people side by side.
const TWO_COLUMNS_FROM: u16 = 140;

const DATE_HINT: &str = "YYYY-MM-DD or DD/MM/YYYY";

pub const REMOVE_PERSON: &str = "intake_remove_person";

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
    Hint(String),
}

/// The last referral saved from this form, while the form is still fresh.
#[derive(Debug, Clone)]
struct Saved {
    key: CaseKey,
    warnings: Vec<String>,
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
        };
        screen.reset();
        screen
    }

    /// A fresh form for the next referral.
    fn reset(&mut self) {
        let mut fields = case_fields(self.today);
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

    // ---------- reading the form ----------

    /// The value of a field as stored (trimmed text, normalised date, choice value).
    pub fn value(&self, index: usize) -> String {
        self.form.value(index)
    }

    /// How many people rows the form has.
    pub fn people(&self) -> usize {
        self.form.fields.len().saturating_sub(CASE_FIELDS) / PERSON_FIELDS
    }

    /// The focused field's label (tests and the e2e harness read this).
    pub fn focused_label(&self) -> &str {
        self.form.fields.get(self.form.focus).map_or("", |f| f.label.as_str())
    }

    fn person_field(person: usize, offset: usize) -> usize {
        CASE_FIELDS + person * PERSON_FIELDS + offset
    }

    /// (person, offset within the person) of a field in the people section.
    fn person_of(index: usize) -> Option<(usize, usize)> {
        index.checked_sub(CASE_FIELDS).map(|i| (i / PERSON_FIELDS, i % PERSON_FIELDS))
    }

    fn is_oocd(&self) -> bool {
        self.value(SERVICE) == Service::Oocd.as_str()
    }

    fn visible(&self, index: usize) -> bool {
        index != DISPOSAL || self.is_oocd()
    }

    fn text(&self, index: usize) -> Option<String> {
        Some(self.value(index)).filter(|v| !v.is_empty())
    }

    fn date(&self, index: usize) -> Option<NaiveDate> {
        self.form.fields.get(index).and_then(|f| parse_user_date(f.input.value()))
    }

    fn role(&self, person: usize) -> PartyRole {
        PartyRole::parse(&self.value(Self::person_field(person, ROLE))).unwrap_or(PartyRole::Other)
    }

    /// Whether anything but the role was typed for a person.
    fn person_has_detail(&self, person: usize) -> bool {
        [GIVEN, FAMILY, DOB, PHONE, EMAIL, ADDRESS]
            .iter()
            .any(|o| !self.value(Self::person_field(person, *o)).is_empty())
    }

    /// The label a refusal uses: "Person 2 family name".
    fn long_label(&self, index: usize) -> String {
        let label = &self.form.fields[index].label;
        match Self::person_of(index) {
            Some((p, _)) => format!("Person {} {}", p + 1, label.to_lowercase()),
            None => label.clone(),
        }
    }

    /// What is wrong with one field, given the others (shown beside it).
    fn problem(&self, index: usize) -> Option<String> {
        if !self.visible(index) {
            return None;
        }
        let field = self.form.fields.get(index)?;
        if let Some(e) = field.error() {
            return Some(e);
        }
        let date = self.date(index);
        match Self::person_of(index) {
            None => match index {
                RECEIVED if date.is_some_and(|d| d > self.today) => Some("in the future".into()),
                OFFENCE_DATE => match date {
                    Some(d) if d > self.today => Some("in the future".into()),
                    Some(d) if self.date(RECEIVED).is_some_and(|r| d > r) => Some("after the received date".into()),
                    _ => None,
                },
                _ => None,
            },
            Some((person, offset)) => match offset {
                GIVEN | FAMILY if field.value().is_empty() && self.person_has_detail(person) => {
                    Some("needed for this person".into())
                }
                DOB if date.is_some_and(|d| d > self.today) => Some("in the future".into()),
                EMAIL if !field.value().is_empty() && !looks_like_email(&field.value()) => {
                    Some("not an email address".into())
                }
                _ => None,
            },
        }
    }

    /// Every problem, labelled, in form order.
    pub fn problems(&self) -> Vec<String> {
        (0..self.form.fields.len())
            .filter_map(|i| self.problem(i).map(|p| format!("{}: {p}", self.long_label(i))))
            .collect()
    }

    // ---------- moving ----------

    fn step(&mut self, forward: bool) {
        for _ in 0..self.form.fields.len() {
            if forward {
                self.form.next();
            } else {
                self.form.prev();
            }
            if self.visible(self.form.focus) {
                break;
            }
        }
    }

    fn add_person(&mut self) {
        let person = self.people();
        self.form.fields.extend(person_fields(PartyRole::Other));
        self.person_matches.push(Vec::new());
        self.form.focus = Self::person_field(person, GIVEN);
    }

    fn remove_person(&mut self, person: usize) {
        if person >= self.people() {
            return;
        }
        let start = Self::person_field(person, 0);
        self.form.fields.drain(start..start + PERSON_FIELDS);
        if person < self.person_matches.len() {
            self.person_matches.remove(person);
        }
        self.checked = None;
        let last = self.form.fields.len().saturating_sub(1);
        self.form.focus = if self.people() == 0 { NOTES } else { start.min(last) };
        // The focus lands on a person's first field, or the last one left.
        if let Some((p, _)) = Self::person_of(self.form.focus) {
            self.form.focus = Self::person_field(p, GIVEN);
        }
    }

    // ---------- duplicates ----------

    fn duplicate_key(&self) -> DuplicateKey {
        let people = (0..self.people())
            .map(|p| {
                let given = self.value(Self::person_field(p, GIVEN));
                let family = self.value(Self::person_field(p, FAMILY));
                let dob = self.date(Self::person_field(p, DOB))?;
                (!given.is_empty() && !family.is_empty()).then_some((given, family, dob))
            })
            .collect();
        (normalise_crime_ref(&self.value(CRIME_REF)), people)
    }

    /// Look for the crime reference and the people already on file, unless
    /// nothing they depend on changed since the last look.
    fn check_duplicates(&mut self, ctx: &mut Ctx<'_>) {
        let key = self.duplicate_key();
        if self.checked.as_ref() == Some(&key) {
            return;
        }
        let (crime_ref, people) = &key;
        let mut error = None;
        self.crime_matches = ctx.store.cases_with_crime_ref(crime_ref, MATCHES_SHOWN).unwrap_or_else(|e| {
            error = Some(e.to_string());
            CrimeRefMatches::default()
        });
        self.person_matches = people
            .iter()
            .map(|p| match p {
                Some((given, family, dob)) => {
                    ctx.store.people_matching(given, family, *dob, MATCHES_SHOWN + 1).unwrap_or_else(|e| {
                        error = Some(e.to_string());
                        Vec::new()
                    })
                }
                None => Vec::new(),
            })
            .collect();
        self.lookup_error = error;
        self.checked = Some(key);
    }

    /// One sentence per possible duplicate, naming the cases.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.crime_matches.total > 0 {
            out.push(format!(
                "Crime reference {} is already on {}",
                normalise_crime_ref(&self.value(CRIME_REF)),
                name_cases(
                    self.crime_matches.cases.iter().map(|c| format!("{} ({})", c.reference, words(&c.status))),
                    self.crime_matches.total as usize
                )
            ));
        }
        for (person, matches) in self.person_matches.iter().enumerate() {
            if matches.is_empty() || person >= self.people() {
                continue;
            }
            let name = format!(
                "{} {}",
                self.value(Self::person_field(person, GIVEN)),
                self.value(Self::person_field(person, FAMILY))
            );
            let born = self.value(Self::person_field(person, DOB));
            let shown = matches.iter().take(MATCHES_SHOWN).map(|m| {
                let role = PartyRole::parse(&m.role).map_or(m.role.clone(), |r| r.label().to_lowercase());
                format!("{} ({role}, {})", m.reference, words(&m.status))
            });
            out.push(format!(
                "Person {} {name} (born {born}) is already on {}",
                person + 1,
                name_cases(shown, matches.len())
            ));
        }
        out
    }

    /// The short note beside a field that has a possible duplicate.
    fn field_warning(&self, index: usize) -> Option<String> {
        if index == CRIME_REF && self.crime_matches.total > 0 {
            let first = self.crime_matches.cases.first().map_or(String::new(), |c| c.reference.clone());
            let more = self.crime_matches.total - 1;
            return Some(if more > 0 { format!("on file: {first} +{more}") } else { format!("on file: {first}") });
        }
        match Self::person_of(index) {
            Some((p, DOB)) => {
                let matches = self.person_matches.get(p)?;
                let first = matches.first()?;
                let more = matches.len() - 1;
                Some(if more > 0 {
                    format!("on file: {} +{more}", first.reference)
                } else {
                    format!("on file: {}", first.reference)
                })
            }
            _ => None,
        }
    }

    // ---------- saving ----------

    fn new_case(&self) -> NewCase {
        let service = Service::parse(&self.value(SERVICE)).unwrap_or(Service::RestorativeJustice);
        let source = Source::parse(&self.value(SOURCE)).unwrap_or(Source::Other);
        let received = self.date(RECEIVED).unwrap_or(self.today);
        let mut case = NewCase::new(service, source, received);
        case.referrer_name = self.text(REFERRER);
        case.referrer_contact = self.text(REFERRER_CONTACT);
        case.crime_ref = self.text(CRIME_REF).map(|c| normalise_crime_ref(&c));
        case.offence_desc = self.text(OFFENCE);
        case.offence_date = self.date(OFFENCE_DATE);
        case.offence_mode = OffenceMode::parse(&self.value(OFFENCE_MODE));
        let yes = |i: usize| self.value(i) == "yes";
        case.flags = CaseFlags {
            domestic_abuse: yes(FLAG_DA),
            intimate_partner: yes(FLAG_IP),
            hate_crime: yes(FLAG_HATE),
            sexual: yes(FLAG_SEXUAL),
            knife: false,
            youth: yes(FLAG_YOUTH),
        };
        case.harm_summary = self.text(HARM);
        case.notes = self.text(NOTES);
        case
    }

    /// The people rows with something typed in them, with their links.
    fn new_people(&self) -> Vec<(NewPerson, PartyLink)> {
        (0..self.people())
            .filter(|p| self.person_has_detail(*p))
            .map(|p| {
                let f = |o: usize| Self::person_field(p, o);
                let mut person = NewPerson::named(&self.value(f(GIVEN)), &self.value(f(FAMILY)));
                person.dob = self.date(f(DOB));
                person.phone = self.text(f(PHONE));
                person.email = self.text(f(EMAIL));
                person.address = self.text(f(ADDRESS));
                let role = self.role(p);
                (person, PartyLink { role, category: role.default_category() })
            })
            .collect()
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        if !self.has_unsaved() {
            return Effect::Error("Nothing typed yet: fill in the referral, then press Ctrl-S to save it.".into());
        }
        let problems = self.problems();
        if !problems.is_empty() {
            // The cursor goes to the first field to put right.
            if let Some(first) = (0..self.form.fields.len()).find(|i| self.problem(*i).is_some()) {
                self.form.focus = first;
            }
            let count = if problems.len() == 1 { "1 field".to_string() } else { format!("{} fields", problems.len()) };
            return Effect::Error(format!("Not saved: fix {count} marked ✗ — {}", problems.join("; ")));
        }
        self.checked = None;
        self.check_duplicates(ctx);
        let warnings = self.warnings();
        let case = self.new_case();
        let people = self.new_people();
        let disposal = case.service.eq(&Service::Oocd).then(|| DisposalType::parse(&self.value(DISPOSAL))).flatten();
        let result = ctx.store.write(|tx| {
            let key = tx.create_case(&case)?;
            for (person, link) in &people {
                tx.add_party(key.id, person, *link)?;
            }
            if let Some(disposal) = disposal {
                tx.set_disposal(key.id, &NewDisposal::new(disposal))?;
            }
            Ok(key)
        });
        match result {
            Ok(key) => {
                let n = people.len();
                let who = match n {
                    0 => "no people yet".to_string(),
                    1 => "1 person".to_string(),
                    n => format!("{n} people"),
                };
                let mut message = format!("Saved {} with {who}. Press 3 now for its checklist.", key.reference);
                if !warnings.is_empty() {
                    message.push_str(&format!(" Possible duplicate: {}.", warnings.join("; ")));
                }
                self.reset();
                self.saved = Some(Saved { key, warnings });
                Effect::Status(message)
            }
            Err(e) => Effect::Error(format!("Not saved: {e}")),
        }
    }

    /// The just-saved case, while the fresh form is untouched.
    fn fresh_save(&self) -> Option<&Saved> {
        self.saved.as_ref().filter(|_| !self.has_unsaved())
    }

    // ---------- drawing ----------

    /// The keys that work on the focused field, as many as fit in `width`.
    fn key_hint(&self, width: usize) -> String {
        let field = self.form.fields.get(self.form.focus);
        let on_choice = field.is_some_and(|f| matches!(f.kind, FieldKind::Choice(_)));
        let in_person = Self::person_of(self.form.focus).is_some();
        let mut parts = Vec::new();
        if on_choice {
            parts.push("←/→ Space choose");
        }
        parts.extend(["Tab/↓ next", "Shift-Tab/↑ back"]);
        if in_person {
            parts.extend(["Ctrl-P add person", "Ctrl-D remove person"]);
        } else {
            parts.push("Ctrl-P add a person");
        }
        parts.extend(["Ctrl-S save", "Esc leave", "* required"]);
        let mut hint = String::new();
        for part in parts {
            let extra = if hint.is_empty() { part.width() } else { part.width() + 3 };
            if hint.width() + extra > width {
                break;
            }
            if !hint.is_empty() {
                hint.push_str(" · ");
            }
            hint.push_str(part);
        }
        hint
    }

    fn case_rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Heading("Referral".into())];
        rows.extend((SERVICE..=REFERRER_CONTACT).map(Row::Field));
        rows.push(Row::Heading("Offence".into()));
        rows.extend((CRIME_REF..=DISPOSAL).filter(|i| self.visible(*i)).map(Row::Field));
        rows.push(Row::Heading("Flags".into()));
        rows.extend((FLAG_DA..=FLAG_YOUTH).map(Row::Field));
        rows.push(Row::Heading("Harm and notes".into()));
        rows.extend((HARM..=NOTES).map(Row::Field));
        rows
    }

    fn people_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let focused_person = Self::person_of(self.form.focus).map(|(p, _)| p);
        for p in 0..self.people() {
            let mut heading = format!("Person {} — {}", p + 1, self.role(p).label());
            if focused_person == Some(p) {
                heading.push_str("   (Ctrl-D removes)");
            }
            rows.push(Row::Heading(heading));
            rows.extend((0..PERSON_FIELDS).map(|o| Row::Field(Self::person_field(p, o))));
        }
        if self.people() == 0 {
            rows.push(Row::Heading("People".into()));
        }
        rows.push(Row::Hint("Ctrl-P adds another person; a row left blank is not saved.".into()));
        rows
    }

    /// Lines for the panel under the form: possible duplicates, or the note
    /// about the referral just saved.
    fn panel(&self) -> Option<(String, Vec<String>, bool)> {
        if let Some(saved) = self.fresh_save() {
            let mut lines = vec![format!(
                "{} saved. Press 3 now for its checklist, or start typing the next referral.",
                saved.key.reference
            )];
            lines.extend(saved.warnings.iter().map(|w| format!("⚠ {w}")));
            return Some((" Saved ".into(), lines, false));
        }
        let mut lines: Vec<String> = self.warnings().into_iter().map(|w| format!("⚠ {w}")).collect();
        if let Some(e) = &self.lookup_error {
            lines.push(format!("Could not check for duplicates: {e}"));
        }
        (!lines.is_empty()).then(|| (" Possible duplicates — a warning only: Ctrl-S still saves ".into(), lines, true))
    }

    fn render_column(
        &mut self,
        frame: &mut Frame<'_>,
        column: usize,
        rows: &[Row],
        area: Rect,
        theme: &Theme,
    ) -> (bool, bool) {
        let height = area.height as usize;
        if height == 0 {
            return (false, false);
        }
        let mut scroll = self.scroll[column].min(rows.len().saturating_sub(height));
        if let Some(pos) = rows.iter().position(|r| *r == Row::Field(self.form.focus)) {
            // Keep the focused field in view, with its section heading when it opens one.
            let top = if pos > 0 && matches!(rows[pos - 1], Row::Heading(_)) { pos - 1 } else { pos };
            if top < scroll {
                scroll = top;
            } else if pos >= scroll + height {
                scroll = pos + 1 - height;
            }
        }
        self.scroll[column] = scroll;
        for (i, row) in rows.iter().skip(scroll).take(height).enumerate() {
            let line = Rect::new(area.x, area.y + i as u16, area.width, 1);
            match row {
                Row::Heading(text) => {
                    frame.render_widget(Paragraph::new(Line::styled(text.clone(), theme.heading)), line);
                }
                Row::Hint(text) => {
                    frame.render_widget(Paragraph::new(Line::styled(format!("  {text}"), theme.muted)), line);
                }
                Row::Field(index) => self.render_field(frame, *index, line, theme),
            }
        }
        (scroll > 0, scroll + height < rows.len())
    }

    fn render_field(&self, frame: &mut Frame<'_>, index: usize, area: Rect, theme: &Theme) {
        let field = &self.form.fields[index];
        let focused = index == self.form.focus;
        let label_width = LABEL_WIDTH.min(area.width);
        let marker = if field.required { "*" } else { "" };
        let label = Line::from(vec![
            Span::styled(format!("  {}", field.label), if focused { theme.title } else { theme.normal }),
            Span::styled(marker, theme.muted),
        ]);
        frame.render_widget(Paragraph::new(label), Rect::new(area.x, area.y, label_width, 1));
        let rest = area.width.saturating_sub(label_width + 1);
        let note = match self.problem(index) {
            Some(e) => Some((format!(" ✗ {e}"), theme.field_error)),
            None => self.field_warning(index).map(|w| (format!(" ⚠ {w}"), theme.warning)),
        };
        let note_width = note.as_ref().map_or(0, |(n, _)| (n.width() as u16 + 1).min(rest / 2));
        let value_area = Rect::new(area.x + label_width + 1, area.y, rest.saturating_sub(note_width), 1);
        render_value(frame, field, value_area, theme, focused);
        if let Some((text, style)) = note {
            let note_area = Rect::new(value_area.x + value_area.width, area.y, note_width, 1);
            frame.render_widget(Paragraph::new(text).style(style), note_area);
        }
    }
}

/// The value of one field: the text with its cursor, or the chosen option.
fn render_value(frame: &mut Frame<'_>, field: &Field, area: Rect, theme: &Theme, focused: bool) {
    let style = if focused { theme.field_focus } else { theme.normal };
    let width = area.width.max(1) as usize;
    if let FieldKind::Choice(options) = &field.kind {
        let label = options.get(field.choice).map_or("", |(_, l)| l.as_str());
        let text = if focused { format!("‹ {label} ›  ←/→ Space") } else { format!("‹ {label} ›") };
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let text = inert(field.input.value());
    if text.is_empty() && !field.hint.is_empty() {
        frame.render_widget(Paragraph::new(field.hint.clone()).style(theme.muted.patch(style)), area);
    } else {
        let scroll = field.input.visual_scroll(width);
        frame.render_widget(Paragraph::new(text).style(style).scroll((0, scroll as u16)), area);
    }
    if focused {
        let scroll = field.input.visual_scroll(width);
        let x = area.x + field.input.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position((x.min(area.x + area.width.saturating_sub(1)), area.y));
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
                    REMOVE_PERSON,
                    vec![person as i64],
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
        match reply.purpose {
            "discard" => {
                self.reset();
                self.saved = None;
                Effect::None
            }
            REMOVE_PERSON => {
                if let Some(person) = reply.ids.first().and_then(|p| usize::try_from(*p).ok()) {
                    self.remove_person(person);
                    self.check_duplicates(ctx);
                }
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn typing(&self) -> bool {
        true
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &mut Ctx<'_>) -> Effect {
        let on_choice = self.form.fields.get(self.form.focus).is_some_and(|f| matches!(f.kind, FieldKind::Choice(_)));
        match key.code {
            KeyCode::Enter => {
                self.step(true);
                return Effect::None;
            }
            // A choice has no use for digits: right after a save, 3 opens the
            // checklist of the referral just saved, as the status line offers.
            KeyCode::Char('3') if on_choice => {
                return match self.fresh_save() {
                    Some(s) => Effect::Focus { screen: ScreenId::Checklist, case_id: s.key.id, entity_id: None },
                    None => Effect::None,
                };
            }
            KeyCode::Char(c) if on_choice && c.is_ascii_digit() => return Effect::None,
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

fn yes_no(label: &str) -> Field {
    let mut f = Field::choice_of(label, &[("no", "No"), ("yes", "Yes")], 0);
    f.required = false;
    f
}

/// The case fields of a fresh form, in tab order (see the constants above).
fn case_fields(today: NaiveDate) -> Vec<Field> {
    let services: Vec<(String, String)> = [Service::RestorativeJustice, Service::Mediation, Service::Oocd]
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let sources: Vec<(String, String)> =
        Source::ALL.iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect();
    let mut modes = vec![("unknown".to_string(), "Not known".to_string())];
    modes.extend(OffenceMode::ALL.iter().map(|m| (m.as_str().to_string(), m.label().to_string())));
    let mut mode = Field::choice("Offence mode", modes, 0);
    mode.required = false;
    let disposals: Vec<(String, String)> =
        DisposalType::ALL.iter().map(|d| (d.as_str().to_string(), d.label().to_string())).collect();
    let fields = vec![
        Field::choice("Service", services, 0),
        Field::choice("Source", sources, 0),
        Field::date("Received on", Some(today)).required(),
        Field::text("Referrer").with_hint("name and organisation"),
        Field::text("Referrer contact").with_hint("phone or email"),
        Field::text("Crime reference").with_hint("e.g. CR/012345/26"),
        Field::text("Offence").with_hint("a short description, not the crime report"),
        Field::date("Offence date", None).with_hint(DATE_HINT),
        mode,
        Field::choice("Disposal type", disposals, 0),
        yes_no("Domestic abuse"),
        yes_no("Intimate partner"),
        yes_no("Hate crime"),
        yes_no("Sexual"),
        yes_no("Youth (under 18)"),
        Field::text("Harm summary").with_hint("what happened to whom, in a line"),
        Field::text("Notes"),
    ];
    debug_assert_eq!(fields.len(), CASE_FIELDS);
    fields
}

/// The fields of one person, in tab order.
fn person_fields(role: PartyRole) -> Vec<Field> {
    let roles: Vec<(String, String)> = ROLES.iter().map(|r| (r.as_str().to_string(), r.label().to_string())).collect();
    let selected = ROLES.iter().position(|r| *r == role).unwrap_or(0);
    let mut role_field = Field::choice("Role", roles, selected);
    role_field.required = false;
    vec![
        Field::text("Given names"),
        Field::text("Family name"),
        Field::date("Date of birth", None).with_hint(DATE_HINT),
        role_field,
        Field::text("Phone"),
        Field::text("Email"),
        Field::text("Address"),
    ]
}

/// Loose on purpose: one @, something before it, a dotted domain after it.
fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// "RJ-2026-0003 (received), OOCD-2026-0001 (active) and 2 more".
fn name_cases(shown: impl Iterator<Item = String>, total: usize) -> String {
    let shown: Vec<String> = shown.take(MATCHES_SHOWN).collect();
    let more = total.saturating_sub(shown.len());
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Rows a line takes when wrapped at `width` (words kept whole, roughly).
fn wrapped_rows(text: &str, width: usize) -> usize {
    let (mut rows, mut col) = (1, 0);
    for word in text.split(' ') {
        let w = word.width();
        if col > 0 && col + 1 + w > width {
            rows += 1 + (w.saturating_sub(1)) / width.max(1);
            col = w % width.max(1);
        } else {
            col += if col > 0 { 1 + w } else { w };
        }
    }
    rows
}

/// A stored status as words: "sense_check" → "sense check".
fn words(status: &str) -> String {
    status.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn type_into(screen: &mut IntakeScreen, index: usize, text: &str) {
        screen.form.focus = index;
        for c in text.chars() {
            screen.form.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn a_fresh_form_has_a_harmed_and_a_responsible_person_and_no_problems() {
        let s = IntakeScreen::new(today());
        assert_eq!(s.people(), 2);
        assert_eq!(s.role(0), PartyRole::Harmed);
        assert_eq!(s.role(1), PartyRole::Offender);
        assert_eq!(s.value(RECEIVED), "2026-11-20");
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert!(!s.has_unsaved());
    }

    #[test]
    fn dates_are_checked_against_today_and_each_other() {
        let mut s = IntakeScreen::new(today());
        type_into(&mut s, OFFENCE_DATE, "2026-11-21");
        assert_eq!(s.problem(OFFENCE_DATE).as_deref(), Some("in the future"));
        s.form.fields[RECEIVED] = Field::date("Received on", NaiveDate::from_ymd_opt(2026, 11, 1)).required();
        s.form.fields[OFFENCE_DATE] = Field::date("Offence date", NaiveDate::from_ymd_opt(2026, 11, 2));
        assert_eq!(s.problem(OFFENCE_DATE).as_deref(), Some("after the received date"));
        s.form.fields[RECEIVED] = Field::date("Received on", NaiveDate::from_ymd_opt(2026, 12, 1)).required();
        assert_eq!(s.problem(RECEIVED).as_deref(), Some("in the future"));
    }

    #[test]
    fn a_person_with_any_detail_needs_both_names() {
        let mut s = IntakeScreen::new(today());
        type_into(&mut s, IntakeScreen::person_field(1, PHONE), "07700 900123");
        assert_eq!(s.problem(IntakeScreen::person_field(1, GIVEN)).as_deref(), Some("needed for this person"));
        assert_eq!(s.problem(IntakeScreen::person_field(1, FAMILY)).as_deref(), Some("needed for this person"));
        assert!(s.problem(IntakeScreen::person_field(0, GIVEN)).is_none());
        assert!(s.problems().iter().any(|p| p.starts_with("Person 2 family name")), "{:?}", s.problems());
    }

    #[test]
    fn emails_must_look_like_emails() {
        assert!(looks_like_email("zoe@example.org"));
        assert!(!looks_like_email("zoe@example"));
        assert!(!looks_like_email("zoe example.org"));
        assert!(!looks_like_email("@example.org"));
        assert!(!looks_like_email("a@b@c.org"));
    }

    #[test]
    fn the_disposal_type_is_asked_only_for_oocd() {
        let mut s = IntakeScreen::new(today());
        assert!(!s.visible(DISPOSAL));
        s.form.focus = OFFENCE_MODE;
        s.step(true);
        assert_eq!(s.form.focus, FLAG_DA, "tab skips the hidden disposal type");
        s.form.fields[SERVICE].choice = 2;
        assert!(s.is_oocd());
        s.form.focus = OFFENCE_MODE;
        s.step(true);
        assert_eq!(s.form.focus, DISPOSAL);
    }

    #[test]
    fn people_are_added_and_removed() {
        let mut s = IntakeScreen::new(today());
        s.add_person();
        assert_eq!(s.people(), 3);
        assert_eq!(s.form.focus, IntakeScreen::person_field(2, GIVEN));
        assert!(s.has_unsaved(), "a new row is a change");
        type_into(&mut s, IntakeScreen::person_field(2, GIVEN), "Łucja");
        s.remove_person(0);
        assert_eq!(s.people(), 2);
        assert_eq!(s.value(IntakeScreen::person_field(1, GIVEN)), "Łucja");
        assert_eq!(s.role(0), PartyRole::Offender);
    }
}
