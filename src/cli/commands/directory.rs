//! `casedesk directory list|add|retire|import`: the coordinators,
//! facilitators, providers, venues and partner agencies of the work. Adding,
//! retiring and importing are audited changes, undone like any other;
//! nothing a case names is ever deleted.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use crate::cli::dates::parse_date;
use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::domain::directory::{parse_cost, AgencyKind, DirectoryKind};
use crate::export::directory::list_table;
use crate::export::table::TableFormat;
use crate::import::directory::trainings;
use crate::store::{NewDirectoryEntry, NewRoom, OpenMode};

/// A kind of directory entry, as typed after `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Coordinator,
    Facilitator,
    Provider,
    Venue,
    Agency,
}

impl From<KindArg> for DirectoryKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Coordinator => DirectoryKind::Coordinator,
            KindArg::Facilitator => DirectoryKind::Facilitator,
            KindArg::Provider => DirectoryKind::Provider,
            KindArg::Venue => DirectoryKind::Venue,
            KindArg::Agency => DirectoryKind::Agency,
        }
    }
}

/// What `directory add` reads beyond the kind and name; each kind takes
/// only its own.
#[derive(Debug, clap::Args)]
pub struct AddDetails {
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// A coordinator's or partner agency's team
    #[arg(long)]
    team: Option<String>,
    /// The most open cases a coordinator takes
    #[arg(long, value_name = "N")]
    max_caseload: Option<u32>,
    /// The courses or interventions a provider offers
    #[arg(long)]
    courses: Option<String>,
    /// How a referral reaches a provider (email, portal, phone)
    #[arg(long, value_name = "HOW")]
    referral_method: Option<String>,
    /// What a place on a provider's course costs, in pounds
    #[arg(long, value_name = "POUNDS")]
    cost: Option<String>,
    /// What a facilitator is trained in: conference, mediation, shuttle (comma-separated)
    #[arg(long, value_name = "LIST")]
    trained_in: Option<String>,
    /// When a facilitator's vetting runs out (31/12/2027)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    vetting_expires: Option<NaiveDate>,
    /// When a facilitator is free
    #[arg(long)]
    availability: Option<String>,
    /// A venue's address
    #[arg(long)]
    address: Option<String>,
    /// Who books a venue's rooms
    #[arg(long, value_name = "WHO")]
    booking_contact: Option<String>,
    /// A room of a venue, as NAME or NAME:CAPACITY ("Main hall:40"); repeat it for each room
    #[arg(long, value_name = "NAME[:CAPACITY]")]
    room: Vec<String>,
    /// A partner agency's kind: victim-support, probation, yot, housing, school, other
    #[arg(long, value_name = "KIND")]
    agency_kind: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DirectoryAction {
    /// List the directory's entries, active and retired
    List {
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Add a coordinator, facilitator, provider, venue or partner agency
    Add {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long)]
        name: String,
        #[command(flatten)]
        details: Box<AddDetails>,
    },
    /// Retire an entry: kept on its cases, offered for no new work
    Retire {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long)]
        name: String,
    },
    /// Add the entries of a CSV or XLSX file, all or none
    Import {
        file: PathBuf,
        /// Check the file and say what it would add, adding nothing
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(desk: Desk<'_>, action: DirectoryAction) -> Result<(), Failure> {
    match action {
        DirectoryAction::List { kind, format } => list(desk, kind.map(Into::into), format),
        DirectoryAction::Add { kind, name, details } => {
            let kind = DirectoryKind::from(kind);
            let rooms = details.room.iter().map(|r| parse_room(r)).collect::<Result<Vec<_>, _>>()?;
            let entry = new_entry(kind, name, *details)?;
            let mut store = desk.open(OpenMode::MustExist)?;
            // The venue and its rooms are one change: undone together.
            store.write(|tx| {
                let id = tx.add_to_directory(kind, &entry)?;
                rooms.iter().try_for_each(|room| tx.add_room(id, room).map(|_| ()))
            })?;
            let with_rooms = match rooms.len() {
                0 => String::new(),
                1 => " with 1 room".to_string(),
                n => format!(" with {n} rooms"),
            };
            crate::tell!("Added {} to the directory as a {}{with_rooms}.", entry.name.trim(), kind.noun());
            Ok(())
        }
        DirectoryAction::Retire { kind, name } => {
            let kind = DirectoryKind::from(kind);
            let mut store = desk.open(OpenMode::MustExist)?;
            store.write(|tx| tx.retire_from_directory(kind, &name))?;
            crate::tell!("Retired {} from the directory: the cases that name them keep them.", name.trim());
            Ok(())
        }
        DirectoryAction::Import { file, dry_run } => super::directory_import::run(desk, &file, dry_run),
    }
}

/// The options each kind takes beyond email, phone and notes.
fn own_options(kind: DirectoryKind) -> &'static [&'static str] {
    match kind {
        DirectoryKind::Coordinator => &["--team", "--max-caseload"],
        DirectoryKind::Facilitator => &["--trained-in", "--vetting-expires", "--availability"],
        DirectoryKind::Provider => &["--courses", "--referral-method", "--cost"],
        DirectoryKind::Venue => &["--address", "--booking-contact", "--room"],
        DirectoryKind::Agency => &["--team", "--agency-kind"],
    }
}

fn new_entry(kind: DirectoryKind, name: String, d: AddDetails) -> Result<NewDirectoryEntry, Failure> {
    let given = [
        ("--team", d.team.is_some()),
        ("--max-caseload", d.max_caseload.is_some()),
        ("--courses", d.courses.is_some()),
        ("--referral-method", d.referral_method.is_some()),
        ("--cost", d.cost.is_some()),
        ("--trained-in", d.trained_in.is_some()),
        ("--vetting-expires", d.vetting_expires.is_some()),
        ("--availability", d.availability.is_some()),
        ("--address", d.address.is_some()),
        ("--booking-contact", d.booking_contact.is_some()),
        ("--agency-kind", d.agency_kind.is_some()),
        ("--room", !d.room.is_empty()),
    ];
    if let Some((option, _)) = given.iter().find(|(option, set)| *set && !own_options(kind).contains(option)) {
        let owners: Vec<&str> =
            DirectoryKind::ALL.into_iter().filter(|k| own_options(*k).contains(option)).map(|k| k.noun()).collect();
        return Err(usage(format!(
            "{option} belongs to a {}: leave it out for a {}",
            owners.join(" or a "),
            kind.noun()
        )));
    }
    let cost_pence = match d.cost.as_deref() {
        Some(text) => Some(parse_cost(text).ok_or_else(|| {
            usage(format!("--cost {text:?} is not an amount of money: write it in pounds, as 120 or 85.50"))
        })?),
        None => None,
    };
    let trained_in = match d.trained_in.as_deref() {
        Some(list) => trainings(list).map_err(usage)?,
        None => Vec::new(),
    };
    let agency_kind = match d.agency_kind.as_deref() {
        Some(text) => Some(AgencyKind::from_words(text).ok_or_else(|| {
            usage(format!("--agency-kind {text:?} is not a kind of agency: use victim-support, probation, yot, housing, school or other"))
        })?),
        None => None,
    };
    Ok(NewDirectoryEntry {
        name,
        team: d.team,
        email: d.email,
        phone: d.phone,
        notes: d.notes,
        max_caseload: d.max_caseload,
        courses: d.courses,
        referral_method: d.referral_method,
        cost_pence,
        trained_in,
        vetting_expires: d.vetting_expires,
        availability: d.availability,
        address: d.address,
        booking_contact: d.booking_contact,
        agency_kind,
    })
}

/// A room as typed after `--room`: its name, and its capacity after the
/// last colon if one is given.
fn parse_room(typed: &str) -> Result<NewRoom, Failure> {
    let (name, capacity) = match typed.rsplit_once(':') {
        Some((name, number)) => {
            let capacity = number.trim().parse::<u32>().map_err(|_| {
                usage(format!(
                    "--room {typed:?}: write it as NAME or NAME:CAPACITY, the capacity a whole number of people"
                ))
            })?;
            (name, Some(capacity))
        }
        None => (typed, None),
    };
    Ok(NewRoom { name: name.trim().to_string(), capacity, ..NewRoom::default() })
}

fn list(desk: Desk<'_>, kind: Option<DirectoryKind>, format: TableFormat) -> Result<(), Failure> {
    let store = desk.open(OpenMode::ToRead)?;
    let entries = store.directory(kind)?;
    let table = list_table(&entries, format);
    crate::say!("{}", table.render(format)?.trim_end_matches('\n'));
    Ok(())
}
