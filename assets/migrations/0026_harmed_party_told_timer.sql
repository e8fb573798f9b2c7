-- Issue 13 §5: the timer HARMED_INFORMED_WD read by Today's "Waiting too
-- long" section: an agreement whose items are all closed (done, not done or
-- waived) and whose harmed party has not been told the result, due that
-- many working days after the last item closed (DOMAIN.md §9.9).
-- `items_settled_on` is the last item's closing date once none is open,
-- else NULL, kept by triggers so Today walks one partial index in date order.
ALTER TABLE outcome_agreement ADD COLUMN items_settled_on TEXT;

-- What the mark should be for each agreement, in one place for the triggers.
CREATE VIEW agreement_settled AS
SELECT a.id, CASE
        WHEN EXISTS (SELECT 1 FROM agreement_item i WHERE i.agreement_id = a.id AND i.status IN ('open', 'overdue'))
        THEN NULL ELSE (SELECT max(i.completed_on) FROM agreement_item i WHERE i.agreement_id = a.id) END AS settled_on
  FROM outcome_agreement a;

CREATE INDEX outcome_agreement_to_inform
    ON outcome_agreement (items_settled_on, id, process_id, case_open, status, harmed_party_informed_of_result_on)
    WHERE items_settled_on IS NOT NULL AND harmed_party_informed_of_result_on IS NULL;

UPDATE outcome_agreement SET items_settled_on = (SELECT s.settled_on FROM agreement_settled s WHERE s.id = outcome_agreement.id);

-- An item added, closed, reopened (undo), moved or removed: its agreement
-- (and the one it left) takes the mark again.
CREATE TRIGGER agreement_item_settles_insert AFTER INSERT ON agreement_item
BEGIN
    UPDATE outcome_agreement SET items_settled_on = (SELECT s.settled_on FROM agreement_settled s WHERE s.id = NEW.agreement_id)
     WHERE id = NEW.agreement_id;
END;

CREATE TRIGGER agreement_item_settles_update AFTER UPDATE OF status, completed_on, agreement_id ON agreement_item
BEGIN
    UPDATE outcome_agreement SET items_settled_on = (SELECT s.settled_on FROM agreement_settled s WHERE s.id = outcome_agreement.id)
     WHERE id IN (NEW.agreement_id, OLD.agreement_id);
END;

CREATE TRIGGER agreement_item_settles_delete AFTER DELETE ON agreement_item
BEGIN
    UPDATE outcome_agreement SET items_settled_on = (SELECT s.settled_on FROM agreement_settled s WHERE s.id = OLD.agreement_id)
     WHERE id = OLD.agreement_id;
END;

-- An agreement written whole (undo) or its mark written by hand: the mark
-- is taken from its items again.
CREATE TRIGGER outcome_agreement_settled_insert AFTER INSERT ON outcome_agreement
BEGIN
    UPDATE outcome_agreement SET items_settled_on = (SELECT s.settled_on FROM agreement_settled s WHERE s.id = NEW.id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER outcome_agreement_settled_update AFTER UPDATE OF items_settled_on ON outcome_agreement
    WHEN NEW.items_settled_on IS NOT (SELECT s.settled_on FROM agreement_settled s WHERE s.id = NEW.id)
BEGIN
    UPDATE outcome_agreement SET items_settled_on = (SELECT s.settled_on FROM agreement_settled s WHERE s.id = NEW.id)
     WHERE id = NEW.id;
END;
