-- Issue 13 §5: the local timers Today reads, and bank holidays kept by hand.
--
-- Today's "Timers run out" section walks one partial index per timer, each
-- holding every column the section reads, in the order it lists them:
-- referrals accepted but with no contact logged since they were received
-- (FIRST_CONTACT_WD), and referrals logged but not yet transferred to a
-- coordinator (TRANSFER_WD). Breaches awaiting a decision (BREACH_CONFIRM_WD)
-- walk `breach_pending` (0004), which already holds them.
CREATE INDEX IF NOT EXISTS case_file_first_contact ON case_file (received_on, id, ref, service, status)
    WHERE status IN ('logged', 'transferred', 'contacting_parties');
CREATE INDEX IF NOT EXISTS case_file_awaiting_transfer ON case_file (status_changed_on, id, ref, service, status)
    WHERE status = 'logged';

-- A computed bank holiday the desk should not count (a day moved by
-- proclamation after this release, say): the computed calendar is code, so
-- removing one of its days is a row here, with why. Added days stay in
-- `bank_holiday` (0001), as before. Both are written through the audited
-- write path.
CREATE TABLE IF NOT EXISTS bank_holiday_removed (
    date   TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);
