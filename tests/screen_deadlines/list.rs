//! The list: every open deadline in due order, its filters, focus from
//! Today, and paging.

use crate::common::{demo_app, key, screen, today, type_text};
use casedesk::store::views::deadlines::{DeadlineFilter, DeadlineSource};
use casedesk::tui::action::Action;
use casedesk::tui::screens::ScreenId;
use crossterm::event::KeyCode;

use super::{all_rows, deadlines_app, find_row, is_item, selected_line};

#[test]
fn the_list_is_every_open_deadline_in_due_order() {
    let app = deadlines_app();
    let rows = all_rows(&app);
    assert!(rows.iter().any(|r| r.key.source == DeadlineSource::Condition));
    assert!(rows.iter().any(is_item));
    assert!(rows.iter().any(|r| r.open_breach_id.is_some()), "breaches awaiting a decision are listed");
    let keys: Vec<_> = rows.iter().map(|r| r.key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by due date, then source, then id");
    for r in &rows {
        let open = match r.key.source {
            DeadlineSource::Condition => {
                ["active", "referred", "booked", "in_progress", "varied"].contains(&r.status.as_str())
                    || r.open_breach_id.is_some()
            }
            DeadlineSource::AgreementItem => ["open", "overdue"].contains(&r.status.as_str()),
            DeadlineSource::MeetingAction => r.status.as_str() == "open",
        };
        assert!(open, "{} {} is {}", r.case_ref, r.kind, r.status);
    }
    let count = app.store.deadline_count(&DeadlineFilter::default()).unwrap();
    assert_eq!(count.count, rows.len());
}

#[test]
fn filters_narrow_the_list_and_say_so() {
    let mut app = deadlines_app();
    let all = app.store.deadline_count(&DeadlineFilter::default()).unwrap().count;
    app.apply(Action::Filter);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("f overdue"), "{text}");
    let overdue = all_rows(&app).iter().filter(|r| r.key.due_on < today()).count();
    assert!(overdue > 0 && overdue < all);
    assert!(text.contains(&format!("{overdue} items")), "header counts the overdue rows:\n{text}");
    // Every row shown is overdue: its working days left are negative.
    for line in text.lines().filter(|l| l.contains("OOCD-") || l.contains("RJ-") || l.contains("MED-")) {
        if line.contains("·") {
            continue; // the detail line
        }
        assert!(line.contains(" -"), "not overdue: {line}");
    }
    // This week: today is a Friday, so only what is due today.
    app.apply(Action::Filter);
    let due_today = all_rows(&app).iter().filter(|r| r.key.due_on == today()).count();
    assert!(screen(&mut app, 100, 30).contains(&format!("{due_today} item")));
    // Back to all: the cycle has three steps and asks nothing.
    app.apply(Action::Filter);
    assert!(app.overlay.is_none(), "the due-date cycle opened a prompt");
    assert!(screen(&mut app, 100, 30).contains(&format!("{all} items")));

    // Service: RJ shows only RJ references.
    app.apply(Action::FilterService);
    app.apply(Action::FilterService);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("s RJ"), "{text}");
    assert!(text.contains("RJ-20") && !text.contains("OOCD-20") && !text.contains("MED-20"), "{text}");

    // Provider: the first provider, conditions only.
    app.apply(Action::FilterService);
    app.apply(Action::FilterService);
    // Provider: searched by typing part of a name ("All providers" first),
    // not stepped through.
    app.apply(Action::FilterProvider);
    assert!(screen(&mut app, 100, 30).contains("All providers"));
    let (provider_id, name) = app.store.deadline_providers().unwrap()[0].clone();
    type_text(&mut app, &name.chars().take(12).collect::<String>());
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 100, 30);
    let shown: String = name.chars().take(20).collect(); // long names are shortened
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&format!("p {shown}")), "{text}");
    let expected = app
        .store
        .deadline_count(&DeadlineFilter { provider_id: Some(provider_id), ..DeadlineFilter::default() })
        .unwrap()
        .count;
    assert!(expected < all);
    assert!(text.contains(&format!("{expected} item")), "{text}");
    assert!(!text.contains("Agreement:"), "agreement items have owners, not providers");
}

#[test]
fn words_filter_finds_a_case_and_esc_clears_it() {
    let mut app = deadlines_app();
    let row = find_row(&app, is_item);
    app.apply(Action::FilterWords);
    type_text(&mut app, &row.case_ref);
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 100, 30);
    // The filters' line wraps where it is longer than the screen is wide.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&format!("matching \"{}\"", row.case_ref)), "{text}");
    let listed: Vec<&str> =
        text.lines().filter(|l| l.starts_with('│') && l.contains(" 20") && !l.contains('·')).collect();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|l| l.contains(&row.case_ref)), "{text}");
    app.apply(Action::Back);
    assert!(!screen(&mut app, 100, 30).contains("matching"));
}

#[test]
fn focus_from_today_selects_the_condition() {
    let mut app = deadlines_app();
    app.apply(Action::ScreenToday);
    let line = screen(&mut app, 100, 30);
    // Walk down Today to the first condition and open it.
    let mut opened = false;
    for _ in 0..60 {
        app.apply(Action::Down);
        app.apply(Action::Open);
        if app.current == ScreenId::Deadlines {
            opened = true;
            break;
        }
        app.apply(Action::ScreenToday);
    }
    assert!(opened, "Today lists a condition:\n{line}");
    let selected = selected_line(&mut app);
    assert!(selected.contains("OOCD-"), "a condition is selected: {selected}");
}

#[test]
fn moving_past_a_page_reads_the_next_one() {
    // Enough cases for more than one page of 200 rows.
    let mut app = demo_app(900);
    app.apply(Action::ScreenDeadlines);
    let rows = all_rows(&app);
    assert!(rows.len() > 250, "the demo gives {} rows", rows.len());
    for _ in 0..230 {
        app.apply(Action::Down);
    }
    let line = selected_line(&mut app);
    let expected = &rows[230];
    assert!(
        line.contains(&expected.case_ref) && line.contains(&casedesk::domain::dates::day(expected.key.due_on)),
        "{line}"
    );
    for _ in 0..40 {
        app.apply(Action::Up);
    }
    let line = selected_line(&mut app);
    assert!(
        line.contains(&rows[190].case_ref) && line.contains(&casedesk::domain::dates::day(rows[190].key.due_on)),
        "{line}"
    );
    app.apply(Action::Bottom);
    let last = rows.last().unwrap();
    assert!(selected_line(&mut app).contains(&last.case_ref));
    app.apply(Action::Top);
    assert!(selected_line(&mut app).contains(&rows[0].case_ref));
}
