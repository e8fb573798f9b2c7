//! `casedesk completions SHELL` and `casedesk manpage`: written from the
//! same clap definitions the command line reads, so they never drift.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::args::Cli;
use crate::cli::failure::Failure;

/// The completion script for `shell`, on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "casedesk", &mut out);
    print_all(&out)
}

/// The man page (roff), on standard output: `casedesk manpage > casedesk.1`.
pub fn manpage() -> Result<(), Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out).map_err(anyhow::Error::from)?;
    print_all(&out)
}

/// A reader that stops early (`| head`) is not an error.
fn print_all(bytes: &[u8]) -> Result<(), Failure> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::anyhow!("cannot write: {e}").into()),
        _ => Ok(()),
    }
}
