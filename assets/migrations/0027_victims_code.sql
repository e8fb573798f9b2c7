-- Issue 13 §5: what the Victims' Code clocks need that the desk did not
-- record (para 3.6 and 4.5; DOMAIN.md §9.8).
--
-- Enhanced-rights victims (of the most serious crime, persistently
-- targeted, vulnerable or intimidated) are given the RJ information within
-- VC_RJ_INFO_ENH_WD working days instead of VC_RJ_INFO_WD. 1 when the
-- person has enhanced rights, NULL otherwise, so that a person sealed
-- before this column keeps its hash.
ALTER TABLE person ADD COLUMN enhanced_rights INTEGER CHECK (enhanced_rights IS NULL OR enhanced_rights = 1);

-- The day the crime was reported to the police, when the referral says:
-- the RJ information is due from it (3.6 "of reporting the crime"), and the
-- referral is measured against VC_REFERRAL_WD from it (4.5). NULL when not
-- known, as on every case recorded before.
ALTER TABLE case_file ADD COLUMN reported_on TEXT;
