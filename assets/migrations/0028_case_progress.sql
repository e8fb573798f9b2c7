-- Issue 13 §5: the at-risk timer counts from a case's last recorded
-- progress, not from its last status change alone: a contact logged, a
-- checklist answer, a meeting booked or held all count. Each case carries
-- that date (`progress_on`), kept by triggers on every path that writes
-- one of those rows (bulk loads set it afterwards, like the other marks),
-- and Today's "no progress recorded" arm walks an index in its order.
--
-- A meeting counts from the day it is (or was) held: one booked for next
-- month leaves nothing at risk before then. A cancelled one counts for
-- nothing.

-- Every update of a case re-indexed its words for search, whatever column
-- moved; now only the searched columns do, so keeping this date (and a
-- status change) costs no search update.
DROP TRIGGER case_file_search_update;
CREATE TRIGGER case_file_search_update
    AFTER UPDATE OF id, ref, crime_ref, offence_desc, notes, harm_summary, referrer_name ON case_file
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 2;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2,
        new.ref || ' ' || coalesce(new.crime_ref, '') || ' ' || coalesce(new.offence_desc, '') || ' '
        || coalesce(new.notes, '') || ' ' || coalesce(new.harm_summary, '') || ' ' || coalesce(new.referrer_name, ''));
END;

ALTER TABLE case_file ADD COLUMN progress_on TEXT;

UPDATE case_file SET progress_on = status_changed_on;
UPDATE case_file SET progress_on = k.day
  FROM (SELECT case_id, max(day) AS day
          FROM (SELECT case_id, occurred_on AS day FROM contact_log
                UNION ALL SELECT case_id, checked_on FROM checklist_answer
                UNION ALL SELECT case_id, substr(coalesce(held_on, scheduled_for), 1, 10) FROM rj_process
                           WHERE status <> 'cancelled')
         GROUP BY case_id) AS k
 WHERE k.case_id = case_file.id AND k.day > case_file.progress_on;

-- A case written whole (a new one, an undo writing a row back, an import)
-- or whose status moves has its date worked out again; a date that
-- disagrees is put right at once.
CREATE TRIGGER case_file_progress_insert AFTER INSERT ON case_file
BEGIN
    UPDATE case_file SET progress_on = (
        SELECT max(day) FROM (
            SELECT NEW.status_changed_on AS day
            UNION ALL SELECT max(occurred_on) FROM contact_log WHERE case_id = NEW.id
            UNION ALL SELECT max(checked_on) FROM checklist_answer WHERE case_id = NEW.id
            UNION ALL SELECT max(substr(coalesce(held_on, scheduled_for), 1, 10)) FROM rj_process
                       WHERE case_id = NEW.id AND status <> 'cancelled'))
     WHERE id = NEW.id;
END;

CREATE TRIGGER case_file_progress_update AFTER UPDATE OF id, status_changed_on, progress_on ON case_file
    WHEN NEW.progress_on IS NOT (
        SELECT max(day) FROM (
            SELECT NEW.status_changed_on AS day
            UNION ALL SELECT max(occurred_on) FROM contact_log WHERE case_id = NEW.id
            UNION ALL SELECT max(checked_on) FROM checklist_answer WHERE case_id = NEW.id
            UNION ALL SELECT max(substr(coalesce(held_on, scheduled_for), 1, 10)) FROM rj_process
                       WHERE case_id = NEW.id AND status <> 'cancelled'))
BEGIN
    UPDATE case_file SET progress_on = (
        SELECT max(day) FROM (
            SELECT NEW.status_changed_on AS day
            UNION ALL SELECT max(occurred_on) FROM contact_log WHERE case_id = NEW.id
            UNION ALL SELECT max(checked_on) FROM checklist_answer WHERE case_id = NEW.id
            UNION ALL SELECT max(substr(coalesce(held_on, scheduled_for), 1, 10)) FROM rj_process
                       WHERE case_id = NEW.id AND status <> 'cancelled'))
     WHERE id = NEW.id;
END;

-- A row that counts as progress, written, moved or removed: its case's
-- date is cleared, and the trigger above works it out again.
CREATE TRIGGER contact_log_progress_insert AFTER INSERT ON contact_log
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id = NEW.case_id;
END;
CREATE TRIGGER contact_log_progress_delete AFTER DELETE ON contact_log
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id = OLD.case_id;
END;
CREATE TRIGGER contact_log_progress_update AFTER UPDATE OF case_id, occurred_on ON contact_log
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id IN (OLD.case_id, NEW.case_id);
END;

CREATE TRIGGER checklist_answer_progress_insert AFTER INSERT ON checklist_answer
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id = NEW.case_id;
END;
CREATE TRIGGER checklist_answer_progress_delete AFTER DELETE ON checklist_answer
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id = OLD.case_id;
END;
CREATE TRIGGER checklist_answer_progress_update AFTER UPDATE OF case_id, checked_on ON checklist_answer
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id IN (OLD.case_id, NEW.case_id);
END;

CREATE TRIGGER rj_process_progress_insert AFTER INSERT ON rj_process
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id = NEW.case_id;
END;
CREATE TRIGGER rj_process_progress_delete AFTER DELETE ON rj_process
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id = OLD.case_id;
END;
CREATE TRIGGER rj_process_progress_update AFTER UPDATE OF case_id, scheduled_for, held_on, status ON rj_process
BEGIN
    UPDATE case_file SET progress_on = NULL WHERE id IN (OLD.case_id, NEW.case_id);
END;

-- The at-risk arm walks referrals contacting or preparing the parties in
-- the order their progress stopped, holding every column it reads.
CREATE INDEX case_file_at_risk_progress ON case_file (progress_on, id, ref, service, status)
    WHERE status IN ('contacting_parties', 'preparation');
DROP INDEX case_file_at_risk;

-- Issue 14 §1: how many days ahead Today shows a facilitator's vetting
-- running out is a local rule, like the timers, not a figure in the code.
-- A desk made since has it from its first migration.
INSERT OR IGNORE INTO rule (id, key, value, unit, source, confidence)
    VALUES ('VETTING_WARNING_DAYS', 'vetting_warning_days', 30, 'days', 'local default', 'unverified');

-- Issue 15 §1: each service's logo for the top of its Word letters, kept
-- in the desk (a PNG or JPEG, size-limited by the write path) with its kind.
ALTER TABLE service_profile ADD COLUMN logo BLOB;
ALTER TABLE service_profile ADD COLUMN logo_type TEXT CHECK (logo_type IN ('png', 'jpeg'));
