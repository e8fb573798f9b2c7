//! The queue: oldest first, paged by keyset, and the keys that need a case.

use casedesk::domain::types::{Service, Source};
use casedesk::store::model::{CaseFlags, NewCase};
use casedesk::store::views::checklist::QueuePage;
use casedesk::tui::action::Action;
use crossterm::event::KeyCode;

use crate::common::{self, key, screen, today};

use super::{days_ago, goto_item, open_checklist, press, referral, status_line};

#[test]
fn the_queue_lists_referrals_needing_work_oldest_first() {
    let mut app = common::empty_app();
    let newer = referral(&mut app, Service::RestorativeJustice, 2, "Criminal damage to a fence", CaseFlags::default());
    let oldest = referral(&mut app, Service::Mediation, 9, "Noise from a neighbour", CaseFlags::default());
    let middle = referral(&mut app, Service::RestorativeJustice, 5, "Theft from a shop", CaseFlags::default());
    app.store.write(|tx| tx.change_status(middle, "sense_check", today())).unwrap();
    let gone = referral(&mut app, Service::RestorativeJustice, 12, "Withdrawn one", CaseFlags::default());
    app.store.write(|tx| tx.change_status(gone, "withdrawn", today())).unwrap();
    let oocd =
        app.store.write(|tx| tx.create_case(&NewCase::new(Service::Oocd, Source::Police, days_ago(20)))).unwrap();

    app.apply(Action::ScreenChecklist);
    let text = screen(&mut app, 100, 30);
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle} not shown:\n{text}"));
    assert!(at("MED-2026-0001") < at("RJ-2026-0002") && at("RJ-2026-0002") < at("RJ-2026-0001"), "{text}");
    assert!(!text.contains("RJ-2026-0003"), "a withdrawn referral is not in the queue:\n{text}");
    assert!(!text.contains(&oocd.reference), "OOCD cases are not in the queue:\n{text}");
    assert!(text.contains("1 of 3"));

    // Enter opens the selected (oldest) referral's checklist.
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("MED-2026-0001 · Received"), "{text}");
    assert!(text.contains("Sense-check · 0 of 8 yes or n/a"), "{text}");
    let _ = (newer, oldest);
}

#[test]
fn the_queue_pages_through_many_referrals_by_keyset() {
    let mut app = common::empty_app();
    app.store
        .write(|tx| {
            for i in 0..130 {
                let mut case = NewCase::new(Service::RestorativeJustice, Source::Police, days_ago(200 - i));
                case.offence_desc = Some(format!("offence {i}"));
                tx.create_case(&case)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(app.store.checklist_queue_page(&QueuePage::First, 500).unwrap().len(), 130);
    app.apply(Action::ScreenChecklist);
    for _ in 0..100 {
        app.apply(Action::Down);
    }
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("101 of 130"), "{text}");
    assert!(text.contains("▶ RJ-2026-0101"), "{text}");
    app.apply(Action::Up);
    assert!(screen(&mut app, 100, 30).contains("▶ RJ-2026-0100"));
    app.apply(Action::Bottom);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("130 of 130") && text.contains("▶ RJ-2026-0130"), "{text}");
    app.apply(Action::Top);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("1 of 130") && text.contains("▶ RJ-2026-0001"), "{text}");
}

#[test]
fn keys_that_need_a_case_say_so_in_the_queue() {
    let mut app = common::demo_app(120);
    app.apply(Action::ScreenChecklist);
    press(&mut app, ' ');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("Enter opens"), "{text}");

    let mut empty = common::empty_app();
    empty.apply(Action::ScreenChecklist);
    press(&mut empty, 'd');
    let (text, refused) = status_line(&empty);
    assert!(refused && text.contains("No referral is waiting"), "{text}");
}

#[test]
fn moving_back_to_the_first_item_of_a_section_shows_its_heading() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Theft", CaseFlags::default());
    open_checklist(&mut app, id);
    app.apply(Action::Bottom);
    assert!(!screen(&mut app, 80, 24).contains("Sense-check ·"));
    app.apply(Action::Top);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Sense-check · 0 of 8 yes or n/a"), "{text}");
    goto_item(&mut app, "SU_ACCEPTS");
    app.apply(Action::Bottom);
    goto_item(&mut app, "RK_DA");
    assert!(screen(&mut app, 80, 24).contains("Risk assessment · 0 present, 16 unknown"));
}
