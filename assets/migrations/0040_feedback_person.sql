-- Feedback names the party who gave it (issue 15 §4): the prompt and
-- `casedesk feedback add` offer the case's own people, so two harmed people
-- on one case are told apart. No value for feedback from someone who is not
-- a party (a supporter not recorded, anyone else) and for feedback recorded
-- before this; person_role still says in which part they gave it.
ALTER TABLE feedback ADD COLUMN person_id INTEGER REFERENCES person (id);
