//! The Case screen as a user meets it: the list of cases, one case whole
//! (header, people, letters, timeline, audit history), its prompts, and what
//! each key writes to the database.
//!
//! The helpers and every test that takes a snapshot stay in this file
//! (insta names a snapshot after the module it is taken in); the other
//! tests are in `screen_case/`, one file a subject.

mod common;

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::directory::DirectoryKind;
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{ContactChannel, DataSubjectCategory, PartyRole, Service, Source};
use casedesk::store::model::{NewCase, NewCondition, NewContact, NewDisposal, NewPerson, PartyLink};
use casedesk::store::views::case::{CaseListRow, EventKind, Seek};
use casedesk::store::NewDirectoryEntry;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::case::timeline_text;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::NaiveDate;
use common::{ctrl, demo_app, empty_app, key, screen, today, type_text};
use crossterm::event::KeyCode;

#[path = "screen_case/allocation.rs"]
mod allocation;
#[path = "screen_case/browsing.rs"]
mod browsing;
#[path = "screen_case/closing.rs"]
mod closing;
#[path = "screen_case/conditions.rs"]
mod conditions;
#[path = "screen_case/disposal.rs"]
mod disposal;
#[path = "screen_case/edits.rs"]
mod edits;
#[path = "screen_case/statuses.rs"]
mod statuses;
#[path = "screen_case/victims_code.rs"]
mod victims_code;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An OOCD case of `disposal` issued on 5 October 2026 with everything the
/// issue needs on file, walked through `statuses`. A caution that takes
/// conditions is issued with one agreed (repairing the fence, due
/// 4 December), done before the case completes.
fn oocd_case(app: &mut App, disposal: DisposalType, statuses: &[&str]) -> i64 {
    let issue_all = statuses.contains(&"issued");
    let repair = NewCondition::new(
        ConditionKind::ReparationRepairDamage,
        ConditionObject::Reparation,
        "Repair the garden fence",
        d(2026, 12, 4),
    );
    let agreed = if issue_all && disposal.needs_conditions_at_issue() { vec![repair] } else { vec![] };
    oocd_case_with(app, disposal, statuses, &agreed).0
}

/// `oocd_case` with the conditions `agreed` before the issue instead
/// (completed before the case completes); returns their ids too.
fn oocd_case_with(
    app: &mut App,
    disposal: DisposalType,
    statuses: &[&str],
    agreed: &[NewCondition],
) -> (i64, Vec<i64>) {
    let issue_all = statuses.contains(&"issued");
    let rules = app.store.rules().unwrap();
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
                common::issued_on_5_october(&mut disp);
            }
            tx.set_disposal(key.id, &disp)?;
            let mut ids = Vec::new();
            for c in agreed {
                let (id, _) = tx.add_condition(key.id, c, &rules)?;
                if statuses.contains(&"completed") {
                    tx.complete_condition(id, d(2026, 10, 5), "done as agreed")?;
                }
                ids.push(id);
            }
            tx.change_status_path(key.id, statuses, d(2026, 10, 5))?;
            Ok((key.id, ids))
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

/// `opened_oocd` with these conditions agreed at issue; returns their ids too.
fn opened_oocd_with(disposal: DisposalType, statuses: &[&str], agreed: &[NewCondition]) -> (App, i64, Vec<i64>) {
    let mut app = demo_app(20);
    let (case_id, ids) = oocd_case_with(&mut app, disposal, statuses, agreed);
    open(&mut app, case_id);
    (app, case_id, ids)
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
    app.store.case_header(case_id).unwrap().unwrap().status.as_str().to_string()
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
        if let Some(mut len) = styled_instant_at(&chars, i) {
            // The column is as wide as the longest instant (a two-digit
            // day), so a one-digit day's padding is masked with it.
            while len < 21 && at(i + len, ' ') {
                len += 1;
            }
            out.extend(std::iter::repeat_n('#', len));
            i += len;
        } else if time {
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

/// The length of an instant in the desk's style starting at `i`, as the
/// audit history shows it ("Sun 6 Dec 2026 02:10"): the clock's, not the
/// desk's, so it is masked like the stored form.
fn styled_instant_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].is_alphanumeric() {
        return None;
    }
    let rest: String = chars[i..chars.len().min(i + 22)].iter().collect();
    let words: Vec<&str> = rest.splitn(6, ' ').collect();
    let [weekday, day, month, year, time, ..] = words.as_slice() else { return None };
    let letters = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_alphabetic());
    let digits =
        |w: &str, n: std::ops::RangeInclusive<usize>| n.contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    let t: Vec<char> = time.chars().collect();
    let clock = t.len() >= 5 && t[0..2].iter().chain(&t[3..5]).all(char::is_ascii_digit) && t[2] == ':';
    let found = letters(weekday) && digits(day, 1..=2) && letters(month) && digits(year, 4..=4) && clock;
    found.then(|| weekday.len() + day.len() + month.len() + year.len() + 5 + 4)
}

/// The first case in list order that `pick` accepts.
fn find_case(app: &App, pick: impl Fn(&CaseListRow) -> bool) -> CaseListRow {
    let page = app.store.case_list(&Seek::First, 500).unwrap();
    page.rows.into_iter().find(|r| pick(r)).expect("the demo has such a case")
}

// ===================================================================== what the screen draws

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

#[test]
fn an_open_case_shows_header_people_letters_and_timeline() {
    let mut app = demo_app(60);
    let row = find_case(&app, |r| r.service.as_str() == "oocd" && r.status.as_str() == "completed");
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
    let row =
        find_case(&app, |r| r.service.as_str() == "restorative_justice" && r.status.as_str() == "agreement_monitoring");
    open(&mut app, row.case_id);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("{} · Restorative justice", row.reference)), "{text}");
    assert!(text.contains("│Agreement monitoring since "), "{text}");
    assert!(text.contains("Referred by "), "{text}");
    assert!(text.contains(" · Coordinator: "), "the header names the coordinator: {text}");
    assert!(!text.contains("a add condition"), "no conditions on an RJ case: {text}");
    insta::assert_snapshot!("rj_case_100x30", text);
    insta::assert_snapshot!("rj_case_80x24", screen(&mut app, 80, 24));
}

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
    app.handle_key(ctrl('s'));
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

#[test]
fn adding_a_condition_saves_it_with_the_default_due_date() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    app.handle_key(key(KeyCode::Char('a')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Add a condition to OOCD-2026-"), "{text}");
    // 16 weeks after the issue on 5 October (CC_TIME_NORMAL).
    assert!(text.contains("Mon 25 Jan 2027"), "{text}");
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
    assert_eq!(message, format!("Saved: Letter of apology added to {reference}, due Mon 25 Jan 2027."));
    // The second: the first was agreed when the caution was issued.
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 2);
    let due = app.store.case_timeline(case_id, &Seek::First, 1).unwrap().rows.remove(0);
    assert_eq!((due.kind, due.date), (EventKind::ConditionDue, d(2027, 1, 25)));
    let text = timeline_text(&due);
    assert!(text.contains("Letter of apology — Write to the neighbour"), "{text}");
    assert!(screen(&mut app, 100, 30).contains("Condition 2 due: Letter of apology"));
}

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
    assert!(!error && message.contains("moved from Issued to Active on Fri 20 Nov 2026"), "{message}");
    assert!(screen(&mut app, 100, 30).contains("Issued → Active (by test)"));
}

#[test]
fn closing_asks_first_then_takes_the_outcome_and_books_the_retention_review() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active", "completed"]);
    app.handle_key(key(KeyCode::Char('x')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Close the case?") && text.contains("retention review"), "{text}");
    assert!(!text.contains("not been told"), "an OOCD case has no harmed party to tell a result: {text}");
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
    assert!(message.contains("closed on Fri 20 Nov 2026; retention review due Sat 20 Nov 2032"), "{message}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!(header.status.as_str(), "closed");
    assert_eq!(header.closure_outcome.as_deref(), Some("All conditions completed"));
    assert_eq!(header.retention_review_due, Some(d(2032, 11, 20)));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Case closed: All conditions completed"), "{text}");
    // Closing again is refused.
    app.handle_key(key(KeyCode::Char('x')));
    assert!(status(&app).0.contains("already closed"));
    assert!(app.overlay.is_none());
}

/// Two conditions for an adult conditional caution, open once it is active.
fn two_conditions() -> Vec<NewCondition> {
    [
        (ConditionKind::ReparationApologyLetter, ConditionObject::Reparation, d(2026, 11, 27)),
        (ConditionKind::RehabCourse, ConditionObject::Rehabilitation, d(2026, 12, 18)),
    ]
    .into_iter()
    .map(|(kind, object, due)| NewCondition::new(kind, object, kind.label(), due))
    .collect()
}

/// A refusal longer than the status line's three lines at 80 columns: the
/// form keeps it whole, the status line says it in short (`disposal.rs`).
#[test]
fn a_long_refusal_is_said_in_short_on_the_status_line_80x24() {
    let mut app = disposal::refused_issue();
    insta::assert_snapshot!("issue_refused_80x24", screen(&mut app, 80, 24));
}

/// An RJ case whose harmed party is not yet told the agreement's result:
/// the confirmation says so first, and how (`closing.rs` has the rest).
#[test]
fn the_close_confirmation_reminds_of_the_result_owed_to_the_harmed_party() {
    let (mut app, _) = closing::settled_rj_case();
    app.handle_key(key(KeyCode::Char('x')));
    insta::assert_snapshot!("close_confirm_untold_80x24", screen(&mut app, 80, 24));
}

#[test]
fn closing_with_open_conditions_lists_each_and_settles_them_in_the_same_step() {
    let (mut app, case_id, ids) =
        opened_oocd_with(DisposalType::AdultConditionalCaution, &["issued", "active"], &two_conditions());
    app.handle_key(key(KeyCode::Char('x')));
    app.handle_key(key(KeyCode::Char('y')));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("1. Letter of apology") && text.contains("2. Rehabilitative course"), "{text}");
    // Nothing is marked by default: each item waits for an answer, with its own reason.
    assert!(text.contains("‹ (choose) ›") && !text.contains("‹ Completed ›"), "{text}");
    assert!(text.contains("1. evidence or reason") && text.contains("2. evidence or reason"), "{text}");
    insta::assert_snapshot!("close_settling_open_work_80x24", text);
    // Saved with the items unanswered: refused, naming them, and what was typed stays.
    type_text(&mut app, "Closed after the course");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("say how each open item ended"), "{message}");
    assert!(message.contains("1. Letter of apology, 2. Rehabilitative course"), "{message}");
    assert_eq!(case_status(&app, case_id), "active");
    match &app.overlay {
        Some(casedesk::tui::overlay::Overlay::Prompt(p)) => {
            assert_eq!(p.form.values()[0], "Closed after the course", "the outcome typed is kept")
        }
        _ => panic!("the closing form closed on a refusal"),
    }
    // The first condition: not done, but no reason yet: refused, naming it.
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Provider report of 18 November");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(error && message.contains("say why 1. Letter of apology was not done"), "{message}");
    assert_eq!(case_status(&app, case_id), "active");
    // Its reason given, the case closes with each item as answered.
    app.handle_key(key(KeyCode::BackTab));
    app.handle_key(key(KeyCode::BackTab));
    type_text(&mut app, "Refused to write it");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(!error && message.contains("closed on Fri 20 Nov 2026"), "{message}");
    assert_eq!(case_status(&app, case_id), "closed");
    let conditions = app.store.conditions_of(case_id).unwrap();
    let by_id = |id: i64| conditions.iter().find(|c| c.0 == id).unwrap().2.clone();
    assert_eq!((by_id(ids[0]).as_str(), by_id(ids[1]).as_str()), ("not_completed", "completed"));
}

#[test]
fn withdrawing_asks_who_and_why_and_a_declining_harmed_party_closes_the_case() {
    let mut app = demo_app(20);
    let case_id = rj_case(&mut app);
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('W')));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Who withdrew") && text.contains("‹ Harmed party ›"), "{text}");
    insta::assert_snapshot!("withdraw_prompt_80x24", text);
    // Who: harmed party; why: harmed party declines (the first of each).
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Does not want to meet");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(!error && message.contains("closed on Fri 20 Nov 2026 (harmed party declines)"), "{message}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!(header.status.as_str(), "closed");
    assert_eq!(header.closure_outcome.as_deref(), Some("Harmed party declines (harmed party): Does not want to meet"));
    assert_eq!(header.retention_review_due, Some(d(2032, 11, 20)));
    // Ended: the footer offers reopening instead, and the reason is required.
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("R reopen") && !text.contains("W withdraw"), "{text}");
    app.handle_key(key(KeyCode::Char('R')));
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    type_text(&mut app, "Harmed party changed their mind");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(!error && message.contains("reopened on Fri 20 Nov 2026, back to received"), "{message}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!((header.status.as_str(), header.retention_review_due), ("received", None));
}

/// The audit history's Who column kept 12 columns and cut a user's name
/// and role ("Sam Taylor …") at 120 columns with the What column half empty.
#[test]
fn the_audit_history_names_who_whole_at_120_columns() {
    let mut app = demo_app(20);
    let case_id = oocd_case(&mut app, DisposalType::CommunityResolution, &["issued"]);
    app.store.set_user("Sam Taylor (RJ coordinator)");
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('t')));
    let text = screen(&mut app, 120, 40);
    let row = text.lines().find(|l| l.contains("opened on the Case screen")).unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("Sam Taylor (RJ coordinator)"), "{row}");
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

// ===================================================================== handing a referral to a coordinator

/// A demo referral at Logged, open on the Case screen, with Priya Shah in
/// the directory; the move to Transferred asked for.
fn transfer_asked() -> (App, i64) {
    let mut app = demo_app(60);
    app.store
        .write(|tx| {
            let priya = NewDirectoryEntry { name: "Priya Shah".into(), max_caseload: Some(0), ..Default::default() };
            tx.add_to_directory(DirectoryKind::Coordinator, &priya)
        })
        .unwrap();
    let row = find_case(&app, |r| r.status.as_str() == "logged");
    open(&mut app, row.case_id);
    app.handle_key(key(KeyCode::Char('>')));
    assert!(screen(&mut app, 100, 30).contains("‹ Transferred to coordinator ›"));
    app.handle_key(key(KeyCode::Enter));
    (app, row.case_id)
}

#[test]
fn transferring_a_referral_asks_for_its_coordinator_with_their_caseload() {
    let (mut app, case_id) = transfer_asked();
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Transfer ") && text.contains("to a coordinator"), "{text}");
    insta::assert_snapshot!("transfer_prompt_80x24", screen(&mut app, 80, 24));
    // Choose Priya Shah, who has no case yet and a maximum of none.
    let choices = app.store.coordinator_choices().unwrap();
    let at = choices.iter().position(|c| c.name == "Priya Shah").unwrap();
    for _ in 0..at {
        app.handle_key(key(KeyCode::Right));
    }
    assert!(screen(&mut app, 100, 30).contains("‹ Priya Shah — 0 open ›"), "{}", screen(&mut app, 100, 30));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("transferred to Priya Shah on Fri 20 Nov 2026"), "{message}");
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!((header.status.as_str(), header.coordinator.as_deref()), ("transferred", Some("Priya Shah")));
    assert!(screen(&mut app, 100, 30).contains("Coordinator: Priya Shah"));
    let listed = app.store.coordinator_choices().unwrap();
    let priya = listed.iter().find(|c| c.name == "Priya Shah").unwrap();
    assert_eq!(priya.open_cases, 1);
}

#[test]
fn with_no_coordinator_in_the_directory_the_transfer_says_how_to_add_one() {
    let (mut app, case_id) = transfer_asked();
    app.handle_key(key(KeyCode::Esc));
    let names: Vec<String> = app.store.coordinator_choices().unwrap().into_iter().map(|c| c.name).collect();
    app.store
        .write(|tx| names.iter().try_for_each(|n| tx.retire_from_directory(DirectoryKind::Coordinator, n).map(drop)))
        .unwrap();
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("casedesk directory add --kind coordinator --name"), "{message}");
    assert_eq!(case_status(&app, case_id), "logged", "nothing was saved");
}

/// A conditional caution with a £50 penalty set, open on the Case screen
/// with the penalty's due date selected on the timeline.
fn with_penalty_selected() -> (App, i64, i64) {
    let mut penalty = NewCondition::new(
        ConditionKind::FinancialPenalty,
        ConditionObject::Punishment,
        "Pay towards the fence",
        d(2026, 12, 4),
    );
    penalty.amount_pence = Some(5000);
    let (mut app, case_id, ids) =
        opened_oocd_with(DisposalType::AdultConditionalCaution, &["issued", "active"], &[penalty]);
    app.apply(Action::Top);
    (app, case_id, ids[0])
}

#[test]
fn the_edit_key_opens_the_selected_condition_filled_with_what_is_on_file() {
    let (mut app, _, _) = with_penalty_selected();
    app.handle_key(key(KeyCode::Char('e')));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Edit condition 1 of OOCD-2026-"), "{text}");
    assert!(text.contains("Pay towards the fence") && text.contains("50.00"), "{text}");
    insta::assert_snapshot!("edit_condition_form_80x24", text);
    // Refused, the form keeps what was typed and says why beside the amount.
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "300");
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!("edit_condition_refused_80x24", screen(&mut app, 80, 24));
}

/// Feedback (F) on an RJ case: refused with the reason before a meeting is
/// held; afterwards the prompt asks who (the case's people by name and
/// part, then the parts no one on the case has), when, how satisfied in words,
/// would recommend, felt safe and comments over several lines; the entry
/// reads on the timeline and undo takes it back (issue 15 §4).
#[test]
fn feedback_after_a_held_meeting_is_asked_saved_shown_and_undone() {
    use casedesk::domain::types::{ProcessKind, ProcessStatus};
    use casedesk::store::model::NewProcess;
    let mut app = demo_app(20);
    let case_id = rj_case(&mut app);
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('F')));
    let (message, error) = status(&app);
    assert!(error && message.contains("record a meeting held or an outcome agreed first"), "{message}");

    app.store
        .write(|tx| {
            let process = NewProcess {
                kind: ProcessKind::FaceToFaceConference,
                scheduled_for: None,
                venue: None,
                room_booked: false,
                refreshments: None,
                facilitators: "A. Facilitator".into(),
                participants: "harmed, responsible".into(),
                status: ProcessStatus::Held,
            };
            tx.add_process(case_id, &process)
        })
        .unwrap();
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('F')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("5 very satisfied") && text.contains("Felt safe"), "{text}");
    insta::assert_snapshot!("feedback_prompt_100x30", text);
    insta::assert_snapshot!("feedback_prompt_80x24", screen(&mut app, 80, 24));
    // From offers the case's people as the People box shows them, then the
    // parts no one on the case has, then someone else.
    let mut offered = Vec::new();
    for _ in 0..3 {
        let text = screen(&mut app, 100, 30);
        let from = text.lines().find(|l| l.contains("From*")).unwrap_or_default();
        offered.push(from.split(['‹', '›']).nth(1).unwrap_or_default().trim().to_string());
        app.handle_key(key(KeyCode::Right));
    }
    assert_eq!(
        offered,
        [
            "Sam Harmed (Harmed)",
            "Responsible party (not among the case's people)",
            "Someone else (a supporter, a parent, anyone)"
        ]
    );
    assert!(screen(&mut app, 100, 30).contains("‹ Sam Harmed (Harmed) ›"), "the choices go round");
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "It helped.");
    app.handle_key(key(KeyCode::Enter));
    type_text(&mut app, "Would do it again.");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert_eq!((message.as_str(), error), ("Saved: feedback on RJ-2026-0007 from Sam Harmed.", false));
    let given = app.store.feedback_list(Some(case_id)).unwrap();
    assert_eq!(
        given[0].person.as_ref().map(|(name, role)| (name.as_str(), role.label())),
        Some(("Sam Harmed", "Harmed")),
        "the feedback names the party who gave it"
    );
    let feedback = |app: &App| -> Vec<String> {
        let page = app.store.case_timeline(case_id, &Seek::First, 50).unwrap();
        page.rows.iter().filter(|e| e.kind == EventKind::Feedback).map(timeline_text).collect()
    };
    assert_eq!(
        feedback(&app),
        ["Feedback from Sam Harmed (Harmed): very satisfied; would recommend: yes; felt safe: yes — It helped. Would do it again."]
    );
    let asked = common::undo(&mut app);
    assert!(asked.contains("feedback"), "undo names what it takes back: {asked}");
    assert!(feedback(&app).is_empty());
}
