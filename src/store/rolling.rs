//! The rolling daily backups beside the database: where they go, what they
//! are called, writing one and keeping what the retention rules say.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, IsoWeek, NaiveDate};

use super::compress::{self, COMPRESSED_SUFFIX};
use super::files::{db_stem, ensure_private_dir, parent_dir, sidecar};
use super::{Store, StoreResult};
use crate::domain::rules::Rules;

/// The folder beside the database that holds the rolling backups.
pub const BACKUP_DIR: &str = "backups";
pub(super) const MANIFEST_SUFFIX: &str = ".manifest.json";
/// Rule BACKUP_KEEP's default (daily backups kept), for databases seeded
/// before the rule existed.
const DEFAULT_DAILY: u32 = 7;
/// Rule BACKUP_KEEP_WEEKLY's default, for databases seeded before it existed.
const DEFAULT_WEEKLY: u32 = 4;

/// `<db dir>/backups`.
pub fn rolling_dir(db: &Path) -> PathBuf {
    parent_dir(db).join(BACKUP_DIR)
}

/// `<db dir>/backups/<db stem>-YYYY-MM-DD.db.zst`: a plain desk's rolling
/// backup for `day`. An encrypted desk's is `.db` (`write_rolling`).
pub fn rolling_path(db: &Path, day: NaiveDate) -> PathBuf {
    sidecar(&plain_rolling_path(db, day), COMPRESSED_SUFFIX)
}

/// `<db dir>/backups/<db stem>-YYYY-MM-DD.db`: uncompressed, as older
/// versions wrote every backup and as an encrypted desk's still are.
pub fn plain_rolling_path(db: &Path, day: NaiveDate) -> PathBuf {
    rolling_dir(db).join(format!("{}-{}.db", db_stem(db), crate::domain::dates::iso(day)))
}

/// The rolling backups of `db`, compressed or not, newest first.
pub fn rolling_backups(db: &Path) -> Vec<PathBuf> {
    rolling_backup_files(db).into_iter().map(|(_, path)| path).collect()
}

fn rolling_backup_files(db: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let (dir, stem) = (rolling_dir(db), db_stem(db));
    let mut found = rolling_files(&dir, &stem, ".db");
    found.extend(rolling_files(&dir, &stem, &format!(".db{COMPRESSED_SUFFIX}")));
    found.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    found
}

/// The rolling files of one database with `suffix`, newest first. Only names
/// of exactly that pattern count, so nothing else in the folder is touched.
fn rolling_files(dir: &Path, stem: &str, suffix: &str) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let prefix = format!("{stem}-");
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let date = name.strip_prefix(&prefix)?.strip_suffix(suffix)?;
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|_| date.len() == 10)?;
            Some((day, entry.path()))
        })
        .collect();
    found.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    found
}

/// `nightly.db` (or `nightly.db.zst`) → `nightly.manifest.json`, beside it.
pub fn manifest_path(backup: &Path) -> PathBuf {
    let plain = if compress::is_compressed_name(backup) { backup.with_extension("") } else { backup.to_path_buf() };
    plain.with_extension(MANIFEST_SUFFIX.trim_start_matches('.'))
}

/// The rolling manifests of `db`, newest first.
pub(super) fn manifest_files(db: &Path) -> Vec<(NaiveDate, PathBuf)> {
    rolling_files(&rolling_dir(db), &db_stem(db), MANIFEST_SUFFIX)
}

/// Whether no rolling backup of `today` or later exists yet. A clock set
/// back does not make an older day "due" again.
pub(super) fn is_due(db: &Path, today: NaiveDate) -> bool {
    rolling_backup_files(db).first().is_none_or(|(day, _)| *day < today)
}

/// Write (or overwrite) the rolling backup for `day`, compressed unless the
/// desk is encrypted (its pages look random, so zstd would gain nothing
/// and cost time), then keep what the retention rules say.
pub fn write_rolling(store: &Store, db: &Path, day: NaiveDate) -> StoreResult<PathBuf> {
    let dir = rolling_dir(db);
    ensure_private_dir(&dir)?;
    let (compressed, plain) = (rolling_path(db, day), plain_rolling_path(db, day));
    let (dest, other) = if store.is_encrypted() { (plain, compressed) } else { (compressed, plain) };
    store.backup_to(&dest)?;
    // The same day's copy in the other form (an older program's) is replaced.
    let _ = fs::remove_file(other);
    rotate(db, Retention::from_rules(&store.rules()?));
    // A store that cannot write (the interface's thread) leaves this to
    // the interface, which records it when the backup comes back. A record
    // not written (the desk busy) is no failed backup: the next backup, or
    // `check`, learns it from the folder.
    let _ = store.record_backup_made(&dest);
    Ok(dest)
}

/// How many rolling backups are kept: the newest `daily` (rule
/// BACKUP_KEEP), then the newest of each of the `weekly` calendar weeks
/// before those (rule BACKUP_KEEP_WEEKLY).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
}

impl Retention {
    pub fn from_rules(rules: &Rules) -> Retention {
        Retention {
            daily: rules.days_or("BACKUP_KEEP", DEFAULT_DAILY).max(1) as usize,
            weekly: rules.days_or("BACKUP_KEEP_WEEKLY", DEFAULT_WEEKLY) as usize,
        }
    }

    /// The days whose backups are kept, of `days` (in any order). A week
    /// that still has a daily backup needs no weekly one, so each weekly
    /// is the newest of an older week.
    pub fn days_to_keep(self, days: &[NaiveDate]) -> BTreeSet<NaiveDate> {
        let mut newest_first = days.to_vec();
        newest_first.sort_by_key(|day| std::cmp::Reverse(*day));
        newest_first.dedup();
        let mut kept: BTreeSet<NaiveDate> = newest_first.iter().take(self.daily).copied().collect();
        let mut weeks: BTreeSet<IsoWeek> = kept.iter().map(|day| day.iso_week()).collect();
        let older = newest_first.iter().skip(self.daily);
        let weeklies = older.filter(|day| weeks.insert(day.iso_week())).take(self.weekly);
        kept.extend(weeklies);
        kept
    }
}

fn rotate(db: &Path, keep: Retention) {
    let backups = rolling_backup_files(db);
    let days: Vec<NaiveDate> = backups.iter().map(|(day, _)| *day).collect();
    let kept = keep.days_to_keep(&days);
    let manifests = manifest_files(db);
    for (day, old) in backups.into_iter().chain(manifests) {
        if !kept.contains(&day) {
            // A file that will not go is retried at the next backup.
            super::documents_backup::remove_with(&old);
            let _ = fs::remove_file(old);
        }
    }
}
