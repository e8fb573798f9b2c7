//! Editing after intake (e): the referral, a person, a condition or an
//! agreement item, each in a form filled with what is on file, with the
//! same kinds of field as intake. The thing selected on the timeline is
//! edited straight away (a condition, an item, the referral); otherwise a
//! chooser asks which. What a reply saves is in `edit_save.rs`.

use chrono::NaiveDate;

use super::{CaseScreen, Pending, TimelineView};
use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::status::OffenceMode;
use crate::domain::types::{CjsStage, PartyRole, Service, Source};
use crate::export::safe::inert;
use crate::store::model::{NewCase, NewCondition, NewPerson};
use crate::store::views::case::{CaseHeader, EventKind};
use crate::store::ItemEdit;
use crate::tui::form::Field;
use crate::tui::screens::common::beyond_limit_field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt};
use crate::tui::text::fit;

/// Conditions and items listed in the chooser (the rest by their timeline entry).
const CHOOSER_LIMIT: usize = 40;

/// What the edit key is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Referral,
    Person(i64),
    Condition(i64),
    Item(i64),
}

impl EditTarget {
    /// The chooser's stored value for this target.
    fn code(self) -> String {
        match self {
            EditTarget::Referral => "referral".into(),
            EditTarget::Person(id) => format!("person:{id}"),
            EditTarget::Condition(id) => format!("condition:{id}"),
            EditTarget::Item(id) => format!("item:{id}"),
        }
    }

    pub(super) fn parse(code: &str) -> Option<EditTarget> {
        if code == "referral" {
            return Some(EditTarget::Referral);
        }
        let (kind, id) = code.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "person" => Some(EditTarget::Person(id)),
            "condition" => Some(EditTarget::Condition(id)),
            "item" => Some(EditTarget::Item(id)),
            _ => None,
        }
    }
}

impl CaseScreen {
    /// The edit key: the thing selected on the timeline, or a chooser.
    pub(super) fn edit_prompt(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        let selected = (self.view == TimelineView::Everything).then(|| self.timeline.selected()).flatten();
        match selected.map(|e| (e.kind, e.id)) {
            Some((EventKind::Received, _)) => self.edit_form(header, EditTarget::Referral, ctx),
            Some((EventKind::ConditionSet | EventKind::ConditionDue, id)) => {
                self.edit_form(header, EditTarget::Condition(id), ctx)
            }
            Some((EventKind::ItemDue, id)) => self.edit_form(header, EditTarget::Item(id), ctx),
            _ => self.edit_chooser(header, ctx),
        }
    }

    fn edit_chooser(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        let Some(case) = self.case.as_ref() else { return Effect::None };
        let mut options = vec![(EditTarget::Referral.code(), "The referral".to_string())];
        options.extend(
            case.parties.people.iter().map(|p| {
                (EditTarget::Person(p.person_id).code(), inert(&format!("{} ({})", p.name(), p.role_label())))
            }),
        );
        let conditions = match ctx.store.letter_conditions(header.case_id) {
            Ok(c) => c,
            Err(e) => return Effect::Error(format!("Could not read the conditions: {e}")),
        };
        options.extend(conditions.iter().filter(|c| c.status.is_open()).take(CHOOSER_LIMIT).map(|c| {
            let words = format!("Condition {}: {}, due {}", c.seq, c.kind.label(), crate::domain::dates::day(c.due_on));
            (EditTarget::Condition(c.id).code(), fit(&inert(&words), 60))
        }));
        let items = match ctx.store.case_items(header.case_id, CHOOSER_LIMIT) {
            Ok(items) => items,
            Err(e) => return Effect::Error(format!("Could not read the agreement items: {e}")),
        };
        options.extend(items.iter().map(|i| {
            let words = format!("Item {}: {}, due {}", i.seq, i.description, crate::domain::dates::day(i.due_on));
            (EditTarget::Item(i.id).code(), fit(&inert(&words), 60))
        }));
        let message = "Which to edit? Every change is checked again and kept in the log; u undoes it.";
        let pending = PendingAction::Case(Pending::EditChoose(header.case_id));
        Effect::Ask(
            Prompt::new(format!("Edit {}", header.reference), message, pending)
                .field(FieldId::EditWhat, Field::choice("Edit", options, 0)),
        )
    }

    /// The form for one target, filled with what is on file.
    pub(super) fn edit_form(&self, header: &CaseHeader, target: EditTarget, ctx: &mut Ctx<'_>) -> Effect {
        let (case_id, reference) = (header.case_id, header.reference.as_str());
        let prompt = match target {
            EditTarget::Referral => ctx.store.referral(case_id).map(|r| referral_form(case_id, reference, &r)),
            EditTarget::Person(id) => {
                ctx.store.party(case_id, id).map(|(p, role)| person_form(case_id, id, reference, &p, role))
            }
            EditTarget::Condition(id) => match ctx.store.active_providers(200) {
                Ok(providers) => ctx.store.condition_on_file(id).map(|c| {
                    let seq = c.seq;
                    condition_form(case_id, id, &format!("condition {seq} of {reference}"), &c.condition, providers)
                }),
                Err(e) => Err(e),
            },
            EditTarget::Item(id) => ctx
                .store
                .item_on_file(id)
                .map(|i| item_form(case_id, id, &format!("item {} of {reference}", i.seq), &i.item)),
        };
        match prompt {
            Ok(prompt) => Effect::Ask(prompt),
            Err(e) => Effect::Error(format!("Could not read what to edit: {e}")),
        }
    }
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A choice over a vocabulary, on the value on file.
fn vocabulary<T: Copy + PartialEq>(
    label: &str,
    all: &[T],
    current: T,
    words: impl Fn(T) -> (&'static str, &'static str),
) -> Field {
    let options: Vec<(String, String)> = all.iter().map(|v| words(*v)).map(|(c, l)| (c.into(), l.into())).collect();
    Field::choice(label, options, all.iter().position(|v| *v == current).unwrap_or(0))
}

fn yes_no(label: &str, yes: bool) -> Field {
    Field::choice_of(label, &[("no", "No"), ("yes", "Yes")], usize::from(yes))
}

fn referral_form(case_id: i64, reference: &str, r: &NewCase) -> Prompt {
    let mut modes = vec![("unknown".to_string(), "Not known".to_string())];
    modes.extend(OffenceMode::ALL.iter().map(|m| (m.as_str().to_string(), m.label().to_string())));
    let mode = r.offence_mode.and_then(|m| OffenceMode::ALL.iter().position(|x| *x == m)).map_or(0, |i| i + 1);
    let f = &r.flags;
    let message = "What you change is checked again: a disposal against its caps, time limits and the law.";
    Prompt::new(format!("Edit the referral of {reference}"), message, pending(Pending::EditReferral(case_id)))
        .field(FieldId::Service, vocabulary("Service", Service::ALL, r.service, |s| (s.as_str(), s.label())))
        .field(FieldId::Source, vocabulary("Source", Source::ALL, r.source, |s| (s.as_str(), s.label())))
        .field(FieldId::ReceivedOn, Field::date("Received on", Some(r.received_on)).required())
        .field(FieldId::ReportedOn, Field::date("Reported to police", r.reported_on))
        .field(FieldId::Referrer, Field::text("Referrer").with_value(text(&r.referrer_name)))
        .field(FieldId::ReferrerContact, Field::text("Referrer contact").with_value(text(&r.referrer_contact)))
        .field(FieldId::CrimeRef, Field::text("Crime reference").with_value(text(&r.crime_ref)))
        .field(FieldId::Offence, Field::text("Offence").with_value(text(&r.offence_desc)))
        .field(FieldId::OffenceDate, Field::date("Offence date", r.offence_date))
        .field(FieldId::OffenceMode, Field::choice("Offence mode", modes, mode))
        .field(FieldId::CjsStage, vocabulary("Justice stage", CjsStage::ALL, r.cjs_stage, |s| (s.as_str(), s.label())))
        .field(FieldId::DomesticAbuse, yes_no("Domestic abuse", f.domestic_abuse))
        .field(FieldId::IntimatePartner, yes_no("Intimate partner", f.intimate_partner))
        .field(FieldId::HateCrime, yes_no("Hate crime", f.hate_crime))
        .field(FieldId::Sexual, yes_no("Sexual", f.sexual))
        .field(FieldId::Knife, yes_no("Knife", f.knife))
        .field(FieldId::Youth, yes_no("Youth (under 18)", f.youth))
        .field(FieldId::HarmSummary, Field::text("Harm summary").with_value(text(&r.harm_summary)))
        .field(FieldId::Notes, Field::text("Notes").with_value(text(&r.notes)))
}

fn person_form(case_id: i64, person_id: i64, reference: &str, p: &NewPerson, role: PartyRole) -> Prompt {
    let message = "A date of birth decides which disposals fit, and a victim's enhanced rights how soon the RJ \
                   information is due: the case is checked again on saving.";
    let pending = pending(Pending::EditPerson(case_id, person_id));
    Prompt::new(format!("Edit a person on {reference}"), message, pending)
        .field(FieldId::GivenNames, Field::text("Given names").required().with_value(&p.given_names))
        .field(FieldId::FamilyName, Field::text("Family name").required().with_value(&p.family_name))
        .field(FieldId::BornOn, Field::date_of_birth(p.dob))
        .field(FieldId::Role, vocabulary("Role", PartyRole::ALL, role, |r| (r.as_str(), r.label())))
        .field(FieldId::Phone, Field::text("Phone").with_value(text(&p.phone)))
        .field(FieldId::Email, Field::text("Email").with_value(text(&p.email)))
        .field(FieldId::Address, Field::text("Address").with_value(text(&p.address)))
        .field(FieldId::ContactPref, Field::text("Contact preference").with_value(text(&p.contact_pref)))
        .field(FieldId::Interpreter, Field::text("Interpreter").with_value(text(&p.interpreter_language)))
        .field(FieldId::NeedsAdult, yes_no("Appropriate adult", p.needs_appropriate_adult))
        .field(FieldId::EnhancedRights, yes_no("Enhanced rights", p.enhanced_rights))
}

fn condition_form(
    case_id: i64,
    condition_id: i64,
    what: &str,
    c: &NewCondition,
    providers: Vec<(i64, String)>,
) -> Prompt {
    let mut provider_options = vec![(String::new(), "None".to_string())];
    provider_options.extend(providers.into_iter().map(|(id, name)| (id.to_string(), inert(&name))));
    // A provider no longer active stays on offer, so saving keeps it.
    if let Some(id) = c.provider_id.filter(|id| !provider_options.iter().any(|(v, _)| *v == id.to_string())) {
        provider_options.push((id.to_string(), "The provider on file (no longer active)".to_string()));
    }
    let provider =
        c.provider_id.and_then(|id| provider_options.iter().position(|(v, _)| *v == id.to_string())).unwrap_or(0);
    let hours = c.hours_required.map_or(String::new(), |h| h.to_string());
    let amount = c.amount_pence.map_or(String::new(), |p| format!("{}.{:02}", p / 100, p % 100));
    let message = "Caps are checked again on saving. A new due date is a variation: give the reason.";
    Prompt::new(format!("Edit {what}"), message, pending(Pending::EditCondition(case_id, condition_id)))
        .field(FieldId::Kind, vocabulary("Kind", ConditionKind::ALL, c.kind, |k| (k.as_str(), k.label())))
        .field(FieldId::Object, vocabulary("Object", ConditionObject::ALL, c.object, |o| (o.as_str(), o.label())))
        .field(FieldId::Description, Field::text("Description").required().with_value(&c.description))
        .field(FieldId::Provider, Field::pick("Provider", provider_options, provider))
        .field(FieldId::Hours, Field::number("Hours").with_value(&hours).with_hint("blank: none"))
        .field(FieldId::Amount, Field::number("Amount £").with_value(&amount).with_hint("blank: none"))
        .field(FieldId::DueOn, Field::date("Due on", Some(c.due_on)).required())
        .field(
            FieldId::Reason,
            Field::text("Reason for new date").with_hint("needed if the due date moves (a variation)"),
        )
        .field(FieldId::BeyondLimit, beyond_limit_field())
}

fn item_form(case_id: i64, item_id: i64, what: &str, i: &ItemEdit) -> Prompt {
    let message = "What is to be done, by whom and by when (SMART).";
    Prompt::new(format!("Edit {what}"), message, pending(Pending::EditItem(case_id, item_id)))
        .field(FieldId::Description, Field::text("Description").required().with_value(&i.description))
        .field(FieldId::Owner, Field::text("Owner").required().with_value(&i.owner))
        .field(FieldId::DueOn, Field::date("Due on", Some(i.due_on)).required())
}

fn pending(p: Pending) -> PendingAction {
    PendingAction::Case(p)
}

/// A date a person is asked for, said back if it is in the future.
pub(super) fn future(days: &[Option<NaiveDate>], today: NaiveDate) -> Option<NaiveDate> {
    days.iter().flatten().copied().find(|d| crate::domain::dates::is_future(*d, today))
}
