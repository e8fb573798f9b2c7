//! The Case screen as a user meets it: the list of cases, one case whole
//! (header, people, letters, timeline, audit history), its prompts, and what
//! each key writes to the database.

mod common;

use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{ContactChannel, DataSubjectCategory, PartyRole, Service, Source};
use casedesk::store::model::{NewCase, NewContact, NewDisposal, NewPerson, PartyLink};
use casedesk::store::views::case::{CaseListRow, EventKind, Seek, CONSULT_JUSTIFICATION};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::NaiveDate;
use common::{ctrl, demo_app, empty_app, key, screen, today, type_text};
use crossterm::event::KeyCode;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An OOCD case of `disposal` issued on 5 October 2026 with everything the
/// issue needs on file, walked through `statuses`.
fn oocd_case(app: &mut App, disposal: DisposalType, statuses: &[&str]) -> i64 {
    let issue_all = statuses.contains(&"issued");
    app.store
        .write(|tx| {
            let mut c = NewCase::new(Service::Oocd, Source::Police, d(2026, 10, 1));
            c.offence_desc = Some("Criminal damage to a garden fence".into());
            c.crime_ref = Some("CR/999001/26".into());
            c.offence_mode = Some(OffenceMode::SummaryOnly);
            c.offence_date = Some(d(2026, 9, 28));
            let key = tx.create_case(&c)?;
            let link = PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect };
            let mut person = NewPerson::named("Robin", "Fixture");
            person.contact_pref = Some("phone".into());
            person.phone = Some("07700 900999".into());
            tx.add_party(key.id, &person, link)?;
            let mut disp = NewDisposal::new(disposal);
            disp.oic_name = Some("PC Ada Fixture".into());
            if issue_all {
                disp.admission_recorded_on = Some(d(2026, 10, 2));
                disp.consent_recorded_on = Some(d(2026, 10, 2));
                disp.signed_document_ref = Some("DOC-1".into());
                disp.victim_views_sought_on = Some(d(2026, 10, 2));
                disp.issued_on = Some(d(2026, 10, 5));
            }
            tx.set_disposal(key.id, &disp)?;
            tx.change_status_path(key.id, statuses, d(2026, 10, 5))?;
            Ok(key.id)
        })
        .unwrap()
}

/// An RJ referral straight from intake.
fn rj_case(app: &mut App) -> i64 {
    app.store
        .write(|tx| {
            let mut c = NewCase::new(Service::RestorativeJustice, Source::VictimSelf, d(2026, 11, 2));
            c.offence_desc = Some("Burglary of a shed".into());
            let key = tx.create_case(&c)?;
            let link = PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim };
            tx.add_party(key.id, &NewPerson::named("Sam", "Harmed"), link)?;
            Ok(key.id)
        })
        .unwrap()
}

/// A small demo desk with an `oocd_case` open on the Case screen.
fn opened_oocd(disposal: DisposalType, statuses: &[&str]) -> (App, i64) {
    let mut app = demo_app(20);
    let case_id = oocd_case(&mut app, disposal, statuses);
    open(&mut app, case_id);
    (app, case_id)
}

/// A small demo desk with an `rj_case` open on the Case screen.
fn opened_rj() -> App {
    let mut app = demo_app(20);
    let case_id = rj_case(&mut app);
    open(&mut app, case_id);
    app
}

fn open(app: &mut App, case_id: i64) {
    app.status = None;
    app.apply_effect(Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None });
    assert_eq!(app.current, ScreenId::Case);
    assert!(app.status.as_ref().is_none_or(|(_, error)| !error), "{:?}", app.status);
}

fn status(app: &App) -> (String, bool) {
    app.status.clone().unwrap_or_default()
}

fn case_status(app: &App, case_id: i64) -> String {
    app.store.case_header(case_id).unwrap().unwrap().status
}

/// Audit instants change every run: mask them, keeping their width.
fn mask_instants(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let at = |i: usize, c: char| chars.get(i) == Some(&c);
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let date = (0..4).all(|k| digit(i + k))
            && at(i + 4, '-')
            && digit(i + 5)
            && digit(i + 6)
            && at(i + 7, '-')
            && digit(i + 8)
            && digit(i + 9);
        let time = date && (at(i + 10, ' ') || at(i + 10, 'T')) && digit(i + 11) && digit(i + 12) && at(i + 13, ':');
        if time {
            let mut end = i + 16;
            while end < chars.len() && (chars[end].is_ascii_digit() || matches!(chars[end], ':' | '.' | 'Z')) {
                end += 1;
            }
            out.extend(std::iter::repeat_n('#', end - i));
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The first case in list order that `pick` accepts.
fn find_case(app: &App, pick: impl Fn(&CaseListRow) -> bool) -> CaseListRow {
    let page = app.store.case_list(&Seek::First, 500).unwrap();
    page.rows.into_iter().find(|r| pick(r)).expect("the demo has such a case")
}

// ===================================================================== the list

#[test]
fn the_list_shows_cases_most_recently_changed_first() {
    let mut app = demo_app(60);
    app.apply(Action::ScreenCase);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Cases — most recently changed first · 1–"), "{text}");
    assert!(text.contains("Reference") && text.contains("Offence"));
    let page = app.store.case_list(&Seek::First, 60).unwrap();
    assert_eq!(page.total, 60);
    let keys: Vec<_> = page.rows.iter().map(|r| (r.changed_on, r.case_id)).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "newest change first, ties by id");
    // The first row on screen is the newest case in that order.
    assert!(text.contains(&format!("▶ {}", page.rows[0].reference)), "{text}");
    insta::assert_snapshot!("list_100x30", text);
    insta::assert_snapshot!("list_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Char('x')));
    assert_eq!(status(&app), ("Open a case first: Enter opens the selected case.".to_string(), true));
    assert!(app.overlay.is_none());
}

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
fn an_empty_database_says_there_are_no_cases() {
    let mut app = empty_app();
    app.apply(Action::ScreenCase);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("No cases yet."), "{text}");
    assert!(text.contains("Press 2 (Intake)"));
    insta::assert_snapshot!("empty_100x30", text);
    insta::assert_snapshot!("empty_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("no case to open"), "{message}");
    app.handle_key(key(KeyCode::Char('l')));
    assert!(status(&app).0.contains("There are no cases yet"), "{:?}", app.status);
    assert!(app.overlay.is_none());
}

// ===================================================================== one case

#[test]
fn an_open_case_shows_header_people_letters_and_timeline() {
    let mut app = demo_app(60);
    let row = find_case(&app, |r| r.service == "oocd" && r.status == "completed");
    open(&mut app, row.case_id);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("{} · Out-of-court disposal", row.reference)), "{text}");
    assert!(text.contains("│Completed since "), "{text}");
    assert!(text.contains("People (") && text.contains("Responsible"), "{text}");
    assert!(text.contains("Letters  None yet — w writes one from a template"), "{text}");
    assert!(text.contains("Timeline — everything, newest first"), "{text}");
    assert!(text.contains("OIC "), "the OIC of an OOCD case is in the header: {text}");
    insta::assert_snapshot!("oocd_case_100x30", text);
    insta::assert_snapshot!("oocd_case_80x24", screen(&mut app, 80, 24));
}

#[test]
fn an_rj_case_shows_its_referral_and_coordinator_line() {
    let mut app = demo_app(60);
    let row = find_case(&app, |r| r.service == "restorative_justice" && r.status == "agreement_monitoring");
    open(&mut app, row.case_id);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("{} · Restorative justice", row.reference)), "{text}");
    assert!(text.contains("│Agreement monitoring since "), "{text}");
    assert!(text.contains("Referred by "), "{text}");
    assert!(!text.contains("a add condition"), "no conditions on an RJ case: {text}");
    insta::assert_snapshot!("rj_case_100x30", text);
    insta::assert_snapshot!("rj_case_80x24", screen(&mut app, 80, 24));
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
    let changes: Vec<&str> =
        page.rows.iter().filter(|e| e.kind == EventKind::StatusChange).map(|e| e.text.as_str()).collect();
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

// ===================================================================== s.62 consultation

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
    app.handle_key(key(KeyCode::Enter));
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

// ===================================================================== log a contact

#[test]
fn logging_a_contact_from_the_case_adds_it_to_the_timeline() {
    let (mut app, case_id) = opened_oocd(DisposalType::CommunityResolution, &["issued", "active"]);
    let before = app.store.contact_count().unwrap();
    app.handle_key(key(KeyCode::Char('l')));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Log a contact on OOCD-2026-"), "{text}");
    insta::assert_snapshot!("contact_prompt_100x30", text);
    insta::assert_snapshot!("contact_prompt_80x24", screen(&mut app, 80, 24));
    // Channel, direction, then the summary.
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Left a voicemail for Robin");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status(&app), ("Saved: contact logged.".to_string(), false));
    assert_eq!(app.store.contact_count().unwrap(), before + 1);
    let top = &app.store.case_timeline(case_id, &Seek::First, 1).unwrap().rows[0];
    assert_eq!((top.kind, top.date), (EventKind::Contact, today()));
    assert!(screen(&mut app, 100, 30).contains("Phone, outgoing: Left a voicemail for Robin"));

    // A contact with no summary is refused in the prompt and nothing is written.
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "the prompt stays open");
    assert!(screen(&mut app, 100, 30).contains("Summary: required"));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.store.contact_count().unwrap(), before + 1);
}

// ===================================================================== add a condition

#[test]
fn adding_a_condition_saves_it_with_the_default_due_date() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    app.handle_key(key(KeyCode::Char('a')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Add a condition to OOCD-2026-"), "{text}");
    // 16 weeks after the issue on 5 October (CC_TIME_NORMAL).
    assert!(text.contains("2027-01-25"), "{text}");
    insta::assert_snapshot!("add_condition_prompt_100x30", text);
    insta::assert_snapshot!("add_condition_prompt_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "l"); // Letter of apology
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Write to the neighbour");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error, "{message}");
    let reference = app.store.case_header(case_id).unwrap().unwrap().reference;
    assert_eq!(message, format!("Saved: Letter of apology added to {reference}, due 2027-01-25."));
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 1);
    let due = app.store.case_timeline(case_id, &Seek::First, 1).unwrap().rows.remove(0);
    assert_eq!((due.kind, due.date), (EventKind::ConditionDue, d(2027, 1, 25)));
    assert!(due.text.contains("Letter of apology — Write to the neighbour"), "{}", due.text);
    assert!(screen(&mut app, 100, 30).contains("Condition 1 due: Letter of apology"));
}

#[test]
fn a_blocking_cap_refuses_the_condition_with_its_reason() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "u"); // Unpaid work: reparation by default, so it counts towards the 20 h cap
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Clean the underpass");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "25");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error, "{message}");
    assert!(message.starts_with("Not saved:") && message.contains("20 h"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 0);
}

#[test]
fn a_due_date_before_the_issue_is_refused_and_a_late_one_warns() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    let fill = |app: &mut App, due: &str| {
        app.handle_key(key(KeyCode::Char('a')));
        for _ in 0..2 {
            app.handle_key(key(KeyCode::Tab));
        }
        type_text(app, "Attend the victim awareness course");
        for _ in 0..4 {
            app.handle_key(key(KeyCode::Tab));
        }
        app.handle_key(ctrl('u'));
        type_text(app, due);
        app.handle_key(key(KeyCode::Enter));
    };
    fill(&mut app, "2026-10-01");
    let (message, error) = status(&app);
    assert!(error && message.contains("before the issue date"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 0);
    // 18 weeks: past the 16-week normal limit (a partial rule, so it warns).
    fill(&mut app, "2027-02-08");
    let (message, error) = status(&app);
    assert!(!error && message.starts_with("Saved:") && message.contains("Warning:"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 1);
}

#[test]
fn conditions_are_refused_on_rj_and_closed_cases() {
    let mut app = opened_rj();
    app.handle_key(key(KeyCode::Char('a')));
    let (message, error) = status(&app);
    assert!(error && message.contains("Agreements"), "{message}");
    assert!(app.overlay.is_none());
    let closed = find_case(&app, |r| r.service == "oocd" && r.status == "closed").case_id;
    open(&mut app, closed);
    app.handle_key(key(KeyCode::Char('a')));
    let (message, error) = status(&app);
    assert!(error && message.contains("closed"), "{message}");
    assert!(app.overlay.is_none());
}

// ===================================================================== next status

#[test]
fn the_next_status_prompt_offers_only_valid_moves_and_saves() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued"]);
    app.handle_key(key(KeyCode::Char('>')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("‹ Active ›"), "{text}");
    insta::assert_snapshot!("next_status_prompt_100x30", text);
    insta::assert_snapshot!("next_status_prompt_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(case_status(&app, case_id), "active");
    let (message, error) = status(&app);
    assert!(!error && message.contains("moved from Issued to Active on 2026-11-20"), "{message}");
    assert!(screen(&mut app, 100, 30).contains("Issued → Active (by test)"));
}

#[test]
fn a_move_the_store_refuses_changes_nothing_and_says_why() {
    let mut app = demo_app(20);
    // A draft with nothing on file: issuing it is offered but refused.
    let case_id = oocd_case(&mut app, DisposalType::AdultConditionalCaution, &[]);
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('>')));
    assert!(screen(&mut app, 100, 30).contains("‹ Issued ›"));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("admission not recorded"), "{message}");
    assert_eq!(case_status(&app, case_id), "draft");
    // A future date is refused before the store is asked.
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(ctrl('u'));
    type_text(&mut app, "2026-12-01");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("future"), "{message}");
    assert_eq!(case_status(&app, case_id), "draft");
}

// ===================================================================== close

#[test]
fn closing_asks_first_then_takes_the_outcome_and_books_the_retention_review() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active", "completed"]);
    app.handle_key(key(KeyCode::Char('x')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Close the case?") && text.contains("retention review"), "{text}");
    insta::assert_snapshot!("close_confirm_100x30", text);
    insta::assert_snapshot!("close_confirm_80x24", screen(&mut app, 80, 24));
    // "n" leaves everything as it was.
    app.handle_key(key(KeyCode::Char('n')));
    assert!(app.overlay.is_none());
    assert_eq!(case_status(&app, case_id), "completed");
    app.handle_key(key(KeyCode::Char('x')));
    app.handle_key(key(KeyCode::Char('y')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("How did the case end?"), "{text}");
    insta::assert_snapshot!("close_outcome_prompt_100x30", text);
    insta::assert_snapshot!("close_outcome_prompt_80x24", screen(&mut app, 80, 24));
    // The outcome is required.
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    type_text(&mut app, "All conditions completed");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error, "{message}");
    assert!(message.contains("closed on 2026-11-20; retention review due 2032-11-20"), "{message}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!(header.status, "closed");
    assert_eq!(header.closure_outcome.as_deref(), Some("All conditions completed"));
    assert_eq!(header.retention_review_due, Some(d(2032, 11, 20)));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Case closed: All conditions completed"), "{text}");
    // Closing again is refused.
    app.handle_key(key(KeyCode::Char('x')));
    assert!(status(&app).0.contains("already closed"));
    assert!(app.overlay.is_none());
}

#[test]
fn a_case_its_status_machine_will_not_close_is_refused_before_asking() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    app.handle_key(key(KeyCode::Char('x')));
    let (message, error) = status(&app);
    assert!(error && message.contains("cannot be closed from there"), "{message}");
    assert!(app.overlay.is_none());
    assert_eq!(case_status(&app, case_id), "active");
    assert_eq!(app.store.case_header(case_id).unwrap().unwrap().retention_review_due, None);
}

// ===================================================================== checklist, toggle, back

#[test]
fn the_checklist_key_opens_the_checklist_of_the_case() {
    let mut app = opened_rj();
    app.handle_key(key(KeyCode::Char('c')));
    assert_eq!(app.current, ScreenId::Checklist);
}

#[test]
fn the_view_toggles_to_the_audit_history_and_pages_it_by_id() {
    let mut app = demo_app(20);
    let case_id = oocd_case(&mut app, DisposalType::CommunityResolution, &["issued", "active"]);
    for n in 0..70 {
        app.store
            .write(|tx| {
                tx.log_contact(&NewContact {
                    case_id,
                    person_id: None,
                    occurred_on: d(2026, 11, 1),
                    channel: ContactChannel::Email,
                    outgoing: true,
                    summary: format!("Reminder {n}"),
                    outcome: None,
                    follow_up_on: None,
                })
            })
            .unwrap();
    }
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('t')));
    let text = mask_instants(&screen(&mut app, 100, 30));
    assert!(text.contains("Audit history (DPA 2018 s.62), newest first · 1–"), "{text}");
    assert!(text.contains("consult  case file") && text.contains("opened on the Case screen"), "{text}");
    insta::assert_snapshot!("audit_history_100x30", text);
    insta::assert_snapshot!("audit_history_80x24", mask_instants(&screen(&mut app, 80, 24)));
    let total = app.store.case_audit(case_id, &Seek::First, 1).unwrap().total;
    assert!(total > 75, "{total}");
    // Pages of the audit history never overlap and are in id order.
    let first = app.store.case_audit(case_id, &Seek::First, 50).unwrap();
    let second = app.store.case_audit(case_id, &Seek::After(first.rows.last().unwrap().id), 50).unwrap();
    assert_eq!(second.offset, 50);
    assert!(second.rows[0].id < first.rows.last().unwrap().id);
    // On screen, End shows the oldest entry: the case's creation.
    app.apply(Action::Bottom);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("collect  case file {case_id}")), "{text}");
    assert!(text.contains(&format!("of {total}")), "{text}");
    // And back to everything.
    app.handle_key(key(KeyCode::Char('t')));
    assert!(screen(&mut app, 100, 30).contains("Timeline — everything, newest first"));
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
