//! Hostile text is inert on every screen.

use crate::common::today;
use casedesk::store::Store;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::screens::ScreenId;
use casedesk::tui::theme::MONOCHROME;
use ratatui::buffer::Buffer;

use super::{draw, hostile_desk, live_char, show, shown_rows, Refs};

fn hostile_app() -> (App, Refs) {
    let mut store = Store::open_in_memory().unwrap();
    let refs = hostile_desk(&mut store);
    (App::new(store, today(), Keymap::default(), MONOCHROME).unwrap(), refs)
}

fn assert_screen_inert(what: &str, buffer: &Buffer) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(live_char(symbol).is_none(), "{what}: cell ({x}, {y}) holds {symbol:?}");
        }
    }
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
