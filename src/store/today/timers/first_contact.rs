//! A referral accepted (logged, transferred or contacting the parties) with
//! no contact logged at all, more than FIRST_CONTACT_WD working days after it
//! came in.

use super::{Parts, Spec};
use crate::domain::triage::ItemKind;
use crate::store::today::{service_word, text, title};

pub(super) fn spec() -> Spec {
    Spec {
        days: |rules| rules.days_or("FIRST_CONTACT_WD", 5),
        kind: ItemKind::FirstContact,
        parts: Parts {
            from: "case_file c INDEXED BY case_file_first_contact",
            extra: "",
            filter: "c.status IN ('logged', 'transferred', 'contacting_parties')
                     AND NOT EXISTS (SELECT 1 FROM contact_log l INDEXED BY contact_log_case WHERE l.case_id = c.id)",
            columns: "c.id, c.id, c.ref, c.received_on, c.service",
            sort: "c.received_on",
            tie: None,
            id: "c.id",
            counted: None,
        },
        title: |r| Ok(title(service_word(text(r, 4)?), &[": no contact with the parties logged"], "")),
    }
}
