-- Who works at this desk: the name and role each person gave the first
-- time they opened the interface, kept by the operating-system account
-- they work under. The desk records that name as "who" in the audit log,
-- and timelines show it, instead of the bare account (or "unknown" where
-- the system gives none). Written through the audited write path.
CREATE TABLE desk_user (
    id      INTEGER PRIMARY KEY,
    account TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    role    TEXT NOT NULL
);
