//! The two Today sections of finalising (issue 13 §4): disposals whose
//! conditions are all done, to finalise with their Home Office outcome,
//! and finalised ones whose police record (Niche) is still to update. Each
//! walks a partial index of migration 0016 holding only its rows.

use super::arms::Parts;
use crate::domain::status::{DisposalType, HoOutcome};

/// Live, issued and not finalised (the index), in a status finalising
/// takes, no condition open, and at least one condition on file unless
/// the disposal takes none (a youth caution).
pub(super) fn to_finalise() -> Parts {
    Parts {
        from: "oocd_disposal d INDEXED BY oocd_disposal_to_finalise
               CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = d.case_id",
        extra: "",
        filter: "d.case_live = 1 AND d.finalised_on IS NULL AND d.issued_on IS NOT NULL
                 AND c.status IN ('issued', 'active', 'at_risk', 'completed', 'prosecution')
                 AND NOT EXISTS (SELECT 1 FROM condition k INDEXED BY condition_case_status
                                  WHERE k.case_id = d.case_id
                                    AND k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
                 AND (d.disposal_type = 'youth_caution'
                      OR EXISTS (SELECT 1 FROM condition k INDEXED BY condition_case_status
                                  WHERE k.case_id = d.case_id))",
        columns: "d.id, d.case_id, c.ref, d.issued_on, d.disposal_type",
        sort: "d.issued_on",
        tie: None,
        id: "d.id",
        counted: None,
    }
}

/// Finalised, the police record not marked updated: the index holds
/// exactly these, so a count reads it alone.
pub(super) fn police_record() -> Parts {
    const FILTER: &str = "d.finalised_on IS NOT NULL AND d.police_record_updated_on IS NULL";
    Parts {
        from: "oocd_disposal d INDEXED BY oocd_disposal_police_record
               CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = d.case_id",
        extra: "",
        filter: FILTER,
        columns: "d.id, d.case_id, c.ref, d.finalised_on, d.ho_outcome_code",
        sort: "d.finalised_on",
        tie: None,
        id: "d.id",
        counted: Some(("oocd_disposal d INDEXED BY oocd_disposal_police_record", FILTER)),
    }
}

/// An item's title, in words: the disposal to finalise, or the outcome
/// it was finalised with.
pub(super) fn title(to_finalise: bool, code: &str) -> String {
    if to_finalise {
        let kind = DisposalType::parse(code).map_or("disposal", |d| d.label());
        format!("{kind}: conditions all done, finalise with its Home Office outcome")
    } else {
        let outcome = HoOutcome::parse(code).map_or("its outcome", |o| o.label());
        format!("finalised ({outcome}): update the police record (Niche)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::FINALISABLE;

    /// The statuses in the filter are `domain::status::FINALISABLE`.
    #[test]
    fn the_sql_list_of_statuses_is_the_domain_list() {
        let listed: Vec<String> = FINALISABLE.iter().map(|s| format!("'{}'", s.as_str())).collect();
        let in_sql = format!("c.status IN ({})", listed.join(", "));
        assert!(to_finalise().filter.contains(&in_sql), "{in_sql}");
    }
}
