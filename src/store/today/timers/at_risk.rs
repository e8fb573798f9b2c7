//! A referral with its coordinator, contacting the parties or preparing
//! them, with no progress recorded for more than AT_RISK_WD working days
//! since its last: a status change, a contact logged, a checklist answer or
//! a meeting held or booked (the case's `progress_on`, migration 0028). A
//! referral contacting the parties with no contact logged yet is the first
//! contact timer's, not listed here too.

use super::{Parts, Spec};
use crate::domain::triage::ItemKind;
use crate::store::today::{service_word, text, title};

pub(super) fn spec() -> Spec {
    Spec {
        days: |rules| rules.days_or("AT_RISK_WD", 5),
        kind: ItemKind::AtRisk,
        parts: Parts {
            from: "case_file c INDEXED BY case_file_at_risk_progress",
            extra: "",
            // A referral contacting the parties with no contact at all is
            // the first-contact timer's, not listed twice.
            filter: "c.status IN ('contacting_parties', 'preparation')
                     AND (c.status = 'preparation'
                          OR EXISTS (SELECT 1 FROM contact_log l INDEXED BY contact_log_case_day WHERE l.case_id = c.id))",
            columns: "c.id, c.id, c.ref, c.progress_on, c.service, c.status",
            sort: "c.progress_on",
            tie: None,
            id: "c.id",
            counted: None,
        },
        title: |r| {
            let stage = match text(r, 5)? {
                "preparation" => ": no progress recorded in preparation",
                _ => ": no progress recorded contacting the parties",
            };
            Ok(title(service_word(text(r, 4)?), &[stage], ""))
        },
    }
}
