mod common;

use casedesk::domain::types::{PartyRole, Service, Source};
use casedesk::store::model::{NewCase, NewPerson, PartyLink};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use common::{ctrl, key, type_text};
use crossterm::event::KeyCode;

// Tab stops from the first field (Service) on a fresh RJ / mediation form;
// on an OOCD form the disposal type comes after the offence mode, so every
// later stop is one further on.
const RECEIVED: usize = 2;
const REPORTED: usize = 3;
const REFERRER: usize = 4;
const CRIME_REF: usize = 6;
const OFFENCE: usize = 7;
const OFFENCE_DATE: usize = 8;
const NOTES: usize = 16;
const PERSON_1: usize = 17;
// The harmed party (person 1) has one stop more: enhanced rights.
const PERSON_2: usize = 25;
// Within a person: given, family, date of birth, role, phone, email, address
// (and, for a harmed party, enhanced rights).
const FAMILY: usize = 1;
const DOB: usize = 2;
const ROLE: usize = 3;
const EMAIL: usize = 5;
const ENHANCED: usize = 7;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The app on the Intake screen, its form fresh and the first field focused.
fn intake(mut app: App) -> App {
    app.apply(Action::ScreenIntake);
    assert_eq!(app.current, ScreenId::Intake);
    app
}

fn tab(app: &mut App, times: usize) {
    for _ in 0..times {
        app.handle_key(key(KeyCode::Tab));
    }
}

/// From the first field, move to tab stop `stop` and type `text` there.
fn fill(app: &mut App, stop: usize, text: &str) {
    back_to_top(app);
    tab(app, stop);
    type_text(app, text);
}

/// Shift-Tab back to the first field (Service), reading the focus off the screen.
fn back_to_top(app: &mut App) {
    for _ in 0..60 {
        if focused_line(app).starts_with("Service") {
            return;
        }
        app.handle_key(key(KeyCode::BackTab));
    }
    panic!("never reached the Service field");
}

/// The line of the focused field as drawn: a focused choice shows its
/// "←/→ Space" hint; a focused text field holds the terminal cursor.
fn focused_line(app: &mut App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 60)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let row_text = |y: u16| -> String {
        (0..buffer.area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>().trim().to_string()
    };
    for y in 0..buffer.area.height {
        let line = row_text(y);
        if line.contains("←/→ Space") && !line.contains("Tab/↓") {
            return line.trim_start_matches('│').trim().to_string();
        }
    }
    let cursor = terminal.get_cursor_position().unwrap();
    row_text(cursor.y).trim_start_matches('│').trim().to_string()
}

fn save(app: &mut App) {
    app.handle_key(ctrl('s'));
}

fn status(app: &App) -> (String, bool) {
    app.status.clone().expect("a status line")
}

/// A case already on file with a crime reference and a responsible person.
fn seed_existing(app: &mut App) -> String {
    app.store
        .write(|tx| {
            let mut case = NewCase::new(Service::Oocd, Source::Police, date(2026, 10, 1));
            case.crime_ref = Some("CR/004411/26".into());
            let key = tx.create_case(&case)?;
            let mut person = NewPerson::named("Zoë", "Ó Briain");
            person.dob = Some(date(2001, 2, 3));
            tx.add_party(
                key.id,
                &person,
                PartyLink { role: PartyRole::Offender, category: PartyRole::Offender.default_category() },
            )?;
            Ok(key.reference)
        })
        .unwrap()
}

/// A referral typed as a user would: names with accents, two people.
fn type_referral(app: &mut App) {
    fill(app, REFERRER, "PC Łucja Nowak");
    fill(app, CRIME_REF, "cr/778899/26");
    fill(app, OFFENCE, "Criminal damage to a shop window");
    fill(app, OFFENCE_DATE, "12/11/2026");
    fill(app, PERSON_1, "Siobhán");
    tab(app, 1);
    type_text(app, "Ní Bhriain");
    tab(app, 1);
    type_text(app, "1980-05-06");
    tab(app, 3);
    type_text(app, "siobhan@example.org");
    fill(app, PERSON_2, "Zoë");
    tab(app, 1);
    type_text(app, "Łucja-Smith");
}

// ---------- snapshots ----------

#[test]
fn snapshot_fresh_form() {
    let mut app = intake(common::demo_app(30));
    insta::assert_snapshot!("screen_intake_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_typed_with_problems_beside_the_fields() {
    let mut app = intake(common::empty_app());
    fill(&mut app, OFFENCE_DATE, "2026-12-01");
    fill(&mut app, PERSON_1 + EMAIL, "not-an-email");
    // The focus stays on the email, so the person's section is in view.
    insta::assert_snapshot!("screen_intake_problems_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_problems_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_duplicate_warning() {
    let mut app = intake(common::empty_app());
    seed_existing(&mut app);
    fill(&mut app, CRIME_REF, "cr/004411/26");
    fill(&mut app, PERSON_2, "zoë");
    tab(&mut app, 1);
    type_text(&mut app, "ó briain");
    tab(&mut app, 1);
    type_text(&mut app, "03/02/2001");
    insta::assert_snapshot!("screen_intake_duplicates_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_duplicates_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_after_save() {
    let mut app = intake(common::empty_app());
    type_referral(&mut app);
    save(&mut app);
    insta::assert_snapshot!("screen_intake_saved_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_saved_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_refused_save() {
    let mut app = intake(common::empty_app());
    fill(&mut app, PERSON_1 + EMAIL, "zoe@nowhere");
    save(&mut app);
    insta::assert_snapshot!("screen_intake_refused_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_refused_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_remove_person_prompt() {
    let mut app = intake(common::empty_app());
    fill(&mut app, PERSON_2, "Łucja");
    app.handle_key(ctrl('d'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    insta::assert_snapshot!("screen_intake_remove_person_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_remove_person_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_leave_without_saving_prompt() {
    let mut app = intake(common::empty_app());
    fill(&mut app, REFERRER, "Ó Briain");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    insta::assert_snapshot!("screen_intake_leave_100x30", common::screen(&mut app, 100, 30));
    insta::assert_snapshot!("screen_intake_leave_80x24", common::screen(&mut app, 80, 24));
}

#[test]
fn snapshot_two_columns_when_wide() {
    let mut app = intake(common::empty_app());
    fill(&mut app, PERSON_1, "Zoë");
    insta::assert_snapshot!("screen_intake_160x48", common::screen(&mut app, 160, 48));
}

// ---------- flows ----------

#[test]
fn typing_a_referral_and_ctrl_s_saves_case_and_people_in_one_transaction() {
    let mut app = intake(common::empty_app());
    type_referral(&mut app);
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.starts_with("Saved RJ-2026-0001 with 2 people."), "{text}");
    assert!(text.contains("Press 3"), "{text}");

    let saved = app.store.saved_intake("RJ-2026-0001").unwrap().expect("the case");
    assert_eq!(saved.service.as_str(), "restorative_justice");
    assert_eq!(saved.source.as_str(), "police");
    assert_eq!(saved.received_on, "2026-11-20");
    assert_eq!(saved.referrer_name.as_deref(), Some("PC Łucja Nowak"));
    assert_eq!(saved.crime_ref.as_deref(), Some("CR/778899/26"));
    assert_eq!(saved.offence_desc.as_deref(), Some("Criminal damage to a shop window"));
    assert_eq!(saved.offence_date.as_deref(), Some("2026-11-12"));
    assert_eq!(saved.disposal_type, None);
    assert_eq!(saved.parties.len(), 2);
    let harmed = &saved.parties[0];
    assert_eq!((harmed.given_names.as_str(), harmed.family_name.as_str()), ("Siobhán", "Ní Bhriain"));
    assert_eq!(harmed.dob.as_deref(), Some("1980-05-06"));
    assert_eq!(harmed.email.as_deref(), Some("siobhan@example.org"));
    assert_eq!((harmed.role.as_str(), harmed.data_subject_category.as_str()), ("harmed", "victim"));
    let responsible = &saved.parties[1];
    assert_eq!((responsible.given_names.as_str(), responsible.family_name.as_str()), ("Zoë", "Łucja-Smith"));
    assert_eq!((responsible.role.as_str(), responsible.data_subject_category.as_str()), ("offender", "suspect"));

    // The form is fresh for the next referral: leaving does not ask.
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    assert_eq!(app.current, ScreenId::Today);

    // One transaction: one undo takes the case and both people away (issue
    // 16: undo names it and asks first; Enter agrees).
    app.handle_key(ctrl('z'));
    let Some(Overlay::Prompt(p)) = &app.overlay else { panic!("undo asks first") };
    assert_eq!(p.prompt.message, "Undo: logging the referral for RJ-2026-0001?");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.store.case_count().unwrap(), 0);
    assert!(app.store.saved_intake("RJ-2026-0001").unwrap().is_none());
}

#[test]
fn an_oocd_referral_records_its_disposal_type_flags_and_a_third_person() {
    let mut app = intake(common::empty_app());
    // Service: Restorative justice → Mediation → Out-of-court disposal.
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    assert!(focused_line(&mut app).contains("Out-of-court disposal"));
    // Offence mode (stop 9): either way; disposal type (stop 10): adult conditional caution.
    tab(&mut app, 9);
    type_text(&mut app, "e");
    tab(&mut app, 1);
    type_text(&mut app, "a");
    assert!(focused_line(&mut app).contains("Adult conditional caution"), "{}", focused_line(&mut app));
    // Domestic abuse: yes; hate crime: yes.
    tab(&mut app, 1);
    type_text(&mut app, " ");
    tab(&mut app, 2);
    type_text(&mut app, " ");
    // Person 1 stays blank, so it is not saved. Person 2 (one stop further
    // on than on an RJ form) is the responsible party.
    back_to_top(&mut app);
    tab(&mut app, PERSON_2 + 1);
    type_text(&mut app, "Tomasz");
    tab(&mut app, 1);
    type_text(&mut app, "Wójcik");
    // A third person: a parent.
    app.handle_key(ctrl('p'));
    type_text(&mut app, "Agnieszka");
    tab(&mut app, 1);
    type_text(&mut app, "Wójcik");
    tab(&mut app, 2);
    type_text(&mut app, "p");
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.starts_with("Saved OOCD-2026-0001 with 2 people."), "{text}");
    let saved = app.store.saved_intake("OOCD-2026-0001").unwrap().expect("the case");
    assert_eq!(saved.service.as_str(), "oocd");
    assert_eq!(saved.status.as_str(), "draft");
    assert_eq!(saved.offence_mode.map(|m| m.as_str()), Some("either_way"));
    assert_eq!(saved.disposal_type.map(|d| d.as_str()), Some("adult_conditional_caution"));
    assert_eq!(saved.flags, ["domestic_abuse", "hate_crime"]);
    let roles: Vec<(&str, &str, &str)> = saved
        .parties
        .iter()
        .map(|p| (p.given_names.as_str(), p.role.as_str(), p.data_subject_category.as_str()))
        .collect();
    assert_eq!(roles, [("Tomasz", "offender", "suspect"), ("Agnieszka", "parent_guardian", "other")]);
}

#[test]
fn invalid_input_is_refused_and_nothing_is_written() {
    let mut app = intake(common::empty_app());
    fill(&mut app, OFFENCE_DATE, "2026-12-25");
    fill(&mut app, PERSON_2 + EMAIL, "zoe@nowhere");
    fill(&mut app, RECEIVED, "x");
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(is_error, "{text}");
    assert!(text.starts_with("Not saved: fix 5 fields marked ✗"), "{text}");
    assert!(text.contains("Received on: not a date"), "{text}");
    assert!(text.contains("Person 2 family name: needed for this person"), "{text}");
    assert!(text.contains("Offence date: in the future"), "{text}");
    assert!(text.contains("Person 2 given names: needed for this person"), "{text}");
    assert!(text.contains("Person 2 email: not an email address"), "{text}");
    assert_eq!(app.store.case_count().unwrap(), 0);
    // What was typed is still there, to be put right.
    assert!(common::screen(&mut app, 160, 48).contains("zoe@nowhere"));
}

#[test]
fn an_offence_after_the_received_date_is_refused() {
    let mut app = intake(common::empty_app());
    // Received on: clear the default (Ctrl-U) and type an earlier date.
    back_to_top(&mut app);
    tab(&mut app, RECEIVED);
    app.handle_key(ctrl('u'));
    type_text(&mut app, "01/11/2026");
    fill(&mut app, OFFENCE_DATE, "2026-11-05");
    assert!(common::screen(&mut app, 100, 30).contains("after the received date"));
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Offence date: after the received date"), "{text}");
    assert_eq!(app.store.case_count().unwrap(), 0);
}

#[test]
fn saving_an_untouched_form_is_refused() {
    let mut app = intake(common::empty_app());
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Nothing typed yet"), "{text}");
    assert_eq!(app.store.case_count().unwrap(), 0);
    // Nor can a second Ctrl-S after a save log the referral twice.
    fill(&mut app, REFERRER, "Victim Support");
    save(&mut app);
    assert!(!status(&app).1);
    save(&mut app);
    assert!(status(&app).1);
    assert_eq!(app.store.case_count().unwrap(), 1);
}

#[test]
fn duplicates_warn_as_you_type_and_do_not_block_saving() {
    let mut app = intake(common::empty_app());
    let existing = seed_existing(&mut app);
    fill(&mut app, CRIME_REF, " cr/004411/26");
    let shown = common::screen(&mut app, 100, 30);
    assert!(shown.contains("Possible duplicates"), "{shown}");
    assert!(shown.contains(&format!("Crime reference CR/004411/26 is already on {existing} (draft)")), "{shown}");

    fill(&mut app, PERSON_1, "ZOË");
    tab(&mut app, FAMILY);
    type_text(&mut app, "ó briain");
    // Not the same person until the date of birth matches too.
    tab(&mut app, DOB - FAMILY);
    type_text(&mut app, "2001-02-04");
    assert!(!common::screen(&mut app, 100, 30).contains("Person 1 ZOË"));
    app.handle_key(key(KeyCode::Backspace));
    type_text(&mut app, "3");
    let shown = common::screen(&mut app, 100, 30);
    assert!(
        shown.contains(&format!("Person 1 ZOË ó briain (born 2001-02-03) is already on {existing} (responsible")),
        "{shown}"
    );

    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.starts_with("Saved RJ-2026-0001"), "{text}");
    assert!(
        text.contains(&format!("Possible duplicate: Crime reference CR/004411/26 is already on {existing}")),
        "{text}"
    );
    assert!(text.contains("Person 1 ZOË ó briain"), "{text}");
    assert_eq!(app.store.case_count().unwrap(), 2);
    // The saved panel repeats the warning until the next referral is begun.
    let shown = common::screen(&mut app, 100, 30);
    assert!(shown.contains("RJ-2026-0001 saved"), "{shown}");
    assert!(shown.contains(&format!("already on {existing}")), "{shown}");
}

#[test]
fn leaving_with_unsaved_changes_asks_and_discarding_clears_the_form() {
    let mut app = intake(common::empty_app());
    fill(&mut app, REFERRER, "Ó Briain");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "asks first");
    assert_eq!(app.current, ScreenId::Intake);
    // "n" keeps the work.
    app.handle_key(key(KeyCode::Char('n')));
    assert!(app.overlay.is_none());
    assert_eq!(app.current, ScreenId::Intake);
    assert!(common::screen(&mut app, 100, 30).contains("Ó Briain"));
    // "y" leaves, and the form is cleared.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.current, ScreenId::Today);
    app.apply(Action::ScreenIntake);
    assert!(!common::screen(&mut app, 100, 30).contains("Ó Briain"));
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none(), "nothing left to lose");
    assert_eq!(app.current, ScreenId::Today);
}

#[test]
fn typed_keys_go_into_the_field_not_to_the_global_keymap() {
    let mut app = intake(common::empty_app());
    // q, 1, ?, / and u are global keys elsewhere; here they are text.
    fill(&mut app, NOTES, "q1?/u ü");
    assert_eq!(app.current, ScreenId::Intake);
    assert!(app.overlay.is_none());
    assert!(!app.quit);
    assert!(common::screen(&mut app, 100, 30).contains("q1?/u ü"));
}

#[test]
fn people_are_added_with_ctrl_p_and_removed_with_ctrl_d() {
    let mut app = intake(common::empty_app());
    // Ctrl-D away from the people is refused, saying how.
    app.handle_key(ctrl('d'));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Move to one of a person's fields"), "{text}");

    app.handle_key(ctrl('p'));
    assert!(common::screen(&mut app, 100, 30).contains("Person 3 — Other"));
    // An empty row goes without asking.
    app.handle_key(ctrl('d'));
    assert!(app.overlay.is_none());
    assert!(!common::screen(&mut app, 100, 30).contains("Person 3"));

    // A row with something typed asks first: "n" keeps it, "y" removes it.
    fill(&mut app, PERSON_1, "Łucja");
    app.handle_key(ctrl('d'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    app.handle_key(key(KeyCode::Char('n')));
    assert!(common::screen(&mut app, 100, 30).contains("Łucja"));
    app.handle_key(ctrl('d'));
    app.handle_key(key(KeyCode::Char('y')));
    let shown = common::screen(&mut app, 100, 30);
    assert!(!shown.contains("Łucja"), "{shown}");
    assert!(shown.contains("Person 1 — Responsible"), "{shown}");
    assert!(!shown.contains("Person 2"), "{shown}");
}

#[test]
fn roles_are_chosen_by_letter_and_shown_in_the_heading() {
    let mut app = intake(common::empty_app());
    fill(&mut app, PERSON_1 + ROLE, "w");
    assert!(common::screen(&mut app, 100, 30).contains("Person 1 — Witness"));
}

#[test]
fn three_after_a_save_opens_the_checklist_of_the_new_referral() {
    let mut app = intake(common::empty_app());
    fill(&mut app, REFERRER, "Victim Support");
    save(&mut app);
    assert!(!status(&app).1);
    // The fresh form's first field is a choice: 3 is not text there.
    type_text(&mut app, "3");
    assert_eq!(app.current, ScreenId::Checklist);
}

/// Digits used to vanish on a choice without a word: they switch screens
/// as everywhere else, asking first when something typed is not saved.
#[test]
fn a_digit_on_a_choice_switches_screens_asking_first_if_something_is_typed() {
    let mut app = intake(common::empty_app());
    type_text(&mut app, "4");
    assert_eq!(app.current, ScreenId::Deadlines, "a digit on a choice did nothing");

    let mut app = intake(common::empty_app());
    fill(&mut app, REFERRER, "Victim Support");
    back_to_top(&mut app);
    type_text(&mut app, "4");
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "left with the referral unsaved");
    assert_eq!(app.current, ScreenId::Intake);
}

/// OOCDs have no checklist: the note after saving one offers its Case
/// screen, where its disposal and conditions are recorded.
#[test]
fn six_after_saving_an_oocd_opens_its_case() {
    let mut app = intake(common::empty_app());
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    fill(&mut app, REFERRER, "PC Reid");
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("Press 6 now") && !text.contains("checklist"), "{text}");
    type_text(&mut app, "6");
    assert_eq!(app.current, ScreenId::Case);
    assert!(common::screen(&mut app, 100, 30).contains("OOCD-2026-0001"));
}

#[test]
fn the_footer_shows_the_form_keys() {
    let mut app = intake(common::empty_app());
    let shown = common::screen(&mut app, 80, 24);
    let footer = shown.lines().nth(23).unwrap();
    for k in ["Ctrl-S save", "Tab next field", "Esc back"] {
        assert!(footer.contains(k), "{k} missing from {footer:?}");
    }
    let shown = common::screen(&mut app, 100, 30);
    let footer = shown.lines().nth(29).unwrap();
    assert!(footer.contains("Ctrl-P add person"), "{footer:?}");
    // Where the footer has no room, the form itself says how to add and remove people.
    fill(&mut app, PERSON_1, "Zoë");
    let shown = common::screen(&mut app, 80, 24);
    let hint = shown.lines().nth(2).unwrap();
    assert!(hint.contains("Ctrl-P add person · Ctrl-D remove person"), "{hint}");
    assert!(shown.contains("(Ctrl-D removes)"), "{shown}");
}

#[test]
fn the_focused_field_stays_visible_as_the_form_scrolls() {
    let mut app = intake(common::empty_app());
    fill(&mut app, PERSON_2 + EMAIL, "zoe@example.org");
    let shown = common::screen(&mut app, 80, 24);
    assert!(shown.contains("zoe@example.org"), "{shown}");
    assert!(shown.contains("more fields above"), "{shown}");
    back_to_top(&mut app);
    let shown = common::screen(&mut app, 80, 24);
    assert!(shown.contains("Service"), "{shown}");
    assert!(shown.contains("more fields below"), "{shown}");
}

/// Dates are typed as people write them, and the day understood is shown
/// beside the field before anything is saved.
#[test]
fn a_date_written_as_yesterday_shows_the_day_it_means() {
    let mut app = intake(common::empty_app());
    fill(&mut app, RECEIVED, "yesterday");
    let shown = common::screen(&mut app, 100, 30);
    assert!(shown.contains("= Thu 19 Nov 2026"), "{shown}");
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    let saved = app.store.saved_intake("RJ-2026-0001").unwrap().expect("the case");
    assert_eq!(saved.received_on, "2026-11-19");
}

/// Issue 13 §5: a referral saved with a harmed party starts the Victims'
/// Code clock (RJ information within 5 working days of its receipt), which
/// the end-of-day summary then watches.
#[test]
fn saving_a_referral_with_a_harmed_party_starts_the_victims_code_clock() {
    let mut app = intake(common::empty_app());
    type_referral(&mut app);
    save(&mut app);
    assert!(!status(&app).1, "{}", status(&app).0);
    let (calendar, rules) = (app.store.calendar().unwrap(), app.store.rules().unwrap());
    let at_risk = |today: NaiveDate| -> Vec<(String, NaiveDate)> {
        let summary = app.store.summary(&casedesk::store::Day::new(today, &calendar, &rules)).unwrap();
        summary.victims_code_timers_at_risk.into_iter().map(|l| (l.reference, l.due_on)).collect()
    };
    // Received Friday 20 November: due Friday 27th, at risk from two working days before.
    assert_eq!(at_risk(date(2026, 11, 24)), []);
    assert_eq!(at_risk(date(2026, 11, 25)), [("RJ-2026-0001".to_string(), date(2026, 11, 27))]);
}

/// VC_RJ_INFO_ENH_WD: the harmed party marked at intake as having enhanced
/// rights is due the RJ information the next working day; the toggle is
/// offered for a harmed party only.
#[test]
fn a_harmed_party_with_enhanced_rights_is_due_the_information_the_next_working_day() {
    let mut app = intake(common::empty_app());
    type_referral(&mut app);
    let text = common::screen(&mut app, 100, 30);
    assert_eq!(text.matches("Enhanced rights").count(), 1, "only the harmed party has the toggle: {text}");
    back_to_top(&mut app);
    tab(&mut app, PERSON_1 + ENHANCED);
    app.handle_key(key(KeyCode::Char(' ')));
    save(&mut app);
    assert!(!status(&app).1, "{}", status(&app).0);
    let case_id = app.store.case_by_ref("RJ-2026-0001").unwrap().unwrap().0;
    // Received Friday 20 November: due Monday 23rd.
    assert_eq!(app.store.case_header(case_id).unwrap().unwrap().victim_info_due, Some(date(2026, 11, 23)));
}

/// VC_REFERRAL_WD: the day the crime was reported, typed at intake, starts
/// the clock from the report; a report after the referral is marked beside
/// the field and not saved.
#[test]
fn the_report_date_typed_at_intake_starts_the_clock_from_the_report() {
    let mut app = intake(common::empty_app());
    type_referral(&mut app);
    fill(&mut app, RECEIVED, "18/11/2026");
    fill(&mut app, REPORTED, "19/11/2026");
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Reported to police: after the received date"), "{text}");
    back_to_top(&mut app);
    tab(&mut app, REPORTED);
    for _ in 0.."19/11/2026".len() {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_text(&mut app, "16/11/2026");
    save(&mut app);
    assert!(!status(&app).1, "{}", status(&app).0);
    let case_id = app.store.case_by_ref("RJ-2026-0001").unwrap().unwrap().0;
    let header = app.store.case_header(case_id).unwrap().unwrap();
    assert_eq!(header.reported_on, Some(date(2026, 11, 16)));
    // Reported Monday 16th: five working days on is Monday 23rd.
    assert_eq!(header.victim_info_due, Some(date(2026, 11, 23)));
}
