//! Names as people spell them (issue 16 §5): search and the duplicate check
//! find "Yılmaz" for "yilmaz", "O'Connor" for "oconnor", "Zoë Nowak" for
//! "Zoe Nowak" born the same day; phone numbers and emails are searchable.

use super::*;
use casedesk::domain::types::{DataSubjectCategory, PartyRole};
use casedesk::store::model::{NewPerson, PartyLink};

fn person(given: &str, family: &str, born: &str, phone: Option<&str>, email: Option<&str>) -> NewPerson {
    NewPerson {
        dob: Some(d(born)),
        phone: phone.map(str::to_string),
        email: email.map(str::to_string),
        ..NewPerson::named(given, family)
    }
}

/// A desk with three people, each on a case of their own.
fn desk() -> (FileDb, Vec<String>) {
    let mut db = FileDb::new();
    let people = [
        person("Emre", "Yılmaz", "1990-04-02", Some("07700 900123"), Some("emre.y@example.org")),
        person("Siobhan", "O'Connor", "1985-01-15", None, None),
        person("Zoë", "Nowak", "2001-07-30", None, None),
    ];
    let mut refs = Vec::new();
    for p in people {
        let reference = db.setup(|tx| {
            let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
            tx.add_party(key.id, &p, PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim })?;
            Ok(key.reference)
        });
        refs.push(reference);
    }
    (db, refs)
}

fn found(db: &FileDb, text: &str) -> Vec<String> {
    db.store.search(text, 10).unwrap().into_iter().map(|h| h.reference).collect()
}

#[test]
fn search_finds_names_as_people_type_them_and_phones_and_emails() {
    let (db, refs) = desk();
    assert_eq!(found(&db, "yilmaz"), vec![refs[0].clone()]);
    assert_eq!(found(&db, "Yılmaz"), vec![refs[0].clone()]);
    assert_eq!(found(&db, "oconnor"), vec![refs[1].clone()]);
    assert_eq!(found(&db, "O'Connor"), vec![refs[1].clone()]);
    assert_eq!(found(&db, "zoe nowak"), vec![refs[2].clone()]);
    assert_eq!(found(&db, "07700900123"), vec![refs[0].clone()]);
    assert_eq!(found(&db, "07700 900123"), vec![refs[0].clone()]);
    assert_eq!(found(&db, "emre.y@example.org"), vec![refs[0].clone()]);
}

#[test]
fn the_duplicate_check_matches_names_as_people_spell_them() {
    let (db, refs) = desk();
    let matches = |given: &str, family: &str, born: &str| -> Vec<String> {
        db.store.people_matching(given, family, d(born), 10).unwrap().into_iter().map(|m| m.reference).collect()
    };
    assert_eq!(matches("Zoe", "Nowak", "2001-07-30"), vec![refs[2].clone()]);
    assert_eq!(matches("emre", "YILMAZ", "1990-04-02"), vec![refs[0].clone()]);
    assert_eq!(matches("Siobhan", "OConnor", "1985-01-15"), vec![refs[1].clone()]);
    assert!(matches("Zoe", "Nowak", "2001-07-31").is_empty(), "another day of birth is another person");
    assert!(matches("Zola", "Nowak", "2001-07-30").is_empty());
}

/// A desk made before the fold (its search rows as 0001 wrote them) is
/// searchable by the folded names once opened: the migration rebuilds them.
#[test]
fn an_older_desks_people_are_found_after_the_upgrade() {
    let (db, refs) = desk();
    let raw = db.raw();
    raw.execute_batch(
        "DELETE FROM search_index WHERE rowid IN (SELECT id * 2 + 1 FROM person);
         INSERT INTO search_index (rowid, body) SELECT id * 2 + 1, given_names || ' ' || family_name FROM person;",
    )
    .unwrap();
    assert!(found(&db, "yilmaz").is_empty(), "the old rows do not hold the folded names");
    let sql = include_str!("../../assets/migrations/0018_search_as_spelt.sql");
    let rebuild = &sql[sql.find("-- Every person's row again").unwrap()..];
    raw.execute_batch(rebuild).unwrap();
    assert_eq!(found(&db, "yilmaz"), vec![refs[0].clone()]);
}
