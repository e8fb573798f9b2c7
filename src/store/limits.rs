//! How long each stored text may be, and owner-only modes for the database
//! files. Both live in the store so that every way in (the screens, the
//! import, the command line) meets the same rules.
//!
//! The limits are generous for the job and small enough that one field can
//! never swamp a screen, a letter or a spreadsheet cell (Excel's own cell
//! limit is 32,767 characters). They count characters, not bytes, so a name
//! in Japanese gets the same room as one in English.

use std::path::Path;

use super::model::NewCase;
use super::{StoreError, StoreResult};
use crate::domain::numbers::thousands;

/// What kind of text a field holds; each kind has one limit in [`LIMITS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A person's, officer's, provider's or owner's name.
    Name,
    /// A crime reference, document reference or code.
    Reference,
    /// A phone number, email, address, venue, rule or other one-line field.
    Short,
    /// A description, note, rationale, summary, reason or evidence.
    Long,
    /// A meeting's agenda or minutes: pages, not a note.
    Minutes,
}

/// The one table of limits, in characters.
pub const LIMITS: [(TextKind, usize); 5] = [
    (TextKind::Name, 100),
    (TextKind::Reference, 60),
    (TextKind::Short, 200),
    (TextKind::Long, 2_000),
    (TextKind::Minutes, 20_000),
];

impl TextKind {
    /// The most characters a field of this kind may hold.
    pub fn limit(self) -> usize {
        LIMITS.iter().find(|(kind, _)| *kind == self).map_or(0, |(_, limit)| *limit)
    }
}

/// One text field about to be written: its label as a user knows it, its
/// kind, and its value (None when the field is left empty).
pub(crate) type Field<'a> = (&'static str, TextKind, Option<&'a str>);

/// Refuse the write if any field is longer than its kind allows, naming the
/// first such field: "the offence description is 10,000 characters; the
/// limit is 2,000". Counted after trimming, as the store trims before saving.
pub(crate) fn check_lengths(fields: &[Field<'_>]) -> StoreResult<()> {
    for (label, kind, value) in fields {
        let length = value.map_or(0, |v| v.trim().chars().count());
        if length > kind.limit() {
            return Err(StoreError::Invalid(format!(
                "the {label} is {} characters; the limit is {}",
                thousands(length),
                thousands(kind.limit())
            )));
        }
    }
    Ok(())
}

/// The free text of a new case. Shared by `create_case` and the import,
/// which creates cases that keep their tracker reference by its own path.
pub(crate) fn check_case_lengths(case: &NewCase) -> StoreResult<()> {
    check_lengths(&[
        ("referrer's name", TextKind::Name, case.referrer_name.as_deref()),
        ("referrer's contact", TextKind::Short, case.referrer_contact.as_deref()),
        ("crime reference", TextKind::Reference, case.crime_ref.as_deref()),
        ("offence description", TextKind::Long, case.offence_desc.as_deref()),
        ("harm summary", TextKind::Long, case.harm_summary.as_deref()),
        ("notes", TextKind::Long, case.notes.as_deref()),
    ])
}

/// Take group and other permissions off the database and its WAL and shared
/// memory files. SQLite creates new files 0644 (less the umask); the data is
/// personal data of victims and offenders, so only the owner may read it.
/// Only bits are removed, never added: a read-only file stays read-only.
/// Best effort: a file we cannot change (another owner's) is left as it is,
/// since refusing to open it would help no one.
pub(crate) fn restrict_to_owner(db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            let path = Path::new(&name);
            let Ok(meta) = std::fs::metadata(path) else { continue };
            // A device or FIFO is never a desk's file: its mode is not ours to change.
            if !meta.is_file() {
                continue;
            }
            let mode = meta.permissions().mode();
            if mode & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & !0o077));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_limit() {
        for kind in [TextKind::Name, TextKind::Reference, TextKind::Short, TextKind::Long, TextKind::Minutes] {
            assert!(kind.limit() >= 60, "{kind:?}");
        }
    }

    #[test]
    fn a_field_at_the_limit_passes_and_one_over_is_named() {
        let at = "x".repeat(2_000);
        assert!(check_lengths(&[("offence description", TextKind::Long, Some(&at))]).is_ok());
        let over = "x".repeat(10_000);
        let err = check_lengths(&[
            ("family name", TextKind::Name, Some("Smith")),
            ("offence description", TextKind::Long, Some(&over)),
        ])
        .unwrap_err();
        assert_eq!(err.to_string(), "the offence description is 10,000 characters; the limit is 2,000");
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        let name = "山".repeat(100);
        assert!(check_lengths(&[("family name", TextKind::Name, Some(&name))]).is_ok());
        let longer = "山".repeat(101);
        assert!(check_lengths(&[("family name", TextKind::Name, Some(&longer))]).is_err());
    }

    /// A FIFO left where the desk would be keeps its mode: only regular files are ours to restrict.
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_restricted() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        let name = std::ffi::CString::new(db.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict_to_owner(&db);
        assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o644);
    }
}
