//! The Checklist screen (key 3): the queue of referrals whose checklist needs
//! work, answering items (saved at once, one transaction each), the live risk
//! level and constraints, decisions with the rules enforced by the store, and
//! moving a referral along the RJ machine.
//!
//! The helpers and every test that takes a snapshot stay in this file
//! (insta names a snapshot after the module it is taken in); the other
//! tests are in `screen_checklist/`, one file a subject.

mod common;

use casedesk::domain::checklist::{self, Answer, ChecklistSection, RiskSeverity, ITEMS};
use casedesk::domain::types::{Service, Source};
use casedesk::store::model::{CaseFlags, ChecklistEntry, NewCase, NewDisposal};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::{Duration, NaiveDate};
use crossterm::event::KeyCode;

use common::{ctrl, key, screen, today, type_text};

#[path = "screen_checklist/answers.rs"]
mod answers;
#[path = "screen_checklist/decisions.rs"]
mod decisions;
#[path = "screen_checklist/leaving.rs"]
mod leaving;
#[path = "screen_checklist/queue.rs"]
mod queue;

fn days_ago(n: i64) -> NaiveDate {
    today() - Duration::days(n)
}

/// Log a referral received `age` days ago; returns its id.
fn referral(app: &mut App, service: Service, age: i64, offence: &str, flags: CaseFlags) -> i64 {
    let mut case = NewCase::new(service, Source::Police, days_ago(age));
    case.offence_desc = Some(offence.to_string());
    case.crime_ref = Some(format!("CR/{:06}/26", 100 + age));
    case.flags = flags;
    app.store.write(|tx| tx.create_case(&case)).unwrap().id
}

fn answer(app: &mut App, case_id: i64, code: &str, answer: Answer, severity: Option<RiskSeverity>) {
    let entry = ChecklistEntry { item_code: code.to_string(), answer, severity, note: String::new() };
    app.store.write(|tx| tx.answer_checklist(case_id, &entry, today())).unwrap();
}

/// Every sense-check and suitability item yes, every risk area no.
fn answer_clean(app: &mut App, case_id: i64) {
    for item in ITEMS {
        let a = if item.section == ChecklistSection::Risk { Answer::No } else { Answer::Yes };
        answer(app, case_id, item.code, a, None);
    }
}

/// Walk a referral to risk assessment (its sense-check must be complete).
fn to_risk_assessment(app: &mut App, case_id: i64) {
    app.store.write(|tx| tx.change_status_path(case_id, &["sense_check", "risk_assessment"], today())).unwrap();
}

fn open_checklist(app: &mut App, case_id: i64) {
    app.apply_effect(Effect::Focus { screen: ScreenId::Checklist, case_id, entity_id: None });
    assert_eq!(app.current, ScreenId::Checklist);
}

/// Put the cursor on an item.
fn goto_item(app: &mut App, code: &str) {
    let index = ITEMS.iter().position(|i| i.code == code).expect("item code");
    app.apply(Action::Top);
    for _ in 0..index {
        app.apply(Action::Down);
    }
}

fn stored(app: &App, case_id: i64, code: &str) -> Option<checklist::AnswerEntry> {
    app.store.checklist_answers(case_id).unwrap().get(code).cloned()
}

fn status_line(app: &App) -> (String, bool) {
    app.status.clone().expect("a status line")
}

fn status_of(app: &App, case_id: i64) -> String {
    app.store.current_case_status(case_id).unwrap().unwrap().as_str().to_string()
}

fn prompt_title(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => p.prompt.title.clone(),
        _ => panic!("no prompt is open"),
    }
}

fn press(app: &mut App, c: char) {
    app.handle_key(key(KeyCode::Char(c)));
}

/// A referral whose answers trip every rule: no acknowledgement of the harm,
/// domestic abuse present, a hate-crime flag at intake.
fn rules_case(app: &mut App) -> i64 {
    let flags = CaseFlags { hate_crime: true, ..CaseFlags::default() };
    let id = referral(app, Service::RestorativeJustice, 6, "Assault outside a takeaway", flags);
    answer_clean(app, id);
    to_risk_assessment(app, id);
    answer(app, id, "SU_ACCEPTS", Answer::No, None);
    answer(app, id, "RK_DA", Answer::Yes, Some(RiskSeverity::Medium));
    answer(app, id, "RK_MH", Answer::Yes, Some(RiskSeverity::Low));
    id
}

/// Three medium risks together rate high: a suitable decision needs sign-off.
fn high_risk_case(app: &mut App) -> i64 {
    let id = referral(app, Service::Mediation, 4, "Neighbour dispute", CaseFlags::default());
    answer_clean(app, id);
    to_risk_assessment(app, id);
    for code in ["RK_POWER", "RK_REVICT", "RK_VENUE"] {
        answer(app, id, code, Answer::Yes, Some(RiskSeverity::Medium));
    }
    id
}

// ---------- what the screen draws ----------

#[test]
fn queue_snapshots() {
    let mut app = common::demo_app(200);
    app.apply(Action::ScreenChecklist);
    insta::assert_snapshot!("checklist_queue_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("checklist_queue_80x24", screen(&mut app, 80, 24));
}

#[test]
fn an_empty_queue_says_where_referrals_come_from() {
    let mut app = common::empty_app();
    app.apply(Action::ScreenChecklist);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("No referral needs its checklist."), "{text}");
    insta::assert_snapshot!("checklist_empty_80x24", text);
    insta::assert_snapshot!("checklist_empty_100x30", screen(&mut app, 100, 30));
}

#[test]
fn case_snapshots_from_the_demo() {
    let mut app = common::demo_app(200);
    app.apply(Action::ScreenChecklist);
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!("checklist_case_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("checklist_case_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_constraints_are_shown_beside_the_answers() {
    let mut app = common::empty_app();
    let id = rules_case(&mut app);
    open_checklist(&mut app, id);
    goto_item(&mut app, "RK_MH");
    let wide = screen(&mut app, 100, 30);
    assert!(wide.contains("Overall risk  HIGH"), "{wide}");
    assert!(wide.contains("Cannot be suitable:"), "{wide}");
    // Items are named by their labels, never by the codes stored for them.
    assert!(wide.contains("• Responsible party"), "{wide}");
    assert!(!wide.contains("SU_ACCEPTS") && !wide.contains("RK_"), "{wide}");
    assert!(wide.contains("Manager review needed:"), "{wide}");
    assert!(wide.contains("⚑ hate crime"), "{wide}");
    // The answer reads as a sentence, the health-data mark beside it.
    let mental_health = wide.lines().find(|l| l.contains("Mental health: a low concern")).unwrap_or_default();
    assert!(mental_health.contains('†'), "{wide}");
    assert!(wide.contains("† health data: DPA 2018 s.35"), "{wide}");
    insta::assert_snapshot!("checklist_rules_100x30", wide);
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("✗ Cannot be suitable: Responsible party acknowledges the harm"), "{narrow}");
    assert!(narrow.contains("! Manager review: overall risk high, Domestic abuse"), "{narrow}");
    assert!(!narrow.contains("SU_ACCEPTS") && !narrow.contains("RK_"), "{narrow}");
    insta::assert_snapshot!("checklist_rules_80x24", narrow);
}

#[test]
fn a_note_is_written_in_a_prompt_and_saved_with_the_answer() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Robbery", CaseFlags::default());
    answer(&mut app, id, "RK_MH", Answer::Yes, Some(RiskSeverity::Medium));
    open_checklist(&mut app, id);
    goto_item(&mut app, "RK_MH");
    press(&mut app, 'e');
    assert_eq!(prompt_title(&app), "Note on Mental health — RJ-2026-0001");
    insta::assert_snapshot!("checklist_note_prompt_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("checklist_note_prompt_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "GP letter 12 Nov: stable on medication");
    app.handle_key(ctrl('s'));
    assert!(app.overlay.is_none());
    let entry = stored(&app, id, "RK_MH").unwrap();
    assert_eq!(entry.note, "GP letter 12 Nov: stable on medication");
    assert_eq!((entry.answer, entry.severity), (Answer::Yes, Some(RiskSeverity::Medium)));
    assert_eq!(status_line(&app), ("Saved Mental health: note".to_string(), false));
    assert!(screen(&mut app, 100, 30).contains("✎ GP letter 12 Nov: stable on medication"));
}

#[test]
fn suitable_is_refused_when_the_harm_is_not_acknowledged_and_the_rationale_is_kept() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 6, "Criminal damage", CaseFlags::default());
    answer_clean(&mut app, id);
    to_risk_assessment(&mut app, id);
    answer(&mut app, id, "SU_ACCEPTS", Answer::No, None);
    open_checklist(&mut app, id);

    press(&mut app, 'd');
    assert_eq!(prompt_title(&app), "Decision — RJ-2026-0001");
    insta::assert_snapshot!("checklist_decision_prompt_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("checklist_decision_prompt_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "s"); // Suitable
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "He says sorry now");
    app.handle_key(ctrl('s'));

    let (text, refused) = status_line(&app);
    assert!(refused, "{text}");
    assert_eq!(
        text,
        "Not saved: cannot be suitable (Responsible party acknowledges the harm); suitability still no or unknown \
         (Responsible party acknowledges the harm)."
    );
    assert_eq!(app.store.decision_count(id).unwrap(), 0);
    assert_eq!(status_of(&app, id), "risk_assessment");

    // The refused form stays open with what was typed; choosing not suitable is saved.
    assert_eq!(prompt_title(&app), "Decision — RJ-2026-0001");
    assert!(screen(&mut app, 100, 30).contains("He says sorry now"));
    app.handle_key(key(KeyCode::BackTab));
    type_text(&mut app, "n"); // Not suitable
    app.handle_key(key(KeyCode::Enter));
    let (text, refused) = status_line(&app);
    assert!(!refused, "{text}");
    assert_eq!(text, "Saved RJ-2026-0001: Not suitable (risk low); case now not suitable.");
    let d = app.store.latest_decision(id).unwrap().unwrap();
    assert_eq!(d.decision, checklist::Decision::NotSuitable);
    assert_eq!(d.rationale, "He says sorry now");
    assert_eq!(status_of(&app, id), "not_suitable");
}

#[test]
fn a_high_risk_needs_manager_sign_off() {
    let mut app = common::empty_app();
    let id = high_risk_case(&mut app);
    open_checklist(&mut app, id);
    assert!(screen(&mut app, 100, 30).contains("Overall risk  HIGH"));

    press(&mut app, 'd');
    type_text(&mut app, "s"); // Suitable, without a manager
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Both keen; venue risk managed");
    app.handle_key(ctrl('s'));
    let (text, refused) = status_line(&app);
    assert!(refused, "{text}");
    assert_eq!(text, "Not saved: suitable needs manager sign-off (overall risk high): m records it.");
    assert_eq!(app.store.decision_count(id).unwrap(), 0);
    // The refused form stays open with what was typed until put aside.
    assert!(screen(&mut app, 100, 30).contains("Both keen; venue risk managed"));
    app.handle_key(key(KeyCode::Esc));

    press(&mut app, 'm');
    assert_eq!(prompt_title(&app), "Manager sign-off — MED-2026-0001");
    insta::assert_snapshot!("checklist_sign_off_prompt_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("checklist_sign_off_prompt_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "Insp. Okafor");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Signed off: indirect first, then review");
    app.handle_key(ctrl('s'));
    let (text, refused) = status_line(&app);
    assert!(!refused, "{text}");
    assert_eq!(text, "Saved MED-2026-0001: Suitable (risk high), signed off by Insp. Okafor; case now suitable.");
    let d = app.store.latest_decision(id).unwrap().unwrap();
    assert_eq!(d.manager_signoff_by.as_deref(), Some("Insp. Okafor"));
    assert_eq!(d.manager_signoff_on, Some(today()));
    assert_eq!(d.risk_level, checklist::RiskLevel::High);
    assert_eq!(status_of(&app, id), "suitable");
}

#[test]
fn next_status_moves_along_the_rj_machine_and_says_why_not() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Theft", CaseFlags::default());
    open_checklist(&mut app, id);

    press(&mut app, '>');
    assert_eq!(status_line(&app), ("Saved RJ-2026-0001: received → sense check.".to_string(), false));
    assert_eq!(status_of(&app, id), "sense_check");

    // Two ways on from the sense-check: a choice, refused while it is incomplete.
    press(&mut app, '>');
    assert_eq!(prompt_title(&app), "Move RJ-2026-0001 on");
    insta::assert_snapshot!("checklist_advance_prompt_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("checklist_advance_prompt_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Right)); // awaiting information → risk assessment
    app.handle_key(key(KeyCode::Enter));
    let (text, refused) = status_line(&app);
    assert!(refused, "{text}");
    assert!(text.contains("the sense-check is not complete: SC_REF, SC_PARTIES"), "{text}");
    assert_eq!(status_of(&app, id), "sense_check");
    // The refused choice stays open until put aside.
    assert_eq!(prompt_title(&app), "Move RJ-2026-0001 on");
    app.handle_key(key(KeyCode::Esc));

    // Answer the eight sense-check items from the keyboard, then move on.
    goto_item(&mut app, "SC_REF");
    for _ in 0..8 {
        press(&mut app, ' ');
        app.apply(Action::Down);
    }
    assert!(checklist::sense_check_complete(&app.store.checklist_answers(id).unwrap()).is_ok());
    press(&mut app, '>');
    app.handle_key(key(KeyCode::Enter)); // risk assessment is offered first now
    assert_eq!(status_of(&app, id), "risk_assessment");
    assert_eq!(status_line(&app), ("Saved RJ-2026-0001: sense check → risk assessment.".to_string(), false));

    press(&mut app, '>');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("press d"), "{text}");
}

#[test]
fn an_oocd_case_has_no_checklist_and_points_to_the_case_screen() {
    let mut app = common::empty_app();
    let key_ = app
        .store
        .write(|tx| {
            let case = tx.create_case(&NewCase::new(Service::Oocd, Source::Police, days_ago(3)))?;
            tx.set_disposal(case.id, &NewDisposal::new(casedesk::domain::status::DisposalType::CommunityResolution))?;
            Ok(case)
        })
        .unwrap();
    open_checklist(&mut app, key_.id);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("OOCD cases have no RJ suitability checklist."), "{text}");
    insta::assert_snapshot!("checklist_oocd_80x24", text);
    insta::assert_snapshot!("checklist_oocd_100x30", screen(&mut app, 100, 30));
    press(&mut app, ' ');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("Case screen"), "{text}");
    assert!(app.store.checklist_answers(key_.id).unwrap().is_empty());
    press(&mut app, 'o');
    assert_eq!(app.current, ScreenId::Case);
}

/// Issue 16: what intake recorded (here the crime reference) is offered as
/// the answer, marked as prefilled until confirmed; it counts for nothing
/// until then, and `y` confirms it.
#[test]
fn what_intake_knows_is_prefilled_and_marked_until_confirmed() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Criminal damage", CaseFlags::default());
    open_checklist(&mut app, id);
    goto_item(&mut app, "SC_REF");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Crime or ASB reference: present ◇"), "{text}");
    assert!(text.contains("◇ prefilled: y confirms"), "{text}");
    assert!(text.contains("Crime or ASB reference: present, prefilled from intake (y confirms)."), "{text}");
    assert!(text.contains("Checklist · 0 of 32 answered"), "{text}");
    insta::assert_snapshot!("checklist_prefilled_80x24", text);
    assert!(stored(&app, id, "SC_REF").is_none(), "a suggestion is not an answer until confirmed");
    // Parties are not recorded, so that item is not prefilled.
    assert!(text.contains("Harmed and responsible parties identified?"), "{text}");

    press(&mut app, 'y');
    assert_eq!(stored(&app, id, "SC_REF").unwrap().answer, Answer::Yes);
    goto_item(&mut app, "SC_REF");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Crime or ASB reference: present "), "{text}");
    assert!(!text.contains('◇'), "nothing left prefilled: {text}");
}

/// Issue 16: a second assessment (Essex assesses at intake and again
/// before the process) keeps the first as it stood, shown read-only with
/// `t`, while the answers go on as assessment 2.
#[test]
fn a_second_assessment_keeps_the_first_as_it_stood() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 3, "Burglary", CaseFlags::default());
    answer_clean(&mut app, id);
    open_checklist(&mut app, id);
    press(&mut app, 'N');
    assert_eq!(prompt_title(&app), "Start a new assessment");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(
        status_line(&app),
        ("Saved RJ-2026-0001: assessment 1 kept as it stands (t shows it); this is assessment 2.".to_string(), false)
    );
    goto_item(&mut app, "RK_VENUE");
    press(&mut app, 'y');
    assert_eq!(stored(&app, id, "RK_VENUE").unwrap().answer, Answer::Yes);
    let live = screen(&mut app, 80, 24);
    assert!(live.contains("Checklist · assessment 2 · 32 of 32 answered"), "{live}");

    press(&mut app, 't');
    goto_item(&mut app, "RK_VENUE");
    let earlier = screen(&mut app, 80, 24);
    assert!(earlier.contains("Assessment 1 · as it stood Fri 20 Nov 2026 · read-only · t next"), "{earlier}");
    assert!(earlier.contains("Venue / travel safety: no concerns."), "the first answer, as it stood: {earlier}");
    insta::assert_snapshot!("checklist_earlier_assessment_80x24", earlier);
    press(&mut app, 'y');
    let (text, refused) = status_line(&app);
    assert!(refused && text.contains("earlier assessment, kept as it stood"), "{text}");
    assert_eq!(stored(&app, id, "RK_VENUE").unwrap().answer, Answer::Yes, "the live answer is untouched");

    press(&mut app, 't');
    assert!(screen(&mut app, 80, 24).contains("Checklist · assessment 2"));
    assert!(app.store.check().unwrap().is_ok());
}
