//! `casedesk directory list|add|retire`: the coordinators and providers the
//! cases are handed to. Adding and retiring are audited changes, undone like
//! any other; nothing a case names is ever deleted.

use clap::Subcommand;

use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::domain::directory::DirectoryKind;
use crate::export::table::{Table, TableFormat};
use crate::store::views::directory::DirectoryEntry;
use crate::store::{NewDirectoryEntry, OpenMode};

/// A kind of directory entry, as typed after `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Coordinator,
    Provider,
}

impl From<KindArg> for DirectoryKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Coordinator => DirectoryKind::Coordinator,
            KindArg::Provider => DirectoryKind::Provider,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DirectoryAction {
    /// List the coordinators and providers, active and retired
    List {
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Add a coordinator or a provider
    Add {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// A coordinator's team
        #[arg(long)]
        team: Option<String>,
        /// The most open cases a coordinator takes
        #[arg(long, value_name = "N")]
        max_caseload: Option<u32>,
    },
    /// Retire a coordinator or provider: kept on its cases, offered for no new work
    Retire {
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long)]
        name: String,
    },
}

pub fn run(desk: Desk<'_>, action: DirectoryAction) -> Result<(), Failure> {
    match action {
        DirectoryAction::List { kind, format } => list(desk, kind.map(Into::into), format),
        DirectoryAction::Add { kind, name, email, phone, notes, team, max_caseload } => {
            let kind = DirectoryKind::from(kind);
            if kind == DirectoryKind::Provider && (team.is_some() || max_caseload.is_some()) {
                return Err(usage(
                    "--team and --max-caseload belong to a coordinator: leave them out for a provider".into(),
                ));
            }
            let entry = NewDirectoryEntry { name, team, email, phone, notes, max_caseload };
            let mut store = desk.open(OpenMode::MustExist)?;
            store.write(|tx| tx.add_to_directory(kind, &entry))?;
            crate::tell!("Added {} to the directory as a {}.", entry.name.trim(), kind.as_str());
            Ok(())
        }
        DirectoryAction::Retire { kind, name } => {
            let kind = DirectoryKind::from(kind);
            let mut store = desk.open(OpenMode::MustExist)?;
            store.write(|tx| tx.retire_from_directory(kind, &name))?;
            crate::tell!("Retired {} from the directory: the cases that name them keep them.", name.trim());
            Ok(())
        }
    }
}

fn list(desk: Desk<'_>, kind: Option<DirectoryKind>, format: TableFormat) -> Result<(), Failure> {
    let store = desk.open(OpenMode::ToRead)?;
    let entries = store.directory(kind)?;
    let mut table =
        Table::new(vec!["Kind", "Name", "Team", "Email", "Phone", "Open cases", "Maximum", "Status", "Notes"]);
    table.rows.extend(entries.iter().map(row));
    crate::say!("{}", table.render(format)?.trim_end_matches('\n'));
    Ok(())
}

fn row(e: &DirectoryEntry) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let is_coordinator = e.kind == DirectoryKind::Coordinator;
    vec![
        e.kind.label().to_string(),
        e.name.clone(),
        text(&e.team),
        text(&e.email),
        text(&e.phone),
        if is_coordinator { e.open_cases.to_string() } else { String::new() },
        e.max_caseload.map_or_else(String::new, |m| m.to_string()),
        if e.active { "Active" } else { "Retired" }.to_string(),
        text(&e.notes),
    ]
}
