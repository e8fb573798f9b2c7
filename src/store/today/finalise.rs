//! The two Today sections of finalising (issue 13 §4): disposals whose
//! conditions are all done, to finalise with their Home Office outcome,
//! and finalised ones whose police record (Niche) is still to update. Each
//! walks a partial index of migration 0016 holding only its rows.

use crate::domain::status::{DisposalType, HoOutcome};

/// Ready to finalise: live, issued and not finalised, no condition open,
/// and at least one condition on file unless the disposal takes none (a
/// youth caution): the index holds exactly these (migration 0020 keeps each
/// disposal's counts of its conditions), so only the case's status, one
/// finalising takes, is looked up for each.
pub(super) const READY_FROM: &str = "oocd_disposal d INDEXED BY oocd_disposal_ready
     CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = d.case_id";
pub(super) const READY_FILTER: &str = "d.case_live = 1 AND d.finalised_on IS NULL AND d.issued_on IS NOT NULL
     AND d.conditions_open = 0 AND (d.conditions_held > 0 OR d.disposal_type = 'youth_caution')
     AND c.status IN ('issued', 'active', 'at_risk', 'completed', 'prosecution')";
pub(super) const READY_COLUMNS: &str = "d.id, d.case_id, c.ref, d.issued_on, d.disposal_type";

/// Police record to update: finalised, the record not marked updated. The
/// index holds exactly these, so a count reads it alone.
pub(super) const POLICE_COUNTED: &str = "oocd_disposal d INDEXED BY oocd_disposal_police_record";
pub(super) const POLICE_FROM: &str = "oocd_disposal d INDEXED BY oocd_disposal_police_record
     CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = d.case_id";
pub(super) const POLICE_FILTER: &str = "d.finalised_on IS NOT NULL AND d.police_record_updated_on IS NULL";
pub(super) const POLICE_COLUMNS: &str = "d.id, d.case_id, c.ref, d.finalised_on, d.ho_outcome_code";

/// An item's title, in words: the disposal to finalise, or the outcome
/// it was finalised with.
pub(super) fn title(to_finalise: bool, code: &str) -> String {
    if to_finalise {
        let kind = DisposalType::parse(code).map_or("disposal", |d| d.label());
        format!("finalise: {kind}, its Home Office outcome to record")
    } else {
        let outcome = HoOutcome::parse(code).map_or("its outcome", |o| o.label());
        format!("update the police record (Niche): finalised as {outcome}")
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
        assert!(READY_FILTER.contains(&in_sql), "{in_sql}");
    }
}
