-- Settings the whole desk shares, one row each by name: for now how dates
-- are shown on screens and in printed tables ('date_style': weekday,
-- day-month, numeric or iso). A setting never written is its default.
-- Written through the audited write path.
CREATE TABLE desk_setting (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL
);
