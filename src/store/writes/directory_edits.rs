//! Editing a directory entry as it stands, and a venue's rooms. Like adding,
//! an edit is audited by the columns it moved and undone like any change.

use rusqlite::{params, OptionalExtension};

use super::directory::{checked_name, entry_cols, table, NewDirectoryEntry};
use super::{int, opt_text, text, Tx};
use crate::domain::directory::DirectoryKind;
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::{StoreError, StoreResult};

/// A room of a venue, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRoom {
    pub name: String,
    pub capacity: Option<u32>,
    pub accessibility: Option<String>,
    pub refreshments: bool,
}

impl Tx<'_> {
    /// Replace an entry's details with those typed: the name may change, but
    /// not to one another entry of the same kind already has.
    pub fn edit_directory_entry(&mut self, kind: DirectoryKind, id: i64, entry: &NewDirectoryEntry) -> StoreResult<()> {
        let name = checked_name(kind, entry)?;
        if self.directory_id(kind, &name, false)?.is_some_and(|other| other != id) {
            return Err(StoreError::Invalid(format!(
                "There is already a {} named {name} in the directory: choose a name that tells them apart.",
                kind.noun()
            )));
        }
        self.update(table(kind), id, None, entry_cols(kind, &name, entry))
    }

    /// Add a room to a venue; two rooms of one venue never share a name.
    pub fn add_room(&mut self, venue_id: i64, room: &NewRoom) -> StoreResult<i64> {
        check_lengths(&[
            ("room", Short, Some(&room.name)),
            ("accessibility notes", Long, room.accessibility.as_deref()),
        ])?;
        let name = room.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(StoreError::Invalid("Give the room's name.".into()));
        }
        let venue: Option<String> = self
            .conn()
            .query_row("SELECT name FROM venue WHERE id = ?1", params![venue_id], |r| r.get(0))
            .optional()?;
        let Some(venue) = venue else { return Err(StoreError::NotFound(format!("venue {venue_id}"))) };
        let taken: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM venue_room WHERE venue_id = ?1 AND lower(name) = lower(?2))",
            params![venue_id, name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Invalid(format!(
                "{venue} already has a room named {name}: give this one another name."
            )));
        }
        let cols = vec![
            ("venue_id", int(venue_id)),
            ("name", text(name)),
            ("capacity", room.capacity.map_or(rusqlite::types::Value::Null, |c| int(c.into()))),
            ("accessibility", opt_text(&room.accessibility)),
            ("refreshments", int(room.refreshments.into())),
        ];
        self.insert("venue_room", None, cols)
    }
}
