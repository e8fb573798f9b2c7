//! Length limits (typed and imported), wide names within the terminal,
//! and owner-only database files.

use std::path::Path;

use crate::common::cli::{casedesk, TODAY};
use crate::common::today;
use casedesk::domain::types::{PartyRole, Service, Source};
use casedesk::store::limits::TextKind::Name;
use casedesk::store::model::{NewCase, NewPerson};
use casedesk::store::{OpenMode, Store};
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::screens::ScreenId;
use casedesk::tui::theme::MONOCHROME;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use super::{draw, link, run_ok, show, shown_rows};

#[test]
fn text_over_its_limit_is_refused_with_a_sentence_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let before = store.case_count().unwrap();
    let mut case = NewCase::new(Service::RestorativeJustice, Source::Police, today());
    case.offence_desc = Some("x".repeat(10_000));
    let err = store.write(|tx| tx.create_case(&case)).unwrap_err();
    assert_eq!(err.to_string(), "the offence description is 10,000 characters; the limit is 2,000");
    assert_eq!(store.case_count().unwrap(), before);
    // A name one character over its limit names the field too.
    case.offence_desc = None;
    let key = store.write(|tx| tx.create_case(&case)).unwrap();
    let person = NewPerson::named("Ann", &"山".repeat(Name.limit() + 1));
    let err = store.write(|tx| tx.add_party(key.id, &person, link(PartyRole::Harmed))).unwrap_err();
    assert_eq!(err.to_string(), "the family name is 101 characters; the limit is 100");
}

#[test]
fn the_import_meets_the_same_limits() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let tracker = dir.path().join("tracker.csv");
    // Write a valid tracker from a desk with one case, then lengthen a name.
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, today()))?;
            tx.add_party(key.id, &NewPerson::named("Ann", "MARKER"), link(PartyRole::Harmed))
        })
        .unwrap();
    drop(store);
    run_ok(&db, &["tracker", "-o", tracker.to_str().unwrap()]);
    let original = std::fs::read_to_string(&tracker).unwrap();
    assert!(original.contains("MARKER"), "the tracker holds the name:\n{original}");
    std::fs::write(&tracker, original.replace("MARKER", &"y".repeat(150))).unwrap();
    let fresh = dir.path().join("fresh.db");
    let output = casedesk().arg("--db").arg(&fresh).args(["--today", TODAY, "import"]).arg(&tracker).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is 150 characters; the limit is 100"), "{stderr}");
}

#[test]
fn wide_names_keep_lines_within_the_terminal() {
    let mut store = Store::open_in_memory().unwrap();
    let case_id = store
        .write(|tx| {
            let mut case = NewCase::new(Service::RestorativeJustice, Source::Police, today());
            case.offence_desc = Some("自転車の盗難 🚲 at the 駅 — a long description that will be cut 🙂🙂🙂🙂".into());
            case.referrer_name = Some("山田 太郎 👮".into());
            let key = tx.create_case(&case)?;
            tx.add_party(key.id, &NewPerson::named("太郎", "山田"), link(PartyRole::Harmed))?;
            tx.add_party(key.id, &NewPerson::named("🙂 Zoë", "Ünal-Øster 😀"), link(PartyRole::Offender))?;
            Ok(key.id)
        })
        .unwrap();
    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    for (width, height) in [(100, 30), (80, 24), (41, 20)] {
        for screen in [ScreenId::Today, ScreenId::Case] {
            show(&mut app, screen, case_id);
            let buffer = draw(&mut app, width, height);
            let rows = shown_rows(&buffer);
            for (y, row) in rows.iter().enumerate() {
                assert!(
                    row.width() <= width as usize,
                    "{} at {width}x{height}, row {y} is {} columns wide: {row:?}",
                    screen.title(),
                    row.width()
                );
            }
            // Without this the test could pass by showing none of the wide text.
            let wide = if screen == ScreenId::Case { "山田" } else { "自転車" };
            if width == 100 {
                assert!(rows.concat().contains(wide), "{} shows {wide}:\n{}", screen.title(), rows.join("\n"));
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn a_new_database_and_its_wal_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store.write(|tx| tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, today()))).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let wal = dir.path().join("desk.db-wal");
    assert!(wal.exists(), "the database is in WAL mode while open");
    assert_eq!(mode(&db), 0o600, "database");
    assert_eq!(mode(&wal), 0o600, "WAL");
    drop(store);
    // A file made group-readable by hand is tightened on the next open.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Store::open(&db, OpenMode::MustExist).unwrap());
    assert_eq!(mode(&db), 0o600, "database after reopening");
}
