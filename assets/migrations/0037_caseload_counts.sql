-- The caseload (issue 14, Speed): each coordinator's open cases counted by
-- service and status, kept by triggers on every path that writes a case
-- (the one write path, undo and redo, import, retention's erasure; a bulk
-- load counts afresh after it, like the other marks). The caseload view,
-- the Directory and `casedesk caseload` read these few rows instead of
-- counting every open case again: at 100,000 cases the view took 20 ms to
-- open with 0036's index. `casedesk check` compares them with the cases.
--
-- 0036's index served those counts; what the view still reads from the
-- cases is one coordinator's oldest open cases, a window at a time, so the
-- index is ordered by the day each was received and a window is read in
-- order, not sorted from all of the coordinator's cases.
DROP INDEX IF EXISTS case_file_caseload;
CREATE INDEX case_file_caseload_oldest
    ON case_file (coordinator_id, received_on, id, ref, service, status)
    WHERE coordinator_id IS NOT NULL AND status NOT IN ('closed', 'withdrawn');

CREATE TABLE caseload_count (
    coordinator_id INTEGER NOT NULL,
    service TEXT NOT NULL,
    status  TEXT NOT NULL,
    n       INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (coordinator_id, service, status)
) WITHOUT ROWID;

INSERT INTO caseload_count (coordinator_id, service, status, n)
SELECT coordinator_id, service, status, COUNT(*) FROM case_file
 WHERE coordinator_id IS NOT NULL AND status NOT IN ('closed', 'withdrawn')
 GROUP BY coordinator_id, service, status;

-- A case counts while it is open and allocated; a count that would fall to
-- nothing is removed instead (first, so the decrement after it only finds
-- counts above one), and every row is a coordinator holding cases.
CREATE TRIGGER caseload_count_insert AFTER INSERT ON case_file
    WHEN NEW.coordinator_id IS NOT NULL AND NEW.status NOT IN ('closed', 'withdrawn')
BEGIN
    INSERT INTO caseload_count (coordinator_id, service, status, n)
    VALUES (NEW.coordinator_id, NEW.service, NEW.status, 1)
    ON CONFLICT (coordinator_id, service, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER caseload_count_delete AFTER DELETE ON case_file
    WHEN OLD.coordinator_id IS NOT NULL AND OLD.status NOT IN ('closed', 'withdrawn')
BEGIN
    DELETE FROM caseload_count
     WHERE coordinator_id = OLD.coordinator_id AND service = OLD.service AND status = OLD.status AND n = 1;
    UPDATE caseload_count SET n = n - 1
     WHERE coordinator_id = OLD.coordinator_id AND service = OLD.service AND status = OLD.status AND n > 1;
END;

-- A transfer, a reallocation, a status change, a closing (and the undo of
-- each): the case leaves its old count and joins its new one.
CREATE TRIGGER caseload_count_update AFTER UPDATE OF coordinator_id, service, status ON case_file
    WHEN (OLD.coordinator_id IS NOT NULL AND OLD.status NOT IN ('closed', 'withdrawn'))
      OR (NEW.coordinator_id IS NOT NULL AND NEW.status NOT IN ('closed', 'withdrawn'))
BEGIN
    DELETE FROM caseload_count
     WHERE OLD.coordinator_id IS NOT NULL AND OLD.status NOT IN ('closed', 'withdrawn')
       AND coordinator_id = OLD.coordinator_id AND service = OLD.service AND status = OLD.status AND n = 1;
    UPDATE caseload_count SET n = n - 1
     WHERE OLD.coordinator_id IS NOT NULL AND OLD.status NOT IN ('closed', 'withdrawn')
       AND coordinator_id = OLD.coordinator_id AND service = OLD.service AND status = OLD.status AND n > 1;
    INSERT INTO caseload_count (coordinator_id, service, status, n)
    SELECT NEW.coordinator_id, NEW.service, NEW.status, 1
     WHERE NEW.coordinator_id IS NOT NULL AND NEW.status NOT IN ('closed', 'withdrawn')
    ON CONFLICT (coordinator_id, service, status) DO UPDATE SET n = n + 1;
END;
