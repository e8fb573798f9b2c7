//! Read models for the screens: each returns counts plus one page of rows,
//! never a whole table. A screen's own writes that are not general store
//! operations live beside its reads, as `impl Tx` blocks.

pub mod agreements;
pub mod allocation;
pub mod case;
pub mod caseload;
pub mod checklist;
pub mod checklist_versions;
pub mod deadlines;
pub mod desk_settings;
pub mod desk_user;
pub mod diary;
#[cfg(test)]
mod diary_tests;
pub mod directory;
pub mod directory_finds;
pub mod feedback;
pub mod find;
pub mod handover;
pub mod intake;
pub mod letters;
pub mod meetings;
pub mod oocd_monthly;
pub mod profile;
pub mod referrals;
pub mod reports;
pub mod retention;
pub mod rj_quarterly;
pub mod rules;
pub mod sample;
mod search;

pub use search::SearchHit;

use rusqlite::OptionalExtension;

use crate::store::{Store, StoreResult};

impl Store {
    /// A mark that moves whenever the desk's data changes: the newest audit
    /// row recording a change (every write is audited; looking at a case
    /// changes nothing). What a screen read at one mark holds until it moves.
    pub fn change_mark(&self) -> StoreResult<i64> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id FROM audit_log WHERE op <> 'consult' ORDER BY id DESC LIMIT 1")?;
        Ok(stmt.query_row([], |r| r.get(0)).optional()?.unwrap_or(0))
    }
}
