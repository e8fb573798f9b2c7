//! Hygiene of what is shown and written: hostile text (terminal escape
//! sequences, spreadsheet formula prefixes, markup, fields at their length
//! limit) stored through the store is inert on every screen and in every
//! export; over-long text is refused with a sentence and changes nothing;
//! wide characters keep lines within the terminal; the database files are
//! owner-only on Unix.

mod common;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::checklist::{Answer, ChecklistSection, Decision, RiskLevel, ITEMS};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{
    AgreementItemKind, ContactChannel, PartyRole, ProcessKind, ProcessStatus, Service, Source,
};
use casedesk::store::limits::TextKind::{self, Long, Name, Reference, Short};
use casedesk::store::model::{
    ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition, NewContact, NewDecision,
    NewDisposal, NewPerson, NewProcess, NewProvider, PartyLink,
};
use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::screens::{Effect, ScreenId};
use casedesk::tui::theme::MONOCHROME;
use chrono::{Duration, NaiveDate};
use common::cli::{casedesk, TODAY};
use common::today;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// Clear the screen, then set the window title: what a hostile name would do.
const ESCAPES: &str = "\x1b[2J\x1b]0;pwned\x07";
/// Each hostile field starts with one of these, so a spreadsheet would run it.
const FORMULAS: [&str; 4] = ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"];
/// Markup that must come out escaped in html and docx.
const MARKUP: &str = "<i>pwned</i>";

/// Hands out hostile text, each piece starting with the next formula prefix
/// and padded to exactly the limit of its kind.
struct Hostile(usize);

impl Hostile {
    fn text(&mut self, kind: TextKind) -> String {
        self.0 += 1;
        let head = format!("{}{ESCAPES}{MARKUP} ", FORMULAS[self.0 % FORMULAS.len()]);
        let pad = kind.limit().saturating_sub(head.chars().count());
        let text: String = format!("{head}{}", "x".repeat(pad)).chars().take(kind.limit()).collect();
        assert_eq!(text.chars().count(), kind.limit());
        text
    }

    fn some(&mut self, kind: TextKind) -> Option<String> {
        Some(self.text(kind))
    }

    fn person(&mut self) -> NewPerson {
        let mut p = NewPerson::named(&self.text(Name), &self.text(Name));
        p.phone = self.some(Short);
        p.email = self.some(Short);
        p.address = self.some(Short);
        p.contact_pref = self.some(Short);
        p.interpreter_language = self.some(Short);
        p
    }

    fn case(&mut self, service: Service, received_on: NaiveDate) -> NewCase {
        let mut c = NewCase::new(service, Source::Police, received_on);
        c.referrer_name = self.some(Name);
        c.referrer_contact = self.some(Short);
        c.crime_ref = self.some(Reference);
        c.offence_desc = self.some(Long);
        c.offence_date = Some(received_on - Duration::days(3));
        c.offence_mode = Some(OffenceMode::SummaryOnly);
        c.harm_summary = self.some(Long);
        c.notes = self.some(Long);
        c
    }
}

/// The references of the three hostile cases.
struct Refs {
    oocd: (i64, String),
    closed: (i64, String),
    agreement: (i64, String),
}

fn link(role: PartyRole) -> PartyLink {
    PartyLink { role, category: role.default_category() }
}

/// Write the hostile cases through the store: an active conditional caution
/// with a breach, a closed RJ referral with its checklist and decision, and
/// an RJ referral with a conference and an outcome agreement.
fn hostile_desk(store: &mut Store) -> Refs {
    let rules = store.rules().unwrap();
    let day = today();
    let mut h = Hostile(0);
    let oocd = store
        .write(|tx| {
            let provider = NewProvider {
                name: h.text(Name),
                kind: "course".into(),
                email: h.some(Short),
                phone: h.some(Short),
                sla_ack_working_days: 2,
            };
            let provider_id = tx.add_provider(&provider)?;
            let key = tx.create_case(&h.case(Service::Oocd, day))?;
            let offender = tx.add_party(key.id, &h.person(), link(PartyRole::Offender))?;
            tx.add_party(key.id, &h.person(), link(PartyRole::Harmed))?;
            let mut d = NewDisposal::new(DisposalType::AdultConditionalCaution);
            d.gravity_matrix = h.some(Short);
            d.decision_rationale = h.some(Long);
            d.admission_recorded_on = Some(day - Duration::days(12));
            d.consent_recorded_on = Some(day - Duration::days(12));
            d.signed_document_ref = h.some(Reference);
            d.victim_views_sought_on = Some(day - Duration::days(13));
            d.victim_views = h.some(Long);
            d.authorised_by = h.some(Name);
            d.cps_decision_ref = h.some(Reference);
            d.issued_on = Some(day - Duration::days(10));
            d.completion_due = Some(day + Duration::days(60));
            d.completion_due_rule = h.some(Short);
            d.oic_name = h.some(Name);
            d.oic_contact = h.some(Short);
            tx.set_disposal(key.id, &d)?;
            tx.change_status_path(key.id, &["issued", "active"], day - Duration::days(10))?;
            let condition = |h: &mut Hostile, due: i64| {
                let due_on = day + Duration::days(due);
                let mut c = NewCondition::new(
                    ConditionKind::RehabCourse,
                    ConditionObject::Rehabilitation,
                    &h.text(Long),
                    due_on,
                );
                c.provider_id = Some(provider_id);
                c.due_rule = h.some(Short);
                c
            };
            let first = condition(&mut h, 0);
            let second = condition(&mut h, 20);
            tx.add_condition(key.id, &first, &rules)?;
            let (breached, _) = tx.add_condition(key.id, &second, &rules)?;
            tx.add_compliance_event(
                breached,
                day,
                casedesk::domain::types::ComplianceEventType::ProviderReport,
                &h.text(Long),
            )?;
            let breach = NewBreach {
                case_id: key.id,
                condition_id: Some(breached),
                identified_on: day,
                description: h.text(Long),
                reasonable_excuse_claimed: true,
                referred_to: h.some(Short),
                referred_on: Some(day),
            };
            tx.record_breach(&breach, day)?;
            let contact = NewContact {
                case_id: key.id,
                person_id: Some(offender),
                occurred_on: day - Duration::days(1),
                channel: ContactChannel::Phone,
                outgoing: true,
                summary: h.text(Long),
                outcome: h.some(Long),
                follow_up_on: Some(day),
            };
            tx.log_contact(&contact)?;
            Ok((key.id, key.reference))
        })
        .expect("the hostile OOCD case is stored");
    let closed = store
        .write(|tx| {
            let key = tx.create_case(&h.case(Service::RestorativeJustice, day - Duration::days(30)))?;
            tx.add_party(key.id, &h.person(), link(PartyRole::Harmed))?;
            tx.add_party(key.id, &h.person(), link(PartyRole::Offender))?;
            for item in ITEMS {
                let answer = if item.section == ChecklistSection::Risk { Answer::No } else { Answer::Yes };
                let entry = ChecklistEntry { item_code: item.code.into(), answer, severity: None, note: h.text(Long) };
                tx.answer_checklist(key.id, &entry, day - Duration::days(20))?;
            }
            tx.change_status_path(key.id, &["sense_check", "risk_assessment"], day - Duration::days(20))?;
            let decision = NewDecision {
                decided_on: day - Duration::days(10),
                decision: Decision::NotSuitable,
                risk_level: RiskLevel::Low,
                rationale: h.text(Long),
                manager_signoff_by: h.some(Name),
                manager_signoff_on: Some(day - Duration::days(10)),
            };
            tx.record_decision(key.id, &decision)?;
            tx.close_case(key.id, day - Duration::days(5), &h.text(Short), &rules)?;
            Ok((key.id, key.reference))
        })
        .expect("the hostile closed case is stored");
    let agreement = store
        .write(|tx| {
            let coordinator = tx.add_coordinator(&h.text(Name), &h.text(Name), "advanced")?;
            let key = tx.create_case(&h.case(Service::RestorativeJustice, day - Duration::days(20)))?;
            let harmed = tx.add_party(key.id, &h.person(), link(PartyRole::Harmed))?;
            tx.add_party(key.id, &h.person(), link(PartyRole::Offender))?;
            tx.assign_coordinator(key.id, coordinator, day - Duration::days(19))?;
            let process = NewProcess {
                kind: ProcessKind::FaceToFaceConference,
                scheduled_for: Some((day + Duration::days(3)).and_hms_opt(10, 0, 0).unwrap()),
                venue: h.some(Short),
                room_booked: true,
                refreshments: h.some(Short),
                facilitators: h.text(Short),
                participants: h.text(Short),
                status: ProcessStatus::Confirmed,
            };
            let process_id = tx.add_process(key.id, &process)?;
            let agreement = NewAgreement {
                process_id,
                agreed_on: day - Duration::days(1),
                signed_by_harmed: true,
                signed_by_responsible: true,
                copies_given: true,
                review_on: Some(day + Duration::days(30)),
            };
            let agreement_id = tx.add_agreement(&agreement)?;
            let item = NewAgreementItem {
                description: h.text(Long),
                kind: AgreementItemKind::Apology,
                owner: h.text(Name),
                responsible_person_id: Some(harmed),
                amount_pence: None,
                due_on: day + Duration::days(5),
                monitoring_method: h.some(Short),
            };
            tx.add_agreement_item(agreement_id, &item)?;
            tx.log_consult(key.id, &h.text(Long))?;
            Ok((key.id, key.reference))
        })
        .expect("the hostile agreement case is stored");
    Refs { oocd, closed, agreement }
}

// ---------------------------------------------------------------- what is live

/// A character that would drive a terminal or break a file: any control
/// character other than the line breaks and tabs that plain text uses.
fn live_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn assert_inert(what: &str, text: &str) {
    if let Some((at, c)) = live_char(text) {
        let start = text.floor_char_boundary_compat(at.saturating_sub(40));
        panic!("{what}: control character {c:?} at byte {at}, after {:?}", &text[start..at]);
    }
}

/// `str::floor_char_boundary` is not stable on our minimum Rust.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        while !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// A spreadsheet would run a cell starting with one of these (a plain
/// negative number is fine: it is a number, not a formula).
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@']) && cell.trim().parse::<f64>().is_err()
}

fn assert_csv_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("csv is UTF-8");
    assert_inert(what, &text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.expect("csv parses").iter() {
            cells += 1;
            assert!(!is_formula(cell), "{what}: a cell would run as a formula: {cell:?}");
        }
    }
    assert!(cells > 0, "{what}: no cells");
}

fn assert_xlsx_inert(what: &str, bytes: Vec<u8>) {
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{what}: calamine opens it: {e}"));
    let mut cells = 0;
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{what}/{sheet}: a cell holds a formula");
        for row in book.worksheet_range(&sheet).unwrap().rows() {
            for cell in row {
                if let Data::String(s) = cell {
                    cells += 1;
                    assert_inert(&format!("{what}/{sheet}"), s);
                    assert!(!is_formula(s), "{what}/{sheet}: a cell would run as a formula: {s:?}");
                }
            }
        }
    }
    assert!(cells > 0, "{what}: no text cells");
}

fn assert_markup_escaped(what: &str, text: &str) {
    assert!(!text.contains(MARKUP), "{what}: hostile markup is live:\n{}", excerpt(text, MARKUP));
    assert!(!text.contains("<i>"), "{what}: hostile markup is live");
}

fn excerpt(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or(0);
    let start = text.floor_char_boundary_compat(at.saturating_sub(80));
    let end = text.floor_char_boundary_compat((at + 80).min(text.len()));
    text[start..end].to_string()
}

// -------------------------------------------------------------------- screens

fn hostile_app() -> (App, Refs) {
    let mut store = Store::open_in_memory().unwrap();
    let refs = hostile_desk(&mut store);
    (App::new(store, today(), Keymap::default(), MONOCHROME).unwrap(), refs)
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Every cell's text, row by row, as a terminal would show it: a wide
/// character covers the cell after it.
fn shown_rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            line
        })
        .collect()
}

fn assert_screen_inert(what: &str, buffer: &Buffer) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(live_char(symbol).is_none(), "{what}: cell ({x}, {y}) holds {symbol:?}");
        }
    }
}

/// Show a screen: the case-centred ones with the hostile case in focus.
fn show(app: &mut App, screen: ScreenId, case_id: i64) {
    match screen {
        ScreenId::Checklist | ScreenId::Case => app.apply_effect(Effect::Focus { screen, case_id, entity_id: None }),
        other => app.apply(other.action()),
    }
    assert_eq!(app.current, screen);
}

#[test]
fn hostile_text_is_inert_on_every_screen() {
    let (mut app, refs) = hostile_app();
    let mut shown_hostile = Vec::new();
    for screen in ScreenId::ALL {
        let case_id = if screen == ScreenId::Checklist { refs.closed.0 } else { refs.oocd.0 };
        show(&mut app, screen, case_id);
        let buffer = draw(&mut app, 100, 30);
        assert_screen_inert(screen.title(), &buffer);
        if shown_rows(&buffer).concat().contains("pwned") {
            shown_hostile.push(screen);
        }
    }
    // The other cases on the Case screen, and its other view (the audit log).
    for (case_id, _) in [&refs.closed, &refs.agreement] {
        show(&mut app, ScreenId::Case, *case_id);
        assert_screen_inert("Case", &draw(&mut app, 100, 30));
        app.apply(Action::ToggleView);
        assert_screen_inert("Case (other view)", &draw(&mut app, 100, 30));
    }
    // Without this the test could pass by showing none of the hostile text.
    for screen in [ScreenId::Today, ScreenId::Case, ScreenId::Deadlines] {
        assert!(shown_hostile.contains(&screen), "{} shows none of the hostile text", screen.title());
    }
}

// -------------------------------------------------------------------- exports

/// Run a command that must succeed; its standard output.
fn run_ok(db: &Path, args: &[&str]) -> String {
    let output = casedesk().arg("--db").arg(db).arg("--today").arg(TODAY).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "casedesk {args:?} failed: {stderr}");
    assert_inert(&format!("stderr of {args:?}"), &stderr);
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

struct FileDesk {
    dir: TempDir,
    db: PathBuf,
    refs: Refs,
}

fn file_desk() -> FileDesk {
    let (dir, db, refs) = common::desk_in_file(hostile_desk);
    FileDesk { dir, db, refs }
}

impl FileDesk {
    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn hostile_text_is_inert_in_every_text_output() {
    let d = file_desk();
    let names = ["--with-names", "--recipient", "Manager", "--justification", "Daily review"];
    for format in ["md", "csv", "json", "html"] {
        for with_names in [false, true] {
            let mut args = vec!["summary", "--date", TODAY, "--format", format];
            if with_names {
                args.extend(names);
            }
            let text = run_ok(&d.db, &args);
            let what = format!("summary {format} (names: {with_names})");
            // JSON escapes control characters in its text, so a raw ESC never
            // appears there; what it decodes to is checked in its own test.
            assert_inert(&what, &text);
            match format {
                "csv" => assert_csv_inert(&what, text.as_bytes()),
                "html" => assert_markup_escaped(&what, &text),
                _ => {}
            }
        }
    }
    for format in ["md", "csv", "json"] {
        let text = run_ok(&d.db, &["report", "--from", "2026-01-01", "--to", TODAY, "--format", format]);
        assert_inert(&format!("report {format}"), &text);
    }
    assert_inert("today", &run_ok(&d.db, &["today"]));
    for (_, reference) in [&d.refs.oocd, &d.refs.closed, &d.refs.agreement] {
        assert_inert(&format!("audit --case {reference}"), &run_ok(&d.db, &["audit", "--case", reference]));
    }
    let summary = run_ok(&d.db, &["summary", "--date", TODAY, "--format", "md"]);
    assert!(summary.contains(&d.refs.oocd.1), "the hostile case is in the summary:\n{summary}");
}

/// A program reading the JSON gets the strings decoded: they must be inert
/// too, not just escaped.
#[test]
fn hostile_text_is_inert_in_the_decoded_json() {
    let d = file_desk();
    let names = ["--with-names", "--recipient", "Manager", "--justification", "Daily review"];
    let mut args = vec!["summary", "--date", TODAY, "--format", "json"];
    assert_json_inert("summary json", &run_ok(&d.db, &args));
    args.extend(names);
    assert_json_inert("summary json with names", &run_ok(&d.db, &args));
    let report = run_ok(&d.db, &["report", "--from", "2026-01-01", "--to", TODAY, "--format", "json"]);
    assert_json_inert("report json", &report);
}

fn assert_json_inert(what: &str, text: &str) {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    fn walk(what: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => assert_inert(what, s),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(what, v)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(what, v)),
            _ => {}
        }
    }
    walk(what, &value);
}

#[test]
fn hostile_text_is_inert_in_every_file_export() {
    let d = file_desk();
    let path = |name: &str| d.out(name).to_str().unwrap().to_string();
    // Spreadsheets and csv files.
    run_ok(&d.db, &["summary", "--date", TODAY, "--format", "xlsx", "-o", &path("summary.xlsx")]);
    run_ok(
        &d.db,
        &[
            "summary",
            "--date",
            TODAY,
            "--format",
            "xlsx",
            "--with-names",
            "--recipient",
            "Manager",
            "--justification",
            "Daily review",
            "-o",
            &path("named.xlsx"),
        ],
    );
    run_ok(&d.db, &["report", "--from", "2026-01-01", "--to", TODAY, "--format", "xlsx", "-o", &path("report.xlsx")]);
    run_ok(&d.db, &["tracker", "-o", &path("tracker.csv")]);
    run_ok(&d.db, &["tracker", "-o", &path("tracker.xlsx")]);
    run_ok(&d.db, &["sample", "--n", "5", "--from", "2026-01-01", "--to", TODAY, "-o", &path("sample.csv")]);
    run_ok(&d.db, &["sample", "--n", "5", "--from", "2026-01-01", "--to", TODAY, "-o", &path("sample.xlsx")]);
    for name in ["summary.xlsx", "named.xlsx", "report.xlsx", "tracker.xlsx", "sample.xlsx"] {
        assert_xlsx_inert(name, std::fs::read(d.out(name)).unwrap());
    }
    for name in ["tracker.csv", "sample.csv"] {
        assert_csv_inert(name, &std::fs::read(d.out(name)).unwrap());
    }
    let tracker = std::fs::read_to_string(d.out("tracker.csv")).unwrap();
    assert!(tracker.contains("pwned"), "the tracker holds the hostile cases");
    // Letters, as Markdown and as Word.
    let reference = &d.refs.oocd.1;
    run_ok(&d.db, &["letter", "--case", reference, "--template", "acknowledgement", "-o", &path("letter.md")]);
    run_ok(&d.db, &["letter", "--case", reference, "--template", "acknowledgement", "-o", &path("letter.docx")]);
    let letter = std::fs::read_to_string(d.out("letter.md")).unwrap();
    assert_inert("letter.md", &letter);
    assert!(letter.contains("pwned"), "the letter names the hostile referrer:\n{letter}");
    for part in docx_parts(&d.out("letter.docx")) {
        assert_inert("letter.docx", &part);
        assert_markup_escaped("letter.docx", &part);
    }
    // The calendar file of the conference.
    run_ok(&d.db, &["ics", "--case", &d.refs.agreement.1, "-o", &path("meeting.ics")]);
    assert_inert("meeting.ics", &std::fs::read_to_string(d.out("meeting.ics")).unwrap());
}

/// The XML parts of a .docx file.
fn docx_parts(path: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("the docx is a zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().ends_with(".xml") {
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            parts.push(text);
        }
    }
    assert!(!parts.is_empty());
    parts
}

// -------------------------------------------------------------- length limits

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

// -------------------------------------------------------------- display width

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

// ---------------------------------------------------------------- file modes

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
