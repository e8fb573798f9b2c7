//! `casedesk holidays list|add|remove|import`: the England & Wales bank
//! holidays the desk counts working days with. The computed list is always
//! there; a desk adds the days proclaimed since this release, removes a day
//! moved, and takes the GOV.UK list saved as csv. Each change is audited
//! with its reason; an import is all or nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;

use crate::cli::dates::{written_date, WrittenDate};
use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::domain::holidays::{self, FIRST_YEAR, LAST_YEAR};
use crate::export::table::{Table, TableFormat};
use crate::import::{problem_lines, read_holidays, HolidayLine};
use crate::store::{Added, HolidayRow, HolidaySource, OpenMode, StoreError};

#[derive(Debug, Subcommand)]
pub enum HolidaysAction {
    /// The bank holidays of a year, as the desk counts them
    List {
        /// The year [default: the year of --today]
        #[arg(long, value_parser = clap::value_parser!(i32).range(FIRST_YEAR as i64..=LAST_YEAR as i64))]
        year: Option<i32>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Count a day as a bank holiday, e.g. add 2027-05-10 --name "Coronation"
    Add {
        #[arg(value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
        date: WrittenDate,
        #[arg(long)]
        name: String,
    },
    /// Stop counting a day as a bank holiday (a day moved), saying why
    Remove {
        #[arg(value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
        date: WrittenDate,
        #[arg(long)]
        reason: String,
    },
    /// Add the days of the GOV.UK list saved as csv (title,date,notes,bunting): all or nothing
    Import {
        file: PathBuf,
        /// Check the file and say what it would add, changing nothing
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(desk: Desk<'_>, db_given: bool, action: Option<HolidaysAction>, year: Option<i32>) -> Result<(), Failure> {
    let today = desk.today;
    match action {
        None => list(desk, db_given, year.unwrap_or(chrono::Datelike::year(&today)), TableFormat::Table),
        Some(HolidaysAction::List { year: listed, format }) => {
            list(desk, db_given, listed.or(year).unwrap_or(chrono::Datelike::year(&today)), format)
        }
        Some(HolidaysAction::Add { date, name }) => {
            let date = on(&date, today)?;
            let mut store = desk.open(OpenMode::MustExist)?;
            let done = store.write(|tx| tx.add_holiday(date, &name, HolidaySource::Manual))?;
            let day = crate::domain::dates::day(date);
            match done {
                Added::Added => crate::tell!("Added {day} as a bank holiday: {}.", name.trim()),
                Added::Restored => crate::tell!("{day} counts as a bank holiday again."),
                Added::AlreadyKnown => crate::tell!("{day} is already a bank holiday: nothing changed."),
            }
            Ok(())
        }
        Some(HolidaysAction::Remove { date, reason }) => {
            let date = on(&date, today)?;
            let mut store = desk.open(OpenMode::MustExist)?;
            store.write(|tx| tx.remove_holiday(date, &reason))?;
            crate::tell!("{} no longer counts as a bank holiday.", crate::domain::dates::day(date));
            Ok(())
        }
        Some(HolidaysAction::Import { file, dry_run }) => import(desk, &file, dry_run),
    }
}

fn on(date: &WrittenDate, today: NaiveDate) -> Result<NaiveDate, Failure> {
    date.on(today).map_err(usage)
}

fn list(desk: Desk<'_>, db_given: bool, year: i32, format: TableFormat) -> Result<(), Failure> {
    // The computed list needs no desk; a desk adds and removes its own days.
    let rows = if db_given || desk.db.exists() {
        desk.open(OpenMode::ToRead)?.holiday_list(year)?
    } else {
        holidays::bank_holidays(year)
            .into_iter()
            .map(|h| HolidayRow { date: h.date, name: h.name, added: false })
            .collect()
    };
    if rows.is_empty() {
        return Err(usage(format!("no bank holidays are known for {year}")));
    }
    if format == TableFormat::Table {
        for row in &rows {
            let added = if row.added { " (added on this desk)" } else { "" };
            crate::say!("{} {}{added}", row.date, row.name);
        }
        return Ok(());
    }
    let mut table = Table::new(vec!["Date", "Name", "Added on this desk"]);
    table.rows.extend(
        rows.iter().map(|r| vec![r.date.to_string(), r.name.clone(), if r.added { "yes" } else { "no" }.to_string()]),
    );
    crate::say!("{}", table.render(format)?.trim_end_matches('\n'));
    Ok(())
}

/// The GOV.UK list is a few kilobytes; anything this size is another file.
const MAX_BYTES: u64 = 1024 * 1024;

/// Said to the write path to roll a dry run back: the run itself is the check.
const DRY_RUN: &str = "a dry run changes nothing";

fn import(desk: Desk<'_>, file: &Path, dry_run: bool) -> Result<(), Failure> {
    let shown = file.display().to_string();
    let bytes = std::fs::metadata(file).map_err(|e| usage(format!("cannot read {shown}: {e}")))?.len();
    if bytes > MAX_BYTES {
        return Err(usage(format!(
            "{shown} is too large for the GOV.UK bank holidays list: give that list saved as csv"
        )));
    }
    let text = std::fs::read_to_string(file).map_err(|e| usage(format!("cannot read {shown} as text: {e}")))?;
    let lines = read_holidays(&text).map_err(|errors| {
        let listed = problem_lines(&errors, 0).join("\n");
        usage(format!("{shown} was not imported, nothing changed: put these rows right and import it again.\n{listed}"))
    })?;
    let mut store = desk.open(OpenMode::MustExist)?;
    let mut added: Vec<&HolidayLine> = Vec::new();
    let result = store.write(|tx| {
        for line in &lines {
            if tx.add_holiday(line.date, &line.name, HolidaySource::GovUk)? == Added::Added {
                added.push(line);
            }
        }
        if dry_run {
            return Err(StoreError::Invalid(DRY_RUN.into()));
        }
        Ok(())
    });
    let listed = lines.len();
    match result {
        Ok(()) => {
            added.iter().for_each(|line| crate::say!("{} {}", line.date, line.name));
            crate::tell!("Imported {} new bank holidays of the {listed} listed.", added.len());
        }
        Err(StoreError::Invalid(why)) if why == DRY_RUN => {
            added.iter().for_each(|line| crate::say!("{} {}", line.date, line.name));
            crate::tell!(
                "Dry run: {} new bank holidays of the {listed} listed would be added; nothing changed.",
                added.len()
            );
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
