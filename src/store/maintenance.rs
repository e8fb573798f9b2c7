//! Integrity checks and consistent backups.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{backup::Backup, Connection};

use super::audit::{verify_chain, ChainReport};
use super::backup_files::BackupFiles;
use super::backup_ledger::LedgerFinding;
use super::check_caseload::{verify_caseload_counts, CaseloadFinding};
use super::check_totals::{verify_condition_totals, TotalsFinding};
use super::compress;
use super::files::{create_private_file, owner_only};
use super::manifests::{head_fault, write_manifest, AuditHead, Manifest, ManifestFinding};
use super::migrate::{schema_version, SCHEMA_VERSION};
use super::rolling::manifest_path;
use super::seal::{verify_records, SealReport};
use super::{Passphrase, Store, StoreError, StoreResult};

/// Why an encrypted desk cannot be backed up in this process any more.
const PASSPHRASE_FORGOTTEN: &str = "this encrypted desk's passphrase was wiped from memory after it opened, so no \
     backup can be keyed here: make one with `casedesk backup DEST`";

/// What `casedesk check` looked at, each with its finding.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_key_faults: u64,
    pub schema_version: i64,
    pub audit: ChainReport,
    /// The live records compared with their newest seals in the log.
    pub records: SealReport,
    /// The chain compared with the newest backup manifest, which holds its
    /// newest hash outside the database (catches truncation and rewrites).
    pub manifest: ManifestFinding,
    /// Every rolling backup read back against the hashes its manifest holds.
    pub backup_files: BackupFiles,
    /// The desk's own record of the backups it made, against `backups/`.
    pub backups_made: LedgerFinding,
    /// A head written down elsewhere (`check --head`), and why the chain no
    /// longer passes through it, if it does not.
    pub head: Option<(AuditHead, Option<String>)>,
    /// The alarm an earlier daily backup raised, read out once by `check`.
    pub alarm: Option<String>,
    /// Each condition's hours done and amount paid against its compliance records.
    pub totals: TotalsFinding,
    /// Each coordinator's kept counts of open cases against the cases.
    pub caseloads: CaseloadFinding,
    /// Each document whose stored file is missing or changed, in a sentence.
    pub documents: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_faults == 0
            && self.schema_version == SCHEMA_VERSION
            && self.audit.fault.is_none()
            && self.records.faults == 0
            && !matches!(self.manifest, ManifestFinding::Fault(_))
            && self.backup_files.is_ok()
            && self.backups_made.is_ok()
            && !matches!(self.head, Some((_, Some(_))))
            && self.totals.is_ok()
            && self.caseloads.is_ok()
            && self.documents.is_empty()
    }

    /// One line per check, "ok" or the fault.
    pub fn lines(&self) -> Vec<String> {
        let integrity = if self.integrity == ["ok"] { "ok".to_string() } else { self.integrity.join("; ") };
        let fk = if self.foreign_key_faults == 0 {
            "ok".to_string()
        } else {
            format!("{} rows point at records that do not exist", self.foreign_key_faults)
        };
        let schema = if self.schema_version == SCHEMA_VERSION {
            format!("ok (version {})", self.schema_version)
        } else {
            format!("version {} but this program expects {}", self.schema_version, SCHEMA_VERSION)
        };
        let audit = match &self.audit.fault {
            None => format!("ok ({} rows, newest hash {})", self.audit.rows, short(&self.audit.newest_hash)),
            Some(fault) => format!("FAULT: {fault}"),
        };
        let mut lines = vec![
            format!("integrity check:   {integrity}"),
            format!("foreign keys:      {fk}"),
            format!("schema version:    {schema}"),
            format!("audit log chain:   {audit}"),
            format!("records vs audit log: {}", self.records.describe()),
            format!("audit vs backup manifest: {}", self.manifest.describe()),
            format!("backup files:      {}", self.backup_files.describe()),
            format!("backups on record: {}", self.backups_made.describe()),
            format!("condition totals:  {}", self.totals.describe()),
            format!("caseload counts:   {}", self.caseloads.describe()),
            format!("documents on file: {}", describe_documents(&self.documents)),
        ];
        if let Some((head, fault)) = &self.head {
            lines.push(match fault {
                None => format!("audit vs head {}: ok (the log still passes through it)", head.show()),
                Some(fault) => format!("audit vs head {}: FAULT: {fault}", head.show()),
            });
        }
        if let Some(alarm) = &self.alarm {
            lines.push(format!("earlier alarm:     {alarm}"));
        }
        lines
    }
}

fn describe_documents(faults: &[String]) -> String {
    if faults.is_empty() {
        "ok (each stored file matches its hash)".into()
    } else {
        format!("FAULT: {}; restore them from a backup", faults.join("; "))
    }
}

fn short(hash: &str) -> &str {
    hash.get(..16).unwrap_or(hash)
}

impl Store {
    /// Run every check; a fault is reported, not raised.
    pub fn check(&self) -> StoreResult<CheckReport> {
        self.check_with_head(None)
    }

    /// `check`, and whether the chain still passes through `head`.
    pub fn check_with_head(&self, head: Option<&AuditHead>) -> StoreResult<CheckReport> {
        let conn = self.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_key_faults = fk.query_map([], |_| Ok(()))?.count() as u64;
        let audit = verify_chain(conn)?;
        let records = verify_records(conn)?;
        let manifest = match self.path() {
            Some(db) => super::manifests::verify_manifests(conn, db)?,
            None => ManifestFinding::NoBackups,
        };
        let backup_files = self.path().map(super::backup_files::verify_backup_files).unwrap_or_default();
        let backups_made = match self.path() {
            Some(db) => {
                let keep = super::rolling::Retention::from_rules(&self.rules()?);
                // A damaged desk is left exactly as it was found.
                if audit.fault.is_none() && records.faults == 0 && integrity == ["ok"] {
                    super::backup_ledger::learn(self, db, keep)?;
                }
                super::backup_ledger::verify(conn, db, keep)?
            }
            None => LedgerFinding::default(),
        };
        let head = match head {
            Some(head) => Some((head.clone(), head_fault(conn, head, &format!("the head {}", head.show()))?)),
            None => None,
        };
        Ok(CheckReport {
            integrity,
            foreign_key_faults,
            schema_version: schema_version(conn)?,
            audit,
            records,
            manifest,
            backup_files,
            backups_made,
            head,
            alarm: self.audit_alarm(),
            totals: verify_condition_totals(conn)
                .unwrap_or_else(|e| TotalsFinding::unreadable(&format!("could not compare them: {e}"))),
            caseloads: verify_caseload_counts(conn)
                .unwrap_or_else(|e| CaseloadFinding::unreadable(&format!("could not compare them: {e}"))),
            documents: [self.check_documents()?, self.check_backup_documents()?].concat(),
        })
    }

    /// Copy the live database to `dest` with SQLite's online backup API, so
    /// the copy is consistent even while another process writes. The copy is
    /// made beside `dest` and renamed into place, so `dest` is never half-written.
    /// A manifest (`rolling::manifest_path`) describing the copy is written beside it.
    pub fn backup_to(&self, dest: &Path) -> StoreResult<PathBuf> {
        if dest.is_dir() {
            return Err(StoreError::IsDirectory(dest.to_path_buf()));
        }
        if let Some(src) = self.path() {
            if same_file(src, dest) {
                return Err(StoreError::Invalid("the backup must go to a different file than the database".into()));
            }
        }
        // An encrypted desk is only ever copied into a file keyed the same way.
        let key = match (self.is_encrypted(), self.passphrase()) {
            (false, _) => None,
            (true, Some(key)) => Some(key),
            (true, None) => return Err(StoreError::Invalid(PASSPHRASE_FORGOTTEN.into())),
        };
        // Before the copy, so the backup does not carry them either. Best
        // effort: a file left behind is only a file no case lists.
        let _ = self.sweep_unnamed_documents();
        let partial = partial_path(dest);
        let copied = copy_with_backup_api(self.conn(), &partial, self.path(), dest, key)
            .and_then(|manifest| finish_copy(&partial, dest, manifest));
        let manifest = match copied {
            Ok(manifest) => manifest,
            Err(e) => {
                remove_partial(&partial);
                return Err(backup_failure(e, dest));
            }
        };
        write_manifest(&manifest_path(dest), &manifest)?;
        self.back_up_documents(dest)?;
        Ok(dest.to_path_buf())
    }
}

/// Put the finished copy at `dest`, compressed when its name ends in
/// `.zst`, and record its hashes in the manifest.
fn finish_copy(partial: &Path, dest: &Path, mut manifest: Manifest) -> StoreResult<Manifest> {
    let failed = |e: std::io::Error| StoreError::Unreadable { path: dest.to_path_buf(), reason: e.to_string() };
    let hashes = if compress::is_compressed_name(dest) {
        let packed = partial_path(partial);
        let _ = std::fs::remove_file(&packed);
        create_private_file(&packed)?;
        let hashes = compress::compress_file(partial, &packed).and_then(|hashes| {
            std::fs::rename(&packed, dest)?;
            Ok(hashes)
        });
        let _ = std::fs::remove_file(&packed);
        let _ = std::fs::remove_file(partial);
        manifest.compression = Some("zstd".into());
        hashes.map_err(failed)?
    } else {
        let hashes = compress::hash_plain(partial).map_err(failed)?;
        std::fs::rename(partial, dest).map_err(failed)?;
        hashes
    };
    manifest.content_sha256 = Some(hashes.content);
    manifest.file_sha256 = Some(hashes.file);
    Ok(manifest)
}

/// Copy, then describe the copy: the manifest records exactly what was
/// copied, even if the desk wrote meanwhile.
fn copy_with_backup_api(
    src: &Connection,
    partial: &Path,
    db: Option<&Path>,
    dest: &Path,
    key: Option<&Passphrase>,
) -> StoreResult<Manifest> {
    let _ = std::fs::remove_file(partial);
    // Create the file owner-only before SQLite writes a byte of personal data into it.
    create_private_file(partial)?;
    let unreadable = |e: rusqlite::Error| StoreError::Unreadable { path: partial.to_path_buf(), reason: e.to_string() };
    let mut dst = Connection::open(partial).map_err(unreadable)?;
    // Keyed before the first page is written (SQLCipher also refuses to
    // back up between an encrypted and a plain database).
    match key {
        Some(key) => super::key::unlock(&dst, key).map_err(unreadable)?,
        None => super::key::quiet(&dst).map_err(unreadable)?,
    }
    #[cfg(test)]
    if let Some(pages) = COPY_PAGE_LIMIT.get() {
        dst.pragma_update(None, "max_page_count", pages)?;
    }
    {
        let backup = Backup::new(src, &mut dst)?;
        // Every page in one step, so under one read transaction: the copy is
        // one snapshot, and in WAL mode the desk keeps saving meanwhile
        // (copying in small steps restarts whenever the desk commits, so a
        // busy desk's copy might never finish).
        copy_all_pages(&backup)?;
    }
    // The copy is a self-contained file: no WAL beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    let manifest = Manifest::of_copy(&dst, db, dest)?;
    dst.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    owner_only(partial);
    Ok(manifest)
}

/// The half-made copy and whatever journal SQLite left beside it: a failed
/// backup leaves nothing behind.
fn remove_partial(partial: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = partial.as_os_str().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// A disk that fills while copying is the destination's: the database was
/// only read, and saying it is full would send the user to the wrong disk.
fn backup_failure(e: StoreError, dest: &Path) -> StoreError {
    match e {
        StoreError::DiskFull => StoreError::Invalid(format!(
            "the disk holding {} is full, so the backup was not made (the database is unchanged); free some \
             space there or choose another place, and try again",
            dest.display()
        )),
        other => other,
    }
}

#[cfg(test)]
thread_local! {
    /// A page limit on the copy, making SQLite fail as a full disk does.
    static COPY_PAGE_LIMIT: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}

/// Every page in one step, waiting up to five seconds for a lock (as a
/// writer does) before saying the desk is in use.
fn copy_all_pages(backup: &Backup<'_, '_>) -> StoreResult<()> {
    use rusqlite::backup::StepResult;
    for _ in 0..1000 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    Err(StoreError::Locked)
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OpenMode;

    /// `backup DEST` onto a full disk blamed "the disk holding the
    /// database" and left `DEST.partial-journal`.
    #[test]
    fn a_backup_onto_a_full_disk_names_that_disk_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("desk.db"), OpenMode::CreateIfMissing).unwrap();
        let dest = dir.path().join("copy.db");
        COPY_PAGE_LIMIT.set(Some(2));
        let err = store.backup_to(&dest).unwrap_err().to_string();
        COPY_PAGE_LIMIT.set(None);
        assert!(err.contains(&format!("the disk holding {} is full", dest.display())), "{err}");
        assert!(!err.contains("holding the database"), "{err}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("copy.db"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }

    /// The daily-backup warning said "the change was not saved", and then
    /// the change was saved: the database was never the full disk.
    #[test]
    fn a_failed_daily_backup_does_not_say_a_change_was_lost() {
        use crate::domain::types::{Service, Source};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("desk.db"), OpenMode::CreateIfMissing).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        store
            .write(|tx| tx.create_case(&crate::store::model::NewCase::new(Service::Mediation, Source::Housing, day)))
            .unwrap();
        COPY_PAGE_LIMIT.set(Some(2));
        let warning = crate::store::backup::daily_if_due(&store, day);
        COPY_PAGE_LIMIT.set(None);
        let warning = warning.expect("the backup failed");
        assert!(!warning.contains("not saved"), "{warning}");
        assert!(warning.contains("the backup was not made (the database is unchanged)"), "{warning}");
    }
}
