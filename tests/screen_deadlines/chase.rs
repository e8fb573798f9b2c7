//! Chasing, tagging, logging a contact and opening the case.

use crate::common::{ctrl, empty_app, key, screen, today, type_text};
use casedesk::tui::action::Action;
use casedesk::tui::screens::ScreenId;
use crossterm::event::KeyCode;

use super::{all_rows, app_on, d, deadlines_app, find_row, is_adult_cc_condition, is_item, status, tag};

#[test]
fn chase_logs_a_contact_with_a_follow_up_for_each_tagged_item() {
    let mut app = deadlines_app();
    let condition = find_row(&app, is_adult_cc_condition);
    let item = find_row(&app, is_item);
    tag(&mut app, &[&condition, &item]);
    app.apply(Action::Chase);
    assert!(screen(&mut app, 100, 30).contains("Chase 2 tagged items"));
    app.handle_key(key(KeyCode::Char('y')));
    // Friday 20 November + 2 working days = Tuesday 24 November.
    assert_eq!(status(&app), ("Saved: 2 chases logged; follow-up due Tue 24 Nov 2026.".to_string(), false));
    for row in [&condition, &item] {
        let contacts = app.store.deadline_case_contacts(row.case_id, 1).unwrap();
        let (summary, on, follow_up) = &contacts[0];
        assert!(
            summary.starts_with("Chase: ")
                && summary.ends_with(&format!("due {}", casedesk::domain::dates::day(row.key.due_on))),
            "{summary}"
        );
        assert_eq!((*on, *follow_up), (today(), Some(d("2026-11-24"))));
    }
}

#[test]
fn tag_all_tags_what_the_filter_shows_and_untag_clears() {
    let mut app = deadlines_app();
    app.apply(Action::Filter); // overdue
    app.apply(Action::TagAll);
    let overdue = all_rows(&app).iter().filter(|r| r.key.due_on < today()).count();
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with(&format!("Tagged {overdue} matching items")), "{text}");
    assert!(screen(&mut app, 100, 30).contains(&format!("{overdue} tagged")));
    app.apply(Action::ClearTags);
    assert!(screen(&mut app, 100, 30).contains("0 tagged"));
    app.apply(Action::Tag);
    app.apply(Action::Tag);
    assert!(screen(&mut app, 100, 30).contains("2 tagged"), "Space tags and moves on");
}

#[test]
fn log_a_contact_and_open_the_case() {
    let (mut app, row) = app_on(is_item);
    app.apply(Action::LogContact);
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Reminded the owner of the apology date");
    app.handle_key(ctrl('s'));
    assert_eq!(status(&app), ("Saved: contact logged.".to_string(), false));
    let contacts = app.store.deadline_case_contacts(row.case_id, 1).unwrap();
    assert_eq!(contacts[0].0, "Reminded the owner of the apology date");
    app.apply(Action::OpenCase);
    assert_eq!(app.current, ScreenId::Case);
}

#[test]
fn actions_with_nothing_selected_say_so() {
    let mut app = empty_app();
    app.apply(Action::ScreenDeadlines);
    for action in [Action::Complete, Action::Vary, Action::Breach, Action::DecideBreach, Action::Chase, Action::Tag] {
        app.status = None;
        app.apply(action);
        assert!(app.overlay.is_none(), "{action:?}");
        assert_eq!(status(&app), ("Nothing is selected.".to_string(), true), "{action:?}");
    }
}
