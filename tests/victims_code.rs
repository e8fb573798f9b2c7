//! The Victims' Code clock (RJ information to the harmed party within 5
//! working days) is set by what the desk records, not only by the demo: an
//! intake or an imported referral with a harmed party starts it, recording
//! the information as given stops it, and the end-of-day summary and the
//! period report read it.

mod common;

use casedesk::domain::types::{PartyRole, Service, Source};
use casedesk::store::model::{NewCase, NewPerson, PartyLink};
use casedesk::store::{Day, Store};
use chrono::NaiveDate;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn at_risk(store: &Store, today: NaiveDate) -> Vec<String> {
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let summary = store.summary(&Day::new(today, &calendar, &rules)).unwrap();
    summary.victims_code_timers_at_risk.into_iter().map(|l| l.reference).collect()
}

/// A police referral received Friday 20 November 2026 with a harmed party,
/// its clock started as at intake: (case id, the due date it started with).
fn referral_with_clock(store: &mut Store) -> (i64, Option<NaiveDate>) {
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day("2026-11-20")))?;
            let link = PartyLink { role: PartyRole::Harmed, category: PartyRole::Harmed.default_category() };
            tx.add_party(key.id, &NewPerson::named("Ann", "Jones"), link)?;
            Ok((key.id, tx.start_victim_info_clock(key.id, &calendar, &rules)?))
        })
        .unwrap()
}

#[test]
fn an_imported_new_referral_runs_the_clock_and_one_mid_flight_does_not() {
    let mut store = Store::open_in_memory().unwrap();
    let csv = "Reference,Service,Received,Status,Harmed given names,Harmed family name\n\
               T/1,rj,2026-11-20,received,Ann,Jones\n\
               T/2,rj,2026-11-20,suitable,Bea,Khan\n\
               T/3,mediation,2026-11-20,received,,\n";
    let checked = casedesk::import::import_csv_bytes(&mut store, day("2026-11-20"), csv.as_bytes(), false).unwrap();
    match checked {
        casedesk::import::Checked::Written { accepted, .. } => assert_eq!(accepted, 3),
        casedesk::import::Checked::RowProblems { errors, .. } => panic!("{errors:?}"),
        casedesk::import::Checked::Unmapped(why) => panic!("{why:?}"),
    }
    assert_eq!(at_risk(&store, day("2026-11-24")), Vec::<String>::new());
    assert_eq!(at_risk(&store, day("2026-11-25")), ["RJ-2026-0001"], "only the new referral with a harmed party");
}

#[test]
fn recording_the_information_as_given_stops_the_clock() {
    let mut store = Store::open_in_memory().unwrap();
    let (id, started) = referral_with_clock(&mut store);
    assert_eq!(started, Some(day("2026-11-27")));
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    // Started once: a second start leaves it as it is.
    assert_eq!(store.write(|tx| tx.start_victim_info_clock(id, &calendar, &rules)).unwrap(), None);
    assert_eq!(at_risk(&store, day("2026-11-26")), ["RJ-2026-0001"]);
    store.write(|tx| tx.record_victim_info_given(id, day("2026-11-26"), day("2026-11-26"))).unwrap();
    assert_eq!(at_risk(&store, day("2026-11-26")), Vec::<String>::new());
}

#[test]
fn correcting_the_received_date_counts_the_clock_again_and_undo_puts_it_back() {
    let mut store = Store::open_in_memory().unwrap();
    let (id, _) = referral_with_clock(&mut store);
    let rules = store.rules().unwrap();
    let due = |store: &Store| store.case_header(id).unwrap().unwrap().victim_info_due;
    assert_eq!(due(&store), Some(day("2026-11-27")));
    // It came in on Monday the 23rd, not Friday the 20th: five working days from then.
    let corrected = NewCase::new(Service::RestorativeJustice, Source::Police, day("2026-11-23"));
    store.write(|tx| tx.edit_referral(id, &corrected, &rules)).unwrap();
    assert_eq!(due(&store), Some(day("2026-11-30")));
    assert_eq!(at_risk(&store, day("2026-11-25")), Vec::<String>::new(), "the summary reads the clock as recounted");
    store.undo_last().unwrap();
    assert_eq!(due(&store), Some(day("2026-11-27")), "undo takes the edit and the recount back together");
}

/// VC_RJ_INFO_ENH_WD: a harmed party with enhanced rights (most serious
/// crime, persistently targeted, vulnerable or intimidated) is due the
/// information within one working day; the person edit that says otherwise
/// counts the clock again, and undo puts it back.
#[test]
fn an_enhanced_rights_victim_is_due_the_information_the_next_working_day() {
    let mut store = Store::open_in_memory().unwrap();
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let mut ann = NewPerson::named("Ann", "Jones");
    ann.enhanced_rights = true;
    let (id, person, started) = store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day("2026-11-20")))?;
            let link = PartyLink { role: PartyRole::Harmed, category: PartyRole::Harmed.default_category() };
            let person = tx.add_party(key.id, &ann, link)?;
            Ok((key.id, person, tx.start_victim_info_clock(key.id, &calendar, &rules)?))
        })
        .unwrap();
    assert_eq!(started, Some(day("2026-11-23")), "Friday 20th: due Monday 23rd");
    assert_eq!(at_risk(&store, day("2026-11-23")), ["RJ-2026-0001"]);
    let due = |store: &Store| store.case_header(id).unwrap().unwrap().victim_info_due;
    ann.enhanced_rights = false;
    let edited = store.write(|tx| tx.edit_party(id, person, &ann, PartyRole::Harmed, &rules)).unwrap();
    assert!(edited.changes.iter().any(|c| c.contains("enhanced rights")), "{:?}", edited.changes);
    assert_eq!(due(&store), Some(day("2026-11-27")), "five working days again");
    store.undo_last().unwrap();
    assert_eq!(due(&store), Some(day("2026-11-23")), "undo takes the edit and the recount back together");
}

/// The tracker column "Harmed enhanced rights" (yes or no) sets the flag
/// an import's clock reads; a value that is neither is refused by row and
/// column, and `casedesk tracker` writes the column back.
#[test]
fn an_imported_enhanced_rights_victim_runs_the_shorter_clock() {
    let mut store = Store::open_in_memory().unwrap();
    let csv = "Reference,Service,Received,Status,Harmed given names,Harmed family name,Harmed enhanced rights\n\
               T/1,rj,2026-11-20,received,Ann,Jones,yes\n\
               T/2,rj,2026-11-20,received,Bea,Khan,no\n";
    let checked = casedesk::import::import_csv_bytes(&mut store, day("2026-11-20"), csv.as_bytes(), false).unwrap();
    assert!(matches!(checked, casedesk::import::Checked::Written { accepted: 2, .. }));
    assert_eq!(
        at_risk(&store, day("2026-11-23")),
        ["RJ-2026-0001"],
        "only the enhanced-rights victim is due on Monday"
    );
    assert_eq!(at_risk(&store, day("2026-11-27")), ["RJ-2026-0001", "RJ-2026-0002"]);

    let bad = "Reference,Service,Received,Status,Harmed given names,Harmed family name,Harmed enhanced rights\n\
               T/3,rj,2026-11-20,received,Cy,Ode,perhaps\n";
    let checked = casedesk::import::import_csv_bytes(&mut store, day("2026-11-20"), bad.as_bytes(), false).unwrap();
    let casedesk::import::Checked::RowProblems { errors, .. } = checked else { panic!("a bad value is refused") };
    let text = format!("{errors:?}");
    assert!(text.contains("Harmed enhanced rights") && text.contains("is not yes or no"), "{text}");
}

/// VC_REFERRAL_WD and para 3.6: when the referral says when the crime was
/// reported, the RJ information falls due from the report, and the case
/// says whether the referral came within two working days of it. A report
/// after the referral is refused; adding the report date later counts the
/// running clock again, and undo puts it back.
#[test]
fn the_report_date_starts_the_clock_and_times_the_referral() {
    let mut store = Store::open_in_memory().unwrap();
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let mut case = NewCase::new(Service::RestorativeJustice, Source::Police, day("2026-11-20"));
    case.reported_on = Some(day("2026-11-16"));
    let id = store
        .write(|tx| {
            let key = tx.create_case(&case)?;
            let link = PartyLink { role: PartyRole::Harmed, category: PartyRole::Harmed.default_category() };
            tx.add_party(key.id, &NewPerson::named("Ann", "Jones"), link)?;
            tx.start_victim_info_clock(key.id, &calendar, &rules)?;
            Ok(key.id)
        })
        .unwrap();
    let header = store.case_header(id).unwrap().unwrap();
    // Reported Monday 16th: five working days on is Monday 23rd.
    assert_eq!(header.victim_info_due, Some(day("2026-11-23")));
    let timing = header.referral_timing.expect("timed against the report");
    // Tuesday to Friday: four working days, over the two allowed.
    assert_eq!((timing.in_time, timing.working_days, timing.allowed), (false, 4, 2));

    let mut later = case.clone();
    later.reported_on = Some(day("2026-11-21"));
    let err = store.write(|tx| tx.create_case(&later)).unwrap_err().to_string();
    assert!(err.contains("after the referral came in"), "{err}");

    // Corrected: reported on Wednesday 18th, so the referral was in time.
    let mut corrected = case.clone();
    corrected.reported_on = Some(day("2026-11-18"));
    let edited = store.write(|tx| tx.edit_referral(id, &corrected, &rules)).unwrap();
    assert!(edited.changes.iter().any(|c| c.contains("reported to police on")), "{:?}", edited.changes);
    let header = store.case_header(id).unwrap().unwrap();
    assert_eq!(header.victim_info_due, Some(day("2026-11-25")));
    assert!(header.referral_timing.unwrap().in_time);
    store.undo_last().unwrap();
    assert_eq!(store.case_header(id).unwrap().unwrap().victim_info_due, Some(day("2026-11-23")));
}

/// The tracker column "Reported to police": the imported clock runs from it,
/// and a report after the referral is refused by row and column.
#[test]
fn an_imported_report_date_starts_the_clock() {
    let mut store = Store::open_in_memory().unwrap();
    let csv = "Reference,Service,Received,Reported to police,Status,Harmed given names,Harmed family name\n\
               T/1,rj,2026-11-20,2026-11-16,received,Ann,Jones\n";
    let checked = casedesk::import::import_csv_bytes(&mut store, day("2026-11-20"), csv.as_bytes(), false).unwrap();
    assert!(matches!(checked, casedesk::import::Checked::Written { accepted: 1, .. }));
    let id = store.case_by_ref("RJ-2026-0001").unwrap().unwrap().0;
    assert_eq!(store.case_header(id).unwrap().unwrap().victim_info_due, Some(day("2026-11-23")));

    let bad = "Reference,Service,Received,Reported to police,Status\nT/2,rj,2026-11-20,2026-11-21,received\n";
    let checked = casedesk::import::import_csv_bytes(&mut store, day("2026-11-20"), bad.as_bytes(), false).unwrap();
    let casedesk::import::Checked::RowProblems { errors, .. } = checked else { panic!("a report after the referral") };
    let text = format!("{errors:?}");
    assert!(text.contains("Reported to police") && text.contains("after the referral came in"), "{text}");
}

/// A referral closed (here: withdrawn, the harmed party declining) with the
/// information never given no longer counts as a clock running out: the
/// case is over, and the summary's attention list is for what can be done.
#[test]
fn a_closed_cases_clock_is_not_said_to_be_running_out() {
    let mut store = Store::open_in_memory().unwrap();
    let (id, _) = referral_with_clock(&mut store);
    assert_eq!(at_risk(&store, day("2026-11-27")), ["RJ-2026-0001"]);
    let rules = store.rules().unwrap();
    let declined = casedesk::store::Withdrawal {
        by: casedesk::domain::closure::WithdrawnBy::HarmedParty,
        reason: casedesk::domain::closure::WithdrawalReason::HarmedPartyDeclines,
        note: "does not want to meet".into(),
        on: day("2026-11-26"),
    };
    store.write(|tx| tx.withdraw_case(id, &declined, &rules)).unwrap();
    assert_eq!(at_risk(&store, day("2026-11-27")), Vec::<String>::new());
    assert_eq!(at_risk(&store, day("2027-02-01")), Vec::<String>::new(), "nor months later");
}
