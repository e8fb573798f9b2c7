//! One file per command: each opens what it needs, calls the library, and
//! prints what comes back. The library returns values; only these print.

pub mod attach;
pub mod audit;
pub mod backup;
pub mod caseload;
pub mod check;
pub mod demo;
pub mod directory;
pub mod directory_import;
pub mod feedback;
pub mod find;
pub mod holidays;
pub mod ics;
pub mod import;
pub mod init;
pub mod interface;
pub mod letter;
pub mod minutes;
pub mod rekey;
pub mod report;
pub mod restore;
pub mod rules;
pub mod sample;
pub mod settings;
pub mod shell_help;
pub mod sql;
pub mod summary;
pub mod today;
pub mod tracker;
pub mod write_stream;
