//! An agreement item still open AGREEMENT_FOLLOWUP_WD working days after it
//! fell due: DOMAIN.md §12.4 follows an item up on its due date and again
//! then. The first follow-up is the Overdue section's; this is the second.

use super::{Parts, Spec};
use crate::domain::triage::ItemKind;
use crate::store::today::{text, title};

pub(super) fn spec() -> Spec {
    Spec {
        days: |rules| rules.days_or("AGREEMENT_FOLLOWUP_WD", 5),
        kind: ItemKind::AgreementFollowUp,
        parts: Parts {
            from: "agreement_item i INDEXED BY agreement_item_open_due
                   CROSS JOIN outcome_agreement a INDEXED BY outcome_agreement_to_process ON a.id = i.agreement_id
                   CROSS JOIN rj_process p INDEXED BY rj_process_to_case ON p.id = a.process_id
                   CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = p.case_id",
            extra: "",
            filter: "i.status IN ('open', 'overdue') AND c.status NOT IN ('closed', 'withdrawn')",
            columns: "i.id, p.case_id, c.ref, i.due_on, i.description",
            sort: "i.due_on",
            tie: None,
            id: "i.id",
            counted: Some((
                "agreement_item i INDEXED BY agreement_item_live_due",
                "i.case_live = 1 AND i.status IN ('open', 'overdue')",
            )),
        },
        title: |r| Ok(title("follow up again: ", &[text(r, 4)?], "")),
    }
}
