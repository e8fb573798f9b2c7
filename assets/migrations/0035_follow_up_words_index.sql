-- Today names a follow-up by what the contact was and with whom ("follow up
-- the call with PC Khan"): its direction and who it was with join the
-- covering index the Follow-ups section reads, so it still reads no table row.
DROP INDEX IF EXISTS contact_log_follow_up;
CREATE INDEX contact_log_follow_up ON contact_log (follow_up_on, id, follow_up_done, case_id, channel, summary, direction, spoke_with)
    WHERE follow_up_done = 0 AND follow_up_on IS NOT NULL;
