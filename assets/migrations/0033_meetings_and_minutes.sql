-- Meetings and minutes (issue 14 §6): the partnership meetings, case panels
-- and team meetings the administrator attends and minutes. These are not
-- RJ conferences (rj_process): they concern the service, not one case.
CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY,
    -- 'YYYY-MM-DDTHH:MM', as rj_process.scheduled_for.
    held_at     TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- Where, as typed; or a room of the directory (then `place` holds its
    -- venue and room as they were named when picked).
    place       TEXT,
    room_id     INTEGER REFERENCES venue_room (id),
    duration_minutes INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 1 AND 1440),
    agenda      TEXT,
    minutes     TEXT,
    created_on  TEXT NOT NULL,
    updated_on  TEXT NOT NULL
);
-- The list of meetings, newest first, and the diary's week.
CREATE INDEX meeting_held ON meeting (held_at, id);
-- The room clash check, as rj_process_room_time.
CREATE INDEX meeting_room_time ON meeting (room_id, held_at, duration_minutes, id)
    WHERE room_id IS NOT NULL;

-- Who attended: one of the directory (kind and id) or a name typed, with a
-- role. The name is kept as picked so the minutes still read right after
-- the directory changes.
CREATE TABLE meeting_attendee (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meeting (id),
    kind         TEXT NOT NULL
        CHECK (kind IN ('coordinator', 'facilitator', 'provider', 'agency', 'typed')),
    directory_id INTEGER CHECK ((kind = 'typed') = (directory_id IS NULL)),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role         TEXT
);
CREATE INDEX meeting_attendee_meeting ON meeting_attendee (meeting_id, id);

-- What was agreed to be done, by whom (picked or typed, as attendees) and
-- by when; done once `done_on` is set. An action may concern a case.
CREATE TABLE meeting_action (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id),
    what        TEXT NOT NULL CHECK (length(trim(what)) > 0),
    owner_kind  TEXT NOT NULL
        CHECK (owner_kind IN ('coordinator', 'facilitator', 'provider', 'agency', 'typed')),
    owner_id    INTEGER CHECK ((owner_kind = 'typed') = (owner_id IS NULL)),
    owner       TEXT NOT NULL CHECK (length(trim(owner)) > 0),
    due_on      TEXT NOT NULL,
    done_on     TEXT,
    case_id     INTEGER REFERENCES case_file (id)
);
CREATE INDEX meeting_action_meeting ON meeting_action (meeting_id, id);
-- Today and Deadlines walk the open actions by due date from this index.
CREATE INDEX meeting_action_open_due ON meeting_action (due_on, id) WHERE done_on IS NULL;
CREATE INDEX meeting_action_case ON meeting_action (case_id) WHERE case_id IS NOT NULL;
