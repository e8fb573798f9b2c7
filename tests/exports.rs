//! What leaves the desk, opened with an independent reader and checked by
//! value: the summary as html (tl) and xlsx (calamine), the summary with
//! names and its disclosure row, the anonymised sample (csv crate and
//! calamine), and the calendar file (line by line, per RFC 5545).

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, Xlsx};
use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus, Service, Source};
use casedesk::store::model::{NewBreach, NewCase, NewCondition, NewDisposal, NewPerson, NewProcess, PartyLink};
use casedesk::store::{OpenMode, Store};
use chrono::{Duration, NaiveDate};
use common::cli::{run, stdout_of, TODAY};
use common::desk_in_file;
use predicates::prelude::*;
use tempfile::TempDir;

/// Typed into a breach's "referred to" field: a formula and a script at once.
/// Typed into a breach's "referred to": every word carries a number, so the
/// summary keeps it as an officer's collar number would be kept, and it
/// must come out escaped, never live.
const INJECTED: &str = "=HYPERLINK(\"http://evil.example/1\") <script>alert('1')</script>";
const HARMED_FAMILY: &str = "Quackenbush-Oyelaran";
const RESPONSIBLE_FAMILY: &str = "Xylophone-Smythe";
const PHONE: &str = "07700 900999";
const EMAIL: &str = "zebedee.q@example.org";
const NOTE: &str = "Private note: the harmed party lives above the corner shop";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

/// A file database with 200 demo cases plus one case received today whose
/// breach was referred to a formula-and-script text, with named parties.
struct Desk {
    dir: TempDir,
    db: PathBuf,
    injected_ref: String,
}

fn desk() -> Desk {
    let (dir, db, injected_ref) = desk_in_file(|store| {
        generate(store, &DemoOptions { cases: 200, seed: 7, today: today() }).unwrap();
        inject_case(store)
    });
    Desk { dir, db, injected_ref }
}

fn inject_case(store: &mut Store) -> String {
    let rules = store.rules().unwrap();
    let day = today();
    store
        .write(|tx| {
            let mut case = NewCase::new(Service::Oocd, Source::Police, day);
            case.offence_desc = Some("Took a bicycle from the shed behind the Lamb and Flag".into());
            case.offence_mode = Some(OffenceMode::SummaryOnly);
            case.notes = Some(NOTE.into());
            let key = tx.create_case(&case)?;
            let mut harmed = NewPerson::named("Zebedee", HARMED_FAMILY);
            harmed.phone = Some(PHONE.into());
            harmed.email = Some(EMAIL.into());
            tx.add_party(
                key.id,
                &harmed,
                PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim },
            )?;
            let responsible = NewPerson::named("Yolanda", RESPONSIBLE_FAMILY);
            tx.add_party(
                key.id,
                &responsible,
                PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect },
            )?;
            let mut disposal = NewDisposal::new(DisposalType::AdultConditionalCaution);
            disposal.issued_on = Some(day - Duration::days(10));
            disposal.completion_due = Some(day + Duration::days(60));
            disposal.admission_recorded_on = Some(day - Duration::days(12));
            disposal.consent_recorded_on = Some(day - Duration::days(12));
            disposal.signed_document_ref = Some("CC-DOC-1".into());
            disposal.victim_views_sought_on = Some(day - Duration::days(13));
            disposal.victim_views = Some("Supports a caution".into());
            disposal.authorised_by = Some("Insp. Example".into());
            tx.set_disposal(key.id, &disposal)?;
            let condition = NewCondition::new(
                ConditionKind::RehabCourse,
                ConditionObject::Rehabilitation,
                "Attend the thinking skills course",
                day + Duration::days(20),
            );
            let (condition_id, _) = tx.add_condition(key.id, &condition, &rules)?;
            // Conditions are agreed before the caution is issued.
            tx.change_status_path(key.id, &["issued", "active"], day)?;
            let breach = NewBreach {
                case_id: key.id,
                condition_id: Some(condition_id),
                identified_on: day,
                description: "Did not attend the first session".into(),
                reasonable_excuse_claimed: false,
                referred_to: Some(INJECTED.into()),
                referred_on: Some(day),
            };
            tx.record_breach(&breach, day)?;
            Ok(key.reference)
        })
        .unwrap()
}

fn sql_strings(db: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0)).unwrap();
    rows.filter_map(Result::unwrap).collect()
}

fn audit_count(db: &Path, op: &str, entity: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM audit_log WHERE op = ?1 AND entity = ?2", [op, entity], |r| r.get(0)).unwrap()
}

/// Every cell of every sheet as text, for "is this anywhere in the workbook".
fn workbook_text(book: &mut Xlsx<Cursor<Vec<u8>>>) -> String {
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\t');
            }
            out.push('\n');
        }
    }
    out
}

fn open_xlsx(path: &Path) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).expect("calamine opens the workbook")
}

// ====================================================================== summary: html

/// tl leaves character references as written; these are the ones we emit.
fn decode(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

#[test]
fn summary_html_is_the_one_page_and_escapes_injected_text() {
    let d = desk();
    // The page's own lines are cut, so the markup goes where it always shows.
    run(&d.db, &["settings", "me", "--name", "<script>alert('1')</script>", "--role", "RJ coordinator"]).success();
    let html = stdout_of(&run(&d.db, &["summary", "--date", TODAY, "--format", "html"]).success());
    let dom = tl::parse(&html, tl::ParserOptions::default()).expect("tl parses the page");
    let parser = dom.parser();
    let headings: Vec<String> =
        dom.query_selector("h2").unwrap().map(|h| decode(&h.get(parser).unwrap().inner_text(parser))).collect();
    assert_eq!(headings, ["What happened today", "What needs attention"]);
    assert!(dom.query_selector("h1").unwrap().count() == 1);
    assert_eq!(dom.query_selector("section").unwrap().count(), headings.len(), "one section per heading");
    // The case received today is beneath its line.
    let refs: Vec<String> =
        dom.query_selector("span.refs").unwrap().map(|c| decode(&c.get(parser).unwrap().inner_text(parser))).collect();
    assert!(refs.iter().any(|c| c.contains(&d.injected_ref)), "{} missing from {refs:?}", d.injected_ref);
    let paragraphs: Vec<String> =
        dom.query_selector("p").unwrap().map(|c| decode(&c.get(parser).unwrap().inner_text(parser))).collect();
    assert!(paragraphs.iter().any(|p| p.contains("<script>alert('1')</script>")), "decoded: {paragraphs:?}");
    // The script typed into a field is text, not an element.
    assert_eq!(dom.query_selector("script").unwrap().count(), 0, "a script element got through");
    assert!(html.contains("&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt;"), "injected text not escaped");
    assert!(!html.contains("<script"));
    // It prints on A4, and the audit head is at its foot.
    assert!(html.contains("@page{size:A4"), "no print rule for A4");
    let foot = html.split("<footer>").nth(1).expect("a footer");
    assert!(foot.contains("Audit head:"), "{foot}");
}

// ====================================================================== summary: xlsx

#[test]
fn summary_xlsx_has_a_sheet_per_section_dates_as_dates_and_no_formulas() {
    let d = desk();
    let out = d.dir.path().join("eod.xlsx");
    run(&d.db, &["summary", "--date", TODAY, "--format", "xlsx", "-o", out.to_str().unwrap()]).success();
    let mut book = open_xlsx(&out);
    let names = book.sheet_names();
    for expected in ["Summary", "Referrals received", "Breaches awaiting decision", "Overdue", "Tomorrow"] {
        assert!(names.iter().any(|n| n == expected), "no sheet {expected} in {names:?}");
    }
    assert!(book.sheets_metadata().iter().all(|s| s.visible == SheetVisible::Visible), "a hidden sheet");
    // No sheet of a header row alone: every list sheet has rows.
    for name in names.iter().skip(1) {
        let rows = book.worksheet_range(name).unwrap().rows().count();
        assert!(rows > 1, "sheet {name} holds its header alone");
    }

    let overdue = book.worksheet_range("Overdue").unwrap();
    let header: Vec<String> = overdue.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Reference", "Item", "Date", "Working days over"]);
    let first = overdue.rows().nth(1).expect("the demo has overdue items");
    assert!(matches!(first[2], Data::DateTime(_)), "the due date is not an Excel date: {:?}", first[2]);
    assert!(matches!(first[3], Data::Float(_) | Data::Int(_)), "working days are not a number: {:?}", first[3]);

    // The header sheet's date is 20 November 2026 as an Excel date.
    let about = book.worksheet_range("Summary").unwrap();
    let date = about.rows().find(|r| r[0] == "Date").expect("a Date row")[1].clone();
    let Data::DateTime(date) = date else { panic!("the date is not an Excel date: {date:?}") };
    let (year, month, day, ..) = date.to_ymd_hms_milli();
    assert_eq!((year, month, day), (2026, 11, 20));

    // The formula typed into "referred to" comes out as inert text.
    let awaiting = book.worksheet_range("Breaches awaiting decision").unwrap();
    let column = awaiting.rows().next().unwrap().iter().position(|c| *c == "Referred to").unwrap();
    let cell = awaiting
        .rows()
        .find(|r| r[0].to_string() == d.injected_ref)
        .expect("the injected breach is awaiting a decision")[column]
        .to_string();
    assert_eq!(cell, format!("'{INJECTED}"));
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "a formula on sheet {name}");
    }
}

#[test]
fn summary_xlsx_is_refused_without_an_output_file() {
    let d = desk();
    run(&d.db, &["summary", "--format", "xlsx"]).code(2).stderr(predicate::str::contains("xlsx needs -o FILE"));
    assert_eq!(audit_count(&d.db, "export", "summary"), 0, "a refused export was logged");
}

#[test]
fn summary_xlsx_properties_carry_only_the_title() {
    let d = desk();
    let out = d.dir.path().join("eod.xlsx");
    run(&d.db, &["summary", "--date", TODAY, "--format", "xlsx", "-o", out.to_str().unwrap()]).success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    let doc = roxmltree::Document::parse(&core).unwrap();
    let text_of = |name: &str| {
        doc.descendants().find(|n| n.tag_name().name() == name).and_then(|n| n.text()).unwrap_or("").to_string()
    };
    assert_eq!(text_of("title"), "casedesk end-of-day summary");
    for personal in ["creator", "lastModifiedBy", "description", "keywords", "subject"] {
        assert_eq!(text_of(personal), "", "{personal} is set");
    }
}

// ====================================================================== summary: no names, with names

#[test]
fn no_format_names_anyone_without_with_names() {
    let d = desk();
    let mut families = sql_strings(&d.db, "SELECT DISTINCT family_name FROM person");
    assert!(families.contains(&HARMED_FAMILY.to_string()));
    families.retain(|f| f.len() >= 4);
    let mut outputs = Vec::new();
    for format in ["md", "csv", "json", "html"] {
        outputs.push((format, stdout_of(&run(&d.db, &["summary", "--date", TODAY, "--format", format]).success())));
    }
    let xlsx = d.dir.path().join("eod.xlsx");
    run(&d.db, &["summary", "--date", TODAY, "--format", "xlsx", "-o", xlsx.to_str().unwrap()]).success();
    outputs.push(("xlsx", workbook_text(&mut open_xlsx(&xlsx))));
    for (format, text) in &outputs {
        assert!(text.contains(&d.injected_ref), "{format} lacks the case received today");
        for family in &families {
            assert!(!text.contains(family.as_str()), "the {format} summary names {family}");
        }
    }
}

#[test]
fn with_names_includes_the_parties_and_logs_one_disclosure() {
    let d = desk();
    let (exports, disclosures) = (audit_count(&d.db, "export", "summary"), audit_count(&d.db, "disclose", "summary"));
    let out = d.dir.path().join("named.html");
    run(
        &d.db,
        &[
            "summary",
            "--date",
            TODAY,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
            "--with-names",
            "--recipient",
            "Area OOCD manager",
            "--justification",
            "daily casework review",
        ],
    )
    .success();
    let html = std::fs::read_to_string(&out).unwrap();
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let row = dom
        .query_selector("li")
        .unwrap()
        .map(|r| decode(&r.get(parser).unwrap().inner_text(parser)))
        .find(|t| t.contains(&d.injected_ref))
        .expect("a row for the injected case");
    assert!(row.contains(&format!("harmed: Zebedee {HARMED_FAMILY}")), "{row}");
    assert!(row.contains(&format!("responsible: Yolanda {RESPONSIBLE_FAMILY}")), "{row}");
    assert!(!html.contains(PHONE) && !html.contains(EMAIL), "names only, not contact details");

    assert_eq!(audit_count(&d.db, "disclose", "summary"), disclosures + 1, "one disclosure row");
    assert_eq!(audit_count(&d.db, "export", "summary"), exports, "no export row beside it");
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let (entity_id, recipient, justification): (String, String, String) = conn
        .query_row(
            "SELECT entity_id, recipient, justification FROM audit_log
             WHERE op = 'disclose' AND entity = 'summary' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((entity_id.as_str(), recipient.as_str()), (TODAY, "Area OOCD manager"));
    assert_eq!(justification, "daily casework review");
}

#[test]
fn with_names_in_xlsx_puts_the_names_in_their_own_column() {
    let d = desk();
    let out = d.dir.path().join("named.xlsx");
    let args = ["--with-names", "--recipient", "Manager", "--justification", "review"];
    run(&d.db, &[&["summary", "--date", TODAY, "--format", "xlsx", "-o", out.to_str().unwrap()][..], &args].concat())
        .success();
    let mut book = open_xlsx(&out);
    let referrals = book.worksheet_range("Referrals received").unwrap();
    let header: Vec<String> = referrals.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Reference", "Names", "Service", "Source"]);
    let row = referrals.rows().find(|r| r[0].to_string() == d.injected_ref).expect("the injected case");
    assert!(row[1].to_string().contains(HARMED_FAMILY), "{:?}", row[1]);
}

// ====================================================================== sample

fn sample(db: &Path, out: &Path, n: &str, seed: &str) -> assert_cmd::assert::Assert {
    run(db, &["sample", "--n", n, "--from", "2026-01-01", "--to", TODAY, "--seed", seed, "-o", out.to_str().unwrap()])
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

#[test]
fn sample_is_deterministic_for_a_seed_and_has_n_rows() {
    let d = desk();
    let (a, b, c) = (d.dir.path().join("a.csv"), d.dir.path().join("b.csv"), d.dir.path().join("c.csv"));
    sample(&d.db, &a, "10", "5").success();
    sample(&d.db, &b, "10", "5").success();
    sample(&d.db, &c, "10", "6").success();
    let (header, rows) = csv_rows(&a);
    assert_eq!(header[0], "Sample");
    assert_eq!(rows.len(), 10);
    let numbers: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10"]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same seed, same sample");
    assert_ne!(std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap(), "another seed, another sample");
    // Months, not days.
    let received = header.iter().position(|h| h == "Received (month)").unwrap();
    assert!(rows.iter().all(|r| r[received].len() == 7), "{:?}", rows[0]);
}

#[test]
fn sample_holds_no_names_contacts_or_free_text() {
    let d = desk();
    let out = d.dir.path().join("panel.xlsx");
    sample(&d.db, &out, "500", "1").success().stderr(predicate::str::contains("the sample holds all of them"));
    let text = workbook_text(&mut open_xlsx(&out));
    let closed = sql_strings(&d.db, "SELECT ref FROM case_file WHERE status = 'closed' AND closed_on >= '2026-01-01'");
    assert!(!closed.is_empty());
    let sheet_rows = open_xlsx(&out).worksheet_range("Sample").unwrap().rows().count();
    assert_eq!(sheet_rows, closed.len() + 1, "every closed case of the period, and the header");
    let mut forbidden = sql_strings(&d.db, "SELECT family_name FROM person");
    forbidden.extend(sql_strings(&d.db, "SELECT given_names || ' ' || family_name FROM person"));
    forbidden.extend(sql_strings(&d.db, "SELECT phone FROM person"));
    forbidden.extend(sql_strings(&d.db, "SELECT email FROM person"));
    forbidden.extend(sql_strings(&d.db, "SELECT address FROM person"));
    forbidden.extend(closed.iter().cloned());
    for column in ["notes", "offence_desc", "harm_summary", "referrer_name", "crime_ref"] {
        forbidden.extend(sql_strings(&d.db, &format!("SELECT {column} FROM case_file")));
    }
    forbidden.extend(sql_strings(&d.db, "SELECT summary FROM contact_log"));
    forbidden.extend(sql_strings(&d.db, "SELECT description FROM condition"));
    forbidden.extend(sql_strings(&d.db, "SELECT note FROM checklist_answer"));
    forbidden.extend(sql_strings(&d.db, "SELECT rationale FROM decision"));
    forbidden.extend(sql_strings(&d.db, "SELECT venue FROM rj_process"));
    forbidden.retain(|f| f.trim().len() >= 4);
    assert!(forbidden.len() > 500, "the check has material: {}", forbidden.len());
    for f in &forbidden {
        assert!(!text.contains(f.as_str()), "the sample contains {f:?}");
    }
    // Dates are Excel dates, so a panel can sort and group them.
    let cases = open_xlsx(&out).worksheet_range("Sample").unwrap();
    let closed_col = cases.rows().next().unwrap().iter().position(|c| *c == "Closed (month)").unwrap();
    assert!(matches!(cases.rows().nth(1).unwrap()[closed_col], Data::DateTime(_)));
}

#[test]
fn sample_is_logged_as_an_export_to_the_panel() {
    let d = desk();
    let out = d.dir.path().join("panel.csv");
    sample(&d.db, &out, "3", "2").success();
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let (recipient, justification): (String, String) = conn
        .query_row(
            "SELECT recipient, justification FROM audit_log WHERE op = 'export' AND entity = 'sample'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(recipient, "scrutiny panel sample");
    assert!(justification.contains(out.to_str().unwrap()), "{justification}");
}

#[test]
fn sample_refuses_another_extension_and_writes_nothing() {
    let d = desk();
    let out = d.dir.path().join("panel.txt");
    sample(&d.db, &out, "3", "2").code(2).stderr(predicate::str::contains(".xlsx or .csv"));
    assert!(!out.exists());
    assert_eq!(audit_count(&d.db, "export", "sample"), 0);
}

// ====================================================================== calendar

const VENUE: &str = "Northgate Hall, Room 2; side door \\ ramp\nSecond floor";

/// An RJ case with one confirmed conference, a venue full of characters
/// RFC 5545 escapes, and facilitators long enough to fold.
fn case_with_conference(store: &mut Store) -> (String, i64) {
    let day = today();
    store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day))?;
            let process = NewProcess {
                kind: ProcessKind::FaceToFaceConference,
                scheduled_for: Some((day + Duration::days(4)).and_hms_opt(14, 30, 0).unwrap()),
                venue: Some(VENUE.into()),
                room_booked: true,
                refreshments: Some("tea, coffee and biscuits".into()),
                facilitators: "Magdalena Kowalczyk-Henderson (lead); Kwame Boateng (volunteer facilitator)".into(),
                participants: "harmed party; responsible party".into(),
                status: ProcessStatus::Confirmed,
            };
            let id = tx.add_process(key.id, &process)?;
            Ok((key.reference, id))
        })
        .unwrap()
}

/// The conference booked in the diary: 90 minutes in a room of the
/// directory, with three of its facilitators, two of them with an email.
fn book_in_diary(store: &mut Store, process_id: i64) {
    use casedesk::domain::directory::DirectoryKind;
    use casedesk::store::views::diary::Booking;
    use casedesk::store::{NewDirectoryEntry, NewRoom};
    store
        .write(|tx| {
            let entry = |name: &str, email: Option<&str>| NewDirectoryEntry {
                name: name.into(),
                email: email.map(str::to_string),
                ..Default::default()
            };
            let venue = tx.add_to_directory(DirectoryKind::Venue, &entry("Quayside Centre", None))?;
            let room = tx.add_room(venue, &NewRoom { name: "Garden Room".into(), ..Default::default() })?;
            let mut facilitator_ids = Vec::new();
            for (name, email) in
                [("Ada Okafor", Some("ada@example.org")), ("Ben Hale", Some("ben@example.org")), ("Cy Marsh", None)]
            {
                facilitator_ids.push(tx.add_to_directory(DirectoryKind::Facilitator, &entry(name, email))?);
            }
            tx.book_process(process_id, &Booking { minutes: 90, room_id: Some(room), facilitator_ids })
        })
        .unwrap();
}

#[test]
fn ics_invites_every_facilitator_with_an_email_to_the_one_event_in_its_room_for_its_length() {
    let d = desk();
    let mut store = Store::open(&d.db, OpenMode::MustExist).unwrap();
    let (reference, process_id) = case_with_conference(&mut store);
    book_in_diary(&mut store, process_id);
    drop(store);
    let out = d.dir.path().join("conference.ics");
    run(&d.db, &["ics", "--case", &reference, "-o", out.to_str().unwrap()]).success();
    let unfolded = std::fs::read_to_string(&out).unwrap().replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 1, "one event for the one meeting");
    let attendees: Vec<&&str> = lines.iter().filter(|l| l.starts_with("ATTENDEE")).collect();
    assert_eq!(
        attendees,
        [
            &"ATTENDEE;CN=\"Ada Okafor\";ROLE=REQ-PARTICIPANT:mailto:ada@example.org",
            &"ATTENDEE;CN=\"Ben Hale\";ROLE=REQ-PARTICIPANT:mailto:ben@example.org"
        ]
    );
    assert!(lines.contains(&"DURATION:PT1H30M"), "{unfolded}");
    assert!(lines.contains(&"LOCATION:Quayside Centre — Garden Room"), "{unfolded}");
}

#[test]
fn ics_is_crlf_folded_escaped_and_names_no_one() {
    let d = desk();
    let mut store = Store::open(&d.db, OpenMode::MustExist).unwrap();
    let (reference, process_id) = case_with_conference(&mut store);
    drop(store);
    let out = d.dir.path().join("conference.ics");
    run(&d.db, &["ics", "--case", &reference, "-o", out.to_str().unwrap()]).success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
    }
    assert!(text.contains("\r\n "), "the long description is folded");
    // Unfold (RFC 5545 §3.1) and read the properties.
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 1);
    let prop = |name: &str| {
        lines.iter().find_map(|l| l.strip_prefix(&format!("{name}:"))).unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(prop("UID"), format!("process-{process_id}@casedesk"));
    assert_eq!(prop("DTSTART"), "20261124T143000");
    assert_eq!(prop("DURATION"), "PT2H");
    assert_eq!(prop("SUMMARY"), format!("Face-to-face conference — {reference}"));
    assert_eq!(prop("LOCATION"), "Northgate Hall\\, Room 2\\; side door \\\\ ramp\\nSecond floor");
    let description = prop("DESCRIPTION");
    assert!(description.starts_with("Room booked: yes\\nRefreshments: tea\\, coffee and biscuits\\n"), "{description}");
    assert!(prop("DTSTAMP").ends_with('Z'));
    assert!(!unfolded.contains("harmed party"), "participants stay out of the calendar");
    // The library call gives the same event.
    let store = Store::open(&d.db, OpenMode::MustExist).unwrap();
    let again = casedesk::export::ics::ics_for_process(&store, process_id).unwrap();
    assert!(again.contains(&format!("UID:process-{process_id}@casedesk\r\n")));
}

#[test]
fn ics_without_a_planned_process_says_so_and_writes_nothing() {
    let d = desk();
    let out = d.dir.path().join("none.ics");
    run(&d.db, &["ics", "--case", &d.injected_ref, "-o", out.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("has no planned or confirmed conference or meeting"));
    run(&d.db, &["ics", "--case", "RJ-2026-9999", "-o", out.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("there is no case RJ-2026-9999"));
    assert!(!out.exists());
}

/// The manager reads the summary: services, sources, decisions, breach
/// decisions, completed conditions and the counts by status are in words,
/// never the codes stored for them (it printed `restorative_justice`,
/// `vary_conditions`, "variation agreed", "#1 reparation repair damage").
#[test]
fn the_summary_speaks_in_labels_not_stored_codes() {
    let d = desk();
    let out = run(&d.db, &["summary"]).success();
    let text = stdout_of(&out);
    // Markdown escapes an underscore as `\_`: none should be left to escape.
    let coded: Vec<&str> = text.lines().filter(|l| l.contains("\\_") && !l.starts_with("Audit head")).collect();
    assert!(coded.is_empty(), "stored codes in the summary: {coded:#?}");
    assert!(text.contains("Restorative justice from") || text.contains("Mediation from"), "{text}");
    assert!(!text.contains("Working days over"), "{text}");
}
