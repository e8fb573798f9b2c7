//! The marks that triggers keep on rows (migrations 0006, 0007 and later), set
//! after a bulk load: the load drops the triggers of the tables it writes,
//! so its rows arrive with each mark's default, and these statements give
//! every row the mark its triggers would have given it. They run before the
//! indexes are rebuilt (so no index is kept up to date row by row), each
//! touching only rows whose mark differs from the default, and each reading
//! other tables by primary key or through one uncorrelated subquery.

pub(super) const SET_MARKS: &[&str] = &[
    // 0006: a condition with an open breach awaits a decision.
    "UPDATE condition SET breach_open = 1 WHERE breach_open = 0
       AND id IN (SELECT condition_id FROM breach WHERE status = 'open' AND condition_id IS NOT NULL)",
    // 0006: an agreement of a closed or withdrawn case is not open work.
    "UPDATE outcome_agreement SET case_open = 0 WHERE case_open = 1
       AND process_id IN (SELECT p.id FROM rj_process p JOIN case_file c ON c.id = p.case_id
                           WHERE c.status IN ('closed', 'withdrawn'))",
    // 0006: a held process of a case at the held stage awaits its agreement.
    "UPDATE rj_process SET agreement_awaited = 1 WHERE agreement_awaited = 0 AND status = 'held'
       AND id NOT IN (SELECT process_id FROM outcome_agreement)
       AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = rj_process.case_id
                     AND c.service IN ('restorative_justice', 'mediation')
                     AND c.status IN ('process_arranged', 'process_held'))",
    // 0007: rows of a closed or withdrawn case are not live.
    "UPDATE condition SET case_live = 0 WHERE case_live = 1
       AND case_id IN (SELECT id FROM case_file WHERE status IN ('closed', 'withdrawn'))",
    "UPDATE contact_log SET case_live = 0 WHERE case_live = 1
       AND case_id IN (SELECT id FROM case_file WHERE status IN ('closed', 'withdrawn'))",
    "UPDATE agreement_item SET case_live = 0 WHERE case_live = 1
       AND agreement_id IN (SELECT a.id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
                              JOIN case_file c ON c.id = p.case_id WHERE c.status IN ('closed', 'withdrawn'))",
    // 0016: the disposal of a closed or withdrawn case is not live.
    "UPDATE oocd_disposal SET case_live = 0 WHERE case_live = 1
       AND case_id IN (SELECT id FROM case_file WHERE status IN ('closed', 'withdrawn'))",
    // 0020: each disposal's counts of its case's conditions, all and open.
    "UPDATE oocd_disposal SET conditions_held = k.held, conditions_open = k.open
       FROM (SELECT case_id, count(*) AS held,
                    sum(status IN ('active', 'referred', 'booked', 'in_progress', 'varied')) AS open
               FROM condition GROUP BY case_id) AS k
      WHERE k.case_id = oocd_disposal.case_id",
    // 0025: an agreement whose items are all closed, from the last closing.
    "UPDATE outcome_agreement SET items_settled_on = k.settled
       FROM (SELECT agreement_id, max(completed_on) AS settled FROM agreement_item GROUP BY agreement_id
              HAVING sum(status IN ('open', 'overdue')) = 0 AND max(completed_on) IS NOT NULL) AS k
      WHERE k.agreement_id = outcome_agreement.id",
    // 0028: each case's last progress: its status change, or a later
    // contact, checklist answer or meeting not cancelled.
    "UPDATE case_file SET progress_on = status_changed_on WHERE progress_on IS NULL",
    "UPDATE case_file SET progress_on = k.day
       FROM (SELECT case_id, max(day) AS day
               FROM (SELECT case_id, occurred_on AS day FROM contact_log
                     UNION ALL SELECT case_id, checked_on FROM checklist_answer
                     UNION ALL SELECT case_id, substr(coalesce(held_on, scheduled_for), 1, 10) FROM rj_process
                                WHERE status <> 'cancelled')
              GROUP BY case_id) AS k
      WHERE k.case_id = case_file.id AND k.day > case_file.progress_on",
    // 0037: each coordinator's open cases by service and status, counted
    // afresh (the load's cases and any the desk held before it).
    "DELETE FROM caseload_count",
    super::super::check_caseload::RECOUNT,
];
