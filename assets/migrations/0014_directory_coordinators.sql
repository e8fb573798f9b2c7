-- The directory of people the cases are handed to. Coordinators gain what
-- the administrator needs to reach them and to spread the work (team, email,
-- phone, a maximum caseload); coordinators and providers gain free notes.
-- Neither is ever deleted while a case names it: `active = 0` is retired.
ALTER TABLE coordinator ADD COLUMN team TEXT;
ALTER TABLE coordinator ADD COLUMN email TEXT;
ALTER TABLE coordinator ADD COLUMN phone TEXT;
ALTER TABLE coordinator ADD COLUMN max_caseload INTEGER CHECK (max_caseload IS NULL OR max_caseload >= 0);
ALTER TABLE coordinator ADD COLUMN notes TEXT;
ALTER TABLE provider ADD COLUMN notes TEXT;

-- The caseload counts cases per coordinator and status without reading
-- every case.
CREATE INDEX case_file_coordinator ON case_file (coordinator_id, status) WHERE coordinator_id IS NOT NULL;
