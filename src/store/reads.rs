//! Queries behind the Today list and the calendar. Each section is one
//! indexed query over open work only.

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::{Store, StoreResult};
use crate::domain::holidays;
use crate::domain::rules::Rules;
use crate::domain::triage::{deadline_section, due_soon_horizon, ItemKind, TodayItem, TodaySection};
use crate::domain::workdays::WorkCalendar;

/// What every Today query needs to know about the day.
pub struct Day<'a> {
    pub today: NaiveDate,
    pub calendar: &'a WorkCalendar,
    pub rules: &'a Rules,
}

impl Day<'_> {
    fn horizon(&self) -> NaiveDate {
        due_soon_horizon(self.today, self.calendar, self.rules.days_or("DUE_SOON_WD", 5))
    }

    fn age(&self, since: NaiveDate) -> i64 {
        self.calendar.working_days_between(since, self.today)
    }
}

pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_day(s: &str) -> NaiveDate {
    // Dates are written by this program as YYYY-MM-DD (or a datetime that starts so).
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").unwrap_or_default()
}

impl Store {
    /// England & Wales holidays computed from the rules, plus any the user
    /// added by hand or imported from GOV.UK into `bank_holiday`.
    pub fn calendar(&self) -> StoreResult<WorkCalendar> {
        let mut stmt = self.conn().prepare("SELECT date FROM bank_holiday")?;
        let extra: Vec<NaiveDate> =
            stmt.query_map([], |r| r.get::<_, String>(0))?.filter_map(|r| r.ok()).map(|s| parse_day(&s)).collect();
        let computed = (1974..=2200).flat_map(|y| holidays::bank_holidays(y).into_iter().map(|h| h.date));
        Ok(WorkCalendar::from_holidays(computed.chain(extra)))
    }

    /// How many cases the database holds.
    pub fn case_count(&self) -> StoreResult<i64> {
        Ok(self.conn().query_row("SELECT COUNT(*) FROM case_file", [], |r| r.get(0))?)
    }

    /// The disposal recorded on an OOCD case, if any.
    pub fn disposal(&self, case_id: i64) -> StoreResult<Option<crate::store::model::NewDisposal>> {
        use crate::domain::status::DisposalType;
        use rusqlite::OptionalExtension;
        let day = |s: Option<String>| s.map(|s| parse_day(&s));
        Ok(self
            .conn()
            .query_row(
                "SELECT disposal_type, gravity_score, gravity_matrix, decision_rationale, admission_recorded_on,
                        consent_recorded_on, signed_document_ref, victim_views_sought_on, victim_views, authorised_by,
                        cps_decision_ref, issued_on, completion_due, completion_due_rule, extended_exceptionally,
                        oic_name, oic_contact
                 FROM oocd_disposal WHERE case_id = ?1",
                params![case_id],
                |r| {
                    let kind: String = r.get(0)?;
                    let mut d = crate::store::model::NewDisposal::new(
                        DisposalType::parse(&kind).unwrap_or(DisposalType::CommunityResolution),
                    );
                    d.gravity_score = r.get::<_, Option<i64>>(1)?.and_then(|g| u8::try_from(g).ok());
                    d.gravity_matrix = r.get(2)?;
                    d.decision_rationale = r.get(3)?;
                    d.admission_recorded_on = day(r.get(4)?);
                    d.consent_recorded_on = day(r.get(5)?);
                    d.signed_document_ref = r.get(6)?;
                    d.victim_views_sought_on = day(r.get(7)?);
                    d.victim_views = r.get(8)?;
                    d.authorised_by = r.get(9)?;
                    d.cps_decision_ref = r.get(10)?;
                    d.issued_on = day(r.get(11)?);
                    d.completion_due = day(r.get(12)?);
                    d.completion_due_rule = r.get(13)?;
                    d.extended_exceptionally = r.get(14)?;
                    d.oic_name = r.get(15)?;
                    d.oic_contact = r.get(16)?;
                    Ok(d)
                },
            )
            .optional()?)
    }

    /// A case's id and status by its reference.
    pub fn case_by_ref(&self, reference: &str) -> StoreResult<Option<(i64, String)>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row("SELECT id, status FROM case_file WHERE ref = ?1", params![reference], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// A case's conditions in order: (id, kind, status, due date).
    pub fn conditions_of(&self, case_id: i64) -> StoreResult<Vec<(i64, String, String, NaiveDate)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, kind, status, due_on FROM condition WHERE case_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![case_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, parse_day(&r.get::<_, String>(3)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Rows in a table that belong to a case (tests and checks).
    pub fn count_for_case(&self, table: &'static str, case_id: i64) -> StoreResult<i64> {
        let sql = match table {
            "agreement_item" => {
                "SELECT COUNT(*) FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                                 JOIN rj_process p ON p.id = a.process_id WHERE p.case_id = ?1"
                    .to_string()
            }
            other => format!("SELECT COUNT(*) FROM {other} WHERE case_id = ?1"),
        };
        Ok(self.conn().query_row(&sql, params![case_id], |r| r.get(0))?)
    }

    /// The stored status of one condition.
    pub fn condition_status(&self, condition_id: i64) -> StoreResult<String> {
        Ok(self.conn().query_row("SELECT status FROM condition WHERE id = ?1", params![condition_id], |r| r.get(0))?)
    }

    /// How many contacts are logged in all.
    pub fn contact_count(&self) -> StoreResult<i64> {
        Ok(self.conn().query_row("SELECT COUNT(*) FROM contact_log", [], |r| r.get(0))?)
    }

    /// Every entry of the Today list for `today`, ordered for triage.
    pub fn today_items(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        let mut items = Vec::new();
        items.extend(self.new_referrals(day)?);
        items.extend(self.checklists_pending(day)?);
        items.extend(self.condition_deadlines(day)?);
        items.extend(self.agreement_deadlines(day)?);
        items.extend(self.follow_ups(day)?);
        items.extend(self.meetings(day)?);
        items.extend(self.retention_reviews(day)?);
        crate::domain::triage::order(&mut items);
        Ok(items)
    }

    fn collect<F>(&self, sql: &str, params: impl rusqlite::Params, f: F) -> StoreResult<Vec<TodayItem>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<TodayItem>,
    {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params, f)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn new_referrals(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        let limit = i64::from(day.rules.days_or("SENSE_CHECK_WD", 2));
        self.collect(
            "SELECT id, ref, received_on, service, COALESCE(offence_desc, '') FROM case_file
             WHERE service IN ('restorative_justice', 'mediation') AND status IN ('received', 'sense_check')
             ORDER BY received_on",
            [],
            |r| {
                let received = parse_day(&r.get::<_, String>(2)?);
                let age = day.age(received);
                let service: String = r.get(3)?;
                let what: String = r.get(4)?;
                Ok(TodayItem {
                    section: TodaySection::NewReferrals,
                    kind: ItemKind::Referral,
                    entity_id: r.get(0)?,
                    case_id: r.get(0)?,
                    case_ref: r.get(1)?,
                    title: format!("{} referral: {}", service_word(&service), what),
                    date: received,
                    working_days: age,
                    late: age > limit,
                })
            },
        )
    }

    fn checklists_pending(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        let limit = i64::from(day.rules.days_or("RISK_ASSESSMENT_WD", 10));
        self.collect(
            "SELECT c.id, c.ref, c.status_changed_on,
                    (SELECT d.decision = 'refer_to_manager' AND d.manager_signoff_by IS NULL
                     FROM decision d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1)
             FROM case_file c WHERE c.status = 'risk_assessment'",
            [],
            |r| {
                let since = parse_day(&r.get::<_, String>(2)?);
                let awaiting_manager: Option<bool> = r.get(3)?;
                let age = day.age(since);
                let title = if awaiting_manager == Some(true) {
                    "awaiting manager sign-off"
                } else {
                    "suitability and risk checklist incomplete"
                };
                Ok(TodayItem {
                    section: TodaySection::Checklists,
                    kind: ItemKind::Checklist,
                    entity_id: r.get(0)?,
                    case_id: r.get(0)?,
                    case_ref: r.get(1)?,
                    title: title.to_string(),
                    date: since,
                    working_days: age,
                    late: age > limit,
                })
            },
        )
    }

    fn condition_deadlines(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        self.collect(
            "SELECT k.id, k.case_id, c.ref, k.due_on, k.kind, k.description, COALESCE(p.name, '')
             FROM condition k JOIN case_file c ON c.id = k.case_id
             LEFT JOIN provider p ON p.id = k.provider_id
             WHERE k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied') AND k.due_on <= ?1
               AND c.status NOT IN ('closed', 'withdrawn')",
            params![day_text(day.horizon())],
            |r| {
                let kind: String = r.get(4)?;
                let description: String = r.get(5)?;
                let provider: String = r.get(6)?;
                let title = with_owner(&format!("{}: {}", kind_word(&kind), description), &provider);
                deadline_item(day, ItemKind::Condition, r, title)
            },
        )
    }

    fn agreement_deadlines(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        self.collect(
            "SELECT i.id, p.case_id, c.ref, i.due_on, i.kind, i.description, COALESCE(i.owner, '')
             FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
             JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
             WHERE i.status IN ('open', 'overdue') AND i.due_on <= ?1
               AND c.status NOT IN ('closed', 'withdrawn')",
            params![day_text(day.horizon())],
            |r| {
                let description: String = r.get(5)?;
                let owner: String = r.get(6)?;
                let title = with_owner(&format!("agreement: {description}"), &owner);
                deadline_item(day, ItemKind::AgreementItem, r, title)
            },
        )
    }

    fn follow_ups(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        self.collect(
            "SELECT l.id, l.case_id, c.ref, l.follow_up_on, l.channel, l.summary
             FROM contact_log l JOIN case_file c ON c.id = l.case_id
             WHERE l.follow_up_done = 0 AND l.follow_up_on <= ?1
               AND c.status NOT IN ('closed', 'withdrawn')",
            params![day_text(day.today)],
            |r| {
                let due = parse_day(&r.get::<_, String>(3)?);
                let channel: String = r.get(4)?;
                let summary: String = r.get(5)?;
                Ok(TodayItem {
                    section: TodaySection::FollowUps,
                    kind: ItemKind::FollowUp,
                    entity_id: r.get(0)?,
                    case_id: r.get(1)?,
                    case_ref: r.get(2)?,
                    title: format!("follow up {channel} contact: {summary}"),
                    date: due,
                    working_days: day.age(due),
                    late: due < day.today,
                })
            },
        )
    }

    fn meetings(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        let until = day.calendar.next_working_day(day.today);
        self.collect(
            "SELECT m.id, m.case_id, c.ref, m.scheduled_for, m.kind, COALESCE(m.venue, ''), m.room_booked
             FROM rj_process m JOIN case_file c ON c.id = m.case_id
             WHERE m.status IN ('planned', 'confirmed') AND m.scheduled_for >= ?1 AND m.scheduled_for < ?2
               AND c.status NOT IN ('closed', 'withdrawn')",
            params![day_text(day.today), day_text(until + chrono::Duration::days(1))],
            |r| {
                let at: String = r.get(3)?;
                let kind: String = r.get(4)?;
                let venue: String = r.get(5)?;
                let room_booked: bool = r.get(6)?;
                let time = at.get(11..16).unwrap_or("");
                let room = if room_booked { "" } else { " (room not booked)" };
                Ok(TodayItem {
                    section: TodaySection::Meetings,
                    kind: ItemKind::Meeting,
                    entity_id: r.get(0)?,
                    case_id: r.get(1)?,
                    case_ref: r.get(2)?,
                    title: format!("{time} {} at {venue}{room}", kind_word(&kind)),
                    date: parse_day(&at),
                    working_days: 0,
                    late: !room_booked,
                })
            },
        )
    }

    fn retention_reviews(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        self.collect(
            "SELECT t.id, t.case_id, c.ref, t.review_due, t.closed_on
             FROM retention t JOIN case_file c ON c.id = t.case_id
             WHERE t.decision IS NULL AND t.review_due <= ?1",
            params![day_text(day.today)],
            |r| {
                let due = parse_day(&r.get::<_, String>(3)?);
                let closed: String = r.get(4)?;
                Ok(TodayItem {
                    section: TodaySection::RetentionReviews,
                    kind: ItemKind::Retention,
                    entity_id: r.get(0)?,
                    case_id: r.get(1)?,
                    case_ref: r.get(2)?,
                    title: format!("closed {closed}: review whether to keep"),
                    date: due,
                    working_days: day.age(due),
                    late: due < day.today,
                })
            },
        )
    }
}

/// Columns: id, case_id, ref, due_on, ...
fn deadline_item(day: &Day<'_>, kind: ItemKind, r: &Row<'_>, title: String) -> rusqlite::Result<TodayItem> {
    let due = parse_day(&r.get::<_, String>(3)?);
    let due_soon = day.rules.days_or("DUE_SOON_WD", 5);
    let section = deadline_section(due, day.today, day.calendar, due_soon).unwrap_or(TodaySection::DueSoon);
    let overdue_by = if due < day.today { day.age(due) } else { -day.calendar.working_days_between(day.today, due) };
    Ok(TodayItem {
        section,
        kind,
        entity_id: r.get(0)?,
        case_id: r.get(1)?,
        case_ref: r.get(2)?,
        title,
        date: due,
        working_days: overdue_by,
        late: section == TodaySection::Overdue,
    })
}

fn with_owner(title: &str, owner: &str) -> String {
    if owner.is_empty() {
        title.to_string()
    } else {
        format!("{title} [{owner}]")
    }
}

/// Stored snake_case values read as words.
pub(crate) fn kind_word(kind: &str) -> String {
    kind.replace('_', " ")
}

fn service_word(service: &str) -> &'static str {
    match service {
        "mediation" => "Mediation",
        "restorative_justice" => "RJ",
        _ => "OOCD",
    }
}
