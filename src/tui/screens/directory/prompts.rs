//! What the Directory asks: the name to find, the kind of a new entry, an
//! entry's details (each kind its own fields, filled from the entry when
//! editing), a retirement to confirm, and a venue's new room.

use super::DirectoryScreen;
use crate::domain::directory::{cost_words, AgencyKind, DirectoryKind, Training};
use crate::export::safe::inert;
use crate::store::views::directory::DirectoryEntry;
use crate::tui::form::Field;
use crate::tui::screens::{Effect, FieldId, PendingAction, Prompt};

/// What an answered Directory prompt will do, with the entry it acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Find,
    ChooseKind,
    Add(DirectoryKind),
    Edit(DirectoryKind, i64),
    Retire(DirectoryKind, i64),
    AddRoom(i64),
}

fn ask(pending: Pending) -> PendingAction {
    PendingAction::Directory(pending)
}

fn yes_no(label: &str, yes: bool) -> Field {
    Field::choice_of(label, &[("no", "No"), ("yes", "Yes")], usize::from(yes))
}

fn text(label: &str, value: Option<&str>) -> Field {
    Field::text(label).with_value(value.unwrap_or_default())
}

/// The fields an entry of `kind` is asked for, filled from `e` when editing.
pub(super) fn entry_prompt(kind: DirectoryKind, e: Option<&DirectoryEntry>, pending: Pending) -> Prompt {
    let blank = DirectoryEntry::default();
    let e = e.unwrap_or(&blank);
    let title = match pending {
        Pending::Edit(..) => format!("Edit {}", inert(&e.name)),
        _ => format!("Add a {}", kind.noun()),
    };
    let prompt = Prompt::new(title, "Saved to the directory and the audit log; undo takes it back.", ask(pending))
        .field(FieldId::Name, text("Name", Some(&e.name)).required())
        .field(FieldId::Email, text("Email", e.email.as_deref()))
        .field(FieldId::Phone, text("Phone", e.phone.as_deref()));
    let prompt = match kind {
        DirectoryKind::Coordinator => prompt
            .field(FieldId::Team, text("Team", e.team.as_deref()))
            .field(FieldId::MaxCaseload, Field::number("Maximum caseload").with_value(&number(e.max_caseload))),
        DirectoryKind::Facilitator => prompt
            .field(
                FieldId::TrainedConference,
                yes_no("Trained: RJ conference", e.trained_in.contains(&Training::Conference)),
            )
            .field(FieldId::TrainedMediation, yes_no("Trained: mediation", e.trained_in.contains(&Training::Mediation)))
            .field(FieldId::TrainedShuttle, yes_no("Trained: shuttle", e.trained_in.contains(&Training::Shuttle)))
            .field(FieldId::VettingExpires, Field::date("Vetting expires", e.vetting_expires))
            .field(FieldId::Availability, text("Availability", e.availability.as_deref())),
        DirectoryKind::Provider => prompt
            .field(FieldId::Courses, text("Courses offered", e.courses.as_deref()))
            .field(FieldId::ReferralMethod, text("Referral method", e.referral_method.as_deref()))
            .field(
                FieldId::Cost,
                Field::text("Cost per place")
                    .with_value(&e.cost_pence.map(cost_words).unwrap_or_default())
                    .with_hint("£85.50"),
            ),
        DirectoryKind::Venue => prompt
            .field(FieldId::Address, text("Address", e.address.as_deref()))
            .field(FieldId::BookingContact, text("Booking contact", e.booking_contact.as_deref())),
        DirectoryKind::Agency => {
            let options: Vec<(String, String)> =
                AgencyKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
            let at = e.agency_kind.and_then(|k| AgencyKind::ALL.iter().position(|x| *x == k)).unwrap_or(0);
            prompt
                .field(FieldId::AgencyKind, Field::choice("Kind of agency", options, at))
                .field(FieldId::Team, text("Team", e.team.as_deref()))
        }
    };
    prompt.field(FieldId::Notes, text("Notes", e.notes.as_deref()))
}

fn number(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

impl DirectoryScreen {
    pub(super) fn find_prompt(&self) -> Effect {
        let field = Field::text("Name holds").with_value(&self.query).with_hint("part of a name, e.g. zoe");
        Effect::Ask(
            Prompt::new("Find by name", "Every kind is searched; accents and case do not matter.", ask(Pending::Find))
                .field(FieldId::Name, field),
        )
    }

    pub(super) fn add_prompt(&self) -> Effect {
        if let Some(kind) = self.kind {
            return Effect::Ask(entry_prompt(kind, None, Pending::Add(kind)));
        }
        let options: Vec<(String, String)> =
            DirectoryKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
        Effect::Ask(
            Prompt::new("Add to the directory", "What kind of entry is it?", ask(Pending::ChooseKind))
                .field(FieldId::Kind, Field::choice("Kind", options, 0)),
        )
    }

    pub(super) fn edit_prompt(&self) -> Effect {
        let Some(e) = self.selected() else { return Effect::Error("Nothing is selected to edit.".into()) };
        Effect::Ask(entry_prompt(e.kind, Some(e), Pending::Edit(e.kind, e.id)))
    }

    pub(super) fn retire_prompt(&self) -> Effect {
        let Some(e) = self.selected() else { return Effect::Error("Nothing is selected to retire.".into()) };
        if !e.active {
            return Effect::Error(format!("{} is already retired.", inert(&e.name)));
        }
        let message =
            format!("Retire {}? The cases that name them keep them; no new work is offered to them.", inert(&e.name));
        Effect::Ask(Prompt::confirm("Retire from the directory", message, ask(Pending::Retire(e.kind, e.id))))
    }

    pub(super) fn room_prompt(&self) -> Effect {
        let Some(e) = self.selected().filter(|e| e.kind == DirectoryKind::Venue) else {
            return Effect::Error("Select a venue to add a room to.".into());
        };
        Effect::Ask(
            Prompt::new(format!("Add a room to {}", inert(&e.name)), "", ask(Pending::AddRoom(e.id)))
                .field(FieldId::Name, Field::text("Room").required())
                .field(FieldId::Capacity, Field::number("Capacity"))
                .field(FieldId::Accessibility, Field::text("Accessibility").with_hint("e.g. step-free, hearing loop"))
                .field(FieldId::Refreshments, yes_no("Refreshments", false)),
        )
    }
}
