//! What was done on the desk's day, for the manager's summary (issue 15 §2):
//! disposals finalised, meetings held, agreements signed, agreed actions done, letters sent,
//! follow-ups done. Each is found from the day's audit rows (the desk-day
//! index holds only that day's work) and kept only if the record still
//! says it happened that day, so a change undone is not counted.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::reads::day_text;
use super::{Store, StoreResult};
use crate::domain::status::HoOutcome;
use crate::domain::types::{AgreementItemKind, ProcessKind};
use crate::text_enum;

text_enum! {
    /// The kinds of thing done that the summary lists.
    pub enum Activity {
        DisposalFinalised => ("disposal_finalised", "Disposal finalised"),
        MeetingHeld => ("meeting_held", "Meeting held"),
        AgreementSigned => ("agreement_signed", "Outcome agreement signed"),
        ActionDone => ("agreed_action_done", "Agreed action done"),
        LetterSent => ("letter_sent", "Letter sent"),
        FollowUpDone => ("follow_up_done", "Follow-up done"),
    }
}

/// One thing done: on which case, what, and a detail in words (the kind of
/// meeting or action; for a letter, its template, worded by the export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityLine {
    pub reference: String,
    #[serde(serialize_with = "as_label")]
    pub activity: Activity,
    pub detail: String,
}

/// Each activity: the table its audit rows name, and the query of the
/// rows among them that record it on the day (?1), as (reference, detail).
const ACTIVITIES: &[(Activity, &str)] = &[
    (
        Activity::DisposalFinalised,
        "SELECT DISTINCT c.ref, d.ho_outcome_code FROM audit_log a
           JOIN oocd_disposal d ON d.id = CAST(a.entity_id AS INTEGER) JOIN case_file c ON c.id = d.case_id
          WHERE a.desk_day = ?1 AND a.entity = 'oocd_disposal' AND d.finalised_on = ?1",
    ),
    (
        Activity::MeetingHeld,
        "SELECT DISTINCT c.ref, p.kind FROM audit_log a
           JOIN rj_process p ON p.id = CAST(a.entity_id AS INTEGER) JOIN case_file c ON c.id = p.case_id
          WHERE a.desk_day = ?1 AND a.entity = 'rj_process' AND p.held_on = ?1 AND p.status = 'held'",
    ),
    (
        Activity::AgreementSigned,
        "SELECT DISTINCT c.ref, '' FROM audit_log a
           JOIN outcome_agreement o ON o.id = CAST(a.entity_id AS INTEGER)
           JOIN rj_process p ON p.id = o.process_id JOIN case_file c ON c.id = p.case_id
          WHERE a.desk_day = ?1 AND a.entity = 'outcome_agreement' AND o.agreed_on = ?1",
    ),
    (
        Activity::ActionDone,
        "SELECT DISTINCT c.ref, i.kind FROM audit_log a
           JOIN agreement_item i ON i.id = CAST(a.entity_id AS INTEGER)
           JOIN outcome_agreement o ON o.id = i.agreement_id JOIN rj_process p ON p.id = o.process_id
           JOIN case_file c ON c.id = p.case_id
          WHERE a.desk_day = ?1 AND a.entity = 'agreement_item' AND i.status = 'done' AND i.completed_on = ?1",
    ),
    (
        Activity::LetterSent,
        "SELECT c.ref, l.template FROM audit_log a
           JOIN letter l ON l.id = CAST(a.entity_id AS INTEGER) JOIN case_file c ON c.id = l.case_id
          WHERE a.desk_day = ?1 AND a.entity = 'letter' AND a.op = 'disclose' AND l.written_on = ?1",
    ),
    (
        Activity::FollowUpDone,
        "SELECT DISTINCT c.ref, '' FROM audit_log a
           JOIN contact_log k ON k.id = CAST(a.entity_id AS INTEGER) JOIN case_file c ON c.id = k.case_id
          WHERE a.desk_day = ?1 AND a.entity = 'contact_log' AND a.op = 'alter' AND k.follow_up_done = 1",
    ),
];

impl Store {
    /// What was done on `date`, activity by activity, each by reference.
    pub fn done_on(&self, date: NaiveDate) -> StoreResult<Vec<ActivityLine>> {
        let mut out = Vec::new();
        for (activity, sql) in ACTIVITIES {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows =
                stmt.query_map(params![day_text(date)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut lines: Vec<ActivityLine> = rows
                .map(|row| row.map(|(reference, code)| line(*activity, reference, &code)))
                .collect::<Result<_, _>>()?;
            lines.sort_by(|a, b| a.reference.cmp(&b.reference));
            out.extend(lines);
        }
        Ok(out)
    }
}

/// The detail in words: a meeting's or an action's kind by its label; a
/// letter's template name as stored (the export words it by its title).
fn line(activity: Activity, reference: String, code: &str) -> ActivityLine {
    let detail = match activity {
        Activity::DisposalFinalised => HoOutcome::parse(code).map_or(code, |o| o.label()).to_string(),
        Activity::MeetingHeld => ProcessKind::parse(code).map_or(code, |k| k.label()).to_string(),
        Activity::ActionDone => AgreementItemKind::parse(code).map_or(code, |k| k.label()).to_string(),
        _ => code.to_string(),
    };
    ActivityLine { reference, activity, detail }
}

/// A stored value written out as its label: what people read, in the JSON
/// too (issue 15 §2: no internal code reaches any output).
pub(crate) fn as_label<T: std::fmt::Display, S: serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}
