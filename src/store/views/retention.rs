//! Retention reviews (DPA 2018 s.39, storage limitation; DOMAIN.md §10.3):
//! a closed case is reviewed when its `retention` row falls due, and the
//! review either keeps the record until a next review or erases its
//! personal data and free text.
//!
//! Keeping: the table holds one row per case (UNIQUE case_id), so a keep is
//! written as two audited updates of that row in one transaction. The first
//! records the decision (`retain`, when, why); the audit log keeps it. The
//! second books the next review (`review_due` moves on, `decision` is
//! cleared so Today lists it again when due) and leaves `decided_on`,
//! `decided_by` and `rationale` on the row as the last review's record.
//!
//! Erasing: every free-text and contact column of the case and of its people
//! is blanked through `Tx::update` (so each change is audited), while the
//! structured facts reports count (service, source, dates, statuses, kinds,
//! outcomes) stay. The retention row records `dispose`, and one `erase`
//! audit row names the case with the review's reason as justification.
//!
//! A tension we accept, on purpose: the audit log is append-only and each
//! update's row keeps the value *before* the change, so the log itself still
//! holds the erased data (DPA 2018 s.62 requires the log; the issue accepts
//! that it is never rewritten). For the same reason an erasure must never be
//! undone: undo would rebuild the personal data from those before-values.
//! The erase audit row's entity, `personal_data`, is not a table undo knows,
//! so undo refuses the erasure transaction (and so everything logged before
//! it) instead of reversing it.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::domain::rules::Rules;
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::reads::parse_day;
use crate::store::writes::{date, text, Cols};
use crate::store::{Store, StoreError, StoreResult, Tx};

/// The audit entity of an erasure; deliberately not a table, see above.
pub const ERASURE_ENTITY: &str = "personal_data";

/// What stands in for an erased name.
pub const ERASED_NAME: &str = "Erased";

/// What stands in for erased free text in a column that may not be empty.
pub const ERASED_TEXT: &str = "erased";

/// The longest reason a review may record.
pub const MAX_REASON_CHARS: usize = 2000;

/// A case's retention row as the review prompt needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionRow {
    pub id: i64,
    pub case_id: i64,
    pub closed_on: NaiveDate,
    pub review_due: NaiveDate,
    /// `retain`, `dispose`, or None while a review is pending.
    pub decision: Option<String>,
}

impl RetentionRow {
    pub fn is_erased(&self) -> bool {
        self.decision.as_deref() == Some("dispose")
    }

    /// Whether a review may erase the case on `on`.
    pub fn is_due(&self, on: NaiveDate) -> bool {
        self.decision.is_none() && self.review_due <= on
    }
}

/// The default next review after keeping: `on` plus the rule's years
/// (MoPI 2006: reviewed at least every six years). Months clamp at a month's
/// end, so 29 February moves to 28 February, never earlier in the year.
pub fn default_next_review(rules: &Rules, on: NaiveDate) -> NaiveDate {
    let years = rules.days_or("RETENTION_REVIEW_YEARS", 6);
    on.checked_add_months(chrono::Months::new(12 * years)).unwrap_or(on)
}

/// How an erased column is blanked.
#[derive(Debug, Clone, Copy)]
enum Blank {
    Null,
    Word(&'static str),
}

/// One table's rows of a case and which of their columns hold personal data
/// or free text. `ids` selects the row ids with `?1` = the case id.
struct ErasedTable {
    table: &'static str,
    ids: &'static str,
    columns: &'static [(&'static str, Blank)],
}

use Blank::{Null, Word};

/// Everything an erasure blanks. People are handled apart (see
/// `people_to_erase`) because one person may be party to several cases.
const ERASED_TABLES: &[ErasedTable] = &[
    ErasedTable {
        table: "case_file",
        ids: "SELECT id FROM case_file WHERE id = ?1",
        columns: &[
            ("referrer_name", Null),
            ("referrer_contact", Null),
            ("crime_ref", Null),
            ("offence_desc", Null),
            ("harm_summary", Null),
            ("notes", Null),
            ("withdrawal_note", Null),
        ],
    },
    ErasedTable {
        table: "oocd_disposal",
        ids: "SELECT id FROM oocd_disposal WHERE case_id = ?1",
        columns: &[
            ("decision_rationale", Null),
            ("signed_document_ref", Null),
            ("victim_views", Null),
            ("authorised_by", Null),
            ("cps_decision_ref", Null),
            ("oic_name", Null),
            ("oic_contact", Null),
            ("proceed_reason", Null),
            ("time_limit_reason", Null),
        ],
    },
    ErasedTable {
        table: "checklist_answer",
        ids: "SELECT id FROM checklist_answer WHERE case_id = ?1",
        columns: &[("note", Word(ERASED_TEXT))],
    },
    ErasedTable {
        table: "risk_assessment",
        ids: "SELECT id FROM risk_assessment WHERE case_id = ?1",
        columns: &[("mitigations", Null)],
    },
    ErasedTable {
        table: "decision",
        ids: "SELECT id FROM decision WHERE case_id = ?1",
        columns: &[("rationale", Word(ERASED_TEXT))],
    },
    ErasedTable {
        table: "condition",
        ids: "SELECT id FROM condition WHERE case_id = ?1",
        columns: &[("description", Word(ERASED_TEXT)), ("evidence", Null), ("payee", Null), ("end_reason", Null)],
    },
    ErasedTable {
        table: "provider_referral",
        ids: "SELECT r.id FROM provider_referral r JOIN condition c ON c.id = r.condition_id WHERE c.case_id = ?1",
        columns: &[("notes", Null)],
    },
    ErasedTable {
        table: "compliance_event",
        ids: "SELECT e.id FROM compliance_event e JOIN condition c ON c.id = e.condition_id WHERE c.case_id = ?1",
        columns: &[("note", Word(ERASED_TEXT))],
    },
    ErasedTable {
        table: "breach",
        ids: "SELECT id FROM breach WHERE case_id = ?1",
        columns: &[("description", Word(ERASED_TEXT)), ("excuse_assessment", Null), ("referred_to", Null)],
    },
    ErasedTable {
        table: "rj_process",
        ids: "SELECT id FROM rj_process WHERE case_id = ?1",
        columns: &[
            ("venue", Null),
            ("refreshments", Null),
            ("facilitators", Word(ERASED_TEXT)),
            ("participants", Word(ERASED_TEXT)),
            ("supporters_present", Null),
            ("cancellation_reason", Null),
        ],
    },
    ErasedTable {
        table: "agreement_item",
        ids: "SELECT i.id FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
              JOIN rj_process p ON p.id = a.process_id WHERE p.case_id = ?1",
        columns: &[
            ("description", Word(ERASED_TEXT)),
            ("owner", Null),
            ("evidence", Null),
            ("monitoring_method", Null),
            ("end_reason", Null),
        ],
    },
    ErasedTable {
        table: "feedback",
        ids: "SELECT id FROM feedback WHERE case_id = ?1",
        columns: &[("comments", Null)],
    },
    ErasedTable {
        table: "contact_log",
        ids: "SELECT id FROM contact_log WHERE case_id = ?1",
        columns: &[
            ("summary", Word(ERASED_TEXT)),
            ("outcome", Word(ERASED_TEXT)),
            ("spoke_with", Null),
            ("follow_up_outcome", Null),
        ],
    },
    ErasedTable {
        table: "enquiry",
        ids: "SELECT id FROM enquiry WHERE case_id = ?1",
        columns: &[("subject", Word(ERASED_TEXT)), ("asked_by", Word(ERASED_TEXT)), ("notes", Null)],
    },
    // An action a meeting agreed about a case says what is to be done for
    // whom: erased with the case. The meeting and its minutes concern the
    // service (a panel, a partnership meeting), name no case, and are kept.
    ErasedTable {
        table: "meeting_action",
        ids: "SELECT id FROM meeting_action WHERE case_id = ?1",
        columns: &[("what", Word(ERASED_TEXT))],
    },
    ErasedTable {
        table: "letter",
        ids: "SELECT id FROM letter WHERE case_id = ?1",
        columns: &[("recipient", Word(ERASED_TEXT)), ("path", Word(ERASED_TEXT))],
    },
];

/// A person's identifying columns; names must stay non-empty.
const PERSON_COLUMNS: &[(&str, Blank)] = &[
    ("family_name", Word(ERASED_NAME)),
    ("given_names", Word(ERASED_NAME)),
    ("dob", Null),
    ("phone", Null),
    ("email", Null),
    ("address", Null),
    ("interpreter_language", Null),
];

/// The people of a case who are party to no other case still holding
/// personal data: someone also in a live case keeps their details there.
const PEOPLE_TO_ERASE: &str = "SELECT DISTINCT p.person_id FROM case_party p WHERE p.case_id = ?1
    AND NOT EXISTS (SELECT 1 FROM case_party o
                    WHERE o.person_id = p.person_id AND o.case_id <> ?1
                      AND NOT EXISTS (SELECT 1 FROM retention t
                                      WHERE t.case_id = o.case_id AND t.decision = 'dispose'))
    ORDER BY p.person_id";

/// What an erasure changed, for the status line and the audit row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErasureReport {
    pub rows: usize,
    pub people: usize,
    /// People kept because another live case names them.
    pub people_kept: usize,
    /// Documents taken off the case (their files go once no case names them).
    pub documents: usize,
}

impl Store {
    /// The retention row of a case, if it has been closed.
    pub fn retention_row(&self, case_id: i64) -> StoreResult<Option<RetentionRow>> {
        read_retention_row(self.conn(), case_id)
    }
}

fn read_retention_row(conn: &rusqlite::Connection, case_id: i64) -> StoreResult<Option<RetentionRow>> {
    let row = conn
        .query_row(
            "SELECT id, case_id, closed_on, review_due, decision FROM retention WHERE case_id = ?1",
            params![case_id],
            |r| {
                Ok(RetentionRow {
                    id: r.get(0)?,
                    case_id: r.get(1)?,
                    closed_on: parse_day(&r.get::<_, String>(2)?),
                    review_due: parse_day(&r.get::<_, String>(3)?),
                    decision: r.get(4)?,
                })
            },
        )
        .optional()?;
    Ok(row)
}

fn checked_reason(reason: &str) -> StoreResult<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Invalid("a retention review needs a reason".into()));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(StoreError::Invalid(format!("the reason is too long (at most {MAX_REASON_CHARS} characters)")));
    }
    Ok(reason.to_string())
}

impl Tx<'_> {
    /// Keep a closed case after review, booking its next review.
    pub fn review_keep(
        &mut self,
        case_id: i64,
        reason: &str,
        next_review: NaiveDate,
        on: NaiveDate,
    ) -> StoreResult<()> {
        let reason = checked_reason(reason)?;
        let row = self.reviewable_row(case_id)?;
        if next_review <= on {
            return Err(StoreError::Invalid(format!("the next review ({next_review}) must be after {on}")));
        }
        self.update(
            "retention",
            row.id,
            Some(case_id),
            vec![("decision", text("retain")), ("decided_on", date(on)), ("rationale", text(reason))],
        )?;
        let user = self.writer()?;
        self.update(
            "retention",
            row.id,
            Some(case_id),
            vec![("decided_by", text(user)), ("review_due", date(next_review)), ("decision", Value::Null)],
        )
    }

    /// Erase the personal data and free text of a closed case whose review
    /// is due, keeping its structured facts for reports.
    pub fn review_erase(&mut self, case_id: i64, reason: &str, on: NaiveDate) -> StoreResult<ErasureReport> {
        let reason = checked_reason(reason)?;
        let row = self.reviewable_row(case_id)?;
        if !row.is_due(on) {
            return Err(StoreError::Invalid(format!(
                "the retention review is not due until {}; the case cannot be erased before then",
                row.review_due
            )));
        }
        let mut report = ErasureReport::default();
        for spec in ERASED_TABLES {
            for id in self.ids(spec.ids, case_id)? {
                report.rows += usize::from(self.blank_row(spec.table, id, case_id, spec.columns)?);
            }
        }
        let people = self.ids(PEOPLE_TO_ERASE, case_id)?;
        for person_id in &people {
            self.blank_row("person", *person_id, case_id, PERSON_COLUMNS)?;
        }
        report.people = people.len();
        report.documents = self.erase_case_documents(case_id, &reason)?;
        report.people_kept = self
            .ids("SELECT DISTINCT person_id FROM case_party WHERE case_id = ?1", case_id)?
            .len()
            .saturating_sub(report.people);
        self.update(
            "retention",
            row.id,
            Some(case_id),
            vec![("decision", text("dispose")), ("decided_on", date(on)), ("rationale", text(reason.clone()))],
        )?;
        let user = self.writer()?;
        self.update("retention", row.id, Some(case_id), vec![("decided_by", text(user))])?;
        let mut entry = AuditEntry::new(AuditOp::Erase, ERASURE_ENTITY, case_id).case(case_id).after(json!({
            "rows_blanked": report.rows,
            "people_erased": report.people,
            "people_kept_for_other_cases": report.people_kept,
            "documents_erased": report.documents,
        }));
        entry.justification = Some(reason);
        self.audit(&entry)?;
        Ok(report)
    }

    /// The case's retention row, refusing a case that is not closed, has no
    /// review booked, or was already erased.
    fn reviewable_row(&self, case_id: i64) -> StoreResult<RetentionRow> {
        let (_, status, _) = self.case_status(case_id)?;
        if status != "closed" {
            return Err(StoreError::Invalid(format!(
                "the case is {status}, not closed; only a closed case has a retention review"
            )));
        }
        let row = read_retention_row(self.conn(), case_id)?
            .ok_or_else(|| StoreError::Invalid("the case has no retention review booked".into()))?;
        if row.is_erased() {
            return Err(StoreError::Invalid("the case's personal data has already been erased".into()));
        }
        Ok(row)
    }

    fn ids(&self, sql: &'static str, case_id: i64) -> StoreResult<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let ids = stmt.query_map(params![case_id], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// Blank the columns of one row that still hold something; returns
    /// whether the row changed. The update is audited like any other.
    fn blank_row(
        &mut self,
        table: &'static str,
        id: i64,
        case_id: i64,
        columns: &[(&'static str, Blank)],
    ) -> StoreResult<bool> {
        let Some(row) = self.snapshot(table, id)? else { return Ok(false) };
        let mut cols: Cols = Vec::new();
        for (name, blank) in columns {
            let current = row.get(*name).and_then(|v| v.as_str()).unwrap_or("");
            let replacement = match blank {
                Null => Value::Null,
                Word(w) => text(*w),
            };
            let already = match blank {
                Null => current.is_empty(),
                Word(w) => current.is_empty() || current == *w,
            };
            if !already {
                cols.push((name, replacement));
            }
        }
        if cols.is_empty() {
            return Ok(false);
        }
        self.update(table, id, Some(case_id), cols)?;
        Ok(true)
    }

    /// Who is writing this transaction, read from the audit row just
    /// written (`Tx` keeps its user private to the writes module).
    fn writer(&self) -> StoreResult<String> {
        Ok(self.user().to_string())
    }
}
