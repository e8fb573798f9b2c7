//! What undo and redo will reverse, in the words of the screens: built from
//! the logged rows of one change (their table, what they held before and
//! after, and the case they belong to), never the table names themselves.
//! The one place a change is described for undo, redo and their prompts.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value as Json;

use crate::domain::caps::ConditionKind;
use crate::domain::case_status::CaseStatus;
use crate::domain::checklist::{self, Answer};
use crate::domain::types::{ComplianceEventType, Service};

/// One logged row of a change, as undo reads it back.
pub(super) struct LoggedRow {
    pub(super) op: String,
    pub(super) entity: &'static str,
    pub(super) entity_id: i64,
    /// The id as logged: rules and bank holidays are keyed by text, every
    /// other table by number.
    pub(super) key: String,
    pub(super) case_id: Option<i64>,
    pub(super) before: Option<Json>,
    pub(super) after: Option<Json>,
}

/// The change made by `rows` (one transaction), in a phrase such as
/// "variation of unpaid work for OOCD-2026-0107, new due date 18 Dec 2026".
pub(super) fn describe(conn: &Connection, rows: &[LoggedRow]) -> String {
    // A variation or completion logs its event and then the condition it
    // moved: the condition says what happened, so it leads.
    let Some(head) = rows.iter().find(|r| r.entity == "condition" && r.op == "alter").or_else(|| rows.first()) else {
        return "nothing".into();
    };
    let phrase = phrase(conn, head);
    let alike = rows.iter().filter(|r| r.entity == head.entity && r.op == head.op).count();
    match alike {
        0 | 1 => phrase,
        n => format!("{phrase}, and {} more like it", n - 1),
    }
}

fn phrase(conn: &Connection, row: &LoggedRow) -> String {
    let case = case_words(conn, row.case_id);
    let values = Values { row };
    match row.entity {
        "condition" => condition_phrase(conn, row, &values, &case),
        "compliance_event" => event_phrase(conn, &values, &case),
        "case_file" => case_phrase(conn, row, &values, &case),
        "checklist_answer" => answer_phrase(conn, row, &values, &case),
        "checklist_version" => format!("starting a new checklist assessment{case}"),
        "rule" => format!("{} the rule {}", verb(&row.op), crate::domain::rule_book::name(&row.key)),
        "bank_holiday" => format!("{} the bank holiday {}", verb(&row.op), day_words(&row.key)),
        "bank_holiday_removed" => match row.op.as_str() {
            "collect" => format!("taking {} off the bank holidays", day_words(&row.key)),
            _ => format!("putting {} back among the bank holidays", day_words(&row.key)),
        },
        other => format!("{} {}{case}", verb(&row.op), noun(other)),
    }
}

/// The values a row held, the newer first: what it was set to, else what it had.
struct Values<'a> {
    row: &'a LoggedRow,
}

impl Values<'_> {
    fn text(&self, column: &str) -> Option<String> {
        [&self.row.after, &self.row.before]
            .into_iter()
            .flatten()
            .find_map(|v| v.get(column).and_then(Json::as_str).map(str::to_string))
    }

    fn changed(&self, column: &str) -> Option<String> {
        self.row.after.as_ref()?.get(column)?.as_str().map(str::to_string)
    }

    fn number(&self, column: &str) -> Option<i64> {
        [&self.row.after, &self.row.before].into_iter().flatten().find_map(|v| v.get(column).and_then(Json::as_i64))
    }
}

fn condition_phrase(conn: &Connection, row: &LoggedRow, values: &Values<'_>, case: &str) -> String {
    let kind = condition_kind(conn, row.entity_id, values.text("kind"));
    match row.op.as_str() {
        "collect" => format!("adding {kind}{case}"),
        "erase" => format!("removing {kind}{case}"),
        _ => {
            if let Some(due) = values.changed("due_on") {
                format!("variation of {kind}{case}, new due date {}", day_words(&due))
            } else if let Some(status) = values.changed("status") {
                let status = crate::domain::types::ConditionStatus::parse(&status).map_or(status, |s| s.label().into());
                format!("{kind}{case} marked {}", status.to_lowercase())
            } else {
                format!("changes to {kind}{case}")
            }
        }
    }
}

fn event_phrase(conn: &Connection, values: &Values<'_>, case: &str) -> String {
    let kind = condition_kind(conn, values.number("condition_id").unwrap_or(0), None);
    let event = values.text("type").and_then(|t| ComplianceEventType::parse(&t));
    match event {
        Some(ComplianceEventType::Completed) => format!("completion of {kind}{case}"),
        Some(e) => format!("“{}” on {kind}{case}", e.label().to_lowercase()),
        None => format!("a record on {kind}{case}"),
    }
}

fn case_phrase(conn: &Connection, row: &LoggedRow, values: &Values<'_>, case: &str) -> String {
    match row.op.as_str() {
        "collect" => format!("logging the referral{case}"),
        "erase" => format!("removing the case{case}"),
        _ => match values.changed("status") {
            Some(status) => {
                let service = case_service(conn, row.entity_id);
                let label = service
                    .and_then(|s| CaseStatus::parse(s, &status))
                    .map_or_else(|| status.replace('_', " "), |s| s.label().to_lowercase());
                format!("moving the case{case} to {label}")
            }
            None => match values.changed("victim_rj_info_given_on") {
                Some(on) => format!("the RJ information given{case} on {}", day_words(&on)),
                None => format!("changes to the case{case}"),
            },
        },
    }
}

fn answer_phrase(conn: &Connection, row: &LoggedRow, values: &Values<'_>, case: &str) -> String {
    // A changed answer logs only what changed: the item is read from the row.
    let code = values.text("item_code").or_else(|| {
        conn.query_row("SELECT item_code FROM checklist_answer WHERE id = ?1", params![row.entity_id], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    });
    let item = code.and_then(|c| checklist::item(&c)).map_or("a checklist item", |i| i.label);
    match values.changed("answer").and_then(|a| Answer::parse(&a)) {
        Some(answer) => format!("answering “{item}” {}{case}", answer.label().to_lowercase()),
        None => format!("the checklist answer “{item}”{case}"),
    }
}

fn verb(op: &str) -> &'static str {
    match op {
        "collect" => "adding",
        "erase" => "removing",
        _ => "changes to",
    }
}

/// What a person calls the record a table holds.
fn noun(entity: &str) -> &'static str {
    match entity {
        "oocd_disposal" => "the disposal",
        "person" => "a person's details",
        "case_party" => "a party to the case",
        "risk_assessment" => "the risk assessment",
        "decision" => "the decision",
        "provider_referral" => "a referral to a provider",
        "breach" => "a breach",
        "rj_process" => "the arranged process",
        "process_facilitator" => "a facilitator of a meeting",
        "outcome_agreement" => "the outcome agreement",
        "agreement_item" => "an agreement item",
        "feedback" => "feedback",
        "contact_log" => "a contact",
        "enquiry" => "an enquiry",
        "meeting" => "a meeting",
        "meeting_attendee" => "a meeting's attendee",
        "meeting_action" => "a meeting's action",
        "letter" => "a letter",
        "retention" => "the retention review",
        "provider" => "a provider",
        "coordinator" => "a coordinator",
        "desk_user" => "your name and role",
        "case_document" => "a document",
        "desk_setting" => "a setting of the desk",
        _ => "a record",
    }
}

/// " for OOCD-2026-0107", or nothing when the change is not a case's.
fn case_words(conn: &Connection, case_id: Option<i64>) -> String {
    let Some(id) = case_id else { return String::new() };
    let reference: Option<String> =
        conn.query_row("SELECT ref FROM case_file WHERE id = ?1", params![id], |r| r.get(0)).optional().ok().flatten();
    reference.map_or_else(String::new, |r| format!(" for {r}"))
}

fn case_service(conn: &Connection, case_id: i64) -> Option<Service> {
    conn.query_row("SELECT service FROM case_file WHERE id = ?1", params![case_id], |r| r.get::<_, String>(0))
        .optional()
        .ok()
        .flatten()
        .and_then(|s| Service::parse(&s))
}

/// "unpaid work", from the row's kind or, for a row that logged only what
/// it changed, the condition as it stands.
fn condition_kind(conn: &Connection, condition_id: i64, logged: Option<String>) -> String {
    let kind = logged.or_else(|| {
        conn.query_row("SELECT kind FROM condition WHERE id = ?1", params![condition_id], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    });
    kind.and_then(|k| ConditionKind::parse(&k)).map_or_else(|| "a condition".into(), |k| k.label().to_lowercase())
}

fn day_words(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| text.to_string(), crate::domain::dates::day)
}
