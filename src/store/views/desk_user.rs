//! Who works at this desk: the name and role a person gave the first time
//! they opened the interface, kept by their operating-system account. The
//! store records that name as "who" in the audit log (and so on every
//! timeline) in place of the bare account; set through the audited write.

use rusqlite::{params, OptionalExtension};

use crate::store::limits::{check_lengths, TextKind};
use crate::store::writes::text;
use crate::store::{Store, StoreError, StoreResult, Tx};

/// The person at the desk, as they gave themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskUser {
    pub name: String,
    pub role: String,
}

impl DeskUser {
    /// "Jo Bloggs (RJ coordinator)": what the audit log records as who.
    pub fn who(&self) -> String {
        format!("{} ({})", self.name, self.role)
    }
}

fn read(conn: &rusqlite::Connection, account: &str) -> StoreResult<Option<DeskUser>> {
    Ok(conn
        .query_row("SELECT name, role FROM desk_user WHERE account = ?1", params![account], |r| {
            Ok(DeskUser { name: r.get("name")?, role: r.get("role")? })
        })
        .optional()?)
}

impl Store {
    /// The operating-system account this desk was opened under.
    pub fn account(&self) -> String {
        crate::store::os_user()
    }

    /// The name and role given for this account, if any.
    pub fn desk_user(&self) -> StoreResult<Option<DeskUser>> {
        read(self.conn(), &self.account())
    }

    /// Record from now on as the person this account gave (the account
    /// itself while none was given). A desk too old to hold names, opened
    /// only to read, keeps the account.
    pub(crate) fn adopt_desk_user(&mut self) {
        if let Ok(Some(user)) = self.desk_user() {
            self.set_user(user.who());
        }
    }

    /// Set this account's name and role, audited, and record as them from now on.
    pub fn set_desk_user(&mut self, name: &str, role: &str) -> StoreResult<DeskUser> {
        let account = self.account();
        let user = self.write(|tx| tx.set_desk_user(&account, name, role))?;
        self.set_user(user.who());
        Ok(user)
    }
}

impl Tx<'_> {
    pub fn set_desk_user(&mut self, account: &str, name: &str, role: &str) -> StoreResult<DeskUser> {
        let (name, role) = (name.trim(), role.trim());
        if name.is_empty() || role.is_empty() {
            return Err(StoreError::Invalid(
                "give both your name and your role (for example RJ coordinator): they are recorded with every \
                 change you make"
                    .into(),
            ));
        }
        check_lengths(&[("your name", TextKind::Name, Some(name)), ("your role", TextKind::Short, Some(role))])?;
        let existing: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM desk_user WHERE account = ?1", params![account], |r| r.get(0))
            .optional()?;
        let cols = vec![("name", text(name)), ("role", text(role))];
        match existing {
            Some(id) => self.update("desk_user", id, None, cols)?,
            None => {
                let mut cols = cols;
                cols.push(("account", text(account)));
                self.insert("desk_user", None, cols)?;
            }
        }
        Ok(DeskUser { name: name.to_string(), role: role.to_string() })
    }
}
