//! A referral logged as suitable but not yet transferred to a coordinator,
//! more than TRANSFER_WD working days after it was logged.

use super::{Parts, Spec};
use crate::domain::triage::ItemKind;
use crate::store::today::{service_word, text, title};

pub(super) fn spec() -> Spec {
    Spec {
        days: |rules| rules.days_or("TRANSFER_WD", 2),
        kind: ItemKind::Transfer,
        parts: Parts {
            from: "case_file c INDEXED BY case_file_awaiting_transfer",
            extra: "",
            filter: "c.status = 'logged'",
            columns: "c.id, c.id, c.ref, c.status_changed_on, c.service",
            sort: "c.status_changed_on",
            tie: None,
            id: "c.id",
            counted: None,
        },
        title: |r| Ok(title(service_word(text(r, 4)?), &[": logged, not yet transferred to a coordinator"], "")),
    }
}
