//! `casedesk minutes --meeting ID -o FILE.docx|FILE.md`: write a meeting's
//! minutes (its format by the file's extension); `--list` lists the
//! meetings with their numbers, newest first.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::domain::dates;
use crate::export::letters::write_minutes;
use crate::export::safe::inert;
use crate::export::table::{Table, TableFormat};
use crate::store::views::meetings::MeetingRow;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, meeting: Option<i64>, output: Option<&Path>, list: bool) -> Result<(), Failure> {
    if list {
        return list_meetings(desk);
    }
    let (Some(meeting), Some(output)) = (meeting, output) else {
        return Err(usage(
            "Give --meeting ID and -o FILE (.docx or .md) to write minutes, or --list to see the meetings.".into(),
        ));
    };
    desk.guard_output(Some(output))?;
    let mut store = desk.open(OpenMode::MustExist)?;
    let written = write_minutes(&mut store, meeting, output)?;
    crate::say!("Wrote the minutes of \"{}\" to {}.", inert(&written.title), written.path.display());
    Ok(())
}

fn list_meetings(desk: Desk<'_>) -> Result<(), Failure> {
    let store = desk.open(OpenMode::ToRead)?;
    let meetings = store.meetings()?;
    if meetings.is_empty() {
        crate::say!("No meetings are recorded yet: record one with m on the Agreements screen.");
        return Ok(());
    }
    let mut table = Table::new(vec!["Number", "Held", "Title", "Where", "Attendees", "Actions open", "Minutes"]);
    table.rows.extend(meetings.iter().map(row));
    crate::say!("{}", table.render(TableFormat::Table)?.trim_end_matches('\n'));
    Ok(())
}

fn row(m: &MeetingRow) -> Vec<String> {
    vec![
        m.id.to_string(),
        dates::day_at(m.held_at),
        m.title.clone(),
        m.place.clone().unwrap_or_default(),
        m.attendees.to_string(),
        m.open_actions.to_string(),
        if m.minuted { "Written" } else { "Not yet" }.to_string(),
    ]
}
