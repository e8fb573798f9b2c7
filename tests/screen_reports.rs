//! The Reports screen: bar charts and weekly sparklines of the period, the
//! figures with their definitions, and `p` stepping through the periods.
//! Snapshots at 100×30 and 80×24 over demo data on a fixed date.

mod common;

use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::screens::reports::{Period, ReportsScreen};
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use common::{demo_app, empty_app, key, screen, today};
use crossterm::event::KeyCode;

fn reports_app() -> App {
    let mut app = demo_app(150);
    app.handle_key(key(KeyCode::Char('7')));
    assert_eq!(app.current, ScreenId::Reports);
    app
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The first line of the screen that contains `text`.
fn line_with(text: &str, shown: &str) -> String {
    shown.lines().find(|l| l.contains(text)).unwrap_or_else(|| panic!("no {text:?} in\n{shown}")).to_string()
}

#[test]
fn charts_100x30() {
    let mut app = reports_app();
    insta::assert_snapshot!("charts_100x30", screen(&mut app, 100, 30));
}

#[test]
fn charts_80x24() {
    let mut app = reports_app();
    insta::assert_snapshot!("charts_80x24", screen(&mut app, 80, 24));
}

#[test]
fn definitions_100x30() {
    let mut app = reports_app();
    app.handle_key(key(KeyCode::Char('t')));
    insta::assert_snapshot!("definitions_100x30", screen(&mut app, 100, 30));
}

#[test]
fn definitions_80x24_second_row_selected() {
    let mut app = reports_app();
    app.handle_key(key(KeyCode::Char('t')));
    app.handle_key(key(KeyCode::Down));
    insta::assert_snapshot!("definitions_80x24", screen(&mut app, 80, 24));
}

#[test]
fn financial_year_100x30() {
    let mut app = reports_app();
    for _ in 0..3 {
        app.handle_key(key(KeyCode::Char('p')));
    }
    insta::assert_snapshot!("financial_year_100x30", screen(&mut app, 100, 30));
}

#[test]
fn empty_database_80x24() {
    let mut app = empty_app();
    app.apply(Action::ScreenReports);
    insta::assert_snapshot!("empty_80x24", screen(&mut app, 80, 24));
}

#[test]
fn periods_end_today_and_the_financial_year_starts_in_april() {
    let friday = today();
    assert_eq!(Period::Last4Weeks.range(friday), (d("2026-10-24"), friday));
    assert_eq!(Period::Last13Weeks.range(friday), (d("2026-08-22"), friday));
    assert_eq!(Period::Last52Weeks.range(friday), (d("2025-11-22"), friday));
    assert_eq!(Period::FinancialYear.range(friday), (d("2026-04-01"), friday));
    assert_eq!(Period::FinancialYear.range(d("2027-03-31")), (d("2026-04-01"), d("2027-03-31")));
    assert_eq!(Period::FinancialYear.range(d("2027-04-01")), (d("2027-04-01"), d("2027-04-01")));
    let mut p = Period::Last4Weeks;
    for _ in 0..5 {
        p = p.next();
    }
    assert_eq!(p, Period::Last4Weeks, "p cycles through four periods and the RJ return, and back");
    assert_eq!(Period::RjQuarter.range(friday), (d("2026-07-01"), d("2026-09-30")), "the last full quarter");
    assert_eq!(Period::RjQuarter.range(d("2027-02-01")), (d("2026-10-01"), d("2026-12-31")));
    assert_eq!(ReportsScreen::new().period(), Period::Last4Weeks);
}

#[test]
fn p_cycles_the_period_and_changes_the_figures() {
    let mut app = reports_app();
    let before = screen(&mut app, 100, 30);
    assert!(before.contains("Last 4 weeks"), "{before}");
    let source_title = line_with("Referrals by source (", &before);
    app.handle_key(key(KeyCode::Char('p')));
    let after = screen(&mut app, 100, 30);
    assert!(after.contains("Last 13 weeks") && after.contains("Sat 22 Aug 2026 – Fri 20 Nov 2026"), "{after}");
    let (message, is_error) = app.status.clone().unwrap();
    assert!(!is_error && message.contains("2026-08-22"), "{message}");
    let later_title = line_with("Referrals by source (", &after);
    let total = |line: &str| -> u64 {
        let start = line.find("Referrals by source (").unwrap() + "Referrals by source (".len();
        line[start..].split(')').next().unwrap().parse().unwrap()
    };
    assert!(
        total(&later_title) > total(&source_title),
        "13 weeks hold more referrals than 4:\n{source_title}\n{later_title}"
    );
    // Four more presses: 52 weeks, the financial year, the RJ return, then back to 4 weeks.
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Char('p')));
    }
    let back = screen(&mut app, 100, 30);
    assert_eq!(line_with("Referrals by source (", &back), source_title);
}

#[test]
fn t_shows_each_figure_with_its_definition() {
    let mut app = reports_app();
    app.handle_key(key(KeyCode::Char('t')));
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("Figures and their counting definitions"), "{shown}");
    let first = line_with("Referrals received", &shown);
    assert!(first.contains("Cases of every service"), "the definition is beside the figure: {first}");
    // The selected figure's definition is written out in full below the table.
    assert!(shown.contains("whatever their status now."), "{shown}");
    app.handle_key(key(KeyCode::Char('t')));
    assert!(screen(&mut app, 100, 30).contains("By week"));
}

#[test]
fn the_footer_names_the_screen_keys() {
    let mut app = reports_app();
    let shown = screen(&mut app, 80, 24);
    let footer = shown.lines().last().unwrap();
    assert!(footer.contains("p period") && footer.contains("t switch view"), "{footer}");
}

#[test]
fn the_longest_definition_fits_its_pane_80x24() {
    let mut app = reports_app();
    app.handle_key(key(KeyCode::Char('t')));
    let mut shown = screen(&mut app, 80, 24);
    for _ in 0..100 {
        if shown.contains("┌ Receipt to sense-check: 90th percentile") {
            break;
        }
        app.handle_key(key(KeyCode::Down));
        shown = screen(&mut app, 80, 24);
    }
    assert!(shown.contains("at least 90% took that long or less"), "the definition's last words show:\n{shown}");
    insta::assert_snapshot!("definitions_p90_80x24", shown);
}

/// Figures are reused when nothing has changed, but a referral logged
/// elsewhere shows the next time Reports is opened.
#[test]
fn a_new_referral_shows_when_reports_is_opened_again() {
    use casedesk::domain::types::{Service, Source};
    use casedesk::store::model::NewCase;
    let mut app = reports_app();
    let total = |app: &mut App| -> u64 {
        let line = line_with("Referrals by source (", &screen(app, 100, 30));
        let start = line.find("Referrals by source (").unwrap() + "Referrals by source (".len();
        line[start..].split(')').next().unwrap().parse().unwrap()
    };
    let before = total(&mut app);
    app.handle_key(key(KeyCode::Char('1')));
    app.handle_key(key(KeyCode::Char('7')));
    assert_eq!(total(&mut app), before, "nothing changed");
    app.handle_key(key(KeyCode::Char('1')));
    app.store.write(|tx| tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, today()))).unwrap();
    app.handle_key(key(KeyCode::Char('7')));
    assert_eq!(total(&mut app), before + 1);
}

/// Referrals in the period by the report's own count, as the chart's title
/// shows them: "Referrals by source (N)".
fn referrals_counted(path: &std::path::Path, period: Period) -> String {
    use casedesk::export::report::{gather, FigureValue};
    let store = casedesk::store::Store::open(path, casedesk::store::OpenMode::ToRead).unwrap();
    let (from, to) = period.range(today());
    let report = gather(&store, from, to, &store.calendar().unwrap()).unwrap();
    let total: i64 = report
        .figures
        .iter()
        .filter(|f| f.key.starts_with("referrals_by_source."))
        .map(|f| match f.value {
            FigureValue::Count(n) => n,
            FigureValue::WorkingDays(_) | FigureValue::Number(_) => 0,
        })
        .sum();
    format!("Referrals by source ({total})")
}

/// Wait (at most a minute) for the screen to take in its background count.
fn settle(app: &mut App) {
    let start = std::time::Instant::now();
    while app.busy() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the count never came back");
        app.tick();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_large_desk_is_counted_on_another_thread_and_shown_when_ready() {
    use casedesk::demo::{create_database, DemoOptions};
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("large.db");
    create_database(&path, &DemoOptions { cases: 4000, seed: 3, today: today() }).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    assert!(bytes >= 16 << 20, "the desk must be large enough to be counted apart: {bytes} bytes");
    let store = casedesk::store::Store::open(&path, casedesk::store::OpenMode::MustExist).unwrap();
    let mut app =
        App::new(store, today(), casedesk::tui::keymap::Keymap::default(), casedesk::tui::theme::MONOCHROME).unwrap();

    // Going to Reports starts the count and returns at once; the screen says so.
    app.handle_key(key(KeyCode::Char('7')));
    assert!(app.busy(), "a large desk is counted on another thread");
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("Counting the figures for last 4 weeks"), "{shown}");
    settle(&mut app);
    let shown = screen(&mut app, 100, 30);
    line_with(&referrals_counted(&path, Period::Last4Weeks), &shown);

    // The next period is counted the same way, and its figures replace the last.
    app.apply(Action::Period);
    assert!(app.busy());
    settle(&mut app);
    let shown = screen(&mut app, 100, 30);
    line_with(" Last 13 weeks ", &shown);
    line_with(&referrals_counted(&path, Period::Last13Weeks), &shown);

    // Coming back with nothing changed reuses the figures: no new count.
    app.apply(Action::ScreenToday);
    app.apply(Action::ScreenReports);
    assert!(!app.busy());
}

/// At 200 columns the figure column stayed 50 wide and cut its longest
/// labels mid-word ("90th percentile (working d") with room to spare.
#[test]
fn definitions_show_each_figure_whole_at_200_columns() {
    let mut app = reports_app();
    app.handle_key(key(KeyCode::Char('t')));
    let shown = screen(&mut app, 200, 60);
    for figure in ["Receipt to sense-check: 90th percentile", "Receipt to decision: 90th percentile"] {
        let row = line_with(figure, &shown);
        assert!(row.contains(&format!("{figure} (working days)")), "cut: {row}");
    }
    insta::assert_snapshot!("definitions_200x60", shown);
}

/// At 200 columns the four weekly bars used to stretch into blocks of fifty
/// columns with nothing saying which week was which: each week keeps a
/// narrow bar, and the weeks it covers are named beside it.
#[test]
fn weekly_sparklines_stay_a_bar_a_week_and_are_labelled_at_200_columns() {
    let mut app = reports_app();
    let shown = screen(&mut app, 200, 60);
    let lines: Vec<&str> = shown.lines().collect();
    let title = lines.iter().position(|l| l.contains("Referrals received:")).expect("the weekly series");
    let is_bar = |c: char| ('▁'..='█').contains(&c);
    for row in &lines[title + 1..title + 3] {
        let bars = row.chars().filter(|c| is_bar(*c)).count();
        assert!(bars <= 4 * 3, "four weeks take at most three columns each, not {bars}:\n{row}");
    }
    let label = lines[title + 1..title + 3].join("\n");
    assert!(label.contains("24 Oct") && label.contains("a bar a week"), "the weeks are named:\n{label}");
}

/// The fifth press of p shows the RJ quarterly return for the last full
/// quarter as its table of figures, each with its counting definition.
#[test]
fn the_rj_quarterly_return_is_a_period_of_its_own() {
    let mut app = reports_app();
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Char('p')));
    }
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("RJ quarterly return") && text.contains("Wed 1 Jul 2026 – Wed 30 Sep 2026"), "{text}");
    assert!(text.contains("Referrals received") && text.contains("by received date"), "{text}");
    insta::assert_snapshot!("rj_quarterly_100x30", text);
    insta::assert_snapshot!("rj_quarterly_80x24", screen(&mut app, 80, 24));
}
