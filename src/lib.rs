//! casedesk: the case desk for out-of-court disposals and restorative justice.
//!
//! Layers, data flowing one way: `domain` (pure rules) ← `store` (the only SQL)
//! ← `export` / `cli` / the interface.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod paths;
pub mod store;
pub mod tui;
