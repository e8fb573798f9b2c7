//! What an answered edit form saves, through the store's edit methods:
//! each is checked there as if new, audited in words and undoable.

use chrono::NaiveDate;

use super::actions::read_number;
use super::edit::{future, EditTarget};
use super::CaseScreen;
use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::status::OffenceMode;
use crate::domain::types::{CjsStage, PartyRole, Service, Source};
use crate::store::model::{CaseFlags, NewCase, NewCondition, NewPerson};
use crate::store::{Edited, ItemEdit, StoreResult, Variation};
use crate::tui::screens::{Ctx, Effect, FieldId, Reply};

impl CaseScreen {
    pub(super) fn edit_chosen(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id).cloned() else {
            return Effect::Error("That case is no longer open.".into());
        };
        match EditTarget::parse(reply.value(FieldId::EditWhat)) {
            Some(target) => self.edit_form(&header, target, ctx),
            None => Effect::Error("Choose what to edit.".into()),
        }
    }

    pub(super) fn save_referral(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(received) = reply.date(FieldId::ReceivedOn) else {
            return Effect::Error("Not saved: give the date the referral was received.".into());
        };
        let offence_date = reply.date(FieldId::OffenceDate);
        let reported_on = reply.date(FieldId::ReportedOn);
        if let Some(day) = future(&[Some(received), offence_date, reported_on], ctx.today) {
            return Effect::Error(format!("Not saved: {} is in the future.", crate::domain::dates::day(day)));
        }
        let (Some(service), Some(source)) =
            (Service::parse(reply.value(FieldId::Service)), Source::parse(reply.value(FieldId::Source)))
        else {
            return Effect::Error("Not saved: choose the service and the source.".into());
        };
        let mut r = NewCase::new(service, source, received);
        r.reported_on = reported_on;
        r.referrer_name = reply.optional(FieldId::Referrer);
        r.referrer_contact = reply.optional(FieldId::ReferrerContact);
        r.crime_ref = reply.optional(FieldId::CrimeRef);
        r.offence_desc = reply.optional(FieldId::Offence);
        r.offence_date = offence_date;
        r.offence_mode = OffenceMode::parse(reply.value(FieldId::OffenceMode));
        r.cjs_stage = CjsStage::parse(reply.value(FieldId::CjsStage)).unwrap_or(CjsStage::Unknown);
        r.flags = CaseFlags {
            domestic_abuse: reply.yes(FieldId::DomesticAbuse),
            intimate_partner: reply.yes(FieldId::IntimatePartner),
            hate_crime: reply.yes(FieldId::HateCrime),
            sexual: reply.yes(FieldId::Sexual),
            knife: reply.yes(FieldId::Knife),
            youth: reply.yes(FieldId::Youth),
        };
        r.harm_summary = reply.optional(FieldId::HarmSummary);
        r.notes = reply.optional(FieldId::Notes);
        let fault = ctx.store.referral(case_id).ok().and_then(|old| referral_fault(&old, &r));
        let rules = ctx.rules;
        let result = ctx.store.write(|tx| tx.edit_referral(case_id, &r, rules));
        self.edited(case_id, "the referral", result, fault)
    }

    pub(super) fn save_person(&self, case_id: i64, person_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let dob = reply.date(FieldId::BornOn);
        if let Some(day) = future(&[dob], ctx.today) {
            return Effect::Error(format!(
                "Not saved: the date of birth {} is in the future.",
                crate::domain::dates::day(day)
            ));
        }
        let Some(role) = PartyRole::parse(reply.value(FieldId::Role)) else {
            return Effect::Error("Not saved: choose the person's role.".into());
        };
        let mut p = NewPerson::named(reply.value(FieldId::GivenNames), reply.value(FieldId::FamilyName));
        p.dob = dob;
        p.phone = reply.optional(FieldId::Phone);
        p.email = reply.optional(FieldId::Email);
        p.address = reply.optional(FieldId::Address);
        p.contact_pref = reply.optional(FieldId::ContactPref);
        p.interpreter_language = reply.optional(FieldId::Interpreter);
        p.needs_appropriate_adult = reply.yes(FieldId::NeedsAdult);
        p.enhanced_rights = reply.yes(FieldId::EnhancedRights);
        let fault = ctx.store.party(case_id, person_id).ok().and_then(|(old, old_role)| {
            [(FieldId::BornOn, old.dob != p.dob), (FieldId::Role, old_role != role)]
                .into_iter()
                .find_map(|(field, moved)| moved.then_some(field))
        });
        let rules = ctx.rules;
        let result = ctx.store.write(|tx| tx.edit_party(case_id, person_id, &p, role, rules));
        self.edited(case_id, "the person", result, fault)
    }

    pub(super) fn save_condition(&self, case_id: i64, condition_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let on_file = match ctx.store.condition_on_file(condition_id) {
            Ok(c) => c,
            Err(e) => return Effect::Error(format!("Not saved: {e}")),
        };
        let (Some(kind), Some(object)) =
            (ConditionKind::parse(reply.value(FieldId::Kind)), ConditionObject::parse(reply.value(FieldId::Object)))
        else {
            return Effect::Error("Not saved: choose the kind and object of the condition.".into());
        };
        let (hours, amount) =
            match (read_number(reply, FieldId::Hours, "hours"), read_number(reply, FieldId::Amount, "the amount")) {
                (Ok(h), Ok(a)) => (h, a.map(|pounds| (pounds * 100.0).round() as i64)),
                (Err(e), _) | (_, Err(e)) => return e,
            };
        let Some(due_on) = reply.date(FieldId::DueOn) else {
            return Effect::Error("Not saved: give the due date.".into());
        };
        let fault = condition_fault(&on_file.condition, (kind, object, hours, amount, due_on), reply);
        let mut c = on_file.condition;
        (c.kind, c.object, c.hours_required, c.amount_pence, c.due_on) = (kind, object, hours, amount, due_on);
        c.description = reply.value(FieldId::Description).to_string();
        c.provider_id = reply.value(FieldId::Provider).parse().ok();
        let beyond = reply.optional(FieldId::BeyondLimit);
        let variation = Variation { reason: reply.value(FieldId::Reason), beyond_limit: beyond.as_deref() };
        let rules = ctx.rules;
        let result = ctx.store.write(|tx| tx.edit_condition(condition_id, &c, Some(variation), rules));
        self.edited(case_id, &format!("condition {}", on_file.seq), result, fault)
    }

    pub(super) fn save_item(&self, case_id: i64, item_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(due_on) = reply.date(FieldId::DueOn) else {
            return Effect::Error("Not saved: give the due date.".into());
        };
        let item = ItemEdit {
            description: reply.value(FieldId::Description).to_string(),
            owner: reply.value(FieldId::Owner).to_string(),
            due_on,
        };
        let result = ctx.store.write(|tx| tx.edit_agreement_item(item_id, &item));
        self.edited(case_id, "the agreement item", result, None)
    }

    /// What an edit did, said in the status line: each field that moved, and
    /// any warning the checks raised; a refusal is said beside `fault`, the
    /// field changed that the checks could have refused.
    fn edited(&self, case_id: i64, what: &str, result: StoreResult<Edited>, fault: Option<FieldId>) -> Effect {
        let reference = self.header_for(case_id).map_or(String::new(), |h| format!(" of {}", h.reference));
        match result {
            Ok(edited) if edited.changes.is_empty() => Effect::Status(format!("Nothing changed in {what}{reference}.")),
            Ok(edited) => {
                let mut text = format!("Saved {what}{reference}: {}.", edited.changes.join("; "));
                if !edited.warnings.is_empty() {
                    let warnings: Vec<String> = edited.warnings.into_iter().map(|w| w.message).collect();
                    text.push_str(&format!(" Warning: {}.", warnings.join("; ")));
                }
                Effect::Status(text)
            }
            Err(e) => match fault {
                Some(field) => Effect::Refused { field, text: format!("Not saved: {e}") },
                None => Effect::Error(format!("Not saved: {e}")),
            },
        }
    }
}

/// The first field changed of those the law checks on a referral: the
/// offence's mode and flags decide which disposals fit.
fn referral_fault(old: &NewCase, new: &NewCase) -> Option<FieldId> {
    let (was, is) = (&old.flags, &new.flags);
    [
        (FieldId::OffenceMode, old.offence_mode != new.offence_mode),
        (FieldId::DomesticAbuse, was.domestic_abuse != is.domestic_abuse),
        (FieldId::IntimatePartner, was.intimate_partner != is.intimate_partner),
        (FieldId::HateCrime, was.hate_crime != is.hate_crime),
        (FieldId::Service, old.service != new.service),
        (FieldId::OffenceDate, old.offence_date != new.offence_date),
        (FieldId::ReceivedOn, old.received_on != new.received_on),
        (FieldId::ReportedOn, old.reported_on != new.reported_on),
    ]
    .into_iter()
    .find_map(|(field, moved)| moved.then_some(field))
}

/// The first field changed of those the caps and time limits check on a
/// condition; a due date moved is refused for want of its reasons.
fn condition_fault(
    old: &NewCondition,
    (kind, object, hours, amount, due_on): (ConditionKind, ConditionObject, Option<f64>, Option<i64>, NaiveDate),
    reply: &Reply,
) -> Option<FieldId> {
    let reason = if reply.value(FieldId::Reason).is_empty() { FieldId::Reason } else { FieldId::BeyondLimit };
    [
        (FieldId::Amount, old.amount_pence != amount),
        (FieldId::Hours, old.hours_required != hours),
        (FieldId::Kind, old.kind != kind),
        (FieldId::Object, old.object != object),
        (reason, old.due_on != due_on),
    ]
    .into_iter()
    .find_map(|(field, moved)| moved.then_some(field))
}
