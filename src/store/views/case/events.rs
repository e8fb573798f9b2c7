//! What a timeline entry holds: the kind of event, and the event itself as
//! typed facts read from its row. The words for each event are the
//! interface's (`tui::screens::case::timeline_text`), not the store's.

use chrono::NaiveDate;
use rusqlite::Row;
use serde::Serialize;

use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::case_status::CaseStatus;
use crate::domain::checklist::{Decision, RiskLevel};
use crate::domain::feedback::{FeedbackFrom, Reply};
use crate::domain::status::{BreachDecision, DisposalType};
use crate::domain::types::{
    AgreementItemKind, AgreementItemStatus, AgreementStatus, ComplianceEventType, ConditionStatus, ContactChannel,
    PartyRole, ProcessKind, ProcessStatus, Service, Source,
};
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;

use super::keyset::KeyValues;
use rusqlite::types::Value;

/// What kind of event a timeline entry is. The rank orders events of one day
/// (a higher rank is later in the day's story, so shown first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum EventKind {
    Received,
    StatusChange,
    Decision,
    Issued,
    ConditionSet,
    ConditionDue,
    ConditionCompleted,
    Compliance,
    Breach,
    BreachDecision,
    Process,
    Agreement,
    HarmedInformed,
    ItemDue,
    ItemDone,
    Contact,
    Closed,
    Retention,
    Document,
    Feedback,
}

impl EventKind {
    pub(super) const ALL: [EventKind; 20] = [
        EventKind::Received,
        EventKind::StatusChange,
        EventKind::Decision,
        EventKind::Issued,
        EventKind::ConditionSet,
        EventKind::ConditionDue,
        EventKind::ConditionCompleted,
        EventKind::Compliance,
        EventKind::Breach,
        EventKind::BreachDecision,
        EventKind::Process,
        EventKind::Agreement,
        EventKind::HarmedInformed,
        EventKind::ItemDue,
        EventKind::ItemDone,
        EventKind::Contact,
        EventKind::Closed,
        EventKind::Retention,
        EventKind::Document,
        EventKind::Feedback,
    ];

    pub fn rank(self) -> i64 {
        EventKind::ALL.iter().position(|k| *k == self).map_or(0, |i| i as i64 + 1)
    }

    pub(super) fn from_rank(rank: i64) -> Option<EventKind> {
        usize::try_from(rank - 1).ok().and_then(|i| EventKind::ALL.get(i)).copied()
    }

    /// The table the event's row id belongs to, as the change log names
    /// it (so an undo's records can be found on the timeline); none for a
    /// status change, whose id is the log's own.
    pub fn table(self) -> Option<&'static str> {
        Some(match self {
            EventKind::Received | EventKind::Closed => "case_file",
            EventKind::StatusChange => return None,
            EventKind::Decision => "decision",
            EventKind::Issued => "oocd_disposal",
            EventKind::ConditionSet | EventKind::ConditionDue | EventKind::ConditionCompleted => "condition",
            EventKind::Compliance => "compliance_event",
            EventKind::Breach | EventKind::BreachDecision => "breach",
            EventKind::Process => "rj_process",
            EventKind::Agreement | EventKind::HarmedInformed => "outcome_agreement",
            EventKind::ItemDue | EventKind::ItemDone => "agreement_item",
            EventKind::Contact => "contact_log",
            EventKind::Retention => "retention",
            EventKind::Document => "case_document",
            EventKind::Feedback => "feedback",
        })
    }

    /// The word in the timeline's second column.
    pub fn tag(self) -> &'static str {
        match self {
            EventKind::Received => "Received",
            EventKind::StatusChange => "Status",
            EventKind::Decision => "Decision",
            EventKind::Issued => "Issued",
            EventKind::ConditionSet => "Condition",
            EventKind::ConditionDue => "Due",
            EventKind::ConditionCompleted => "Completed",
            EventKind::Compliance => "Compliance",
            EventKind::Breach => "Breach",
            EventKind::BreachDecision => "Breach",
            EventKind::Process => "Process",
            EventKind::Agreement => "Agreement",
            EventKind::HarmedInformed => "Told harmed",
            EventKind::ItemDue => "Item due",
            EventKind::ItemDone => "Item done",
            EventKind::Contact => "Contact",
            EventKind::Closed => "Closed",
            EventKind::Retention => "Retention",
            EventKind::Document => "Document",
            EventKind::Feedback => "Feedback",
        }
    }
}

/// One event of a case, with the facts its row holds. Free text the user
/// typed stays text (show it through `inert`); a blank one reads as absent.
/// `seq` is the number of the condition or item within its case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TimelineEvent {
    Received {
        service: Service,
        source: Source,
        referrer: Option<String>,
    },
    StatusChange {
        from: Option<CaseStatus>,
        to: CaseStatus,
        by: Option<String>,
    },
    Decision {
        decision: Decision,
        risk: RiskLevel,
        rationale: String,
        signed_off_by: Option<String>,
    },
    Issued {
        disposal: DisposalType,
        complete_by: Option<NaiveDate>,
        extended: bool,
        authorised_by: Option<String>,
    },
    ConditionSet {
        seq: Option<i64>,
        kind: ConditionKind,
        description: String,
        provider: Option<String>,
        due_on: Option<NaiveDate>,
        object: Option<ConditionObject>,
        hours: Option<f64>,
        amount_pence: Option<i64>,
    },
    ConditionDue {
        seq: Option<i64>,
        kind: ConditionKind,
        description: String,
        provider: Option<String>,
        status: ConditionStatus,
        hours: Option<f64>,
        amount_pence: Option<i64>,
        /// Hours recorded as done and money paid so far (compliance events).
        hours_done: f64,
        paid_pence: i64,
    },
    ConditionCompleted {
        seq: Option<i64>,
        kind: ConditionKind,
        evidence: Option<String>,
    },
    Compliance {
        seq: Option<i64>,
        event: ComplianceEventType,
        note: Option<String>,
        hours: Option<f64>,
        amount_pence: Option<i64>,
    },
    Breach {
        seq: Option<i64>,
        description: String,
        referred_to: Option<String>,
        referred_on: Option<NaiveDate>,
        excuse_claimed: bool,
    },
    BreachDecision {
        seq: Option<i64>,
        decision: BreachDecision,
        new_due_on: Option<NaiveDate>,
        excuse_assessment: Option<String>,
    },
    Process {
        kind: ProcessKind,
        status: ProcessStatus,
        venue: Option<String>,
        /// The time of day as stored, "HH:MM".
        at: Option<String>,
        cancellation_reason: Option<String>,
        room_booked: Option<bool>,
    },
    /// `status` is the agreement's stored status ("partially_completed", ...).
    Agreement {
        status: AgreementStatus,
        review_on: Option<NaiveDate>,
        signed_by_harmed: bool,
        signed_by_responsible: bool,
    },
    HarmedInformed {
        agreement_status: AgreementStatus,
    },
    ItemDue {
        seq: Option<i64>,
        kind: AgreementItemKind,
        description: String,
        owner: Option<String>,
        status: AgreementItemStatus,
        amount_pence: Option<i64>,
    },
    /// An item ended: done, or (on its date) not done or waived.
    ItemDone {
        seq: Option<i64>,
        kind: AgreementItemKind,
        description: String,
        evidence: Option<String>,
        status: Option<AgreementItemStatus>,
    },
    Contact {
        channel: ContactChannel,
        incoming: bool,
        summary: String,
        outcome: Option<String>,
        follow_up_on: Option<NaiveDate>,
        follow_up_done: bool,
        /// Who was spoken to, as picked or typed (issue 14 §4).
        with: Option<String>,
        follow_up_outcome: Option<String>,
    },
    Closed {
        outcome: Option<String>,
    },
    /// `decision` is the stored "retain" or "dispose", absent while the review is due.
    Retention {
        decision: Option<String>,
        decided_on: Option<NaiveDate>,
        rationale: Option<String>,
    },
    /// A document kept on the case: its title, file name, size and who attached it.
    Document {
        title: String,
        file_name: String,
        size_bytes: i64,
        attached_by: Option<String>,
    },
    /// A participant's feedback after the process: satisfaction 1 to 5,
    /// would recommend and felt safe (no value: unsure), what they said.
    Feedback {
        from: Option<FeedbackFrom>,
        /// The party who gave it, when one of the case's people did, and
        /// their part on the case.
        person: Option<(String, PartyRole)>,
        satisfied: Option<u8>,
        would_recommend: Reply,
        felt_safe: Reply,
        comments: Option<String>,
    },
}

impl TimelineEvent {
    /// Something still to be done by the entry's date: an open condition or
    /// item, a retention review not yet decided.
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            TimelineEvent::ConditionDue { .. }
                | TimelineEvent::ItemDue { .. }
                | TimelineEvent::Retention { decision: None, .. }
        )
    }
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub kind: EventKind,
    /// The id of the row the event comes from (its table depends on the kind).
    pub id: i64,
    pub event: TimelineEvent,
    /// Something still to be done by `date`: late when `date` has passed.
    pub pending: bool,
}

/// A place in a timeline: (date, rank, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineKey(pub String, pub i64, pub i64);

impl KeyValues for TimelineKey {
    fn values(&self) -> Vec<Value> {
        vec![Value::Text(self.0.clone()), Value::Integer(self.1), Value::Integer(self.2)]
    }
}

impl TimelineEntry {
    pub fn key(&self) -> TimelineKey {
        TimelineKey(crate::domain::dates::iso(self.date), self.kind.rank(), self.id)
    }
}

/// A text column, a blank one read as absent.
fn text(r: &Row<'_>, column: &str) -> rusqlite::Result<Option<String>> {
    Ok(r.get::<_, Option<String>>(column)?.filter(|s| !s.trim().is_empty()))
}

fn day(r: &Row<'_>, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(text(r, column)?.map(|s| parse_day(&s)))
}

/// A yes / no answer stored as 1 or 0; no value reads as unsure.
fn reply(r: &Row<'_>, column: &str) -> rusqlite::Result<Reply> {
    Ok(Reply::from_stored(r.get::<_, Option<i64>>(column)?.map(|n| n != 0)))
}

/// An integer column holding a 0/1 flag; absent reads as not set.
fn flag(r: &Row<'_>, column: &str) -> rusqlite::Result<bool> {
    Ok(r.get::<_, Option<i64>>(column)? == Some(1))
}

/// One row of the timeline query (columns d, r, i, t1..t5, x1, n1, n2, and
/// x2, n3 for a condition due; see
/// `TIMELINE_WITH` for what each kind puts in them) as an entry.
pub(super) fn read_entry(r: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    let rank: i64 = r.get("r")?;
    let kind = EventKind::from_rank(rank).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Integer,
            format!("no event rank {rank}").into(),
        )
    })?;
    let event = read_event(kind, r)?;
    let date = parse_day(&r.get::<_, String>("d")?);
    Ok(TimelineEntry { date, kind, id: r.get("i")?, pending: event.is_pending(), event })
}

fn read_event(kind: EventKind, r: &Row<'_>) -> rusqlite::Result<TimelineEvent> {
    let t = |column: &str| text(r, column);
    let seq = || r.get::<_, Option<i64>>("n2");
    Ok(match kind {
        EventKind::Received => {
            TimelineEvent::Received { source: r.get("t1")?, referrer: t("t2")?, service: r.get("t3")? }
        }
        EventKind::StatusChange => TimelineEvent::StatusChange {
            from: if t("t1")?.is_some() { Some(case_status(r, "t4", "t1")?) } else { None },
            to: case_status(r, "t4", "t2")?,
            by: t("t3")?,
        },
        EventKind::Decision => TimelineEvent::Decision {
            decision: r.get("t1")?,
            risk: r.get("t2")?,
            rationale: t("t3")?.unwrap_or_default(),
            signed_off_by: t("t5")?,
        },
        EventKind::Issued => TimelineEvent::Issued {
            disposal: r.get("t1")?,
            complete_by: day(r, "t2")?,
            authorised_by: t("t3")?,
            extended: flag(r, "n1")?,
        },
        EventKind::ConditionSet => TimelineEvent::ConditionSet {
            seq: seq()?,
            kind: r.get("t1")?,
            description: t("t2")?.unwrap_or_default(),
            provider: t("t3")?,
            due_on: day(r, "t4")?,
            object: r.get("t5")?,
            hours: r.get("x1")?,
            amount_pence: r.get("n1")?,
        },
        EventKind::ConditionDue => TimelineEvent::ConditionDue {
            seq: seq()?,
            kind: r.get("t1")?,
            description: t("t2")?.unwrap_or_default(),
            provider: t("t3")?,
            status: r.get("t4")?,
            hours: r.get("x1")?,
            amount_pence: r.get("n1")?,
            hours_done: r.get::<_, Option<f64>>("x2")?.unwrap_or(0.0),
            paid_pence: r.get::<_, Option<i64>>("n3")?.unwrap_or(0),
        },
        EventKind::ConditionCompleted => {
            TimelineEvent::ConditionCompleted { seq: seq()?, kind: r.get("t1")?, evidence: t("t2")? }
        }
        EventKind::Compliance => TimelineEvent::Compliance {
            seq: seq()?,
            event: r.get("t1")?,
            note: t("t2")?,
            hours: r.get("x1")?,
            amount_pence: r.get("n1")?,
        },
        EventKind::Breach => TimelineEvent::Breach {
            seq: seq()?,
            description: t("t1")?.unwrap_or_default(),
            referred_to: t("t2")?,
            referred_on: day(r, "t3")?,
            excuse_claimed: flag(r, "n1")?,
        },
        EventKind::BreachDecision => TimelineEvent::BreachDecision {
            seq: seq()?,
            decision: r.get("t1")?,
            new_due_on: day(r, "t2")?,
            excuse_assessment: t("t3")?,
        },
        EventKind::Process => TimelineEvent::Process {
            kind: r.get("t1")?,
            status: r.get("t2")?,
            venue: t("t3")?,
            at: t("t4")?,
            cancellation_reason: t("t5")?,
            room_booked: r.get::<_, Option<i64>>("n1")?.map(|n| n != 0),
        },
        EventKind::Agreement => TimelineEvent::Agreement {
            status: r.get("t1")?,
            review_on: day(r, "t2")?,
            signed_by_harmed: flag(r, "n1")?,
            signed_by_responsible: flag(r, "n2")?,
        },
        EventKind::HarmedInformed => TimelineEvent::HarmedInformed { agreement_status: r.get("t1")? },
        EventKind::ItemDue => TimelineEvent::ItemDue {
            seq: seq()?,
            kind: r.get("t1")?,
            description: t("t2")?.unwrap_or_default(),
            owner: t("t3")?,
            status: r.get("t4")?,
            amount_pence: r.get("n1")?,
        },
        EventKind::ItemDone => TimelineEvent::ItemDone {
            seq: seq()?,
            kind: r.get("t1")?,
            description: t("t2")?.unwrap_or_default(),
            evidence: t("t3")?,
            status: r.get("t4")?,
        },
        EventKind::Contact => TimelineEvent::Contact {
            channel: r.get("t1")?,
            incoming: t("t2")?.as_deref() == Some("in"),
            summary: t("t3")?.unwrap_or_default(),
            outcome: t("t4")?,
            follow_up_on: day(r, "t5")?,
            follow_up_done: flag(r, "n1")?,
            // A contact's x1 and n2 carry text: who it was with, and what
            // came of the follow-up (a column of a UNION takes any type).
            with: r.get("x1")?,
            follow_up_outcome: r.get("n2")?,
        },
        EventKind::Closed => TimelineEvent::Closed { outcome: t("t1")? },
        EventKind::Retention => {
            TimelineEvent::Retention { decision: t("t1")?, decided_on: day(r, "t2")?, rationale: t("t3")? }
        }
        EventKind::Document => TimelineEvent::Document {
            title: t("t1")?.unwrap_or_default(),
            file_name: t("t2")?.unwrap_or_default(),
            attached_by: t("t3")?,
            size_bytes: r.get::<_, Option<i64>>("n1")?.unwrap_or(0),
        },
        EventKind::Feedback => TimelineEvent::Feedback {
            from: t("t1")?.as_deref().and_then(FeedbackFrom::parse),
            person: t("t3")?.zip(t("t4")?.as_deref().and_then(PartyRole::parse)),
            satisfied: r.get::<_, Option<u8>>("n1")?,
            would_recommend: reply(r, "n2")?,
            // A column of a UNION takes any type: x1 holds felt safe's 1 or 0.
            felt_safe: reply(r, "x1")?,
            comments: t("t2")?,
        },
    })
}
