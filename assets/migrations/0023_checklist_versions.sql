-- Earlier checklist assessments of a case. A referral is assessed more
-- than once (Essex: at intake, and again before the process); starting a
-- new assessment keeps the answers as they stood, dated, as a numbered
-- version that is shown and never changed, while the live answers go on
-- as the next version. The answers and severities are kept as JSON
-- (item code -> answer, severity); notes stay with the audit log.
-- Written through the audited write path.
CREATE TABLE checklist_version (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    version     INTEGER NOT NULL,
    closed_on   TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    UNIQUE (case_id, version)
);
