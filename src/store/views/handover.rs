//! What the handover pack for a coordinator reads beyond an ordinary
//! letter: the coordinator the case is allocated to, with how to reach them,
//! and the case's contact log.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::domain::types::ContactChannel;
use crate::store::reads::parse_day;
use crate::store::{Store, StoreResult};

/// The coordinator a case is allocated to, as the directory has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverCoordinator {
    pub name: String,
    pub team: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// One entry of a case's contact log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverContact {
    pub occurred_on: NaiveDate,
    pub channel: ContactChannel,
    /// True when the service made the contact, false when it came in.
    pub outgoing: bool,
    /// The person on the case it was with, when one was named.
    pub with: Option<String>,
    pub summary: String,
    pub outcome: Option<String>,
    /// A follow-up still to do, and when.
    pub follow_up_on: Option<NaiveDate>,
}

impl Store {
    /// The coordinator case `case_id` is allocated to, if any.
    pub fn handover_coordinator(&self, case_id: i64) -> StoreResult<Option<HandoverCoordinator>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT k.name, k.team, k.email, k.phone FROM case_file c
               JOIN coordinator k ON k.id = c.coordinator_id WHERE c.id = ?1",
        )?;
        let row = stmt
            .query_row(params![case_id], |r| {
                Ok(HandoverCoordinator {
                    name: r.get("name")?,
                    team: r.get("team")?,
                    email: r.get("email")?,
                    phone: r.get("phone")?,
                })
            })
            .optional()?;
        Ok(row)
    }

    /// The newest `limit` contacts of a case, oldest of them first, as a log
    /// is read.
    pub fn handover_contacts(&self, case_id: i64, limit: usize) -> StoreResult<Vec<HandoverContact>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM (
                SELECT l.id, l.occurred_on, l.channel, l.direction, l.summary, l.outcome,
                       CASE WHEN l.follow_up_done = 0 THEN l.follow_up_on END AS follow_up_on,
                       CASE WHEN p.id IS NOT NULL THEN p.given_names || ' ' || p.family_name END AS with_name
                  FROM contact_log l LEFT JOIN person p ON p.id = l.person_id
                 WHERE l.case_id = ?1 ORDER BY l.occurred_on DESC, l.id DESC LIMIT ?2
             ) ORDER BY occurred_on, id",
        )?;
        let rows = stmt.query_map(params![case_id, limit as i64], |r| {
            Ok(HandoverContact {
                occurred_on: parse_day(&r.get::<_, String>("occurred_on")?),
                channel: r.get("channel")?,
                outgoing: r.get::<_, String>("direction")? == "out",
                with: r.get::<_, Option<String>>("with_name")?.filter(|n| !n.is_empty()),
                summary: r.get("summary")?,
                outcome: r.get("outcome")?,
                follow_up_on: r.get::<_, Option<String>>("follow_up_on")?.map(|s| parse_day(&s)),
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
