//! The facts of the RJ quarterly return (issue 15 §4): restorative justice
//! and mediation referrals by source, offence flag and who started them,
//! closure outcomes, processes held by kind, agreements completed, and the
//! participants' feedback. Each list is (stored value, count), by value.

use chrono::NaiveDate;
use rusqlite::params;

use crate::store::reads::day_text;
use crate::store::{Store, StoreResult};

/// A restorative case: the services the return covers.
const RESTORATIVE: &str = "service IN ('restorative_justice', 'mediation')";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RjQuarter {
    pub referrals: i64,
    pub referrals_by_source: Vec<(String, i64)>,
    /// By offence flag ("domestic_abuse", ...; "none" for a case with none).
    pub referrals_by_flag: Vec<(String, i64)>,
    pub closed_by_outcome: Vec<(String, i64)>,
    pub processes_held_by_kind: Vec<(String, i64)>,
    pub agreements_completed: i64,
    pub feedback: FeedbackFacts,
}

/// Feedback collected in the quarter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackFacts {
    pub given: i64,
    pub mean_satisfaction: Option<f64>,
    pub would_recommend: i64,
    pub felt_safe: i64,
}

impl Store {
    pub fn rj_quarter(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<RjQuarter> {
        let (from, to) = (day_text(from), day_text(to));
        let span = (from.as_str(), to.as_str());
        let received = format!("FROM case_file WHERE received_on BETWEEN ?1 AND ?2 AND {RESTORATIVE}");
        Ok(RjQuarter {
            referrals: self.conn().query_row(&format!("SELECT COUNT(*) {received}"), params![from, to], |r| r.get(0))?,
            referrals_by_source: self.grouped(&format!("SELECT source, COUNT(*) {received} GROUP BY 1 ORDER BY 1"), span)?,
            referrals_by_flag: self.grouped(&by_flag(&received), span)?,
            closed_by_outcome: self.grouped(
                &format!(
                    "SELECT COALESCE(trim(closure_outcome), ''), COUNT(*) FROM case_file
                      WHERE closed_on BETWEEN ?1 AND ?2 AND {RESTORATIVE} GROUP BY 1 ORDER BY 1"
                ),
                span,
            )?,
            processes_held_by_kind: self.grouped(
                &format!(
                    "SELECT p.kind, COUNT(*) FROM rj_process p JOIN case_file c ON c.id = p.case_id
                      WHERE p.status = 'held' AND p.held_on BETWEEN ?1 AND ?2 AND c.{RESTORATIVE} GROUP BY 1 ORDER BY 1"
                ),
                span,
            )?,
            agreements_completed: self.conn().query_row(
                "SELECT COUNT(*) FROM outcome_agreement
                  WHERE harmed_party_informed_of_result_on BETWEEN ?1 AND ?2 AND status = 'completed'",
                params![from, to],
                |r| r.get(0),
            )?,
            feedback: self.conn().query_row(
                "SELECT COUNT(*), AVG(satisfied), COALESCE(SUM(would_recommend = 1), 0), COALESCE(SUM(felt_safe = 1), 0)
                   FROM feedback WHERE collected_on BETWEEN ?1 AND ?2",
                params![from, to],
                |r| {
                    Ok(FeedbackFacts {
                        given: r.get(0)?,
                        mean_satisfaction: r.get(1)?,
                        would_recommend: r.get(2)?,
                        felt_safe: r.get(3)?,
                    })
                },
            )?,
        })
    }
}

/// Referrals counted under each offence flag they carry, and once under
/// "none" when they carry none.
fn by_flag(received: &str) -> String {
    let flags = ["domestic_abuse", "hate_crime", "sexual", "knife", "youth"];
    let mut arms: Vec<String> =
        flags.iter().map(|f| format!("SELECT '{f}', COUNT(*) {received} AND flag_{f} = 1")).collect();
    let none = flags.iter().map(|f| format!("flag_{f} = 0")).collect::<Vec<_>>().join(" AND ");
    arms.push(format!("SELECT 'none', COUNT(*) {received} AND {none}"));
    format!("SELECT * FROM ({}) ORDER BY 1", arms.join(" UNION ALL "))
}
