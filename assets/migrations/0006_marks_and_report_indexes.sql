-- Keypresses at a million items (issue #6) and reports over a year.
--
-- Three lists walked history to find open work (parts 1 to 3). Each gets a
-- mark on the row it walks, kept by triggers so that every write path --
-- the screens, undo, import, the demo generator -- keeps it right without
-- knowing it is there, and a partial index holding only the marked rows.
-- The lists still check what a mark stands for, so a row is only shown if
-- it belongs; `tests/store/marks.rs` checks the marks against it.
--
-- The period reports read every row of their period (part 4): their
-- indexes are widened to hold what the reports read.

-- 1. Conditions whose breach awaits a decision (Deadlines; DOMAIN.md §2.5,
-- §12.3). Recording a breach leaves the condition not completed, and it
-- stays so after the decision, so `condition_breach_due` (0002) held every
-- condition ever breached: the list walked that history, which only grows,
-- to reach the few still awaiting a decision. `breach_open` is 1 while a
-- breach of the condition is open.
ALTER TABLE condition ADD COLUMN breach_open INTEGER NOT NULL DEFAULT 0;

UPDATE condition SET breach_open = 1
 WHERE id IN (SELECT condition_id FROM breach WHERE status = 'open' AND condition_id IS NOT NULL);

DROP INDEX IF EXISTS condition_breach_due;
-- Holding every column the walk reads, so that a page's keys come from the
-- index alone.
CREATE INDEX condition_breach_open_due ON condition (due_on, id, case_id, provider_id, status, breach_open)
    WHERE breach_open = 1 AND status IN ('draft', 'not_completed', 'breached');
-- The same rows for one provider, in due-date order.
CREATE INDEX condition_breach_open_provider ON condition (provider_id, due_on, id, case_id, status, breach_open)
    WHERE breach_open = 1 AND status IN ('draft', 'not_completed', 'breached');

-- Open conditions of one provider (0001's index, widened in place): with
-- the case and status in the index, the provider filter's count and a
-- page's keys are read from the index alone.
DROP INDEX IF EXISTS condition_provider_open_due;
CREATE INDEX condition_provider_open_due ON condition (provider_id, due_on, id, case_id, status)
    WHERE status IN ('active', 'referred', 'booked', 'in_progress', 'varied');

-- A breach opened, decided, moved to another condition or removed (undo):
-- the conditions it names are marked again from their breaches. Every
-- trigger here writes a row only when its mark is wrong: a write that
-- changes nothing still costs an update of the row and its indexes.
CREATE TRIGGER breach_marks_condition_insert AFTER INSERT ON breach WHEN NEW.condition_id IS NOT NULL
BEGIN
    UPDATE condition SET breach_open = EXISTS (
        SELECT 1 FROM breach b WHERE b.condition_id = condition.id AND b.status = 'open')
     WHERE id = NEW.condition_id
       AND breach_open IS NOT EXISTS (
           SELECT 1 FROM breach b WHERE b.condition_id = condition.id AND b.status = 'open');
END;

CREATE TRIGGER breach_marks_condition_update AFTER UPDATE OF condition_id, status ON breach
BEGIN
    UPDATE condition SET breach_open = EXISTS (
        SELECT 1 FROM breach b WHERE b.condition_id = condition.id AND b.status = 'open')
     WHERE id IN (OLD.condition_id, NEW.condition_id)
       AND breach_open IS NOT EXISTS (
           SELECT 1 FROM breach b WHERE b.condition_id = condition.id AND b.status = 'open');
END;

CREATE TRIGGER breach_marks_condition_delete AFTER DELETE ON breach WHEN OLD.condition_id IS NOT NULL
BEGIN
    UPDATE condition SET breach_open = EXISTS (
        SELECT 1 FROM breach b WHERE b.condition_id = condition.id AND b.status = 'open')
     WHERE id = OLD.condition_id
       AND breach_open IS NOT EXISTS (
           SELECT 1 FROM breach b WHERE b.condition_id = condition.id AND b.status = 'open');
END;

-- A condition row written whole (undo puts back an earlier state of the row,
-- or a removed row) brings the mark it had then: take it from the breaches.
CREATE TRIGGER condition_breach_open_insert AFTER INSERT ON condition
    WHEN NEW.breach_open IS NOT EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = NEW.id AND b.status = 'open')
BEGIN
    UPDATE condition SET breach_open = EXISTS (
        SELECT 1 FROM breach b WHERE b.condition_id = NEW.id AND b.status = 'open')
     WHERE id = NEW.id;
END;

CREATE TRIGGER condition_breach_open_update AFTER UPDATE OF breach_open ON condition
    WHEN NEW.breach_open IS NOT EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = NEW.id AND b.status = 'open')
BEGIN
    UPDATE condition SET breach_open = EXISTS (
        SELECT 1 FROM breach b WHERE b.condition_id = NEW.id AND b.status = 'open')
     WHERE id = NEW.id;
END;

-- 2. Agreements of open cases (the Agreements screen; DOMAIN.md §9.10).
-- Agreements are listed oldest first, and the oldest belong to cases closed
-- long ago: the first page walked every agreement of a closed case before
-- the first open one. `case_open` is 1 while the agreement's case is
-- neither closed nor withdrawn.
ALTER TABLE outcome_agreement ADD COLUMN case_open INTEGER NOT NULL DEFAULT 1;

UPDATE outcome_agreement SET case_open = 0
 WHERE process_id IN (SELECT p.id FROM rj_process p JOIN case_file c ON c.id = p.case_id
                       WHERE c.status IN ('closed', 'withdrawn'));

CREATE INDEX outcome_agreement_open_case ON outcome_agreement (agreed_on, id) WHERE case_open = 1;

-- A case closed, withdrawn or reopened (undo included): its agreements follow.
CREATE TRIGGER case_file_marks_agreements AFTER UPDATE OF status ON case_file
    WHEN (OLD.status IN ('closed', 'withdrawn')) IS NOT (NEW.status IN ('closed', 'withdrawn'))
BEGIN
    UPDATE outcome_agreement SET case_open = NEW.status NOT IN ('closed', 'withdrawn')
     WHERE process_id IN (SELECT id FROM rj_process WHERE case_id = NEW.id);
END;

-- A process moved to another case.
CREATE TRIGGER rj_process_marks_agreements AFTER UPDATE OF case_id ON rj_process
BEGIN
    UPDATE outcome_agreement SET case_open = COALESCE(
        (SELECT status NOT IN ('closed', 'withdrawn') FROM case_file WHERE id = NEW.case_id), 1)
     WHERE process_id = NEW.id;
END;

-- An agreement added, moved to another process, or written whole (undo):
-- its mark is taken from its case.
CREATE TRIGGER outcome_agreement_case_open_insert AFTER INSERT ON outcome_agreement
    WHEN NEW.case_open IS NOT COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                          FROM rj_process p JOIN case_file c ON c.id = p.case_id
                                         WHERE p.id = NEW.process_id), 1)
BEGIN
    UPDATE outcome_agreement SET case_open = COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                                         FROM rj_process p JOIN case_file c ON c.id = p.case_id
                                                        WHERE p.id = NEW.process_id), 1)
     WHERE id = NEW.id;
END;

CREATE TRIGGER outcome_agreement_case_open_update AFTER UPDATE OF process_id, case_open ON outcome_agreement
    WHEN NEW.case_open IS NOT COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                          FROM rj_process p JOIN case_file c ON c.id = p.case_id
                                         WHERE p.id = NEW.process_id), 1)
BEGIN
    UPDATE outcome_agreement SET case_open = COALESCE((SELECT c.status NOT IN ('closed', 'withdrawn')
                                                         FROM rj_process p JOIN case_file c ON c.id = p.case_id
                                                        WHERE p.id = NEW.process_id), 1)
     WHERE id = NEW.id;
END;

-- 3. Held processes awaiting their outcome agreement (the Agreements
-- screen's first part). They were found from the cases at that stage and
-- sorted on every page: at a million items, thousands of cases read and a
-- few thousand rows sorted per keypress. `agreement_awaited` is 1 while the
-- process is held, has no agreement, and its restorative case is at the
-- held stage (process arranged or held), so a page walks them in order.
ALTER TABLE rj_process ADD COLUMN agreement_awaited INTEGER NOT NULL DEFAULT 0;

UPDATE rj_process SET agreement_awaited = 1
 WHERE status = 'held'
   AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = rj_process.id)
   AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = rj_process.case_id
                 AND c.service IN ('restorative_justice', 'mediation')
                 AND c.status IN ('process_arranged', 'process_held'));

CREATE INDEX rj_process_agreement_awaited ON rj_process (COALESCE(held_on, ''), id) WHERE agreement_awaited = 1;

-- A process added, held, moved or written whole (undo): its mark is taken
-- from its status, its agreements and its case.
CREATE TRIGGER rj_process_agreement_awaited_insert AFTER INSERT ON rj_process
    WHEN NEW.agreement_awaited IS NOT (
            NEW.status = 'held'
            AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = NEW.id)
            AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = NEW.case_id
                          AND c.service IN ('restorative_justice', 'mediation')
                          AND c.status IN ('process_arranged', 'process_held')))
BEGIN
    UPDATE rj_process SET agreement_awaited = (
            NEW.status = 'held'
            AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = NEW.id)
            AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = NEW.case_id
                          AND c.service IN ('restorative_justice', 'mediation')
                          AND c.status IN ('process_arranged', 'process_held')))
     WHERE id = NEW.id;
END;

CREATE TRIGGER rj_process_agreement_awaited_update AFTER UPDATE OF status, case_id, agreement_awaited ON rj_process
    WHEN NEW.agreement_awaited IS NOT (
            NEW.status = 'held'
            AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = NEW.id)
            AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = NEW.case_id
                          AND c.service IN ('restorative_justice', 'mediation')
                          AND c.status IN ('process_arranged', 'process_held')))
BEGIN
    UPDATE rj_process SET agreement_awaited = (
            NEW.status = 'held'
            AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = NEW.id)
            AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = NEW.case_id
                          AND c.service IN ('restorative_justice', 'mediation')
                          AND c.status IN ('process_arranged', 'process_held')))
     WHERE id = NEW.id;
END;

-- An agreement recorded, moved or removed (undo): the processes it names.
CREATE TRIGGER outcome_agreement_marks_process_insert AFTER INSERT ON outcome_agreement
BEGIN
    UPDATE rj_process SET agreement_awaited = 0 WHERE id = NEW.process_id AND agreement_awaited <> 0;
END;

CREATE TRIGGER outcome_agreement_marks_process_update AFTER UPDATE OF process_id ON outcome_agreement
BEGIN
    UPDATE rj_process SET agreement_awaited = (
        status = 'held'
        AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = rj_process.id)
        AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = rj_process.case_id
                      AND c.service IN ('restorative_justice', 'mediation')
                      AND c.status IN ('process_arranged', 'process_held')))
     WHERE id IN (OLD.process_id, NEW.process_id);
END;

CREATE TRIGGER outcome_agreement_marks_process_delete AFTER DELETE ON outcome_agreement
BEGIN
    UPDATE rj_process SET agreement_awaited = (
        status = 'held'
        AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = rj_process.id)
        AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = rj_process.case_id
                      AND c.service IN ('restorative_justice', 'mediation')
                      AND c.status IN ('process_arranged', 'process_held')))
     WHERE id = OLD.process_id;
END;

-- A case moved into or out of the held stage (undo included), or to
-- another service: its processes follow.
CREATE TRIGGER case_file_marks_processes AFTER UPDATE OF status, service ON case_file
    WHEN (OLD.service IN ('restorative_justice', 'mediation') AND OLD.status IN ('process_arranged', 'process_held'))
      IS NOT (NEW.service IN ('restorative_justice', 'mediation') AND NEW.status IN ('process_arranged', 'process_held'))
BEGIN
    UPDATE rj_process SET agreement_awaited = (
        status = 'held'
        AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = rj_process.id)
        AND NEW.service IN ('restorative_justice', 'mediation')
        AND NEW.status IN ('process_arranged', 'process_held'))
     WHERE case_id = NEW.id AND status = 'held'
       AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = rj_process.id);
END;

-- 4. The period reports (Reports screen, `casedesk report`) count a year of
-- referrals, decisions and completions: each of these indexes, widened in
-- place under its old name (same leading column, so every other use stays),
-- holds every column its report query reads, so a report reads index pages
-- instead of fetching each row. At 100,000 cases a year's report read
-- about 100,000 wide rows.
DROP INDEX IF EXISTS case_file_received;
CREATE INDEX case_file_received
    ON case_file (received_on, source, service, status, status_changed_on, closed_on, closure_outcome);

DROP INDEX IF EXISTS case_file_sense_checked;
CREATE INDEX case_file_sense_checked ON case_file (sense_checked_on, service, received_on)
    WHERE sense_checked_on IS NOT NULL;

DROP INDEX IF EXISTS case_file_victim_info_due;
CREATE INDEX case_file_victim_info_due ON case_file (victim_rj_info_due, victim_rj_info_given_on)
    WHERE victim_rj_info_due IS NOT NULL;

DROP INDEX IF EXISTS decision_day;
CREATE INDEX decision_day ON decision (decided_on, decision, case_id);

DROP INDEX IF EXISTS condition_completed_on;
CREATE INDEX condition_completed_on ON condition (completed_on, status, due_on) WHERE completed_on IS NOT NULL;

DROP INDEX IF EXISTS breach_identified;
CREATE INDEX breach_identified ON breach (identified_on, condition_id);

DROP INDEX IF EXISTS outcome_agreement_informed;
CREATE INDEX outcome_agreement_informed ON outcome_agreement (harmed_party_informed_of_result_on, status)
    WHERE harmed_party_informed_of_result_on IS NOT NULL;

DROP INDEX IF EXISTS agreement_item_completed;
CREATE INDEX agreement_item_completed ON agreement_item (completed_on, status) WHERE completed_on IS NOT NULL;
