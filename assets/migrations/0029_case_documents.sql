-- Documents kept on a case (issue 14 §7): a referral email, a signed outcome
-- agreement, a scanned letter. The file itself is stored once, named by its
-- SHA-256, in the documents folder beside the desk (or, on an encrypted desk,
-- in `document_content`, so it is encrypted with the desk); a row here says
-- which case keeps it, under what title, and who attached it when.
CREATE TABLE case_document (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    title       TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
    attached_on TEXT NOT NULL,
    attached_by TEXT NOT NULL
);
CREATE INDEX case_document_case ON case_document (case_id, id);
-- Whether any row still names a stored file, read when a row goes.
CREATE INDEX case_document_hash ON case_document (sha256);

-- The documents of an encrypted desk, inside the encrypted file.
CREATE TABLE document_content (
    sha256  TEXT PRIMARY KEY,
    content BLOB NOT NULL
) WITHOUT ROWID;
