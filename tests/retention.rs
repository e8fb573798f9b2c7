//! Retention reviews (DPA 2018 s.39): keeping moves the review on and is
//! logged; erasing removes every name, contact detail and free text of a
//! closed case whose review is due, keeps the counts reports are built from,
//! is audited, cannot be undone, and is refused for an open case or a review
//! not yet due.
//!
//! The fixtures and helpers stay in this file; the tests are in
//! `retention/`, one file a subject.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use casedesk::demo::{generate, DemoOptions};
use casedesk::export::report;
use casedesk::store::{OpenMode, Store};
use chrono::NaiveDate;
use common::today;
use rusqlite::{params, Connection};
use tempfile::TempDir;

#[path = "retention/erasure.rs"]
mod erasure;
#[path = "retention/keeping.rs"]
mod keeping;
#[path = "retention/screen.rs"]
mod screen;

/// Every table holding a case's rows: how to find them (`?1` = case id),
/// which columns are personal data or free text (must not survive an
/// erasure), and which are structured facts (kept for reports). A column in
/// neither list fails the test: a new column must be classified.
struct CaseTable {
    table: &'static str,
    ids: &'static str,
    free: &'static [&'static str],
    kept: &'static [&'static str],
}

#[rustfmt::skip]
const TABLES: &[CaseTable] = &[
    CaseTable {
        table: "case_file",
        ids: "SELECT id FROM case_file WHERE id = ?1",
        free: &["referrer_name", "referrer_contact", "crime_ref", "offence_desc", "harm_summary", "notes", "withdrawal_note"],
        kept: &[
            "id", "ref", "service", "source", "status", "paused_from", "status_changed_on", "received_on", "reported_on",
            "offence_date", "offence_mode", "cjs_stage", "flag_domestic_abuse", "flag_intimate_partner",
            "flag_hate_crime", "flag_sexual", "flag_knife", "flag_youth", "coordinator_id", "linked_case_id",
            "transferred_on", "victim_rj_info_due", "victim_rj_info_given_on", "closed_on", "closure_outcome",
            "created_at", "updated_at", "sense_checked_on", "closed_from", "withdrawn_by", "withdrawal_reason",
            "progress_on",
        ],
    },
    CaseTable {
        table: "oocd_disposal",
        ids: "SELECT id FROM oocd_disposal WHERE case_id = ?1",
        free: &[
            "decision_rationale", "signed_document_ref", "victim_views", "authorised_by", "cps_decision_ref",
            "oic_name", "oic_contact", "proceed_reason", "time_limit_reason",
        ],
        kept: &[
            "id", "case_id", "regime", "disposal_type", "gravity_score", "gravity_matrix", "admission_recorded_on",
            "consent_recorded_on", "victim_views_sought_on", "victim_preferred_remedy_id", "issued_on",
            "completion_due", "completion_due_rule", "extended_exceptionally", "ho_outcome_code", "authorising_rank",
            "yot_referred_on", "finalised_on", "police_record_updated_on", "case_live", "conditions_held",
            "conditions_open",
        ],
    },
    CaseTable {
        table: "person",
        ids: "SELECT person_id FROM case_party WHERE case_id = ?1",
        free: &["family_name", "given_names", "dob", "phone", "email", "address", "interpreter_language"],
        kept: &["id", "age_band", "contact_pref", "needs_appropriate_adult", "enhanced_rights", "created_at", "updated_at"],
    },
    CaseTable {
        table: "case_party",
        ids: "SELECT id FROM case_party WHERE case_id = ?1",
        free: &[],
        kept: &["id", "case_id", "person_id", "role", "data_subject_category"],
    },
    CaseTable {
        table: "checklist_answer",
        ids: "SELECT id FROM checklist_answer WHERE case_id = ?1",
        free: &["note"],
        kept: &["id", "case_id", "item_code", "answer", "severity", "nature", "checked_by", "checked_on"],
    },
    CaseTable {
        table: "risk_assessment",
        ids: "SELECT id FROM risk_assessment WHERE case_id = ?1",
        free: &["mitigations"],
        kept: &[
            "id", "case_id", "version", "assessed_on", "assessor", "overall", "supervisor_signoff_by",
            "supervisor_signoff_on", "next_review_on",
        ],
    },
    CaseTable {
        table: "decision",
        ids: "SELECT id FROM decision WHERE case_id = ?1",
        free: &["rationale"],
        kept: &[
            "id", "case_id", "decided_on", "decision", "risk_level", "decided_by", "manager_signoff_by",
            "manager_signoff_on",
        ],
    },
    CaseTable {
        table: "condition",
        ids: "SELECT id FROM condition WHERE case_id = ?1",
        free: &["description", "evidence", "payee", "end_reason"],
        kept: &[
            "id", "case_id", "seq", "kind", "object", "is_statutory_condition", "provider_id",
            "community_remedy_option_id", "hours_required", "hours_completed", "amount_pence", "amount_paid_pence",
            "restriction_until", "due_on", "due_rule", "status", "completed_on", "breach_open", "case_live",
        ],
    },
    CaseTable {
        table: "provider_referral",
        ids: "SELECT r.id FROM provider_referral r JOIN condition c ON c.id = r.condition_id WHERE c.case_id = ?1",
        free: &["notes"],
        kept: &[
            "id", "condition_id", "sent_on", "ack_due", "acknowledged_on", "booked_for", "attended",
            "report_received_on", "method", "returned", "returned_on",
        ],
    },
    CaseTable {
        table: "compliance_event",
        ids: "SELECT e.id FROM compliance_event e JOIN condition c ON c.id = e.condition_id WHERE c.case_id = ?1",
        free: &["note"],
        kept: &["id", "condition_id", "occurred_on", "type", "amount_pence", "hours", "nature"],
    },
    CaseTable {
        table: "breach",
        ids: "SELECT id FROM breach WHERE case_id = ?1",
        free: &["description", "excuse_assessment", "referred_to"],
        kept: &[
            "id", "case_id", "condition_id", "identified_on", "reasonable_excuse_claimed", "referred_on",
            "decision", "decision_on", "new_due_on", "status",
        ],
    },
    CaseTable {
        table: "rj_process",
        ids: "SELECT id FROM rj_process WHERE case_id = ?1",
        free: &["venue", "refreshments", "facilitators", "participants", "supporters_present", "cancellation_reason"],
        kept: &[
            "id", "case_id", "kind", "scheduled_for", "room_booked", "held_on", "status", "agreement_awaited",
            "duration_minutes", "room_id",
        ],
    },
    CaseTable {
        table: "outcome_agreement",
        ids: "SELECT a.id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id WHERE p.case_id = ?1",
        free: &[],
        kept: &[
            "id", "process_id", "agreed_on", "signed_by_harmed", "signed_by_responsible", "copies_given",
            "review_on", "linked_condition_id", "status", "harmed_party_informed_of_result_on", "case_open",
            "items_settled_on",
        ],
    },
    CaseTable {
        table: "agreement_item",
        ids: "SELECT i.id FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
              JOIN rj_process p ON p.id = a.process_id WHERE p.case_id = ?1",
        free: &["description", "owner", "evidence", "monitoring_method", "end_reason"],
        kept: &[
            "id", "agreement_id", "seq", "responsible_person_id", "kind", "amount_pence", "amount_paid_pence",
            "due_on", "status", "completed_on", "case_live",
        ],
    },
    CaseTable {
        table: "feedback",
        ids: "SELECT id FROM feedback WHERE case_id = ?1",
        free: &["comments"],
        kept: &["id", "case_id", "person_role", "collected_on", "satisfied", "would_recommend", "felt_safe", "person_id"],
    },
    CaseTable {
        table: "contact_log",
        ids: "SELECT id FROM contact_log WHERE case_id = ?1",
        free: &["summary", "outcome", "spoke_with", "follow_up_outcome"],
        kept: &[
            "id", "case_id", "person_id", "occurred_on", "channel", "direction", "follow_up_on", "follow_up_done",
            "case_live", "spoke_with_kind",
        ],
    },
    CaseTable {
        table: "meeting_action",
        ids: "SELECT id FROM meeting_action WHERE case_id = ?1",
        free: &["what"],
        kept: &["id", "meeting_id", "owner_kind", "owner_id", "owner", "due_on", "done_on", "case_id"],
    },
    CaseTable {
        table: "letter",
        ids: "SELECT id FROM letter WHERE case_id = ?1",
        free: &["recipient", "path"],
        kept: &["id", "case_id", "template", "format", "written_on", "written_by"],
    },
    CaseTable {
        table: "retention",
        ids: "SELECT id FROM retention WHERE case_id = ?1",
        free: &[],
        kept: &["id", "case_id", "closed_on", "review_due", "decision", "decided_on", "decided_by", "rationale"],
    },
];

/// What an erased free-text column may still hold.
const BLANKS: &[&str] = &["", "erased", "Erased"];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A demo database in a file, so the test can read it with plain SQL.
fn demo_file(cases: u32) -> (TempDir, PathBuf, Store) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    store.set_user("reviewer");
    generate(&mut store, &DemoOptions { cases, seed: 11, today: today() }).unwrap();
    (dir, path, store)
}

fn sql(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

/// Closed cases whose review is due today, of the given service prefix.
fn due_cases(conn: &Connection, service_like: &str) -> Vec<i64> {
    let mut stmt = conn
        .prepare(
            "SELECT c.id FROM retention t JOIN case_file c ON c.id = t.case_id
             WHERE t.decision IS NULL AND t.review_due <= ?1 AND c.status = 'closed' AND c.service LIKE ?2
             ORDER BY c.id",
        )
        .unwrap();
    stmt.query_map(params![today().to_string(), service_like], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn ids(conn: &Connection, spec: &CaseTable, case_id: i64) -> Vec<i64> {
    let mut stmt = conn.prepare(spec.ids).unwrap();
    stmt.query_map(params![case_id], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let stmt = conn.prepare(&format!("SELECT * FROM {table} LIMIT 0")).unwrap();
    stmt.column_names().iter().map(|s| s.to_string()).collect()
}

fn text_of(conn: &Connection, table: &str, column: &str, id: i64) -> Option<String> {
    conn.query_row(&format!("SELECT CAST({column} AS TEXT) FROM {table} WHERE id = ?1"), params![id], |r| r.get(0))
        .unwrap()
}

/// Give every empty free-text column of the case a value, so the erasure
/// has something to remove everywhere; add a letter and feedback, which the
/// demo does not write.
fn fill_every_free_column(conn: &Connection, case_id: i64) {
    conn.execute_batch(
        "INSERT INTO meeting (held_at, title, created_on, updated_on)
         VALUES ('2020-01-02T10:00', 'Case panel', '2020-01-02', '2020-01-02')",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO meeting_action (meeting_id, what, owner_kind, owner, due_on, case_id)
         VALUES (last_insert_rowid(), 'Tell Quentin the panel''s view', 'typed', 'x', '2020-01-09', ?1)",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO letter (case_id, template, recipient, format, path, written_on, written_by)
         VALUES (?1, 'acknowledgement', 'Mx Quentin Letterperson', 'md', '/home/desk/letters/Letterperson.md', '2020-01-02', 'x')",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO feedback (case_id, person_role, collected_on, satisfied, comments)
         VALUES (?1, 'harmed', '2020-01-03', 4, 'Quentin felt heard')",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO breach (case_id, identified_on, description) VALUES (?1, '2020-01-04', 'Quentin missed it')",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO risk_assessment (case_id, version, assessed_on, assessor, overall, mitigations)
         VALUES (?1, 99, '2020-01-05', 'x', 'low', 'Quentin meets at the library')",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO checklist_answer (case_id, item_code, answer, note, checked_by, checked_on)
         VALUES (?1, 'zz_fixture', 'yes', 'Quentin agreed on the phone', 'x', '2020-01-05')",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO decision (case_id, decided_on, decision, risk_level, rationale, decided_by)
         VALUES (?1, '2020-01-05', 'suitable', 'low', 'Quentin is motivated', 'x')",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO provider_referral (condition_id, sent_on, ack_due, notes)
         SELECT id, '2020-01-06', '2020-01-10', 'Quentin prefers mornings' FROM condition WHERE case_id = ?1 LIMIT 1",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO outcome_agreement (process_id, agreed_on, status)
         SELECT id, '2020-01-07', 'completed' FROM rj_process WHERE case_id = ?1 LIMIT 1",
        params![case_id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO agreement_item (agreement_id, seq, description, owner, kind, due_on, status)
         SELECT a.id, 1, 'Quentin repaints the fence', 'Quentin', 'repair_work', '2020-02-01', 'done'
         FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id WHERE p.case_id = ?1 LIMIT 1",
        params![case_id],
    )
    .unwrap();
    for spec in TABLES {
        for id in ids(conn, spec, case_id) {
            for column in spec.free {
                let sql = format!(
                    "UPDATE {} SET {column} = 'Zqxmarker {}.{column} {id}' WHERE id = ?1 AND coalesce({column}, '') = ''",
                    spec.table, spec.table
                );
                conn.execute(&sql, params![id]).unwrap();
            }
        }
    }
}

/// Every value of the case's free-text columns: what must not survive.
fn free_values(conn: &Connection, case_id: i64) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for spec in TABLES {
        for id in ids(conn, spec, case_id) {
            for column in spec.free {
                if let Some(v) = text_of(conn, spec.table, column, id) {
                    out.insert(v);
                }
            }
        }
    }
    out
}

/// Every text value of every column of the case's rows.
fn all_values(conn: &Connection, case_id: i64) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for spec in TABLES {
        for id in ids(conn, spec, case_id) {
            for column in columns(conn, spec.table) {
                if let Some(v) = text_of(conn, spec.table, &column, id) {
                    out.push((format!("{}.{column} {id}", spec.table), v));
                }
            }
        }
    }
    out
}

fn count(conn: &Connection, sql: &str, case_id: i64) -> i64 {
    conn.query_row(sql, params![case_id], |r| r.get(0)).unwrap()
}

fn audit_rows(conn: &Connection) -> i64 {
    conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

fn period_report(store: &Store) -> String {
    let calendar = store.calendar().unwrap();
    let report = report::gather(store, d(2018, 1, 1), today(), &calendar).unwrap();
    serde_json::to_string(&report).unwrap()
}

// ================================================================ classification

#[test]
fn every_column_of_a_cases_rows_is_classified_as_free_text_or_kept() {
    let (_dir, path, _store) = demo_file(3);
    let conn = sql(&path);
    for spec in TABLES {
        let listed: BTreeSet<&str> = spec.free.iter().chain(spec.kept).copied().collect();
        for column in columns(&conn, spec.table) {
            assert!(
                listed.contains(column.as_str()),
                "{}.{column} is new: decide whether a retention erasure must blank it",
                spec.table
            );
        }
    }
}
