//! The directory in words: what each kind of entry keeps beyond its name and
//! contacts, for the command's list and the Directory screen alike, and the
//! list as a table (every field its own column in CSV and JSON, so that a
//! list can be read back by `directory import`).

use crate::domain::directory::{cost_words, DirectoryKind, Training};
use crate::export::table::{Table, TableFormat};
use crate::store::views::directory::{DirectoryEntry, Room};

/// A date as the directory shows it, in the desk's style.
pub fn day_words(day: chrono::NaiveDate) -> String {
    crate::domain::dates::day(day)
}

/// What a facilitator is trained in: "RJ conference, Mediation".
pub fn training_words(trained: &[Training]) -> String {
    trained.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ")
}

/// A room in a few words: "Hall (30 people, step-free, refreshments)".
pub fn room_words(room: &Room) -> String {
    let mut parts = Vec::new();
    if let Some(n) = room.capacity {
        parts.push(format!("{n} people"));
    }
    if let Some(access) = room.accessibility.as_deref() {
        parts.push(access.to_string());
    }
    if room.refreshments {
        parts.push("refreshments".into());
    }
    if parts.is_empty() {
        room.name.clone()
    } else {
        format!("{} ({})", room.name, parts.join(", "))
    }
}

/// The details an entry's kind keeps, one "Label: value" each, those left
/// empty left out.
pub fn details(e: &DirectoryEntry) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, Option<String>)> = Vec::new();
    match e.kind {
        DirectoryKind::Coordinator => {
            out.push(("Team", e.team.clone()));
            out.push(("Maximum caseload", e.max_caseload.map(|m| m.to_string())));
            out.push(("Open cases", Some(e.open_cases.to_string())));
        }
        DirectoryKind::Facilitator => {
            out.push(("Trained in", Some(training_words(&e.trained_in)).filter(|t| !t.is_empty())));
            out.push(("Vetting expires", e.vetting_expires.map(day_words)));
            out.push(("Availability", e.availability.clone()));
        }
        DirectoryKind::Provider => {
            out.push(("Courses", e.courses.clone()));
            out.push(("Referral method", e.referral_method.clone()));
            out.push(("Cost per place", e.cost_pence.map(cost_words)));
        }
        DirectoryKind::Venue => {
            out.push(("Address", e.address.clone()));
            out.push(("Booking contact", e.booking_contact.clone()));
            let rooms: Vec<String> = e.rooms.iter().map(room_words).collect();
            out.push(("Rooms", Some(rooms.join("; ")).filter(|r| !r.is_empty())));
        }
        DirectoryKind::Agency => {
            out.push(("Kind of agency", e.agency_kind.map(|k| k.label().to_string())));
            out.push(("Team", e.team.clone()));
        }
    }
    out.into_iter().filter_map(|(label, value)| value.map(|v| (label, v))).collect()
}

/// The headings of the list as CSV and JSON, the same `directory import` reads.
pub const FILE_HEADINGS: [&str; 19] = [
    "Kind",
    "Name",
    "Team",
    "Email",
    "Phone",
    "Open cases",
    "Maximum",
    "Status",
    "Notes",
    "Courses",
    "Referral method",
    "Cost per place",
    "Trained in",
    "Vetting expires",
    "Availability",
    "Address",
    "Booking contact",
    "Kind of agency",
    "Rooms",
];

/// The list of entries in `format`: for reading, the fields every kind has
/// and the rest of each entry's details in words; for a file, every field.
pub fn list_table(entries: &[DirectoryEntry], format: TableFormat) -> Table {
    if format == TableFormat::Table {
        let mut table =
            Table::new(vec!["Kind", "Name", "Team", "Email", "Phone", "Open cases", "Maximum", "Status", "Details"]);
        table.rows.extend(entries.iter().map(reading_row));
        return table;
    }
    let mut table = Table::new(FILE_HEADINGS.to_vec());
    table.rows.extend(entries.iter().map(file_row));
    table
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn status(e: &DirectoryEntry) -> String {
    if e.active { "Active" } else { "Retired" }.to_string()
}

fn open_cases(e: &DirectoryEntry) -> String {
    if e.kind == DirectoryKind::Coordinator {
        e.open_cases.to_string()
    } else {
        String::new()
    }
}

/// The cells every kind has, in the list's first eight columns.
fn shared_cells(e: &DirectoryEntry) -> Vec<String> {
    vec![
        e.kind.label().to_string(),
        e.name.clone(),
        text(&e.team),
        text(&e.email),
        text(&e.phone),
        open_cases(e),
        e.max_caseload.map_or_else(String::new, |m| m.to_string()),
        status(e),
    ]
}

fn reading_row(e: &DirectoryEntry) -> Vec<String> {
    let mut more: Vec<String> = details(e)
        .into_iter()
        .filter(|(label, _)| !matches!(*label, "Team" | "Maximum caseload" | "Open cases"))
        .map(|(label, value)| format!("{label}: {value}"))
        .collect();
    more.extend(e.notes.clone());
    let mut row = shared_cells(e);
    row.push(more.join("; "));
    row
}

fn file_row(e: &DirectoryEntry) -> Vec<String> {
    let mut row = shared_cells(e);
    row.extend([
        text(&e.notes),
        text(&e.courses),
        text(&e.referral_method),
        e.cost_pence.map(cost_words).unwrap_or_default(),
        training_words(&e.trained_in),
        e.vetting_expires.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
        text(&e.availability),
        text(&e.address),
        text(&e.booking_contact),
        e.agency_kind.map(|k| k.label().to_string()).unwrap_or_default(),
        e.rooms.iter().map(room_words).collect::<Vec<_>>().join("; "),
    ]);
    row
}
