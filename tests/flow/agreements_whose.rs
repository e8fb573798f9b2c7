//! Issue 14 §2 on the Agreements screen: `f` picks a coordinator by typing
//! part of the name; the arrangements and the agreements then list that
//! coordinator's cases only and say whose they are; the diary stays
//! everyone's and the filter is kept behind it; Esc shows everyone's again,
//! and a case asked for from another screen is shown whoever holds it.

use super::*;
use casedesk::store::views::allocation::CoordinatorFilter;
use casedesk::tui::screens::Effect;

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

/// The references on the list's lines (not the detail pane's).
fn listed(app: &mut App) -> Vec<String> {
    let text = screen(app, 160, 48);
    let list = text.split("└").next().unwrap_or_default().to_string();
    list.lines()
        .filter_map(|l| {
            l.split_whitespace().find(|w| w.contains("-2026-")).map(|w| w.trim_start_matches('▶').to_string())
        })
        .collect()
}

/// Whose: the coordinator holding most of `cases`, with the cases they hold.
fn busiest(app: &App, cases: &[(i64, String)]) -> (String, Vec<String>) {
    let held = app.store.coordinators_of(&cases.iter().map(|(id, _)| *id).collect::<Vec<_>>()).unwrap();
    let theirs = |name: &String| -> Vec<String> {
        cases.iter().filter(|(id, _)| held.get(id) == Some(name)).map(|(_, r)| r.clone()).collect()
    };
    let name = held.values().max_by_key(|n| (theirs(n).len(), n.to_string())).expect("the demo allocates").clone();
    let refs = theirs(&name);
    (name, refs)
}

#[test]
fn the_arrangements_and_agreements_of_one_coordinator_are_theirs_only() {
    let mut app = common::demo_app(120);
    let all = CoordinatorFilter::All;
    let arranged: Vec<(i64, String)> =
        app.store.arrangements_from(all, None, 1000).unwrap().into_iter().map(|r| (r.case_id, r.case_ref)).collect();
    let (name, theirs) = busiest(&app, &arranged);
    assert!(theirs.len() >= 2 && theirs.len() < arranged.len(), "{theirs:?} of {arranged:?}");

    app.apply(Action::ScreenAgreements);
    assert!(screen(&mut app, 100, 30).contains("f coordinator") || screen(&mut app, 160, 48).contains("f coordinator"));
    press(&mut app, "f");
    assert!(screen(&mut app, 100, 30).contains("Whose cases?"));
    type_text(&mut app, &name[..5]);
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("Arrangements of {name}'s cases — ")), "{text}");
    assert!(text.contains("f changes · Esc shows everyone's"), "{text}");
    let shown = listed(&mut app);
    let mut expected: Vec<String> = theirs.clone();
    expected.sort();
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "only {name}'s cases are listed");
    insta::assert_snapshot!("arrangements_one_coordinator_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("arrangements_one_coordinator_100x30", screen(&mut app, 100, 30));

    // The agreements, of the same coordinator's cases.
    let entries = app.store.agreements_from(all, None, 1000).unwrap();
    let holders = app.store.coordinators_of(&entries.iter().map(|e| e.case_id).collect::<Vec<_>>()).unwrap();
    let mut agreed: Vec<String> =
        entries.iter().filter(|e| holders.get(&e.case_id) == Some(&name)).map(|e| e.case_ref.clone()).collect();
    assert!(!agreed.is_empty() && agreed.len() < entries.len(), "{agreed:?}");
    press(&mut app, "t");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("Agreements of {name}'s cases — ")), "{text}");
    let mut shown = listed(&mut app);
    shown.sort();
    agreed.sort();
    assert_eq!(shown, agreed, "only {name}'s agreements are listed");
    insta::assert_snapshot!("agreements_one_coordinator_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("agreements_one_coordinator_100x30", screen(&mut app, 100, 30));

    // The diary is everyone's; f there says so; the filter is kept behind it.
    press(&mut app, "d");
    assert!(screen(&mut app, 100, 30).contains("Diary — week of"));
    press(&mut app, "f");
    let (said, is_error) = app.status.clone().unwrap_or_default();
    assert!(!is_error && said.contains("The diary and the meetings show everyone's"), "{said}");
    assert!(app.overlay.is_none());
    press(&mut app, "d");
    assert!(screen(&mut app, 100, 30).contains(&format!("Arrangements of {name}'s cases — ")));

    // Esc shows everyone's.
    app.handle_key(key(KeyCode::Esc));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(" Arrangements — ") && !text.contains("Esc shows everyone's"), "{text}");
    assert_eq!(listed(&mut app).len(), arranged.len().min(listed(&mut app).len()));
    assert!(listed(&mut app).len() > theirs.len());

    // Filtered again, a case someone else holds asked for from another
    // screen is shown: the list goes back to everyone's.
    press(&mut app, "f");
    type_text(&mut app, &name[..5]);
    app.handle_key(key(KeyCode::Enter));
    let (other_id, other_ref) = arranged.iter().find(|(_, r)| !theirs.contains(r)).unwrap().clone();
    app.apply_effect(Effect::Focus { screen: ScreenId::Agreements, case_id: other_id, entity_id: None });
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(" Arrangements — "), "{text}");
    let selected = text.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(selected.contains(&other_ref), "{selected}");
}
