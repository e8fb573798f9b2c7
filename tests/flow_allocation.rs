//! Issue 14 §2 as a new user meets it, by keyboard on an empty desk: add a
//! coordinator in the Directory, log a restorative justice referral at
//! Intake, transfer it to the coordinator (picked with their caseload
//! beside the name), and see it in the caseload view, from which Enter
//! opens it again. (The checklist's walk to Suitable is the journey of
//! tests/flow.rs; here the store records that decision.)

mod common;

use casedesk::domain::directory::DirectoryKind;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::form::FieldKind;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use common::{ctrl, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

fn said(app: &App) -> String {
    let (text, is_error) = app.status.clone().unwrap_or_default();
    assert!(!is_error, "{text}");
    text
}

/// The checklist, by its keys: every answer yes, low risk, suitable.
fn decide_suitable(app: &mut App) {
    app.handle_key(ctrl('o'));
    assert_eq!(app.current, ScreenId::Checklist);
    app.apply(Action::AdvanceStatus);
    answer(app, 8, 1);
    app.apply(Action::AdvanceStatus);
    choose(app, "Move to", "risk_assessment");
    app.handle_key(key(KeyCode::Enter));
    answer(app, 8, 1);
    answer(app, 16, 2);
    app.apply(Action::Decide);
    choose(app, "Decision", "suitable");
    while !focused_on(app, "Rationale") {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(app, "Both willing; low risk.");
    app.handle_key(ctrl('s'));
    let (text, is_error) = app.status.clone().unwrap_or_default();
    assert!(!is_error && text.contains("uitable"), "{text}\n{}", screen(app, 100, 30));
}

/// Pick `value` in the open prompt's choice `label`.
fn choose(app: &mut App, label: &str, value: &str) {
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_mut() else { panic!("{label} is asked") };
    let field = prompt.form.fields.iter_mut().find(|f| f.label == label).unwrap();
    let FieldKind::Choice(options) = &field.kind else { panic!("{label} is a choice") };
    field.choice = options.iter().position(|(v, _)| v == value).unwrap();
}

fn focused_on(app: &App, label: &str) -> bool {
    matches!(app.overlay.as_ref(), Some(Overlay::Prompt(p)) if p.form.fields[p.form.focus].label == label)
}

/// Answer `rows` items, each pressed `times` times, moving down after each.
fn answer(app: &mut App, rows: usize, times: usize) {
    for _ in 0..rows {
        for _ in 0..times {
            app.apply(Action::Answer);
        }
        app.apply(Action::Down);
    }
}

#[test]
fn a_coordinator_is_added_a_referral_logged_transferred_to_them_and_seen_in_the_caseload() {
    let mut app = empty_app();
    // The Directory: add a coordinator with a maximum caseload of one.
    press(&mut app, "8a");
    app.handle_key(key(KeyCode::Enter)); // Coordinator is the first kind.
    type_text(&mut app, "Priya Shah");
    let prompt = screen(&mut app, 100, 30);
    assert!(prompt.contains("Maximum caseload"), "{prompt}");
    while !focused_on(&app, "Maximum caseload") {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "1");
    app.handle_key(key(KeyCode::Enter));
    assert!(said(&app).contains("Priya Shah"), "{}", said(&app));
    let priya = app.store.directory(Some(DirectoryKind::Coordinator)).unwrap();
    assert_eq!((priya[0].name.as_str(), priya[0].max_caseload), ("Priya Shah", Some(1)));

    // Intake: a restorative justice referral (the first service).
    press(&mut app, "2");
    assert_eq!(app.current, ScreenId::Intake);
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "PC Amir Khan");
    for _ in 0..2 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "CR/000123/26");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Criminal damage to a fence");
    for _ in 0..10 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "Ada");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Lovelace");
    app.handle_key(ctrl('s'));
    assert!(said(&app).starts_with("Saved RJ-2026-0001"), "{}", said(&app));
    let (case_id, _) = app.store.case_by_ref("RJ-2026-0001").unwrap().unwrap();
    decide_suitable(&mut app);
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    app.store.write(|tx| tx.change_status_path(case_id, &["logged"], day)).unwrap();

    // The Case screen: move it to Transferred, which asks for the coordinator.
    app.apply_effect(casedesk::tui::screens::Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None });
    press(&mut app, ">");
    assert!(screen(&mut app, 100, 30).contains("‹ Transferred to coordinator ›"));
    app.handle_key(key(KeyCode::Enter));
    let asked = screen(&mut app, 100, 30);
    assert!(
        asked.contains("Transfer RJ-2026-0001 to a coordinator") && asked.contains("Priya Shah — 0 open"),
        "{asked}"
    );
    app.handle_key(key(KeyCode::Enter));
    assert!(said(&app).contains("RJ-2026-0001 transferred to Priya Shah on Fri 20 Nov 2026"), "{}", said(&app));
    assert!(screen(&mut app, 100, 30).contains("Coordinator: Priya Shah"));

    // The caseload: Priya holds one open case, her maximum, listed oldest first.
    press(&mut app, "8c");
    let caseload = screen(&mut app, 100, 30);
    let row = caseload.lines().find(|l| l.contains("▶ Priya Shah")).unwrap_or_else(|| panic!("{caseload}"));
    assert!(row.contains(" 1 ") && !row.contains("over max"), "{row}");
    assert!(caseload.contains("Priya Shah: 1 open, oldest first"), "{caseload}");
    assert!(caseload.contains("Transferred to coordinator 1"), "{caseload}");
    assert!(caseload.contains("RJ-2026-0001  Fri 20 Nov Transferred to coordinator"), "{caseload}");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.current, ScreenId::Case);
    assert!(screen(&mut app, 100, 30).contains("RJ-2026-0001"));

    // Agreements has nothing to arrange until the case reaches preparation,
    // and says where it is rather than only that the list is empty.
    press(&mut app, "5");
    let said = words(&screen(&mut app, 100, 30));
    let pointer = "1 case is with its coordinator before preparation: n on the case (6) moves it on";
    assert!(said.contains("Nothing to arrange.") && said.contains(pointer), "{said}");
    assert!(app.store.check().unwrap().is_ok());
}

/// A screen's words in one line: borders gone, wrapped lines joined.
fn words(screen: &str) -> String {
    let lines = screen.lines().map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()));
    lines.filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Issue 14 §2: `a` on Deadlines and on Today picks a coordinator by typing
/// part of the name; each list then holds that coordinator's cases only,
/// says whose they are, and Esc shows everyone's again.
#[test]
fn deadlines_and_today_filtered_by_a_coordinator_show_only_their_cases() {
    let mut app = common::demo_app(120);
    let filter = casedesk::store::views::deadlines::DeadlineFilter::default();
    let rows = app.store.deadline_page(&filter, casedesk::store::views::deadlines::PageAt::First, 5_000).unwrap().rows;
    let held = app.store.coordinators_of(&rows.iter().map(|r| r.case_id).collect::<Vec<_>>()).unwrap();
    // The coordinator holding the most listed rows, and the references of their cases.
    let count = |name: &String| rows.iter().filter(|r| held.get(&r.case_id) == Some(name)).count();
    let name = held.values().max_by_key(|n| (count(n), n.to_string())).expect("the demo allocates cases").clone();
    let theirs: Vec<&str> =
        rows.iter().filter(|r| held.get(&r.case_id) == Some(&name)).map(|r| r.case_ref.as_str()).collect();
    assert!(theirs.len() < rows.len());

    app.apply(Action::ScreenDeadlines);
    press(&mut app, "a");
    type_text(&mut app, &name[..5]);
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 160, 48);
    assert!(text.contains(&format!("{} item", theirs.len())) && text.contains(&format!("a {name}")), "{text}");
    let listed: Vec<&str> = text.lines().filter(|l| l.starts_with('│') && l.contains(" 2026 ")).collect();
    assert_eq!(listed.len(), theirs.len().min(listed.len()));
    assert!(!listed.is_empty() && listed.iter().all(|l| l.contains(&name)), "{text}");
    assert!(listed.iter().all(|l| theirs.iter().any(|r| l.contains(r))), "{text}");
    insta::assert_snapshot!("deadlines_one_coordinator_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("deadlines_one_coordinator_100x30", screen(&mut app, 100, 30));
    app.handle_key(key(KeyCode::Esc));
    assert!(screen(&mut app, 160, 48).contains(&format!("{} items", rows.len())));

    app.apply(Action::ScreenToday);
    press(&mut app, "a");
    type_text(&mut app, &name[..5]);
    app.handle_key(key(KeyCode::Enter));
    assert!(screen(&mut app, 100, 30).contains(&format!("Today — {name}'s cases")));
    insta::assert_snapshot!("today_one_coordinator_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("today_one_coordinator_100x30", screen(&mut app, 100, 30));
    let cases: Vec<i64> = app.today_screen().items().map(|i| i.case_id).collect();
    assert!(!cases.is_empty());
    let holders = app.store.coordinators_of(&cases).unwrap();
    assert!(cases.iter().all(|c| holders.get(c) == Some(&name)), "{cases:?} {holders:?}");
    app.handle_key(key(KeyCode::Esc));
    assert!(app.today_screen().whose().is_all());
    assert!(screen(&mut app, 100, 30).contains("Today — work down the list"));
}
