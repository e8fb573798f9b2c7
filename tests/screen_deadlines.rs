//! The Deadlines screen: every open condition and agreement item by due
//! date, its filters and tags, and the actions that complete, breach, decide,
//! vary and chase. Snapshots of the screen and each prompt at 100×30 and
//! 80×24; flows that end in database rows and a status line.
//!
//! The helpers and every test that takes a snapshot stay in this file
//! (insta names a snapshot after the module it is taken in); the flows
//! are in `screen_deadlines/`, one file a subject.

mod common;

use casedesk::domain::status::DisposalType;
use casedesk::store::views::deadlines::{DeadlineFilter, DeadlineRow, DeadlineSource, PageAt};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::NaiveDate;
use common::{ctrl, demo_app, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;

#[path = "screen_deadlines/breaches.rs"]
mod breaches;
#[path = "screen_deadlines/chase.rs"]
mod chase;
#[path = "screen_deadlines/complete.rs"]
mod complete;
#[path = "screen_deadlines/list.rs"]
mod list;
#[path = "screen_deadlines/record.rs"]
mod record;
#[path = "screen_deadlines/undo.rs"]
mod undo;
#[path = "screen_deadlines/vary.rs"]
mod vary;

/// 100 demo cases: open conditions of every kind of disposal, breaches
/// awaiting a decision, and open agreement items.
const CASES: u32 = 100;

fn deadlines_app() -> App {
    let mut app = demo_app(CASES);
    app.apply(Action::ScreenDeadlines);
    assert_eq!(app.current, ScreenId::Deadlines);
    app
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Every listed row, straight from the store (the demo holds far fewer than this).
fn all_rows(app: &App) -> Vec<DeadlineRow> {
    app.store.deadline_page(&DeadlineFilter::default(), PageAt::First, 5_000).unwrap().rows
}

/// The first listed row that `wanted` accepts.
fn find_row(app: &App, wanted: impl Fn(&DeadlineRow) -> bool) -> DeadlineRow {
    all_rows(app).into_iter().find(wanted).expect("the demo has such a row")
}

/// Select a row as the Today screen does when it opens one here.
fn focus(app: &mut App, row: &DeadlineRow) {
    app.apply_effect(Effect::Focus { screen: ScreenId::Deadlines, case_id: row.case_id, entity_id: Some(row.key.id) });
    assert_eq!(app.current, ScreenId::Deadlines);
    let line = selected_line(app);
    assert!(line.contains(&row.case_ref), "{} is selected, not: {line}", row.case_ref);
}

fn selected_line(app: &mut App) -> String {
    screen(app, 100, 30).lines().find(|l| l.contains('▶')).unwrap_or_default().to_string()
}

fn status(app: &App) -> (String, bool) {
    app.status.clone().unwrap_or_default()
}

fn prompt_open(app: &App) -> bool {
    matches!(app.overlay, Some(Overlay::Prompt(_)))
}

fn is_adult_cc_condition(r: &DeadlineRow) -> bool {
    r.key.source == DeadlineSource::Condition
        && r.open_breach_id.is_none()
        && r.disposal == Some(DisposalType::AdultConditionalCaution)
}

fn is_item(r: &DeadlineRow) -> bool {
    r.key.source == DeadlineSource::AgreementItem
}

fn is_adult_cc_breach(r: &DeadlineRow) -> bool {
    r.open_breach_id.is_some() && r.disposal == Some(DisposalType::AdultConditionalCaution)
}

/// The Deadlines screen with the first row `wanted` accepts selected.
fn app_on(wanted: impl Fn(&DeadlineRow) -> bool) -> (App, DeadlineRow) {
    let mut app = deadlines_app();
    let row = find_row(&app, wanted);
    focus(&mut app, &row);
    (app, row)
}

/// Select each row in turn and tag it.
fn tag(app: &mut App, rows: &[&DeadlineRow]) {
    for row in rows {
        focus(app, row);
        app.apply(Action::Tag);
    }
}

/// Empty the focused field (a date is ten characters).
fn clear_field(app: &mut App) {
    // Ctrl-U, as a person clears a field whatever its length.
    app.handle_key(ctrl('u'));
}

/// Vary the selected row: a new due date typed over the old one, and why.
fn vary(app: &mut App, date: &str, reason: &str) {
    app.apply(Action::Vary);
    clear_field(app);
    type_text(app, date);
    app.handle_key(key(KeyCode::Tab));
    type_text(app, reason);
    app.handle_key(ctrl('s'));
}

// ------------------------------------------------------------ snapshots

#[test]
fn snapshot_the_list() {
    let mut app = deadlines_app();
    insta::assert_snapshot!("list_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("list_80x24", screen(&mut app, 80, 24));
}

#[test]
fn snapshot_an_empty_desk() {
    let mut app = empty_app();
    app.apply(Action::ScreenDeadlines);
    insta::assert_snapshot!("empty_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("empty_80x24", screen(&mut app, 80, 24));
}

/// With nothing listed, the detail pane says so and names the keys that
/// add items or change the filters, not the keys that act on an item.
#[test]
fn an_empty_list_says_nothing_is_due_and_what_to_press() {
    let mut app = empty_app();
    app.apply(Action::ScreenDeadlines);
    let empty = screen(&mut app, 120, 40);
    assert!(empty.contains("Nothing is due: there are no open conditions or agreement items."), "{empty}");
    assert!(empty.contains("6 Case, then add a condition · 5 Agreements, then add an agreed item"), "{empty}");
    assert!(!empty.contains("Space tag"), "no keys for an item that is not there: {empty}");
    app.apply(Action::Filter);
    let filtered = screen(&mut app, 80, 24);
    assert!(filtered.contains("Nothing due matches these filters."), "{filtered}");
    assert!(filtered.contains("Filters: f due dates · p provider · s service · a coordinator · m words"), "{filtered}");
    assert!(!filtered.contains("Space tag"), "{filtered}");
}

#[test]
fn snapshot_filtered_and_tagged() {
    let mut app = deadlines_app();
    app.apply(Action::Filter); // overdue
    app.apply(Action::Tag);
    app.apply(Action::Tag);
    app.apply(Action::FilterService); // OOCD
    insta::assert_snapshot!("overdue_oocd_tagged_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("overdue_oocd_tagged_80x24", screen(&mut app, 80, 24));
}

#[test]
fn snapshot_every_prompt() {
    let mut app = deadlines_app();
    let condition = find_row(&app, is_adult_cc_condition);
    let breached = find_row(&app, |r| r.open_breach_id.is_some());
    let prompts: Vec<(&str, &DeadlineRow, Action)> = vec![
        ("complete", &condition, Action::Complete),
        ("breach", &condition, Action::Breach),
        ("vary", &condition, Action::Vary),
        ("chase", &condition, Action::Chase),
        ("decide", &breached, Action::DecideBreach),
        ("contact", &condition, Action::LogContact),
    ];
    for (name, row, action) in prompts {
        focus(&mut app, row);
        app.apply(action);
        assert!(prompt_open(&app), "{name} asks first");
        insta::assert_snapshot!(format!("prompt_{name}_100x30"), screen(&mut app, 100, 30));
        insta::assert_snapshot!(format!("prompt_{name}_80x24"), screen(&mut app, 80, 24));
        app.handle_key(key(KeyCode::Esc));
        assert!(app.overlay.is_none());
    }
    // The words filter has its own key (m); the provider filter is a list.
    app.apply(Action::FilterWords);
    assert!(prompt_open(&app));
    insta::assert_snapshot!("prompt_matching_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_matching_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));
    app.apply(Action::FilterProvider);
    assert!(prompt_open(&app));
    insta::assert_snapshot!("prompt_provider_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));
    // Bulk actions confirm with a count first.
    app.apply(Action::TagAll);
    app.apply(Action::Complete);
    insta::assert_snapshot!("confirm_bulk_complete_80x24", screen(&mut app, 80, 24));
}

#[test]
fn snapshot_the_record_prompt() {
    let (mut app, _) = app_on(record::needs_hours);
    app.handle_key(key(KeyCode::Char('r')));
    assert!(prompt_open(&app));
    insta::assert_snapshot!("prompt_record_hours_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));
    let row = find_row(&app, record::needs_money);
    focus(&mut app, &row);
    app.handle_key(key(KeyCode::Char('r')));
    insta::assert_snapshot!("prompt_record_payment_80x24", screen(&mut app, 80, 24));
}

#[test]
fn w_writes_a_letter_for_each_tagged_case_and_leaves_out_what_is_untrue() {
    let exports = tempfile::TempDir::new().unwrap();
    let config = tempfile::TempDir::new().unwrap();
    // The only test in this file that writes files or reads templates.
    std::env::set_var("CASEDESK_EXPORT_DIR", exports.path());
    std::env::set_var("CASEDESK_CONFIG_DIR", config.path());
    let mut app = deadlines_app();
    let still_to_do = |r: &DeadlineRow| is_adult_cc_condition(r) && r.key.due_on >= d("2026-11-20");
    let first = find_row(&app, still_to_do);
    let second = find_row(&app, |r| still_to_do(r) && r.case_id != first.case_id);
    let rj = find_row(&app, |r| is_item(r) && r.service != casedesk::domain::types::Service::Oocd);
    tag(&mut app, &[&first, &second, &rj]);
    app.handle_key(key(KeyCode::Char('w')));
    assert!(prompt_open(&app));
    insta::assert_snapshot!("prompt_letters_80x24", screen(&mut app, 80, 24));
    // Template: two along is the reminder.
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    assert!(screen(&mut app, 100, 30).contains("‹ Reminder of a condition due ›"));
    app.handle_key(key(KeyCode::Enter));

    let (said, error) = status(&app);
    assert!(!error, "{said}");
    assert!(said.starts_with(&format!("Wrote 2 letters to {}", exports.path().display())), "{said}");
    let left_out = format!("Left out: {}: a reminder of a condition is for an out-of-court disposal", rj.case_ref);
    assert!(said.contains(&left_out), "{said}");
    for row in [&first, &second] {
        let file = exports.path().join(format!("{} - Reminder of a condition due - 2026-11-20.docx", row.case_ref));
        assert!(file.is_file(), "{}", file.display());
        assert_eq!(app.store.case_letters(row.case_id, 5).unwrap().total, 1, "logged on {}", row.case_ref);
    }
    assert_eq!(app.store.case_letters(rj.case_id, 5).unwrap().total, 0);
    assert!(exports.path().join("For printing - Reminder of a condition due - 2026-11-20.docx").is_file());
}

/// A meeting's open action (issue 14 §6), due two days ago, on the demo desk.
fn add_meeting_action(app: &mut App) -> i64 {
    use casedesk::domain::meetings::Who;
    use casedesk::store::{NewMeeting, NewMeetingAction};
    let meeting = NewMeeting {
        held_at: d("2026-11-16").and_hms_opt(10, 0, 0).unwrap(),
        title: "Partnership panel".into(),
        place: None,
        room_id: None,
        agenda: None,
        attendees: Vec::new(),
    };
    app.store
        .write(|tx| {
            let meeting_id = tx.record_meeting(&meeting)?;
            tx.add_meeting_action(&NewMeetingAction {
                meeting_id,
                what: "Send the panel's notes".into(),
                owner: Who::typed("Sam Ortiz", None),
                due_on: d("2026-11-18"),
                case_id: None,
            })
        })
        .unwrap()
}

/// A meeting's action is listed among the deadlines under "Meeting": `c`
/// marks it done (the write Today's `c` makes), undo brings it back
/// selected, Enter opens its meeting, and the keys that act on a case's
/// deadline refuse in a sentence.
#[test]
fn a_meetings_action_is_marked_done_here_and_undo_brings_it_back() {
    let mut app = deadlines_app();
    let id = add_meeting_action(&mut app);
    app.apply_effect(Effect::Focus { screen: ScreenId::Deadlines, case_id: 0, entity_id: Some(id) });
    let line = selected_line(&mut app);
    assert!(line.contains("Partnership p") && line.contains("Meeting action"), "{line}");
    assert!(line.contains("Sam Ortiz") && line.contains("Overdue"), "{line}");
    insta::assert_snapshot!("meeting_action_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("meeting_action_80x24", screen(&mut app, 80, 24));

    for refused in [Action::Vary, Action::Breach, Action::Letter, Action::ReferToProvider] {
        app.apply(refused);
        let (said, error) = status(&app);
        assert!(error && said.starts_with("That is an action from a meeting, not a case's deadline"), "{said}");
        assert!(!prompt_open(&app), "{refused:?} asked");
    }
    app.apply(Action::Tag);
    let (said, error) = status(&app);
    assert!(error && said.contains("press c on it to mark it done"), "{said}");
    assert!(screen(&mut app, 100, 30).contains("0 tagged"));

    app.apply(Action::Complete);
    assert!(prompt_open(&app));
    app.handle_key(key(KeyCode::Enter));
    let (said, error) = status(&app);
    assert!(!error && said.contains("Action marked done."), "{said}");
    let listed =
        |app: &App| all_rows(app).iter().any(|r| r.key.source == DeadlineSource::MeetingAction && r.key.id == id);
    assert!(!listed(&app));
    assert!(!screen(&mut app, 100, 30).contains("Partnership p"));

    let asked = common::undo(&mut app);
    assert!(!asked.contains('_'), "{asked}");
    assert!(listed(&app));
    let line = selected_line(&mut app);
    assert!(line.contains("Partnership p") && line.contains("Meeting action"), "undo selects it again: {line}");

    app.apply(Action::Open);
    assert_eq!(app.current, ScreenId::Agreements);
    assert!(screen(&mut app, 100, 30).contains("Partnership panel"));
}

/// At 160 columns the description takes the room the provider and
/// coordinator columns do not need: on a page of OOCD conditions (no
/// coordinators) a description of 40 characters reads whole.
#[test]
fn a_wide_screen_gives_the_description_what_the_other_columns_do_not_need() {
    let mut app = deadlines_app();
    app.apply(Action::FilterService);
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("s OOCD"), "the OOCD filter on: {text}");
    let row = find_row(&app, |r| r.case_ref.starts_with("OOCD-") && (36..=42).contains(&r.description.chars().count()));
    let line = text.lines().find(|l| l.contains(&row.case_ref) && l.contains(&row.kind_label())).unwrap_or_default();
    assert!(line.contains(&row.description), "{} cut in: {line}\n{text}", row.description);
}
