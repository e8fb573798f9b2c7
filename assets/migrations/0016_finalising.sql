-- Finalising a disposal (issue 13 §4): the Home Office outcome is recorded
-- in ho_outcome_code (there since 0001) on the day the case is finalised,
-- and the day the police record (Niche) was brought up to date after it.
-- Until then the case sits in Today's "Police record to update"; a live
-- case issued, its conditions all done and not yet finalised, sits in
-- "Ready to finalise". Each section walks one partial index.
ALTER TABLE oocd_disposal ADD COLUMN finalised_on TEXT;
ALTER TABLE oocd_disposal ADD COLUMN police_record_updated_on TEXT;
-- 1 while the case is neither closed nor withdrawn, kept by triggers as
-- 0007 keeps the same mark on conditions, so a case closed without being
-- finalised leaves "Ready to finalise" on every write path.
ALTER TABLE oocd_disposal ADD COLUMN case_live INTEGER NOT NULL DEFAULT 1;

UPDATE oocd_disposal SET case_live = 0
 WHERE case_id IN (SELECT id FROM case_file WHERE status IN ('closed', 'withdrawn'));

-- Each holds every column its section reads (the filtered ones too), so a
-- page or a count reads index pages only, in the list's order.
CREATE INDEX oocd_disposal_to_finalise
    ON oocd_disposal (issued_on, id, case_id, disposal_type, case_live, finalised_on)
    WHERE case_live = 1 AND finalised_on IS NULL AND issued_on IS NOT NULL;
CREATE INDEX oocd_disposal_police_record
    ON oocd_disposal (finalised_on, id, case_id, ho_outcome_code, police_record_updated_on)
    WHERE finalised_on IS NOT NULL AND police_record_updated_on IS NULL;
-- "Are all this case's conditions done?" is asked of each disposal walked.
CREATE INDEX condition_case_status ON condition (case_id, status);

CREATE TRIGGER case_file_marks_disposal_live AFTER UPDATE OF status ON case_file
    WHEN (OLD.status IN ('closed', 'withdrawn')) IS NOT (NEW.status IN ('closed', 'withdrawn'))
BEGIN
    UPDATE oocd_disposal SET case_live = NEW.status NOT IN ('closed', 'withdrawn') WHERE case_id = NEW.id;
END;

CREATE TRIGGER oocd_disposal_case_live_insert AFTER INSERT ON oocd_disposal
    WHEN NEW.case_live IS NOT COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                         WHERE id = NEW.case_id), 1)
BEGIN
    UPDATE oocd_disposal SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;

CREATE TRIGGER oocd_disposal_case_live_update AFTER UPDATE OF case_id, case_live ON oocd_disposal
    WHEN NEW.case_live IS NOT COALESCE((SELECT status NOT IN ('closed', 'withdrawn') FROM case_file
                                         WHERE id = NEW.case_id), 1)
BEGIN
    UPDATE oocd_disposal SET case_live = NOT NEW.case_live WHERE id = NEW.id;
END;
