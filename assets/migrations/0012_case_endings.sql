-- How a case ended, so it can be reopened where it left off and every
-- ending says who and why (issue 13 §2).
--
-- closed_from: the live status a case left when it was completed, closed or
-- withdrawn; reopening goes back to it. NULL on cases ended before this
-- migration (reopening falls back to the service's working status).
ALTER TABLE case_file ADD COLUMN closed_from TEXT;
-- Who withdrew and why (a reason from the desk's list), plus what was said.
ALTER TABLE case_file ADD COLUMN withdrawn_by TEXT
    CHECK (withdrawn_by IS NULL OR withdrawn_by IN ('harmed_party', 'responsible_party', 'referrer', 'service'));
ALTER TABLE case_file ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE case_file ADD COLUMN withdrawal_note TEXT;
-- An agreement item or condition that ended not done or waived says why;
-- the date it ended is kept in completed_on beside its status.
ALTER TABLE agreement_item ADD COLUMN end_reason TEXT;
ALTER TABLE condition ADD COLUMN end_reason TEXT;
