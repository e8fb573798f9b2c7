-- Providers and contacts with whom (issue 14 §3, §4). A referral to a
-- provider keeps how it was sent and what the provider sent back (attended,
-- did not attend, completed) with the day it came; a contact names who was
-- spoken to, and a follow-up done keeps what came of it. A call about no
-- case is an enquiry, linked to a case later if one turns up.
ALTER TABLE provider_referral ADD COLUMN method TEXT;
ALTER TABLE provider_referral ADD COLUMN returned TEXT
    CHECK (returned IS NULL OR returned IN ('attended', 'did_not_attend', 'completed'));
ALTER TABLE provider_referral ADD COLUMN returned_on TEXT;
CREATE INDEX provider_referral_condition ON provider_referral (condition_id);
-- The provider list and the chase letter read the referrals still awaiting
-- a return, without reading every referral ever sent.
CREATE INDEX provider_referral_outstanding ON provider_referral (condition_id, sent_on)
    WHERE returned IS NULL OR returned = 'attended';

-- Who was spoken to: the kind ('party', 'coordinator', 'provider', 'agency',
-- 'other') and the name as it was picked or typed, kept as words so the
-- contact still reads right after the directory changes.
ALTER TABLE contact_log ADD COLUMN spoke_with_kind TEXT
    CHECK (spoke_with_kind IS NULL OR spoke_with_kind IN ('party', 'coordinator', 'provider', 'agency', 'other'));
ALTER TABLE contact_log ADD COLUMN spoke_with TEXT;
ALTER TABLE contact_log ADD COLUMN follow_up_outcome TEXT;

CREATE TABLE enquiry (
    id          INTEGER PRIMARY KEY,
    occurred_on TEXT NOT NULL,
    subject     TEXT NOT NULL CHECK (length(trim(subject)) > 0),
    -- Who asked: an officer by collar number or role, a member of the public.
    asked_by    TEXT NOT NULL CHECK (length(trim(asked_by)) > 0),
    notes       TEXT,
    case_id     INTEGER REFERENCES case_file (id)
);
CREATE INDEX enquiry_day ON enquiry (occurred_on, id);
CREATE INDEX enquiry_case ON enquiry (case_id) WHERE case_id IS NOT NULL;
