//! The names a summary carries only when they are disclosed: for each case
//! it references, its harmed and responsible parties (DOMAIN.md §10.2).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::domain::types::PartyRole;
use crate::export::safe::inert;
use crate::store::summary::Summary;
use crate::store::Store;

/// More parties than this on one case is a data problem, not a summary line.
const PARTIES_PER_CASE: usize = 50;

/// The parties of one case, by role, as "Given Family".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseNames {
    pub harmed: Vec<String>,
    pub responsible: Vec<String>,
}

/// Names for the references of one summary, with who receives them and why.
#[derive(Debug, Clone)]
pub struct PartyNames {
    pub recipient: String,
    pub justification: String,
    by_reference: BTreeMap<String, CaseNames>,
}

impl PartyNames {
    /// Read the harmed and responsible parties of every case `summary` names.
    pub fn gather(
        store: &Store,
        summary: &Summary,
        recipient: String,
        justification: String,
    ) -> anyhow::Result<PartyNames> {
        let mut by_reference = BTreeMap::new();
        for reference in references(summary) {
            let Some(case_id) = store.case_id_by_ref(&reference)? else { continue };
            let mut names = CaseNames::default();
            for party in store.case_parties(case_id, PARTIES_PER_CASE)?.people {
                // Names go to files and terminals: no control characters.
                let name = inert(&party.name());
                match party.role {
                    PartyRole::Harmed => names.harmed.push(name),
                    PartyRole::Offender => names.responsible.push(name),
                    _ => {}
                }
            }
            by_reference.insert(reference, names);
        }
        Ok(PartyNames { recipient, justification, by_reference })
    }

    /// A fixed set of names, for tests of the renderers.
    pub fn from_map(recipient: &str, justification: &str, by_reference: BTreeMap<String, CaseNames>) -> Self {
        PartyNames { recipient: recipient.into(), justification: justification.into(), by_reference }
    }

    /// "harmed: A B; responsible: C D", or "" for a case with neither.
    pub fn of(&self, reference: &str) -> String {
        let Some(names) = self.by_reference.get(reference) else { return String::new() };
        let mut parts = Vec::new();
        if !names.harmed.is_empty() {
            parts.push(format!("harmed: {}", names.harmed.join(", ")));
        }
        if !names.responsible.is_empty() {
            parts.push(format!("responsible: {}", names.responsible.join(", ")));
        }
        parts.join("; ")
    }

    /// The reference followed by its names in brackets, when it has any.
    pub fn tagged(&self, reference: &str) -> String {
        match self.of(reference) {
            names if names.is_empty() => reference.to_string(),
            names => format!("{reference} ({names})"),
        }
    }

    pub fn by_reference(&self) -> &BTreeMap<String, CaseNames> {
        &self.by_reference
    }

    /// How many cases have names in this disclosure (for the log).
    pub fn case_count(&self) -> usize {
        self.by_reference.values().filter(|n| !n.harmed.is_empty() || !n.responsible.is_empty()).count()
    }
}

/// Every case reference the summary mentions, once each.
fn references(s: &Summary) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.extend(s.referrals_received.iter().map(|r| r.reference.clone()));
    out.extend(s.decisions.iter().map(|d| d.reference.clone()));
    out.extend(s.conditions_completed.iter().map(|c| c.reference.clone()));
    out.extend(s.done_today.iter().map(|a| a.reference.clone()));
    for lines in [&s.breaches.new_today, &s.breaches.awaiting_decision, &s.breaches.decided_today] {
        out.extend(lines.iter().map(|b| b.reference.clone()));
    }
    for lines in [
        &s.overdue,
        &s.due_today,
        &s.due_next_5_working_days,
        &s.agreement_items_due,
        &s.meetings_next_5_working_days,
        &s.victims_code_timers_at_risk,
        &s.tomorrow,
    ] {
        out.extend(lines.iter().map(|l| l.reference.clone()));
    }
    for refs in [&s.harmed_parties_to_inform, &s.sense_checks_overdue, &s.awaiting_manager_signoff] {
        out.extend(refs.iter().cloned());
    }
    out
}
