//! The command line: parse, open the store, dispatch. Thin on purpose: the
//! work is in `store`, `domain` and `export`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use chrono::{Datelike, NaiveDate};

use crate::demo::{self, DemoOptions};
use crate::domain::{dates, holidays};
use crate::export::summary as summary_export;
use crate::export::today as today_export;
use crate::store::manifests::AuditHead;
use crate::store::{Day, OpenMode, Store, Upkeep};

mod args;
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
fn one_sentence(e: &anyhow::Error) -> String {
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
    match cli.command {
        None => run_interface(&db, today),
        Some(Command::Demo { cases, seed }) => run_demo(&db, today, cases, seed),
        Some(Command::Today { all }) => run_today(&db, today, all),
        Some(Command::Summary { date, format, output, with_names, recipient, justification }) => {
            let disclosure = if with_names { recipient.zip(justification) } else { None };
            guard_output(&db, output.as_deref())?;
            let store = open_on(&db, OpenMode::ToRead, today)?;
            summary_export::cli_summary(store, date.unwrap_or(today), format, output.as_deref(), disclosure)?;
            Ok(())
        }
        Some(Command::Letter { case_ref, template, output, to, to_role, condition, list }) => {
            guard_output(&db, output.as_deref().filter(|_| !list))?;
            let store = open_on(&db, OpenMode::MustExist, today)?;
            let request = crate::export::letters::LetterRequest {
                case_ref: &case_ref,
                template: template.as_deref(),
                output: output.as_deref(),
                to: to.as_deref(),
                to_role: to_role.as_deref(),
                condition,
            };
            if list {
                crate::export::letters::cli_letter_list(&store, &case_ref)?;
            } else {
                crate::export::letters::cli_letter(store, today, &request)?;
            }
            Ok(())
        }
        Some(Command::Report { from, to, format, output }) => {
            guard_output(&db, output.as_deref())?;
            let store = open_on(&db, OpenMode::ToRead, today)?;
            crate::export::report::cli_report(store, from, to, &format, output.as_deref())?;
            Ok(())
        }
        Some(Command::Sample { n, from, to, seed, output }) => {
            guard_output(&db, Some(&output))?;
            let store = open_on(&db, OpenMode::ToRead, today)?;
            crate::export::sample::cli_sample(store, n, from, to, seed, &output)?;
            Ok(())
        }
        Some(Command::Import { file, dry_run, mapping }) => {
            // A dry run against a database not yet made changes nothing, so
            // it runs on a scratch desk in a temporary folder, removed after:
            // a file, not memory, which a large tracker would fill (1.1 GB
            // for 100,000 cases).
            let scratch = (dry_run && !db.exists())
                .then(tempfile::tempdir)
                .transpose()
                .context("cannot make a temporary folder for the dry run")?;
            let store = match &scratch {
                Some(dir) => {
                    let mut scratch = Store::open(&dir.path().join("dry-run.db"), OpenMode::CreateIfMissing)?;
                    scratch.set_desk_day(today);
                    scratch
                }
                None => open_on(&db, OpenMode::CreateIfMissing, today)?,
            };
            crate::import::cli_import(store, today, &file, dry_run, mapping.as_deref())?;
            Ok(())
        }
        Some(Command::Tracker { output }) => {
            guard_output(&db, Some(&output))?;
            let store = open_on(&db, OpenMode::ToRead, today)?;
            crate::export::tracker::cli_tracker(store, &output)?;
            Ok(())
        }
        Some(Command::Restore { src }) => {
            let key = encryption::passphrase_for(&src)?;
            run_restore(&db, &src, key.as_ref())
        }
        Some(Command::Audit { case_ref }) => {
            let store = open_on(&db, OpenMode::ToRead, today)?;
            crate::export::audit::cli_audit(store, case_ref.as_deref())?;
            Ok(())
        }
        Some(Command::WriteStream { count }) => {
            let store = open_on(&db, OpenMode::CreateIfMissing, today)?;
            crate::store::crashtest::write_stream(store, today, count)?;
            Ok(())
        }
        Some(Command::Ics { case_ref, output }) => {
            guard_output(&db, Some(&output))?;
            let store = open_on(&db, OpenMode::ToRead, today)?;
            crate::export::ics::cli_ics(store, &case_ref, &output)?;
            Ok(())
        }
        Some(Command::Sql { of }) => {
            let script =
                crate::store::trace::queries_script(open_on(&db, OpenMode::ToRead, today)?, today, of.reads())?;
            std::io::Write::write_all(&mut std::io::stdout().lock(), script.as_bytes())
                .context("writing the queries")?;
            Ok(())
        }
        Some(Command::Check { head }) => run_check(&db, head.as_ref()),
        Some(Command::Backup { dest }) => run_backup(&db, &dest),
        Some(Command::Init { encrypt }) => Ok(encryption::run_init(&db, encrypt)?),
        Some(Command::Rekey) => Ok(encryption::run_rekey(&db)?),
        Some(Command::Holidays { year }) => run_holidays(&db, cli.db.is_some(), year.unwrap_or(today.year())),
    }
}

fn run_interface(db: &Path, today: NaiveDate) -> Result<(), Failure> {
    // The quick check of a large desk and the day's backup wait for the
    // first frame, so the desk appears at once whatever its size.
    let mut store = open_with(db, OpenMode::CreateIfMissing, Upkeep::Deferred)?;
    let upkeep = store.pending_upkeep(today);
    // The interface never keys a new file, so the passphrase need not stay
    // in memory (the upkeep keeps its own until its backup is made).
    store.forget_passphrase();
    crate::tui::run(store, today, upkeep)?;
    Ok(())
}

/// A new desk may be named in a folder not made yet: make it, as `mkdir -p`.
fn make_parent_folder(db: &Path) -> anyhow::Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    Ok(())
}

/// `open`, logging the work as done on the desk's day `today` (`--today`,
/// or the local date), which the summary counts exports and disclosures by.
fn open_on(db: &Path, mode: OpenMode, today: NaiveDate) -> anyhow::Result<Store> {
    let mut store = open(db, mode)?;
    store.set_desk_day(today);
    Ok(store)
}

fn open(db: &Path, mode: OpenMode) -> anyhow::Result<Store> {
    open_with(db, mode, Upkeep::BeforeUse)
}

fn open_with(db: &Path, mode: OpenMode, upkeep: Upkeep) -> anyhow::Result<Store> {
    if mode == OpenMode::CreateIfMissing {
        make_parent_folder(db)?;
    }
    let key = encryption::passphrase_for(db)?;
    let created = !db.exists();
    let store = Store::open_with(db, mode, key, upkeep)?;
    encryption::note_if_created_plain(created, &store);
    if let Some(warning) = store.backup_warning() {
        crate::tell!("casedesk: warning: {warning}");
    }
    if store.is_read_only() {
        crate::tell!(
            "casedesk: note: {} is read-only (you cannot write it); opened read-only, changes are not possible",
            db.display()
        );
    }
    Ok(store)
}

/// Demo cases are loaded in bulk: into a new file made whole before it takes
/// its name, or into an existing desk that holds no cases yet.
fn run_demo(db: &Path, today: NaiveDate, cases: u32, seed: u64) -> Result<(), Failure> {
    let opts = DemoOptions { cases, seed, today };
    let report = if db.exists() {
        let mut store = open_on(db, OpenMode::CreateIfMissing, today)?;
        let existing = store.case_count()?;
        if existing > 0 {
            return Err(Failure::Usage(anyhow::anyhow!(
                "{} already holds {existing} cases; demo data only goes into a new or empty database",
                db.display()
            )));
        }
        demo::generate_bulk(&mut store, &opts)?
    } else {
        make_parent_folder(db)?;
        demo::create_database(db, &opts)?
    };
    crate::say!(
        "Wrote {} invented cases ({} people, {} conditions, {} agreement items) to {}, as of {today}.",
        report.cases,
        report.people,
        report.conditions,
        report.agreement_items,
        db.display()
    );
    Ok(())
}

fn run_today(db: &Path, today: NaiveDate, all: bool) -> Result<(), Failure> {
    let store = open_on(db, OpenMode::ToRead, today)?;
    let (calendar, rules) = (store.calendar()?, store.rules()?);
    let limit = (!all).then_some(today_export::FIRST_ITEMS);
    let read = store.today_sections(&Day { today, calendar: &calendar, rules: &rules }, limit)?;
    let mut out = std::io::stdout().lock();
    // A reader that stops early (`casedesk today | head`) is not an error.
    match today_export::write_to(&mut out, today, calendar.is_working_day(today), read) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("cannot write the list: {e}").into())
        }
        _ => Ok(()),
    }
}

fn run_check(db: &Path, head: Option<&AuditHead>) -> Result<(), Failure> {
    let store = match open(db, OpenMode::MustExist) {
        Ok(store) => store,
        // A damaged file is what check is for finding: a fault (exit 1),
        // not bad input (exit 2).
        Err(e) if is_damage(&e) => {
            crate::tell!("casedesk: {}", one_sentence(&e));
            return Err(Failure::Faults);
        }
        Err(e) => return Err(e.into()),
    };
    let report = store.check_with_head(head)?;
    crate::say!("Checked {}", db.display());
    for line in report.lines() {
        crate::say!("  {line}");
    }
    // The report above says what the alarm was about: it has been read.
    store.acknowledge_audit_alarm();
    if report.is_ok() {
        crate::say!("All checks passed.");
        Ok(())
    } else {
        crate::tell!(
            "casedesk: the database has faults (listed above); restore a backup or keep this file for investigation"
        );
        Err(Failure::Faults)
    }
}

/// An output is checked before the desk is even opened, so a refused one
/// changes nothing at all; the writers check again as they write.
fn guard_output(db: &Path, output: Option<&Path>) -> anyhow::Result<()> {
    output.map_or(Ok(()), |path| crate::export::check_output(path, Some(db)))
}

fn is_damage(e: &anyhow::Error) -> bool {
    matches!(
        e.downcast_ref::<crate::store::StoreError>(),
        Some(crate::store::StoreError::Corrupt { .. } | crate::store::StoreError::Damaged)
    )
}

fn run_backup(db: &Path, dest: &Path) -> Result<(), Failure> {
    guard_output(db, Some(dest))?;
    if dest.exists() {
        bail_usage(format!("{} already exists; choose a new file name for the backup", dest.display()))?;
    }
    let store = open(db, OpenMode::MustExist)?;
    let written = store.backup_to(dest)?;
    crate::say!("Backed up {} to {}", db.display(), written.display());
    Ok(())
}

/// `casedesk restore SRC`; `key` is the backup's passphrase when it is encrypted.
fn run_restore(db: &Path, src: &Path, key: Option<&crate::store::Passphrase>) -> Result<(), Failure> {
    // The desk's day (`--today` when given) names the refreshed daily backup.
    let now = crate::store::backup::desk_day().and_time(chrono::Local::now().time());
    let done = crate::store::backup::restore_keyed(db, src, now, key)?;
    crate::say!(
        "Verified {}: integrity ok, schema version {}, audit chain of {} rows intact.",
        src.display(),
        done.schema_version,
        done.audit_rows
    );
    match &done.set_aside {
        Some(aside) => crate::say!("Kept the previous database aside at {}.", aside.display()),
        None => crate::say!("There was no database at {} before.", db.display()),
    }
    crate::say!("Restored {} into {}.", src.display(), db.display());
    if let Some(warning) = &done.warning {
        crate::tell!("casedesk: warning: {warning}");
    }
    Ok(())
}

fn bail_usage(message: String) -> Result<(), Failure> {
    Err(Failure::Usage(anyhow::anyhow!(message)))
}

fn run_holidays(db: &Path, db_given: bool, year: i32) -> Result<(), Failure> {
    // The computed list is always available; a database adds the holidays
    // entered by hand or imported from GOV.UK.
    let calendar = if db_given || db.exists() {
        open(db, OpenMode::ToRead)?.calendar()?
    } else {
        crate::domain::workdays::WorkCalendar::england_and_wales()
    };
    let names: std::collections::HashMap<NaiveDate, String> =
        holidays::bank_holidays(year).into_iter().map(|h| (h.date, h.name)).collect();
    let mut days: Vec<NaiveDate> = calendar.holidays().filter(|d| d.year() == year).collect();
    days.sort();
    if days.is_empty() {
        return bail_usage(format!("no bank holidays are known for {year}"));
    }
    for day in days {
        let name = names.get(&day).map_or("Bank holiday (added locally)", String::as_str);
        crate::say!("{day} {name}");
    }
    Ok(())
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
