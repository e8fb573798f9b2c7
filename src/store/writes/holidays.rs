//! Bank holidays kept by hand: a day added (a holiday proclaimed after this
//! release), a computed day removed (a day moved), and the official list
//! imported. The computed calendar is code, so a removal is a row of its own
//! (`bank_holiday_removed`, migration 0017); every change is audited with
//! its reason. Holidays are keyed by their date, like rules by their id, so
//! undo puts them back here rather than by row id.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::{day_text, Tx};
use crate::domain::holidays;
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::{StoreError, StoreResult};

/// Where a holiday added to the desk came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidaySource {
    /// Typed at the command line.
    Manual,
    /// Read from the GOV.UK list (its csv layout).
    GovUk,
}

impl HolidaySource {
    fn stored(self) -> &'static str {
        match self {
            HolidaySource::Manual => "manual",
            // The column's vocabulary (0001) names the GOV.UK feed by its json.
            HolidaySource::GovUk => "govuk_json",
        }
    }
}

/// What adding a holiday did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Added,
    /// A computed day removed earlier is counted again.
    Restored,
    /// The desk already counts the day: nothing changed.
    AlreadyKnown,
}

impl Tx<'_> {
    /// Count `date` as a bank holiday called `name`. A day the desk already
    /// counts is left as it is (an import of the official list meets many).
    pub fn add_holiday(&mut self, date: NaiveDate, name: &str, source: HolidaySource) -> StoreResult<Added> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("give the bank holiday its name, e.g. --name \"Coronation\"".into()));
        }
        let day = day_text(date);
        if let Some(reason) = self.removal(&day)? {
            self.conn().execute("DELETE FROM bank_holiday_removed WHERE date = ?1", params![day])?;
            let mut entry = AuditEntry::new(AuditOp::Erase, "bank_holiday_removed", &day)
                .before(json!({ "date": day, "reason": reason }));
            entry.justification = Some(format!("{day} counted as a bank holiday again: {name}"));
            self.audit(&entry)?;
            return Ok(Added::Restored);
        }
        if holidays::is_bank_holiday(date) || self.added(&day)?.is_some() {
            return Ok(Added::AlreadyKnown);
        }
        self.conn().execute(
            "INSERT INTO bank_holiday (date, name, source) VALUES (?1, ?2, ?3)",
            params![day, name, source.stored()],
        )?;
        let mut entry = AuditEntry::new(AuditOp::Collect, "bank_holiday", &day)
            .after(json!({ "date": day, "name": name, "source": source.stored() }));
        entry.justification = Some(format!("bank holiday added: {name}"));
        self.audit(&entry)?;
        Ok(Added::Added)
    }

    /// Stop counting `date` as a bank holiday, saying why: a day added by
    /// hand is deleted, a computed one is recorded as removed.
    pub fn remove_holiday(&mut self, date: NaiveDate, reason: &str) -> StoreResult<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid("give the reason for removing the bank holiday with --reason".into()));
        }
        let day = day_text(date);
        if let Some((name, source)) = self.added(&day)? {
            self.conn().execute("DELETE FROM bank_holiday WHERE date = ?1", params![day])?;
            let mut entry = AuditEntry::new(AuditOp::Erase, "bank_holiday", &day)
                .before(json!({ "date": day, "name": name, "source": source }));
            entry.justification = Some(format!("bank holiday removed: {reason}"));
            return self.audit(&entry);
        }
        if !holidays::is_bank_holiday(date) || self.removal(&day)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "{} is not a bank holiday on this desk: `casedesk holidays list` shows them",
                crate::domain::dates::day(date)
            )));
        }
        self.conn().execute("INSERT INTO bank_holiday_removed (date, reason) VALUES (?1, ?2)", params![day, reason])?;
        let mut entry = AuditEntry::new(AuditOp::Collect, "bank_holiday_removed", &day)
            .after(json!({ "date": day, "reason": reason }));
        entry.justification = Some(format!("bank holiday removed: {reason}"));
        self.audit(&entry)
    }

    /// Undo's side of the changes above: the row the change wrote is taken
    /// away, or the row it took away is put back as the log kept it.
    pub(super) fn reverse_holiday(
        &mut self,
        table: &'static str,
        op: &str,
        day: &str,
        before: Option<&serde_json::Value>,
        why: &str,
    ) -> StoreResult<()> {
        let field = |name: &str| before.and_then(|b| b.get(name)).and_then(|v| v.as_str()).map(str::to_string);
        let mut entry = match (table, op) {
            ("bank_holiday", "collect") => {
                self.conn().execute("DELETE FROM bank_holiday WHERE date = ?1", params![day])?;
                AuditEntry::new(AuditOp::Erase, table, day)
            }
            ("bank_holiday_removed", "collect") => {
                self.conn().execute("DELETE FROM bank_holiday_removed WHERE date = ?1", params![day])?;
                AuditEntry::new(AuditOp::Erase, table, day)
            }
            ("bank_holiday", "erase") => {
                let (name, source) = (field("name").unwrap_or_default(), field("source").unwrap_or_default());
                self.conn().execute(
                    "INSERT INTO bank_holiday (date, name, source) VALUES (?1, ?2, ?3)",
                    params![day, name, source],
                )?;
                AuditEntry::new(AuditOp::Collect, table, day)
                    .after(json!({ "date": day, "name": name, "source": source }))
            }
            ("bank_holiday_removed", "erase") => {
                let reason = field("reason").unwrap_or_default();
                self.conn()
                    .execute("INSERT INTO bank_holiday_removed (date, reason) VALUES (?1, ?2)", params![day, reason])?;
                AuditEntry::new(AuditOp::Collect, table, day).after(json!({ "date": day, "reason": reason }))
            }
            _ => return Err(StoreError::Invalid("this change has no earlier state to go back to".into())),
        };
        entry.justification = Some(why.to_string());
        self.audit(&entry)
    }

    fn added(&self, day: &str) -> StoreResult<Option<(String, String)>> {
        let sql = "SELECT name, source FROM bank_holiday WHERE date = ?1";
        Ok(self.conn().query_row(sql, params![day], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    }

    fn removal(&self, day: &str) -> StoreResult<Option<String>> {
        let sql = "SELECT reason FROM bank_holiday_removed WHERE date = ?1";
        Ok(self.conn().query_row(sql, params![day], |r| r.get(0)).optional()?)
    }
}
