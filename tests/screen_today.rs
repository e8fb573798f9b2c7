//! The Today screen reads its list a page at a time: walking it with the
//! keys, either way, meets every item of the whole list once, in order, and
//! every frame draws the rows of the whole list around the selection.

mod common;

use casedesk::domain::triage::{ItemKind, TodayItem, TodaySection};
use casedesk::store::Day;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use common::{ctrl, demo_app, key, screen, type_text};
use crossterm::event::KeyCode;

/// Enough cases for several sections to run past a page (of a 24-line
/// terminal), and the list well past the rows the screen holds at once.
const CASES: u32 = 700;
const WIDTH: u16 = 100;
const HEIGHT: u16 = 24;
/// The list's lines at that height: all but the tabs, the list's borders,
/// the detail box, the status line and the footer.
const PAGE: usize = HEIGHT as usize - 9;

fn whole_list(app: &App) -> Vec<TodayItem> {
    let (calendar, rules) = (app.store.calendar().unwrap(), app.store.rules().unwrap());
    app.store.today_items(&Day::new(common::today(), &calendar, &rules)).unwrap()
}

fn selected(app: &App) -> Option<(ItemKind, i64)> {
    app.today_screen().selected().map(|i| (i.kind, i.entity_id))
}

/// What each line of the whole list starts with, as drawn: a heading with
/// its count, or an item's case reference ("Facilitator" for a vetting).
fn lines_of(items: &[TodayItem]) -> Vec<String> {
    let mut lines = Vec::new();
    for section in TodaySection::ALL {
        let these: Vec<_> = items.iter().filter(|i| i.section == *section).collect();
        lines.push(format!("{} ({})", section.heading(), these.len()));
        lines.extend(these.iter().map(|i| i.reference().to_string()));
    }
    lines
}

/// The list's lines on screen, each cut to what `lines_of` gives, and the
/// one marked as selected.
fn drawn(app: &mut App) -> (Vec<String>, Option<usize>) {
    let text = screen(app, WIDTH, HEIGHT);
    let list: Vec<&str> = text.lines().skip(2).take(PAGE).collect();
    let mut marked = None;
    let lines = list
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let inner = line.trim_start_matches('│').trim_end_matches('│');
            if inner.starts_with('▶') {
                marked = Some(n);
            }
            let inner = inner.trim_start_matches('▶').trim();
            match TodaySection::ALL.iter().find(|s| inner.starts_with(s.heading())) {
                Some(_) => inner.to_string(),
                None => inner.split_whitespace().next().unwrap_or("").to_string(),
            }
        })
        .collect();
    (lines, marked)
}

/// The frame shows a run of the whole list's lines with the selected item
/// on the marked line.
fn assert_frame(app: &mut App, all: &[String], items: &[TodayItem], at: usize) {
    // The line of item `at` in the whole list: items before it, and the
    // headings of its section and those before.
    let section = TodaySection::ALL.iter().position(|s| *s == items[at].section).unwrap();
    let line = at + section + 1;
    let (lines, marked) = drawn(app);
    let marked = marked.expect("a line is marked");
    let first = line - marked;
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines, all[first..(first + lines.len()).min(all.len())], "the frame at item {at}");
}

fn walk(app: &mut App, action: Action, all: &[String], items: &[TodayItem], step: usize) -> Vec<(ItemKind, i64)> {
    let mut seen = vec![selected(app).unwrap()];
    loop {
        app.apply(action);
        let now = selected(app).unwrap();
        if now == *seen.last().unwrap() {
            return seen;
        }
        seen.push(now);
        let at = items.iter().position(|i| (i.kind, i.entity_id) == now).unwrap();
        assert_frame(app, all, items, at);
        assert!(seen.len() <= items.len() / step + 2, "the walk does not end");
    }
}

fn ids(items: &[TodayItem]) -> Vec<(ItemKind, i64)> {
    items.iter().map(|i| (i.kind, i.entity_id)).collect()
}

#[test]
fn walking_down_and_back_up_meets_every_item_once_in_order() {
    let mut app = demo_app(CASES);
    screen(&mut app, WIDTH, HEIGHT);
    let items = whole_list(&app);
    let all = lines_of(&items);
    let long = TodaySection::ALL.iter().filter(|s| items.iter().filter(|i| i.section == **s).count() > PAGE).count();
    assert!(long >= 3, "only {long} sections run past a page");
    // The screen holds at most a few pages (at least 30 rows) either side
    // of the selection: the walk has to read on and let go many times.
    assert!(all.len() > 300, "the list runs to only {} lines", all.len());
    assert_frame(&mut app, &all, &items, 0);

    let down = walk(&mut app, Action::Down, &all, &items, 1);
    assert_eq!(down, ids(&items), "down, one at a time");
    let mut up = walk(&mut app, Action::Up, &all, &items, 1);
    up.reverse();
    assert_eq!(up, ids(&items), "back up, one at a time");
}

#[test]
fn paging_end_and_home_land_where_the_whole_list_says() {
    let mut app = demo_app(CASES);
    screen(&mut app, WIDTH, HEIGHT);
    let items = whole_list(&app);
    let all = lines_of(&items);
    let page = PAGE;

    let down = walk(&mut app, Action::PageDown, &all, &items, page);
    let mut want: Vec<_> = ids(&items).into_iter().step_by(page).collect();
    if want.last() != ids(&items).last() {
        want.push(*ids(&items).last().unwrap());
    }
    assert_eq!(down, want, "page down");
    let up = walk(&mut app, Action::PageUp, &all, &items, page);
    let last = items.len() - 1;
    let mut want: Vec<_> = (0..=last).rev().step_by(page).map(|n| ids(&items)[n]).collect();
    if want.last() != ids(&items).first() {
        want.push(ids(&items)[0]);
    }
    assert_eq!(up, want, "page up");

    app.apply(Action::Bottom);
    assert_eq!(selected(&app), Some(ids(&items)[last]));
    assert_frame(&mut app, &all, &items, last);
    app.apply(Action::Up);
    assert_eq!(selected(&app), Some(ids(&items)[last - 1]));
    app.apply(Action::Top);
    assert_eq!(selected(&app), Some(ids(&items)[0]));
    assert_frame(&mut app, &all, &items, 0);
}

#[test]
fn after_a_save_the_selection_stays_put_or_moves_to_the_next_item() {
    let mut app = demo_app(CASES);
    screen(&mut app, WIDTH, HEIGHT);
    let items = whole_list(&app);
    let all = lines_of(&items);
    // Far enough down that the rows around it were read page by page.
    let at = items
        .iter()
        .enumerate()
        .position(|(n, i)| n > 100 && i.kind == ItemKind::Condition && items[n + 1].section == i.section)
        .unwrap();
    while selected(&app) != Some((items[at].kind, items[at].entity_id)) {
        app.apply(Action::Down);
    }
    let (_, line) = drawn(&mut app);

    // Logging a contact keeps the item, on the same line.
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Rang about the course");
    app.handle_key(ctrl('s'));
    assert!(app.overlay.is_none(), "the contact was saved");
    assert_eq!(selected(&app), Some((items[at].kind, items[at].entity_id)));
    assert_eq!(drawn(&mut app).1, line);

    // Completing it moves the selection to the item that followed it.
    app.handle_key(key(KeyCode::Char('c')));
    type_text(&mut app, "Certificate seen");
    app.handle_key(ctrl('s'));
    assert!(app.overlay.is_none(), "the completion was saved");
    let after = whole_list(&app);
    assert_eq!(after.len(), items.len() - 1);
    assert_eq!(selected(&app), Some((items[at + 1].kind, items[at + 1].entity_id)));
    assert_eq!(drawn(&mut app).1, line);
    assert_frame(&mut app, &lines_of(&after), &after, at);
    assert_ne!(lines_of(&after), all);
}

/// Issue 13 §4: a disposal whose conditions are all done is listed to
/// finalise, f on its row finalises it, and it moves to "Police record to
/// update" until that is done.
#[test]
fn a_disposal_ready_to_finalise_is_finalised_from_its_row() {
    let mut app = demo_app(60);
    let find = |app: &mut App, kind: ItemKind| {
        app.apply(Action::Top);
        for _ in 0..400 {
            if app.today_screen().selected().is_some_and(|i| i.kind == kind) {
                return app.today_screen().selected().cloned();
            }
            app.apply(Action::Down);
        }
        None
    };
    let ready = find(&mut app, ItemKind::Finalise).expect("the demo desk has a disposal ready to finalise");
    insta::assert_snapshot!("ready_to_finalise_80x24", screen(&mut app, 80, 24));
    app.apply(Action::Finalise);
    assert!(screen(&mut app, 80, 24).contains("Home Office outcome"));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = app.status.clone().unwrap_or_default();
    assert!(!error && message.contains("police record still to update"), "{message}");
    // The demo leaves a few police records of its own to update: this one
    // is listed among them until it is updated.
    let waiting =
        |app: &App| whole_list(app).iter().any(|i| i.kind == ItemKind::PoliceRecord && i.case_id == ready.case_id);
    assert!(waiting(&app), "listed until its police record is updated");
    let mut steps = 0;
    while app.today_screen().selected().is_none_or(|i| i.kind != ItemKind::PoliceRecord || i.case_id != ready.case_id) {
        app.apply(Action::Down);
        steps += 1;
        assert!(steps < 400, "the finalised case is on the list");
    }
    app.apply(Action::Finalise);
    app.handle_key(key(KeyCode::Enter));
    assert!(!waiting(&app), "off Today once the police record is updated");
}

/// Issue 16 §6: at 200×60 the first frame has room for headings further
/// down than the rows read before it was drawn; the next tick counts them,
/// so no heading keeps "(…)" until a key is pressed.
#[test]
fn a_tall_first_frame_counts_every_heading_it_shows_without_a_key() {
    let mut app = demo_app(200);
    let first = screen(&mut app, 200, 60);
    assert!(app.tick(), "the taller frame has more to read:\n{first}");
    let text = screen(&mut app, 200, 60);
    assert!(!text.contains("(…)"), "{text}");
    assert!(text.contains("Due in the next 5 working days ("), "{text}");
    assert!(!app.tick(), "nothing more to read once it is read");
}

/// Seen at 120×40: descriptions cut while an empty coordinator column sat
/// in sections where no case has one. Each section's column is as wide as
/// the longest name it shows, and none where there is none.
#[test]
fn a_section_without_coordinators_gives_their_column_to_the_description() {
    let mut app = demo_app(200);
    let text = screen(&mut app, 120, 40);
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let after = |heading: &str| -> &Vec<char> {
        let at = text.lines().position(|l| l.contains(heading)).unwrap_or_else(|| panic!("{heading}: {text}"));
        &lines[at + 1]
    };
    // Border, marker, indent, reference (15) and when (25): the description next.
    const DESCRIPTION: usize = 1 + 2 + 2 + 15 + 25;
    let referral = after("Referrals awaiting sense-check");
    assert!(referral[DESCRIPTION - 1] == ' ' && referral[DESCRIPTION] != ' ', "{text}");
    let overdue = text.lines().find(|l| l.contains("wd overdue") && l.contains(" Sarah Whitcombe Agreement"));
    assert!(overdue.is_some(), "a coordinator's name shown whole where the section has one: {text}");
    insta::assert_snapshot!("today_120x40", text);
}

/// A date of another year makes the "when" longer than its column ("30 wd
/// since Thu 26 Nov 2026"): the column widens for its section, and the
/// coordinator after it is never run into (seen on the walk in January).
#[test]
fn a_when_of_another_year_widens_its_column_and_keeps_the_coordinator_apart() {
    let mut store = casedesk::store::Store::open_in_memory().unwrap();
    let options = casedesk::demo::DemoOptions { cases: 200, seed: 11, today: common::today() };
    casedesk::demo::generate(&mut store, &options).unwrap();
    let january = chrono::NaiveDate::from_ymd_opt(2027, 1, 12).unwrap();
    let keymap = casedesk::tui::keymap::Keymap::default();
    let mut app = App::new(store, january, keymap, casedesk::tui::theme::MONOCHROME).unwrap();
    // Down the list a page at a time to the waiting-too-long section.
    let mut since = None;
    for _ in 0..40 {
        let text = screen(&mut app, 160, 48);
        since = text.lines().find(|l| l.contains(" wd since ") && l.contains(" 2026")).map(str::to_string);
        if since.is_some() {
            break;
        }
        app.handle_key(key(KeyCode::PageDown));
    }
    let since = since.expect("a case waiting since a day of 2026");
    let at = since.find(" 2026").unwrap() + " 2026".len();
    assert_eq!(&since[at..at + 1], " ", "the coordinator runs into the date: {since}");
}
