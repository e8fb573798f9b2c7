//! An agreement item still open more than AGREEMENT_FOLLOWUP_WD working days
//! after it fell due: DOMAIN.md §12.4 follows an item up on its due date and
//! again then. The first follow-up is the Overdue section's; this is the second.

use super::Spec;
use crate::domain::triage::ItemKind;
use crate::store::today::parts::open_agreement_items;
use crate::store::today::{text, title};

pub(super) fn spec() -> Spec {
    Spec {
        days: |rules| rules.days_or("AGREEMENT_FOLLOWUP_WD", 5),
        kind: ItemKind::AgreementFollowUp,
        parts: open_agreement_items("i.id, p.case_id, c.ref, i.due_on, i.description"),
        title: |r| Ok(title("follow up again: ", &[text(r, 4)?], "")),
    }
}
