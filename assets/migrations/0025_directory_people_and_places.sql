-- The rest of the directory (issue 14 §1): the service's volunteer
-- facilitators, the venues meetings are held in with their rooms, and the
-- partner agencies; providers gain the courses they offer, how a referral is
-- made to them and what a place costs. Like coordinators and providers,
-- nothing here is deleted while a case may name it: `active = 0` is retired.
ALTER TABLE provider ADD COLUMN courses TEXT;
ALTER TABLE provider ADD COLUMN referral_method TEXT;
ALTER TABLE provider ADD COLUMN cost_pence INTEGER CHECK (cost_pence IS NULL OR cost_pence >= 0);

CREATE TABLE facilitator (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    email  TEXT,
    phone  TEXT,
    -- What they are trained to facilitate, each 0 or 1.
    trained_conference INTEGER NOT NULL DEFAULT 0 CHECK (trained_conference IN (0, 1)),
    trained_mediation  INTEGER NOT NULL DEFAULT 0 CHECK (trained_mediation IN (0, 1)),
    trained_shuttle    INTEGER NOT NULL DEFAULT 0 CHECK (trained_shuttle IN (0, 1)),
    vetting_expires TEXT,
    availability TEXT,
    notes  TEXT,
    active INTEGER NOT NULL DEFAULT 1
);

-- Today lists active facilitators whose vetting runs out within 30 days,
-- soonest first (ties by id, as Today pages), from this index alone: it
-- holds the name it shows.
CREATE INDEX facilitator_vetting ON facilitator (vetting_expires, id, name)
    WHERE active = 1 AND vetting_expires IS NOT NULL;

CREATE TABLE venue (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    address TEXT,
    booking_contact TEXT,
    email   TEXT,
    phone   TEXT,
    notes   TEXT,
    active  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE venue_room (
    id       INTEGER PRIMARY KEY,
    venue_id INTEGER NOT NULL REFERENCES venue (id),
    name     TEXT NOT NULL,
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    accessibility TEXT,
    refreshments  INTEGER NOT NULL DEFAULT 0 CHECK (refreshments IN (0, 1)),
    active   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX venue_room_venue ON venue_room (venue_id);

CREATE TABLE agency (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL CHECK (kind IN ('victim_support', 'probation', 'yot', 'housing', 'school', 'other')),
    team  TEXT,
    email TEXT,
    phone TEXT,
    notes TEXT,
    active INTEGER NOT NULL DEFAULT 1
);
