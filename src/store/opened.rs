//! Decrypted copies of documents from an encrypted desk, made for the
//! system's opener. A terminal program cannot know when the viewer has
//! finished with a file, so the copies of one session share one private
//! folder (a random name, owner-only, in the system's temporary folder)
//! that goes when the session ends: when casedesk quits. A session that
//! did not end cleanly (a crash, a power cut) leaves its folder behind;
//! the next encrypted desk opened removes it, known to be abandoned
//! because no process holds its lock any more.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{StoreError, StoreResult};

/// How every session folder's name begins.
pub const PREFIX: &str = "casedesk-opened-";
/// The file a live session holds locked.
const LOCK: &str = ".session";
/// A folder without a lock file is one being made, or one left by an older
/// casedesk: after this long it is not being made.
const UNLOCKED_GRACE: Duration = Duration::from_secs(60);
/// Where files cannot be locked, a session folder this old is taken to be
/// left over: no one keeps casedesk open for a week.
const UNLOCKED_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

/// The folder of this session's decrypted copies, removed when dropped.
pub(super) struct Session {
    // Released before the folder is removed: fields drop in this order.
    _lock: fs::File,
    dir: tempfile::TempDir,
}

impl Session {
    /// A new private folder in `root`, after removing abandoned ones.
    pub(super) fn start(root: &Path) -> StoreResult<Session> {
        sweep_abandoned(root);
        let failed = |e: std::io::Error| {
            StoreError::Invalid(format!(
                "Cannot make a private folder in {} to open the document: {e}.",
                root.display()
            ))
        };
        let dir = tempfile::Builder::new().prefix(PREFIX).tempdir_in(root).map_err(failed)?;
        // Owner-only before anything is written into it.
        super::files::ensure_private_dir(dir.path())?;
        let lock = fs::File::create(dir.path().join(LOCK)).map_err(failed)?;
        // Held until the session ends; where locks are not taken, the
        // folder's age tells instead (`is_abandoned`).
        let _ = take_lock(&lock);
        Ok(Session { _lock: lock, dir })
    }

    pub(super) fn folder(&self) -> &Path {
        self.dir.path()
    }
}

/// Remove each session folder in `root` that no running casedesk holds.
/// Returns how many went. Best effort: a folder that cannot be removed
/// (another user's, or a file still held open) is left for next time.
pub fn sweep_abandoned(root: &Path) -> usize {
    let Ok(entries) = fs::read_dir(root) else { return 0 };
    let abandoned: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREFIX))
        // Not followed through a link: only real folders are removed.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|dir| is_abandoned(dir))
        .collect();
    abandoned.iter().filter(|dir| fs::remove_dir_all(dir).is_ok()).count()
}

fn is_abandoned(dir: &Path) -> bool {
    let older_than = |grace: Duration| {
        fs::metadata(dir).and_then(|m| m.modified()).is_ok_and(|at| at.elapsed().is_ok_and(|age| age > grace))
    };
    match fs::File::open(dir.join(LOCK)) {
        Ok(lock) => match take_lock(&lock) {
            // The lock was free: its session has ended.
            Some(taken) => taken,
            None => older_than(UNLOCKED_AGE),
        },
        Err(_) => older_than(UNLOCKED_GRACE),
    }
}

/// Take the file's lock without waiting: Some(true) when taken, Some(false)
/// when a live session holds it. The lock goes with the file handle, so a
/// crashed session's is free. (`File::try_lock` is newer than our MSRV.)
#[cfg(unix)]
fn take_lock(file: &fs::File) -> Option<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open.
    let answer = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    Some(answer == 0)
}

/// No cheap lock here: the caller goes by the folder's age.
#[cfg(not(unix))]
fn take_lock(_file: &fs::File) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_folder_is_private_and_goes_when_the_session_ends() {
        let root = tempfile::TempDir::new().unwrap();
        let session = Session::start(root.path()).unwrap();
        let folder = session.folder().to_path_buf();
        fs::write(folder.join("agreement.txt"), "decrypted").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
        }
        assert_eq!(sweep_abandoned(root.path()), 0, "a live session is never swept");
        assert!(folder.join("agreement.txt").exists());
        drop(session);
        assert!(!folder.exists(), "the copies go when the session ends");
    }

    #[test]
    fn a_folder_left_by_a_session_that_did_not_end_is_swept() {
        let root = tempfile::TempDir::new().unwrap();
        // What a crashed session leaves: its folder, its copy, its lock file unheld.
        let left = root.path().join(format!("{PREFIX}crashed"));
        fs::create_dir(&left).unwrap();
        fs::write(left.join(LOCK), "").unwrap();
        fs::write(left.join("agreement.txt"), "decrypted").unwrap();
        let other = root.path().join("someone-elses-folder");
        fs::create_dir(&other).unwrap();
        let live = Session::start(root.path()).unwrap();
        assert!(!left.exists(), "swept when the next session starts");
        assert!(other.exists() && live.folder().exists());
        assert_eq!(sweep_abandoned(root.path()), 0);
    }
}
