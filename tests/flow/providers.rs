//! Issue 14 §3 on a new desk, by keyboard: a provider added on the
//! Directory screen, a course condition referred to it from Deadlines with
//! the provider picked by typing part of its name, a did-not-attend return
//! flagged on Today, the provider's returns outstanding on the Directory,
//! and a completed return completing the condition.

use super::*;

/// Add a provider on the Directory screen, as a new user would.
fn add_provider(app: &mut App, name: &str) {
    app.apply(Action::ScreenDirectory);
    app.apply(Action::AddEntry);
    fill(app, "Kind", "provider");
    app.handle_key(key(KeyCode::Enter));
    type_text(app, name);
    submit(app, "Saved");
}

fn condition_status(app: &App, case_id: i64) -> String {
    app.store.conditions_of(case_id).unwrap()[0].2.clone()
}

#[test]
fn a_condition_referred_to_a_provider_and_its_returns_recorded() {
    let mut app = empty_app();
    add_provider(&mut app, "Change Grow Live");
    add_provider(&mut app, "Northgate Courses");
    log_referral(&mut app, 1, "Theft from a shop", "1990-06-01");
    let id = case_id(&app, "OOCD-2026-0001");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    record_caution(&mut app);
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "rehab_course");
    fill(&mut app, "Description", "Attend a shop theft awareness course");
    fill(&mut app, "Due on", "2026-12-18");
    app.handle_key(key(KeyCode::Enter));
    issue_caution_today(&mut app, "the case is now active");
    assert_eq!(condition_status(&app, id), "active");

    // Deadlines: P refers it; typing "north" picks Northgate Courses.
    app.apply(Action::ScreenDeadlines);
    app.apply(Action::Top);
    app.apply(Action::ReferToProvider);
    insta::assert_snapshot!("refer_to_provider_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "north");
    insta::assert_snapshot!("refer_to_provider_searched_100x30", screen(&mut app, 100, 30));
    fill(&mut app, "Sent on", "2026-11-16");
    fill(&mut app, "Method", "Email");
    fill(&mut app, "Place booked for", "2026-11-19");
    submit(&mut app, "referred to the provider on Mon 16 Nov 2026, place booked for Thu 19 Nov 2026");
    assert_eq!(condition_status(&app, id), "booked");
    let listed = app.store.provider_returns_outstanding(None).unwrap();
    assert_eq!(
        (listed.len(), listed[0].provider.as_str(), listed[0].initials.as_str()),
        (1, "Northgate Courses", "B.S.")
    );

    // R: the provider reports he did not attend; flagged on Today, no breach decided.
    app.apply(Action::ProviderReturn);
    insta::assert_snapshot!("provider_return_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("provider_return_100x30", screen(&mut app, 100, 30));
    fill(&mut app, "Reported", "did_not_attend");
    submit(&mut app, "flagged on Today to check for non-compliance");
    assert_eq!(app.store.count_for_case("breach", id).unwrap(), 0);
    assert!(select_on_today(&mut app, ItemKind::FollowUp), "{}", screen(&mut app, 100, 30));
    let today = screen(&mut app, 100, 30);
    // Said as a person would write it: what the contact was and with whom.
    assert!(today.contains("follow up the contact with Northgate Courses: Northgate"), "{today}");

    // Rebooked, attended and completed: the return completes the condition.
    app.apply(Action::ScreenDeadlines);
    app.apply(Action::Top);
    app.apply(Action::ReferToProvider);
    fill(&mut app, "Place booked for", "2026-11-20");
    submit(&mut app, "referred to the provider");
    // The Directory lists the provider's people awaiting its return.
    app.apply(Action::ScreenDirectory);
    app.apply(Action::Top);
    app.apply(Action::Down);
    let shown = screen(&mut app, 100, 30);
    assert!(
        shown.contains("Returns outstanding (1)") && shown.contains("OOCD-2026-0001 (B.S.) due Fri 18 Dec"),
        "{shown}"
    );
    insta::assert_snapshot!("provider_returns_outstanding_100x30", shown);
    insta::assert_snapshot!("provider_returns_outstanding_80x24", screen(&mut app, 80, 24));
    app.apply(Action::ScreenDeadlines);
    app.apply(Action::ProviderReturn);
    fill(&mut app, "Reported", "completed");
    fill(&mut app, "Note", "Certificate 88");
    submit(&mut app, "completed on Fri 20 Nov 2026, as the provider reported");
    assert_eq!(condition_status(&app, id), "completed");
    assert!(app.store.provider_returns_outstanding(None).unwrap().is_empty());
    // Undo takes the return back, and the condition is open again.
    common::undo(&mut app);
    assert_eq!(condition_status(&app, id), "booked");
    assert!(app.store.check().unwrap().is_ok());
}
