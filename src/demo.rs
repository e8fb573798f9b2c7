//! Synthetic demonstration data (placeholder: being written).

use chrono::NaiveDate;

use crate::store::{Store, StoreResult};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub cases: u32,
    pub seed: u64,
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct DemoReport {
    pub cases: u32,
    pub people: u32,
    pub conditions: u32,
    pub agreement_items: u32,
}

pub fn generate(_store: &mut Store, _opts: &DemoOptions) -> StoreResult<DemoReport> {
    Ok(DemoReport::default())
}
