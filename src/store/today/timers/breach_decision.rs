//! A breach still awaiting its decision more than BREACH_CONFIRM_WD working
//! days after it was identified (DOMAIN.md §12.3: "confirm with provider /
//! OIC").

use super::{Parts, Spec};
use crate::domain::triage::ItemKind;
use crate::store::today::{text, title};

pub(super) fn spec() -> Spec {
    Spec {
        days: |rules| rules.days_or("BREACH_CONFIRM_WD", 2),
        kind: ItemKind::BreachDecision,
        parts: Parts {
            from: "breach b INDEXED BY breach_pending
                   CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = b.case_id",
            extra: "",
            filter: "b.decision = 'pending' AND c.status NOT IN ('closed', 'withdrawn')",
            columns: "b.id, b.case_id, c.ref, b.identified_on, COALESCE(b.referred_to, '')",
            sort: "b.identified_on",
            tie: None,
            id: "b.id",
            counted: None,
        },
        title: |r| {
            let referred = text(r, 4)?;
            Ok(match referred.trim() {
                "" => "breach awaiting a decision".to_string(),
                to => title("breach awaiting a decision from ", &[to], ""),
            })
        },
    }
}
