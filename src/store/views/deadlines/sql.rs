//! The Deadlines reads' SQL, written with its values.

use rusqlite::types::Value;

/// SQL text with its positional values, built together so a value can
/// never end up in the text.
#[derive(Default)]
pub(super) struct Sql {
    pub(super) text: String,
    pub(super) values: Vec<Value>,
}

impl Sql {
    pub(super) fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("?{}", self.values.len())
    }

    pub(super) fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
}
