-- The diary's week (issue 14 §5, Speed): a busy week holds hundreds of
-- meetings, and reading each one's length, room and facilitators from the
-- table meant a visit to a scattered page per meeting. This index holds
-- every column the week reads, in the order it reads them.
CREATE INDEX rj_process_diary ON rj_process
    (scheduled_for, id, case_id, kind, status, duration_minutes, venue, room_id, facilitators)
    WHERE status IN ('planned', 'confirmed');
