//! The people and the conditions of a row.

use chrono::NaiveDate;

use super::{ImportCondition, ImportPerson, ImportRow, RowReader};
use crate::domain::caps::ConditionKind;
use crate::domain::types::{CjsStage, ConditionStatus, DataSubjectCategory, PartyRole, Service};
use crate::import::mapping::{CondPart, Field};
use crate::import::values::{self, options};
use crate::store::limits::TextKind;
use crate::store::model::{NewCase, NewCondition, NewPerson, PartyLink};

pub(super) fn read_people(r: &mut RowReader<'_>, case: &NewCase) -> Vec<ImportPerson> {
    let mediation = case.service == Service::Mediation;
    let harmed_category = if mediation { DataSubjectCategory::Other } else { DataSubjectCategory::Victim };
    let responsible_category = match (mediation, case.cjs_stage) {
        (true, _) => DataSubjectCategory::Other,
        (_, CjsStage::PostSentenceCommunity | CjsStage::PostSentenceCustody) => DataSubjectCategory::Convicted,
        _ => DataSubjectCategory::Suspect,
    };
    let mut people = Vec::new();
    let harmed = PartyLink { role: PartyRole::Harmed, category: harmed_category };
    let names = [Field::HarmedGiven, Field::HarmedFamily, Field::HarmedDob];
    let mut harmed = person_with_dob(r, names, harmed, case.received_on);
    if let Some(text) = r.text(Field::HarmedEnhanced) {
        match (values::yes_no(&text), harmed.as_mut()) {
            (Err(why), _) => r.fail(Field::HarmedEnhanced, why),
            (Ok(true), None) => r.missing(Field::HarmedGiven, "enhanced rights are given but no harmed party is named"),
            (Ok(yes), Some(p)) => p.person.enhanced_rights = yes,
            (Ok(false), None) => {}
        }
    }
    people.extend(harmed);
    let responsible = PartyLink { role: PartyRole::Offender, category: responsible_category };
    let names = [Field::ResponsibleGiven, Field::ResponsibleFamily, Field::ResponsibleDob];
    people.extend(person_with_dob(r, names, responsible, case.received_on));
    if let Some(text) = r.text(Field::OtherPeople) {
        match values::other_people(&text) {
            Err(why) => r.fail(Field::OtherPeople, why),
            Ok(others) => people.extend(others.into_iter().map(|o| {
                let mut person = NewPerson::named(&o.given_names, &o.family_name);
                person.dob = o.dob;
                let links = o.roles.iter().map(|&role| PartyLink { role, category: role.default_category() }).collect();
                ImportPerson { person, links, field: Field::OtherPeople }
            })),
        }
    }
    people
}

/// A person from given-names, family-name and date-of-birth columns.
fn person_with_dob(
    r: &mut RowReader<'_>,
    [given, family, dob_field]: [Field; 3],
    link: PartyLink,
    received: NaiveDate,
) -> Option<ImportPerson> {
    let dob = r.date(dob_field);
    if let Some(dob) = dob.filter(|d| *d > received && received != NaiveDate::MIN) {
        r.fail(dob_field, format!("the date of birth {dob} is after the case was received ({received})"));
    }
    let person = named_person(r, given, family, link);
    if person.is_none() && dob.is_some() {
        r.missing(given, "a date of birth is given but no name");
    }
    person.map(|mut p| {
        p.person.dob = dob;
        p
    })
}

fn named_person(r: &mut RowReader<'_>, given: Field, family: Field, link: PartyLink) -> Option<ImportPerson> {
    match (r.text(given), r.text(family)) {
        (Some(g), Some(f)) => Some(ImportPerson { person: NewPerson::named(&g, &f), links: vec![link], field: given }),
        (Some(_), None) => {
            r.missing(family, "a person needs a family name as well as given names");
            None
        }
        (None, Some(_)) => {
            r.missing(given, "a person needs given names as well as a family name");
            None
        }
        (None, None) => None,
    }
}

pub(super) fn read_conditions(r: &mut RowReader<'_>, row: &ImportRow) -> Vec<ImportCondition> {
    let mut conditions = Vec::new();
    for n in r.columns.condition_numbers() {
        let field = |part| Field::Condition(n, part);
        if CondPart::ALL.iter().all(|&p| !r.present(field(p))) {
            continue;
        }
        if row.case.service != Service::Oocd {
            let service = row.case.service.label();
            r.fail(
                field(CondPart::Kind),
                format!("conditions belong to out-of-court disposals; this row's service is {service}"),
            );
            continue;
        }
        if let Some(c) = read_condition(r, n, row) {
            conditions.push(c);
        }
    }
    conditions
}

fn read_condition(r: &mut RowReader<'_>, n: u8, row: &ImportRow) -> Option<ImportCondition> {
    let field = |part| Field::Condition(n, part);
    let kind = r.choice(field(CondPart::Kind), values::condition_kind, |t| {
        format!("unknown condition kind \"{t}\": use one of {}", options(ConditionKind::ALL, ConditionKind::label))
    });
    if kind.is_none() && !r.present(field(CondPart::Kind)) {
        r.missing(field(CondPart::Kind), "a condition needs its kind (e.g. Unpaid work)");
    }
    let due = r.date(field(CondPart::Due));
    if due.is_none() && !r.present(field(CondPart::Due)) {
        r.missing(field(CondPart::Due), "a condition needs its due date");
    }
    let (start, what) = match row.issued_on {
        Some(issued) => (issued, "issue date"),
        None => (row.case.received_on, "date the case was received"),
    };
    if let Some(due) = due.filter(|d| *d < start) {
        r.fail(field(CondPart::Due), format!("the due date {due} is before the {what} {start}"));
    }
    let status = r
        .choice(field(CondPart::Status), values::condition_status, |t| {
            format!(
                "unknown condition status \"{t}\": use one of {}",
                options(ConditionStatus::ALL, ConditionStatus::label)
            )
        })
        .unwrap_or(ConditionStatus::Active);
    let completed_on = r.date(field(CondPart::Completed));
    let description = r.text(field(CondPart::Description));
    let hours_required = r.hours(field(CondPart::Hours));
    let amount_pence = r.pence(field(CondPart::Amount));
    let provider = r.limited_text(field(CondPart::Provider), "provider's name", TextKind::Name);
    let (kind, due_on) = (kind?, due?);
    let condition = NewCondition {
        kind,
        object: kind.default_object(),
        // A tracker often has only the kind; the kind's name says what is to be done.
        description: description.unwrap_or_else(|| kind.label().to_string()),
        provider_id: None,
        hours_required,
        amount_pence,
        payee: None,
        restriction_until: None,
        due_on,
        due_rule: None,
    };
    Some(ImportCondition { number: n, condition, status, completed_on, provider })
}

/// A youth disposal is for ages 10–17 on the day it is given (DOMAIN.md
/// §3): the row must carry the responsible person's date of birth, or the
/// age check the store runs at the issue date would have nothing to check.
pub(super) fn check_youth_age_known(r: &mut RowReader<'_>, row: &ImportRow) {
    let Some(disposal) = row.disposal.filter(|d| d.is_youth()) else { return };
    let born_known =
        row.people.iter().any(|p| p.person.dob.is_some() && p.links.iter().any(|l| l.role == PartyRole::Offender));
    if !born_known {
        let why = format!(
            "a {} is for ages 10–17 on the day it is given, so it needs the responsible person's date of birth",
            disposal.label().to_lowercase()
        );
        r.missing(Field::ResponsibleDob, &why);
    }
}
