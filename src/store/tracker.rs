//! What a tracker export reads: every case with its disposal, its people and
//! its conditions, as stored (an unknown stored name is kept as it is, so
//! the tracker shows it rather than losing it).

use rusqlite::params;
use std::collections::HashMap;

use super::model::CaseFlags;
use super::{StoreResult, Tx};
use crate::domain::caps::ConditionKind;
use crate::domain::case_status::CaseStatus;
use crate::domain::status::{DisposalType, OffenceMode, RjStatus};
use crate::domain::types::{CjsStage, ConditionStatus, PartyRole, Service, Source};
use crate::store::sql_types::case_status;

/// One case and its disposal: its vocabularies as values, the rest as stored.
pub struct TrackerCase {
    pub id: i64,
    pub reference: Option<String>,
    pub service: Service,
    pub source: Option<Source>,
    pub received_on: Option<String>,
    pub reported_on: Option<String>,
    pub referrer_name: Option<String>,
    pub referrer_contact: Option<String>,
    pub crime_ref: Option<String>,
    pub offence_desc: Option<String>,
    pub offence_date: Option<String>,
    pub offence_mode: Option<OffenceMode>,
    pub cjs_stage: Option<CjsStage>,
    pub flags: CaseFlags,
    pub harm_summary: Option<String>,
    pub disposal_type: Option<DisposalType>,
    pub issued_on: Option<String>,
    pub completion_due: Option<String>,
    pub cps_decision_ref: Option<String>,
    pub status: CaseStatus,
    pub status_changed_on: Option<String>,
    pub paused_from: Option<RjStatus>,
    pub closed_on: Option<String>,
    pub closure_outcome: Option<String>,
    /// Who withdrew the case, why and what was said, as stored.
    pub withdrawn_by: Option<String>,
    pub withdrawal_reason: Option<String>,
    pub withdrawal_note: Option<String>,
    /// The name of the coordinator the case is allocated to.
    pub coordinator: Option<String>,
    pub notes: Option<String>,
}

/// One person in one role on a case.
pub struct TrackerParty {
    pub person_id: i64,
    pub role: PartyRole,
    pub given: String,
    pub family: String,
    pub dob: Option<String>,
    /// Enhanced rights under the Victims' Code (a harmed party's).
    pub enhanced_rights: bool,
}

/// One condition of a case.
pub struct TrackerCondition {
    pub kind: ConditionKind,
    pub description: String,
    pub due_on: String,
    pub status: ConditionStatus,
    pub completed_on: Option<String>,
    pub hours: Option<f64>,
    pub amount_pence: Option<i64>,
    /// The provider's name in the directory, if the condition has one.
    pub provider: Option<String>,
}

/// The flags' place in `each_tracker_case`'s select.
const FIRST_FLAG: usize = 12;

impl Tx<'_> {
    /// Every case in id order, handed to `each` one at a time so that only
    /// the lines built from them are held.
    pub(crate) fn each_tracker_case(&self, mut each: impl FnMut(TrackerCase)) -> StoreResult<()> {
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.ref, c.service, c.source, c.received_on, c.referrer_name, c.referrer_contact, c.crime_ref,
                    c.offence_desc, c.offence_date, c.offence_mode, c.cjs_stage, c.flag_domestic_abuse,
                    c.flag_intimate_partner, c.flag_hate_crime, c.flag_sexual, c.flag_knife, c.flag_youth,
                    c.harm_summary, d.disposal_type, d.issued_on, d.completion_due, c.status, c.status_changed_on,
                    c.paused_from, c.closed_on, c.closure_outcome, c.withdrawn_by, c.withdrawal_reason,
                    c.withdrawal_note, c.notes, d.cps_decision_ref, k.name AS coordinator, c.reported_on
             FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id
             LEFT JOIN coordinator k ON k.id = c.coordinator_id ORDER BY c.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(TrackerCase {
                id: r.get("id")?,
                reference: r.get("ref")?,
                service: r.get("service")?,
                source: r.get("source")?,
                received_on: r.get("received_on")?,
                reported_on: r.get("reported_on")?,
                referrer_name: r.get("referrer_name")?,
                referrer_contact: r.get("referrer_contact")?,
                crime_ref: r.get("crime_ref")?,
                offence_desc: r.get("offence_desc")?,
                offence_date: r.get("offence_date")?,
                offence_mode: r.get("offence_mode")?,
                cjs_stage: r.get("cjs_stage")?,
                flags: CaseFlags::from_row(r, FIRST_FLAG)?,
                harm_summary: r.get("harm_summary")?,
                disposal_type: r.get("disposal_type")?,
                issued_on: r.get("issued_on")?,
                completion_due: r.get("completion_due")?,
                cps_decision_ref: r.get("cps_decision_ref")?,
                status: case_status(r, "service", "status")?,
                status_changed_on: r.get("status_changed_on")?,
                paused_from: r.get("paused_from")?,
                closed_on: r.get("closed_on")?,
                closure_outcome: r.get("closure_outcome")?,
                withdrawn_by: r.get("withdrawn_by")?,
                withdrawal_reason: r.get("withdrawal_reason")?,
                withdrawal_note: r.get("withdrawal_note")?,
                coordinator: r.get("coordinator")?,
                notes: r.get("notes")?,
            });
        }
        Ok(())
    }

    /// Every case's people, by case id, in the order they were linked.
    pub(crate) fn tracker_people(&self) -> StoreResult<HashMap<i64, Vec<TrackerParty>>> {
        let mut stmt = self.conn().prepare(
            "SELECT cp.case_id, cp.person_id, cp.role, p.given_names, p.family_name, p.dob,
                    p.enhanced_rights IS NOT NULL AS enhanced
             FROM case_party cp JOIN person p ON p.id = cp.person_id ORDER BY cp.case_id, cp.id",
        )?;
        let rows = stmt.query_map(params![], |r| {
            Ok((
                r.get::<_, i64>("case_id")?,
                TrackerParty {
                    person_id: r.get("person_id")?,
                    role: r.get("role")?,
                    given: r.get("given_names")?,
                    family: r.get("family_name")?,
                    dob: r.get("dob")?,
                    enhanced_rights: r.get("enhanced")?,
                },
            ))
        })?;
        by_case(rows)
    }

    /// Every case's conditions, by case id, in their order on the case.
    pub(crate) fn tracker_conditions(&self) -> StoreResult<HashMap<i64, Vec<TrackerCondition>>> {
        let mut stmt = self.conn().prepare(
            "SELECT k.case_id, k.kind, k.description, k.due_on, k.status, k.completed_on, k.hours_required,
                    k.amount_pence, p.name AS provider
             FROM condition k LEFT JOIN provider p ON p.id = k.provider_id ORDER BY k.case_id, k.seq",
        )?;
        let rows = stmt.query_map(params![], |r| {
            Ok((
                r.get::<_, i64>("case_id")?,
                TrackerCondition {
                    kind: r.get("kind")?,
                    description: r.get("description")?,
                    due_on: r.get("due_on")?,
                    status: r.get("status")?,
                    completed_on: r.get("completed_on")?,
                    hours: r.get("hours_required")?,
                    amount_pence: r.get("amount_pence")?,
                    provider: r.get("provider")?,
                },
            ))
        })?;
        by_case(rows)
    }
}

/// Rows of (case id, thing) gathered by case, each case's in row order.
fn by_case<T>(rows: impl Iterator<Item = rusqlite::Result<(i64, T)>>) -> StoreResult<HashMap<i64, Vec<T>>> {
    let mut by_case: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        let (case_id, thing) = row?;
        by_case.entry(case_id).or_default().push(thing);
    }
    Ok(by_case)
}
