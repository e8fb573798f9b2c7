//! What leaves the desk: summaries and lists, written inert (no terminal
//! control sequences, no spreadsheet formulas) and owner-only.

pub mod audit;
pub mod directory;
pub mod format;
pub mod ics;
pub mod letters;
pub mod output;
pub mod report;
pub mod safe;
pub mod sample;
pub mod summary;
pub mod table;
pub mod today;
pub mod tracker;

pub use output::{check_output, deliver_logged, write_file_atomically, write_recorded};
