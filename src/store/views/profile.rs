//! The service profiles: who sends each service's letters, with the
//! contact details and signatory they carry. Read for letters and
//! `casedesk settings`; set one field at a time through the audited write.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

use crate::domain::logo::{check_logo, ImageKind};
use crate::domain::types::{ProfileField, Sender};
use crate::store::limits::{check_lengths, TextKind};
use crate::store::writes::text;
use crate::store::{Store, StoreError, StoreResult, Tx};

/// One service's profile; a field not yet filled in is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceProfile {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub hours: Option<String>,
    pub signatory: Option<String>,
    pub role: Option<String>,
    /// How and where to pay: only a letter asking for money needs it.
    pub payment: Option<String>,
    /// The logo at the top of its Word letters, if one is set.
    pub logo: Option<Logo>,
}

/// A service's logo: the image's bytes as set, its kind and size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub kind: ImageKind,
    pub pixels: (u32, u32),
}

impl Logo {
    /// The logo of a row: none unless its bytes read as an image.
    fn of(bytes: Option<Vec<u8>>) -> Option<Logo> {
        let bytes = bytes?;
        let (kind, pixels) = check_logo(&bytes).ok()?;
        Some(Logo { bytes, kind, pixels })
    }
}

impl ServiceProfile {
    pub fn get(&self, field: ProfileField) -> Option<&str> {
        let value = match field {
            ProfileField::Name => &self.name,
            ProfileField::Address => &self.address,
            ProfileField::Phone => &self.phone,
            ProfileField::Email => &self.email,
            ProfileField::Hours => &self.hours,
            ProfileField::Signatory => &self.signatory,
            ProfileField::Role => &self.role,
            ProfileField::Payment => &self.payment,
        };
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }

    /// The fields every letter needs that are not filled in yet (how to
    /// pay is asked for only by a letter about money: see its sender).
    pub fn missing(&self) -> Vec<ProfileField> {
        ProfileField::ALL.iter().copied().filter(|f| *f != ProfileField::Payment && self.get(*f).is_none()).collect()
    }
}

const PROFILE_SQL: &str =
    "SELECT name, address, phone, email, hours, signatory, role, payment, logo FROM service_profile WHERE service = ?1";

fn read_profile(conn: &rusqlite::Connection, sender: Sender) -> StoreResult<ServiceProfile> {
    let row = conn
        .prepare_cached(PROFILE_SQL)?
        .query_row(params![sender.as_str()], |r| {
            Ok(ServiceProfile {
                name: r.get("name")?,
                address: r.get("address")?,
                phone: r.get("phone")?,
                email: r.get("email")?,
                hours: r.get("hours")?,
                signatory: r.get("signatory")?,
                role: r.get("role")?,
                payment: r.get("payment")?,
                logo: Logo::of(r.get("logo")?),
            })
        })
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// How a field is named when it is too long, and how long it may be.
fn length_rule(field: ProfileField) -> (&'static str, TextKind) {
    match field {
        ProfileField::Name => ("service's name", TextKind::Name),
        ProfileField::Address => ("service's address", TextKind::Short),
        ProfileField::Phone => ("service's phone number", TextKind::Short),
        ProfileField::Email => ("service's email address", TextKind::Short),
        ProfileField::Hours => ("service's opening hours", TextKind::Short),
        ProfileField::Signatory => ("signatory's name", TextKind::Name),
        ProfileField::Role => ("signatory's role", TextKind::Short),
        ProfileField::Payment => ("way to pay", TextKind::Short),
    }
}

impl Store {
    /// The service's profile, empty when nothing is filled in yet.
    pub fn service_profile(&self, sender: Sender) -> StoreResult<ServiceProfile> {
        read_profile(self.conn(), sender)
    }
}

impl Tx<'_> {
    /// Set one field of a service's profile, audited: the first field set
    /// makes the profile's row, later ones alter it.
    pub fn set_profile_field(&mut self, sender: Sender, field: ProfileField, value: &str) -> StoreResult<()> {
        let value = value.trim();
        if value.is_empty() {
            return Err(StoreError::Invalid(format!(
                "give the {}'s {} a value: it cannot be left blank",
                sender.label(),
                field.label().to_lowercase()
            )));
        }
        check_lengths(&[length_rule(field)].map(|(label, kind)| (label, kind, Some(value))))?;
        let existing: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM service_profile WHERE service = ?1", params![sender.as_str()], |r| r.get(0))
            .optional()?;
        let column = field.as_str();
        match existing {
            Some(id) => self.update("service_profile", id, None, vec![(column, text(value))]),
            None => {
                let cols = vec![("service", text(sender.as_str())), (column, text(value))];
                self.insert("service_profile", None, cols).map(|_| ())
            }
        }
    }

    /// Set a service's logo for its Word letters from an image file's
    /// bytes, audited; refused, saying what to do, unless a PNG or JPEG
    /// within the size limit.
    pub fn set_profile_logo(&mut self, sender: Sender, bytes: &[u8]) -> StoreResult<()> {
        let (kind, _) = check_logo(bytes).map_err(StoreError::Invalid)?;
        let existing: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM service_profile WHERE service = ?1", params![sender.as_str()], |r| r.get(0))
            .optional()?;
        let cols = vec![("logo", Value::Blob(bytes.to_vec())), ("logo_type", text(kind.as_str()))];
        match existing {
            Some(id) => self.update("service_profile", id, None, cols),
            None => {
                let mut cols = cols;
                cols.push(("service", text(sender.as_str())));
                self.insert("service_profile", None, cols).map(|_| ())
            }
        }
    }

    /// The profile as this transaction sees it.
    pub fn service_profile(&self, sender: Sender) -> StoreResult<ServiceProfile> {
        read_profile(self.conn(), sender)
    }
}
