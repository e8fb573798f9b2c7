-- Mark the file as a casedesk desk (SQLite's header field for this purpose,
-- offset 68), so a SQLite file of another application is told apart from a
-- desk and refused unchanged. 0x43534B44 is "CSKD".
PRAGMA application_id = 1129532228;
