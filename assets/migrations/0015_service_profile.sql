-- Who sends the desk's letters: one profile per service, the OOCD unit
-- ('oocd') and the RJ & mediation service ('rj'), so that every letter is
-- headed by the service it comes from, with its contact details and the
-- person who signs it. A field not yet filled in is NULL, and a letter for
-- that service is refused naming it. Written through the audited write path.
CREATE TABLE service_profile (
    id        INTEGER PRIMARY KEY,
    service   TEXT NOT NULL UNIQUE CHECK (service IN ('oocd', 'rj')),
    name      TEXT,   -- the service's name as letters head it
    address   TEXT,   -- its postal address, lines separated by newlines or commas
    phone     TEXT,
    email     TEXT,
    hours     TEXT,   -- opening hours, as people read them
    signatory TEXT,   -- who signs its letters
    role      TEXT    -- and their role
);
