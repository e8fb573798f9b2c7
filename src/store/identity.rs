//! What an existing file holds, found before anything may write to it: a
//! casedesk desk, an SQLite file with nothing in it yet, or another
//! application's database (refused, byte for byte as it was). And whether a
//! `-wal` file beside a desk belongs to it: SQLite replays any WAL with the
//! right page size, so one left from another database would otherwise turn
//! the desk into a mixture of the two at the first checkpoint.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::key::{self, Passphrase};
use super::open::{classify_open_error, file_uri, sidecar};
use super::{StoreError, StoreResult, APPLICATION_ID, SCHEMA_VERSION};

/// The version whose migration (0008) marks every desk with casedesk's
/// application id; a desk of an earlier version is not marked yet.
const MARKED_FROM: i64 = 8;

/// What an existing, non-empty file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holds {
    /// A casedesk desk at this schema version (older, current or newer).
    Desk(i64),
    /// An SQLite file with no tables and no version: fine to start a desk in.
    Blank,
}

/// What one view of the file shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Facts {
    application_id: i64,
    version: i64,
    objects: i64,
    has_desk_tables: bool,
    pages: i64,
    /// The first and the newest audit rows: position and hash.
    ends: Vec<(i64, String)>,
}

/// Look at `path` (which exists and is not empty) read-only, refusing a
/// stray `-wal` beside it and any SQLite file that is not a desk.
pub(super) fn inspect(path: &Path, key: Option<&Passphrase>) -> StoreResult<Holds> {
    let shm = sidecar(path, "-shm");
    let shm_was_there = shm.exists();
    let found = look(path, key);
    if found.is_err() && !shm_was_there {
        // Made by reading through the WAL; a refused file keeps nothing new beside it.
        let _ = std::fs::remove_file(shm);
    }
    found
}

fn look(path: &Path, key: Option<&Passphrase>) -> StoreResult<Holds> {
    let wal_has_commits = sidecar(path, "-wal").metadata().is_ok_and(|m| m.len() > 0);
    if !wal_has_commits {
        if let Some(version) = marked_version(path, key) {
            return Ok(Holds::Desk(version));
        }
    }
    let main = read_facts(path, key, View::MainFileOnly);
    let facts = if wal_has_commits {
        let through = read_facts(path, key, View::ThroughWal);
        wal_belongs(path, key, main.as_ref().ok(), &through)?;
        through
    } else {
        main
    };
    let facts = facts.map_err(|e| classify_open_error(path, e))?;
    judge(path, &facts)
}

/// The version of a file marked as a desk, read from its header alone:
/// what `judge` says of any marked file. With no WAL to compare, nothing
/// else is needed, and reading `sqlite_master` would parse the whole schema
/// (1.4 ms at version 37), which the desk's own connection does again.
/// None when the file is not marked or its header cannot be read: the full
/// look then says why.
fn marked_version(path: &Path, key: Option<&Passphrase>) -> Option<i64> {
    let conn = connect(path, key, View::MainFileOnly).ok()?;
    let pragma = |name: &str| conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0)).ok();
    if pragma("application_id")? != APPLICATION_ID {
        return None;
    }
    pragma("user_version")
}

/// A desk is marked with casedesk's application id; a desk from before the
/// mark (versions 1 to 7) is known by its version and its own tables.
fn judge(path: &Path, facts: &Facts) -> StoreResult<Holds> {
    let unmarked_desk = facts.application_id == 0 && (1..MARKED_FROM).contains(&facts.version) && facts.has_desk_tables;
    if facts.application_id == APPLICATION_ID || unmarked_desk || facts.version > SCHEMA_VERSION {
        // A newer version is refused, unchanged, by the schema check that follows.
        return Ok(Holds::Desk(facts.version));
    }
    if facts.application_id == 0 && facts.version == 0 && facts.objects == 0 {
        return Ok(Holds::Blank);
    }
    Err(StoreError::Foreign(path.to_path_buf()))
}

/// A WAL of this desk only ever adds to it: the file never shrinks (nothing
/// vacuums it), the audit log is append-only, and a mark once made stays. A WAL
/// that, read over the file, loses the file's first or newest audit row, shrinks it,
/// unmarks it or cannot be read at all came from another database. When the
/// file alone cannot be read (a checkpoint cut short by a crash leaves it
/// half old, half new) there is nothing to compare, and the WAL is trusted:
/// the quick check still reads the result before anything is written.
fn wal_belongs(
    path: &Path,
    key: Option<&Passphrase>,
    main: Option<&Facts>,
    through: &rusqlite::Result<Facts>,
) -> StoreResult<()> {
    let Some(main) = main else { return Ok(()) };
    let belongs = match through {
        Ok(through) => {
            through.pages >= main.pages
                // An unmarked file is marked by its upgrade, which may still be in the WAL.
                && (main.application_id == 0 || through.application_id == main.application_id)
                && main.ends.iter().all(|(at, hash)| through_has(path, key, *at, hash))
        }
        // A file it cannot open (no permission to make the -shm) says nothing about the WAL.
        Err(e) => !is_damage(e),
    };
    if belongs {
        return Ok(());
    }
    Err(StoreError::StrayWal { db: path.to_path_buf(), wal: sidecar(path, "-wal") })
}

/// Whether the desk, read through its WAL, still has audit row `at` with `hash`.
fn through_has(path: &Path, key: Option<&Passphrase>, at: i64, hash: &str) -> bool {
    let found = connect(path, key, View::ThroughWal).and_then(|conn| {
        conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [at], |r| r.get::<_, String>(0)).optional()
    });
    matches!(found, Ok(Some(h)) if h == hash)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    /// The main file as it is on disk, the WAL ignored (`immutable`).
    MainFileOnly,
    /// What SQLite would show: the file with the WAL's commits over it.
    ThroughWal,
}

/// A read-only connection that writes nothing to the file or its WAL.
fn connect(path: &Path, key: Option<&Passphrase>, view: View) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = match view {
        View::MainFileOnly => Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags)?,
        View::ThroughWal => Connection::open_with_flags(file_uri(path), flags)?,
    };
    match key {
        Some(key) => key::unlock(&conn, key)?,
        None => key::quiet(&conn)?,
    }
    Ok(conn)
}

fn read_facts(path: &Path, key: Option<&Passphrase>, view: View) -> rusqlite::Result<Facts> {
    let conn = connect(path, key, view)?;
    let pragma = |name: &str| conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0));
    let objects = conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))?;
    let desk_tables: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'case_file')",
        [],
        |r| r.get(0),
    )?;
    let has_desk_tables = desk_tables == 2;
    let ends = if has_desk_tables { audit_ends(&conn)? } else { Vec::new() };
    Ok(Facts {
        application_id: pragma("application_id")?,
        version: pragma("user_version")?,
        objects,
        has_desk_tables,
        pages: pragma("page_count")?,
        ends,
    })
}

/// The first and the newest audit rows, if the table has any and is
/// casedesk's shape (a lookalike table is judged by the version, not
/// refused here); a damaged page met on the way is reported.
fn audit_ends(conn: &Connection) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut ends = Vec::new();
    for order in ["ASC", "DESC"] {
        let sql = format!("SELECT id, hash FROM audit_log ORDER BY id {order} LIMIT 1");
        match conn.query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?))).optional() {
            Ok(Some(end)) => ends.push(end),
            Ok(None) => {}
            Err(e) if is_damage(&e) => return Err(e),
            Err(_) => return Ok(Vec::new()),
        }
    }
    Ok(ends)
}

/// SQLite's words for a page that is not what it should be.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(application_id: i64, version: i64, objects: i64, has_desk_tables: bool) -> Facts {
        Facts { application_id, version, objects, has_desk_tables, pages: 1, ends: Vec::new() }
    }

    #[test]
    fn a_marked_file_or_a_desk_from_before_the_mark_is_a_desk() {
        let path = Path::new("desk.db");
        assert_eq!(judge(path, &facts(APPLICATION_ID, SCHEMA_VERSION, 90, true)).unwrap(), Holds::Desk(SCHEMA_VERSION));
        assert_eq!(judge(path, &facts(0, 7, 90, true)).unwrap(), Holds::Desk(7));
        assert_eq!(judge(path, &facts(0, 1, 40, true)).unwrap(), Holds::Desk(1));
        assert_eq!(judge(path, &facts(0, 0, 0, false)).unwrap(), Holds::Blank);
    }

    #[test]
    fn anything_else_is_another_applications_database() {
        let path = Path::new("other.db");
        for other in [
            facts(0, 0, 3, false),           // tables, no version
            facts(0, 3, 3, false),           // a version of its own, not our tables
            facts(0, 0, 2, true),            // our table names, no version
            facts(0, MARKED_FROM, 90, true), // marked from this version on, yet unmarked
            facts(0x1234, 3, 3, true),       // another application's mark
        ] {
            assert!(matches!(judge(path, &other), Err(StoreError::Foreign(_))), "{other:?}");
        }
    }

    /// A marked desk with no WAL to compare is known by its header alone:
    /// its schema is not read here, since the desk's own connection parses
    /// it next (each parse takes about 1.4 ms at 100,000 cases). A schema
    /// made unreadable shows it: only a look that reads it would fail.
    #[test]
    fn a_marked_desk_is_known_by_its_header_without_reading_its_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        drop(crate::store::Store::open(&path, crate::store::OpenMode::CreateIfMissing).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             INSERT INTO sqlite_master VALUES ('table', 'unreadable', 'unreadable', 0, 'CREATE TABLE unreadable (');",
        )
        .unwrap();
        drop(conn);
        assert_eq!(look(&path, None).unwrap(), Holds::Desk(SCHEMA_VERSION));
        assert!(read_facts(&path, None, View::MainFileOnly).is_err(), "reading the schema would fail");
    }
}
