//! The command line: parse, then dispatch to the command's own file in
//! `commands/`, which opens the desk (`desk`), calls the library and
//! prints what it returns. Thin on purpose: the work is in `store`,
//! `domain`, `export` and `import`.

use std::process::ExitCode;

use crate::export::letters::LetterRequest;
use crate::export::sample::SampleRequest;
use desk::Desk;
use failure::one_sentence;

mod args;
mod commands;
mod dates;
mod desk;
mod encryption;
mod failure;
mod output;

pub use args::{parse_date, Cli, Command, SettingsAction};
pub use failure::Failure;

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

fn dispatch(cli: Cli) -> Result<(), Failure> {
    // These describe the command line itself: no desk, no day.
    match cli.command {
        Some(Command::Completions { shell }) => return commands::shell_help::completions(shell),
        Some(Command::Manpage) => return commands::shell_help::manpage(),
        _ => {}
    }
    // The desk's day: `--today` when given, else the local date (never the
    // UTC date, which is already tomorrow on a late evening west of
    // Greenwich). Every store opened below is given it.
    // `--today +1` counts from the local date; every other date argument
    // counts from the desk's day.
    let local = chrono::Local::now().date_naive();
    let today = match &cli.today {
        Some(written) => day_of(written, local)?,
        None => local,
    };
    let db = match &cli.db {
        Some(path) => path.clone(),
        None => crate::paths::default_db_path()?,
    };
    let desk = Desk { db: &db, today };
    match cli.command {
        None => commands::interface::run(desk),
        Some(Command::Demo { cases, seed, into_default }) => commands::demo::run(desk, cases, seed, into_default),
        Some(Command::Today { all }) => commands::today::run(desk, all),
        Some(Command::Find { words, format }) => commands::find::run(desk, &words, format),
        Some(Command::Summary { date, format, output, with_names, recipient, justification }) => {
            let disclosure = if with_names { recipient.zip(justification) } else { None };
            let date = date.map(|d| day_of(&d, today)).transpose()?.unwrap_or(today);
            commands::summary::run(desk, date, format, output.as_deref(), disclosure)
        }
        Some(Command::Letter {
            case_ref,
            cases,
            due_before,
            template,
            output,
            to,
            to_role,
            condition,
            force,
            list,
            provider,
        }) => {
            if let Some(provider) = provider {
                return commands::letter::run_provider_chase(desk, &provider, template.as_deref(), output.as_deref());
            }
            if case_ref.is_none() && list {
                return commands::letter::run_list();
            }
            if case_ref.is_none() && cases.is_empty() && due_before.is_none() {
                return Err(failure::usage(
                    "say which case the letter is for: --case REF, or --cases REF,REF or --due-before DATE for \
                     many (--list shows the templates)"
                        .into(),
                ));
            }
            if case_ref.is_none() {
                let due_before = due_before.map(|d| day_of(&d, today)).transpose()?;
                let batch = commands::letter::Batch { cases, due_before, template, folder: output };
                return commands::letter::run_batch(desk, batch);
            }
            let request = LetterRequest {
                case_ref: case_ref.as_deref().unwrap_or_default(),
                template: template.as_deref(),
                output: output.as_deref(),
                to: to.as_deref(),
                to_role: to_role.as_deref(),
                condition,
                force,
            };
            commands::letter::run(desk, &request, list)
        }
        Some(Command::Report { kind: Some(kind), month, quarter, format, output, .. }) => {
            let period = commands::report::ReturnPeriod { month: month.as_deref(), quarter: quarter.as_deref() };
            commands::report::run_return(desk, &kind, period, format.as_deref(), output.as_deref())
        }
        Some(Command::Report { from: Some(from), to: Some(to), format, output, .. }) => commands::report::run(
            desk,
            day_of(&from, today)?,
            day_of(&to, today)?,
            format.as_deref(),
            output.as_deref(),
        ),
        // clap requires --from and --to unless --month or --quarter (which need --kind) are given.
        Some(Command::Report { .. }) => {
            Err(anyhow::anyhow!("give --from and --to, or --kind with --month or --quarter").into())
        }
        Some(Command::Sample { n, from, to, seed, output }) => {
            let (from, to) = (day_of(&from, today)?, day_of(&to, today)?);
            commands::sample::run(desk, &SampleRequest { n, from, to, seed }, &output)
        }
        Some(Command::Import { file, dry_run, mapping }) => {
            commands::import::run(desk, &file, dry_run, mapping.as_deref())
        }
        Some(Command::Tracker { output }) => commands::tracker::run(desk, &output),
        Some(Command::Restore { src }) => commands::restore::run(desk, &src),
        Some(Command::Audit { case_ref }) => commands::audit::run(desk, case_ref.as_deref()),
        Some(Command::WriteStream { count }) => commands::write_stream::run(desk, count),
        Some(Command::Ics { case_ref, output }) => commands::ics::run(desk, &case_ref, &output),
        Some(Command::Sql { of }) => commands::sql::run(desk, of),
        Some(Command::Check { head }) => commands::check::run(desk, head.as_ref()),
        Some(Command::Backup { dest }) => commands::backup::run(desk, &dest),
        Some(Command::Init { encrypt }) => Ok(commands::init::run(desk, encrypt)?),
        Some(Command::Rekey) => Ok(commands::rekey::run(desk)?),
        // Answered above, before any desk.
        Some(Command::Completions { .. } | Command::Manpage) => Ok(()),
        Some(Command::Settings { action: None, date_style: None }) => commands::settings::show(desk),
        Some(Command::Settings { action: None, date_style: Some(style) }) => {
            commands::settings::set_date_style(desk, style)
        }
        Some(Command::Settings { action: Some(SettingsAction::Set { service, field, value }), .. }) => {
            commands::settings::set(desk, service, field, &value)
        }
        Some(Command::Settings { action: Some(SettingsAction::Logo { service, file }), .. }) => {
            commands::settings::set_logo(desk, service, &file)
        }
        Some(Command::Settings { action: Some(SettingsAction::Me { name, role }), .. }) => {
            commands::settings::set_me(desk, &name, &role)
        }
        Some(Command::Settings { action: Some(SettingsAction::Exports { folder }), .. }) => {
            commands::settings::set_exports(&folder)
        }
        Some(Command::Directory { action }) => commands::directory::run(desk, action),
        Some(Command::Feedback { action }) => commands::feedback::run(desk, action),
        Some(Command::Attach { case_ref, file, title }) => {
            commands::attach::run(desk, &case_ref, &file, title.as_deref())
        }
        Some(Command::Minutes { meeting, output, list }) => {
            commands::minutes::run(desk, meeting, output.as_deref(), list)
        }
        Some(Command::Caseload { format }) => commands::caseload::run(desk, format),
        Some(Command::Holidays { action, year }) => commands::holidays::run(desk, cli.db.is_some(), action, year),
        Some(Command::Rules { format }) => commands::rules::run(desk, cli.db.is_some(), format),
    }
}

/// A date argument read against the desk's day; a refusal is bad input.
fn day_of(written: &args::WrittenDate, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, Failure> {
    written.on(today).map_err(failure::usage)
}
