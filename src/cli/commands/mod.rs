//! One file per command: each opens what it needs, calls the library, and
//! prints what comes back. The library returns values; only these print.

pub mod audit;
pub mod backup;
pub mod check;
pub mod demo;
pub mod holidays;
pub mod ics;
pub mod import;
pub mod init;
pub mod interface;
pub mod letter;
pub mod rekey;
pub mod report;
pub mod restore;
pub mod sample;
pub mod sql;
pub mod summary;
pub mod today;
pub mod tracker;
pub mod write_stream;

/// Write a document to standard output as it is (its every field is
/// already inert); `failed` says what could not be done if it fails.
fn print_document(bytes: &[u8], failed: &'static str) -> anyhow::Result<()> {
    use anyhow::Context as _;
    std::io::Write::write_all(&mut std::io::stdout(), bytes).context(failed)
}
