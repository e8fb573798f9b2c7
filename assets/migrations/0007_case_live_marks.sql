-- Today's headings count open work of live cases (issues #3 and #6). The
-- deadlines and follow-ups each count leave out the items of closed or
-- withdrawn cases, so every count looked up each item's case: at a
-- force-wide desk, some 50,000 lookups for one morning's headings. Each row
-- now carries a mark, `case_live`, 1 while its case is neither closed nor
-- withdrawn, kept by triggers so that every write path (the screens, undo,
-- import, retention, the demo generator) keeps it right without knowing it
-- is there; a partial index holding only the marked open rows makes each
-- count a walk of one index range and nothing else.

ALTER TABLE condition ADD COLUMN case_live INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agreement_item ADD COLUMN case_live INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contact_log ADD COLUMN case_live INTEGER NOT NULL DEFAULT 1;

UPDATE condition SET case_live = 0
 WHERE case_id IN (SELECT id FROM case_file WHERE status IN ('closed', 'withdrawn'));
UPDATE contact_log SET case_live = 0
 WHERE case_id IN (SELECT id FROM case_file WHERE status IN ('closed', 'withdrawn'));
UPDATE agreement_item SET case_live = 0
 WHERE agreement_id IN (SELECT a.id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
                          JOIN case_file c ON c.id = p.case_id WHERE c.status IN ('closed', 'withdrawn'));

-- The filtered columns are in the index too, so SQLite sees that a count
-- reads nothing else.
CREATE INDEX condition_live_due ON condition (due_on, status, case_live)
    WHERE case_live = 1 AND status IN ('active', 'referred', 'booked', 'in_progress', 'varied');
CREATE INDEX agreement_item_live_due ON agreement_item (due_on, status, case_live)
    WHERE case_live = 1 AND status IN ('open', 'overdue');
CREATE INDEX contact_log_live_follow_up ON contact_log (follow_up_on, follow_up_done, case_live)
    WHERE case_live = 1 AND follow_up_done = 0 AND follow_up_on IS NOT NULL;

-- A case closed, withdrawn or reopened (undo included): its rows follow.
CREATE TRIGGER case_file_marks_live AFTER UPDATE OF status ON case_file
    WHEN (OLD.status IN ('closed', 'withdrawn')) IS NOT (NEW.status IN ('closed', 'withdrawn'))
BEGIN
    UPDATE condition SET case_live = NEW.status NOT IN ('closed', 'withdrawn') WHERE case_id = NEW.id;
    UPDATE contact_log SET case_live = NEW.status NOT IN ('closed', 'withdrawn') WHERE case_id = NEW.id;
    UPDATE agreement_item SET case_live = NEW.status NOT IN ('closed', 'withdrawn')
     WHERE agreement_id IN (SELECT a.id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
                             WHERE p.case_id = NEW.id);
END;

-- A row added, moved to another case, or written whole (undo puts back an
-- earlier state of a row, mark and all): its mark is taken from its case.
CREATE TRIGGER condition_case_live_insert AFTER INSERT ON condition
    WHEN NEW.case_live IS NOT COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                         WHERE id = NEW.case_id), 1)
BEGIN
    UPDATE condition SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

CREATE TRIGGER condition_case_live_update AFTER UPDATE OF case_id, case_live ON condition
    WHEN NEW.case_live IS NOT COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                         WHERE id = NEW.case_id), 1)
BEGIN
    UPDATE condition SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

CREATE TRIGGER contact_log_case_live_insert AFTER INSERT ON contact_log
    WHEN NEW.case_live IS NOT COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                         WHERE id = NEW.case_id), 1)
BEGIN
    UPDATE contact_log SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

CREATE TRIGGER contact_log_case_live_update AFTER UPDATE OF case_id, case_live ON contact_log
    WHEN NEW.case_live IS NOT COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                         WHERE id = NEW.case_id), 1)
BEGIN
    UPDATE contact_log SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

CREATE TRIGGER agreement_item_case_live_insert AFTER INSERT ON agreement_item
    WHEN NEW.case_live IS NOT COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                          FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
                                          JOIN case_file c ON c.id = p.case_id WHERE a.id = NEW.agreement_id), 1)
BEGIN
    UPDATE agreement_item SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

CREATE TRIGGER agreement_item_case_live_update AFTER UPDATE OF agreement_id, case_live ON agreement_item
    WHEN NEW.case_live IS NOT COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                          FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
                                          JOIN case_file c ON c.id = p.case_id WHERE a.id = NEW.agreement_id), 1)
BEGIN
    UPDATE agreement_item SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

-- An agreement moved to another process, or a process to another case:
-- the items below it take the mark of their new case.
CREATE TRIGGER outcome_agreement_marks_items_live AFTER UPDATE OF process_id ON outcome_agreement
BEGIN
    UPDATE agreement_item SET case_live = COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                                      FROM rj_process p JOIN case_file c ON c.id = p.case_id
                                                     WHERE p.id = NEW.process_id), 1)
     WHERE agreement_id = NEW.id;
END;

CREATE TRIGGER rj_process_marks_items_live AFTER UPDATE OF case_id ON rj_process
BEGIN
    UPDATE agreement_item SET case_live = COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                                     WHERE id = NEW.case_id), 1)
     WHERE agreement_id IN (SELECT id FROM outcome_agreement WHERE process_id = NEW.id);
END;
