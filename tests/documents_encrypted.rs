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
