//! The rules the store enforces: status machines, caps and the checklist
//! rules on decisions.

use casedesk::domain::caps::{ConditionKind, ConditionObject, Severity};
use casedesk::domain::checklist::{Answer, Decision, RiskSeverity};
use casedesk::domain::status::DisposalType;
use casedesk::domain::types::{DataSubjectCategory, PartyRole, Service};
use casedesk::store::model::{CaseFlags, ChecklistEntry, NewDisposal, NewPerson, PartyLink};
use casedesk::store::Store;
use rusqlite::params;

use super::{
    active_with, all_suitability_yes, answer, apology, case, condition, d, decision, disposal, err_text, oocd_case,
    pcsc_in_force_from, penalty, referral_at_risk_assessment, status_of, FileDb, SENSE_CHECK,
};

// ------------------------------------------------------- status enforcement

#[test]
fn an_oocd_status_change_needs_the_disposal_first() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "issued", d("2026-11-02"))));
    assert!(msg.contains("disposal"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "draft");
}

#[test]
fn an_oocd_case_cannot_jump_from_draft_to_completed() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    let audit_before = db.count("audit_log");
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "completed", d("2026-11-03"))));
    assert!(msg.contains("cannot move a case from Draft to Completed"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "draft");
    assert_eq!(db.count("audit_log"), audit_before);
}

#[test]
fn an_oocd_case_walks_draft_issued_active_completed_closed() {
    let mut db = FileDb::new();
    let rules = casedesk::domain::rules::Rules::default();
    // Its condition is agreed before issue, and done before it completes.
    let (key, condition_id) = db.setup(|tx| {
        let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
        Ok((key.clone(), tx.add_condition(key.id, &apology("2026-12-01"), &rules)?.0))
    });
    let raw = db.raw();
    let mut seen = vec![status_of(&raw, key.id)];
    for (to, on) in
        [("issued", "2026-11-02"), ("active", "2026-11-03"), ("completed", "2027-01-04"), ("closed", "2027-01-05")]
    {
        if to == "completed" {
            db.setup(|tx| tx.complete_condition(condition_id, d("2026-12-01"), "letter received"));
        }
        db.store.write(|tx| tx.change_status(key.id, to, d(on))).unwrap_or_else(|e| panic!("{to}: {e}"));
        seen.push(status_of(&raw, key.id));
    }
    assert_eq!(seen, ["draft", "issued", "active", "completed", "closed"]);
    let changed_on: String =
        raw.query_row("SELECT status_changed_on FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(changed_on, "2027-01-05");
    // Closed is terminal.
    err_text(db.store.write(|tx| tx.change_status(key.id, "active", d("2027-01-06"))));
    err_text(db.store.write(|tx| tx.change_status(key.id, "banana", d("2027-01-06"))));
}

#[test]
fn only_a_community_resolution_closes_straight_from_active() {
    let mut db = FileDb::new();
    for (kind, allowed) in [(DisposalType::CommunityResolution, true), (DisposalType::AdultConditionalCaution, false)] {
        // A caution is issued with its condition; a resolution closes with nothing open.
        let agreed = [apology("2026-11-30")];
        let conditions = if allowed { &agreed[..0] } else { &agreed[..] };
        let (key, _) =
            db.setup(|tx| active_with(tx, kind, "2026-11-02", conditions, &casedesk::domain::rules::Rules::default()));
        let result = db.store.write(|tx| tx.change_status(key.id, "closed", d("2026-11-20")));
        assert_eq!(result.is_ok(), allowed, "{kind:?}: {result:?}");
        assert_eq!(status_of(&db.raw(), key.id), if allowed { "closed" } else { "active" });
    }
}

#[test]
fn a_referral_cannot_skip_the_sense_check() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))).unwrap();
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "risk_assessment", d("2026-11-03"))));
    assert!(msg.contains("Received") && msg.contains("Risk assessment"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "received");
}

#[test]
fn leaving_the_sense_check_needs_every_item_yes_or_na() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| {
        let key = tx.create_case(&case(Service::Mediation, "2026-11-02"))?;
        tx.change_status(key.id, "sense_check", d("2026-11-02"))?;
        for code in &SENSE_CHECK[..7] {
            answer(tx, key.id, code, Answer::Yes, "2026-11-03")?;
        }
        Ok(key)
    });
    let to_risk = |store: &mut Store| store.write(|tx| tx.change_status(key.id, "risk_assessment", d("2026-11-04")));

    let msg = err_text(to_risk(&mut db.store));
    assert!(msg.contains("SC_DUPLICATE") && !msg.contains("SC_REF"), "{msg}");
    db.store.write(|tx| answer(tx, key.id, "SC_DUPLICATE", Answer::No, "2026-11-04")).unwrap();
    let msg = err_text(to_risk(&mut db.store));
    assert!(msg.contains("SC_DUPLICATE"), "{msg}");
    db.store.write(|tx| answer(tx, key.id, "SC_DUPLICATE", Answer::Unknown, "2026-11-04")).unwrap();
    err_text(to_risk(&mut db.store));
    assert_eq!(status_of(&db.raw(), key.id), "sense_check");

    db.store.write(|tx| answer(tx, key.id, "SC_DUPLICATE", Answer::NotApplicable, "2026-11-04")).unwrap();
    to_risk(&mut db.store).expect("all yes or n/a: the referral moves on");
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");
}

#[test]
fn a_paused_referral_resumes_only_where_it_stopped() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        tx.change_status_path(key.id, &["sense_check", "paused"], d("2026-11-03"))?;
        Ok(key)
    });
    let raw = db.raw();
    let paused_from: Option<String> =
        raw.query_row("SELECT paused_from FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(paused_from.as_deref(), Some("sense_check"));
    err_text(db.store.write(|tx| tx.change_status(key.id, "received", d("2026-11-05"))));
    db.store.write(|tx| tx.change_status(key.id, "sense_check", d("2026-11-05"))).unwrap();
    assert_eq!(status_of(&raw, key.id), "sense_check");
    let paused_from: Option<String> =
        raw.query_row("SELECT paused_from FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(paused_from, None);
}

#[test]
fn issuing_a_caution_without_admission_consent_or_signed_document_is_refused() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| {
        let key = tx.create_case(&case(Service::Oocd, "2026-11-02"))?;
        tx.set_disposal(key.id, &NewDisposal::new(DisposalType::AdultConditionalCaution))?;
        Ok(key)
    });
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "issued", d("2026-11-02"))));
    assert!(msg.contains("admission"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "draft");
}

/// An adult caution for someone born `born`, who offended on `offended`,
/// issued on `issued`: the store's answer.
fn issue_adult_caution(born: &str, offended: &str, issued: &str) -> Result<(), String> {
    let mut db = FileDb::new();
    // Recording the disposal as issued checks the age too, so a refusal
    // may come from either write.
    let key = db
        .store
        .write(|tx| {
            let mut nc = case(Service::Oocd, offended);
            nc.offence_date = Some(d(offended));
            let key = tx.create_case(&nc)?;
            let mut person = NewPerson::named("Sam", "Jones");
            person.dob = Some(d(born));
            let link = PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect };
            tx.add_party(key.id, &person, link)?;
            tx.set_disposal(key.id, &disposal(DisposalType::AdultConditionalCaution, issued))?;
            tx.add_condition(key.id, &apology("2026-12-01"), &casedesk::domain::rules::Rules::default())?;
            Ok(key)
        })
        .map_err(|e| e.to_string())?;
    db.store.write(|tx| tx.change_status(key.id, "issued", d(issued))).map_err(|e| e.to_string())
}

/// Age was days ÷ 365.2425 at the offence date: 17 on an 18th birthday,
/// and a child who offended at 17 stayed 17 when cautioned at 18.
#[test]
fn someone_whose_18th_birthday_is_the_issue_date_is_an_adult() {
    issue_adult_caution("2008-11-02", "2026-11-02", "2026-11-02").expect("18 on the day of issue");
    issue_adult_caution("2008-11-02", "2026-10-01", "2026-11-02").expect("17 at the offence, 18 when cautioned");
    let refused = issue_adult_caution("2008-11-03", "2026-11-02", "2026-11-02").unwrap_err();
    assert!(refused.contains("only for adults aged 18 or over (age recorded: 17)"), "{refused}");
}

// --------------------------------------------------------------------- caps

#[test]
fn adult_caution_non_rehabilitative_attendance_over_20_hours_is_refused() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    let attend = |hours| condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(hours), "2026-12-01");

    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &attend(21.0), &rules)));
    assert!(msg.contains("the cap is 20 h"), "{msg}");
    assert!(msg.contains("21 h"), "{msg}");
    assert_eq!(db.count("condition"), 0);

    // Exactly the cap is allowed; one more hour on a second condition is not.
    let (_, findings) = db.store.write(|tx| tx.add_condition(key.id, &attend(20.0), &rules)).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &attend(1.0), &rules)));
    assert!(msg.contains("20 h"), "{msg}");
    assert_eq!(db.count("condition"), 1);

    // Rehabilitative attendance does not count (CJA 2003 s.22(3B)).
    let course = condition(ConditionKind::RehabCourse, ConditionObject::Rehabilitation, Some(21.0), "2026-12-01");
    db.store.write(|tx| tx.add_condition(key.id, &course, &rules)).expect("rehabilitative hours are exempt");
    assert_eq!(db.count("condition"), 2);
}

#[test]
fn a_financial_penalty_is_capped_by_offence_mode_and_refused_on_a_community_resolution() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let acc = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    // Summary offence: £50 (SI 2013/615).
    let msg = err_text(db.store.write(|tx| tx.add_condition(acc.id, &penalty(5001, "2026-12-01"), &rules)));
    assert!(msg.contains("£50"), "{msg}");
    db.store.write(|tx| tx.add_condition(acc.id, &penalty(5000, "2026-12-01"), &rules)).expect("£50 is the cap");

    let cr = db.store.write(|tx| oocd_case(tx, DisposalType::CommunityResolution, "2026-11-02")).unwrap();
    let msg = err_text(db.store.write(|tx| tx.add_condition(cr.id, &penalty(100, "2026-12-01"), &rules)));
    assert!(msg.contains("community resolution cannot carry a financial penalty"), "{msg}");
    let on_cr: i64 =
        db.raw().query_row("SELECT COUNT(*) FROM condition WHERE case_id = ?1", params![cr.id], |r| r.get(0)).unwrap();
    assert_eq!(on_cr, 0);
    // An agreed action is fine, and is not a statutory condition.
    let (id, _) = db.store.write(|tx| tx.add_condition(cr.id, &apology("2026-12-01"), &rules)).unwrap();
    let statutory: bool = db
        .raw()
        .query_row("SELECT is_statutory_condition FROM condition WHERE id = ?1", params![id], |r| r.get(0))
        .unwrap();
    assert!(!statutory);
}

#[test]
fn community_caution_unpaid_work_over_10_hours_is_refused() {
    let mut db = FileDb::new();
    pcsc_in_force_from(&db, "20260101");
    let rules = db.store.rules().unwrap();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::CommunityCaution, "2026-11-02")).unwrap();
    let work = |h| condition(ConditionKind::UnpaidWork, ConditionObject::Reparation, Some(h), "2026-12-01");
    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &work(11.0), &rules)));
    assert!(msg.contains("10 h"), "{msg}");
    db.store.write(|tx| tx.add_condition(key.id, &work(10.0), &rules)).expect("10 h is the cap");
}

/// Issue 13 changed this: past the normal 16 weeks a variation was saved
/// with a warning; now it is refused unless a reason is given, which the
/// variation's note keeps (DOMAIN.md §2.4).
#[test]
fn varying_a_due_date_to_17_weeks_needs_a_reason_and_keeps_it() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let cond = db.setup(|tx| {
        let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
        Ok(tx.add_condition(key.id, &apology("2026-12-01"), &rules)?.0)
    });
    let seventeen_weeks = d("2026-11-02") + chrono::Duration::weeks(17);
    let msg = err_text(
        db.store
            .write(|tx| tx.vary_condition_due(cond, seventeen_weeks, "provider cancelled", d("2026-11-20"), &rules)),
    );
    assert!(msg.contains("17 weeks") && msg.contains("16 weeks") && msg.contains("give a reason"), "{msg}");
    let findings = db
        .store
        .write(|tx| {
            let why = Some("the course restarts in March");
            tx.vary_condition_due_beyond_limit(
                cond,
                seventeen_weeks,
                "provider cancelled",
                d("2026-11-20"),
                &rules,
                why,
            )
        })
        .expect("saved with the reason");
    assert!(findings.iter().all(|f| f.severity == Severity::Warn), "{findings:?}");

    let raw = db.raw();
    let (due, status): (String, String) = raw
        .query_row("SELECT due_on, status FROM condition WHERE id = ?1", params![cond], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((due.as_str(), status.as_str()), ("2027-03-01", "varied"));
    let note: String = raw
        .query_row(
            "SELECT group_concat(note) FROM compliance_event WHERE condition_id = ?1 AND type = 'variation_agreed'",
            params![cond],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "provider cancelled; beyond the time limit because: the course restarts in March");

    // A date before the issue date is refused outright.
    let msg =
        err_text(db.store.write(|tx| tx.vary_condition_due(cond, d("2026-10-01"), "typo", d("2026-11-20"), &rules)));
    assert!(msg.contains("before the issue date"), "{msg}");
}

// ---------------------------------------------------------- checklist rules

#[test]
fn no_acknowledgement_of_harm_forbids_a_suitable_decision() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), "2026-11-03")?;
        all_suitability_yes(tx, key.id, "2026-11-04")?;
        answer(tx, key.id, "SU_ACCEPTS", Answer::No, "2026-11-04")?;
        Ok(key)
    });
    let msg = err_text(db.store.write(|tx| {
        tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", Some("Insp. Grey")))
    }));
    assert!(msg.contains("SU_ACCEPTS"), "{msg}");
    assert_eq!(db.count("decision"), 0);
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");

    db.store
        .write(|tx| {
            tx.record_decision(key.id, &decision(Decision::NotSuitable, "denies the offence", "2026-11-05", None))
        })
        .expect("not suitable is always open with a rationale");
    assert_eq!(status_of(&db.raw(), key.id), "not_suitable");
}

#[test]
fn a_decision_walks_a_received_referral_on_to_risk_assessment_when_its_sense_check_is_done() {
    let mut db = FileDb::new();
    let (done, open) = db.setup(|tx| {
        let done = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        for code in SENSE_CHECK {
            answer(tx, done.id, code, Answer::Yes, "2026-11-03")?;
        }
        all_suitability_yes(tx, done.id, "2026-11-03")?;
        let open = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        all_suitability_yes(tx, open.id, "2026-11-03")?;
        Ok((done, open))
    });
    db.store
        .write(|tx| tx.record_decision(done.id, &decision(Decision::Suitable, "both keen", "2026-11-05", None)))
        .expect("a received referral with its sense-check done can be decided");
    assert_eq!(status_of(&db.raw(), done.id), "suitable");
    // Each step is the status machine's own move, audited.
    let moves: i64 = db
        .raw()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'case_file' AND entity_id = ?1 AND op = 'alter'",
            params![done.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(moves >= 3, "received → sense check → risk assessment → suitable, {moves} updates");

    // With the sense-check unanswered, nothing moves and the reason is given.
    let msg = err_text(
        db.store.write(|tx| tx.record_decision(open.id, &decision(Decision::Suitable, "keen", "2026-11-05", None))),
    );
    assert!(msg.contains("sense-check is not complete"), "{msg}");
    assert_eq!(status_of(&db.raw(), open.id), "received");
    assert_eq!(db.count("decision"), 1);
}

#[test]
fn domestic_abuse_needs_manager_sign_off_for_a_suitable_decision() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), "2026-11-03")?;
        all_suitability_yes(tx, key.id, "2026-11-04")?;
        let entry = ChecklistEntry {
            item_code: "RK_DA".into(),
            answer: Answer::Yes,
            severity: Some(RiskSeverity::Low),
            note: "historic, familial".into(),
        };
        tx.answer_checklist(key.id, &entry, d("2026-11-04"))?;
        Ok(key)
    });
    let msg = err_text(
        db.store.write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", None))),
    );
    assert!(msg.contains("RK_DA") && msg.contains("sign-off"), "{msg}");
    assert_eq!(db.count("decision"), 0);
    // A blank name is no sign-off.
    err_text(
        db.store
            .write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", Some("  ")))),
    );

    let id = db
        .store
        .write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", Some("Insp. Grey"))))
        .expect("signed off");
    let raw = db.raw();
    let (risk, signoff): (String, String) = raw
        .query_row("SELECT risk_level, manager_signoff_by FROM decision WHERE id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    // The recorded level is never below the computed one (DA present → high).
    assert_eq!((risk.as_str(), signoff.as_str()), ("high", "Insp. Grey"));
    assert_eq!(status_of(&raw, key.id), "suitable");
}

#[test]
fn a_domestic_abuse_flag_at_intake_also_needs_sign_off() {
    let mut db = FileDb::new();
    let mut nc = case(Service::RestorativeJustice, "2026-11-02");
    nc.flags = CaseFlags { domestic_abuse: true, ..CaseFlags::default() };
    let key = db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &nc, "2026-11-03")?;
        all_suitability_yes(tx, key.id, "2026-11-04")?;
        answer(tx, key.id, "RK_DA", Answer::No, "2026-11-04")?;
        Ok(key)
    });
    let msg = err_text(
        db.store.write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", None))),
    );
    assert!(msg.contains("flagged at intake"), "{msg}");
    db.store
        .write(|tx| tx.record_decision(key.id, &decision(Decision::ReferToManager, "DA flag", "2026-11-05", None)))
        .expect("refer to manager is open");
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");
}
