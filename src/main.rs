use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    casedesk::tui::mark_launch();
    // Everything casedesk creates (database, WAL, backups, exports) holds
    // personal data: owner-only from the start, whatever SQLite defaults to.
    #[cfg(unix)]
    // SAFETY: umask only sets this process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
    match casedesk::cli::Cli::try_parse() {
        Ok(cli) => casedesk::cli::run(cli),
        Err(e) => refuse_arguments(e),
    }
}

/// Help and version go out as clap writes them; an error quotes what was
/// typed, so it is printed inert like every other line (exit 2).
fn refuse_arguments(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    casedesk::tell!("{}", e.to_string().trim_end());
    ExitCode::from(2)
}
