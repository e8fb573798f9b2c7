-- Today, the end-of-day summary and `casedesk today` read tens of thousands
-- of open items on a force-wide desk. These indexes hold every column those
-- reads need, so they walk small index pages instead of fetching each row
-- (and its wide case row) from the tables: at 100,000 cases that is the
-- difference between reading ~1,000 pages and ~20,000.
--
-- The open-item indexes are widened in place under their old names, keeping
-- their order (due date, then id), so the Deadlines list still walks them
-- page by page without a sort.

DROP INDEX IF EXISTS condition_open_due;
CREATE INDEX condition_open_due ON condition (due_on, id, status, case_id, kind, provider_id, description)
    WHERE status IN ('active', 'referred', 'booked', 'in_progress', 'varied');

DROP INDEX IF EXISTS agreement_item_open_due;
CREATE INDEX agreement_item_open_due ON agreement_item (due_on, id, status, agreement_id, kind, owner, description)
    WHERE status IN ('open', 'overdue');

-- Only contacts that asked for a follow-up: most ask for none.
DROP INDEX IF EXISTS contact_log_follow_up;
CREATE INDEX contact_log_follow_up ON contact_log (follow_up_on, id, follow_up_done, case_id, channel, summary)
    WHERE follow_up_done = 0 AND follow_up_on IS NOT NULL;

DROP INDEX IF EXISTS retention_due;
CREATE INDEX retention_due ON retention (review_due, id, decision, case_id, closed_on) WHERE decision IS NULL;

-- Whether the newest decision on a case awaits a manager (Today's checklists).
DROP INDEX IF EXISTS decision_case;
CREATE INDEX decision_case ON decision (case_id, id, decision, manager_signoff_by);

-- From an item to its case: the few case columns a list shows. Lists name it
-- with INDEXED BY, since SQLite would otherwise read the wide case row.
CREATE INDEX IF NOT EXISTS case_file_live ON case_file (id, status, service, ref);

-- From an agreement to its process, and from a process to its case: the
-- steps from an agreement item to its case, without the wide rows.
CREATE INDEX IF NOT EXISTS outcome_agreement_to_process ON outcome_agreement (id, process_id);
CREATE INDEX IF NOT EXISTS rj_process_to_case ON rj_process (id, case_id);

-- Cases by status: the checklists section and the pipeline counts.
CREATE INDEX IF NOT EXISTS case_file_status ON case_file (status, service, status_changed_on, ref);

-- Open cases by status and service: the summary's pipeline counts read only
-- these, not the years of closed cases.
CREATE INDEX IF NOT EXISTS case_file_open_status ON case_file (status, service)
    WHERE status NOT IN ('closed', 'withdrawn');

-- Referrals awaiting their sense-check, oldest first.
CREATE INDEX IF NOT EXISTS case_file_new_referrals
    ON case_file (received_on, id, service, status, ref, offence_desc)
    WHERE status IN ('received', 'sense_check');

-- Meetings ahead (Today and the summary), by when they are.
DROP INDEX IF EXISTS rj_process_scheduled;
CREATE INDEX rj_process_scheduled ON rj_process (scheduled_for, id, status, case_id, kind, venue, room_booked)
    WHERE status IN ('planned', 'confirmed');

-- The end-of-day summary: breaches awaiting a decision, harmed parties not
-- yet told the result of an agreement whose items are all closed, and
-- Victims' Code timers not yet met.
CREATE INDEX IF NOT EXISTS breach_pending ON breach (identified_on, id, decision, case_id, referred_to, decision_on)
    WHERE decision = 'pending';
CREATE INDEX IF NOT EXISTS outcome_agreement_uninformed
    ON outcome_agreement (id, process_id, status, harmed_party_informed_of_result_on)
    WHERE harmed_party_informed_of_result_on IS NULL;
CREATE INDEX IF NOT EXISTS agreement_item_open_by_agreement ON agreement_item (agreement_id, status)
    WHERE status IN ('open', 'overdue');
CREATE INDEX IF NOT EXISTS case_file_victim_info_pending
    ON case_file (victim_rj_info_due, victim_rj_info_given_on, ref)
    WHERE victim_rj_info_due IS NOT NULL AND victim_rj_info_given_on IS NULL;
