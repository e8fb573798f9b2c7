//! Read models for the Case screen: the list of cases (most recently changed
//! first), one case's header and people, its timeline, and its audit history.
//!
//! Every list is read a page at a time with keyset pagination: a page starts
//! at a key and the next page at the key after its last row, never by OFFSET.
//! The timeline merges one indexed per-case query per kind of event
//! (`case_id` indexes) and orders the merge by `(date, rank, id)`, so it pages
//! the same way. The opening of a case is a consultation under DPA 2018 s.62
//! and is logged by `Tx::log_consult` with `CONSULT_JUSTIFICATION`.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::Serialize;

use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::checklist::Decision;
use crate::domain::status::{BreachDecision, DisposalType, OocdStatus, RjStatus};
use crate::domain::types::{
    AgreementItemKind, ComplianceEventType, ContactChannel, DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus,
    Service, Source,
};
use crate::store::model::CaseFlags;
use crate::store::reads::parse_day;
use crate::store::{Store, StoreResult};

// ===================================================================== paging

/// Where a page starts, in the list's display order (newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek<K> {
    /// The newest rows.
    First,
    /// The oldest rows.
    Last,
    /// From this key on, the key's own row included (a refresh in place).
    From(K),
    /// The rows after this key (the next page).
    After(K),
    /// The rows before this key (the previous page).
    Before(K),
}

/// One page of a list, where it sits, and how long the list is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// How many rows come before the first one of this page.
    pub offset: usize,
    pub total: usize,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { rows: Vec::new(), offset: 0, total: 0 }
    }
}

impl<T> Page<T> {
    /// More rows after this page.
    pub fn has_next(&self) -> bool {
        self.offset + self.rows.len() < self.total
    }

    pub fn has_prev(&self) -> bool {
        self.offset > 0
    }
}

/// A key as SQL parameters, in the order of the key's columns.
pub trait KeyValues {
    fn values(&self) -> Vec<Value>;
}

impl KeyValues for i64 {
    fn values(&self) -> Vec<Value> {
        vec![Value::Integer(*self)]
    }
}

/// One keyset-paged query: `WITH {with} SELECT {select} FROM {from} WHERE
/// {filter}`, ordered newest first by the `key` columns. Every part is a
/// constant of this module; values travel only as parameters.
struct Keyset {
    with: &'static str,
    select: &'static str,
    from: &'static str,
    filter: &'static str,
    key: &'static [&'static str],
}

impl Keyset {
    fn key_tuple(&self) -> String {
        format!("({})", self.key.join(", "))
    }

    /// `(?n, ?n+1, ...)` for the key, numbered after the `base` parameters.
    fn marks(&self, first: usize) -> String {
        let marks: Vec<String> = (0..self.key.len()).map(|i| format!("?{}", first + i)).collect();
        format!("({})", marks.join(", "))
    }

    fn order(&self, ascending: bool) -> String {
        let dir = if ascending { "ASC" } else { "DESC" };
        self.key.iter().map(|k| format!("{k} {dir}")).collect::<Vec<_>>().join(", ")
    }

    fn page<T, K: KeyValues>(
        &self,
        store: &Store,
        base: Vec<Value>,
        seek: &Seek<K>,
        limit: usize,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
        key_of: impl Fn(&T) -> K,
    ) -> StoreResult<Page<T>> {
        let (bound, ascending) = match seek {
            Seek::First => (None, false),
            Seek::Last => (None, true),
            Seek::From(k) => (Some(("<=", k)), false),
            Seek::After(k) => (Some(("<", k)), false),
            Seek::Before(k) => (Some((">", k)), true),
        };
        let mut values = base.clone();
        let mut sql = format!("{} SELECT {} FROM {} WHERE ({})", self.with, self.select, self.from, self.filter);
        if let Some((op, key)) = bound {
            sql.push_str(&format!(" AND {} {op} {}", self.key_tuple(), self.marks(values.len() + 1)));
            values.extend(key.values());
        }
        sql.push_str(&format!(" ORDER BY {} LIMIT ?{}", self.order(ascending), values.len() + 1));
        values.push(Value::Integer(limit.max(1) as i64));
        let mut rows: Vec<T> = {
            let mut stmt = store.conn().prepare_cached(&sql)?;
            let mapped = stmt.query_map(params_from_iter(values), map)?;
            mapped.collect::<Result<_, _>>()?
        };
        if ascending {
            rows.reverse();
        }
        let total = self.count::<K>(store, base.clone(), None)?;
        let offset = match rows.first() {
            Some(first) => self.count(store, base, Some(key_of(first)))?,
            None => 0,
        };
        Ok(Page { rows, offset, total })
    }

    /// How many rows in all, or how many come before `above` (newer than it).
    fn count<K: KeyValues>(&self, store: &Store, base: Vec<Value>, above: Option<K>) -> StoreResult<usize> {
        let mut values = base;
        let mut sql = format!("{} SELECT COUNT(*) FROM {} WHERE ({})", self.with, self.from, self.filter);
        if let Some(key) = above {
            sql.push_str(&format!(" AND {} > {}", self.key_tuple(), self.marks(values.len() + 1)));
            values.extend(key.values());
        }
        let mut stmt = store.conn().prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}

// ===================================================================== the list of cases

/// One row of the list of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseListRow {
    pub case_id: i64,
    pub reference: String,
    pub service: String,
    pub status: String,
    pub received_on: NaiveDate,
    /// The day of the latest status change: the list's order.
    pub changed_on: NaiveDate,
    pub offence: String,
}

/// A place in the list of cases: (status changed on, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseListKey(pub String, pub i64);

impl KeyValues for CaseListKey {
    fn values(&self) -> Vec<Value> {
        vec![Value::Text(self.0.clone()), Value::Integer(self.1)]
    }
}

impl CaseListRow {
    pub fn key(&self) -> CaseListKey {
        CaseListKey(self.changed_on.format("%Y-%m-%d").to_string(), self.case_id)
    }
}

const CASE_LIST: Keyset = Keyset {
    with: "",
    select: "id, ref, service, status, received_on, status_changed_on, COALESCE(offence_desc, '')",
    from: "case_file",
    filter: "1",
    key: &["status_changed_on", "id"],
};

// ===================================================================== one case

/// The OOCD facts shown in the header of an OOCD case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisposalFacts {
    pub disposal_type: String,
    pub issued_on: Option<NaiveDate>,
    pub completion_due: Option<NaiveDate>,
    pub extended_exceptionally: bool,
    pub oic_name: Option<String>,
    pub oic_contact: Option<String>,
}

impl DisposalFacts {
    pub fn kind(&self) -> Option<DisposalType> {
        DisposalType::parse(&self.disposal_type)
    }
}

/// Everything the header of the Case screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseHeader {
    pub case_id: i64,
    pub reference: String,
    pub service: String,
    pub source: String,
    pub status: String,
    pub paused_from: Option<String>,
    pub status_changed_on: NaiveDate,
    pub received_on: NaiveDate,
    pub crime_ref: Option<String>,
    pub offence: Option<String>,
    pub offence_date: Option<NaiveDate>,
    pub offence_mode: Option<String>,
    pub flags: CaseFlags,
    pub referrer_name: Option<String>,
    pub coordinator: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub closure_outcome: Option<String>,
    pub retention_review_due: Option<NaiveDate>,
    pub disposal: Option<DisposalFacts>,
}

impl CaseHeader {
    pub fn service_kind(&self) -> Option<Service> {
        Service::parse(&self.service)
    }

    pub fn is_oocd(&self) -> bool {
        self.service_kind() == Some(Service::Oocd)
    }

    /// Closed or withdrawn: nothing more is added to it.
    pub fn is_finished(&self) -> bool {
        matches!(self.status.as_str(), "closed" | "withdrawn")
    }

    /// The flags raised at intake, in words.
    pub fn flag_words(&self) -> Vec<&'static str> {
        let f = &self.flags;
        [
            (f.domestic_abuse, "domestic abuse"),
            (f.intimate_partner, "intimate partner"),
            (f.hate_crime, "hate crime"),
            (f.sexual, "sexual offence"),
            (f.knife, "knife / weapon"),
            (f.youth, "youth"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }
}

/// One person of a case. Names are shown on the Case screen only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseParty {
    pub party_id: i64,
    pub person_id: i64,
    pub given_names: String,
    pub family_name: String,
    pub role: String,
    pub category: String,
    pub contact_pref: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub interpreter_language: Option<String>,
    pub needs_appropriate_adult: bool,
}

impl CaseParty {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_names, self.family_name)
    }

    pub fn role_label(&self) -> &str {
        PartyRole::parse(&self.role).map_or(self.role.as_str(), |r| r.label())
    }

    pub fn category_label(&self) -> &str {
        DataSubjectCategory::parse(&self.category).map_or(self.category.as_str(), |c| c.label())
    }

    /// How to reach them: the preferred route and its detail, e.g.
    /// "phone 07700 900123"; a route with no detail on file says so.
    pub fn contact_route(&self) -> String {
        let detail = |route: &str| -> Option<&String> {
            match route {
                "phone" | "sms" => self.phone.as_ref(),
                "email" => self.email.as_ref(),
                "letter" | "visit" => self.address.as_ref(),
                _ => None,
            }
        };
        let mut text = match self.contact_pref.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(route) => match detail(route) {
                Some(d) => format!("{route} {d}"),
                None => format!("{route} (no detail on file)"),
            },
            None => match (&self.phone, &self.email) {
                (Some(p), _) => format!("phone {p}"),
                (None, Some(e)) => format!("email {e}"),
                _ => "no contact route on file".to_string(),
            },
        };
        if let Some(lang) = self.interpreter_language.as_deref().filter(|l| !l.trim().is_empty()) {
            text.push_str(&format!(" · interpreter: {lang}"));
        }
        if self.needs_appropriate_adult {
            text.push_str(" · needs appropriate adult");
        }
        text
    }
}

/// The people of a case (a page) and how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseParties {
    pub people: Vec<CaseParty>,
    pub total: usize,
}

// ===================================================================== the timeline

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
}

impl EventKind {
    const ALL: [EventKind; 18] = [
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
    ];

    pub fn rank(self) -> i64 {
        EventKind::ALL.iter().position(|k| *k == self).map_or(0, |i| i as i64 + 1)
    }

    fn from_rank(rank: i64) -> Option<EventKind> {
        usize::try_from(rank - 1).ok().and_then(|i| EventKind::ALL.get(i)).copied()
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
        }
    }
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub kind: EventKind,
    /// The id of the row the event comes from (its table depends on the kind).
    pub id: i64,
    /// What happened, in words (user text included: show it through `inert`).
    pub text: String,
    /// Something still to be done by `date` (an open condition or item, a
    /// retention review): late when `date` has passed.
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
        TimelineKey(self.date.format("%Y-%m-%d").to_string(), self.kind.rank(), self.id)
    }
}

/// One arm per kind of event, each an indexed read of one case (?1). The
/// columns: d (date), r (rank = `EventKind::rank`), i (row id), t1..t5
/// (text), x1 (real), n1, n2 (integers).
const TIMELINE_WITH: &str = "WITH ev (d, r, i, t1, t2, t3, t4, t5, x1, n1, n2) AS (
    SELECT received_on, 1, id, source, referrer_name, service, NULL, NULL, NULL, NULL, NULL
      FROM case_file WHERE id = ?1
    UNION ALL
    -- Status changes: each 'alter' of the case that moved its status, and
    -- for a case loaded in bulk (casedesk demo) each [day, from, to] of the
    -- status_history on its one 'collect' row; their ids, below any audit
    -- row's, keep them in order and before later changes of the same day.
    SELECT COALESCE(json_extract(h.value, '$[0]'), substr(json_extract(a.after_json, '$.status_changed_on'), 1, 10)
           ), 2, COALESCE(h.key - 1000000000, a.id),
           COALESCE(json_extract(h.value, '$[1]'), json_extract(a.before_json, '$.status')),
           COALESCE(json_extract(h.value, '$[2]'), json_extract(a.after_json, '$.status')), a.user, NULL, NULL,
           NULL, NULL, NULL
      FROM audit_log a LEFT JOIN json_each(a.after_json, '$.status_history') h
     WHERE a.case_id = ?1 AND a.entity = 'case_file'
       AND CASE a.op
             WHEN 'alter' THEN json_extract(a.before_json, '$.status') IS NOT json_extract(a.after_json, '$.status')
             WHEN 'collect' THEN h.key IS NOT NULL
             ELSE 0
           END
    UNION ALL
    SELECT decided_on, 3, id, decision, risk_level, rationale, decided_by, manager_signoff_by, NULL, NULL, NULL
      FROM decision WHERE case_id = ?1
    UNION ALL
    SELECT issued_on, 4, id, disposal_type, completion_due, authorised_by, NULL, NULL, NULL,
           extended_exceptionally, NULL
      FROM oocd_disposal WHERE case_id = ?1 AND issued_on IS NOT NULL
    UNION ALL
    SELECT d.issued_on, 5, c.id, c.kind, c.description, (SELECT name FROM provider WHERE id = c.provider_id),
           c.due_on, c.object, c.hours_required, c.amount_pence, c.seq
      FROM condition c JOIN oocd_disposal d ON d.case_id = c.case_id
     WHERE c.case_id = ?1 AND d.issued_on IS NOT NULL
    UNION ALL
    SELECT c.due_on, 6, c.id, c.kind, c.description, (SELECT name FROM provider WHERE id = c.provider_id),
           c.status, NULL, c.hours_required, c.amount_pence, c.seq
      FROM condition c
     WHERE c.case_id = ?1
       AND c.status IN ('draft', 'active', 'referred', 'booked', 'in_progress', 'varied', 'not_completed')
    UNION ALL
    SELECT c.completed_on, 7, c.id, c.kind, c.evidence, NULL, NULL, NULL, NULL, NULL, c.seq
      FROM condition c WHERE c.case_id = ?1 AND c.completed_on IS NOT NULL
    UNION ALL
    SELECT e.occurred_on, 8, e.id, e.type, e.note, c.kind, NULL, NULL, e.hours, e.amount_pence, c.seq
      FROM condition c JOIN compliance_event e ON e.condition_id = c.id
     WHERE c.case_id = ?1 AND e.type <> 'completed'
    UNION ALL
    SELECT b.identified_on, 9, b.id, b.description, b.referred_to, b.referred_on, NULL, NULL, NULL,
           b.reasonable_excuse_claimed, (SELECT seq FROM condition WHERE id = b.condition_id)
      FROM breach b WHERE b.case_id = ?1
    UNION ALL
    SELECT b.decision_on, 10, b.id, b.decision, b.new_due_on, b.excuse_assessment, NULL, NULL, NULL, NULL,
           (SELECT seq FROM condition WHERE id = b.condition_id)
      FROM breach b WHERE b.case_id = ?1 AND b.decision_on IS NOT NULL
    UNION ALL
    SELECT COALESCE(p.held_on, substr(p.scheduled_for, 1, 10)), 11, p.id, p.kind, p.status, p.venue,
           substr(p.scheduled_for, 12, 5), p.cancellation_reason, NULL, p.room_booked, NULL
      FROM rj_process p WHERE p.case_id = ?1
    UNION ALL
    SELECT a.agreed_on, 12, a.id, a.status, a.review_on, NULL, NULL, NULL, NULL,
           a.signed_by_harmed, a.signed_by_responsible
      FROM rj_process p CROSS JOIN outcome_agreement a ON a.process_id = p.id WHERE p.case_id = ?1
    UNION ALL
    SELECT a.harmed_party_informed_of_result_on, 13, a.id, a.status, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM rj_process p CROSS JOIN outcome_agreement a ON a.process_id = p.id
     WHERE p.case_id = ?1 AND a.harmed_party_informed_of_result_on IS NOT NULL
    UNION ALL
    SELECT i.due_on, 14, i.id, i.kind, i.description, i.owner, i.status, NULL, NULL, i.amount_pence, i.seq
      FROM rj_process p CROSS JOIN outcome_agreement a ON a.process_id = p.id
      CROSS JOIN agreement_item i ON i.agreement_id = a.id
     WHERE p.case_id = ?1 AND i.status IN ('open', 'overdue')
    UNION ALL
    SELECT i.completed_on, 15, i.id, i.kind, i.description, i.evidence, i.status, NULL, NULL, NULL, i.seq
      FROM rj_process p CROSS JOIN outcome_agreement a ON a.process_id = p.id
      CROSS JOIN agreement_item i ON i.agreement_id = a.id
     WHERE p.case_id = ?1 AND i.completed_on IS NOT NULL
    UNION ALL
    SELECT occurred_on, 16, id, channel, direction, summary, outcome, follow_up_on, NULL, follow_up_done, NULL
      FROM contact_log WHERE case_id = ?1
    UNION ALL
    SELECT closed_on, 17, id, closure_outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM case_file WHERE id = ?1 AND closed_on IS NOT NULL
    UNION ALL
    SELECT review_due, 18, id, decision, decided_on, rationale, NULL, NULL, NULL, NULL, NULL
      FROM retention WHERE case_id = ?1
)";

const TIMELINE: Keyset = Keyset {
    with: TIMELINE_WITH,
    select: "d, r, i, t1, t2, t3, t4, t5, x1, n1, n2",
    from: "ev",
    filter: "d IS NOT NULL",
    key: &["d", "r", "i"],
};

/// The raw columns of one timeline row.
struct EventRow {
    date: String,
    rank: i64,
    id: i64,
    t: [Option<String>; 5],
    x1: Option<f64>,
    n1: Option<i64>,
    n2: Option<i64>,
}

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        date: r.get(0)?,
        rank: r.get(1)?,
        id: r.get(2)?,
        t: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
        x1: r.get(8)?,
        n1: r.get(9)?,
        n2: r.get(10)?,
    })
}

/// A stored snake_case value in words, through the vocabulary that owns it.
fn words(value: &str) -> String {
    value.replace('_', " ")
}

/// A case status in words, whichever machine it belongs to.
pub fn status_label(status: &str) -> String {
    OocdStatus::parse(status)
        .map(|s| s.label().to_string())
        .or_else(|| RjStatus::parse(status).map(|s| s.label().to_string()))
        .unwrap_or_else(|| words(status))
}

fn condition_kind_label(kind: &str) -> String {
    ConditionKind::parse(kind).map_or_else(|| words(kind), |k| k.label().to_string())
}

fn pounds(pence: i64) -> String {
    if pence % 100 == 0 {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

fn hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0} h")
    } else {
        format!("{h} h")
    }
}

/// "(a, b, c)" of the present parts, or nothing.
fn bracket(parts: &[Option<String>]) -> String {
    let present: Vec<&str> = parts.iter().flatten().map(String::as_str).filter(|s| !s.is_empty()).collect();
    if present.is_empty() {
        String::new()
    } else {
        format!(" ({})", present.join(", "))
    }
}

impl EventRow {
    fn text(&self, i: usize) -> Option<String> {
        self.t[i].clone().filter(|s| !s.trim().is_empty())
    }

    fn s(&self, i: usize) -> String {
        self.text(i).unwrap_or_default()
    }

    /// The amount in pounds, unless the text at `i` already states it.
    fn amount_beside(&self, i: usize) -> Option<String> {
        self.n1.map(pounds).filter(|p| !self.s(i).contains(p.as_str()))
    }

    fn condition_no(&self) -> String {
        self.n2.map_or_else(|| "Condition".to_string(), |n| format!("Condition {n}"))
    }

    fn into_entry(self) -> Option<TimelineEntry> {
        let kind = EventKind::from_rank(self.rank)?;
        let date = parse_day(&self.date);
        let mut pending = false;
        let text = match kind {
            EventKind::Received => {
                let source = Source::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |s| s.label().to_string());
                let service = Service::parse(&self.s(2)).map_or("Referral", |s| s.label());
                let referrer = self.text(1).map(|r| format!(", referred by {r}")).unwrap_or_default();
                format!("{service} case received from {source}{referrer}")
            }
            EventKind::StatusChange => {
                let from = self.text(0).map_or_else(|| "(none)".to_string(), |s| status_label(&s));
                let by = self.text(2).map(|u| format!(" (by {u})")).unwrap_or_default();
                format!("{from} → {}{by}", status_label(&self.s(1)))
            }
            EventKind::Decision => {
                let decision = Decision::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |d| d.label().to_string());
                let signoff = self.text(4).map(|m| format!("; signed off by {m}")).unwrap_or_default();
                format!("{decision}, risk {}: {}{signoff}", self.s(1), self.s(2))
            }
            EventKind::Issued => {
                let disposal =
                    DisposalType::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |d| d.label().to_string());
                let due = self.text(1).map(|d| format!("; complete by {d}")).unwrap_or_default();
                let extended = if self.n1 == Some(1) { " (extended exceptionally)" } else { "" };
                let by = self.text(2).map(|a| format!("; authorised by {a}")).unwrap_or_default();
                format!("{disposal} issued{due}{extended}{by}")
            }
            EventKind::ConditionSet => {
                let object = ConditionObject::parse(&self.s(4)).map(|o| o.label().to_lowercase());
                let detail = bracket(&[
                    self.text(2),
                    self.x1.map(hours),
                    self.amount_beside(1),
                    object.map(|o| format!("object: {o}")),
                ]);
                format!(
                    "{} set: {} — {}{detail}; due {}",
                    self.condition_no(),
                    condition_kind_label(&self.s(0)),
                    self.s(1),
                    self.s(3)
                )
            }
            EventKind::ConditionDue => {
                pending = true;
                let status = words(&self.s(3));
                let detail = bracket(&[self.text(2), self.x1.map(hours), self.amount_beside(1)]);
                format!(
                    "{} due: {} — {}{detail} [{status}]",
                    self.condition_no(),
                    condition_kind_label(&self.s(0)),
                    self.s(1)
                )
            }
            EventKind::ConditionCompleted => {
                let evidence = self.text(1).map(|e| format!("; evidence: {e}")).unwrap_or_default();
                format!("{} completed: {}{evidence}", self.condition_no(), condition_kind_label(&self.s(0)))
            }
            EventKind::Compliance => {
                let event =
                    ComplianceEventType::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |e| e.label().to_string());
                let detail = bracket(&[self.x1.map(hours), self.n1.map(pounds)]);
                let note = self.text(1).map(|n| format!(": {n}")).unwrap_or_default();
                format!("{} · {event}{detail}{note}", self.condition_no())
            }
            EventKind::Breach => {
                let on = self.n2.map(|n| format!(" of condition {n}")).unwrap_or_default();
                let excuse = if self.n1 == Some(1) { "; reasonable excuse claimed" } else { "" };
                let referred = match (self.text(1), self.text(2)) {
                    (Some(to), Some(on)) => format!("; referred to {to} on {on}"),
                    (Some(to), None) => format!("; referred to {to}"),
                    _ => "; not yet referred".to_string(),
                };
                format!("Suspected breach{on}: {}{excuse}{referred}", self.s(0))
            }
            EventKind::BreachDecision => {
                let decision =
                    BreachDecision::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |d| d.label().to_string());
                let due = self.text(1).map(|d| format!("; new due date {d}")).unwrap_or_default();
                let excuse = self.text(2).map(|e| format!("; excuse: {e}")).unwrap_or_default();
                let on = self.n2.map(|n| format!(" of condition {n}")).unwrap_or_default();
                format!("Decision on the breach{on}: {decision}{due}{excuse}")
            }
            EventKind::Process => {
                let process =
                    ProcessKind::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |k| k.label().to_string());
                let status =
                    ProcessStatus::parse(&self.s(1)).map_or_else(|| words(&self.s(1)), |s| s.label().to_string());
                let at = self.text(3).map(|t| format!(" at {t}")).unwrap_or_default();
                let venue = self.text(2).map(|v| format!(", {v}")).unwrap_or_default();
                let room = if self.n1 == Some(0) && matches!(self.s(1).as_str(), "planned" | "confirmed") {
                    "; room not booked"
                } else {
                    ""
                };
                let why = self.text(4).map(|c| format!("; {c}")).unwrap_or_default();
                format!("{process} ({status}){at}{venue}{room}{why}")
            }
            EventKind::Agreement => {
                let signed = match (self.n1 == Some(1), self.n2 == Some(1)) {
                    (true, true) => "signed by both",
                    (true, false) => "signed by the harmed party only",
                    (false, true) => "signed by the responsible party only",
                    (false, false) => "not signed",
                };
                let review = self.text(1).map(|d| format!("; review {d}")).unwrap_or_default();
                format!("Outcome agreement ({}): {signed}{review}", words(&self.s(0)))
            }
            EventKind::HarmedInformed => format!("Harmed party told the result: {}", words(&self.s(0))),
            EventKind::ItemDue => {
                pending = true;
                let item =
                    AgreementItemKind::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |k| k.label().to_string());
                let amount = bracket(&[self.amount_beside(1), self.text(2).map(|o| format!("owner: {o}"))]);
                format!("Item {}: {item} — {}{amount} [{}]", self.n2.unwrap_or(0), self.s(1), words(&self.s(3)))
            }
            EventKind::ItemDone => {
                let item =
                    AgreementItemKind::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |k| k.label().to_string());
                let evidence = self.text(2).map(|e| format!("; evidence: {e}")).unwrap_or_default();
                format!("Item {} done: {item} — {}{evidence}", self.n2.unwrap_or(0), self.s(1))
            }
            EventKind::Contact => {
                let channel =
                    ContactChannel::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |c| c.label().to_string());
                let direction = if self.s(1) == "in" { "incoming" } else { "outgoing" };
                let outcome = self.text(3).map(|o| format!(" → {o}")).unwrap_or_default();
                let follow_up = match (self.text(4), self.n1 == Some(1)) {
                    (Some(d), true) => format!("; follow-up {d} done"),
                    (Some(d), false) => format!("; follow-up due {d}"),
                    (None, _) => String::new(),
                };
                format!("{channel}, {direction}: {}{outcome}{follow_up}", self.s(2))
            }
            EventKind::Closed => {
                format!("Case closed: {}", self.text(0).unwrap_or_else(|| "no outcome recorded".to_string()))
            }
            EventKind::Retention => match self.text(0) {
                Some(decision) => {
                    let on = self.text(1).map(|d| format!(" on {d}")).unwrap_or_default();
                    let why = self.text(2).map(|r| format!(": {r}")).unwrap_or_default();
                    format!("Retention review decided{on}: {decision}{why}")
                }
                None => {
                    pending = true;
                    "Retention review due: keep or dispose of the record (DPA 2018 s.39)".to_string()
                }
            },
        };
        Some(TimelineEntry { date, kind, id: self.id, text, pending })
    }
}

// ===================================================================== the audit history

/// One row of a case's audit history (DPA 2018 s.62): who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditLine {
    pub id: i64,
    /// UTC instant as stored, e.g. 2026-11-20T09:14:03.123456Z.
    pub at_utc: String,
    pub user: String,
    pub op: String,
    pub entity: String,
    pub entity_id: String,
    pub justification: Option<String>,
    pub recipient: Option<String>,
}

impl AuditLine {
    /// "2026-11-20 09:14" from the stored instant.
    pub fn when(&self) -> String {
        let date = self.at_utc.get(..10).unwrap_or(&self.at_utc);
        let time = self.at_utc.get(11..16).unwrap_or("");
        format!("{date} {time}")
    }
}

const AUDIT: Keyset = Keyset {
    with: "",
    select: "id, at_utc, user, op, entity, entity_id, justification, recipient",
    from: "audit_log",
    filter: "case_id = ?1",
    key: &["id"],
};

/// The justification written with a consultation from the Case screen.
pub const CONSULT_JUSTIFICATION: &str = "opened on the Case screen";

// ===================================================================== queries

impl Store {
    /// A page of the list of cases, most recently changed first.
    pub fn case_list(&self, seek: &Seek<CaseListKey>, limit: usize) -> StoreResult<Page<CaseListRow>> {
        CASE_LIST.page(
            self,
            Vec::new(),
            seek,
            limit,
            |r| {
                Ok(CaseListRow {
                    case_id: r.get(0)?,
                    reference: r.get(1)?,
                    service: r.get(2)?,
                    status: r.get(3)?,
                    received_on: parse_day(&r.get::<_, String>(4)?),
                    changed_on: parse_day(&r.get::<_, String>(5)?),
                    offence: r.get(6)?,
                })
            },
            CaseListRow::key,
        )
    }

    /// The header of one case, or `None` when there is no such case.
    pub fn case_header(&self, case_id: i64) -> StoreResult<Option<CaseHeader>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.ref, c.service, c.source, c.status, c.paused_from, c.status_changed_on, c.received_on,
                    c.crime_ref, c.offence_desc, c.offence_date, c.offence_mode,
                    c.flag_domestic_abuse, c.flag_intimate_partner, c.flag_hate_crime, c.flag_sexual, c.flag_knife,
                    c.flag_youth, c.referrer_name, k.name, c.closed_on, c.closure_outcome,
                    (SELECT review_due FROM retention WHERE case_id = c.id),
                    d.disposal_type, d.issued_on, d.completion_due, d.extended_exceptionally, d.oic_name,
                    d.oic_contact
             FROM case_file c
             LEFT JOIN coordinator k ON k.id = c.coordinator_id
             LEFT JOIN oocd_disposal d ON d.case_id = c.id
             WHERE c.id = ?1",
        )?;
        let day = |s: Option<String>| s.map(|s| parse_day(&s));
        let header = stmt
            .query_row(params![case_id], |r| {
                let disposal_type: Option<String> = r.get(23)?;
                let disposal = match disposal_type {
                    Some(disposal_type) => Some(DisposalFacts {
                        disposal_type,
                        issued_on: day(r.get(24)?),
                        completion_due: day(r.get(25)?),
                        extended_exceptionally: r.get::<_, Option<bool>>(26)?.unwrap_or(false),
                        oic_name: r.get(27)?,
                        oic_contact: r.get(28)?,
                    }),
                    None => None,
                };
                Ok(CaseHeader {
                    case_id: r.get(0)?,
                    reference: r.get(1)?,
                    service: r.get(2)?,
                    source: r.get(3)?,
                    status: r.get(4)?,
                    paused_from: r.get(5)?,
                    status_changed_on: parse_day(&r.get::<_, String>(6)?),
                    received_on: parse_day(&r.get::<_, String>(7)?),
                    crime_ref: r.get(8)?,
                    offence: r.get(9)?,
                    offence_date: day(r.get(10)?),
                    offence_mode: r.get(11)?,
                    flags: CaseFlags {
                        domestic_abuse: r.get(12)?,
                        intimate_partner: r.get(13)?,
                        hate_crime: r.get(14)?,
                        sexual: r.get(15)?,
                        knife: r.get(16)?,
                        youth: r.get(17)?,
                    },
                    referrer_name: r.get(18)?,
                    coordinator: r.get(19)?,
                    closed_on: day(r.get(20)?),
                    closure_outcome: r.get(21)?,
                    retention_review_due: day(r.get(22)?),
                    disposal,
                })
            })
            .optional()?;
        Ok(header)
    }

    /// The first `limit` people of a case, in the order they were added, and how many there are.
    pub fn case_parties(&self, case_id: i64, limit: usize) -> StoreResult<CaseParties> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT cp.id, p.id, p.given_names, p.family_name, cp.role, cp.data_subject_category, p.contact_pref,
                    p.phone, p.email, p.address, p.interpreter_language, p.needs_appropriate_adult
             FROM case_party cp JOIN person p ON p.id = cp.person_id
             WHERE cp.case_id = ?1 ORDER BY cp.id LIMIT ?2",
        )?;
        let people = stmt
            .query_map(params![case_id, limit as i64], |r| {
                Ok(CaseParty {
                    party_id: r.get(0)?,
                    person_id: r.get(1)?,
                    given_names: r.get(2)?,
                    family_name: r.get(3)?,
                    role: r.get(4)?,
                    category: r.get(5)?,
                    contact_pref: r.get(6)?,
                    phone: r.get(7)?,
                    email: r.get(8)?,
                    address: r.get(9)?,
                    interpreter_language: r.get(10)?,
                    needs_appropriate_adult: r.get(11)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let total: i64 = self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM case_party WHERE case_id = ?1")?
            .query_row(params![case_id], |r| r.get(0))?;
        Ok(CaseParties { people, total: total.max(0) as usize })
    }

    /// A page of a case's timeline, newest first: contacts, conditions
    /// (set / due / completed), compliance events, breaches and decisions,
    /// checklist decisions, processes, agreements and items, status changes,
    /// closure and retention.
    pub fn case_timeline(
        &self,
        case_id: i64,
        seek: &Seek<TimelineKey>,
        limit: usize,
    ) -> StoreResult<Page<TimelineEntry>> {
        let page = TIMELINE.page(self, vec![Value::Integer(case_id)], seek, limit, event_row, |e: &EventRow| {
            TimelineKey(e.date.clone(), e.rank, e.id)
        })?;
        Ok(Page {
            rows: page.rows.into_iter().filter_map(EventRow::into_entry).collect(),
            offset: page.offset,
            total: page.total,
        })
    }

    /// A page of a case's audit history, newest first (keyset by id).
    pub fn case_audit(&self, case_id: i64, seek: &Seek<i64>, limit: usize) -> StoreResult<Page<AuditLine>> {
        AUDIT.page(
            self,
            vec![Value::Integer(case_id)],
            seek,
            limit,
            |r| {
                Ok(AuditLine {
                    id: r.get(0)?,
                    at_utc: r.get(1)?,
                    user: r.get(2)?,
                    op: r.get(3)?,
                    entity: r.get(4)?,
                    entity_id: r.get(5)?,
                    justification: r.get(6)?,
                    recipient: r.get(7)?,
                })
            },
            |a| a.id,
        )
    }

    /// How many times a case has been consulted (opened), per the audit log.
    pub fn case_consultations(&self, case_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM audit_log WHERE case_id = ?1 AND op = 'consult'")?
            .query_row(params![case_id], |r| r.get(0))?)
    }

    /// How many conditions a case has, whatever their status.
    pub fn case_condition_count(&self, case_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM condition WHERE case_id = ?1")?
            .query_row(params![case_id], |r| r.get(0))?)
    }

    /// The active providers a condition can be referred to, by name.
    pub fn active_providers(&self, limit: usize) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id, name FROM provider WHERE active = 1 ORDER BY name, id LIMIT ?1")?;
        let rows = stmt.query_map(params![limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_kind_round_trips_through_its_rank() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_rank(kind.rank()), Some(kind));
        }
        assert_eq!(EventKind::from_rank(0), None);
        assert_eq!(EventKind::from_rank(99), None);
    }

    #[test]
    fn the_timeline_arms_use_the_ranks_of_their_kinds() {
        // Arm k (in EventKind order) selects k as its rank column.
        let arms: Vec<&str> = TIMELINE_WITH.split("UNION ALL").collect();
        assert_eq!(arms.len(), EventKind::ALL.len());
        for (arm, kind) in arms.iter().zip(EventKind::ALL) {
            assert!(arm.contains(&format!(", {}, ", kind.rank())), "{kind:?} in {arm}");
        }
    }

    #[test]
    fn money_and_hours_read_as_people_write_them() {
        assert_eq!(pounds(4000), "£40");
        assert_eq!(pounds(1250), "£12.50");
        assert_eq!(hours(10.0), "10 h");
        assert_eq!(hours(2.5), "2.5 h");
    }

    #[test]
    fn a_contact_route_names_its_detail_or_its_absence() {
        let mut p = CaseParty {
            party_id: 1,
            person_id: 1,
            given_names: "Ann".into(),
            family_name: "Lee".into(),
            role: "harmed".into(),
            category: "victim".into(),
            contact_pref: Some("email".into()),
            phone: Some("07700 900123".into()),
            email: None,
            address: None,
            interpreter_language: None,
            needs_appropriate_adult: false,
        };
        assert_eq!(p.contact_route(), "email (no detail on file)");
        p.contact_pref = None;
        assert_eq!(p.contact_route(), "phone 07700 900123");
        assert_eq!(p.role_label(), "Harmed");
        assert_eq!(p.category_label(), "Victim");
    }
}
