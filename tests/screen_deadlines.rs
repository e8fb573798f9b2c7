//! The Deadlines screen: every open condition and agreement item by due
//! date, its filters and tags, and the actions that complete, breach, decide,
//! vary and chase. Snapshots of the screen and each prompt at 100×30 and
//! 80×24; flows that end in database rows and a status line.

mod common;

use casedesk::domain::status::DisposalType;
use casedesk::store::views::deadlines::{DeadlineFilter, DeadlineRow, DeadlineSource, PageAt};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::NaiveDate;
use common::{demo_app, empty_app, key, screen, today, type_text};
use crossterm::event::KeyCode;

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
    for _ in 0..10 {
        app.handle_key(key(KeyCode::Backspace));
    }
}

/// Vary the selected row: a new due date typed over the old one, and why.
fn vary(app: &mut App, date: &str, reason: &str) {
    app.apply(Action::Vary);
    clear_field(app);
    type_text(app, date);
    app.handle_key(key(KeyCode::Tab));
    type_text(app, reason);
    app.handle_key(key(KeyCode::Enter));
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
    // The words filter is offered at the end of the due-date cycle.
    for _ in 0..3 {
        app.apply(Action::Filter);
    }
    assert!(prompt_open(&app));
    insta::assert_snapshot!("prompt_matching_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_matching_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));
    // Bulk actions confirm with a count first.
    app.apply(Action::TagAll);
    app.apply(Action::Complete);
    insta::assert_snapshot!("confirm_bulk_complete_80x24", screen(&mut app, 80, 24));
}

// ------------------------------------------------------------ the list

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
    // Back to all (the words prompt offered at the end is left with Esc).
    app.apply(Action::Filter);
    app.handle_key(key(KeyCode::Esc));
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
    app.apply(Action::FilterProvider);
    let (provider_id, name) = app.store.deadline_providers().unwrap()[0].clone();
    let text = screen(&mut app, 100, 30);
    let shown: String = name.chars().take(20).collect(); // long names are shortened
    assert!(text.contains(&format!("p {shown}")), "{text}");
    let expected = app
        .store
        .deadline_count(&DeadlineFilter { provider_id: Some(provider_id), ..DeadlineFilter::default() })
        .unwrap()
        .count;
    assert!(expected < all);
    assert!(text.contains(&format!("{expected} item")), "{text}");
    assert!(!text.contains("agreement:"), "agreement items have owners, not providers");
}

#[test]
fn words_filter_finds_a_case_and_esc_clears_it() {
    let mut app = deadlines_app();
    let row = find_row(&app, is_item);
    for _ in 0..3 {
        app.apply(Action::Filter);
    }
    type_text(&mut app, &row.case_ref);
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("matching \"{}\"", row.case_ref)), "{text}");
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
    assert!(line.contains(&expected.case_ref) && line.contains(&expected.key.due_on.to_string()), "{line}");
    for _ in 0..40 {
        app.apply(Action::Up);
    }
    let line = selected_line(&mut app);
    assert!(line.contains(&rows[190].case_ref) && line.contains(&rows[190].key.due_on.to_string()), "{line}");
    app.apply(Action::Bottom);
    let last = rows.last().unwrap();
    assert!(selected_line(&mut app).contains(&last.case_ref));
    app.apply(Action::Top);
    assert!(selected_line(&mut app).contains(&rows[0].case_ref));
}

// ------------------------------------------------------------ complete

#[test]
fn complete_the_selected_condition_with_evidence() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Complete);
    assert!(prompt_open(&app));
    type_text(&mut app, "Provider attendance report received");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status(&app), ("Saved: 1 item marked complete on 2026-11-20.".to_string(), false));
    let (_, stored) = app.store.deadline_condition_due(row.key.id).unwrap().unwrap();
    assert_eq!(stored, "completed");
    assert!(!all_rows(&app).iter().any(|r| r.key == row.key), "a completed condition leaves the list");
}

#[test]
fn completion_in_the_future_is_refused_and_nothing_changes() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Complete);
    type_text(&mut app, "report");
    app.handle_key(key(KeyCode::Tab));
    clear_field(&mut app);
    type_text(&mut app, "2026-12-01");
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("future"), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().1, row.status);
}

#[test]
fn tagged_conditions_and_agreement_items_complete_together() {
    let mut app = deadlines_app();
    let condition = find_row(&app, is_adult_cc_condition);
    let item = find_row(&app, is_item);
    tag(&mut app, &[&condition, &item]);
    assert!(screen(&mut app, 100, 30).contains("2 tagged"));
    app.apply(Action::Complete);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Complete 2 tagged items?"), "confirms first:\n{text}");
    app.handle_key(key(KeyCode::Char('y')));
    assert!(prompt_open(&app), "then asks for the evidence");
    type_text(&mut app, "Confirmed by email");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status(&app), ("Saved: 2 items marked complete on 2026-11-20.".to_string(), false));
    assert_eq!(app.store.deadline_condition_due(condition.key.id).unwrap().unwrap().1, "completed");
    assert_eq!(app.store.deadline_item_due(item.key.id).unwrap().unwrap().1, "done");
    assert!(screen(&mut app, 100, 30).contains("0 tagged"), "completed items are untagged");
}

#[test]
fn declining_the_bulk_confirmation_changes_nothing() {
    let mut app = deadlines_app();
    app.apply(Action::Filter); // overdue
    app.apply(Action::TagAll);
    let before = app.store.deadline_count(&DeadlineFilter::default()).unwrap();
    app.apply(Action::Complete);
    app.handle_key(key(KeyCode::Char('n')));
    assert!(app.overlay.is_none());
    assert_eq!(app.store.deadline_count(&DeadlineFilter::default()).unwrap(), before);
}

// ------------------------------------------------------------ breaches

#[test]
fn record_a_breach_on_a_conditional_caution() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Breach);
    type_text(&mut app, "Did not attend the course");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status(&app), ("Saved: breach recorded.".to_string(), false));
    let listed = all_rows(&app).into_iter().find(|r| r.key.id == row.key.id && r.key.source == row.key.source);
    let listed = listed.expect("the condition stays listed while its breach awaits a decision");
    let breach_id = listed.open_breach_id.expect("an open breach");
    let (decision, state, _) = app.store.deadline_breach_state(breach_id).unwrap().unwrap();
    assert_eq!((decision.as_str(), state.as_str()), ("pending", "open"));
    assert!(selected_line(&mut app).contains("Breach open"));
}

#[test]
fn a_community_resolution_has_no_breach_process() {
    let mut app = deadlines_app();
    let row = find_row(&app, |r| {
        r.key.source == DeadlineSource::Condition && r.disposal == Some(DisposalType::CommunityResolution)
    });
    focus(&mut app, &row);
    app.apply(Action::Breach);
    assert!(app.overlay.is_none(), "refused before asking");
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("no breach process"), "{text}");
    app.apply(Action::DecideBreach);
    assert!(status(&app).1 && app.overlay.is_none());
}

#[test]
fn decide_a_breach_by_varying_the_condition() {
    let (mut app, row) = app_on(is_adult_cc_breach);
    let breach_id = row.open_breach_id.unwrap();
    app.apply(Action::DecideBreach);
    app.handle_key(key(KeyCode::Right)); // Prosecute → Vary conditions
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "2026-12-18");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Hospital letter seen; excuse accepted in part");
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(
        !is_error && text.starts_with("Saved: breach decision — Vary conditions; new due date 2026-12-18"),
        "{text}"
    );
    let (decision, state, new_due) = app.store.deadline_breach_state(breach_id).unwrap().unwrap();
    assert_eq!((decision.as_str(), state.as_str(), new_due), ("vary_conditions", "decided", Some(d("2026-12-18"))));
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap(), (d("2026-12-18"), "varied".to_string()));
}

#[test]
fn varying_on_a_breach_decision_needs_a_date() {
    let (mut app, row) = app_on(is_adult_cc_breach);
    app.apply(Action::DecideBreach);
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("needs a new due date"), "{text}");
    let (decision, state, _) = app.store.deadline_breach_state(row.open_breach_id.unwrap()).unwrap().unwrap();
    assert_eq!((decision.as_str(), state.as_str()), ("pending", "open"));
}

// ------------------------------------------------------------ vary

#[test]
fn vary_a_condition_with_a_reason() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2026-12-11", "Course rescheduled by the provider");
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Saved: due date of 1 item varied to 2026-12-11."), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap(), (d("2026-12-11"), "varied".to_string()));
}

#[test]
fn a_date_beyond_the_time_limit_warns_in_the_status_line() {
    let (mut app, _) = app_on(is_adult_cc_condition);
    // A year on is past the 16- and 20-week limits of the 2013 Code (§2.4),
    // which are unverified figures: they warn, the decision maker decides.
    vary(&mut app, "2027-11-19", "Offender in hospital long term");
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("Warning:") && text.contains("weeks"), "{text}");
}

#[test]
fn a_past_date_or_a_missing_reason_is_refused() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Enter));
    assert!(prompt_open(&app), "the reason is required: the prompt stays");
    app.handle_key(key(KeyCode::Tab));
    clear_field(&mut app);
    type_text(&mut app, "2026-11-01");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "typo");
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("before today"), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
}

#[test]
fn vary_an_agreement_item_keeps_the_reason_in_the_audit_log() {
    let (mut app, row) = app_on(is_item);
    vary(&mut app, "2026-12-04", "Harmed party asked for more time");
    assert!(!status(&app).1, "{:?}", app.status);
    assert_eq!(app.store.deadline_item_due(row.key.id).unwrap().unwrap(), (d("2026-12-04"), "open".to_string()));
    let reasons = app.store.deadline_item_variation_reasons(row.key.id).unwrap();
    assert!(reasons.iter().any(|r| r.ends_with("Harmed party asked for more time")), "{reasons:?}");
    // Undo puts the old date back.
    app.apply(Action::Undo);
    assert_eq!(app.store.deadline_item_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
}

#[test]
fn one_refused_item_leaves_every_tagged_item_unchanged() {
    let mut app = deadlines_app();
    let first = find_row(&app, is_adult_cc_condition);
    let second = find_row(&app, |r| is_adult_cc_condition(r) && r.key != first.key);
    tag(&mut app, &[&first, &second]);
    // The second is completed elsewhere before the variation is saved.
    app.store.write(|tx| tx.complete_condition(second.key.id, today(), "done elsewhere")).unwrap();
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Char('y')));
    type_text(&mut app, "2026-12-11");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Provider closed for a week");
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("nothing changed") && text.contains(&second.case_ref), "{text}");
    assert_eq!(app.store.deadline_condition_due(first.key.id).unwrap().unwrap().0, first.key.due_on);
}

// ------------------------------------------------------------ chase, tags, contact, case

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
    assert_eq!(status(&app), ("Saved: 2 chases logged; follow-up due 2026-11-24.".to_string(), false));
    for row in [&condition, &item] {
        let contacts = app.store.deadline_case_contacts(row.case_id, 1).unwrap();
        let (summary, on, follow_up) = &contacts[0];
        assert!(summary.starts_with("Chase: ") && summary.ends_with(&format!("due {}", row.key.due_on)), "{summary}");
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
    app.handle_key(key(KeyCode::Enter));
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
