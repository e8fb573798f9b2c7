-- The summary's "records exported or disclosed today" counts the day's
-- audit rows whose op is a disclosure or an export (issue 15, Speed). By
-- the day alone it read every audit row of the day from the table: on a desk
-- whose 108,000 rows were all written on one day that count took 60 ms of
-- the summary's 300. With the op in the index it reads only the rows it
-- counts. Created only if missing, so a desk taken back to an older version
-- by the tests upgrades again.
CREATE INDEX IF NOT EXISTS audit_log_day_op ON audit_log (desk_day, op, at_utc);
