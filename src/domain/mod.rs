//! The rules of the desk as plain functions over plain types: no I/O here.

pub mod caps;
pub mod case_status;
pub mod checklist;
pub mod closure;
pub mod compliance;
pub mod date_style;
pub mod dates;
pub mod diary;
pub mod directory;
pub mod feedback;
pub mod holidays;
pub mod legal;
pub mod letter_fit;
pub mod logo;
pub mod numbers;
pub mod officers;
pub mod referrals;
pub mod rule_book;
pub mod rules;
pub mod spelling;
pub mod status;
pub mod triage;
pub mod types;
pub mod victims_code;
pub mod workdays;
pub mod written_dates;
