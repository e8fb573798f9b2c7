-- The day a restorative referral's sense-check ended: its first move out of
-- received / sense-check to a working status (DOMAIN.md §9.3). Reports count
-- sense-check times by this day; until now they read each case's status
-- history back out of the audit log, which at a force's caseload took
-- seconds per report. `change_status` sets it from now on (audited, so undo
-- clears it again); existing cases take it from their audit history once.
ALTER TABLE case_file ADD COLUMN sense_checked_on TEXT;

UPDATE case_file SET sense_checked_on = (
    SELECT json_extract(a.after_json, '$.status_changed_on') FROM audit_log a
    WHERE a.case_id = case_file.id AND a.entity = 'case_file' AND a.entity_id = CAST(case_file.id AS TEXT)
      AND a.op = 'alter'
      AND json_extract(a.before_json, '$.status') IN ('received', 'sense_check')
      AND json_extract(a.after_json, '$.status') NOT IN ('received', 'sense_check', 'withdrawn', 'paused', 'closed')
      AND NOT EXISTS (SELECT 1 FROM undo_log u WHERE u.txn = a.txn)
      AND NOT EXISTS (SELECT 1 FROM undo_log u WHERE u.undone_by_txn = a.txn)
    ORDER BY a.id LIMIT 1)
WHERE service IN ('restorative_justice', 'mediation')
  AND status NOT IN ('received', 'sense_check');

CREATE INDEX case_file_sense_checked ON case_file (sense_checked_on) WHERE sense_checked_on IS NOT NULL;
