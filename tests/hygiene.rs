//! Hygiene of what is shown and written: hostile text (terminal escape
//! sequences, spreadsheet formula prefixes, markup, fields at their length
//! limit) stored through the store is inert on every screen and in every
//! export; over-long text is refused with a sentence and changes nothing;
//! wide characters keep lines within the terminal; the database files are
//! owner-only on Unix.
//!
//! The fixtures and helpers stay in this file; the tests are in
//! `hygiene/`, one file a subject.

mod common;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::checklist::{Answer, ChecklistSection, Decision, RiskLevel, ITEMS};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{
    AgreementItemKind, ContactChannel, PartyRole, ProcessKind, ProcessStatus, ProfileField, Sender, Service, Source,
};
use casedesk::store::limits::TextKind::{self, Long, Name, Reference, Short};
use casedesk::store::model::{
    ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition, NewContact, NewDecision,
    NewDisposal, NewPerson, NewProcess, NewProvider, PartyLink,
};
use casedesk::store::Store;
use casedesk::tui::app::App;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::{Duration, NaiveDate};
use common::cli::{casedesk, TODAY};
use common::today;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

#[path = "hygiene/date_display.rs"]
mod date_display;
#[path = "hygiene/layers.rs"]
mod layers;
#[path = "hygiene/limits.rs"]
mod limits;
#[path = "hygiene/on_screen.rs"]
mod on_screen;
#[path = "hygiene/outputs.rs"]
mod outputs;
#[path = "hygiene/printing.rs"]
mod printing;

/// Clear the screen, set the window title, write the clipboard (OSC 52),
/// then reverse the rest of the line, isolate it and break it with
/// invisible format characters: what a hostile name would do.
const ESCAPES: &str = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\u{202E}\u{2066}\u{2028}\u{200B}";
/// Each hostile field starts with one of these, so a spreadsheet would run it.
const FORMULAS: [&str; 4] = ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"];
/// Markup that must come out escaped in html, docx and Markdown.
const MARKUP: &str = "<i>pwned</i>";
/// What else Markdown would run or fetch, one of them in each field.
const MARKDOWN: [&str; 3] = ["<script>x</script>", "<img src=x onerror=y>", "![x](http://x.test/)"];

/// Hands out hostile text, each piece starting with the next formula prefix
/// and padded to exactly the limit of its kind.
struct Hostile(usize);

impl Hostile {
    fn text(&mut self, kind: TextKind) -> String {
        self.0 += 1;
        let markdown = MARKDOWN[self.0 % MARKDOWN.len()];
        let head = format!("{}{ESCAPES}{MARKUP} {markdown} ", FORMULAS[self.0 % FORMULAS.len()]);
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
            // Who sends the letters: every field of both profiles hostile too.
            for sender in Sender::ALL {
                for field in ProfileField::ALL {
                    tx.set_profile_field(*sender, *field, &h.text(Name))?;
                }
            }
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
            // Conditions are agreed before the caution is issued.
            tx.change_status_path(key.id, &["issued", "active"], day - Duration::days(10))?;
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
/// character other than the line breaks and tabs that plain text uses, or
/// an invisible one that reorders or splits a line (bidirectional
/// overrides and isolates, zero-width and line or paragraph separators).
fn live_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
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

/// Markdown shows the hostile markup as typed: every `<` that could open
/// HTML, and every image or link, is escaped with a backslash.
fn assert_markdown_escaped(what: &str, text: &str) {
    let mut hostile = 0;
    for needle in ["<", "![", "]("] {
        for (at, _) in text.match_indices(needle) {
            hostile += 1;
            let escaped = text[..at].ends_with('\\') || needle == "](" && text[..at].ends_with("\\]");
            let start = text.floor_char_boundary_compat(at.saturating_sub(60));
            assert!(escaped, "{what}: {needle:?} is live after {:?}", &text[start..at]);
        }
    }
    assert!(hostile > 0, "{what}: none of the hostile markup is in it");
}

fn excerpt(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or(0);
    let start = text.floor_char_boundary_compat(at.saturating_sub(80));
    let end = text.floor_char_boundary_compat((at + 80).min(text.len()));
    text[start..end].to_string()
}

// ---------------------------------------------------------------- running and drawing

/// Run a command that must succeed; its standard output.
fn run_ok(db: &Path, args: &[&str]) -> String {
    let output = casedesk().arg("--db").arg(db).arg("--today").arg(TODAY).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "casedesk {args:?} failed: {stderr}");
    assert_inert(&format!("stderr of {args:?}"), &stderr);
    String::from_utf8(output.stdout).expect("output is UTF-8")
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

/// Show a screen: the case-centred ones with the hostile case in focus.
fn show(app: &mut App, screen: ScreenId, case_id: i64) {
    match screen {
        ScreenId::Checklist | ScreenId::Case => app.apply_effect(Effect::Focus { screen, case_id, entity_id: None }),
        other => app.apply(other.action()),
    }
    assert_eq!(app.current, screen);
}

/// Every Rust source file below `dir` (a folder of the crate), with its text.
fn rust_sources(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    found
}
