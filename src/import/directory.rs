//! `casedesk directory import`: a list of directory entries read from a CSV
//! or XLSX file with the same reading and limits as a tracker (`read`), every
//! row checked before anything is written, then all written in one
//! transaction, or nothing and every problem listed by row and column. The
//! columns are those `directory list --format csv` writes.

use std::path::Path;

use chrono::NaiveDate;

use super::dates::{excel_serial_date, parse_uk_date};
use super::limits::cell_too_long;
use super::mapping::normalise;
use super::read::{self, number_text, Cell, SheetRow};
use super::RowError;
use crate::domain::directory::{parse_cost, same_name, AgencyKind, DirectoryKind, Training};
use crate::export::directory::FILE_HEADINGS;
use crate::store::{NewDirectoryEntry, NewRoom, Store};

/// One row, ready to add.
#[derive(Debug, Clone)]
pub struct PlannedEntry {
    pub row: usize,
    pub kind: DirectoryKind,
    pub entry: NewDirectoryEntry,
    pub rooms: Vec<NewRoom>,
    pub retired: bool,
}

/// How a directory import ended.
pub enum DirectoryImport {
    /// The file's columns are not the directory's: each sentence says why.
    Unmapped(Vec<String>),
    /// Rows with problems; nothing was written.
    Problems(Vec<RowError>),
    /// Every row added (or, on a dry run, would be).
    Added(Vec<PlannedEntry>),
}

/// Read `file`, check every row, and unless `dry_run` add them all in one
/// transaction.
pub fn import_directory(store: &mut Store, file: &Path, dry_run: bool) -> anyhow::Result<DirectoryImport> {
    let table = read::read_table(file)?;
    let columns = match columns_of(&table.headers) {
        Ok(columns) => columns,
        Err(problems) => return Ok(DirectoryImport::Unmapped(problems)),
    };
    let existing = store.directory(None)?;
    let mut planned: Vec<PlannedEntry> = Vec::new();
    let mut errors = Vec::new();
    for row in &table.rows {
        match plan_row(row, &columns) {
            Ok(entry) => {
                let clash = |name: &str| same_name(name, &entry.entry.name);
                if existing.iter().any(|e| e.kind == entry.kind && clash(&e.name)) {
                    errors.push(problem(row, "Name", format!("{} is already in the directory", entry.entry.name)));
                } else if let Some(first) = planned.iter().find(|p| p.kind == entry.kind && clash(&p.entry.name)) {
                    errors.push(problem(
                        row,
                        "Name",
                        format!("{} is named again: row {} has it", entry.entry.name, first.row),
                    ));
                } else {
                    planned.push(entry);
                }
            }
            Err(mut found) => errors.append(&mut found),
        }
    }
    if !errors.is_empty() {
        return Ok(DirectoryImport::Problems(errors));
    }
    if !dry_run {
        store.write(|tx| {
            for p in &planned {
                let id = tx.add_to_directory(p.kind, &p.entry)?;
                for room in &p.rooms {
                    tx.add_room(id, room)?;
                }
                if p.retired {
                    tx.retire_from_directory(p.kind, &p.entry.name)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(DirectoryImport::Added(planned))
}

/// Which column holds which heading of `FILE_HEADINGS`, by index. Kind and
/// Name are needed; a heading that is none of them is refused, so a typing
/// slip never drops a column unseen.
fn columns_of(headers: &[String]) -> Result<Vec<Option<&'static str>>, Vec<String>> {
    let mut problems = Vec::new();
    let mut columns = Vec::with_capacity(headers.len());
    for header in headers {
        let found = FILE_HEADINGS.iter().find(|h| normalise(h) == normalise(header)).copied();
        if found.is_none() && !header.trim().is_empty() {
            problems.push(format!(
                "the column \"{}\" is not one the directory keeps; its columns are {}",
                header.trim(),
                FILE_HEADINGS.join(", ")
            ));
        }
        columns.push(found);
    }
    for needed in ["Kind", "Name"] {
        if !columns.contains(&Some(needed)) {
            problems.push(format!("the file has no \"{needed}\" column; add one"));
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

fn problem(row: &SheetRow, column: &str, reason: String) -> RowError {
    RowError { row: row.number, column: column.to_string(), reason }
}

fn cell_text(cell: &Cell) -> Result<Option<String>, String> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Unreadable(why) => return Err(why.clone()),
    };
    if let Some(why) = cell_too_long(&text) {
        return Err(why);
    }
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// One row as an entry, or every problem in it.
fn plan_row(row: &SheetRow, columns: &[Option<&'static str>]) -> Result<PlannedEntry, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut values: Vec<(&'static str, String)> = Vec::new();
    for (index, heading) in columns.iter().enumerate() {
        let Some(heading) = heading else { continue };
        match cell_text(row.cell(index)) {
            Ok(Some(text)) => values.push((heading, text)),
            Ok(None) => {}
            Err(why) => errors.push(problem(row, heading, why)),
        }
    }
    let get = |h: &str| values.iter().find(|(k, _)| *k == h).map(|(_, v)| v.clone());
    let kind = match get("Kind") {
        Some(text) => DirectoryKind::parse(&text).or_else(|| {
            let kinds: Vec<&str> = DirectoryKind::ALL.iter().map(|k| k.label()).collect();
            errors.push(problem(row, "Kind", format!("{text:?} is not a kind of entry; use {}", kinds.join(", "))));
            None
        }),
        None => {
            errors.push(problem(
                row,
                "Kind",
                "the kind is empty; say Coordinator, Facilitator, Provider, Venue or Partner agency".into(),
            ));
            None
        }
    };
    let name = get("Name").unwrap_or_default();
    if name.is_empty() {
        errors.push(problem(row, "Name", "the name is empty".into()));
    }
    let Some(kind) = kind else { return Err(errors) };
    let mut entry = NewDirectoryEntry { name, ..Default::default() };
    for (heading, text) in &values {
        if let Err(why) = set_field(&mut entry, kind, heading, text) {
            errors.push(problem(row, heading, why));
        }
    }
    let rooms = match get("Rooms") {
        Some(text) if kind == DirectoryKind::Venue => parse_rooms(&text).unwrap_or_else(|why| {
            errors.push(problem(row, "Rooms", why));
            Vec::new()
        }),
        _ => Vec::new(),
    };
    let retired = match get("Status").as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("active") => false,
        Some("retired") => true,
        Some(_) => {
            errors.push(problem(row, "Status", "the status is Active or Retired".into()));
            false
        }
    };
    if errors.is_empty() {
        Ok(PlannedEntry { row: row.number, kind, entry, rooms, retired })
    } else {
        Err(errors)
    }
}

/// Which kinds keep a column beyond those every kind has.
fn kept_by(heading: &str) -> &'static [DirectoryKind] {
    use DirectoryKind::*;
    match heading {
        "Team" => &[Coordinator, Agency],
        "Maximum" => &[Coordinator],
        "Courses" | "Referral method" | "Cost per place" => &[Provider],
        "Trained in" | "Vetting expires" | "Availability" => &[Facilitator],
        "Address" | "Booking contact" | "Rooms" => &[Venue],
        "Kind of agency" => &[Agency],
        _ => &[Coordinator, Facilitator, Provider, Venue, Agency],
    }
}

/// One cell's value into the entry, or why it cannot be.
fn set_field(entry: &mut NewDirectoryEntry, kind: DirectoryKind, heading: &str, text: &str) -> Result<(), String> {
    if !kept_by(heading).contains(&kind) {
        return Err(format!("a {} has no {}; leave the cell empty", kind.noun(), heading.to_lowercase()));
    }
    let owned = Some(text.to_string());
    match heading {
        "Team" => entry.team = owned,
        "Email" => entry.email = owned,
        "Phone" => entry.phone = owned,
        "Notes" => entry.notes = owned,
        "Courses" => entry.courses = owned,
        "Referral method" => entry.referral_method = owned,
        "Availability" => entry.availability = owned,
        "Address" => entry.address = owned,
        "Booking contact" => entry.booking_contact = owned,
        "Maximum" => {
            entry.max_caseload = Some(text.parse().map_err(|_| format!("{text:?} is not a whole number of cases"))?)
        }
        "Cost per place" => {
            entry.cost_pence = Some(parse_cost(text).ok_or_else(|| format!("{text:?} is not an amount in pounds"))?)
        }
        "Trained in" => entry.trained_in = trainings(text)?,
        "Vetting expires" => entry.vetting_expires = Some(expiry(text)?),
        "Kind of agency" => {
            let kinds: Vec<&str> = AgencyKind::ALL.iter().map(|k| k.label()).collect();
            entry.agency_kind = Some(
                AgencyKind::from_words(text)
                    .ok_or_else(|| format!("{text:?} is not a kind of agency; use {}", kinds.join(", ")))?,
            )
        }
        // Kind, Name and Status are read on their own; open cases are counted, never typed.
        _ => {}
    }
    Ok(())
}

fn expiry(text: &str) -> Result<NaiveDate, String> {
    parse_uk_date(text)
        .or_else(|| text.parse::<f64>().ok().and_then(excel_serial_date))
        .ok_or_else(|| format!("{text:?} is not a date; write it as 31/12/2027"))
}

/// "RJ conference, Mediation" (labels or their short words) into trainings.
pub fn trainings(text: &str) -> Result<Vec<Training>, String> {
    let mut out = Vec::new();
    for word in text.split([',', ';']).map(str::trim).filter(|w| !w.is_empty()) {
        let found = Training::ALL
            .iter()
            .copied()
            .find(|t| t.as_str().eq_ignore_ascii_case(word) || t.label().eq_ignore_ascii_case(word));
        match found {
            Some(t) if !out.contains(&t) => out.push(t),
            Some(_) => {}
            None => {
                return Err(format!("{word:?} is not a kind of facilitation; use conference, mediation or shuttle"))
            }
        }
    }
    Ok(out)
}

/// "Hall (30 people, step-free, refreshments); Side room" as the list
/// writes it, back into rooms.
fn parse_rooms(text: &str) -> Result<Vec<NewRoom>, String> {
    let mut rooms = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, inside) = match part.split_once('(') {
            Some((name, rest)) => (
                name.trim(),
                rest.trim_end()
                    .strip_suffix(')')
                    .ok_or_else(|| format!("the room {part:?} opens a bracket it does not close"))?,
            ),
            None => (part, ""),
        };
        let mut room = NewRoom { name: name.to_string(), ..Default::default() };
        let mut access = Vec::new();
        for item in inside.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            if item.eq_ignore_ascii_case("refreshments") {
                room.refreshments = true;
            } else if let Some(n) = item.strip_suffix("people").and_then(|n| n.trim().parse().ok()) {
                room.capacity = Some(n);
            } else {
                access.push(item);
            }
        }
        room.accessibility = Some(access.join(", ")).filter(|a| !a.is_empty());
        rooms.push(room);
    }
    Ok(rooms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rooms_read_back_as_the_list_writes_them() {
        let rooms = parse_rooms("Hall (30 people, step-free, refreshments); Side room").unwrap();
        assert_eq!(rooms.len(), 2);
        assert_eq!((rooms[0].name.as_str(), rooms[0].capacity, rooms[0].refreshments), ("Hall", Some(30), true));
        assert_eq!(rooms[0].accessibility.as_deref(), Some("step-free"));
        assert_eq!((rooms[1].name.as_str(), rooms[1].capacity), ("Side room", None));
        assert!(parse_rooms("Hall (30 people").is_err());
    }

    #[test]
    fn trainings_read_from_labels_or_words() {
        assert_eq!(trainings("RJ conference, shuttle").unwrap(), vec![Training::Conference, Training::Shuttle]);
        assert!(trainings("juggling").unwrap_err().contains("conference, mediation or shuttle"));
    }
}
