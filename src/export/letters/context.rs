//! What a letter may say about a case, read from the store and laid out as
//! the fields the templates use. A fact the case does not have is left out
//! (never an empty string), so a template that needs it fails naming it.

use crate::domain::compliance::{hours_words, number, pounds, Progress};
use crate::domain::types::AgreementStatus;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::sender::{sender_for, SenderFacts};
use super::{RecipientChoice, TemplateInfo};
use crate::domain::types::{AgreementItemStatus, ConditionStatus, PartyRole};
use crate::store::views::case::{CaseHeader, CaseParty};
use crate::store::views::letters::{LetterAgreement, LetterBreach, LetterCondition, LetterItem};
use crate::store::Store;

/// People read for a letter: every party of an ordinary case.
pub(super) const PEOPLE_LIMIT: usize = 200;

/// Dates in letters are written the way people write them: "20 November 2026".
pub fn letter_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Everything a template can refer to.
#[derive(Debug, Clone, Serialize)]
pub struct LetterContext {
    /// The sending service's name, as the letter is headed and signed.
    pub service_name: String,
    /// Who sends it: the service's profile (address, phone, email, hours,
    /// signatory and role).
    pub sender: SenderFacts,
    pub today: String,
    pub case: CaseFacts,
    pub recipient: Recipient,
    /// Every person of the case by role (harmed, responsible, witness,
    /// supporter, appropriate_adult, parent_guardian, referrer, other);
    /// each list is present, empty when nobody has that role.
    pub people: BTreeMap<&'static str, Vec<PersonFacts>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harmed: Option<PersonFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsible: Option<PersonFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referrer: Option<Contact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oic: Option<Contact>,
    /// The condition the letter is about: the one given, else the first open one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<ConditionFacts>,
    /// Every condition of the case, in the order they were set.
    pub conditions: Vec<ConditionFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementFacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseFacts {
    pub reference: String,
    pub service: String,
    pub status: String,
    pub received: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crime_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offence_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disposal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_by: Option<String>,
    /// Whether non-compliance can lead to the statutory breach outcomes
    /// (conditional cautions, PCSC cautions); a community resolution's
    /// actions are not enforceable (DOMAIN.md §5). Absent without a disposal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enforceable: Option<bool>,
}

/// Who the letter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub name: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Recipient {
    /// As the letter table and the disclosure log name them.
    pub fn described(&self) -> String {
        format!("{} ({})", self.name, self.role)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonFacts {
    pub name: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionFacts {
    #[serde(skip)]
    pub id: i64,
    pub number: i64,
    pub kind: String,
    pub description: String,
    pub due: String,
    pub status: String,
    /// "completed on 3 November 2026", "still open", ...
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// What is still outstanding; absent once the condition is completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    /// "6 of 20 hours done; £40 of £100 paid, £60 to pay": absent until
    /// something is recorded as done or paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// Hours recorded as done ("6"), absent when none are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_done: Option<String>,
    /// Hours still to do ("14"), when the condition requires hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_to_do: Option<String>,
    /// Paid so far ("£40"), absent when nothing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid: Option<String>,
    /// Still to pay ("£60"), when the condition has an amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementFacts {
    pub agreed: String,
    pub status: String,
    pub items: Vec<ItemFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harmed_told: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemFacts {
    pub number: i64,
    pub kind: String,
    pub description: String,
    pub due: String,
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// What the context is built for.
pub struct ContextRequest<'a> {
    pub case_id: i64,
    pub template: &'a TemplateInfo,
    pub recipient: &'a RecipientChoice,
    pub condition_id: Option<i64>,
    pub today: NaiveDate,
}

/// Read the case and lay out the letter's fields.
pub fn build(store: &Store, req: &ContextRequest<'_>) -> anyhow::Result<LetterContext> {
    let header = store.case_header(req.case_id)?.ok_or_else(|| anyhow::anyhow!("there is no case {}", req.case_id))?;
    let sender = sender_for(store, header.service)?;
    let parties = store.case_parties(req.case_id, PEOPLE_LIMIT)?.people;
    let conditions = store.letter_conditions(req.case_id)?;
    let breaches = store.letter_open_breaches(req.case_id)?;
    let chosen = choose_condition(&conditions, req.condition_id, &header.reference)?;
    let condition = chosen.map(|c| condition_facts(c, &breaches));
    let agreement = store.letter_agreement(req.case_id)?.map(|a| agreement_facts(&a, req.today));
    let referrer = header
        .referrer_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|name| Contact { name: name.to_string(), contact: referrer_contact(store, req.case_id) });
    let oic = header.disposal.as_ref().and_then(|d| {
        let name = d.oic_name.as_deref().filter(|n| !n.trim().is_empty())?;
        Some(Contact { name: name.to_string(), contact: d.oic_contact.clone() })
    });
    let recipient = resolve_recipient(req, &header, &parties, referrer.as_ref(), oic.as_ref())?;
    let people = people_by_role(&parties);
    let first = |role: &str| people.get(role).and_then(|v| v.first()).cloned();
    Ok(LetterContext {
        service_name: sender.name.clone(),
        sender,
        today: letter_date(req.today),
        case: case_facts(&header),
        recipient,
        harmed: first("harmed"),
        responsible: first("responsible"),
        people,
        referrer,
        oic,
        condition,
        conditions: conditions.iter().map(|c| condition_facts(c, &breaches)).collect(),
        agreement,
    })
}

/// The referrer's contact is not on the Case header; one small read.
fn referrer_contact(store: &Store, case_id: i64) -> Option<String> {
    store.letter_referrer_contact(case_id).ok().flatten().filter(|c| !c.trim().is_empty())
}

fn case_facts(h: &CaseHeader) -> CaseFacts {
    let disposal = h.disposal.as_ref();
    CaseFacts {
        reference: h.reference.clone(),
        service: h.service.label().to_string(),
        status: h.status.label().to_string(),
        received: letter_date(h.received_on),
        crime_reference: present(h.crime_ref.as_deref()),
        offence: present(h.offence.as_deref()),
        offence_date: h.offence_date.map(letter_date),
        disposal: disposal.map(|d| d.disposal_type.label().to_string()),
        issued: disposal.and_then(|d| d.issued_on).map(letter_date),
        complete_by: disposal.and_then(|d| d.completion_due).map(letter_date),
        enforceable: disposal.map(|d| d.disposal_type.has_breach_workflow()),
    }
}

fn present(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// The template key of a party role: the offender is "responsible", as the
/// desk and its letters call them.
fn role_key(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Offender => "responsible",
        PartyRole::Harmed => "harmed",
        PartyRole::Witness => "witness",
        PartyRole::Supporter => "supporter",
        PartyRole::AppropriateAdult => "appropriate_adult",
        PartyRole::ParentGuardian => "parent_guardian",
        PartyRole::Referrer => "referrer",
        PartyRole::Other => "other",
    }
}

fn person_facts(p: &CaseParty) -> PersonFacts {
    PersonFacts { name: p.name(), role: p.role_label().to_string(), address: present(p.address.as_deref()) }
}

fn people_by_role(parties: &[CaseParty]) -> BTreeMap<&'static str, Vec<PersonFacts>> {
    let mut people: BTreeMap<&'static str, Vec<PersonFacts>> =
        PartyRole::ALL.iter().map(|r| (role_key(*r), Vec::new())).collect();
    for p in parties {
        people.entry(role_key(p.role)).or_default().push(person_facts(p));
    }
    people
}

/// Who the letter goes to: the person chosen, or the template's usual recipient.
fn resolve_recipient(
    req: &ContextRequest<'_>,
    header: &CaseHeader,
    parties: &[CaseParty],
    referrer: Option<&Contact>,
    oic: Option<&Contact>,
) -> anyhow::Result<Recipient> {
    let as_contact = |c: &Contact, role: &str| Recipient {
        name: c.name.clone(),
        role: role.to_string(),
        address: c.contact.clone(),
    };
    let by_role = |role: PartyRole| parties.iter().find(|p| p.role == role).map(person_recipient);
    let missing = |who: &str| {
        anyhow::anyhow!(
            "{} has no {who} on file to send the {} to; choose a recipient",
            header.reference,
            req.template.title.to_lowercase()
        )
    };
    match req.recipient {
        RecipientChoice::Named { name, role } => {
            let name = name.trim();
            if name.is_empty() {
                anyhow::bail!("give the recipient's name");
            }
            let role = role.trim();
            Ok(Recipient {
                name: name.to_string(),
                role: if role.is_empty() { "Recipient".to_string() } else { role.to_string() },
                address: None,
            })
        }
        RecipientChoice::Person(person_id) => parties
            .iter()
            .find(|p| p.person_id == *person_id)
            .map(person_recipient)
            .ok_or_else(|| anyhow::anyhow!("that person is not on {}", header.reference)),
        RecipientChoice::Referrer => referrer.map(|c| as_contact(c, "Referrer")).ok_or_else(|| missing("referrer")),
        RecipientChoice::Oic => oic.map(|c| as_contact(c, OIC_ROLE)).ok_or_else(|| missing("officer in the case")),
        RecipientChoice::AsTemplate => match req.template.to {
            super::DefaultRecipient::Referrer => {
                referrer.map(|c| as_contact(c, "Referrer")).ok_or_else(|| missing("referrer"))
            }
            super::DefaultRecipient::Oic => {
                oic.map(|c| as_contact(c, OIC_ROLE)).ok_or_else(|| missing("officer in the case"))
            }
            super::DefaultRecipient::Responsible => {
                by_role(PartyRole::Offender).ok_or_else(|| missing("responsible person"))
            }
            super::DefaultRecipient::Harmed => by_role(PartyRole::Harmed).ok_or_else(|| missing("harmed party")),
            super::DefaultRecipient::AnyParty => by_role(PartyRole::Harmed)
                .or_else(|| by_role(PartyRole::Offender))
                .ok_or_else(|| missing("harmed or responsible person")),
        },
    }
}

pub const OIC_ROLE: &str = "Officer in the case";

fn person_recipient(p: &CaseParty) -> Recipient {
    Recipient { name: p.name(), role: p.role_label().to_string(), address: present(p.address.as_deref()) }
}

/// The given condition (it must belong to the case), else the first still
/// to be done by due date, else the first not completed (after a breach).
fn choose_condition<'c>(
    conditions: &'c [LetterCondition],
    given: Option<i64>,
    reference: &str,
) -> anyhow::Result<Option<&'c LetterCondition>> {
    if let Some(id) = given {
        return conditions
            .iter()
            .find(|c| c.id == id)
            .map(Some)
            .ok_or_else(|| anyhow::anyhow!("that condition is not one of {reference}'s"));
    }
    let open = |c: &&LetterCondition| c.status.is_open();
    let earliest = |list: Vec<&'c LetterCondition>| list.into_iter().min_by_key(|c| (c.due_on, c.seq));
    let first_open = earliest(conditions.iter().filter(open).collect());
    Ok(first_open
        .or_else(|| earliest(conditions.iter().filter(|c| c.status == ConditionStatus::NotCompleted).collect())))
}

fn condition_facts(c: &LetterCondition, breaches: &[LetterBreach]) -> ConditionFacts {
    let completed = c.completed_on.filter(|_| c.status == ConditionStatus::Completed);
    let outcome = match (c.status, completed) {
        (ConditionStatus::Completed, Some(on)) => format!("completed on {}", letter_date(on)),
        (s, _) if s.is_open() => format!("due by {}", letter_date(c.due_on)),
        (s, _) => s.label().to_lowercase(),
    };
    ConditionFacts {
        id: c.id,
        number: c.seq,
        kind: c.kind.label().to_string(),
        description: c.description.clone(),
        due: letter_date(c.due_on),
        status: c.status.label().to_string(),
        outcome,
        provider: present(c.provider.as_deref()),
        missing: if completed.is_some() { None } else { Some(what_is_missing(c, breaches)) },
        progress: progress_words(c),
        hours_done: (c.hours_completed > 0.0).then(|| number(c.hours_completed)),
        hours_to_do: progress(c).hours_to_do().map(number),
        paid: (c.amount_paid_pence > 0).then(|| pounds(c.amount_paid_pence)),
        balance: progress(c).balance_pence().map(pounds),
        completed: completed.map(letter_date),
    }
}

/// What is still outstanding on a condition, in words for the OIC: hours
/// and money as recorded, never a shortfall nothing records.
fn what_is_missing(c: &LetterCondition, breaches: &[LetterBreach]) -> String {
    let p = progress(c);
    let mut parts = Vec::new();
    if let (Some(required), Some(to_do)) = (p.hours_required, p.hours_to_do().filter(|h| *h > 0.0)) {
        parts.push(if p.hours_done > 0.0 {
            format!("{} of {} still to do ({} done)", number(to_do), hours_words(required), number(p.hours_done))
        } else {
            format!("no hours recorded as done of the {} required", hours_words(required))
        });
    }
    if let (Some(amount), Some(balance)) = (p.amount_pence, p.balance_pence().filter(|b| *b > 0)) {
        parts.push(if p.paid_pence > 0 {
            format!("{} still to pay of {}", pounds(balance), pounds(amount))
        } else {
            format!("{} still to pay (no payment recorded)", pounds(amount))
        });
    }
    for b in breaches.iter().filter(|b| b.condition_id == Some(c.id)) {
        parts.push(format!("{} (identified {})", b.description.trim(), letter_date(b.identified_on)));
    }
    if parts.is_empty() {
        parts.push("no evidence of completion has been received".to_string());
    }
    parts.join("; ")
}

/// The condition's running totals, as the compliance records keep them.
fn progress(c: &LetterCondition) -> Progress {
    Progress {
        hours_required: c.hours_required,
        hours_done: c.hours_completed,
        amount_pence: c.amount_pence,
        paid_pence: c.amount_paid_pence,
    }
}

/// "6 of 20 hours done; £40 of £100 paid, £60 to pay", once anything is
/// recorded as done or paid; absent before, so a letter claims nothing.
fn progress_words(c: &LetterCondition) -> Option<String> {
    let p = progress(c);
    (p.hours_done > 0.0 || p.paid_pence > 0).then(|| p.words().join("; ")).filter(|w| !w.is_empty())
}

fn agreement_facts(a: &LetterAgreement, today: NaiveDate) -> AgreementFacts {
    let status = match a.status {
        AgreementStatus::Active => "still in progress",
        AgreementStatus::Completed => "completed",
        AgreementStatus::PartiallyCompleted => "partly completed",
        AgreementStatus::NotCompleted => "not completed",
        AgreementStatus::NoneWanted => "not wanted by the participants",
    };
    AgreementFacts {
        agreed: letter_date(a.agreed_on),
        status: status.replace('_', " "),
        items: a.items.iter().map(|i| item_facts(i, today)).collect(),
        harmed_told: a.harmed_informed_on.map(letter_date),
    }
}

fn item_facts(i: &LetterItem, today: NaiveDate) -> ItemFacts {
    let outcome = match (i.status, i.completed_on) {
        (AgreementItemStatus::Done, Some(on)) => format!("done on {}", letter_date(on)),
        (AgreementItemStatus::Done, None) => "done".to_string(),
        (AgreementItemStatus::NotDone, _) => "not done".to_string(),
        (AgreementItemStatus::Waived, _) => "no longer required".to_string(),
        (AgreementItemStatus::Open | AgreementItemStatus::Overdue, _) if i.due_on < today => {
            format!("overdue, was due by {}", letter_date(i.due_on))
        }
        (AgreementItemStatus::Open | AgreementItemStatus::Overdue, _) => {
            format!("in progress, due by {}", letter_date(i.due_on))
        }
    };
    ItemFacts {
        number: i.seq,
        kind: i.kind.label().to_string(),
        description: i.description.clone(),
        due: letter_date(i.due_on),
        outcome,
        owner: present(i.owner.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::caps::ConditionKind;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(letter_date(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()), "20 November 2026");
        assert_eq!(letter_date(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()), "5 January 2027");
    }

    #[test]
    fn what_is_missing_names_hours_money_and_breaches() {
        let c = LetterCondition {
            id: 7,
            seq: 1,
            kind: ConditionKind::UnpaidWork,
            description: "Clean the underpass".into(),
            provider: None,
            hours_required: Some(10.0),
            hours_completed: 4.0,
            amount_pence: Some(5000),
            amount_paid_pence: 1250,
            due_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            status: ConditionStatus::NotCompleted,
            completed_on: None,
        };
        let breach = LetterBreach {
            condition_id: Some(7),
            identified_on: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            description: "Missed two sessions".into(),
            referred_to: None,
        };
        assert_eq!(
            what_is_missing(&c, &[breach]),
            "6 of 10 hours still to do (4 done); £37.50 still to pay of £50; Missed two sessions (identified 3 November 2026)"
        );
        let plain = LetterCondition { hours_required: None, amount_pence: None, ..c.clone() };
        assert_eq!(what_is_missing(&plain, &[]), "no evidence of completion has been received");
        // Nothing recorded: the letter does not claim hours were missed.
        let nothing = LetterCondition { hours_completed: 0.0, amount_paid_pence: 0, ..c };
        assert_eq!(
            what_is_missing(&nothing, &[]),
            "no hours recorded as done of the 10 hours required; £50 still to pay (no payment recorded)"
        );
    }

    #[test]
    fn a_reminder_reads_the_balance_from_the_records() {
        let fine = LetterCondition {
            id: 3,
            seq: 2,
            kind: ConditionKind::FinancialPenalty,
            description: "Pay a penalty".into(),
            provider: None,
            hours_required: None,
            hours_completed: 0.0,
            amount_pence: Some(10_000),
            amount_paid_pence: 4_000,
            due_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            status: ConditionStatus::Active,
            completed_on: None,
        };
        let facts = condition_facts(&fine, &[]);
        assert_eq!(facts.missing.as_deref(), Some("£60 still to pay of £100"));
        assert_eq!(facts.progress.as_deref(), Some("£40 of £100 paid, £60 to pay"));
        assert_eq!((facts.paid.as_deref(), facts.balance.as_deref()), (Some("£40"), Some("£60")));
        let unpaid = condition_facts(&LetterCondition { amount_paid_pence: 0, ..fine }, &[]);
        assert_eq!((unpaid.progress, unpaid.paid, unpaid.balance.as_deref()), (None, None, Some("£100")));
    }
}
