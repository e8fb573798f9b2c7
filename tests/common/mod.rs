//! Shared test fixtures for the interface: an app over an in-memory store
//! with a fixed date, and a way to see what it draws.
#![allow(dead_code)]

pub mod cli;
pub mod desk_file;
pub mod tmux;
pub mod tracker_target;

use casedesk::demo::{generate, DemoOptions};
use std::path::{Path, PathBuf};

use casedesk::store::model::NewDisposal;
use casedesk::store::{OpenMode, Store};
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tempfile::TempDir;

/// The sense-check items, in checklist order (DOMAIN.md §12.4).
pub const SENSE_CHECK: [&str; 8] =
    ["SC_REF", "SC_PARTIES", "SC_STAGE", "SC_CONSENT_SHARE", "SC_OFFENCE", "SC_AGE", "SC_NO_CONFLICT", "SC_DUPLICATE"];

/// The suitability items, in checklist order.
pub const SUITABILITY: [&str; 8] = [
    "SU_ACCEPTS",
    "SU_WILLING_HARMED",
    "SU_WILLING_RESP",
    "SU_CAPACITY",
    "SU_PROCEEDINGS",
    "SU_ORDERS",
    "SU_METHOD",
    "SU_FACILITATOR",
];

/// The date every interface test believes it is: Friday 20 November 2026.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// An app over an empty in-memory database.
pub fn empty_app() -> App {
    App::new(Store::open_in_memory().unwrap(), today(), Keymap::default(), MONOCHROME).unwrap()
}

/// An app over `cases` invented cases (seed 11), the same every run.
pub fn demo_app(cases: u32) -> App {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases, seed: 11, today: today() }).unwrap();
    App::new(store, today(), Keymap::default(), MONOCHROME).unwrap()
}

/// Record on a disposal what issuing it needs (admission, consent, the
/// signed document and the victim's views, all on 2 October 2026) and its
/// issue on 5 October 2026.
pub fn issued_on_5_october(disposal: &mut NewDisposal) {
    let day = |d| NaiveDate::from_ymd_opt(2026, 10, d);
    disposal.admission_recorded_on = day(2);
    disposal.consent_recorded_on = day(2);
    disposal.signed_document_ref = Some("DOC-1".into());
    disposal.victim_views_sought_on = day(2);
    disposal.issued_on = day(5);
}

/// A desk in a database file of its own, in a fresh temporary folder:
/// filled by `fill`, then closed, as the command line will find it.
pub fn desk_in_file<T>(fill: impl FnOnce(&mut Store) -> T) -> (TempDir, PathBuf, T) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let filled = fill(&mut store);
    drop(store);
    (dir, db, filled)
}

/// Draw the app at `width` × `height` and return the screen as text, one
/// line per row, trailing spaces trimmed.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Undo as a person does: the key, then Enter on the question that names
/// the change (undo always asks first); returns what the question said.
pub fn undo(app: &mut App) -> String {
    app.apply(casedesk::tui::action::Action::Undo);
    let asked = match &app.overlay {
        Some(casedesk::tui::overlay::Overlay::Prompt(p)) => p.prompt.message.clone(),
        _ => panic!("undo did not ask first: {:?}", app.status),
    };
    app.handle_key(key(KeyCode::Enter));
    asked
}

/// Type text as keystrokes.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

/// Takes away what migration 0012 (case endings) added, for a desk made to
/// look older than it.
pub const WITHOUT_CASE_ENDINGS: &str = "ALTER TABLE case_file DROP COLUMN closed_from;
     ALTER TABLE case_file DROP COLUMN withdrawn_by; ALTER TABLE case_file DROP COLUMN withdrawal_reason;
     ALTER TABLE case_file DROP COLUMN withdrawal_note; ALTER TABLE agreement_item DROP COLUMN end_reason;
     ALTER TABLE condition DROP COLUMN end_reason;";

/// What migration 0014 added to the directory, dropped again to make an
/// older desk.
pub const WITHOUT_DIRECTORY: &str = "DROP INDEX case_file_coordinator;
     ALTER TABLE coordinator DROP COLUMN team; ALTER TABLE coordinator DROP COLUMN email;
     ALTER TABLE coordinator DROP COLUMN phone; ALTER TABLE coordinator DROP COLUMN max_caseload;
     ALTER TABLE coordinator DROP COLUMN notes; ALTER TABLE provider DROP COLUMN notes;";

/// What migration 0025 added to the directory (facilitators, venues and
/// their rooms, partner agencies, providers' courses and costs), dropped
/// again to make an older desk.
pub const WITHOUT_PEOPLE_AND_PLACES: &str =
    "DROP INDEX process_facilitator_by_facilitator; DROP TABLE process_facilitator;
     DROP INDEX IF EXISTS rj_process_diary; DROP INDEX rj_process_room_time; ALTER TABLE rj_process DROP COLUMN room_id;
     ALTER TABLE rj_process DROP COLUMN duration_minutes;
     DROP INDEX facilitator_vetting; DROP TABLE facilitator; DROP INDEX venue_room_venue; DROP TABLE venue_room;
     DROP TABLE venue; DROP TABLE agency; ALTER TABLE provider DROP COLUMN courses;
     ALTER TABLE provider DROP COLUMN referral_method; ALTER TABLE provider DROP COLUMN cost_pence;";

/// What migration 0016 added for finalising a disposal, dropped again to
/// make an older desk (its indexes and triggers first: they name the columns).
pub const WITHOUT_FINALISING: &str = "DROP TRIGGER IF EXISTS condition_counts_insert; DROP TRIGGER IF EXISTS condition_counts_delete;
     DROP TRIGGER IF EXISTS condition_counts_update; DROP TRIGGER IF EXISTS oocd_disposal_counts_insert;
     DROP TRIGGER IF EXISTS oocd_disposal_counts_update; DROP INDEX IF EXISTS oocd_disposal_ready;
     ALTER TABLE oocd_disposal DROP COLUMN conditions_held; ALTER TABLE oocd_disposal DROP COLUMN conditions_open;
     DROP TRIGGER IF EXISTS case_file_marks_disposal_live;
     DROP TRIGGER IF EXISTS oocd_disposal_case_live_insert; DROP TRIGGER IF EXISTS oocd_disposal_case_live_update;
     DROP INDEX IF EXISTS oocd_disposal_to_finalise; DROP INDEX oocd_disposal_police_record; DROP INDEX condition_case_status;
     ALTER TABLE oocd_disposal DROP COLUMN finalised_on; ALTER TABLE oocd_disposal DROP COLUMN police_record_updated_on;
     ALTER TABLE oocd_disposal DROP COLUMN case_live;";

/// What migration 0026 added for the harmed-party-told timer, dropped again
/// to make an older desk (its triggers and index first: they name the column).
pub const WITHOUT_HARMED_TOLD: &str =
    "DROP TRIGGER agreement_item_settles_insert; DROP TRIGGER agreement_item_settles_update;
     DROP TRIGGER agreement_item_settles_delete; DROP TRIGGER outcome_agreement_settled_insert;
     DROP TRIGGER outcome_agreement_settled_update; DROP INDEX outcome_agreement_to_inform; DROP VIEW agreement_settled;
     ALTER TABLE outcome_agreement DROP COLUMN items_settled_on;";

/// What migration 0027 added for the Victims' Code clocks: a harmed
/// party's enhanced rights and the day the crime was reported.
pub const WITHOUT_VICTIMS_CODE: &str =
    "ALTER TABLE person DROP COLUMN enhanced_rights; ALTER TABLE case_file DROP COLUMN reported_on;";

/// What migration 0028 added for each case's last progress (its triggers
/// and index first: they name the column); the search trigger it narrowed
/// it leaves narrowed, since 0028 makes it again either way.
pub const WITHOUT_CASE_PROGRESS: &str =
    "DROP TRIGGER case_file_progress_insert; DROP TRIGGER case_file_progress_update;
     DROP TRIGGER contact_log_progress_insert; DROP TRIGGER contact_log_progress_delete;
     DROP TRIGGER contact_log_progress_update; DROP TRIGGER checklist_answer_progress_insert;
     DROP TRIGGER checklist_answer_progress_delete; DROP TRIGGER checklist_answer_progress_update;
     DROP TRIGGER rj_process_progress_insert; DROP TRIGGER rj_process_progress_delete;
     DROP TRIGGER rj_process_progress_update; DROP INDEX case_file_at_risk_progress;
     ALTER TABLE case_file DROP COLUMN progress_on; DELETE FROM rule WHERE id = 'VETTING_WARNING_DAYS';";
/// What migration 0037 added: the caseload counts and the triggers on
/// case_file that keep them (first: they name the table), and the index of
/// each coordinator's oldest cases.
pub const WITHOUT_CASELOAD_COUNTS: &str = "DROP TRIGGER caseload_count_insert; DROP TRIGGER caseload_count_delete;
     DROP TRIGGER caseload_count_update; DROP TABLE caseload_count; DROP INDEX case_file_caseload_oldest;";
/// What migration 0029 adds: the provider's return on a referral, who a
/// contact was with, a follow-up's outcome, and enquiries.
/// (0035's follow-up index names spoke_with: it is put back as 0004 made it first.)
pub const WITHOUT_PROVIDER_RETURNS: &str = "DROP INDEX contact_log_follow_up;
     CREATE INDEX contact_log_follow_up ON contact_log (follow_up_on, id, follow_up_done, case_id, channel, summary)
         WHERE follow_up_done = 0 AND follow_up_on IS NOT NULL;
     DROP INDEX provider_referral_condition; DROP INDEX provider_referral_outstanding;
     ALTER TABLE provider_referral DROP COLUMN method; ALTER TABLE provider_referral DROP COLUMN returned;
     ALTER TABLE provider_referral DROP COLUMN returned_on; ALTER TABLE contact_log DROP COLUMN spoke_with_kind;
     ALTER TABLE contact_log DROP COLUMN spoke_with; ALTER TABLE contact_log DROP COLUMN follow_up_outcome;
     DROP TABLE enquiry;";

/// What migration 0033 adds: meetings, their attendees and actions.
pub const WITHOUT_MEETINGS: &str =
    "DROP TABLE IF EXISTS meeting_action; DROP TABLE IF EXISTS meeting_attendee; DROP TABLE IF EXISTS meeting;";

/// Make the desk at `path` as schema version 5 left it: the marks of
/// migrations 0006 and 0007 (their columns, triggers and indexes) not yet
/// made, and 0002's breach index back, so that opening it upgrades it.
pub fn back_to_version_5(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let triggers: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'
               AND (sql LIKE '%breach_open%' OR sql LIKE '%case_open%' OR sql LIKE '%agreement_awaited%'
                    OR sql LIKE '%case_live%')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for name in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    conn.execute_batch(WITHOUT_CASELOAD_COUNTS).unwrap();
    conn.execute_batch(WITHOUT_MEETINGS).unwrap();
    conn.execute_batch(WITHOUT_PROVIDER_RETURNS).unwrap();
    // First: its index names case_open, dropped below.
    conn.execute_batch(WITHOUT_HARMED_TOLD).unwrap();
    conn.execute_batch(WITHOUT_VICTIMS_CODE).unwrap();
    conn.execute_batch(WITHOUT_CASE_PROGRESS).unwrap();
    conn.execute_batch(
        "DROP INDEX condition_live_due; DROP INDEX agreement_item_live_due; DROP INDEX contact_log_live_follow_up;
         ALTER TABLE condition DROP COLUMN case_live; ALTER TABLE agreement_item DROP COLUMN case_live;
         ALTER TABLE contact_log DROP COLUMN case_live;
         DROP INDEX condition_breach_open_due; DROP INDEX condition_breach_open_provider;
         DROP INDEX outcome_agreement_open_case; DROP INDEX rj_process_agreement_awaited;
         ALTER TABLE condition DROP COLUMN breach_open; ALTER TABLE outcome_agreement DROP COLUMN case_open;
         ALTER TABLE rj_process DROP COLUMN agreement_awaited;
         CREATE INDEX condition_breach_due ON condition (due_on) WHERE status IN ('draft', 'not_completed', 'breached');
         ALTER TABLE audit_log DROP COLUMN row_hash;
         DROP INDEX IF EXISTS audit_log_day_entity; DROP INDEX IF EXISTS audit_log_day_op; DROP INDEX audit_log_desk_day; ALTER TABLE audit_log DROP COLUMN desk_day;
         ALTER TABLE oocd_disposal DROP COLUMN authorising_rank; ALTER TABLE oocd_disposal DROP COLUMN yot_referred_on;
         ALTER TABLE oocd_disposal DROP COLUMN proceed_reason; ALTER TABLE oocd_disposal DROP COLUMN time_limit_reason;
         DROP TABLE backup_made; DROP TABLE service_profile; DROP TABLE IF EXISTS desk_user; DROP TABLE IF EXISTS desk_setting; DROP INDEX IF EXISTS feedback_collected; DROP INDEX IF EXISTS feedback_case; ALTER TABLE feedback DROP COLUMN person_id; ALTER TABLE feedback DROP COLUMN felt_safe; DROP TABLE IF EXISTS checklist_version; DROP TABLE IF EXISTS case_document; DROP TABLE IF EXISTS document_content;
         PRAGMA user_version = 5;",
    )
    .unwrap();
    conn.execute_batch(WITHOUT_CASE_ENDINGS).unwrap();
    conn.execute_batch(WITHOUT_DIRECTORY).unwrap();
    conn.execute_batch(WITHOUT_FINALISING).unwrap();
    conn.execute_batch(WITHOUT_PEOPLE_AND_PLACES).unwrap();
}
