-- A facilitator's meetings of no case (issue 14 §5, Speed): saving a
-- meeting, or booking a case's conference, looks for the other meetings
-- each of the directory's facilitators attends at an overlapping time.
-- meeting_attendee was indexed by meeting only, so that meant reading every
-- attendee of every meeting; this index goes straight to one person's.
CREATE INDEX meeting_attendee_person ON meeting_attendee (kind, directory_id, meeting_id)
    WHERE directory_id IS NOT NULL;
