//! The legal checks of issue 13 §3 through the store's write path: the
//! disposal as recorded and as changed after issue, a condition added, a
//! variation and a breach decision. Each rule refuses the write that breaks
//! it (nothing written) and lets the one that keeps it through.

use casedesk::domain::caps::{ConditionKind, ConditionObject, Severity};
use casedesk::domain::legal::Rank;
use casedesk::domain::status::{BreachDecision, DisposalType, OffenceMode};
use casedesk::domain::types::{DataSubjectCategory, PartyRole, Service};
use casedesk::store::model::{BreachOutcome, CaseFlags, CaseKey, NewBreach, NewPerson, PartyLink};
use casedesk::store::{StoreResult, Tx};
use rusqlite::params;

use super::{
    active_with, apology, case, condition, d, disposal, err_text, oocd_case, pcsc_in_force_from, penalty, FileDb,
};

/// An OOCD case for an offender born on `born`, with these flags, and no disposal yet.
fn case_with(tx: &mut Tx<'_>, mode: OffenceMode, flags: CaseFlags, born: &str) -> StoreResult<CaseKey> {
    let mut nc = case(Service::Oocd, "2026-11-02");
    nc.offence_mode = Some(mode);
    nc.offence_date = Some(d("2026-10-01"));
    nc.flags = flags;
    let key = tx.create_case(&nc)?;
    let mut person = NewPerson::named("Sam", "Jones");
    person.dob = Some(d(born));
    tx.add_party(key.id, &person, PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect })?;
    Ok(key)
}

fn domestic_abuse() -> CaseFlags {
    CaseFlags { domestic_abuse: true, ..CaseFlags::default() }
}

fn disposal_type(db: &FileDb, case_id: i64) -> Option<String> {
    db.raw()
        .query_row("SELECT disposal_type FROM oocd_disposal WHERE case_id = ?1", params![case_id], |r| r.get(0))
        .ok()
}

#[test]
fn a_domestic_abuse_conditional_caution_needs_a_cps_decision_when_recorded_and_when_changed_to() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| case_with(tx, OffenceMode::EitherWay, domestic_abuse(), "1990-01-01"));
    let caution = disposal(DisposalType::AdultConditionalCaution, "2026-11-02");
    let msg = err_text(db.store.write(|tx| tx.set_disposal(key.id, &caution)));
    assert!(msg.contains("record the CPS decision reference"), "{msg}");
    assert_eq!(disposal_type(&db, key.id), None, "nothing written");
    // Recorded first as something else, then changed: the same check.
    db.setup(|tx| tx.set_disposal(key.id, &disposal(DisposalType::CommunityResolution, "2026-11-02")));
    let msg = err_text(db.store.write(|tx| tx.set_disposal(key.id, &caution)));
    assert!(msg.contains("CPS decision"), "{msg}");
    let mut decided = caution.clone();
    decided.cps_decision_ref = Some("CPS/26/0001".into());
    db.setup(|tx| tx.set_disposal(key.id, &decided));
    assert_eq!(disposal_type(&db, key.id).as_deref(), Some("adult_conditional_caution"));
}

#[test]
fn a_disposal_changed_after_issue_is_held_to_its_own_caps_and_ages() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| {
        let key = case_with(tx, OffenceMode::SummaryOnly, CaseFlags::default(), "1990-06-01")?;
        tx.set_disposal(key.id, &disposal(DisposalType::AdultConditionalCaution, "2026-11-02"))?;
        tx.add_condition(key.id, &penalty(5000, "2026-12-01"), &rules)?;
        Ok(key)
    });
    let msg = err_text(
        db.store.write(|tx| tx.set_disposal(key.id, &disposal(DisposalType::CommunityResolution, "2026-11-02"))),
    );
    assert!(msg.contains("community resolution cannot carry a financial penalty"), "{msg}");
    let msg = err_text(
        db.store.write(|tx| tx.set_disposal(key.id, &disposal(DisposalType::YouthConditionalCaution, "2026-11-02"))),
    );
    assert!(msg.contains("only for ages 10–17 (age recorded: 36)"), "{msg}");
    assert_eq!(disposal_type(&db, key.id).as_deref(), Some("adult_conditional_caution"));
}

#[test]
fn age_is_taken_on_the_day_of_issue_not_the_offence() {
    let mut db = FileDb::new();
    // 17 when offending on 2026-10-01, 18 on 2026-10-20: too old for a youth caution when it is given.
    let key = db.setup(|tx| case_with(tx, OffenceMode::SummaryOnly, CaseFlags::default(), "2008-10-20"));
    let msg =
        err_text(db.store.write(|tx| tx.set_disposal(key.id, &disposal(DisposalType::YouthCaution, "2026-11-02"))));
    assert!(msg.contains("only for ages 10–17 (age recorded: 18)"), "{msg}");
}

#[test]
fn an_intimate_partner_community_resolution_needs_a_recorded_reason_which_is_kept() {
    let mut db = FileDb::new();
    let flags = CaseFlags { domestic_abuse: true, intimate_partner: true, ..CaseFlags::default() };
    let key = db.setup(|tx| case_with(tx, OffenceMode::SummaryOnly, flags, "1990-01-01"));
    let mut cr = disposal(DisposalType::CommunityResolution, "2026-11-02");
    let msg = err_text(db.store.write(|tx| tx.set_disposal(key.id, &cr)));
    assert!(msg.contains("record a reason to proceed"), "{msg}");
    cr.proceed_reason = Some("harmed party's clear wish; no risk factors".into());
    let (_, findings) = db.setup(|tx| tx.set_disposal_checked(key.id, &cr));
    assert!(findings.iter().any(|f| f.severity == Severity::Warn && f.message.contains("intimate partners")));
    let logged: i64 = db
        .raw()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'oocd_disposal' AND after_json LIKE '%clear wish%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1, "the reason is in the audit log");
}

#[test]
fn a_rank_below_the_local_minimum_warns_and_the_rank_is_kept() {
    let mut db = FileDb::new();
    db.raw()
        .execute(
            "INSERT INTO rule (id, key, value, unit, source, confidence)
             VALUES ('MIN_AUTHORISING_RANK', 'MIN_AUTHORISING_RANK', 3, 'rank', 'local policy', 'unverified')",
            [],
        )
        .unwrap();
    let key = db.setup(|tx| case_with(tx, OffenceMode::SummaryOnly, CaseFlags::default(), "1990-01-01"));
    let mut cr = disposal(DisposalType::CommunityResolution, "2026-11-02");
    cr.authorising_rank = Some(Rank::Sergeant);
    let (_, findings) = db.setup(|tx| tx.set_disposal_checked(key.id, &cr));
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["authorised by a sergeant; local policy asks for an inspector or above"]);
    let rank: String = db
        .raw()
        .query_row("SELECT authorising_rank FROM oocd_disposal WHERE case_id = ?1", params![key.id], |r| r.get(0))
        .unwrap();
    assert_eq!(rank, "sergeant");
}

#[test]
fn pcsc_cautions_are_refused_until_part_6_is_in_force() {
    let mut db = FileDb::new();
    let msg = err_text(db.store.write(|tx| oocd_case(tx, DisposalType::DiversionaryCaution, "2026-11-02")));
    assert!(msg.contains("not in force"), "{msg}");
    pcsc_in_force_from(&db, "20261201");
    let msg = err_text(db.store.write(|tx| oocd_case(tx, DisposalType::CommunityCaution, "2026-11-02")));
    assert!(msg.contains("from 2026-12-01"), "{msg}");
    db.setup(|tx| oocd_case(tx, DisposalType::CommunityCaution, "2026-12-01"));
}

#[test]
fn a_youth_caution_takes_no_conditions_added_or_carried_over() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| {
        let key = case_with(tx, OffenceMode::SummaryOnly, CaseFlags::default(), "2011-01-01")?;
        tx.set_disposal(key.id, &disposal(DisposalType::YouthCaution, "2026-11-02"))?;
        Ok(key)
    });
    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &apology("2026-12-01"), &rules)));
    assert!(msg.contains("youth caution takes no conditions"), "{msg}");
    // A youth conditional caution with a condition cannot become a youth caution.
    db.setup(|tx| tx.set_disposal(key.id, &disposal(DisposalType::YouthConditionalCaution, "2026-11-02")));
    db.setup(|tx| tx.add_condition(key.id, &apology("2026-12-01"), &rules));
    let msg =
        err_text(db.store.write(|tx| tx.set_disposal(key.id, &disposal(DisposalType::YouthCaution, "2026-11-02"))));
    assert!(msg.contains("takes no conditions"), "{msg}");
}

#[test]
fn unpaid_work_labelled_as_another_kind_counts_towards_the_cap() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let attend = condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(12.0), "2026-12-01");
    let (key, _) =
        db.setup(|tx| active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &[attend], &rules));
    let other = condition(ConditionKind::Other, ConditionObject::Reparation, Some(9.0), "2026-12-01");
    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &other, &rules)));
    assert!(msg.contains("21 h") && msg.contains("the cap is 20 h"), "{msg}");
}

#[test]
fn a_completion_date_past_the_limit_needs_a_reason_which_is_kept() {
    let mut db = FileDb::new();
    let key = db.setup(|tx| case_with(tx, OffenceMode::SummaryOnly, CaseFlags::default(), "1990-01-01"));
    let mut caution = disposal(DisposalType::AdultConditionalCaution, "2026-11-02");
    caution.completion_due = Some(d("2027-08-02"));
    let msg = err_text(db.store.write(|tx| tx.set_disposal(key.id, &caution)));
    assert!(msg.contains("39 weeks") && msg.contains("give a reason"), "{msg}");
    caution.time_limit_reason = Some("awaiting the co-accused's trial".into());
    let (_, findings) = db.setup(|tx| tx.set_disposal_checked(key.id, &caution));
    assert!(findings.iter().all(|f| f.severity == Severity::Warn) && !findings.is_empty(), "{findings:?}");
    let kept: String = db
        .raw()
        .query_row("SELECT time_limit_reason FROM oocd_disposal WHERE case_id = ?1", params![key.id], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "awaiting the co-accused's trial");
}

/// An active adult conditional caution with one condition whose breach is referred.
fn referred_breach(db: &mut FileDb) -> (i64, i64) {
    referred_breach_to(db, "decision maker")
}

/// `referred_breach`, the breach referred to `to`.
pub(super) fn referred_breach_to(db: &mut FileDb, to: &str) -> (i64, i64) {
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let (key, ids) =
            active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &[apology("2026-11-16")], &rules)?;
        let condition_id = ids[0];
        let breach = NewBreach {
            case_id: key.id,
            condition_id: Some(condition_id),
            identified_on: d("2026-11-17"),
            description: "no letter".into(),
            reasonable_excuse_claimed: false,
            referred_to: Some(to.into()),
            referred_on: Some(d("2026-11-17")),
        };
        Ok((tx.record_breach(&breach, d("2026-11-17"))?, condition_id))
    })
}

fn outcome(decision: BreachDecision, new_due: Option<&str>, reason: Option<&str>) -> BreachOutcome {
    BreachOutcome {
        decision,
        decision_on: d("2026-11-19"),
        new_due_on: new_due.map(d),
        excuse_assessment: None,
        time_limit_reason: reason.map(str::to_string),
    }
}

#[test]
fn a_breach_decision_refuses_a_new_date_with_prosecution() {
    let mut db = FileDb::new();
    let (breach, _) = referred_breach(&mut db);
    let rules = db.store.rules().unwrap();
    let contradictory = outcome(BreachDecision::ProsecuteOriginalOffence, Some("2026-12-20"), None);
    let msg = err_text(db.store.write(|tx| tx.decide_breach(breach, &contradictory, &rules)));
    assert!(msg.contains("only goes with varying the conditions") && msg.contains("clear the date"), "{msg}");
    let decided: String =
        db.raw().query_row("SELECT status FROM breach WHERE id = ?1", params![breach], |r| r.get(0)).unwrap();
    assert_ne!(decided, "decided");
}

#[test]
fn a_breach_decision_past_the_time_limit_needs_a_reason() {
    let mut db = FileDb::new();
    let (breach, condition_id) = referred_breach(&mut db);
    let rules = db.store.rules().unwrap();
    // 18 weeks after issue on 2026-11-02.
    let late = outcome(BreachDecision::VaryConditions, Some("2027-03-08"), None);
    let msg = err_text(db.store.write(|tx| tx.decide_breach(breach, &late, &rules)));
    assert!(msg.contains("18 weeks") && msg.contains("give a reason"), "{msg}");
    let reasoned = outcome(BreachDecision::VaryConditions, Some("2027-03-08"), Some("course full until March"));
    db.setup(|tx| tx.decide_breach(breach, &reasoned, &rules));
    let note: String = db
        .raw()
        .query_row(
            "SELECT note FROM compliance_event WHERE condition_id = ?1 AND type = 'variation_agreed'",
            params![condition_id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(note.ends_with("beyond the time limit because: course full until March"), "{note}");
}

/// Issue 13 §2: "no further action" landed the case in Completed, as if its
/// conditions had been done. It closes the case with that outcome and books
/// its retention review; undo takes it all back; and it cannot close a case
/// that still has other conditions to do.
#[test]
fn no_further_action_closes_the_case_without_completing_it() {
    let mut db = FileDb::new();
    let (breach, _) = referred_breach(&mut db);
    let rules = db.store.rules().unwrap();
    let case_of = |db: &FileDb| -> (String, Option<String>, i64) {
        db.raw()
            .query_row(
                "SELECT c.status, c.closure_outcome, (SELECT COUNT(*) FROM retention r WHERE r.case_id = c.id)
                 FROM case_file c JOIN breach b ON b.case_id = c.id WHERE b.id = ?1",
                params![breach],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    };
    db.setup(|tx| tx.decide_breach(breach, &outcome(BreachDecision::NoFurtherAction, None, None), &rules));
    let (status, closure, reviews) = case_of(&db);
    assert_eq!((status.as_str(), reviews), ("closed", 1));
    assert!(closure.unwrap_or_default().contains("no further action (conditions not completed)"));
    db.store.undo_last().unwrap();
    assert_eq!(case_of(&db), ("breach_referred".to_string(), None, 0));

    // Another condition still to do: the case cannot close on this breach.
    let case_id: i64 =
        db.raw().query_row("SELECT case_id FROM breach WHERE id = ?1", params![breach], |r| r.get(0)).unwrap();
    db.setup(|tx| tx.add_condition(case_id, &apology("2026-12-10"), &rules).map(|_| ()));
    let nfa = outcome(BreachDecision::NoFurtherAction, None, None);
    let msg = err_text(db.store.write(|tx| tx.decide_breach(breach, &nfa, &rules)));
    assert!(msg.contains("open"), "{msg}");
    assert_eq!(case_of(&db).0, "breach_referred");
}

/// Issue 13: a conditional caution is issued with the conditions its
/// signed document holds. Moving it to Issued with none is refused in one
/// sentence, and so is turning an issued resolution with none into one.
#[test]
fn a_conditional_caution_is_never_issued_without_a_condition() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02"));
    let refused = err_text(db.store.write(|tx| tx.change_status(key.id, "issued", d("2026-11-02"))));
    assert_eq!(refused, "record at least one condition before issuing the conditional caution (leave the issue date blank until its conditions are added)");
    db.setup(|tx| tx.add_condition(key.id, &apology("2026-12-01"), &rules));
    db.setup(|tx| tx.change_status(key.id, "issued", d("2026-11-02")));

    let resolution = db.setup(|tx| active_with(tx, DisposalType::CommunityResolution, "2026-11-02", &[], &rules)).0;
    let edited = disposal(DisposalType::AdultConditionalCaution, "2026-11-02");
    let refused = err_text(db.store.write(|tx| tx.set_disposal(resolution.id, &edited)));
    assert_eq!(
        refused,
        "a case at Active has been issued, so its adult conditional caution needs at least one condition"
    );
    let kept = db.store.disposal(resolution.id).unwrap().unwrap().disposal_type;
    assert_eq!(kept, DisposalType::CommunityResolution, "nothing saved");
}
