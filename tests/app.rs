//! The whole app as a user meets it: the Today screen, the overlays (help,
//! palette, search, prompts), key routing, undo and small terminals.

mod common;

use casedesk::domain::triage::ItemKind;
use casedesk::tui::action::Action;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Screen, ScreenId};
use common::{ctrl, demo_app, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;

#[test]
fn today_snapshots() {
    let mut app = demo_app(60);
    insta::assert_snapshot!("today_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("today_80x24", screen(&mut app, 80, 24));
}

#[test]
fn an_empty_database_shows_the_welcome_panel() {
    let mut app = empty_app();
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Welcome to casedesk"), "{text}");
    assert!(text.contains("casedesk demo"));
    insta::assert_snapshot!("welcome_100x30", text);
    insta::assert_snapshot!("welcome_80x24", screen(&mut app, 80, 24));
}

/// At 120 and 200 columns the help box kept 80's width and cut its longer
/// labels mid-word; where the terminal has room every line is shown whole.
#[test]
fn help_shows_every_label_whole_where_the_terminal_has_room() {
    let mut app = demo_app(20);
    app.handle_key(key(KeyCode::Char('4')));
    app.handle_key(key(KeyCode::Char('?')));
    for (w, h) in [(120, 40), (200, 60)] {
        let text = screen(&mut app, w, h);
        assert!(text.contains(Action::RecordCompliance.label()), "cut at {w}x{h}: {text}");
    }
    // At 200x60 the whole list shows, its longest label too.
    let text = screen(&mut app, 200, 60);
    assert!(text.contains(Action::ScreenDirectory.label()), "{text}");
    assert!(text.contains("keymap.toml (see assets/keymap.toml)."), "{text}");
    insta::assert_snapshot!("help_deadlines_120x40", screen(&mut app, 120, 40));
}

#[test]
fn a_small_terminal_is_told_so_instead_of_drawn() {
    let mut app = demo_app(20);
    let text = screen(&mut app, 60, 20);
    assert!(text.contains("needs at least 80×24"), "{text}");
    // Every size down to nothing draws without panicking.
    for (w, h) in [(0, 0), (1, 1), (79, 24), (80, 23), (80, 24), (200, 60)] {
        screen(&mut app, w, h);
    }
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut app = demo_app(20);
    app.handle_key(key(KeyCode::Char('?')));
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Mark complete with evidence"), "{text}");
    // Keys are grouped by what they are for, the screen's work first in the
    // footer's order, and the screen is named as its tab names it.
    assert!(text.contains("The work of Today (as the footer shows it)"), "{text}");
    assert!(!text.contains("(today)"), "no internal names: {text}");
    let at = |label: &str| text.find(label).unwrap_or_else(|| panic!("{label} missing: {text}"));
    assert!(at("Open the selected item") < at("Mark complete with evidence"), "{text}");
    assert!(at("Mark complete with evidence") < at("Moving and editing"), "{text}");
    insta::assert_snapshot!("help_100x30", text);
    insta::assert_snapshot!("help_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Char('x')));
    assert!(app.overlay.is_none());
}

#[test]
fn the_palette_filters_and_runs_an_action() {
    let mut app = demo_app(20);
    app.handle_key(key(KeyCode::Char(':')));
    type_text(&mut app, "deadl");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Go to Deadlines"), "{text}");
    insta::assert_snapshot!("palette_100x30", text);
    insta::assert_snapshot!("palette_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.current, ScreenId::Deadlines);
    assert!(app.overlay.is_none());
}

/// `:` Enter used to quit: Quit was the palette's first row. It lists this
/// screen's own actions first and Quit last.
#[test]
fn the_palette_lists_this_screens_actions_first_and_quit_last() {
    let mut app = demo_app(20);
    app.handle_key(key(KeyCode::Char(':')));
    let Some(Overlay::Palette(palette)) = &app.overlay else { panic!("no palette") };
    assert_eq!(palette.matches.last(), Some(&Action::Quit));
    let first = palette.matches[0];
    assert!(app.today_screen().footer().contains(&first), "{first:?} is not one of Today's own actions");
    app.handle_key(key(KeyCode::Enter));
    assert!(!app.quit, "`:` Enter quit the desk");
}

#[test]
fn search_finds_a_case_by_reference_and_opens_it() {
    let mut app = demo_app(30);
    app.handle_key(key(KeyCode::Char('/')));
    type_text(&mut app, "RJ-2026");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("RJ-2026-"), "{text}");
    // Each status by its label, as every other screen shows it.
    assert!(text.contains("Agreement monitoring") && !text.contains("agreement monitoring"), "{text}");
    insta::assert_snapshot!("search_100x30", text);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.current, ScreenId::Case);
}

#[test]
fn search_says_when_nothing_matches() {
    let mut app = demo_app(10);
    app.handle_key(key(KeyCode::Char('/')));
    type_text(&mut app, "zzzqqq");
    assert!(screen(&mut app, 100, 30).contains("No case matches."));
}

#[test]
fn screens_switch_with_one_key_and_the_tab_bar_shows_them() {
    let mut app = demo_app(10);
    let text = screen(&mut app, 160, 48);
    for title in ["1 Today", "2 Intake", "3 Checklist", "4 Deadlines", "5 Agreements", "6 Case", "8 Directory"] {
        assert!(text.contains(title), "tab bar lacks {title}");
    }
    // Narrower, the other screens' titles are cut short so every key and
    // the date still show (the date was lost at 100 columns).
    for (width, height) in [(100, 30), (80, 24)] {
        let tabs = screen(&mut app, width, height).lines().next().unwrap_or_default().to_string();
        for title in ["1 Today", "2 Int", "3 Che", "7 Rep", "8 Dir", "Fri 20 Nov 2026"] {
            assert!(tabs.contains(title), "the tab bar at {width} columns lacks {title}: {tabs}");
        }
    }
    for (c, id) in
        [('4', ScreenId::Deadlines), ('5', ScreenId::Agreements), ('6', ScreenId::Case), ('1', ScreenId::Today)]
    {
        app.handle_key(key(KeyCode::Char(c)));
        assert_eq!(app.current, id);
    }
}

#[test]
fn the_footer_shows_the_keys_of_today() {
    let mut app = demo_app(10);
    let text = screen(&mut app, 100, 30);
    let footer = text.lines().nth(29).unwrap();
    assert!(footer.contains("Enter open") && footer.contains("c complete") && footer.contains("b breach"), "{footer}");
}

/// Select the first Today item of a kind.
fn select_first(app: &mut casedesk::tui::app::App, kind: ItemKind) {
    for _ in 0..500 {
        let today = app_today(app);
        if today.selected().is_some_and(|i| i.kind == kind) {
            return;
        }
        app.apply(Action::Down);
    }
    panic!("no {kind:?} on Today");
}

fn app_today(app: &casedesk::tui::app::App) -> &casedesk::tui::screens::today::TodayScreen {
    app.today_screen()
}

#[test]
fn completing_from_today_asks_for_evidence_saves_and_undo_reverses_it() {
    let mut app = demo_app(60);
    select_first(&mut app, ItemKind::Condition);
    let condition = app_today(&app).selected().unwrap().entity_id;
    app.handle_key(key(KeyCode::Char('c')));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    insta::assert_snapshot!("complete_prompt_100x30", screen(&mut app, 100, 30));
    // Saving without evidence is refused inside the prompt.
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    type_text(&mut app, "Attendance report from provider");
    app.handle_key(ctrl('s'));
    assert!(app.overlay.is_none());
    let (status, is_error) = app.status.clone().unwrap();
    assert!(!is_error && status.contains("marked complete"), "{status}");
    assert_eq!(app.store.condition_status(condition).unwrap(), "completed");
    assert!(!app_today(&app).items().any(|i| i.kind == ItemKind::Condition && i.entity_id == condition));

    // Undo names the change in the screen's words and asks before reversing it.
    app.handle_key(key(KeyCode::Char('u')));
    let asked = match &app.overlay {
        Some(Overlay::Prompt(p)) => p.prompt.message.clone(),
        _ => panic!("undo did not ask first"),
    };
    assert!(asked.starts_with("Undo: ") && asked.contains(" marked completed?"), "{asked}");
    assert!(!asked.contains('_') && !asked.contains("related rows"), "{asked}");
    assert_eq!(app.store.condition_status(condition).unwrap(), "completed", "nothing undone before Enter");
    app.handle_key(key(KeyCode::Enter));
    let (status, _) = app.status.clone().unwrap();
    assert!(status.starts_with("Undone: ") && status.contains(" marked completed."), "{status}");
    assert_eq!(app.store.condition_status(condition).unwrap(), "active");
    // The condition brought back is selected again, not the row after it.
    let selected = app_today(&app).selected().unwrap();
    assert_eq!((selected.kind, selected.entity_id), (ItemKind::Condition, condition));
    assert!(app.store.check().unwrap().is_ok());
}

#[test]
fn undo_survives_a_restart_because_it_reads_the_change_log() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.db");
    let condition;
    {
        let mut store = casedesk::store::Store::open(&path, casedesk::store::OpenMode::CreateIfMissing).unwrap();
        casedesk::demo::generate(
            &mut store,
            &casedesk::demo::DemoOptions { cases: 40, seed: 3, today: common::today() },
        )
        .unwrap();
        let mut app = casedesk::tui::app::App::new(
            store,
            common::today(),
            casedesk::tui::keymap::Keymap::default(),
            casedesk::tui::theme::MONOCHROME,
        )
        .unwrap();
        select_first(&mut app, ItemKind::Condition);
        condition = app_today(&app).selected().unwrap().entity_id;
        app.handle_key(key(KeyCode::Char('c')));
        type_text(&mut app, "Course certificate seen");
        app.handle_key(ctrl('s'));
        assert_eq!(app.store.condition_status(condition).unwrap(), "completed");
    }
    let store = casedesk::store::Store::open(&path, casedesk::store::OpenMode::MustExist).unwrap();
    let mut app = casedesk::tui::app::App::new(
        store,
        common::today(),
        casedesk::tui::keymap::Keymap::default(),
        casedesk::tui::theme::MONOCHROME,
    )
    .unwrap();
    // After a restart the change may not be the one the user remembers: undo asks first.
    app.handle_key(ctrl('z'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "the first undo after a restart asks");
    assert_eq!(app.store.condition_status(condition).unwrap(), "completed");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.store.condition_status(condition).unwrap(), "active");
}

#[test]
fn a_breach_prompt_records_the_breach_on_the_condition() {
    let mut app = demo_app(60);
    select_first(&mut app, ItemKind::Condition);
    let item = app_today(&app).selected().unwrap().clone();
    app.handle_key(key(KeyCode::Char('b')));
    insta::assert_snapshot!("breach_prompt_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "Did not attend the course");
    app.handle_key(ctrl('s'));
    let (status, is_error) = app.status.clone().unwrap();
    // A community resolution has no breach process: that is a clear refusal.
    if is_error {
        assert!(status.contains("no breach process"), "{status}");
        assert_eq!(app.store.condition_status(item.entity_id).unwrap(), "active");
    } else {
        assert!(status.contains("breach recorded"), "{status}");
        assert_eq!(app.store.condition_status(item.entity_id).unwrap(), "not_completed");
    }
}

#[test]
fn logging_a_contact_from_today_adds_a_contact_row() {
    let mut app = demo_app(30);
    app.apply(Action::Down);
    let before = app.store.contact_count().unwrap();
    app.handle_key(key(KeyCode::Char('l')));
    insta::assert_snapshot!("contact_prompt_100x30", screen(&mut app, 100, 30));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Left a voicemail for the harmed party");
    app.handle_key(ctrl('s'));
    assert_eq!(app.store.contact_count().unwrap(), before + 1);
}

#[test]
fn typing_q_into_a_prompt_types_a_q_and_does_not_quit() {
    let mut app = demo_app(30);
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "quite");
    assert!(!app.quit);
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    app.handle_key(key(KeyCode::Char('q')));
    assert!(app.quit);
}

#[test]
fn exporting_the_summary_writes_a_file_and_says_where() {
    let dir = tempfile::TempDir::new().unwrap();
    std::env::set_var("CASEDESK_EXPORT_DIR", dir.path());
    let mut app = demo_app(30);
    app.handle_key(key(KeyCode::Char('e')));
    let (status, is_error) = app.status.clone().unwrap();
    assert!(!is_error, "{status}");
    let file = dir.path().join("casedesk-summary-2026-11-20.md");
    assert!(status.contains(&file.display().to_string()), "{status}");
    assert!(std::fs::read_to_string(file).unwrap().contains("End-of-day summary"));
}

/// Issue 16: every timeline row said "by unknown", the operating-system
/// account being all the desk knew. The first run asks the person's name
/// and role; from then on they are recorded as who made each change.
#[test]
fn the_first_run_asks_who_you_are_and_records_it_with_every_change() {
    let (_dir, db, ()) = common::desk_in_file(|_| ());
    let open = || {
        let store = casedesk::store::Store::open(&db, casedesk::store::OpenMode::MustExist).unwrap();
        casedesk::tui::app::App::new(
            store,
            common::today(),
            casedesk::tui::keymap::Keymap::default(),
            casedesk::tui::theme::MONOCHROME,
        )
        .unwrap()
    };
    let mut app = open();
    app.ask_who_you_are();
    let Some(Overlay::Prompt(p)) = &app.overlay else { panic!("the first run asks") };
    assert_eq!(p.prompt.title, "Who is working at this desk?");
    insta::assert_snapshot!("who_you_are_80x24", screen(&mut app, 80, 24));
    // Both are needed: Enter with the role empty keeps the form.
    type_text(&mut app, "Jo Bloggs");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "the role is required");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "RJ coordinator");
    app.handle_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none());
    let (said, error) = app.status.clone().unwrap();
    assert!(!error && said == "Welcome, Jo Bloggs: your changes are recorded as Jo Bloggs (RJ coordinator).", "{said}");
    let case = casedesk::store::model::NewCase::new(
        casedesk::domain::types::Service::Mediation,
        casedesk::domain::types::Source::Housing,
        common::today(),
    );
    app.store.write(|tx| tx.create_case(&case)).unwrap();
    let mut users = Vec::new();
    app.store
        .each_audit_line(None, |line| {
            users.push((line.entity.clone(), line.user.clone()));
            true
        })
        .unwrap();
    assert!(users.contains(&("case_file".to_string(), "Jo Bloggs (RJ coordinator)".to_string())), "{users:?}");
    drop(app);

    // The next start knows them and does not ask again.
    let mut app = open();
    app.ask_who_you_are();
    assert!(app.overlay.is_none(), "asked only while no name is given");
    assert_eq!(app.store.user(), "Jo Bloggs (RJ coordinator)");
}

/// Issue 16 §7: the status line says where a file went every time; at 80
/// columns a long path used to be cut off. It takes more lines instead.
#[test]
fn a_long_status_is_shown_whole_at_80_columns() {
    let mut app = demo_app(20);
    let path = "/home/sam.hale/Documents/casedesk/casedesk-summary-2026-11-20.md";
    app.status = Some((format!("Summary written to {path}"), false));
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("casedesk-summary-2026-11-20.md"), "{shown}");
    assert!(shown.contains("Summary written to"), "{shown}");
    // The footer keeps its place on the last line.
    assert!(shown.lines().last().unwrap_or_default().contains("? help"), "{shown}");
}
