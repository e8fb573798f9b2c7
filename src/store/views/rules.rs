//! The rule table as the Rules view and `casedesk rules` list it: every row
//! with its effective dates, in id order.

use chrono::NaiveDate;

use crate::domain::rules::Rule;
use crate::store::{rule_from, Store, StoreResult};

/// One row of the rule table with the days it applies between.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleRow {
    pub rule: Rule,
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
}

impl Store {
    /// Every rule, in id order.
    pub fn rule_rows(&self) -> StoreResult<Vec<RuleRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, value, unit, source, confidence, effective_from, effective_to FROM rule ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RuleRow {
                rule: rule_from(r)?,
                effective_from: day(r.get("effective_from")?),
                effective_to: day(r.get("effective_to")?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}
