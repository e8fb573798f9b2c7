//! Letters written for a case: reads and the audited write.
//!
//! A letter row records which template went to whom and where the file was
//! written; writing it is also a disclosure under DPA 2018 s.62, logged with
//! its recipient and justification in the same transaction as the row.
//! The other reads here gather what a letter may say about a case (its
//! conditions, open breaches and outcome agreement) in one indexed query each.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::domain::caps::ConditionKind;
use crate::domain::types::{AgreementItemKind, AgreementItemStatus, AgreementStatus, ConditionStatus};

use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::reads::parse_day;
use crate::store::writes::{date, int, text};
use crate::store::{Store, StoreError, StoreResult, Tx};

/// One letter written for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRow {
    pub id: i64,
    pub template: String,
    pub recipient: String,
    /// docx or md.
    pub format: String,
    pub path: String,
    pub written_on: NaiveDate,
    pub written_by: String,
}

impl LetterRow {
    /// The file name without its folder, as the Letters panel shows it.
    pub fn file_name(&self) -> String {
        std::path::Path::new(&self.path)
            .file_name()
            .map_or_else(|| self.path.clone(), |n| n.to_string_lossy().into_owned())
    }
}

/// The newest letters of a case and how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseLetters {
    pub rows: Vec<LetterRow>,
    pub total: usize,
}

/// A condition of a case as a letter may describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterCondition {
    pub id: i64,
    pub seq: i64,
    pub kind: ConditionKind,
    pub description: String,
    pub provider: Option<String>,
    /// The provider's phone and email, for where to attend.
    pub provider_phone: Option<String>,
    pub provider_email: Option<String>,
    pub hours_required: Option<f64>,
    pub hours_completed: f64,
    pub amount_pence: Option<i64>,
    pub amount_paid_pence: i64,
    pub due_on: NaiveDate,
    pub status: ConditionStatus,
    pub completed_on: Option<NaiveDate>,
}

/// A breach not yet decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterBreach {
    pub condition_id: Option<i64>,
    pub identified_on: NaiveDate,
    pub description: String,
    pub referred_to: Option<String>,
}

/// The newest outcome agreement of a case, with its items.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterAgreement {
    pub id: i64,
    pub agreed_on: NaiveDate,
    pub status: AgreementStatus,
    pub harmed_informed_on: Option<NaiveDate>,
    pub items: Vec<LetterItem>,
}

/// One action of an outcome agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterItem {
    pub seq: i64,
    pub kind: AgreementItemKind,
    pub description: String,
    pub owner: Option<String>,
    pub due_on: NaiveDate,
    pub status: AgreementItemStatus,
    pub completed_on: Option<NaiveDate>,
}

/// A letter about to be recorded.
#[derive(Debug, Clone)]
pub struct NewLetter<'a> {
    pub case_id: i64,
    pub template: &'a str,
    /// Who receives it, in words: "Robin Fixture (Responsible)".
    pub recipient: &'a str,
    pub format: &'a str,
    pub path: &'a str,
    pub written_on: NaiveDate,
    pub written_by: &'a str,
    /// Why the letter was refused as untrue of the case, when it was
    /// written all the same (`--force`).
    pub overridden: Option<&'a str>,
}

/// The justification logged with every standard letter (DPA 2018 s.62).
pub fn letter_justification(template: &str) -> String {
    format!("standard letter: {template}")
}

/// A case has a handful of conditions; this bounds the read all the same.
const CONDITIONS_LIMIT: i64 = 100;
const ITEMS_LIMIT: i64 = 100;

fn day(s: Option<String>) -> Option<NaiveDate> {
    s.map(|s| parse_day(&s))
}

impl Store {
    /// The newest `limit` letters of a case (newest first) and how many in all.
    pub fn case_letters(&self, case_id: i64, limit: usize) -> StoreResult<CaseLetters> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, template, recipient, format, path, written_on, written_by
             FROM letter WHERE case_id = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![case_id, limit as i64], |r| {
                Ok(LetterRow {
                    id: r.get(0)?,
                    template: r.get(1)?,
                    recipient: r.get(2)?,
                    format: r.get(3)?,
                    path: r.get(4)?,
                    written_on: parse_day(&r.get::<_, String>(5)?),
                    written_by: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let total: i64 = self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM letter WHERE case_id = ?1")?
            .query_row(params![case_id], |r| r.get(0))?;
        Ok(CaseLetters { rows, total: total.max(0) as usize })
    }

    /// How to reach the referrer of a case, if recorded (the Case header
    /// shows only their name).
    pub fn letter_referrer_contact(&self, case_id: i64) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT referrer_contact FROM case_file WHERE id = ?1")?
            .query_row(params![case_id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Every condition of a case, in the order they were set.
    pub fn letter_conditions(&self, case_id: i64) -> StoreResult<Vec<LetterCondition>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.seq, c.kind, c.description, p.name AS provider, p.phone AS provider_phone,
                    p.email AS provider_email, c.hours_required, c.hours_completed,
                    c.amount_pence, c.amount_paid_pence, c.due_on, c.status, c.completed_on
             FROM condition c LEFT JOIN provider p ON p.id = c.provider_id
             WHERE c.case_id = ?1 ORDER BY c.seq, c.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![case_id, CONDITIONS_LIMIT], |r| {
            Ok(LetterCondition {
                id: r.get("id")?,
                seq: r.get("seq")?,
                kind: r.get("kind")?,
                description: r.get("description")?,
                provider: r.get("provider")?,
                provider_phone: r.get("provider_phone")?,
                provider_email: r.get("provider_email")?,
                hours_required: r.get("hours_required")?,
                hours_completed: r.get("hours_completed")?,
                amount_pence: r.get("amount_pence")?,
                amount_paid_pence: r.get("amount_paid_pence")?,
                due_on: parse_day(&r.get::<_, String>("due_on")?),
                status: r.get("status")?,
                completed_on: day(r.get("completed_on")?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The breaches of a case still awaiting a decision, oldest first.
    pub fn letter_open_breaches(&self, case_id: i64) -> StoreResult<Vec<LetterBreach>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT condition_id, identified_on, description, referred_to
             FROM breach WHERE case_id = ?1 AND status = 'open' ORDER BY identified_on, id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![case_id, CONDITIONS_LIMIT], |r| {
            Ok(LetterBreach {
                condition_id: r.get(0)?,
                identified_on: parse_day(&r.get::<_, String>(1)?),
                description: r.get(2)?,
                referred_to: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The newest outcome agreement of a case with its items, if there is one.
    pub fn letter_agreement(&self, case_id: i64) -> StoreResult<Option<LetterAgreement>> {
        let head = self
            .conn()
            .prepare_cached(
                "SELECT a.id, a.agreed_on, a.status, a.harmed_party_informed_of_result_on
                 FROM rj_process p JOIN outcome_agreement a ON a.process_id = p.id
                 WHERE p.case_id = ?1 ORDER BY a.agreed_on DESC, a.id DESC LIMIT 1",
            )?
            .query_row(params![case_id], |r| {
                Ok(LetterAgreement {
                    id: r.get(0)?,
                    agreed_on: parse_day(&r.get::<_, String>(1)?),
                    status: r.get(2)?,
                    harmed_informed_on: day(r.get(3)?),
                    items: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut agreement) = head else { return Ok(None) };
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, kind, description, owner, due_on, status, completed_on
             FROM agreement_item WHERE agreement_id = ?1 ORDER BY seq, id LIMIT ?2",
        )?;
        let items = stmt.query_map(params![agreement.id, ITEMS_LIMIT], |r| {
            Ok(LetterItem {
                seq: r.get("seq")?,
                kind: r.get("kind")?,
                description: r.get("description")?,
                owner: r.get("owner")?,
                due_on: parse_day(&r.get::<_, String>("due_on")?),
                status: r.get("status")?,
                completed_on: day(r.get("completed_on")?),
            })
        })?;
        agreement.items = items.collect::<Result<_, _>>()?;
        Ok(Some(agreement))
    }
}

impl Tx<'_> {
    /// Record a letter on its case and log it as a disclosure to its
    /// recipient (DPA 2018 s.62(3)), both in this transaction.
    pub fn record_letter(&mut self, letter: &NewLetter<'_>) -> StoreResult<i64> {
        if letter.recipient.trim().is_empty() {
            return Err(StoreError::Invalid("a letter needs a recipient".into()));
        }
        let id = self.insert(
            "letter",
            Some(letter.case_id),
            vec![
                ("case_id", int(letter.case_id)),
                ("template", text(letter.template)),
                ("recipient", text(letter.recipient.trim())),
                ("format", text(letter.format)),
                ("path", text(letter.path)),
                ("written_on", date(letter.written_on)),
                ("written_by", text(letter.written_by)),
            ],
        )?;
        let mut entry = AuditEntry::new(AuditOp::Disclose, "letter", id).case(letter.case_id);
        entry.after = Some(serde_json::json!({
            "template": letter.template,
            "format": letter.format,
            "path": letter.path,
        }));
        entry.recipient = Some(letter.recipient.trim().to_string());
        entry.justification = Some(match letter.overridden {
            Some(reason) => format!("{}; written although {reason}", letter_justification(letter.template)),
            None => letter_justification(letter.template),
        });
        self.audit(&entry)?;
        Ok(id)
    }
}
