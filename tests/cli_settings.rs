//! `casedesk settings`: the services' letter profiles shown by their labels,
//! one field set at a time and audited, and a letter refused (exit 2) until
//! its service's profile is filled in.

mod common;

use casedesk::domain::types::{Service, Source};
use casedesk::store::model::NewCase;
use common::cli::{casedesk, run, stdout_of, TODAY};
use common::desk_in_file;
use predicates::prelude::*;

fn profile_audit_rows(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT op, COALESCE(after_json, '') FROM audit_log WHERE entity = 'service_profile' ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn settings_show_both_profiles_by_label_and_set_one_field_audited() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.starts_with("OOCD unit\n  Name               (not filled in)\n"), "{shown}");
    assert!(shown.contains("RJ & mediation service\n"), "{shown}");
    assert!(shown.contains("  Opening hours      (not filled in)\n"), "{shown}");
    run(&db, &["settings", "set", "--service", "rj", "--field", "hours", "--value", " Weekdays 9 to 5 "])
        .success()
        .stdout("The RJ & mediation service's opening hours is now Weekdays 9 to 5.\n");
    run(&db, &["settings", "set", "--service", "rj", "--field", "hours", "--value", "Weekdays 10 to 6"]).success();
    let shown = stdout_of(&run(&db, &["settings"]).success());
    let rj = shown.split("RJ & mediation service\n").nth(1).unwrap();
    assert!(rj.contains("  Opening hours      Weekdays 10 to 6\n"), "{shown}");
    let rows = profile_audit_rows(&db);
    assert_eq!(rows.len(), 2, "one audit row per change: {rows:?}");
    assert!(rows[0].1.contains("Weekdays 9 to 5") && rows[1].1.contains("Weekdays 10 to 6"), "{rows:?}");
}

#[test]
fn settings_refuse_an_unknown_service_field_or_a_blank_or_overlong_value() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    run(&db, &["settings", "set", "--service", "restorative_justice", "--field", "name", "--value", "X"])
        .code(2)
        .stderr(predicate::str::contains("use oocd (the OOCD unit) or rj (the RJ & mediation service)"));
    run(&db, &["settings", "set", "--service", "oocd", "--field", "fax", "--value", "X"])
        .code(2)
        .stderr(predicate::str::contains("use one of name, address, phone, email, hours, signatory, role"));
    run(&db, &["settings", "set", "--service", "oocd", "--field", "name", "--value", "  "])
        .code(2)
        .stderr(predicate::str::contains("give the OOCD unit's name a value"));
    run(&db, &["settings", "set", "--service", "oocd", "--field", "name", "--value", &"x".repeat(5_000)])
        .code(2)
        .stderr(predicate::str::contains("the service's name is 5,000 characters; the limit is"));
    assert!(profile_audit_rows(&db).is_empty());
}

/// Every field a letter from the OOCD unit needs, set from the command line.
fn fill_oocd_profile(db: &std::path::Path) {
    for (field, value) in [
        ("name", "Northshire Diversion Unit"),
        ("address", "Police HQ, Northshire"),
        ("phone", "01632 960111"),
        ("email", "diversion@northshire.example.org"),
        ("hours", "weekdays 8am to 4pm"),
        ("signatory", "Morgan Tallis"),
        ("role", "Diversion coordinator"),
    ] {
        run(db, &["settings", "set", "--service", "oocd", "--field", field, "--value", value]).success();
    }
}

#[test]
fn a_letter_before_its_service_has_a_profile_exits_2_naming_the_command() {
    let (dir, db, reference) = desk_in_file(|store| {
        store
            .write(|tx| {
                let mut case = NewCase::new(Service::Oocd, Source::Police, common::today());
                case.referrer_name = Some("PC Ada Fixture".into());
                Ok(tx.create_case(&case)?.reference)
            })
            .unwrap()
    });
    let out = dir.path().join("ack.md");
    let letter = || {
        casedesk()
            .env("CASEDESK_CONFIG_DIR", dir.path())
            .args(["--db", db.to_str().unwrap(), "--today", TODAY, "letter", "--case", &reference])
            .args(["--template", "acknowledgement", "-o", out.to_str().unwrap()])
            .assert()
    };
    letter()
        .code(2)
        .stderr(predicate::str::contains("letters from the OOCD unit need its profile filled in first"))
        .stderr(predicate::str::contains("casedesk settings set --service oocd --field FIELD --value TEXT"));
    assert!(!out.exists(), "no letter written");
    fill_oocd_profile(&db);
    letter().success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# Northshire Diversion Unit\n"), "{text}");
    assert!(text.contains("Morgan Tallis"), "{text}");
}

/// `casedesk … ARGS` as the account `jo`, with no other name in the environment.
fn as_jo(db: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    common::cli::casedesk()
        .env("USER", "jo")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .assert()
}

/// Issue 16: who made a change was the bare account ("unknown" where the
/// system gives none); a person's name and role, once given, are recorded
/// instead, kept by account in the desk and shown by `settings`.
#[test]
fn your_name_and_role_are_recorded_as_who_made_each_change() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    let shown = stdout_of(&as_jo(&db, &["settings"]).success());
    assert!(shown.contains("You (jo): no name given; changes are recorded as jo\n"), "{shown}");
    as_jo(&db, &["settings", "me", "--name", " Jo Bloggs ", "--role", "RJ coordinator"])
        .success()
        .stdout("Changes you make are now recorded as Jo Bloggs (RJ coordinator).\n");
    let shown = stdout_of(&as_jo(&db, &["settings"]).success());
    assert!(shown.contains("You (jo): Jo Bloggs, RJ coordinator\n"), "{shown}");
    as_jo(&db, &["settings", "set", "--service", "rj", "--field", "hours", "--value", "Weekdays 9 to 5"]).success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let who: String = conn
        .query_row("SELECT user FROM audit_log WHERE entity = 'service_profile' ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(who, "Jo Bloggs (RJ coordinator)");
    let set_by: String = conn
        .query_row("SELECT user FROM audit_log WHERE entity = 'desk_user' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(set_by, "jo", "setting the name is itself audited, as the account that set it");
    as_jo(&db, &["settings", "me", "--name", "Jo Bloggs", "--role", " "])
        .code(2)
        .stderr(predicate::str::contains("give both your name and your role"));
}

/// A 1 by 1 pixel PNG, as an image program saves it.
const DOT_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0x60, 0xF8, 0x5F, 0x0F, 0x00, 0x02, 0x87, 0x01, 0x80, 0xEB, 0x47, 0xBA,
    0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// One part of a .docx, as bytes.
fn docx_part(path: &std::path::Path, part: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("a .docx is a zip");
    let mut entry = zip.by_name(part).unwrap_or_else(|_| panic!("{part} is in the .docx"));
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).unwrap();
    bytes
}

/// Issue 15 §1: a service's logo, kept in the desk, heads its Word letters.
#[test]
fn a_services_logo_is_kept_audited_and_heads_its_word_letters() {
    let (dir, db, reference) = desk_in_file(|store| {
        store
            .write(|tx| {
                let mut case = NewCase::new(Service::Oocd, Source::Police, common::today());
                case.referrer_name = Some("PC Ada Fixture".into());
                Ok(tx.create_case(&case)?.reference)
            })
            .unwrap()
    });
    fill_oocd_profile(&db);
    let png = dir.path().join("crest.png");
    std::fs::write(&png, DOT_PNG).unwrap();
    run(&db, &["settings", "logo", "--service", "oocd", png.to_str().unwrap()]).success();
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.contains("  Logo               PNG image, 1 by 1 pixels, 1 KB\n"), "{shown}");
    assert!(shown.contains("  Logo               (none)\n"), "the RJ service has none: {shown}");
    assert_eq!(profile_audit_rows(&db).len(), 8, "the logo is a change like any other");

    let out = dir.path().join("ack.docx");
    casedesk()
        .env("CASEDESK_CONFIG_DIR", dir.path())
        .args(["--db", db.to_str().unwrap(), "--today", TODAY, "letter", "--case", &reference])
        .args(["--template", "acknowledgement", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(docx_part(&out, "word/media/logo1.png"), DOT_PNG, "the image as set");
    let rels = String::from_utf8(docx_part(&out, "word/_rels/document.xml.rels")).unwrap();
    assert!(rels.contains(r#"Id="rIdLogo1""#) && rels.contains(r#"Target="media/logo1.png""#), "{rels}");
    let types = String::from_utf8(docx_part(&out, "[Content_Types].xml")).unwrap();
    assert!(types.contains(r#"<Default Extension="png" ContentType="image/png"/>"#), "{types}");
    let document = String::from_utf8(docx_part(&out, "word/document.xml")).unwrap();
    let body = document.split("<w:body>").nth(1).unwrap();
    assert!(body.starts_with("<w:p><w:pPr><w:jc w:val=\"right\"/>"), "the logo comes first: {body}");
    assert!(body.contains(r#"<a:blip r:embed="rIdLogo1"/>"#), "{body}");
    roxmltree::Document::parse(&document).expect("document.xml is well-formed");
}

#[test]
fn a_logo_that_is_no_image_or_too_large_is_refused_in_a_sentence() {
    let (dir, db, ()) = desk_in_file(|_| ());
    let text = dir.path().join("logo.png");
    std::fs::write(&text, "not a picture").unwrap();
    run(&db, &["settings", "logo", "--service", "rj", text.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("the logo is not a PNG or JPEG image: save it as .png or .jpg"));
    let mut big = DOT_PNG.to_vec();
    big.resize(300 * 1024, 0);
    std::fs::write(&text, big).unwrap();
    run(&db, &["settings", "logo", "--service", "rj", text.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("more than the 256 KB a logo may be: save a smaller copy"));
    run(&db, &["settings", "logo", "--service", "rj", "/nowhere/logo.png"])
        .code(2)
        .stderr(predicate::str::contains("could not read the logo /nowhere/logo.png"));
    assert!(profile_audit_rows(&db).is_empty());
}

#[test]
fn the_date_style_is_set_by_its_example_audited_and_a_wrong_one_exits_2() {
    let (_dir, db, ()) = desk_in_file(|_| ());
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.contains("Dates are shown as Fri 20 Nov 2026.\n"), "{shown}");
    run(&db, &["settings", "--date-style", "20/11/2026"])
        .success()
        .stdout("Dates are now shown as 20/11/2026 (csv and json files still write 2026-11-20).\n");
    let shown = stdout_of(&run(&db, &["settings"]).success());
    assert!(shown.contains("Dates are shown as 20/11/2026.\n"), "{shown}");
    run(&db, &["settings", "--date-style", "11/20/2026"])
        .code(2)
        .stderr(predicate::str::contains("is not a date style: use one of \"Fri 20 Nov 2026\", \"20 Nov 2026\""));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let audited: i64 =
        conn.query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'desk_setting'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1, "one audit row for the one change");
}
