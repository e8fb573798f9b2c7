-- Deadlines lists a condition whose breach awaits a decision (DOMAIN.md
-- §2.5, §12.3) by its due date. This partial index lets that list walk such
-- conditions in due-date order and stop after a page, instead of sorting
-- every open breach on every keypress.
CREATE INDEX condition_breach_due ON condition (due_on)
    WHERE status IN ('draft', 'not_completed', 'breached');
