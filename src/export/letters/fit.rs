//! The case as `domain::letter_fit` reads it, from the store.

use crate::domain::letter_fit::{outcome_of, CaseState, ConditionState};
use crate::domain::types::AgreementItemStatus;
use crate::store::Store;

pub(super) fn case_state(store: &Store, case_id: i64) -> anyhow::Result<CaseState> {
    let header = store.case_header(case_id)?.ok_or_else(|| anyhow::anyhow!("there is no such case"))?;
    let conditions = store
        .letter_conditions(case_id)?
        .into_iter()
        .map(|c| ConditionState {
            id: c.id,
            seq: c.seq,
            name: c.kind.label().to_string(),
            status: c.status,
            due_on: c.due_on,
        })
        .collect();
    let still_open = |s: AgreementItemStatus| matches!(s, AgreementItemStatus::Open | AgreementItemStatus::Overdue);
    let agreement_items_open =
        store.letter_agreement(case_id)?.map(|a| a.items.iter().filter(|i| still_open(i.status)).count());
    Ok(CaseState { service: header.service, conditions, agreement_items_open, outcome: outcome_of(header.status) })
}
