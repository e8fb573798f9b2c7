-- Each audit row carries the desk's day it was written on: the local date,
-- or the date given with `--today`. The end-of-day summary counts what was
-- exported or disclosed on that day by this column rather than by the clock
-- time, so a summary of a day given with `--today` counts that day's work.
-- The day is inside the row's chained hash; rows written before this
-- migration have none (NULL) and hash as they always did.
ALTER TABLE audit_log ADD COLUMN desk_day TEXT;
-- The summary counts a day's rows by desk_day, and older rows (desk_day
-- NULL) by their time: one index serves both.
CREATE INDEX audit_log_desk_day ON audit_log (desk_day, at_utc);
