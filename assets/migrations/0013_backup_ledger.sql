-- The rolling backups this desk has made, recorded inside the desk itself.
-- The manifests that anchor the audit chain live in backups/ beside the
-- copies, so a deleted or emptied folder took every anchor with it. With
-- this record `check` names a backup that should still be there and is not,
-- and a recorded head the chain no longer passes through. It is the desk's
-- own housekeeping, like the manifests, so it is not in the audit log.
-- A desk renamed or copied under another name starts a new series of
-- backups (they are named after the desk), so each row says whose it is.
CREATE TABLE backup_made (
    desk_name        TEXT NOT NULL,      -- the desk file's name without .db, as the backups are named
    day              TEXT NOT NULL,      -- the desk's day of the backup, YYYY-MM-DD
    audit_rows       INTEGER NOT NULL,   -- the audit chain's length in the copy
    audit_hash       TEXT NOT NULL,      -- and the hash of its newest row
    missing_reported TEXT,               -- the day `check` said it was missing
    PRIMARY KEY (desk_name, day)
);
