//! The backup manifests as witnesses of the audit chain. A chain only proves
//! itself up to its newest row: rewritten whole (every hash recomputed) or
//! cut short, it still verifies. Each manifest holds a head (a position and
//! the hash there) outside the database, so every one of them must still be
//! found in the chain; a head printed on an end-of-day summary does the same
//! from paper (`casedesk check --head`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{chain_length, hash_at, verify_chain, GENESIS_HASH};
use super::files::{file_name, owner_only, parent_dir, sidecar};
use super::migrate::schema_version;
use super::rolling::manifest_files;
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

/// What a backup holds, written as JSON beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The database the copy was made from (absent for an in-memory store).
    pub database: Option<String>,
    pub backup: String,
    pub written_at_utc: String,
    pub schema_version: i64,
    pub audit_rows: u64,
    /// The stored hash of the newest audit row (the chain's newest hash when it verifies).
    pub audit_newest_hash: String,
    /// Set when the copied chain did not verify: the copy is still kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_fault: Option<String>,
    /// Set on the manifest a restore writes: how many rows of the restored
    /// backup's log it kept. Older manifests beyond that row describe the
    /// history the restore went back from (`manifests::verify_manifests`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_source_rows: Option<u64>,
    /// SHA-256 of the SQLite file the backup holds (after decompressing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_sha256: Option<String>,
    /// SHA-256 of the backup file as stored; "zstd" in `compression` when
    /// that is the compressed file. Absent in manifests of older backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
}

impl Manifest {
    /// Describe a finished copy from the copy itself, so the manifest matches
    /// the file even if the desk wrote while the copy was made.
    pub(super) fn of_copy(copy: &Connection, db: Option<&Path>, dest: &Path) -> StoreResult<Manifest> {
        let chain = verify_chain(copy)?;
        // A broken chain still gets its backup (the data matters more); the
        // manifest then records the stored newest row and the fault.
        let (rows, hash) = match chain.fault {
            None => (chain.rows, chain.newest_hash),
            Some(_) => stored_newest(copy)?,
        };
        Ok(Manifest {
            database: db.map(|p| p.display().to_string()),
            backup: dest.display().to_string(),
            written_at_utc: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            schema_version: schema_version(copy)?,
            audit_rows: rows,
            audit_newest_hash: hash,
            audit_fault: chain.fault,
            restore_source_rows: None,
            content_sha256: None,
            file_sha256: None,
            compression: None,
        })
    }
}

fn stored_newest(conn: &Connection) -> StoreResult<(u64, String)> {
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?;
    let hash: Option<String> =
        conn.query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    Ok((rows.max(0) as u64, hash.unwrap_or_else(|| GENESIS_HASH.to_string())))
}

pub fn read_manifest(path: &Path) -> Result<Manifest, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Write the manifest whole or not at all, owner-only.
pub(super) fn write_manifest(path: &Path, manifest: &Manifest) -> StoreResult<()> {
    let fail = |e: &dyn std::fmt::Display| {
        StoreError::Invalid(format!("cannot write the backup manifest {}: {e}", path.display()))
    };
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| fail(&e))?;
    let dir = parent_dir(path);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
    tmp.write_all(&json).and_then(|_| tmp.as_file().sync_all()).map_err(|e| fail(&e))?;
    owner_only(tmp.path());
    tmp.persist(path).map_err(|e| fail(&e))?;
    Ok(())
}

/// What comparing the audit log with the newest backup manifest found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestFinding {
    /// No rolling backup yet (or an in-memory store): nothing to compare.
    NoBackups,
    Matches {
        rows: u64,
        manifest: PathBuf,
    },
    Fault(String),
}

impl ManifestFinding {
    pub fn describe(&self) -> String {
        match self {
            ManifestFinding::NoBackups => "no backup manifest in backups/ (nothing to compare; if backups were \
                                            made, that folder was removed: give a printed summary's head with \
                                            --head)"
                .to_string(),
            ManifestFinding::Matches { rows, manifest } => {
                format!("ok (row {rows} matches {}, and every older manifest is still in the log)", file_name(manifest))
            }
            ManifestFinding::Fault(fault) => format!("FAULT: {fault}"),
        }
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
            let _ = self.acknowledge_missing_backups(db);
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
