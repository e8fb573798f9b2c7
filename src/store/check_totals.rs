//! `casedesk check`: each condition's running totals (hours done, amount
//! paid) against the sum of its compliance events. The write path moves
//! both in one write (`writes/compliance.rs`), so a difference means the
//! file was changed some other way, and the letters and reports that read
//! the totals would say something the records do not show.

use rusqlite::Connection;

use super::StoreResult;
use crate::domain::caps::ConditionKind;
use crate::domain::compliance::{hours_words, pounds};

/// How many differing conditions are named; the rest are counted.
const LISTED: usize = 10;

/// What the comparison found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TotalsFinding {
    /// Conditions compared.
    pub conditions: i64,
    /// One sentence per condition whose totals differ from its events.
    pub differences: Vec<String>,
    /// Differing conditions beyond those listed.
    pub unlisted: usize,
}

impl TotalsFinding {
    /// A desk too damaged to compare: the reason stands as the fault.
    pub(super) fn unreadable(reason: &str) -> Self {
        TotalsFinding { differences: vec![reason.to_string()], ..TotalsFinding::default() }
    }

    pub fn is_ok(&self) -> bool {
        self.differences.is_empty()
    }

    /// "ok (N conditions)", or the differences in words.
    pub fn describe(&self) -> String {
        if self.is_ok() {
            return format!("ok ({} conditions agree with their compliance records)", self.conditions);
        }
        let more = match self.unlisted {
            0 => String::new(),
            n => format!("; and {n} more"),
        };
        format!("FAULT: {}{more}", self.differences.join("; "))
    }
}

/// Compare every condition's totals with the sum of its events.
pub(super) fn verify_condition_totals(conn: &Connection) -> StoreResult<TotalsFinding> {
    let conditions: i64 = conn.query_row("SELECT COUNT(*) FROM condition", [], |r| r.get(0))?;
    let mut stmt = conn.prepare(
        "SELECT k.ref, c.seq, c.kind, c.hours_completed, c.amount_paid_pence, e.hours, e.pence
           FROM condition c
           JOIN case_file k ON k.id = c.case_id
           JOIN (SELECT c2.id AS id, COALESCE(SUM(ev.hours), 0.0) AS hours, COALESCE(SUM(ev.amount_pence), 0) AS pence
                   FROM condition c2 LEFT JOIN compliance_event ev ON ev.condition_id = c2.id
                  GROUP BY c2.id) e ON e.id = c.id
          WHERE abs(c.hours_completed - e.hours) > 0.001 OR c.amount_paid_pence <> e.pence
          ORDER BY k.ref, c.seq",
    )?;
    let mut finding = TotalsFinding { conditions, ..TotalsFinding::default() };
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if finding.differences.len() == LISTED {
            finding.unlisted += 1;
            continue;
        }
        let kind: ConditionKind = r.get(2)?;
        let (hours, paid, event_hours, event_pence): (f64, i64, f64, i64) =
            (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        finding.differences.push(difference(
            &r.get::<_, String>(0)?,
            r.get(1)?,
            kind,
            (hours, event_hours),
            (paid, event_pence),
        ));
    }
    Ok(finding)
}

/// One condition's difference, in a sentence.
fn difference(reference: &str, seq: i64, kind: ConditionKind, hours: (f64, f64), pence: (i64, i64)) -> String {
    let mut parts = Vec::new();
    if (hours.0 - hours.1).abs() > 0.001 {
        parts.push(format!(
            "{} recorded as done but its sessions add up to {}",
            hours_words(hours.0),
            hours_words(hours.1)
        ));
    }
    if pence.0 != pence.1 {
        parts.push(format!("{} recorded as paid but its payments add up to {}", pounds(pence.0), pounds(pence.1)));
    }
    format!("{reference} condition {seq} ({}): {}", kind.label().to_lowercase(), parts.join(", and "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_is_said_plainly() {
        let line = difference("OOCD-2026-0001", 2, ConditionKind::UnpaidWork, (6.0, 4.0), (2000, 2000));
        assert_eq!(
            line,
            "OOCD-2026-0001 condition 2 (unpaid work): 6 hours recorded as done but its sessions add up to 4 hours"
        );
    }
}
