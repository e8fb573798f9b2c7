-- Issue 13 §5: the Victims' Code gives enhanced-rights victims (of the most
-- serious crime, persistently targeted, vulnerable or intimidated) the RJ
-- information within VC_RJ_INFO_ENH_WD working days instead of
-- VC_RJ_INFO_WD (para 3.6). 1 when the person has enhanced rights, NULL
-- otherwise, so that a person sealed before this column keeps its hash.
ALTER TABLE person ADD COLUMN enhanced_rights INTEGER CHECK (enhanced_rights IS NULL OR enhanced_rights = 1);
