//! Documents on file (issue 14 §7): attached from the command line and the
//! library, stored once by hash in an owner-only folder beside the desk,
//! undone and redone, opened (logged as a consultation), verified by `check`, and
//! erased with the case at its retention review.

mod common;

use std::path::{Path, PathBuf};

use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::types::{Service, Source};
use casedesk::store::documents::folder;
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store};
use common::cli::{run, stderr_of};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// A desk in a file with one referral; returns its folder, path and reference.
fn desk_with_a_case() -> (TempDir, PathBuf, String) {
    let (dir, db, reference) = common::desk_in_file(|store| {
        let received = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let key = store
            .write(|tx| tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, received)))
            .unwrap();
        key.reference
    });
    (dir, db, reference)
}

fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn sha(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn stored(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(folder(db)) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

fn rows(db: &Path) -> Vec<(String, String, String, i64)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT title, file_name, sha256, size_bytes FROM case_document ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_same_file_attached_twice_is_stored_once_owner_only() {
    let (dir, db, reference) = desk_with_a_case();
    let email = write_file(dir.path(), "referral.eml", "From: PC Jones\n\nPlease see the attached referral.\n");
    let said = run(&db, &["attach", "--case", &reference, email.to_str().unwrap(), "--title", "Referral email"]);
    assert!(stderr_of(&said.success()).contains(&format!("to {reference}.")));
    // Pasted from a file manager: the quotes round the path are not part of it.
    let quoted = format!("'{}'", email.display());
    run(&db, &["attach", "--case", &reference, &quoted]).success();

    let hash = sha("From: PC Jones\n\nPlease see the attached referral.\n");
    assert_eq!(stored(&db), vec![hash.clone()], "one file for two rows");
    let rows = rows(&db);
    assert_eq!(rows[0], ("Referral email".into(), "referral.eml".into(), hash.clone(), 50));
    assert_eq!(rows[1].0, "referral.eml", "the file name when no title is given");
    assert!(email.exists(), "the original is left where it was");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder(&db)), 0o700);
        assert_eq!(mode(&folder(&db).join(&hash)), 0o600);
    }
}

#[test]
fn a_bad_path_or_case_is_one_sentence_and_exit_2() {
    let (dir, db, reference) = desk_with_a_case();
    let missing = dir.path().join("nowhere.pdf");
    let said = stderr_of(&run(&db, &["attach", "--case", &reference, missing.to_str().unwrap()]).code(2));
    assert!(said.contains("No file is at") && said.contains("check the path"), "{said}");
    let said = stderr_of(&run(&db, &["attach", "--case", &reference, dir.path().to_str().unwrap()]).code(2));
    assert!(said.contains("is not a file"), "{said}");
    let file = write_file(dir.path(), "a.txt", "a");
    let said = stderr_of(&run(&db, &["attach", "--case", "RJ-1999-0001", file.to_str().unwrap()]).code(2));
    assert!(said.contains("There is no case with reference RJ-1999-0001"), "{said}");
    assert!(rows(&db).is_empty() && stored(&db).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_read_as_a_document() {
    let (dir, db, reference) = desk_with_a_case();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Were it opened for reading, this would wait for a writer for ever.
    let said = stderr_of(&run(&db, &["attach", "--case", &reference, fifo.to_str().unwrap()]).code(2));
    assert!(said.contains("is not a file"), "{said}");
}

#[test]
fn undo_keeps_the_stored_file_so_redo_can_open_it_again() {
    let (dir, db, reference) = desk_with_a_case();
    let letter = write_file(dir.path(), "letter.txt", "Signed outcome agreement");
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let (case_id, _) = store.case_by_ref(&reference).unwrap().unwrap();
    store.attach_document(case_id, &letter, Some("Agreement"), common::today()).unwrap();
    let next = store.next_undo().unwrap().unwrap();
    assert_eq!(next.words, format!("adding a document for {reference}"));
    store.undo_change(next.txn).unwrap();
    assert!(rows(&db).is_empty());
    assert_eq!(stored(&db), vec![sha("Signed outcome agreement")], "kept for redo");
    // A backup meanwhile sweeps nothing redo can still bring back.
    store.backup_to(&dir.path().join("meanwhile.db")).unwrap();
    assert_eq!(stored(&db), vec![sha("Signed outcome agreement")], "a backup spares what redo can bring back");

    store.redo_last().unwrap().unwrap();
    let id: i64 = Connection::open(&db).unwrap().query_row("SELECT id FROM case_document", [], |r| r.get(0)).unwrap();
    let opened = store.open_document(id).unwrap();
    assert_eq!(std::fs::read_to_string(opened).unwrap(), "Signed outcome agreement");
    assert!(store.check().unwrap().documents.is_empty(), "check finds the redone document whole");
}

#[test]
fn a_file_no_row_names_and_no_redo_can_bring_back_goes_with_the_next_backup() {
    let (dir, db, reference) = desk_with_a_case();
    let letter = write_file(dir.path(), "letter.txt", "Signed outcome agreement");
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let (case_id, _) = store.case_by_ref(&reference).unwrap().unwrap();
    store.attach_document(case_id, &letter, Some("Agreement"), common::today()).unwrap();
    store.attach_document(case_id, &letter, Some("Agreement, again"), common::today()).unwrap();
    for _ in 0..2 {
        let next = store.next_undo().unwrap().unwrap();
        store.undo_change(next.txn).unwrap();
    }
    assert!(rows(&db).is_empty());
    // A new change ends redo: the file is now named by nothing that can come back.
    let received = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    store.write(|tx| tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, received))).unwrap();
    assert_eq!(stored(&db), vec![sha("Signed outcome agreement")], "saving alone lists no folder");
    let kept = dir.path().join("kept.db");
    store.backup_to(&kept).unwrap();
    assert!(stored(&db).is_empty(), "the backup swept it");
    assert!(stored(&kept).is_empty(), "nor was it carried into the backup");
    assert!(store.check().unwrap().documents.is_empty());
}

#[test]
fn opening_is_logged_as_a_consultation_of_the_case() {
    let (dir, db, reference) = desk_with_a_case();
    let scan = write_file(dir.path(), "scan.txt", "Scanned letter");
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let (case_id, _) = store.case_by_ref(&reference).unwrap().unwrap();
    let id = store.attach_document(case_id, &scan, Some("Scanned letter"), common::today()).unwrap();
    let path = store.open_document(id).unwrap();
    assert_eq!(std::fs::read_to_string(path).unwrap(), "Scanned letter");
    let conn = Connection::open(&db).unwrap();
    let (op, case, why): (String, i64, String) = conn
        .query_row(
            "SELECT op, case_id, justification FROM audit_log WHERE entity = 'case_document' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((op.as_str(), case, why.as_str()), ("consult", case_id, "opened the document “Scanned letter”"));
}

#[test]
fn check_names_a_document_missing_or_changed() {
    let (dir, db, reference) = desk_with_a_case();
    let one = write_file(dir.path(), "one.txt", "first");
    let two = write_file(dir.path(), "two.txt", "second");
    run(&db, &["attach", "--case", &reference, one.to_str().unwrap(), "--title", "First"]).success();
    run(&db, &["attach", "--case", &reference, two.to_str().unwrap(), "--title", "Second"]).success();
    run(&db, &["check"]).success();
    std::fs::remove_file(folder(&db).join(sha("first"))).unwrap();
    std::fs::write(folder(&db).join(sha("second")), "altered").unwrap();
    let said = common::cli::stdout_of(&run(&db, &["check"]).code(1));
    assert!(said.contains(&format!("the document “First” of {reference} is missing")), "{said}");
    assert!(
        said.contains(&format!("the document “Second” of {reference} was changed after it was attached")),
        "{said}"
    );
}

#[test]
fn retention_erasure_takes_the_documents_with_the_case() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    generate(&mut store, &DemoOptions { cases: 40, seed: 11, today: common::today() }).unwrap();
    let conn = Connection::open(&db).unwrap();
    let due: i64 = conn
        .query_row(
            "SELECT c.id FROM retention t JOIN case_file c ON c.id = t.case_id
             WHERE t.decision IS NULL AND t.review_due <= ?1 AND c.status = 'closed' ORDER BY c.id LIMIT 1",
            [common::today().to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let open: i64 = conn
        .query_row("SELECT id FROM case_file WHERE status <> 'closed' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let kept = write_file(dir.path(), "shared.txt", "on both cases");
    let only = write_file(dir.path(), "only.txt", "on the erased case only");
    store.attach_document(due, &kept, None, common::today()).unwrap();
    store.attach_document(open, &kept, None, common::today()).unwrap();
    store.attach_document(due, &only, None, common::today()).unwrap();
    let done = store.write(|tx| tx.review_erase(due, "Six-year review", common::today())).unwrap();
    assert_eq!(done.documents, 2);
    assert_eq!(stored(&db), vec![sha("on both cases")], "the file another case names stays");
    assert_eq!(rows(&db).len(), 1);
}

#[test]
fn documents_travel_with_a_backup_and_come_back_on_restore() {
    let (dir, db, reference) = desk_with_a_case();
    let scan = write_file(dir.path(), "scan.txt", "a scanned letter");
    run(&db, &["attach", "--case", &reference, scan.to_str().unwrap()]).success();
    let kept = dir.path().join("kept.db");
    run(&db, &["backup", kept.to_str().unwrap()]).success();
    assert_eq!(stored(&kept), vec![sha("a scanned letter")], "kept beside the backup");

    // The documents folder is lost; restoring the backup brings it back.
    std::fs::remove_dir_all(folder(&db)).unwrap();
    run(&db, &["check"]).code(1);
    run(&db, &["restore", kept.to_str().unwrap()]).success();
    assert_eq!(stored(&db), vec![sha("a scanned letter")]);
    run(&db, &["check"]).success();
}

#[test]
fn a_rolling_backup_keeps_the_documents_and_rotation_takes_them_with_it() {
    let (dir, db, reference) = desk_with_a_case();
    let scan = write_file(dir.path(), "scan.txt", "rolled");
    run(&db, &["attach", "--case", &reference, scan.to_str().unwrap()]).success();
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let first = casedesk::store::backup::write_rolling(&store, &db, day(1)).unwrap();
    assert_eq!(stored(&first), vec![sha("rolled")]);
    // Seven daily and four weekly backups are kept by default: six weeks on,
    // the first is pushed out, documents and all.
    for d in 1..=42 {
        casedesk::store::backup::write_rolling(&store, &db, day(1) + chrono::Duration::days(d)).unwrap();
    }
    assert!(!first.exists());
    assert!(!folder(&first).exists(), "the folder went with its backup");
}

#[test]
fn check_on_a_backup_verifies_the_copies_beside_it() {
    let (dir, db, reference) = desk_with_a_case();
    let one = write_file(dir.path(), "one.txt", "first");
    let two = write_file(dir.path(), "two.txt", "second");
    run(&db, &["attach", "--case", &reference, one.to_str().unwrap(), "--title", "First"]).success();
    run(&db, &["attach", "--case", &reference, two.to_str().unwrap(), "--title", "Second"]).success();
    let kept = dir.path().join("kept.db");
    run(&db, &["backup", kept.to_str().unwrap()]).success();
    run(&kept, &["check"]).success();
    std::fs::remove_file(folder(&kept).join(sha("first"))).unwrap();
    std::fs::write(folder(&kept).join(sha("second")), "altered").unwrap();
    let said = common::cli::stdout_of(&run(&kept, &["check"]).code(1));
    assert!(said.contains(&format!("the document “First” of {reference} is missing")), "{said}");
    assert!(said.contains(&format!("the document “Second” of {reference} was changed")), "{said}");
}

#[test]
fn check_on_the_desk_names_a_damaged_copy_kept_with_a_rolling_backup() {
    let (dir, db, reference) = desk_with_a_case();
    let scan = write_file(dir.path(), "scan.txt", "rolled");
    run(&db, &["attach", "--case", &reference, scan.to_str().unwrap(), "--title", "Scan"]).success();
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let rolled = casedesk::store::backup::write_rolling(&store, &db, day).unwrap();
    drop(store);
    run(&db, &["check"]).success();
    std::fs::write(folder(&rolled).join(sha("rolled")), "altered").unwrap();
    let said = common::cli::stdout_of(&run(&db, &["check"]).code(1));
    let name = rolled.file_name().unwrap().to_string_lossy();
    assert!(
        said.contains(&format!(
            "the copy of the document “Scan” of {reference} kept with the backup {name} was changed after it was made"
        )),
        "{said}"
    );
}

#[test]
fn a_backup_names_each_document_it_could_not_carry() {
    let (dir, db, reference) = desk_with_a_case();
    let scan = write_file(dir.path(), "scan.txt", "lost");
    run(&db, &["attach", "--case", &reference, scan.to_str().unwrap(), "--title", "Scan"]).success();
    std::fs::remove_file(folder(&db).join(sha("lost"))).unwrap();
    let kept = dir.path().join("kept.db");
    let said = stderr_of(&run(&db, &["backup", kept.to_str().unwrap()]).success());
    assert!(
        said.contains(&format!(
            "warning: the document “Scan” of {reference} is missing from the documents folder, so the backup is \
             without it: run `casedesk check`"
        )),
        "{said}"
    );
}
