//! `casedesk today [--all]`: the Today list as text.

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::today as today_export;
use crate::store::{Day, OpenMode};

pub fn run(desk: Desk<'_>, all: bool) -> Result<(), Failure> {
    let today = desk.today;
    let store = desk.open(OpenMode::ToRead)?;
    let (calendar, rules) = (store.calendar()?, store.rules()?);
    let limit = (!all).then_some(today_export::FIRST_ITEMS);
    let read = store.today_sections(&Day::new(today, &calendar, &rules), limit)?;
    let coordinators = store.coordinators_of(&today_export::cases_of(&read))?;
    let mut out = std::io::stdout().lock();
    // A reader that stops early (`casedesk today | head`) is not an error.
    match today_export::write_to(&mut out, today, calendar.is_working_day(today), read, &coordinators) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("cannot write the list: {e}").into())
        }
        _ => Ok(()),
    }
}
