//! The desk's own record of the rolling backups it made.
//!
//! The manifests that anchor the audit chain live in `backups/` beside the
//! copies, so deleting or emptying that folder took every anchor with it and
//! `check` still said all was well. The desk therefore learns each backup it
//! makes (its day and the chain's head in the copy) into a table of its own:
//! a backup the retention rules would still keep but which is gone from
//! `backups/` is reported, and a recorded head the chain no longer passes
//! through is a rewritten log even when no manifest is left to say so.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::files::{db_stem, file_name};
use super::manifests::read_manifest;
use super::manifests::{head_fault, AuditHead};
use super::rolling::{manifest_files, manifest_path, Retention};
use super::{Store, StoreResult};

/// What the desk's record of its backups found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerFinding {
    /// How many backups the desk has on record.
    pub recorded: usize,
    /// Days whose backup should still be in `backups/` and is not, newly found.
    pub missing: Vec<NaiveDate>,
    /// Days already reported missing by an earlier `check`, with the day it said so.
    pub reported: Vec<(NaiveDate, NaiveDate)>,
    /// A recorded head the chain no longer passes through.
    pub fault: Option<String>,
}

impl LedgerFinding {
    pub fn is_ok(&self) -> bool {
        self.missing.is_empty() && self.fault.is_none()
    }

    /// What `check` prints.
    pub fn describe(&self) -> String {
        if let Some(fault) = &self.fault {
            return format!("FAULT: {fault}");
        }
        if !self.missing.is_empty() {
            return format!("FAULT: {}", missing_sentence(&self.missing));
        }
        if let Some((_, on)) = self.reported.first() {
            let days: Vec<NaiveDate> = self.reported.iter().map(|(day, _)| *day).collect();
            return format!(
                "ok ({} on record; {}, missing, reported on {})",
                backups(self.recorded),
                days_phrase(&days),
                crate::domain::dates::day(*on)
            );
        }
        match self.recorded {
            0 => "ok (no backups on record yet)".to_string(),
            n => format!("ok ({} on record, each in backups/ or past the retention rules)", backups(n)),
        }
    }
}

fn backups(n: usize) -> String {
    if n == 1 {
        "1 backup".to_string()
    } else {
        format!("{n} backups")
    }
}

/// "the backup of 3 Dec 2026 made by this desk is missing from backups/ …"
pub fn missing_sentence(days: &[NaiveDate]) -> String {
    let (is, put_back, without) = if days.len() == 1 {
        ("is", "put it back if it was moved", "it")
    } else {
        ("are", "put them back if they were moved", "them")
    };
    format!(
        "{} made by this desk {is} missing from backups/ (deleted, emptied or moved without the desk): {put_back} \
         and keep backups/ beside the desk, as the desk cannot go back to that day without {without}",
        days_phrase(days)
    )
}

fn days_phrase(days: &[NaiveDate]) -> String {
    let shown: Vec<String> = days.iter().map(|d| crate::domain::dates::day(*d)).collect();
    let noun = if days.len() == 1 { "the backup of" } else { "the backups of" };
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{noun} {} and {last}", rest.join(", ")),
        _ => format!("{noun} {}", shown.join("")),
    }
}

/// Record every manifest in `backups/` not yet on record whose head the
/// chain passes through (one it does not is `verify_manifests`' business,
/// and a restore leaves later ones behind), then forget the days the
/// retention rules no longer keep. Called after a backup is made and by
/// `check`, never on open: a head's look-up reads the whole log.
pub(super) fn learn(store: &Store, db: &Path, keep: Retention) -> StoreResult<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let conn = store.conn();
    let known = recorded(conn, db)?;
    for (day, path) in manifest_files(db) {
        let Ok(manifest) = read_manifest(&path) else { continue };
        let head = AuditHead { position: manifest.audit_rows, hash: manifest.audit_newest_hash };
        if known.iter().any(|r| r.day == day && r.head == head) || head_fault(conn, &head, &file_name(&path))?.is_some()
        {
            continue;
        }
        insert(conn, db, day, &head)?;
    }
    forget_unkept(conn, db, keep)
}

/// The days whose backups the retention rules keep, counted as the rotation
/// counts them: over the copies present, which may include one made since
/// the record was last brought up to date, and over the days on record.
fn kept_days(recorded: &[Recorded], db: &Path, keep: Retention) -> BTreeSet<NaiveDate> {
    let mut days: Vec<NaiveDate> = recorded.iter().map(|r| r.day).collect();
    days.extend(manifest_files(db).into_iter().map(|(day, _)| day));
    keep.days_to_keep(&days)
}

impl Store {
    /// Put the rolling backup just made at `backup` on the desk's record
    /// (its manifest was written from this desk a moment ago, so its head
    /// needs no look-up). Every rolling backup does so as it is made, but
    /// the interface's thread cannot write: the interface calls this when
    /// the backup comes back.
    pub fn record_backup_made(&self, backup: &Path) -> StoreResult<()> {
        let Some(db) = self.path().filter(|_| !self.is_read_only()) else { return Ok(()) };
        let Some(day) = manifest_files(db).into_iter().find(|(_, path)| *path == manifest_path(backup)).map(|(d, _)| d)
        else {
            return Ok(());
        };
        let Ok(manifest) = read_manifest(&manifest_path(backup)) else { return Ok(()) };
        let head = AuditHead { position: manifest.audit_rows, hash: manifest.audit_newest_hash };
        insert(self.conn(), db, day, &head)?;
        let keep = Retention::from_rules(&self.rules()?);
        forget_unkept(self.conn(), db, keep)
    }
}

fn insert(conn: &Connection, db: &Path, day: NaiveDate, head: &AuditHead) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO backup_made (desk_name, day, audit_rows, audit_hash) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (desk_name, day) DO UPDATE SET audit_rows = excluded.audit_rows,
                                                    audit_hash = excluded.audit_hash, missing_reported = NULL",
    )?
    .execute(params![db_stem(db), day.to_string(), head.position as i64, head.hash])?;
    Ok(())
}

fn forget_unkept(conn: &Connection, db: &Path, keep: Retention) -> StoreResult<()> {
    let recorded = recorded(conn, db)?;
    let kept = kept_days(&recorded, db, keep);
    for entry in recorded.iter().filter(|r| !kept.contains(&r.day)) {
        conn.prepare_cached("DELETE FROM backup_made WHERE desk_name = ?1 AND day = ?2")?
            .execute([db_stem(db), entry.day.to_string()])?;
    }
    Ok(())
}

struct Recorded {
    day: NaiveDate,
    head: AuditHead,
    reported: Option<NaiveDate>,
}

/// The backups on record of the desk under its present name, newest first.
fn recorded(conn: &Connection, db: &Path) -> StoreResult<Vec<Recorded>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, audit_rows, audit_hash, missing_reported FROM backup_made WHERE desk_name = ?1 ORDER BY day DESC",
    )?;
    let rows = stmt.query_map([db_stem(db)], |r| {
        Ok((
            r.get::<_, String>("day")?,
            r.get::<_, i64>("audit_rows")?,
            r.get("audit_hash")?,
            r.get("missing_reported")?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (day, position, hash, reported): (String, i64, String, Option<String>) = row?;
        let Ok(day) = day.parse::<NaiveDate>() else { continue };
        let reported = reported.and_then(|d| d.parse().ok());
        found.push(Recorded { day, head: AuditHead { position: position.max(0) as u64, hash }, reported });
    }
    Ok(found)
}

/// Compare the record of the days still kept with the chain and with
/// `backups/`.
pub(super) fn verify(conn: &Connection, db: &Path, keep: Retention) -> StoreResult<LedgerFinding> {
    let recorded = recorded(conn, db)?;
    let present: BTreeSet<NaiveDate> = manifest_files(db).into_iter().map(|(day, _)| day).collect();
    let kept = kept_days(&recorded, db, keep);
    let mut finding = LedgerFinding { recorded: recorded.len(), ..LedgerFinding::default() };
    for entry in recorded.iter().filter(|r| kept.contains(&r.day)) {
        let name = format!("the backup of {} on the desk's record", crate::domain::dates::day(entry.day));
        if finding.fault.is_none() {
            finding.fault = head_fault(conn, &entry.head, &name)?;
        }
        if present.contains(&entry.day) {
            continue;
        }
        match entry.reported {
            Some(on) => finding.reported.push((entry.day, on)),
            None => finding.missing.push(entry.day),
        }
    }
    finding.missing.reverse();
    finding.reported.reverse();
    Ok(finding)
}

impl Store {
    /// `check` has been run and its report read: every recorded backup not
    /// in `backups/` now has been reported, and is not reported again.
    pub(super) fn acknowledge_missing_backups(&self, db: &Path) -> StoreResult<()> {
        if self.is_read_only() {
            return Ok(());
        }
        let on = self.desk_day();
        let present: BTreeSet<NaiveDate> = manifest_files(db).into_iter().map(|(day, _)| day).collect();
        for entry in recorded(self.conn(), db)?.iter().filter(|r| r.reported.is_none() && !present.contains(&r.day)) {
            self.conn()
                .prepare_cached("UPDATE backup_made SET missing_reported = ?3 WHERE desk_name = ?1 AND day = ?2")?
                .execute(params![db_stem(db), entry.day.to_string(), on.to_string()])?;
        }
        Ok(())
    }
}
