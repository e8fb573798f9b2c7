use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    casedesk::tui::mark_launch();
    // Everything casedesk creates (database, WAL, backups, exports) holds
    // personal data: owner-only from the start, whatever SQLite defaults to.
    #[cfg(unix)]
    // SAFETY: umask only sets this process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
    casedesk::cli::run(casedesk::cli::Cli::parse())
}
