//! The backup manifests as witnesses of the audit chain. A chain only proves
//! itself up to its newest row: rewritten whole (every hash recomputed) or
//! cut short, it still verifies. Each manifest holds a head (a position and
//! the hash there) outside the database, so every one of them must still be
//! found in the chain; a head printed on an end-of-day summary does the same
//! from paper (`casedesk check --head`).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::audit::{chain_length, hash_at, GENESIS_HASH};
use super::backup::{file_name, manifest_files, read_manifest, sidecar, write_manifest, Manifest, ManifestFinding};
use super::{Store, StoreError, StoreResult};

/// The fewest hex digits of a hash a head may be given with: 64 bits.
pub const HEAD_PREFIX_DIGITS: usize = 16;

/// A head of the chain as written down elsewhere: row `position` (1 is the
/// oldest) has a hash starting with `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub position: u64,
    pub hash: String,
}

impl AuditHead {
    /// `POSITION:HASH`, as the end-of-day summary prints it.
    pub fn parse(text: &str) -> Result<AuditHead, String> {
        let wrong = || {
            format!(
                "{text:?} is not an audit head: write it as POSITION:HASH, the row number and at least \
                 {HEAD_PREFIX_DIGITS} hex digits of its hash, as the end-of-day summary prints them"
            )
        };
        let (position, hash) = text.trim().split_once(':').ok_or_else(wrong)?;
        let position: u64 = position.trim().parse().map_err(|_| wrong())?;
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() < HEAD_PREFIX_DIGITS || hash.len() > 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(wrong());
        }
        Ok(AuditHead { position, hash })
    }

    /// `POSITION:first 16 hex digits`.
    pub fn show(&self) -> String {
        format!("{}:{}", self.position, self.hash.get(..HEAD_PREFIX_DIGITS).unwrap_or(&self.hash))
    }
}

/// The newest row of the chain as a head (position 0 on an empty log).
pub fn newest_head(conn: &Connection) -> StoreResult<AuditHead> {
    let position = chain_length(conn)?;
    // The newest row by id (an index look-up), which is the row at `position`.
    let hash: Option<String> = conn
        .prepare_cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(AuditHead { position, hash: hash.unwrap_or_else(|| GENESIS_HASH.to_string()) })
}

/// Why the chain does not pass through `head` (`name` says whose head it
/// is), or None when it does.
pub fn head_fault(conn: &Connection, head: &AuditHead, name: &str) -> StoreResult<Option<String>> {
    let rows = chain_length(conn)?;
    if head.position > rows {
        return Ok(Some(format!(
            "the log has {rows} rows but {name} recorded {}: rows were removed from its end",
            head.position
        )));
    }
    let stored = hash_at(conn, head.position)?.unwrap_or_default();
    if !stored.starts_with(&head.hash) {
        return Ok(Some(format!(
            "audit row {} does not match {name}: the log was rewritten after it was recorded",
            head.position
        )));
    }
    Ok(None)
}

fn head_of(manifest: &Manifest) -> AuditHead {
    AuditHead { position: manifest.audit_rows, hash: manifest.audit_newest_hash.clone() }
}

/// Every rolling manifest of `db` must still find its head in the chain,
/// except one written before a restore that went back past it (the restore's
/// own manifest says how far back it went).
pub(super) fn verify_manifests(conn: &Connection, db: &Path) -> StoreResult<ManifestFinding> {
    let mut read = Vec::new();
    for (day, path) in manifest_files(db) {
        match read_manifest(&path) {
            Ok(manifest) => read.push((day, path, manifest)),
            Err(e) => {
                let name = file_name(&path);
                return Ok(ManifestFinding::Fault(format!("the backup manifest {name} cannot be read ({e})")));
            }
        }
    }
    let mut faults = Vec::new();
    for (day, path, manifest) in &read {
        if let Some(fault) = head_fault(conn, &head_of(manifest), &file_name(path))? {
            faults.push((*day, manifest.audit_rows, fault));
        }
    }
    let restores: Vec<(NaiveDate, u64)> = read
        .iter()
        .filter_map(|(day, _, m)| m.restore_source_rows.map(|rows| (*day, rows, m)))
        .filter(|(day, _, _)| !faults.iter().any(|(d, _, _)| d == day))
        .map(|(day, rows, _)| (day, rows))
        .collect();
    let superseded = |day: NaiveDate, rows: u64| restores.iter().any(|(d, kept)| *d > day && rows > *kept);
    if let Some((_, _, fault)) = faults.into_iter().find(|(day, rows, _)| !superseded(*day, *rows)) {
        return Ok(ManifestFinding::Fault(fault));
    }
    Ok(match read.into_iter().next() {
        Some((_, manifest, m)) => ManifestFinding::Matches { rows: m.audit_rows, manifest },
        None => ManifestFinding::NoBackups,
    })
}

/// Why `source` (a backup about to be restored over `db`) must not be: its
/// chain disagrees with a manifest of `db` at a row both hold, so it was
/// rewritten. A manifest beyond the source's end is history the restore goes
/// back from, and a source that is exactly one of the desk's own backups is
/// always welcome.
pub(super) fn restore_source_fault(source: &Connection, db: &Path) -> StoreResult<Option<String>> {
    let newest = newest_head(source)?;
    let mut conflict = None;
    for (_, path) in manifest_files(db) {
        let Ok(manifest) = read_manifest(&path) else { continue };
        let head = head_of(&manifest);
        if head == newest {
            return Ok(None);
        }
        if head.position <= newest.position && conflict.is_none() {
            conflict = head_fault(source, &head, &file_name(&path))?;
        }
    }
    Ok(conflict)
}

/// Mark the manifest of a restore's own backup with how much of the
/// restored log came from the backup.
pub(super) fn mark_as_restore(path: &Path, source_rows: u64) -> StoreResult<()> {
    let mut manifest = read_manifest(path)
        .map_err(|e| StoreError::Invalid(format!("cannot read the backup manifest {}: {e}", path.display())))?;
    manifest.restore_source_rows = Some(source_rows);
    write_manifest(path, &manifest)
}

// ------------------------------------------------------------------ the alarm

/// `desk.db.audit-alarm`: beside the desk, so it outlives its `backups/`.
fn alarm_path(db: &Path) -> PathBuf {
    sidecar(db, ".audit-alarm")
}

/// The daily backup found the chain no longer passes through an earlier
/// manifest: no new backup blesses it, the older ones stay, and the alarm
/// stays until `casedesk check` has been run.
pub(super) fn refuse_to_bless(db: &Path, fault: &str) -> StoreError {
    let sentence = format!(
        "the audit log no longer matches the earlier backups ({fault}), so no new backup was made and the older \
         ones are kept: run `casedesk check` and read what it finds"
    );
    // The warning is said now whether or not the file can be written.
    raise_alarm(db, &sentence);
    StoreError::Invalid(sentence)
}

/// Leave `sentence` beside the desk for every command and the status line
/// to repeat until `check` has been run (an alarm already there is kept).
pub(super) fn raise_alarm(db: &Path, sentence: &str) {
    if read_alarm(db).is_none() {
        let _ = fs::write(alarm_path(db), sentence);
    }
}

pub(super) fn read_alarm(db: &Path) -> Option<String> {
    fs::read_to_string(alarm_path(db)).ok().map(|text| text.trim().to_string()).filter(|t| !t.is_empty())
}

impl Store {
    /// The alarm the daily backup raised, if any (`check` reads it out).
    pub fn audit_alarm(&self) -> Option<String> {
        read_alarm(self.path()?)
    }

    /// `check` has been run and its report shown: the alarm has been read.
    /// Backups found missing are not reported again either.
    pub fn acknowledge_audit_alarm(&self) {
        if let Some(db) = self.path() {
            let _ = fs::remove_file(alarm_path(db));
            let _ = super::backup_ledger::mark_missing_reported(self, db, super::backup::desk_day());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_a_position_and_at_least_sixteen_hex_digits() {
        let head = AuditHead::parse("42:0123456789ABCDEF").unwrap();
        assert_eq!(head, AuditHead { position: 42, hash: "0123456789abcdef".into() });
        assert_eq!(head.show(), "42:0123456789abcdef");
        for bad in ["42", "x:0123456789abcdef", "42:0123456789abcde", "42:0123456789abcdeg"] {
            let err = AuditHead::parse(bad).unwrap_err();
            assert!(err.contains("POSITION:HASH"), "{err}");
        }
    }
}
