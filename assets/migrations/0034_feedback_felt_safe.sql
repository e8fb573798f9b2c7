-- Participants' feedback says whether they felt safe (issue 15 §4): 1 yes,
-- 0 no, no value unsure, as would_recommend. The quarterly return reads
-- feedback by the day it was collected.
ALTER TABLE feedback ADD COLUMN felt_safe INTEGER CHECK (felt_safe IS NULL OR felt_safe IN (0, 1));
CREATE INDEX feedback_collected ON feedback (collected_on);
CREATE INDEX feedback_case ON feedback (case_id);
