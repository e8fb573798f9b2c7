//! The caseload counts (migration 0037): each coordinator's open cases by
//! service and status, kept by triggers on `case_file` and counted afresh
//! after a bulk load. `casedesk check` compares them with the cases, since
//! the caseload view, the Directory and `casedesk caseload` show the counts
//! without counting the cases again.

use rusqlite::Connection;

use super::StoreResult;
use crate::domain::case_status::CaseStatus;
use crate::domain::types::Service;

/// How many differing counts are named; the rest are counted.
const LISTED: usize = 10;

/// The open, allocated cases counted by coordinator, service and status:
/// what `caseload_count` holds when it is right.
macro_rules! open_cases_counted {
    () => {
        "SELECT coordinator_id, service, status, COUNT(*) AS n FROM case_file
          WHERE coordinator_id IS NOT NULL AND status NOT IN ('closed', 'withdrawn')
          GROUP BY coordinator_id, service, status"
    };
}

/// The counts made again from the cases, after a bulk load (which drops the
/// triggers that keep them) has emptied the table.
pub(super) const RECOUNT: &str =
    concat!("INSERT INTO caseload_count (coordinator_id, service, status, n) ", open_cases_counted!());

/// Each count that differs from the cases, with the coordinator's name.
const DIFFERENCES: &str = concat!(
    "SELECT coalesce(k.name, 'coordinator ' || x.coordinator_id) AS name, x.service, x.status, x.kept, x.held
       FROM (SELECT coordinator_id, service, status, sum(kept) AS kept, sum(held) AS held
               FROM (SELECT coordinator_id, service, status, n AS kept, 0 AS held FROM caseload_count
                     UNION ALL SELECT coordinator_id, service, status, 0, n FROM (",
    open_cases_counted!(),
    "))
              GROUP BY coordinator_id, service, status HAVING sum(kept) <> sum(held)) x
       LEFT JOIN coordinator k ON k.id = x.coordinator_id
      ORDER BY name, x.service, x.status"
);

/// What the comparison found: one sentence per differing count, and how
/// many more there are beyond those.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseloadFinding {
    pub differences: Vec<String>,
    pub unlisted: usize,
}

impl CaseloadFinding {
    pub(super) fn unreadable(reason: &str) -> Self {
        CaseloadFinding { differences: vec![reason.to_string()], unlisted: 0 }
    }

    pub fn is_ok(&self) -> bool {
        self.differences.is_empty()
    }

    pub fn describe(&self) -> String {
        if self.is_ok() {
            return "ok (each coordinator's open cases agree with the cases on file)".into();
        }
        let more = match self.unlisted {
            0 => String::new(),
            n => format!("; and {n} more"),
        };
        format!(
            "FAULT: {}{more}; the file was changed outside casedesk, so restore it from a backup",
            self.differences.join("; ")
        )
    }
}

/// Compare every kept count with the cases it counts.
pub(super) fn verify_caseload_counts(conn: &Connection) -> StoreResult<CaseloadFinding> {
    let mut stmt = conn.prepare(DIFFERENCES)?;
    let mut rows = stmt.query([])?;
    let mut finding = CaseloadFinding::default();
    while let Some(r) = rows.next()? {
        if finding.differences.len() == LISTED {
            finding.unlisted += 1;
            continue;
        }
        let (name, service, status, kept, held): (String, Service, String, i64, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        finding.differences.push(difference(&name, service, &status, kept, held));
    }
    Ok(finding)
}

fn difference(name: &str, service: Service, status: &str, kept: i64, held: i64) -> String {
    let status = CaseStatus::parse(service, status).map_or(status, |s| s.label());
    let cases = |n: i64| if n == 1 { "1 case".to_string() } else { format!("{n} cases") };
    format!(
        "{name} is counted as holding {} of {} at {} but holds {}",
        cases(kept),
        service.label().to_lowercase(),
        status.to_lowercase(),
        cases(held)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_is_said_plainly() {
        let line = difference("Idris Bello", Service::RestorativeJustice, "preparation", 12, 11);
        assert_eq!(
            line,
            "Idris Bello is counted as holding 12 cases of restorative justice at preparation but holds 11 cases"
        );
    }
}
