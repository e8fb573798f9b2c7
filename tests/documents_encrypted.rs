//! Documents on an encrypted desk (issue 14 §7): kept inside the encrypted
//! database, never as a file in the clear beside it; opened from there,
//! verified by `check`, and let go when no row names them.
#![cfg(feature = "encryption")]

use casedesk::domain::types::{Service, Source};
use casedesk::store::documents::folder;
use casedesk::store::key::Passphrase;
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store};
use tempfile::TempDir;

const PASS: &str = "correct horse battery staple";
const SECRET: &str = "Signed outcome agreement of Sam Harmed";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_encrypted_desk_keeps_its_documents_inside_itself() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let key = || Some(Passphrase::new(PASS.into()));
    let mut store = Store::open_keyed(&db, OpenMode::CreateIfMissing, key()).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let case =
        store.write(|tx| tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, on))).unwrap();
    let original = dir.path().join("agreement.txt");
    std::fs::write(&original, SECRET).unwrap();
    let id = store.attach_document(case.id, &original, Some("Agreement"), on).unwrap();
    std::fs::remove_file(&original).unwrap();

    assert!(!folder(&db).exists(), "no documents folder beside an encrypted desk");
    let opened = store.open_document(id).unwrap();
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), SECRET);
    std::fs::remove_file(&opened).unwrap();
    assert!(store.check().unwrap().documents.is_empty());
    drop(store);
    for name in std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()) {
        if name.is_file() {
            assert!(
                !contains(&std::fs::read(&name).unwrap(), SECRET),
                "{} holds the document in the clear",
                name.display()
            );
        }
    }

    let mut store = Store::open_keyed(&db, OpenMode::MustExist, key()).unwrap();
    let next = store.next_undo().unwrap().unwrap();
    store.undo_change(next.txn).unwrap();
    let err = store.open_document(id).unwrap_err();
    assert!(err.to_string().contains("document"), "{err}");
}

fn desk_with_a_document(dir: &TempDir) -> (Store, i64) {
    let db = dir.path().join("desk.db");
    let mut store = Store::open_keyed(&db, OpenMode::CreateIfMissing, Some(Passphrase::new(PASS.into()))).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let case =
        store.write(|tx| tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, on))).unwrap();
    let original = dir.path().join("agreement.txt");
    std::fs::write(&original, SECRET).unwrap();
    let id = store.attach_document(case.id, &original, Some("Agreement"), on).unwrap();
    (store, id)
}

#[test]
fn a_decrypted_copy_is_owner_only_and_goes_when_casedesk_quits() {
    let dir = TempDir::new().unwrap();
    let (mut store, id) = desk_with_a_document(&dir);
    let opened = store.open_document(id).unwrap();
    let folder = opened.parent().unwrap().to_path_buf();
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(casedesk::store::opened::PREFIX), "{name}");
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), SECRET);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700, "a private folder");
        assert_eq!(mode(&opened), 0o600);
    }
    let again = store.open_document(id).unwrap();
    assert_eq!(again.parent(), Some(folder.as_path()), "one folder for the session");
    drop(store);
    assert!(!opened.exists() && !folder.exists(), "the decrypted copy went when the desk was closed");
}

#[test]
fn a_copy_left_by_a_casedesk_that_did_not_quit_goes_when_an_encrypted_desk_is_opened() {
    let dir = TempDir::new().unwrap();
    let (store, _) = desk_with_a_document(&dir);
    drop(store);
    // What a crash leaves: the session's folder, its copy, its lock unheld.
    let left = tempfile::Builder::new()
        .prefix(casedesk::store::opened::PREFIX)
        .tempdir_in(std::env::temp_dir())
        .unwrap()
        .keep();
    std::fs::write(left.join(".session"), "").unwrap();
    std::fs::write(left.join("agreement.txt"), SECRET).unwrap();
    let db = dir.path().join("desk.db");
    let _store = Store::open_keyed(&db, OpenMode::MustExist, Some(Passphrase::new(PASS.into()))).unwrap();
    assert!(!left.exists(), "the abandoned copy was removed");
}
