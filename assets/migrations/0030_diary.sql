-- The diary (issue 14 §5): how long a meeting lasts (it was two hours for
-- every meeting), the room of the directory it is held in, and the
-- directory's facilitators who run it, so that a room or a facilitator
-- booked twice at overlapping times can be found before the day.
ALTER TABLE rj_process ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 120
    CHECK (duration_minutes BETWEEN 1 AND 1440);
ALTER TABLE rj_process ADD COLUMN room_id INTEGER REFERENCES venue_room (id);

-- The clash check reads this index alone: the live meetings in one room
-- that start within a day before the new one ends (no meeting lasts longer
-- than a day), with how long each lasts.
CREATE INDEX rj_process_room_time ON rj_process (room_id, scheduled_for, duration_minutes, id, case_id)
    WHERE room_id IS NOT NULL AND status IN ('planned', 'confirmed');

-- Which of the directory's facilitators run a meeting. The typed names stay
-- in rj_process.facilitators for anyone not (yet) in the directory.
CREATE TABLE process_facilitator (
    id             INTEGER PRIMARY KEY,
    process_id     INTEGER NOT NULL REFERENCES rj_process (id),
    facilitator_id INTEGER NOT NULL REFERENCES facilitator (id),
    UNIQUE (process_id, facilitator_id)
);
-- A facilitator's meetings, for the clash check.
CREATE INDEX process_facilitator_by_facilitator ON process_facilitator (facilitator_id, process_id);
