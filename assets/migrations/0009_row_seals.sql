-- Each audit row about a record carries that record's seal: its id and the
-- hash of its content just after the change ("id:hash", or "id:-" once the
-- record is gone; a bulk load seals many records in one row, separated by
-- ";"). The seal is inside the row's chained hash, so `casedesk check` can
-- compare the live records with the log and find one changed behind it.
-- Rows written before this migration have none and hash as they always did.
ALTER TABLE audit_log ADD COLUMN row_hash TEXT;
