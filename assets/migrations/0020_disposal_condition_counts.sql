-- "Ready to finalise" asked every unfinalised disposal two questions of its
-- case's conditions (is any open? is there any?): 28 ms at 100,000 cases,
-- most of Today's time. Each disposal now carries both answers as counts,
-- kept by triggers on every path that writes a condition (bulk loads set
-- them afterwards, like the other marks), and the section's partial index
-- holds only the disposals those counts make ready.
ALTER TABLE oocd_disposal ADD COLUMN conditions_held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE oocd_disposal ADD COLUMN conditions_open INTEGER NOT NULL DEFAULT 0;

UPDATE oocd_disposal
   SET conditions_held = k.held, conditions_open = k.open
  FROM (SELECT case_id, count(*) AS held,
               sum(status IN ('active', 'referred', 'booked', 'in_progress', 'varied')) AS open
          FROM condition GROUP BY case_id) AS k
 WHERE k.case_id = oocd_disposal.case_id;

CREATE TRIGGER condition_counts_insert AFTER INSERT ON condition
BEGIN
    UPDATE oocd_disposal
       SET conditions_held = conditions_held + 1,
           conditions_open = conditions_open + (NEW.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
     WHERE case_id = NEW.case_id;
END;

CREATE TRIGGER condition_counts_delete AFTER DELETE ON condition
BEGIN
    UPDATE oocd_disposal
       SET conditions_held = conditions_held - 1,
           conditions_open = conditions_open - (OLD.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
     WHERE case_id = OLD.case_id;
END;

CREATE TRIGGER condition_counts_update AFTER UPDATE OF case_id, status ON condition
    WHEN OLD.case_id IS NOT NEW.case_id
      OR (OLD.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
         IS NOT (NEW.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
BEGIN
    UPDATE oocd_disposal
       SET conditions_held = conditions_held - 1,
           conditions_open = conditions_open - (OLD.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
     WHERE case_id = OLD.case_id;
    UPDATE oocd_disposal
       SET conditions_held = conditions_held + 1,
           conditions_open = conditions_open + (NEW.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
     WHERE case_id = NEW.case_id;
END;

-- A disposal written after its conditions (an undo putting one back, an
-- import) counts them itself, whatever counts it was given; so does one
-- moved to another case, or whose counts are written wrong (an undo writes
-- whole rows back): a count that disagrees is put right at once.
CREATE TRIGGER oocd_disposal_counts_insert AFTER INSERT ON oocd_disposal
BEGIN
    UPDATE oocd_disposal
       SET conditions_held = (SELECT count(*) FROM condition WHERE case_id = NEW.case_id),
           conditions_open = (SELECT count(*) FROM condition WHERE case_id = NEW.case_id
                               AND status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
     WHERE id = NEW.id;
END;

CREATE TRIGGER oocd_disposal_counts_update AFTER UPDATE OF case_id, conditions_held, conditions_open ON oocd_disposal
    WHEN NEW.conditions_held IS NOT (SELECT count(*) FROM condition WHERE case_id = NEW.case_id)
      OR NEW.conditions_open IS NOT (SELECT count(*) FROM condition WHERE case_id = NEW.case_id
                                      AND status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
BEGIN
    UPDATE oocd_disposal
       SET conditions_held = (SELECT count(*) FROM condition WHERE case_id = NEW.case_id),
           conditions_open = (SELECT count(*) FROM condition WHERE case_id = NEW.case_id
                               AND status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
     WHERE id = NEW.id;
END;

-- Ready to finalise: live, issued, not finalised, no condition open, and a
-- condition on file unless the disposal takes none (a youth caution). It
-- holds every column the section reads, the filtered ones too (as 0016's
-- index it replaces did), so a page or a count reads index pages only.
CREATE INDEX oocd_disposal_ready
    ON oocd_disposal (issued_on, id, case_id, disposal_type, case_live, finalised_on, conditions_open, conditions_held)
    WHERE case_live = 1 AND finalised_on IS NULL AND issued_on IS NOT NULL
      AND conditions_open = 0 AND (conditions_held > 0 OR disposal_type = 'youth_caution');
DROP INDEX oocd_disposal_to_finalise;
