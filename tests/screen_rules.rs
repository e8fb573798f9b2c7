//! The Rules overlay: opened by its key or the palette, it lists every rule
//! in words; a local rule is changed with a reason (and undone), a rule set
//! by law refuses.

mod common;

use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use common::{ctrl, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;

fn value(app: &App, id: &str) -> f64 {
    app.store.rules().unwrap().get(id).unwrap().value
}

/// Move the selection down to the row whose name starts with `name`.
fn select(app: &mut App, name: &str) {
    for _ in 0..60 {
        let text = screen(app, 160, 48);
        let selected = text.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no {name} in\n{text}"));
        if let Some(Overlay::Rules(view)) = &app.overlay {
            let at = view.state.selected().unwrap();
            // The table starts two rows below the popup's top border (the header under it).
            let row_of_name = text.lines().position(|l| l == selected).unwrap();
            let row_of_selection =
                text.lines().position(|l| l.contains("Rule ") && l.contains("Value")).unwrap() + 1 + at;
            if row_of_name == row_of_selection {
                return;
            }
        }
        app.handle_key(key(KeyCode::Down));
    }
    panic!("could not select {name}");
}

#[test]
fn the_rules_overlay_lists_every_rule_in_words_at_80x24() {
    let mut app = empty_app();
    app.handle_key(ctrl('r'));
    assert!(matches!(app.overlay, Some(Overlay::Rules(_))));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Rules") && text.contains("When crossed"), "{text}");
    assert!(!text.contains("_WD") && !text.contains("CC_"), "a code shows:\n{text}");
    insta::assert_snapshot!("rules_80x24", text);
}

#[test]
fn the_palette_offers_the_rules() {
    let mut app = empty_app();
    app.apply(Action::Palette);
    type_text(&mut app, "rules");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Rules(_))));
}

#[test]
fn a_local_rule_is_changed_with_a_reason_and_undone() {
    let mut app = empty_app();
    app.apply(Action::Rules);
    select(&mut app, "Case at risk after");
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_text(&mut app, "3");
    // No reason: refused, and the edit stays open with what was typed.
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(value(&app, "AT_RISK_WD"), 5.0);
    assert!(screen(&mut app, 160, 48).contains("give the reason for changing the rule"));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "new local policy");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(value(&app, "AT_RISK_WD"), 3.0);
    assert!(screen(&mut app, 160, 48).contains("3 working days"));

    app.handle_key(key(KeyCode::Esc));
    common::undo(&mut app);
    assert_eq!(value(&app, "AT_RISK_WD"), 5.0);
}

#[test]
fn a_rule_set_by_law_refuses_to_be_changed_and_says_its_source() {
    let mut app = empty_app();
    app.apply(Action::Rules);
    select(&mut app, "Conditional caution fine, summary offence");
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("set by law (SI 2013/615)"), "{text}");
    assert!(matches!(&app.overlay, Some(Overlay::Rules(v)) if v.editing.is_none()));
    assert_eq!(value(&app, "CC_FIN_SUMMARY"), 5000.0);
}
