//! A case's timeline: the kinds of event, one indexed query per kind merged
//! and ordered by `(date, rank, id)`, and the page read from it.

use rusqlite::types::Value;

use crate::store::{Store, StoreResult};

use super::events::{read_entry, TimelineEntry, TimelineKey};
use super::keyset::{Keyset, Page, Seek};

#[cfg(test)]
use super::events::EventKind;

/// One arm per kind of event, each an indexed read of one case (?1). The
/// columns: d (date), r (rank = `EventKind::rank`), i (row id), t1..t5
/// (text), x1 (real), n1, n2 (integers); `events::read_event` reads each
/// kind's columns into its typed event.
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
           COALESCE(json_extract(h.value, '$[2]'), json_extract(a.after_json, '$.status')), a.user,
           (SELECT service FROM case_file WHERE id = ?1), NULL, NULL, NULL, NULL
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
    SELECT occurred_on, 16, id, channel, direction, summary, outcome, follow_up_on, spoke_with, follow_up_done,
           follow_up_outcome
      FROM contact_log WHERE case_id = ?1
    UNION ALL
    SELECT closed_on, 17, id, closure_outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM case_file WHERE id = ?1 AND closed_on IS NOT NULL
    UNION ALL
    SELECT review_due, 18, id, decision, decided_on, rationale, NULL, NULL, NULL, NULL, NULL
      FROM retention WHERE case_id = ?1
    UNION ALL
    SELECT attached_on, 19, id, title, file_name, attached_by, NULL, NULL, NULL, size_bytes, NULL
      FROM case_document WHERE case_id = ?1
    UNION ALL
    SELECT collected_on, 20, id, person_role, comments,
           (SELECT given_names || ' ' || family_name FROM person WHERE id = person_id),
           (SELECT role FROM case_party cp WHERE cp.case_id = ?1 AND cp.person_id = feedback.person_id
             ORDER BY role = 'harmed' DESC, role = 'offender' DESC LIMIT 1), NULL,
           felt_safe, satisfied, would_recommend
      FROM feedback WHERE case_id = ?1
)";

const TIMELINE: Keyset = Keyset {
    with: TIMELINE_WITH,
    // A condition still due also says how far it has got: its running
    // totals, read by its id for the rows of the page only.
    select: "d, r, i, t1, t2, t3, t4, t5, x1, n1, n2,
             CASE r WHEN 6 THEN (SELECT hours_completed FROM condition WHERE id = i) END AS x2,
             CASE r WHEN 6 THEN (SELECT amount_paid_pence FROM condition WHERE id = i) END AS n3",
    from: "ev",
    filter: "d IS NOT NULL",
    key: &["d", "r", "i"],
};

impl Store {
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
        TIMELINE.page(self, vec![Value::Integer(case_id)], seek, limit, read_entry, TimelineEntry::key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_status::CaseStatus;
    use crate::domain::status::RjStatus;
    use crate::domain::types::{Service, Source};
    use crate::store::model::NewCase;
    use crate::store::views::case::TimelineEvent;

    #[test]
    fn a_status_change_reads_as_the_statuses_of_its_service() {
        // "withdrawn" is a status of both machines: the case's service decides.
        let mut store = Store::open_in_memory().unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        store
            .write(|tx| {
                let case = tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, on))?;
                tx.change_status(case.id, "withdrawn", on)
            })
            .unwrap();
        let page = store.case_timeline(1, &Seek::First, 10).unwrap();
        let changes: Vec<&TimelineEvent> =
            page.rows.iter().filter(|e| e.kind == EventKind::StatusChange).map(|e| &e.event).collect();
        assert_eq!(changes.len(), 1, "{changes:?}");
        let TimelineEvent::StatusChange { from, to, .. } = changes[0] else { unreachable!() };
        assert_eq!((*from, *to), (Some(CaseStatus::Rj(RjStatus::Received)), CaseStatus::Rj(RjStatus::Withdrawn)));
        let received = page.rows.iter().find(|e| e.kind == EventKind::Received).map(|e| &e.event);
        assert!(
            matches!(
                received,
                Some(TimelineEvent::Received { service: Service::Mediation, source: Source::Housing, .. })
            ),
            "{received:?}"
        );
    }

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
}
