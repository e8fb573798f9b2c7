//! One date style on every screen: the desk's setting ("Fri 20 Nov 2026"
//! by default) is how the tab bar, Deadlines, the Case timeline and Today
//! show their dates, and a desk set to another style shows that one.

mod common;

use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::dates::DateStyle;
use casedesk::store::Store;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use common::{key, screen, today};
use crossterm::event::KeyCode;

fn app_in(style: Option<DateStyle>) -> App {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 30, seed: 11, today: today() }).unwrap();
    if let Some(style) = style {
        store.set_date_style(style).unwrap();
    }
    App::new(store, today(), Keymap::default(), MONOCHROME).unwrap()
}

/// Every screen's text, one after the other, at 120×40.
fn every_screen(app: &mut App) -> String {
    let mut all = String::new();
    for c in ['1', '4', '5', '6', '8'] {
        app.handle_key(key(KeyCode::Char(c)));
        all.push_str(&screen(app, 120, 40));
    }
    all
}

/// "27 Nov 26" or "2026-11-27": the forms the screens used before one style.
fn other_styles(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '│').filter(|w| !w.is_empty()).collect();
    let month =
        |w: &str| ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].contains(&w);
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let digits = |r: std::ops::Range<usize>| w.get(r).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
        let iso = w.len() >= 10 && w.as_bytes()[4] == b'-' && digits(0..4) && digits(5..7);
        if iso {
            found.push(w.to_string());
        }
        let two_digit_year = |y: &&&str| y.len() == 2 && y.parse::<u8>().is_ok();
        if month(w) && words.get(i + 1).filter(two_digit_year).is_some() {
            found.push(format!("{} {w} {}", words.get(i.wrapping_sub(1)).unwrap_or(&""), words[i + 1]));
        }
    }
    found
}

#[test]
fn the_screens_show_dates_in_the_default_style_only() {
    let mut app = app_in(None);
    let shown = every_screen(&mut app);
    assert!(shown.contains("Fri 20 Nov 2026"), "{shown}");
    let others = other_styles(&shown);
    let lines: Vec<&str> = shown.lines().filter(|l| others.iter().any(|o| l.contains(o.trim()))).collect();
    assert!(others.is_empty(), "dates in another style: {others:?} in\n{}", lines.join("\n"));
}

#[test]
fn a_desk_set_to_iso_shows_iso_dates() {
    let mut app = app_in(Some(DateStyle::Iso));
    let shown = every_screen(&mut app);
    assert!(shown.contains("2026-11-20") && !shown.contains("Fri 20 Nov 2026"), "{shown}");
    // Deadlines: the due column, in the style.
    app.handle_key(key(KeyCode::Char('4')));
    let deadlines = screen(&mut app, 120, 40);
    assert!(deadlines.lines().filter(|l| l.contains("-2026-") || l.contains(" 2026-")).count() > 3, "{deadlines}");
}
