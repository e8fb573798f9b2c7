//! `casedesk holidays [--year YYYY]`: the England & Wales bank holidays in use.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::domain::holidays;
use crate::domain::workdays::WorkCalendar;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, db_given: bool, year: i32) -> Result<(), Failure> {
    // The computed list is always available; a database adds the holidays
    // entered by hand or imported from GOV.UK.
    let calendar = if db_given || desk.db.exists() {
        desk.open(OpenMode::ToRead)?.calendar()?
    } else {
        WorkCalendar::england_and_wales()
    };
    let names: HashMap<NaiveDate, String> =
        holidays::bank_holidays(year).into_iter().map(|h| (h.date, h.name)).collect();
    let mut days: Vec<NaiveDate> = calendar.holidays().filter(|d| d.year() == year).collect();
    days.sort();
    if days.is_empty() {
        return Err(usage(format!("no bank holidays are known for {year}")));
    }
    for day in days {
        let name = names.get(&day).map_or("Bank holiday (added locally)", String::as_str);
        crate::say!("{day} {name}");
    }
    Ok(())
}
