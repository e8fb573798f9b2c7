//! Statuses that follow what was recorded (issue 13 §4): an issue date
//! issues the case, one advance walks a referral through its waypoints, a
//! meeting is held on a day that can be true, and a case whose conditions
//! are all done is finalised, then its police record updated; each through
//! the store's write path, its Today sections and undo.

use super::*;
use casedesk::domain::status::HoOutcome;
use casedesk::domain::triage::TodaySection;

/// A draft case whose disposal has everything issue needs but its date.
fn draft_without_issue_date(tx: &mut Tx<'_>, kind: DisposalType) -> StoreResult<i64> {
    let key = oocd_case(tx, kind, "2026-11-02")?;
    let mut undated = disposal(kind, "2026-11-02");
    undated.issued_on = None;
    tx.set_disposal(key.id, &undated)?;
    Ok(key.id)
}

fn changed_on(conn: &Connection, case_id: i64) -> String {
    conn.query_row("SELECT status_changed_on FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0)).unwrap()
}

fn section(db: &FileDb, rules: &Rules, section: TodaySection) -> Vec<i64> {
    db.today_items(rules).into_iter().filter(|i| i.section == section).map(|i| i.case_id).collect()
}

#[test]
fn recording_the_issue_date_issues_the_case_on_that_date_and_undo_takes_it_back() {
    let mut db = FileDb::new();
    let case_id = db.setup(|tx| draft_without_issue_date(tx, DisposalType::YouthCaution));
    // A youth caution needs the child's age: none is recorded, so issuing
    // is refused and nothing of the save is kept.
    let audit_before = db.count("audit_log");
    let refused =
        err_text(db.store.write(|tx| tx.record_disposal(case_id, &disposal(DisposalType::YouthCaution, "2026-11-05"))));
    assert!(refused.contains("cannot issue") && refused.contains("age"), "{refused}");
    assert_eq!(status_of(&db.raw(), case_id), "draft");
    assert_eq!(db.count("audit_log"), audit_before, "a refused issue writes nothing");

    let rules = db.store.rules().unwrap();
    // A conditional caution is issued with its conditions (issue 13): with
    // none on file the issue date is refused in words, and nothing is kept.
    let adult = db.setup(|tx| draft_without_issue_date(tx, DisposalType::AdultConditionalCaution));
    let audit_before = db.count("audit_log");
    let refused = err_text(
        db.store.write(|tx| tx.record_disposal(adult, &disposal(DisposalType::AdultConditionalCaution, "2026-11-05"))),
    );
    assert!(refused.ends_with("record at least one condition before issuing the conditional caution (leave the issue date blank until its conditions are added)"), "{refused}");
    assert_eq!(status_of(&db.raw(), adult), "draft");
    assert_eq!(db.count("audit_log"), audit_before, "a refused issue writes nothing");

    // A community resolution takes none to be issued: issued, not yet active.
    let resolution = db.setup(|tx| draft_without_issue_date(tx, DisposalType::CommunityResolution));
    let (_, moved) =
        db.setup(|tx| tx.record_disposal(resolution, &disposal(DisposalType::CommunityResolution, "2026-11-05")));
    assert_eq!(moved.map(|s| s.as_str()), Some("issued"), "no conditions yet: issued, not yet active");
    let now = (status_of(&db.raw(), resolution), changed_on(&db.raw(), resolution));
    assert_eq!(now, ("issued".into(), "2026-11-05".into()));
    // Recording the disposal again moves nothing: it is issued already.
    let (_, again) =
        db.setup(|tx| tx.record_disposal(resolution, &disposal(DisposalType::CommunityResolution, "2026-11-05")));
    assert_eq!(again, None);

    // With its conditions on file first, the issue date makes it active too.
    let with_conditions = db.setup(|tx| draft_without_issue_date(tx, DisposalType::AdultConditionalCaution));
    db.setup(|tx| tx.add_condition(with_conditions, &apology("2026-12-01"), &rules));
    let d2 = disposal(DisposalType::AdultConditionalCaution, "2026-11-06");
    db.setup(|tx| tx.record_disposal(with_conditions, &d2));
    assert_eq!(status_of(&db.raw(), with_conditions), "active");
    assert_eq!(changed_on(&db.raw(), with_conditions), "2026-11-06");
    db.store.undo_last().unwrap();
    assert_eq!(status_of(&db.raw(), with_conditions), "draft", "undo takes back the save and both moves");
    let issued: Option<String> = db
        .raw()
        .query_row("SELECT issued_on FROM oocd_disposal WHERE case_id = ?1", params![with_conditions], |r| r.get(0))
        .unwrap();
    assert_eq!(issued, None);
}

/// A referral found suitable on 6 October 2026, and a coordinator.
fn suitable_referral(db: &mut FileDb) -> (i64, i64) {
    db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-10-01"), "2026-10-02")?;
        all_suitability_yes(tx, key.id, "2026-10-05")?;
        tx.record_decision(key.id, &decision(Decision::Suitable, "both willing", "2026-10-06", None))?;
        let coordinator = tx.add_coordinator("Priya Shah", "Victim Services", "advanced")?;
        Ok((key.id, coordinator))
    })
}

#[test]
fn one_advance_passes_through_logged_to_transferred_dating_each_step() {
    let mut db = FileDb::new();
    let (case_id, coordinator) = suitable_referral(&mut db);
    let refused = err_text(db.store.write(|tx| tx.advance_referral(case_id, d("2026-10-08"), None)));
    assert!(refused.contains("coordinator"), "{refused}");
    assert_eq!(status_of(&db.raw(), case_id), "suitable");
    let before = max_audit_id(&db.raw());
    let path = db.setup(|tx| tx.advance_referral(case_id, d("2026-10-08"), Some(coordinator)));
    assert_eq!(path.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["logged", "transferred"]);
    let moves: Vec<(String, String)> = audit_rows_after(&db.raw(), before)
        .iter()
        .filter(|r| r.entity == "case_file" && r.after.as_ref().is_some_and(|a| a.get("status").is_some()))
        .map(|r| (field(&r.after, "status").to_string(), field(&r.after, "status_changed_on").to_string()))
        .collect();
    assert_eq!(
        moves,
        [("\"logged\"".into(), "\"2026-10-08\"".into()), ("\"transferred\"".into(), "\"2026-10-08\"".into())]
    );
    let assigned: Option<i64> = db
        .raw()
        .query_row("SELECT coordinator_id FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0))
        .unwrap();
    assert_eq!(assigned, Some(coordinator));
    // Then one step at a time, each a single advance.
    for to in ["contacting_parties", "preparation", "process_arranged"] {
        db.setup(|tx| tx.advance_referral(case_id, d("2026-10-09"), None));
        assert_eq!(status_of(&db.raw(), case_id), to);
    }
}

#[test]
fn an_advance_meets_the_guard_of_the_status_it_moves_to() {
    let mut db = FileDb::new();
    let case_id = db.setup(|tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        Ok(key.id)
    });
    db.setup(|tx| tx.advance_referral(case_id, d("2026-11-02"), None));
    assert_eq!(status_of(&db.raw(), case_id), "sense_check");
    let refused = err_text(db.store.write(|tx| tx.advance_referral(case_id, d("2026-11-03"), None)));
    assert!(refused.contains("sense-check is not complete"), "{refused}");
    assert_eq!(status_of(&db.raw(), case_id), "sense_check");
    let (at_risk, _) = suitable_referral(&mut db);
    db.setup(|tx| tx.change_status(at_risk, "paused", d("2026-10-07")));
    let refused = err_text(db.store.write(|tx| tx.advance_referral(at_risk, d("2026-10-08"), None)));
    assert!(refused.contains("resumes to where it stopped"), "{refused}");
}

#[test]
fn a_meeting_is_not_held_in_the_future_nor_before_its_day_without_a_reason() {
    let mut db = FileDb::new();
    db.store.set_desk_day(d("2026-11-20"));
    let process_id = db.setup(|tx| {
        let key = tx.create_case(&case(Service::Mediation, "2026-11-02"))?;
        tx.add_process(key.id, &process(ProcessKind::FaceToFaceConference, "2026-11-18 10:00", ProcessStatus::Planned))
    });
    let future =
        err_text(db.store.write(|tx| tx.set_process_status(process_id, ProcessStatus::Held, d("2026-11-23"), None)));
    assert!(future.contains("still to come"), "{future}");
    let early =
        err_text(db.store.write(|tx| tx.set_process_status(process_id, ProcessStatus::Held, d("2026-11-16"), None)));
    assert!(early.contains("planned for 2026-11-18") && early.contains("reason"), "{early}");
    let before = max_audit_id(&db.raw());
    let why = Some("both parties free earlier".to_string());
    db.setup(|tx| tx.set_process_status(process_id, ProcessStatus::Held, d("2026-11-16"), why));
    let justification: Option<String> = db
        .raw()
        .query_row(
            "SELECT justification FROM audit_log WHERE id > ?1 AND entity = 'rj_process'",
            params![before],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(justification.as_deref(), Some("held before its planned day: both parties free earlier"));
}

/// An adult conditional caution issued on 2 November 2026 with one
/// condition, its Today sections read on 20 November.
fn caution_with_one_condition(db: &mut FileDb, rules: &Rules) -> (i64, i64) {
    db.store.set_desk_day(d("2026-11-20"));
    db.setup(|tx| {
        let (key, ids) =
            active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &[apology("2026-12-01")], rules)?;
        Ok((key.id, ids[0]))
    })
}

/// The disposals the summary of 20 November lists as finalised that day.
fn finalised_today(db: &FileDb, rules: &Rules) -> Vec<String> {
    let calendar = db.store.calendar().unwrap();
    let summary = db.store.summary(&Day::new(d("2026-11-20"), &calendar, rules)).unwrap();
    summary
        .done_today
        .iter()
        .filter(|a| a.activity == casedesk::store::summary_done::Activity::DisposalFinalised)
        .map(|a| a.detail.clone())
        .collect()
}

#[test]
fn a_case_whose_conditions_are_done_is_finalised_then_its_police_record_updated() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.store.set_desk_day(d("2026-11-20"));
    // A conditional caution is never issued without one (issue 13), so a
    // community resolution stands for a disposal with none on file.
    let bare = db.setup(|tx| active_oocd(tx, DisposalType::CommunityResolution, "2026-11-02")).id;
    let none_set =
        err_text(db.store.write(|tx| tx.finalise_case(bare, HoOutcome::CommunityResolution, d("2026-11-20"), None)));
    assert!(none_set.contains("conditions are on file"), "{none_set}");
    let (case_id, condition_id) = caution_with_one_condition(&mut db, &rules);
    assert!(section(&db, &rules, TodaySection::ReadyToFinalise).is_empty(), "a condition is still open");
    let open = err_text(db.store.write(|tx| tx.finalise_case(case_id, HoOutcome::CautionAdult, d("2026-11-20"), None)));
    assert!(open.contains("settle the conditions"), "{open}");

    db.setup(|tx| tx.complete_condition(condition_id, d("2026-11-19"), "letter received"));
    assert_eq!(section(&db, &rules, TodaySection::ReadyToFinalise), [case_id]);
    let wrong =
        err_text(db.store.write(|tx| tx.finalise_case(case_id, HoOutcome::CommunityResolution, d("2026-11-20"), None)));
    assert!(wrong.contains("Outcome 3"), "{wrong}");
    let future =
        err_text(db.store.write(|tx| tx.finalise_case(case_id, HoOutcome::CautionAdult, d("2026-11-23"), None)));
    assert!(future.contains("still to come"), "{future}");

    db.setup(|tx| tx.finalise_case(case_id, HoOutcome::CautionAdult, d("2026-11-20"), None));
    let conn = db.raw();
    assert_eq!(status_of(&conn, case_id), "completed");
    let (code, finalised): (String, String) = conn
        .query_row(
            "SELECT ho_outcome_code, finalised_on FROM oocd_disposal WHERE case_id = ?1",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((code.as_str(), finalised.as_str()), ("3", "2026-11-20"));
    assert!(section(&db, &rules, TodaySection::ReadyToFinalise).is_empty());
    assert_eq!(section(&db, &rules, TodaySection::PoliceRecord), [case_id]);
    let again =
        err_text(db.store.write(|tx| tx.finalise_case(case_id, HoOutcome::CautionAdult, d("2026-11-20"), None)));
    assert!(again.contains("finalised on Fri 20 Nov 2026 already"), "{again}");
    // The manager's summary of the day lists it, with its outcome.
    assert_eq!(finalised_today(&db, &rules), ["Outcome 3: adult caution"]);

    let early = err_text(db.store.write(|tx| tx.record_police_record_updated(case_id, d("2026-11-19"))));
    assert!(early.contains("after the case is finalised"), "{early}");
    db.setup(|tx| tx.record_police_record_updated(case_id, d("2026-11-20")));
    assert!(section(&db, &rules, TodaySection::PoliceRecord).is_empty());
    // Undo takes back the police record, then the finalising and its move.
    db.store.undo_last().unwrap();
    assert_eq!(section(&db, &rules, TodaySection::PoliceRecord), [case_id]);
    db.store.undo_last().unwrap();
    assert_eq!(status_of(&db.raw(), case_id), "active");
    assert!(finalised_today(&db, &rules).is_empty(), "a finalising undone is not counted");
    assert_eq!(section(&db, &rules, TodaySection::ReadyToFinalise), [case_id]);
    assert!(section(&db, &rules, TodaySection::PoliceRecord).is_empty());
}

#[test]
fn a_closed_case_leaves_ready_to_finalise_and_a_record_updated_at_once_skips_the_police_record_list() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (case_id, condition_id) = caution_with_one_condition(&mut db, &rules);
    db.setup(|tx| tx.complete_condition(condition_id, d("2026-11-19"), "letter received"));
    assert_eq!(section(&db, &rules, TodaySection::ReadyToFinalise), [case_id]);
    db.setup(|tx| tx.change_status(case_id, "completed", d("2026-11-20")));
    assert_eq!(section(&db, &rules, TodaySection::ReadyToFinalise), [case_id], "completed, not yet finalised");
    db.setup(|tx| tx.close_case(case_id, d("2026-11-20"), "completed", &rules));
    assert!(section(&db, &rules, TodaySection::ReadyToFinalise).is_empty(), "closed: no longer to finalise");
    // Finalising a case with all done at once records the police record too.
    let (second, condition) = caution_with_one_condition(&mut db, &rules);
    db.setup(|tx| tx.complete_condition(condition, d("2026-11-19"), "letter received"));
    db.setup(|tx| tx.finalise_case(second, HoOutcome::CautionAdult, d("2026-11-20"), Some(d("2026-11-20"))));
    assert!(section(&db, &rules, TodaySection::PoliceRecord).is_empty());
}

/// The other way round: a disposal moved to Issued by its status (`>` on
/// the Case screen) with no issue date on file is dated by the move, and
/// its completion date follows the rule; undo takes both back.
#[test]
fn moving_a_disposal_to_issued_dates_its_issue_and_its_completion() {
    let mut db = FileDb::new();
    let kind = DisposalType::AdultConditionalCaution;
    let case_id = db.setup(|tx| {
        let id = draft_without_issue_date(tx, kind)?;
        let mut undated = disposal(kind, "2026-11-02");
        (undated.issued_on, undated.completion_due, undated.completion_due_rule) = (None, None, None);
        tx.set_disposal(id, &undated)?;
        let c = NewCondition::new(
            ConditionKind::ReparationApologyLetter,
            ConditionObject::Reparation,
            "Write a letter of apology",
            d("2026-11-20"),
        );
        tx.add_condition(id, &c, &Rules::defaults())?;
        Ok(id)
    });
    let dates = |db: &FileDb| -> (Option<String>, Option<String>) {
        db.raw()
            .query_row(
                "SELECT issued_on, completion_due FROM oocd_disposal WHERE case_id = ?1",
                params![case_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    assert_eq!(dates(&db), (None, None));
    db.setup(|tx| tx.change_status(case_id, "issued", d("2026-11-06")));
    let rules = db.store.rules().unwrap();
    let (due, _) = casedesk::domain::caps::default_completion_due(&rules, kind, d("2026-11-06")).expect("a time rule");
    assert_eq!(dates(&db), (Some("2026-11-06".into()), Some(due.to_string())));
    db.store.undo_last().unwrap();
    assert_eq!(dates(&db), (None, None), "undo takes the dates back with the move");
    assert_eq!(status_of(&db.raw(), case_id), "draft");
}
