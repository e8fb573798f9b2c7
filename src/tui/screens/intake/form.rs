//! The intake form's fields: building them, reading and checking each
//! value beside its field, moving between them, and adding or removing a
//! person.

use chrono::NaiveDate;

use crate::domain::dates::is_future;
use crate::domain::legal::disposal_label;
use crate::domain::rules::Rules;
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{PartyRole, Service, Source};
use crate::tui::form::Field;

use super::{
    IntakeScreen, ADDRESS, CASE_FIELDS, DATE_HINT, DISPOSAL, DOB, EMAIL, ENHANCED, FAMILY, GIVEN, NOTES, OFFENCE_DATE,
    PERSON_FIELDS, PHONE, RECEIVED, REPORTED, ROLE, ROLES, SERVICE,
};

impl IntakeScreen {
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

    pub(super) fn person_field(person: usize, offset: usize) -> usize {
        CASE_FIELDS + person * PERSON_FIELDS + offset
    }

    /// (person, offset within the person) of a field in the people section.
    pub(super) fn person_of(index: usize) -> Option<(usize, usize)> {
        index.checked_sub(CASE_FIELDS).map(|i| (i / PERSON_FIELDS, i % PERSON_FIELDS))
    }

    pub(super) fn is_oocd(&self) -> bool {
        self.value(SERVICE) == Service::Oocd.as_str()
    }

    pub(super) fn visible(&self, index: usize) -> bool {
        match Self::person_of(index) {
            Some((person, ENHANCED)) => self.role(person) == PartyRole::Harmed,
            _ => index != DISPOSAL || self.is_oocd(),
        }
    }

    /// Whether a harmed party was marked as having enhanced rights.
    pub(super) fn enhanced(&self, person: usize) -> bool {
        self.role(person) == PartyRole::Harmed && self.value(Self::person_field(person, ENHANCED)) == "yes"
    }

    pub(super) fn text(&self, index: usize) -> Option<String> {
        Some(self.value(index)).filter(|v| !v.is_empty())
    }

    pub(super) fn date(&self, index: usize) -> Option<NaiveDate> {
        self.form.fields.get(index).and_then(Field::date_value)
    }

    pub(super) fn role(&self, person: usize) -> PartyRole {
        PartyRole::parse(&self.value(Self::person_field(person, ROLE))).unwrap_or(PartyRole::Other)
    }

    /// Whether anything but the role was typed for a person.
    pub(super) fn person_has_detail(&self, person: usize) -> bool {
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
    pub(super) fn problem(&self, index: usize) -> Option<String> {
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
                RECEIVED if date.is_some_and(|d| is_future(d, self.today)) => Some("in the future".into()),
                REPORTED => match date {
                    Some(d) if is_future(d, self.today) => Some("in the future".into()),
                    Some(d) if self.date(RECEIVED).is_some_and(|r| d > r) => Some("after the received date".into()),
                    _ => None,
                },
                OFFENCE_DATE => match date {
                    Some(d) if is_future(d, self.today) => Some("in the future".into()),
                    Some(d) if self.date(RECEIVED).is_some_and(|r| d > r) => Some("after the received date".into()),
                    _ => None,
                },
                _ => None,
            },
            Some((person, offset)) => match offset {
                GIVEN | FAMILY if field.value().is_empty() && self.person_has_detail(person) => {
                    Some("needed for this person".into())
                }
                DOB if date.is_some_and(|d| is_future(d, self.today)) => Some("in the future".into()),
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

    pub(super) fn step(&mut self, forward: bool) {
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

    pub(super) fn add_person(&mut self) {
        let person = self.people();
        self.form.fields.extend(person_fields(PartyRole::Other));
        self.person_matches.push(Vec::new());
        self.form.focus = Self::person_field(person, GIVEN);
    }

    pub(super) fn remove_person(&mut self, person: usize) {
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
}

fn yes_no(label: &str) -> Field {
    let mut f = Field::choice_of(label, &[("no", "No"), ("yes", "Yes")], 0);
    f.required = false;
    f
}

/// The case fields of a fresh form, in tab order (see the constants above).
pub(super) fn case_fields(today: NaiveDate, rules: &Rules) -> Vec<Field> {
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
        DisposalType::ALL.iter().map(|d| (d.as_str().to_string(), disposal_label(*d, rules, today))).collect();
    let fields = vec![
        Field::choice("Service", services, 0),
        Field::choice("Source", sources, 0),
        Field::date("Received on", Some(today)).required(),
        Field::date("Reported to police", None).with_hint(DATE_HINT),
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
        Field::text("Notes").multi_line(),
    ];
    debug_assert_eq!(fields.len(), CASE_FIELDS);
    fields
}

/// The fields of one person, in tab order.
pub(super) fn person_fields(role: PartyRole) -> Vec<Field> {
    let roles: Vec<(String, String)> = ROLES.iter().map(|r| (r.as_str().to_string(), r.label().to_string())).collect();
    let selected = ROLES.iter().position(|r| *r == role).unwrap_or(0);
    let mut role_field = Field::choice("Role", roles, selected);
    role_field.required = false;
    vec![
        Field::text("Given names"),
        Field::text("Family name"),
        Field::date_of_birth(None),
        role_field,
        Field::text("Phone"),
        Field::text("Email"),
        Field::text("Address"),
        yes_no("Enhanced rights"),
    ]
}

/// Loose on purpose: one @, something before it, a dotted domain after it.
pub(super) fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}
