//! Read models for the screens: each returns counts plus one page of rows,
//! never a whole table. A screen's own writes that are not general store
//! operations live beside its reads, as `impl Tx` blocks.

pub mod agreements;
pub mod case;
pub mod checklist;
pub mod deadlines;
pub mod intake;
pub mod letters;
pub mod reports;
pub mod retention;
pub mod sample;
mod search;

pub use search::SearchHit;
