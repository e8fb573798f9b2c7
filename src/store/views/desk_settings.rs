//! Settings the whole desk shares, kept by name in `desk_setting`: how
//! dates are shown. Read when the desk opens (so every screen and printed
//! table uses it) and set through the audited write path.

use rusqlite::{params, OptionalExtension};

use crate::domain::dates::{self, DateStyle};
use crate::store::writes::text;
use crate::store::{Store, StoreResult, Tx};

const DATE_STYLE: &str = "date_style";

fn read(conn: &rusqlite::Connection, name: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM desk_setting WHERE name = ?1", params![name], |r| r.get("value"))
        .optional()?)
}

impl Store {
    /// How this desk shows dates; the default where none was chosen (or on
    /// a desk too old to keep settings, opened only to read).
    pub fn date_style(&self) -> DateStyle {
        read(self.conn(), DATE_STYLE).ok().flatten().and_then(|v| DateStyle::parse(&v)).unwrap_or_default()
    }

    /// Show dates in this desk's style from now on.
    pub(crate) fn adopt_date_style(&self) {
        dates::use_style(self.date_style());
        if let Some(day) = self.desk_day {
            dates::use_today(day);
        }
    }

    /// Set how the desk shows dates, audited, and show them so from now on.
    pub fn set_date_style(&mut self, style: DateStyle) -> StoreResult<()> {
        self.write(|tx| tx.set_date_style(style))?;
        dates::use_style(style);
        Ok(())
    }
}

impl Tx<'_> {
    pub fn set_date_style(&mut self, style: DateStyle) -> StoreResult<()> {
        let existing: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM desk_setting WHERE name = ?1", params![DATE_STYLE], |r| r.get(0))
            .optional()?;
        let value = vec![("value", text(style.as_str()))];
        match existing {
            Some(id) => self.update("desk_setting", id, None, value),
            None => {
                let mut cols = value;
                cols.push(("name", text(DATE_STYLE)));
                self.insert("desk_setting", None, cols).map(|_| ())
            }
        }
    }
}
