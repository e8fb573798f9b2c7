//! What a letter may say about a case, read from the store and laid out as
//! the fields the templates use. A fact the case does not have is left out
//! (never an empty string), so a template that needs it fails naming it.

use super::condition::{choose_condition, condition_facts, present, ConditionFacts, Telling};
use super::words::letter_date;
use crate::domain::types::AgreementStatus;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::handover::{self, HandoverFacts};
use super::sender::{sender_for, SenderFacts};
use super::{RecipientChoice, TemplateInfo};
use crate::domain::types::{AgreementItemStatus, PartyRole};
use crate::store::views::case::{CaseHeader, CaseParty};
use crate::store::views::letters::{LetterAgreement, LetterItem};
use crate::store::Store;

/// People read for a letter: every party of an ordinary case.
pub(super) const PEOPLE_LIMIT: usize = 200;

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
    /// The handover pack's own facts, read only for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handover: Option<HandoverFacts>,
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
    /// What became of the case, once something has ("completed: every
    /// condition was done", "closed: agreement completed").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// What happens if a condition is not done, for this disposal, in the
    /// responsible person's words. Absent without a disposal with conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub if_not_done: Option<String>,
}

/// Who the letter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub name: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Their email address, when one is on file: a batch also writes the
    /// letter as an email to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
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
    let telling = Telling { payment: sender.payment.as_deref(), reference: &header.reference };
    if req.template.asks_payment && chosen.is_some_and(|c| c.amount_pence.is_some()) {
        sender.payment_given()?;
    }
    let condition = chosen.map(|c| condition_facts(c, &breaches, &telling));
    let conditions: Vec<ConditionFacts> = conditions.iter().map(|c| condition_facts(c, &breaches, &telling)).collect();
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
    let recipient = match as_coordinator(store, req, &header) {
        Some(coordinator) => coordinator?,
        None => resolve_recipient(req, &header, &parties, referrer.as_ref(), oic.as_ref())?,
    };
    let handover = (req.template.to == super::DefaultRecipient::Coordinator)
        .then(|| handover::build(store, &header, req.today))
        .transpose()?;
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
        conditions,
        agreement,
        handover,
    })
}

/// A letter for the coordinator, when the template is written to them and
/// no one else was chosen; None otherwise.
fn as_coordinator(store: &Store, req: &ContextRequest<'_>, header: &CaseHeader) -> Option<anyhow::Result<Recipient>> {
    let for_them = req.template.to == super::DefaultRecipient::Coordinator;
    (for_them && *req.recipient == RecipientChoice::AsTemplate).then(|| coordinator_recipient(store, header))
}

/// The case's coordinator, from the directory, as a letter's recipient.
fn coordinator_recipient(store: &Store, header: &CaseHeader) -> anyhow::Result<Recipient> {
    let c = store.handover_coordinator(header.case_id)?.ok_or_else(|| handover::no_coordinator(header))?;
    let email = c.email.as_deref().filter(|e| looks_like_email(e)).map(|e| e.trim().to_string());
    Ok(Recipient { name: c.name, role: COORDINATOR_ROLE.to_string(), address: None, email })
}

/// The role a coordinator is written to as.
pub const COORDINATOR_ROLE: &str = "Coordinator";

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
        outcome: outcome_words(h),
        if_not_done: disposal.and_then(|d| super::words::if_not_done(d.disposal_type)).map(str::to_string),
    }
}

/// The case's outcome in words, with what was recorded on closing it.
fn outcome_words(h: &CaseHeader) -> Option<String> {
    let outcome = crate::domain::letter_fit::outcome_of(h.status)?;
    Some(match present(h.closure_outcome.as_deref()) {
        Some(recorded) => format!("{outcome} ({recorded})"),
        None => outcome.to_string(),
    })
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
        email: c.contact.as_deref().filter(|t| looks_like_email(t)).map(|t| t.trim().to_string()),
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
                email: None,
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
            super::DefaultRecipient::VictimSupport => Ok(Recipient {
                name: VICTIM_SUPPORT.to_string(),
                role: "Victim services".to_string(),
                address: None,
                email: None,
            }),
            // Read from the directory before this, by `as_coordinator`.
            super::DefaultRecipient::Coordinator => Err(missing("coordinator")),
            super::DefaultRecipient::AnyParty => by_role(PartyRole::Harmed)
                .or_else(|| by_role(PartyRole::Offender))
                .ok_or_else(|| missing("harmed or responsible person")),
        },
    }
}

pub const OIC_ROLE: &str = "Officer in the case";

/// Who supports victims locally: the outcome letter for them goes here
/// unless `--to` names the service and person.
pub const VICTIM_SUPPORT: &str = "Victim Support";

fn person_recipient(p: &CaseParty) -> Recipient {
    Recipient {
        name: p.name(),
        role: p.role_label().to_string(),
        address: present(p.address.as_deref()),
        email: p.email.as_deref().filter(|t| looks_like_email(t)).map(|t| t.trim().to_string()),
    }
}

/// One address and nothing else: `name@host.tld`, no spaces, no markup,
/// so that it can be written into a message header as it is.
pub fn looks_like_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, host)) = text.split_once('@') else { return false };
    !local.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && text.chars().all(|c| c.is_ascii_graphic() && !"@<>\",;:()[]\\".contains(c) || c == '@')
        && text.matches('@').count() == 1
}

fn agreement_facts(a: &LetterAgreement, today: NaiveDate) -> AgreementFacts {
    let status = match a.status {
        // Not yet settled on file (that happens when the harmed party is
        // told, which this letter does): say what its actions show.
        AgreementStatus::Active => progress_words(&a.items),
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

/// An agreement still open on file, in words from its actions: every one
/// done is "completed", none open but some not done "partly completed".
fn progress_words(items: &[LetterItem]) -> &'static str {
    let open = items.iter().any(|i| matches!(i.status, AgreementItemStatus::Open | AgreementItemStatus::Overdue));
    let done = items.iter().filter(|i| i.status == AgreementItemStatus::Done).count();
    if open || items.is_empty() {
        "still in progress"
    } else if done == items.len() {
        "completed"
    } else if done > 0 {
        "partly completed"
    } else {
        "not completed"
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
    use crate::domain::types::AgreementItemKind;

    fn item(status: AgreementItemStatus) -> LetterItem {
        LetterItem {
            seq: 1,
            kind: AgreementItemKind::Apology,
            description: "Write a letter of apology".into(),
            owner: None,
            due_on: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            status,
            completed_on: None,
        }
    }

    /// The result letter is what tells the harmed party, so the agreement
    /// is still Active on file when it is written: its actions decide.
    #[test]
    fn an_open_agreement_is_described_by_its_actions() {
        use AgreementItemStatus::*;
        let words = |s: &[AgreementItemStatus]| progress_words(&s.iter().map(|&x| item(x)).collect::<Vec<_>>());
        assert_eq!(words(&[Done, Done]), "completed");
        assert_eq!(words(&[Done, Open]), "still in progress");
        assert_eq!(words(&[Done, Overdue]), "still in progress");
        assert_eq!(words(&[Done, NotDone]), "partly completed");
        assert_eq!(words(&[NotDone, Waived]), "not completed");
        assert_eq!(words(&[]), "still in progress");
    }

    #[test]
    fn an_email_address_is_one_address_and_nothing_else() {
        assert!(looks_like_email(" ada.fixture@example.org "));
        for not in [
            "01632 960100",
            "ada@",
            "@example.org",
            "a@b",
            "a b@example.org",
            "a@b.org, c@d.org",
            "<a@b.org>",
            "a@b@c.org",
        ] {
            assert!(!looks_like_email(not), "{not}");
        }
    }
}
