-- Issue 13 §5: the at-risk timer (AT_RISK_WD) read by Today's "Waiting too
-- long" section: a referral with its coordinator, contacting the parties or
-- preparing them, with no progress recorded (no status change and no contact
-- logged) for longer than the timer. The section walks the first index in
-- the order it lists them, and asks the second whether a contact was logged
-- since the status last changed, reading index pages only.
CREATE INDEX IF NOT EXISTS case_file_at_risk ON case_file (status_changed_on, id, ref, service, status)
    WHERE status IN ('contacting_parties', 'preparation');
CREATE INDEX IF NOT EXISTS contact_log_case_day ON contact_log (case_id, occurred_on);
