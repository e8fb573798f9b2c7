//! Browsing: keyset paging of the list, the merged timeline, the logged
//! consultation, the keys that leave the case, and inert user text.

use crate::common::{ctrl, demo_app, key, screen, type_text};
use casedesk::domain::status::DisposalType;
use casedesk::domain::types::{ContactChannel, DataSubjectCategory, PartyRole, Service, Source};
use casedesk::store::model::{NewCase, NewContact, NewPerson, PartyLink};
use casedesk::store::views::case::{EventKind, Seek, CONSULT_JUSTIFICATION};
use casedesk::tui::action::Action;
use casedesk::tui::screens::case::timeline_text;
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use crossterm::event::KeyCode;

use super::{d, oocd_case, open, opened_rj, status};

#[test]
fn the_list_pages_by_keyset_without_skipping_or_repeating() {
    let mut app = demo_app(120);
    // Walk the whole list a page at a time through the store.
    let mut seen = Vec::new();
    let mut page = app.store.case_list(&Seek::First, 25).unwrap();
    loop {
        assert_eq!(page.offset, seen.len());
        seen.extend(page.rows.iter().map(|r| r.case_id));
        if !page.has_next() {
            break;
        }
        page = app.store.case_list(&Seek::After(page.rows.last().unwrap().key()), 25).unwrap();
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (120, 120));
    // Back one page from the second gives the first again.
    let key24 = app.store.case_list(&Seek::First, 25).unwrap().rows[24].key();
    let second = app.store.case_list(&Seek::After(key24), 25).unwrap();
    let back = app.store.case_list(&Seek::Before(second.rows[0].key()), 25).unwrap();
    assert_eq!(back.rows.iter().map(|r| r.case_id).collect::<Vec<_>>(), seen[..25]);

    // On screen: End reaches the oldest case, Home the newest.
    app.apply(Action::ScreenCase);
    app.apply(Action::Bottom);
    let text = screen(&mut app, 100, 30);
    let oldest = app.store.case_list(&Seek::Last, 1).unwrap().rows[0].reference.clone();
    assert!(text.contains(&format!("▶ {oldest}")), "{text}");
    assert!(text.contains("of 120"), "{text}");
    app.apply(Action::Top);
    let newest = app.store.case_list(&Seek::First, 1).unwrap().rows[0].reference.clone();
    assert!(screen(&mut app, 100, 30).contains(&format!("▶ {newest}")));
    // Down past the 50 rows read at first reads the next page.
    for _ in 0..55 {
        app.apply(Action::Down);
    }
    let expected = &seen[55];
    let reference = app.store.case_header(*expected).unwrap().unwrap().reference;
    assert!(screen(&mut app, 100, 30).contains(&format!("▶ {reference}")), "row 56 is selected");
}

#[test]
fn the_timeline_merges_every_kind_of_event_newest_first() {
    let mut app = demo_app(10);
    let case_id = oocd_case(&mut app, DisposalType::AdultConditionalCaution, &["issued", "active"]);
    app.store
        .write(|tx| {
            tx.log_contact(&NewContact {
                case_id,
                person_id: None,
                occurred_on: d(2026, 10, 20),
                channel: ContactChannel::Phone,
                outgoing: true,
                summary: "Rang to explain the conditions".into(),
                outcome: Some("Understood".into()),
                follow_up_on: None,
            })
        })
        .unwrap();
    let page = app.store.case_timeline(case_id, &Seek::First, 50).unwrap();
    let kinds: Vec<EventKind> = page.rows.iter().map(|e| e.kind).collect();
    for kind in [EventKind::Received, EventKind::StatusChange, EventKind::Issued, EventKind::Contact] {
        assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
    }
    let dates: Vec<NaiveDate> = page.rows.iter().map(|e| e.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(page.rows.last().unwrap().kind, EventKind::Received);
    let changes: Vec<String> =
        page.rows.iter().filter(|e| e.kind == EventKind::StatusChange).map(timeline_text).collect();
    assert_eq!(changes, ["Issued → Active (by test)", "Draft → Issued (by test)"]);
    // Pages of two walk the same entries in the same order.
    let mut walked = Vec::new();
    let mut p = app.store.case_timeline(case_id, &Seek::First, 2).unwrap();
    loop {
        walked.extend(p.rows.iter().map(|e| e.key()));
        if !p.has_next() {
            break;
        }
        p = app.store.case_timeline(case_id, &Seek::After(p.rows.last().unwrap().key()), 2).unwrap();
    }
    assert_eq!(walked, page.rows.iter().map(|e| e.key()).collect::<Vec<_>>());
}

#[test]
fn opening_a_case_logs_one_consultation_and_a_refresh_does_not() {
    let mut app = demo_app(20);
    let case_id = oocd_case(&mut app, DisposalType::CommunityResolution, &["issued", "active"]);
    assert_eq!(app.store.case_consultations(case_id).unwrap(), 0);
    open(&mut app, case_id);
    assert_eq!(app.store.case_consultations(case_id).unwrap(), 1);
    let newest = app.store.case_audit(case_id, &Seek::First, 1).unwrap().rows.remove(0);
    assert_eq!((newest.op.as_str(), newest.entity.as_str()), ("consult", "case_file"));
    assert_eq!(newest.entity_id, case_id.to_string());
    assert_eq!(newest.justification.as_deref(), Some(CONSULT_JUSTIFICATION));
    assert_eq!(CONSULT_JUSTIFICATION, "opened on the Case screen");

    // Leaving and coming back, and a save that refreshes, are not new openings.
    app.apply(Action::ScreenToday);
    app.apply(Action::ScreenCase);
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Called the officer");
    app.handle_key(ctrl('s'));
    assert!(status(&app).0.starts_with("Saved: contact logged"), "{:?}", app.status);
    assert_eq!(app.store.case_consultations(case_id).unwrap(), 1);

    // Back to the list and open it again: a second consultation.
    app.apply(Action::Back);
    assert!(screen(&mut app, 100, 30).contains("Cases — most recently changed first"));
    let row = app.store.case_list(&Seek::First, 200).unwrap().rows.iter().position(|r| r.case_id == case_id).unwrap();
    app.apply(Action::Top);
    for _ in 0..row {
        app.apply(Action::Down);
    }
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.store.case_consultations(case_id).unwrap(), 2);
}

#[test]
fn the_checklist_key_opens_the_checklist_of_the_case() {
    let mut app = opened_rj();
    app.handle_key(key(KeyCode::Char('c')));
    assert_eq!(app.current, ScreenId::Checklist);
}

#[test]
fn esc_goes_back_to_the_list() {
    let mut app = opened_rj();
    assert!(screen(&mut app, 100, 30).contains("People (1)"));
    app.handle_key(key(KeyCode::Esc));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Cases — most recently changed first"), "{text}");
    assert!(!text.contains("Sam Harmed"), "names are shown only with a case open");
}

#[test]
fn user_text_is_shown_inert() {
    let mut app = demo_app(5);
    let case_id = app
        .store
        .write(|tx| {
            let mut c = NewCase::new(Service::Mediation, Source::Housing, d(2026, 11, 3));
            c.offence_desc = Some("Noise\u{1b}[2J at night".into());
            let key = tx.create_case(&c)?;
            let link = PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim };
            tx.add_party(key.id, &NewPerson::named("Eve\u{7}", "Bell"), link)?;
            Ok(key.id)
        })
        .unwrap();
    open(&mut app, case_id);
    let text = screen(&mut app, 100, 30);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("Noise[2J at night") && text.contains("Eve Bell"), "{text}");
}

/// Undo on an open case selects on the timeline the row it brought back:
/// the letter marked done is due again, and its line is the one selected
/// (newest first, the course due later is at the top).
#[test]
fn undo_selects_on_the_timeline_the_condition_it_brought_back() {
    let (mut app, case_id, ids) =
        super::opened_oocd_with(DisposalType::AdultConditionalCaution, &["issued", "active"], &super::two_conditions());
    app.store.write(|tx| tx.complete_condition(ids[0], d(2026, 11, 20), "Letter seen by the officer")).unwrap();
    open(&mut app, case_id);
    app.apply(Action::Top);
    let asked = crate::common::undo(&mut app);
    assert!(asked.contains("letter of apology"), "{asked}");
    let shown = screen(&mut app, 100, 30);
    let line = shown.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(line.contains("Letter of apology"), "the letter brought back is selected, not: {line}\n{shown}");
}
