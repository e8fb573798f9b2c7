//! Where an export may land. Every file casedesk writes (summaries, reports,
//! trackers, samples, letters, calendar files, `backup DEST`, and the files
//! the interface writes) is checked here first, so a typo or a hostile path
//! can never replace the desk, its journal, its backups or a device.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::store::{AuditEntry, Store, StoreError, Tx};

/// The files SQLite keeps beside a database while it is open or recovering.
const JOURNAL_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Refuse `target` unless it is a new path or an ordinary file that is no
/// part of the desk at `desk`: not the database, not its journal files, not
/// in its backups folder, not a folder, device, pipe or socket. Files are
/// compared by identity (device and inode, links followed), so a symbolic
/// or hard link to the desk is caught as surely as its own name.
pub fn check_output(target: &Path, desk: Option<&Path>) -> anyhow::Result<()> {
    let shown = target.display();
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_dir() => anyhow::bail!("{shown} is a directory: give a file name to write to"),
        Ok(meta) if !meta.is_file() => anyhow::bail!(
            "{shown} is not an ordinary file (it is a device, a pipe or a socket): give a new file name to write to"
        ),
        _ => {}
    }
    let Some(desk) = desk else { return Ok(()) };
    let target_real = resolved(target);
    let desk_real = resolved(desk);
    if same_identity(target, desk) || target_real.is_some() && target_real == desk_real {
        anyhow::bail!("{shown} is the database this desk is using: give another file name to write to");
    }
    for suffix in JOURNAL_SUFFIXES {
        let journal = with_suffix(desk, suffix);
        let journal_real = desk_real.as_deref().map(|p| with_suffix(p, suffix));
        if same_identity(target, &journal) || target_real.is_some() && target_real == journal_real {
            anyhow::bail!(
                "{shown} belongs to the database {} (SQLite's own file): give another file name to write to",
                desk.display()
            );
        }
    }
    if in_backups(target, target_real.as_deref(), desk) {
        anyhow::bail!(
            "{shown} is in the desk's backups folder (or is that folder): give a file name outside it to write to"
        );
    }
    Ok(())
}

/// The backups folder is the desk's own: nothing else is written into it
/// or in its place (even before its first backup), and no file in it is
/// replaced, even through a link from elsewhere.
fn in_backups(target: &Path, target_real: Option<&Path>, desk: &Path) -> bool {
    let Some(dir_real) = resolved(&crate::store::backup::rolling_dir(desk)) else { return false };
    if target_real.is_some_and(|t| t.starts_with(&dir_real)) {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(&dir_real) else { return false };
    entries.filter_map(Result::ok).any(|entry| same_identity(target, &entry.path()))
}

/// The path with every link followed: the file itself when it exists, else
/// its folder resolved and its name kept (a new file has no identity yet).
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Both paths exist and are the same file (a hard link counts).
#[cfg(unix)]
fn same_identity(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Without inodes the resolved paths stand in for identity.
#[cfg(not(unix))]
fn same_identity(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Write `bytes` to `path` so that the file is either the whole new content
/// or untouched: write a sibling temp file, sync it, then rename over. The
/// path is checked against `desk` (the open database, when there is one)
/// first, and again just before the rename.
pub fn write_file_atomically(path: &Path, bytes: &[u8], desk: Option<&Path>) -> anyhow::Result<()> {
    let staged = Staged::new(path, bytes, desk)?;
    staged.place()?.keep();
    Ok(())
}

/// A document and the log row of its export, in one step: written to
/// `output` (through `write_recorded`, so the file and the row stand or fall
/// together) or, with no output, the row written and the bytes handed back
/// for the terminal.
pub fn deliver_logged(
    store: &mut Store,
    output: Option<&Path>,
    entry: &AuditEntry,
    bytes: Vec<u8>,
) -> anyhow::Result<Option<Vec<u8>>> {
    match output {
        Some(path) => write_recorded(store, path, |tx| {
            tx.audit(entry)?;
            Ok((None, bytes))
        }),
        None => {
            store.write(|tx| tx.audit(entry))?;
            Ok(Some(bytes))
        }
    }
}

/// Write the file and record it in one transaction: `build` logs the export
/// and returns the file's bytes; the file takes its place only inside the
/// transaction, and if the commit fails whatever was at `path` before is put
/// back, so a failed export neither leaves a file nor loses an earlier one.
pub fn write_recorded<T>(
    store: &mut Store,
    path: &Path,
    build: impl FnOnce(&mut Tx<'_>) -> Result<(T, Vec<u8>), StoreError>,
) -> anyhow::Result<T> {
    let desk = store.path().map(Path::to_path_buf);
    check_output(path, desk.as_deref())?;
    let mut placed = None;
    let result = store.write(|tx| {
        let (value, bytes) = build(tx)?;
        let staged = Staged::new(path, &bytes, desk.as_deref()).map_err(invalid)?;
        placed = Some(staged.place().map_err(invalid)?);
        Ok(value)
    });
    match (result, placed) {
        (Ok(value), Some(placed)) => {
            placed.keep();
            Ok(value)
        }
        (Ok(value), None) => Ok(value),
        (Err(e), placed) => {
            if let Some(placed) = placed {
                placed.undo();
            }
            Err(e.into())
        }
    }
}

fn invalid(e: anyhow::Error) -> StoreError {
    StoreError::Invalid(format!("{e:#}"))
}

/// The new content, whole and synced in a temp file beside its target.
struct Staged<'a> {
    path: &'a Path,
    desk: Option<&'a Path>,
    tmp: tempfile::NamedTempFile,
}

/// The new file in place, and the earlier one (if any) kept aside until the
/// caller knows whether the write stands.
struct Placed {
    path: PathBuf,
    earlier: Option<tempfile::TempPath>,
}

impl<'a> Staged<'a> {
    fn new(path: &'a Path, bytes: &[u8], desk: Option<&'a Path>) -> anyhow::Result<Self> {
        check_output(path, desk)?;
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut tmp =
            tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
        tmp.write_all(bytes).and_then(|_| tmp.as_file().sync_all()).context("writing the output")?;
        owner_only(tmp.path());
        Ok(Staged { path, desk, tmp })
    }

    /// Move any earlier file aside (by rename, in the same folder), then
    /// rename the new one into place.
    fn place(self) -> anyhow::Result<Placed> {
        check_output(self.path, self.desk)?;
        let cannot = || format!("cannot write {}", self.path.display());
        let earlier = if std::fs::symlink_metadata(self.path).is_ok() {
            let dir = self.tmp.path().parent().unwrap_or(Path::new("."));
            let aside = tempfile::Builder::new().prefix(".casedesk-earlier").tempfile_in(dir).with_context(cannot)?;
            let aside = aside.into_temp_path();
            std::fs::rename(self.path, &aside).with_context(cannot)?;
            Some(aside)
        } else {
            None
        };
        let placed = Placed { path: self.path.to_path_buf(), earlier };
        match self.tmp.persist(self.path) {
            Ok(_) => Ok(placed),
            Err(e) => {
                placed.undo();
                Err(anyhow::Error::new(e.error).context(cannot()))
            }
        }
    }
}

impl Placed {
    /// The write stands: the earlier file goes (its temp path deletes it).
    fn keep(self) {
        drop(self.earlier);
    }

    /// The write does not stand: the earlier file comes back, or the new
    /// one goes when there was none.
    fn undo(self) {
        match self.earlier {
            Some(aside) => {
                // Disarmed either way: moved back, or (should that fail)
                // kept under its hidden name rather than deleted.
                let _ = std::fs::rename(&aside, &self.path);
                let _ = aside.keep();
            }
            None => {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }
}

#[cfg(unix)]
fn owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(target: &Path, desk: &Path) -> String {
        check_output(target, Some(desk)).expect_err("refused").to_string()
    }

    /// The interface writes through the same check: its export folder may be
    /// anywhere, even beside the desk.
    #[test]
    fn the_desk_its_journal_and_its_backups_are_refused_by_identity_and_by_name() {
        let dir = tempfile::TempDir::new().unwrap();
        let desk = dir.path().join("desk.db");
        std::fs::write(&desk, b"desk").unwrap();
        assert!(refusal(&desk, &desk).contains("is the database this desk is using"));
        #[cfg(unix)]
        {
            let hard = dir.path().join("other-name.md");
            std::fs::hard_link(&desk, &hard).unwrap();
            assert!(refusal(&hard, &desk).contains("is the database this desk is using"));
        }
        assert!(refusal(&dir.path().join("desk.db-wal"), &desk).contains("belongs to the database"));
        assert!(refusal(&dir.path().join("backups"), &desk).contains("backups folder"), "not yet made");
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        assert!(refusal(&dir.path().join("backups/x.md"), &desk).contains("backups folder"));
        assert!(refusal(dir.path(), &desk).contains("is a directory"));
        check_output(&dir.path().join("summary.md"), Some(&desk)).unwrap();
        check_output(&desk, None).unwrap();
    }

    #[test]
    fn a_write_undone_puts_the_earlier_file_back_and_leaves_nothing_else() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("letter.md");
        std::fs::write(&path, b"earlier").unwrap();
        Staged::new(&path, b"new", None).unwrap().place().unwrap().undo();
        assert_eq!(std::fs::read(&path).unwrap(), b"earlier");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_file_atomically(&path, b"new", None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let fresh = dir.path().join("fresh.md");
        Staged::new(&fresh, b"new", None).unwrap().place().unwrap().undo();
        assert!(!fresh.exists());
    }
}
