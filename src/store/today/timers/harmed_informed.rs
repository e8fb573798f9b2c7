//! An agreement whose items are all closed (done, not done or waived) and
//! whose harmed party has not been told the result more than
//! HARMED_INFORMED_WD working days after the last one closed: DOMAIN.md
//! §9.9 has completion or non-completion reported back to the harmed
//! person. The agreement's `items_settled_on` (migration 0026) holds the
//! last closing date once no item is open, so the arm walks one index.

use super::{Parts, Spec};
use crate::domain::closure::harmed_told_within;
use crate::domain::triage::ItemKind;
use crate::store::today::title;

pub(super) fn spec() -> Spec {
    Spec {
        days: harmed_told_within,
        kind: ItemKind::HarmedInformed,
        parts: Parts {
            from: "outcome_agreement a INDEXED BY outcome_agreement_to_inform
                   CROSS JOIN rj_process p INDEXED BY rj_process_to_case ON p.id = a.process_id
                   CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = p.case_id",
            extra: "",
            filter: "a.items_settled_on IS NOT NULL AND a.harmed_party_informed_of_result_on IS NULL
                     AND a.status <> 'none_wanted' AND c.status NOT IN ('closed', 'withdrawn')",
            columns: "a.id, p.case_id, c.ref, a.items_settled_on",
            sort: "a.items_settled_on",
            tie: None,
            id: "a.id",
            // The agreement carries its case's openness (0006): a count
            // stays in the index.
            counted: Some((
                "outcome_agreement a INDEXED BY outcome_agreement_to_inform",
                "a.items_settled_on IS NOT NULL AND a.harmed_party_informed_of_result_on IS NULL
                 AND a.status <> 'none_wanted' AND a.case_open = 1",
            )),
        },
        title: |_| Ok(title("tell the harmed party the result", &[], "")),
    }
}
