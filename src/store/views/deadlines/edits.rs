//! The Deadlines screen's own writes and the reads that go with them: what a
//! chase or a refusal names, and an agreement item's due date varied with a
//! reason.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{DeadlineBrief, DeadlineSource};
use crate::domain::caps::ConditionKind;
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::reads::{day_text, parse_day};
use crate::store::writes::{date, text};
use crate::store::{Store, StoreError, StoreResult, Tx};

/// The `due_on` column of a row as a date.
fn due(r: &rusqlite::Row<'_>) -> rusqlite::Result<NaiveDate> {
    Ok(parse_day(&r.get::<_, String>("due_on")?))
}

impl Tx<'_> {
    /// What a chase or a refusal names: the case, the item in words, its due date.
    pub fn deadline_brief(&self, source: DeadlineSource, id: i64) -> StoreResult<DeadlineBrief> {
        // The item in words: a condition by its kind, an agreement item by what was agreed.
        let row: Option<(i64, String, String, String, NaiveDate)> = match source {
            DeadlineSource::Condition => self
                .conn()
                .query_row(
                    "SELECT k.case_id, c.ref, k.kind, COALESCE(p.name, '') AS who, k.due_on
                     FROM condition k JOIN case_file c ON c.id = k.case_id
                     LEFT JOIN provider p ON p.id = k.provider_id WHERE k.id = ?1",
                    params![id],
                    |r| {
                        let kind: ConditionKind = r.get("kind")?;
                        Ok((r.get("case_id")?, r.get("ref")?, kind.label().to_string(), r.get("who")?, due(r)?))
                    },
                )
                .optional()?,
            DeadlineSource::AgreementItem => self
                .conn()
                .query_row(
                    "SELECT p.case_id, c.ref, i.description, COALESCE(i.owner, '') AS who, i.due_on
                     FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                     JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
                     WHERE i.id = ?1",
                    params![id],
                    |r| {
                        let what = format!("agreement item: {}", r.get::<_, String>("description")?);
                        Ok((r.get("case_id")?, r.get("ref")?, what, r.get("who")?, due(r)?))
                    },
                )
                .optional()?,
            // A meeting's action concerns no case: case id 0, its meeting's title.
            DeadlineSource::MeetingAction => self
                .conn()
                .query_row(
                    "SELECT mt.title AS ref, m.what, m.owner AS who, m.due_on
                     FROM meeting_action m JOIN meeting mt ON mt.id = m.meeting_id WHERE m.id = ?1",
                    params![id],
                    |r| {
                        let what = format!("meeting action: {}", r.get::<_, String>("what")?);
                        Ok((0, r.get("ref")?, what, r.get("who")?, due(r)?))
                    },
                )
                .optional()?,
        };
        let (case_id, case_ref, what, who, due_on) = row.ok_or_else(|| {
            StoreError::NotFound(match source {
                DeadlineSource::Condition => format!("condition {id}"),
                DeadlineSource::AgreementItem => format!("agreement item {id}"),
                DeadlineSource::MeetingAction => format!("meeting action {id}"),
            })
        })?;
        let label = if who.is_empty() { what } else { format!("{what} [{who}]") };
        Ok(DeadlineBrief { case_id, case_ref, label, due_on })
    }

    /// Move an agreement item's due date, with the reason. Agreement items
    /// are not statutory (§9.9: "not legally binding"), so no cap applies;
    /// the new date must not be before the agreement was made. The reason is
    /// kept on the audit row beside the change.
    pub fn deadlines_vary_item_due(&mut self, item_id: i64, new_due: NaiveDate, reason: &str) -> StoreResult<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("a variation needs a reason".into()));
        }
        let row: Option<(String, String, String, i64)> = self
            .conn()
            .query_row(
                "SELECT i.status, i.due_on, a.agreed_on, p.case_id FROM agreement_item i
                 JOIN outcome_agreement a ON a.id = i.agreement_id JOIN rj_process p ON p.id = a.process_id
                 WHERE i.id = ?1",
                params![item_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (status, old_due, agreed_on, case_id) =
            row.ok_or_else(|| StoreError::NotFound(format!("agreement item {item_id}")))?;
        if status != "open" && status != "overdue" {
            return Err(StoreError::Invalid(format!(
                "this agreement item is {} and cannot be varied",
                status.replace('_', " ")
            )));
        }
        let agreed_on = parse_day(&agreed_on);
        if new_due < agreed_on {
            return Err(StoreError::Invalid(format!(
                "the new due date {new_due} is before the agreement was made ({agreed_on})"
            )));
        }
        self.update(
            "agreement_item",
            item_id,
            Some(case_id),
            vec![("due_on", date(new_due)), ("status", text("open"))],
        )?;
        // The reason, on its own audit row in the same transaction (undo
        // restores the row from the update's "before" and passes over this).
        let now = self.snapshot("agreement_item", item_id)?;
        let mut entry = AuditEntry::new(AuditOp::Alter, "agreement_item", item_id).case(case_id);
        entry.before = now.clone();
        entry.after = now;
        entry.justification =
            Some(format!("due date varied from {old_due} to {}: {}", day_text(new_due), reason.trim()));
        self.audit(&entry)
    }
}

/// The reason recorded with an agreement item's variation (tests read it back).
impl Store {
    pub fn deadline_item_variation_reasons(&self, item_id: i64) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT justification FROM audit_log WHERE entity = 'agreement_item' AND entity_id = ?1
               AND justification IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map(params![item_id.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
