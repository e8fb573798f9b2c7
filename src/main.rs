use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    casedesk::cli::run(casedesk::cli::Cli::parse())
}
