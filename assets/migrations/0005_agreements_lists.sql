-- The Agreements screen reads each part of its two lists a page at a time,
-- walking an index in the list's own order and stopping after a page,
-- instead of sorting the whole part on every keypress (DESIGN.md, issue #3).

-- Processes still to be held, soonest first; one with no date yet sorts
-- last. Postponed ones are in it because a postponed process stays on the
-- list until something is arranged in its place.
CREATE INDEX rj_process_to_hold ON rj_process (COALESCE(scheduled_for, '9999-12-31'), id)
    WHERE status IN ('planned', 'confirmed', 'postponed');

-- Restorative justice and mediation cases at the stage where a process is
-- arranged, longest waiting first: the "to arrange" part of the list.
CREATE INDEX case_file_to_arrange ON case_file (status_changed_on, id)
    WHERE service IN ('restorative_justice', 'mediation') AND status IN ('preparation', 'process_arranged');
