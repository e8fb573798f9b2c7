//! Issue 14 §4 on a new desk, by keyboard: an enquiry about no case logged
//! from Today and linked to a case later; a contact naming who was spoken
//! to (picked by typing part of a name), shown on the Case timeline; and a
//! follow-up marked done with what came of it.

use super::*;

#[test]
fn an_enquiry_about_no_case_is_logged_then_linked_to_a_case() {
    let mut app = empty_app();
    app.apply(Action::ScreenToday);
    app.apply(Action::LogEnquiry);
    insta::assert_snapshot!("log_enquiry_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("log_enquiry_100x30", screen(&mut app, 100, 30));
    type_text(&mut app, "Is a community resolution possible for a first shop theft?");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "PC 4471, response team");
    submit(&mut app, "enquiry logged on Fri 20 Nov 2026");
    let enquiries = app.store.enquiries(10).unwrap();
    assert_eq!((enquiries.len(), enquiries[0].case_ref.clone()), (1, None));

    // The case comes in later; the enquiry is linked to it from the list.
    log_referral(&mut app, 1, "Theft from a shop", "1990-06-01");
    app.apply(Action::ScreenToday);
    app.apply(Action::Enquiries);
    insta::assert_snapshot!("enquiries_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("enquiries_100x30", screen(&mut app, 100, 30));
    type_text(&mut app, "shop");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "oocd-2026-0001");
    submit(&mut app, "linked to OOCD-2026-0001");
    assert_eq!(app.store.enquiries(10).unwrap()[0].case_ref.as_deref(), Some("OOCD-2026-0001"));
    assert!(app.store.check().unwrap().is_ok());
}

#[test]
fn a_contact_names_who_was_spoken_to_and_its_follow_up_keeps_the_outcome() {
    let mut app = empty_app();
    log_referral(&mut app, 1, "Theft from a shop", "1990-06-01");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    app.apply(Action::LogContact);
    // Past the channel, direction and summary to who it was with: "stone" finds Bob Stone.
    for _ in 0..3 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "stone");
    insta::assert_snapshot!("contact_spoke_with_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("contact_spoke_with_100x30", screen(&mut app, 100, 30));
    fill(&mut app, "Summary", "Explained the caution's conditions");
    fill(&mut app, "Follow up on", "2026-11-20");
    submit(&mut app, "contact with Bob Stone logged; follow-up due Fri 20 Nov 2026");
    assert!(screen(&mut app, 100, 30).contains("Phone, with Bob Stone: Explained the caution's conditions"));

    // Today lists the follow-up; marking it done asks what came of it.
    assert!(select_on_today(&mut app, ItemKind::FollowUp));
    app.apply(Action::Complete);
    insta::assert_snapshot!("follow_up_done_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Enter));
    let (refusal, _) = app.status.clone().unwrap_or_default();
    assert!(app.overlay.is_some(), "an outcome is required: {refusal}");
    type_text(&mut app, "Confirmed he will attend");
    submit(&mut app, "Follow-up marked done");
    // The Case timeline says it.
    app.apply(Action::ScreenCase);
    let shown = screen(&mut app, 160, 48);
    assert!(shown.contains("follow-up Fri 20 Nov 2026 done: Confirmed he will attend"), "{shown}");
}
