-- What the legal checks on a disposal need on file (DOMAIN.md §2–§5):
-- the rank of the authorising officer (local policy may set a minimum),
-- the day a youth caution or youth conditional caution was referred to the
-- youth offending team (CDA 1998 s.66ZB), the reason recorded for going
-- ahead despite a warning that asks for one (a community resolution for
-- domestic abuse between intimate partners), and the reason a completion
-- date goes beyond the time limit. Each is written through the audited
-- write path, so the log keeps who gave which reason and when.
ALTER TABLE oocd_disposal ADD COLUMN authorising_rank TEXT;
ALTER TABLE oocd_disposal ADD COLUMN yot_referred_on TEXT;
ALTER TABLE oocd_disposal ADD COLUMN proceed_reason TEXT;
ALTER TABLE oocd_disposal ADD COLUMN time_limit_reason TEXT;
