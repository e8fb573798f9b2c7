//! The handover pack: what a coordinator needs when a referral is handed to
//! them (issue 14 §2) — the risk summary from the suitability checklist,
//! the decision, the contact log and what is to be done next. The parties
//! and the agreement come from the ordinary letter fields.

use chrono::NaiveDate;
use serde::Serialize;

use super::condition::present;
use super::words::letter_date;
use crate::domain::case_status::CaseStatus;
use crate::domain::checklist::{Decision, RiskLevel};
use crate::domain::status::rj_advance;
use crate::domain::types::AgreementItemStatus;
use crate::store::views::case::CaseHeader;
use crate::store::views::checklist::DecisionRecord;
use crate::store::views::handover::{HandoverContact, HandoverCoordinator};
use crate::store::views::letters::LetterItem;
use crate::store::Store;

/// How many contacts the pack lists: the newest, as a coordinator reads back.
const CONTACTS_LIMIT: usize = 50;

/// The coordinator, as the pack names them.
#[derive(Debug, Clone, Serialize)]
pub struct CoordinatorFacts {
    pub name: String,
    /// Team, phone and email, those known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HandoverFacts {
    /// The coordinator the case is allocated to, and how to reach them.
    pub coordinator: CoordinatorFacts,
    /// The flags raised at intake ("domestic abuse", "youth"); may be empty.
    pub flags: Vec<String>,
    /// The newest suitability decision, when the checklist has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskFacts>,
    pub contacts: Vec<ContactFacts>,
    /// What is to be done next, in words; may be empty.
    pub next_steps: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskFacts {
    pub level: String,
    pub decision: String,
    pub decided: String,
    pub decided_by: String,
    pub rationale: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactFacts {
    pub date: String,
    /// "Phone, out" in words: "Phone call made", "Email received".
    pub how: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// Why a case with no coordinator has no handover.
pub fn no_coordinator(header: &CaseHeader) -> anyhow::Error {
    anyhow::anyhow!("{} has no coordinator yet: move it to Transferred to hand it to one", header.reference)
}

/// Read and lay out the pack's own facts for case `header`.
pub fn build(store: &Store, header: &CaseHeader, today: NaiveDate) -> anyhow::Result<HandoverFacts> {
    let coordinator = store.handover_coordinator(header.case_id)?;
    let coordinator = coordinator
        .map(|c| CoordinatorFacts { contact: reach(&c), name: c.name })
        .ok_or_else(|| no_coordinator(header))?;
    let contacts = store.handover_contacts(header.case_id, CONTACTS_LIMIT)?;
    let decision = store.latest_decision(header.case_id)?;
    let open_items: Vec<LetterItem> = store
        .letter_agreement(header.case_id)?
        .map(|a| {
            a.items
                .into_iter()
                .filter(|i| matches!(i.status, AgreementItemStatus::Open | AgreementItemStatus::Overdue))
                .collect()
        })
        .unwrap_or_default();
    let mut next_steps = next_steps(header, decision.as_ref(), &contacts, today);
    next_steps.extend(open_items.iter().map(|i| item_step(i, today)));
    Ok(HandoverFacts {
        coordinator,
        flags: header.flag_words().into_iter().map(str::to_string).collect(),
        risk: decision.as_ref().map(risk_facts),
        next_steps,
        contacts: contacts.iter().map(contact_facts).collect(),
    })
}

/// Team, phone and email as one line, when any is known.
fn reach(c: &HandoverCoordinator) -> Option<String> {
    let parts: Vec<&str> =
        [&c.team, &c.phone, &c.email].into_iter().filter_map(|p| present_str(p.as_deref())).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn present_str(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn risk_words(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "low",
        RiskLevel::Medium => "medium",
        RiskLevel::High => "high",
        RiskLevel::Unsafe => "unsafe to proceed",
    }
}

fn risk_facts(d: &DecisionRecord) -> RiskFacts {
    RiskFacts {
        level: risk_words(d.risk_level).to_string(),
        decision: d.decision.label().to_string(),
        decided: letter_date(d.decided_on),
        decided_by: d.decided_by.clone(),
        rationale: d.rationale.clone(),
    }
}

fn contact_facts(c: &HandoverContact) -> ContactFacts {
    let way = if c.outgoing { "made" } else { "received" };
    ContactFacts {
        date: letter_date(c.occurred_on),
        how: format!("{} {way}", c.channel.label()),
        with: c.with.clone(),
        summary: c.summary.clone(),
        outcome: present(c.outcome.as_deref()),
    }
}

/// What is to be done next: a manager's sign-off still awaited, the
/// referral's next step on its usual path, and the follow-ups still open.
fn next_steps(
    header: &CaseHeader,
    decision: Option<&DecisionRecord>,
    contacts: &[HandoverContact],
    today: NaiveDate,
) -> Vec<String> {
    let mut steps = Vec::new();
    if decision.is_some_and(|d| d.decision == Decision::ReferToManager && d.manager_signoff_by.is_none()) {
        steps.push("The suitability decision awaits a manager's sign-off.".to_string());
    }
    if let CaseStatus::Rj(from) = header.status {
        if let Some(path) = rj_advance(from) {
            let to: Vec<&str> = path.iter().map(|s| s.label()).collect();
            steps.push(format!("Now {}: the next step is {}.", from.label(), to.join(", then ")));
        }
    }
    for c in contacts {
        if let Some(on) = c.follow_up_on {
            let late = if on < today { " (overdue)" } else { "" };
            steps.push(format!("Follow up \"{}\" by {}{late}.", c.summary, letter_date(on)));
        }
    }
    steps
}

/// An agreed action still open, as something to check.
fn item_step(i: &LetterItem, today: NaiveDate) -> String {
    let due = letter_date(i.due_on);
    if i.due_on < today {
        format!("Agreed action {} (\"{}\") was due by {due}: check whether it was done.", i.seq, i.description)
    } else {
        format!("Agreed action {} (\"{}\") is due by {due}.", i.seq, i.description)
    }
}
