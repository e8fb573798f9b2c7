//! What an answered Directory prompt writes: each through the store's
//! audited `Tx` methods, so undo takes it back like any change.

use super::prompts::{entry_prompt, Pending};
use super::DirectoryScreen;
use crate::domain::directory::{parse_cost, AgencyKind, DirectoryKind, Training};
use crate::export::safe::inert;
use crate::store::{NewDirectoryEntry, NewRoom};
use crate::tui::screens::common::result_effect;
use crate::tui::screens::{Ctx, Effect, FieldId, Reply};

/// The entry as answered, or the field that cannot be read and why.
fn entry_of(reply: &Reply) -> Result<NewDirectoryEntry, Effect> {
    let refused = |field, text: &str| Effect::Refused { field, text: text.to_string() };
    let max_caseload = match reply.value(FieldId::MaxCaseload) {
        "" => None,
        text => Some(text.parse().map_err(|_| refused(FieldId::MaxCaseload, "Give the maximum as a whole number."))?),
    };
    let cost_pence = match reply.value(FieldId::Cost) {
        "" => None,
        text => Some(parse_cost(text).ok_or_else(|| refused(FieldId::Cost, "Give the cost in pounds, as 85.50."))?),
    };
    let trained = [
        (FieldId::TrainedConference, Training::Conference),
        (FieldId::TrainedMediation, Training::Mediation),
        (FieldId::TrainedShuttle, Training::Shuttle),
    ];
    Ok(NewDirectoryEntry {
        name: reply.value(FieldId::Name).to_string(),
        team: reply.optional(FieldId::Team),
        email: reply.optional(FieldId::Email),
        phone: reply.optional(FieldId::Phone),
        notes: reply.optional(FieldId::Notes),
        max_caseload,
        courses: reply.optional(FieldId::Courses),
        referral_method: reply.optional(FieldId::ReferralMethod),
        cost_pence,
        trained_in: trained.into_iter().filter(|(f, _)| reply.yes(*f)).map(|(_, t)| t).collect(),
        vetting_expires: reply.date(FieldId::VettingExpires),
        availability: reply.optional(FieldId::Availability),
        address: reply.optional(FieldId::Address),
        booking_contact: reply.optional(FieldId::BookingContact),
        agency_kind: AgencyKind::parse(reply.value(FieldId::AgencyKind)),
    })
}

impl DirectoryScreen {
    pub(super) fn chosen_kind(&mut self, reply: &Reply) -> Effect {
        match DirectoryKind::parse(reply.value(FieldId::Kind)) {
            Some(kind) => Effect::Ask(entry_prompt(kind, None, Pending::Add(kind))),
            None => Effect::Error("Choose a kind of entry.".into()),
        }
    }

    pub(super) fn add(&mut self, kind: DirectoryKind, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let entry = match entry_of(reply) {
            Ok(e) => e,
            Err(effect) => return effect,
        };
        let result = ctx.store.write(|tx| tx.add_to_directory(kind, &entry));
        if let Ok(id) = &result {
            self.select_after_load(kind, *id);
        }
        result_effect(result, format!("Saved: {} added as a {}.", inert(entry.name.trim()), kind.noun()))
    }

    pub(super) fn edit(&mut self, kind: DirectoryKind, id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let entry = match entry_of(reply) {
            Ok(e) => e,
            Err(effect) => return effect,
        };
        let result = ctx.store.write(|tx| tx.edit_directory_entry(kind, id, &entry));
        result_effect(result, format!("Saved: {} updated.", inert(entry.name.trim())))
    }

    pub(super) fn retire(&mut self, kind: DirectoryKind, id: i64, ctx: &mut Ctx<'_>) -> Effect {
        let Some(name) = self.entries.iter().find(|e| (e.kind, e.id) == (kind, id)).map(|e| e.name.clone()) else {
            return Effect::Error("That entry is no longer listed.".into());
        };
        let result = ctx.store.write(|tx| tx.retire_from_directory(kind, &name));
        result_effect(result, format!("Saved: {} retired; the cases that name them keep them.", inert(&name)))
    }

    pub(super) fn add_room(&mut self, venue: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let capacity = match reply.value(FieldId::Capacity) {
            "" => None,
            text => match text.parse() {
                Ok(n) => Some(n),
                Err(_) => {
                    return Effect::Refused {
                        field: FieldId::Capacity,
                        text: "Give the capacity as a whole number.".into(),
                    }
                }
            },
        };
        let room = NewRoom {
            name: reply.value(FieldId::Name).to_string(),
            capacity,
            accessibility: reply.optional(FieldId::Accessibility),
            refreshments: reply.yes(FieldId::Refreshments),
        };
        let result = ctx.store.write(|tx| tx.add_room(venue, &room));
        result_effect(result, format!("Saved: room {} added.", inert(room.name.trim())))
    }

    /// Keep the new entry selected once the list is read again.
    fn select_after_load(&mut self, kind: DirectoryKind, id: i64) {
        self.entries.push(crate::store::views::directory::DirectoryEntry { kind, id, ..Default::default() });
        self.table.select(Some(self.entries.len() - 1));
    }
}
