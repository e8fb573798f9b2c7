//! Editing after intake (issue 13 §1) through the store's write path: each
//! edit is checked again as if it were new (caps, time limits, ages, the
//! legal checks), a refused edit changes nothing, and an edit is audited in
//! words and undone by undo.

use super::*;
use casedesk::domain::types::{DataSubjectCategory, PartyRole};
use casedesk::store::model::{CaseFlags, NewPerson, PartyLink};
use casedesk::store::{ItemEdit, Variation};

/// An OOCD case for an offender born on `born`, its `kind` issued on
/// 2026-11-02 for a summary-only offence. Returns (case, offender).
fn issued(tx: &mut Tx<'_>, kind: DisposalType, born: &str) -> StoreResult<(i64, i64)> {
    let mut nc = case(Service::Oocd, "2026-11-02");
    nc.offence_mode = Some(OffenceMode::SummaryOnly);
    nc.offence_date = Some(d("2026-10-01"));
    let key = tx.create_case(&nc)?;
    let mut person = NewPerson::named("Sam", "Jones");
    person.dob = Some(d(born));
    let link = PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect };
    let person_id = tx.add_party(key.id, &person, link)?;
    tx.set_disposal(key.id, &disposal(kind, "2026-11-02"))?;
    Ok((key.id, person_id))
}

fn one(conn: &Connection, sql: &str, id: i64) -> Option<String> {
    conn.query_row(sql, params![id], |r| r.get(0)).unwrap()
}

fn amount(conn: &Connection, condition_id: i64) -> i64 {
    conn.query_row("SELECT amount_pence FROM condition WHERE id = ?1", params![condition_id], |r| r.get(0)).unwrap()
}

fn newest_justification(conn: &Connection) -> String {
    conn.query_row("SELECT justification FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_penalty_edited_over_the_cap_is_refused_and_nothing_changes() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (case_id, condition_id) = db.setup(|tx| {
        let (case_id, _) = issued(tx, DisposalType::AdultConditionalCaution, "1990-06-01")?;
        Ok((case_id, tx.add_condition(case_id, &penalty(5000, "2026-12-01"), &rules)?.0))
    });
    let before = max_audit_id(&db.raw());
    let mut dearer = penalty(30000, "2026-12-01");
    dearer.description = "Financial penalty (2026-12-01)".into();
    let msg = err_text(db.store.write(|tx| tx.edit_condition(condition_id, &dearer, None, &rules)));
    assert!(msg.contains("financial penalty"), "{msg}");
    assert_eq!(amount(&db.raw(), condition_id), 5000, "nothing written");
    assert_eq!(max_audit_id(&db.raw()), before, "nothing logged");
    // Within the cap it is saved, audited in words, and undone by undo.
    let mut less = dearer.clone();
    less.amount_pence = Some(3000);
    let edited = db.setup(|tx| tx.edit_condition(condition_id, &less, None, &rules));
    assert_eq!(edited.changes, vec!["amount £50.00 → £30.00".to_string()]);
    assert_eq!(amount(&db.raw(), condition_id), 3000);
    assert_eq!(newest_justification(&db.raw()), "condition edited: amount £50.00 → £30.00");
    db.store.undo_last().unwrap();
    assert_eq!(amount(&db.raw(), condition_id), 5000, "undone");
    assert_eq!(status_of(&db.raw(), case_id), "draft");
}

#[test]
fn hours_edited_past_a_cap_are_refused_or_warned_as_the_cap_says() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let work = condition(ConditionKind::UnpaidWork, ConditionObject::Reparation, Some(6.0), "2026-12-01");
    let (adult, youth) = db.setup(|tx| {
        let (adult, _) = issued(tx, DisposalType::AdultConditionalCaution, "1990-01-01")?;
        let (youth, _) = issued(tx, DisposalType::YouthConditionalCaution, "2010-01-01")?;
        Ok((tx.add_condition(adult, &work, &rules)?.0, tx.add_condition(youth, &work, &rules)?.0))
    });
    let mut longer = db.store.condition_on_file(adult).unwrap().condition;
    longer.hours_required = Some(24.0);
    // The adult's 20-hour attendance cap is verified: it refuses.
    let msg = err_text(db.store.write(|tx| tx.edit_condition(adult, &longer, None, &rules)));
    assert!(msg.contains("attendance"), "{msg}");
    assert_eq!(db.store.condition_on_file(adult).unwrap().condition.hours_required, Some(6.0));
    // The youth's 10 hours of unpaid work is unverified guidance: it warns.
    let edited = db.setup(|tx| tx.edit_condition(youth, &longer, None, &rules));
    assert!(edited.warnings.iter().any(|w| w.message.contains("unpaid work totals 24 h")), "{:?}", edited.warnings);
}

#[test]
fn a_date_of_birth_edit_that_makes_the_disposal_wrong_is_refused() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    // 16 on the day of the youth caution; born 1990 they would be 36.
    let (case_id, person_id) = db.setup(|tx| issued(tx, DisposalType::YouthCaution, "2010-03-01"));
    let (mut person, role) = db.store.party(case_id, person_id).unwrap();
    person.dob = Some(d("1990-03-01"));
    let msg = err_text(db.store.write(|tx| tx.edit_party(case_id, person_id, &person, role, &rules)));
    assert!(msg.contains("only for ages 10–17 (age recorded: 36)"), "{msg}");
    let dob = one(&db.raw(), "SELECT dob FROM person WHERE id = ?1", person_id);
    assert_eq!(dob.as_deref(), Some("2010-03-01"), "nothing written");
    // Age is taken on the day of issue: 17 on 2026-11-02, though 18 today.
    person.dob = Some(d("2009-11-03"));
    db.setup(|tx| tx.edit_party(case_id, person_id, &person, role, &rules));
    person.dob = Some(d("2008-11-02"));
    let msg = err_text(db.store.write(|tx| tx.edit_party(case_id, person_id, &person, role, &rules)));
    assert!(msg.contains("(age recorded: 18)"), "{msg}");
}

#[test]
fn a_person_edit_is_audited_in_words_and_undone() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (case_id, person_id) = db.setup(|tx| issued(tx, DisposalType::AdultConditionalCaution, "1990-06-01"));
    let (mut person, _) = db.store.party(case_id, person_id).unwrap();
    person.family_name = "Jonas".into();
    person.phone = Some("01632 960000".into());
    let edited = db.setup(|tx| tx.edit_party(case_id, person_id, &person, PartyRole::Harmed, &rules));
    assert_eq!(edited.changes, ["family name Jones → Jonas", "phone none → 01632 960000", "role Responsible → Harmed"]);
    let role = one(&db.raw(), "SELECT role FROM case_party WHERE person_id = ?1", person_id);
    assert_eq!(role.as_deref(), Some("harmed"));
    let logged = newest_justification(&db.raw());
    assert!(logged.starts_with("person edited: family name Jones → Jonas"), "{logged}");
    db.store.undo_last().unwrap();
    let (back, role) = db.store.party(case_id, person_id).unwrap();
    assert_eq!((back.family_name.as_str(), back.phone, role), ("Jones", None, PartyRole::Offender), "undone");
}

#[test]
fn moving_a_conditions_due_date_is_a_variation_held_to_the_time_limit() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let condition_id = db.setup(|tx| {
        let (case_id, _) = issued(tx, DisposalType::AdultConditionalCaution, "1990-06-01")?;
        Ok(tx.add_condition(case_id, &apology("2026-12-01"), &rules)?.0)
    });
    let mut later = db.store.condition_on_file(condition_id).unwrap().condition;
    // 18 weeks after issue: past the 16-week limit, within the 20.
    later.due_on = d("2027-03-08");
    let msg = err_text(db.store.write(|tx| tx.edit_condition(condition_id, &later, None, &rules)));
    assert!(msg.contains("variation"), "{msg}");
    let asked = Variation { reason: "course full until March", beyond_limit: None };
    let msg = err_text(db.store.write(|tx| tx.edit_condition(condition_id, &later, Some(asked), &rules)));
    assert!(msg.contains("weeks"), "{msg}");
    let due = one(&db.raw(), "SELECT due_on FROM condition WHERE id = ?1", condition_id);
    assert_eq!(due.as_deref(), Some("2026-12-01"), "nothing written");
    let reasoned = Variation { reason: "course full until March", beyond_limit: Some("the only course runs then") };
    db.setup(|tx| tx.edit_condition(condition_id, &later, Some(reasoned), &rules));
    let row = one(&db.raw(), "SELECT due_on || ' ' || status FROM condition WHERE id = ?1", condition_id);
    assert_eq!(row.as_deref(), Some("2027-03-08 varied"));
}

#[test]
fn a_referral_edit_rechecks_the_disposal_given() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (case_id, _) = db.setup(|tx| issued(tx, DisposalType::AdultConditionalCaution, "1990-06-01"));
    let mut referral = db.store.referral(case_id).unwrap();
    // Marked domestic abuse after the caution was given: the CPS must decide.
    referral.flags = CaseFlags { domestic_abuse: true, ..CaseFlags::default() };
    let msg = err_text(db.store.write(|tx| tx.edit_referral(case_id, &referral, &rules)));
    assert!(msg.contains("CPS decision"), "{msg}");
    let flag = one(&db.raw(), "SELECT CAST(flag_domestic_abuse AS TEXT) FROM case_file WHERE id = ?1", case_id);
    assert_eq!(flag.as_deref(), Some("0"), "nothing written");
    // The offence date may not follow the day the referral came in.
    let mut late = db.store.referral(case_id).unwrap();
    late.offence_date = Some(d("2026-11-05"));
    let msg = err_text(db.store.write(|tx| tx.edit_referral(case_id, &late, &rules)));
    assert!(msg.contains("after the date the referral was received"), "{msg}");
    let mut fixed = db.store.referral(case_id).unwrap();
    fixed.crime_ref = Some(" cr/1/26 ".into());
    fixed.offence_mode = Some(OffenceMode::EitherWay);
    let edited = db.setup(|tx| tx.edit_referral(case_id, &fixed, &rules));
    assert_eq!(edited.changes, ["crime reference none → CR/1/26", "offence mode summary only → either way"]);
    db.store.undo_last().unwrap();
    assert_eq!(db.store.referral(case_id).unwrap().offence_mode, Some(OffenceMode::SummaryOnly));
}

#[test]
fn the_service_changes_only_where_the_status_exists() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let rj = db.setup(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))).id;
    let mut to_oocd = db.store.referral(rj).unwrap();
    to_oocd.service = Service::Oocd;
    let msg = err_text(db.store.write(|tx| tx.edit_referral(rj, &to_oocd, &rules)));
    assert!(msg.contains("has no status \"Received\""), "{msg}");
    let mut to_mediation = db.store.referral(rj).unwrap();
    to_mediation.service = Service::Mediation;
    db.setup(|tx| tx.edit_referral(rj, &to_mediation, &rules));
    assert_eq!(db.store.referral(rj).unwrap().service, Service::Mediation);
}

#[test]
fn an_open_agreement_item_is_edited_and_a_done_one_is_not() {
    let mut db = FileDb::new();
    let (case_id, item) = db.setup(|tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?;
        let agreement = held_agreement(tx, key.id)?;
        Ok((key.id, tx.add_agreement_item(agreement, &agreement_item("mend the fence", "2026-12-18"))?))
    });
    let edit =
        ItemEdit { description: "mend and paint the fence".into(), owner: "Sam".into(), due_on: d("2027-01-08") };
    let edited = db.setup(|tx| tx.edit_agreement_item(item, &edit));
    assert_eq!(edited.changes.len(), 3, "{:?}", edited.changes);
    assert_eq!(db.store.item_on_file(item).unwrap().item, edit);
    let blank = ItemEdit { owner: " ".into(), ..edit.clone() };
    assert!(err_text(db.store.write(|tx| tx.edit_agreement_item(item, &blank))).contains("an owner"));
    assert_eq!(db.store.case_items(case_id, 10).unwrap().len(), 1, "listed to edit while open");
    db.setup(|tx| tx.complete_agreement_item(item, d("2026-12-01"), "photo"));
    assert!(db.store.case_items(case_id, 10).unwrap().is_empty(), "a done item is not offered");
    let msg = err_text(db.store.write(|tx| tx.edit_agreement_item(item, &ItemEdit { owner: "Jo".into(), ..edit })));
    assert!(msg.contains("this item is done"), "{msg}");
}
