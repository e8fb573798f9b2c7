//! The command line: parse, then dispatch to the command's own file in
//! `commands/`, which opens the desk (`desk`), calls the library and
//! prints what it returns. Thin on purpose: the work is in `store`,
//! `domain`, `export` and `import`.

use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};

use crate::domain::dates;
use crate::export::letters::LetterRequest;
use crate::export::sample::SampleRequest;
use desk::Desk;

mod args;
mod commands;
mod desk;
mod encryption;

pub use args::{Cli, Command};

/// Dates are written the one unambiguous way, the year in full. chrono
/// alone reads "2-2-2" as the year 2 and "-2-2-2" as 3 BC; only the years
/// the desk accepts everywhere (`domain::dates`) are dates here.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-20"))?;
    if !dates::in_range(day) {
        return Err(format!("{text:?} is outside the years the desk accepts: give a date {}", dates::range_in_words()));
    }
    Ok(day)
}

/// Why a run failed, and so which exit code it gets.
pub enum Failure {
    /// Bad input or an unusable file: exit 2.
    Usage(anyhow::Error),
    /// A check that ran and found faults: exit 1.
    Faults,
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Usage(e)
    }
}

pub fn run(cli: Cli) -> ExitCode {
    // The store's notes while it works (a long backup, a wait for another
    // writer) are for the person at the terminal.
    crate::store::notice::send_notes_to(|text| crate::tell!("{text}"));
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Faults) => ExitCode::from(1),
        Err(Failure::Usage(e)) => {
            // One line, whatever a named file or value held.
            crate::tell!("casedesk: {}", crate::export::safe::inert(&one_sentence(&e)));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, without repeating a cause that the
/// message already contains.
pub(crate) fn one_sentence(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    if let Some(day) = cli.today {
        // The daily backup and restore name their files by the desk's day.
        crate::store::backup::set_desk_day(day);
    }
    let today = crate::store::backup::desk_day();
    let db = match &cli.db {
        Some(path) => path.clone(),
        None => crate::paths::default_db_path()?,
    };
    let desk = Desk { db: &db, today };
    match cli.command {
        None => commands::interface::run(desk),
        Some(Command::Demo { cases, seed }) => commands::demo::run(desk, cases, seed),
        Some(Command::Today { all }) => commands::today::run(desk, all),
        Some(Command::Summary { date, format, output, with_names, recipient, justification }) => {
            let disclosure = if with_names { recipient.zip(justification) } else { None };
            commands::summary::run(desk, date.unwrap_or(today), format, output.as_deref(), disclosure)
        }
        Some(Command::Letter { case_ref, template, output, to, to_role, condition, list }) => {
            let request = LetterRequest {
                case_ref: &case_ref,
                template: template.as_deref(),
                output: output.as_deref(),
                to: to.as_deref(),
                to_role: to_role.as_deref(),
                condition,
            };
            commands::letter::run(desk, &request, list)
        }
        Some(Command::Report { from, to, format, output }) => {
            commands::report::run(desk, from, to, &format, output.as_deref())
        }
        Some(Command::Sample { n, from, to, seed, output }) => {
            commands::sample::run(desk, &SampleRequest { n, from, to, seed }, &output)
        }
        Some(Command::Import { file, dry_run, mapping }) => {
            commands::import::run(desk, &file, dry_run, mapping.as_deref())
        }
        Some(Command::Tracker { output }) => commands::tracker::run(desk, &output),
        Some(Command::Restore { src }) => commands::restore::run(&db, &src),
        Some(Command::Audit { case_ref }) => commands::audit::run(desk, case_ref.as_deref()),
        Some(Command::WriteStream { count }) => commands::write_stream::run(desk, count),
        Some(Command::Ics { case_ref, output }) => commands::ics::run(desk, &case_ref, &output),
        Some(Command::Sql { of }) => commands::sql::run(desk, of),
        Some(Command::Check { head }) => commands::check::run(&db, head.as_ref()),
        Some(Command::Backup { dest }) => commands::backup::run(desk, &dest),
        Some(Command::Init { encrypt }) => Ok(commands::init::run(&db, encrypt)?),
        Some(Command::Rekey) => Ok(commands::rekey::run(&db)?),
        Some(Command::Holidays { year }) => {
            commands::holidays::run(&db, cli.db.is_some(), year.unwrap_or(today.year()))
        }
    }
}

/// Bad input, in a sentence: exit 2.
fn usage(message: String) -> Failure {
    Failure::Usage(anyhow::anyhow!(message))
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Self {
        Failure::Usage(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the date fuzz target: "-2-2-2" was read as 3 BC.
    #[test]
    fn a_command_line_date_needs_a_full_year_from_1900() {
        for bad in ["-2-2-2", "2-2-2", "0026-11-20", "+12026-11-20", "1899-12-31", "20/11/2026", ""] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_date(" 2026-11-20 "), Ok(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()));
        assert_eq!(parse_date("2199-12-31"), Ok(NaiveDate::from_ymd_opt(2199, 12, 31).unwrap()));
    }

    /// `--today 9999-12-31 demo` stored dates in the year 10000.
    #[test]
    fn a_command_line_date_after_2199_is_refused() {
        let refusal = parse_date("9999-12-31").unwrap_err();
        assert!(refusal.contains("between 1900 and 2199"), "{refusal}");
        assert!(parse_date("2200-01-01").is_err());
    }
}
