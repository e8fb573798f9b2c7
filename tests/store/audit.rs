//! The audit log: written with every change in the same transaction,
//! append-only, and checked for edits and gaps.

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::checklist::{Answer, Decision};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus, Service};
use casedesk::store::model::{NewAgreement, NewBreach, NewPerson, PartyLink};
use casedesk::store::{StoreResult, Tx, SCHEMA_VERSION};

use super::{
    agreement_item, all_suitability_yes, answer, apology, audit_rows_after, case, condition, contact, count, d,
    decision, disposal, err_text, field, max_audit_id, oocd_case, process, referral_at_risk_assessment, row, shape,
    status_of, AuditRow, FileDb, SENSE_CHECK,
};

// ------------------------------------------------------------------- audit

#[test]
fn every_write_method_appends_its_audit_rows_in_the_same_transaction() {
    let mut db = FileDb::new();
    db.store.set_user("alice");
    let raw = db.raw();
    let mut last = max_audit_id(&raw);
    let mut step = |db: &mut FileDb, f: &mut dyn FnMut(&mut Tx<'_>) -> StoreResult<i64>| -> (i64, Vec<AuditRow>) {
        let id = db.store.write(|tx| f(tx)).expect("write");
        let rows = audit_rows_after(&raw, last);
        last = rows.last().map_or(last, |r| r.id);
        (id, rows)
    };

    // create_case
    let (oocd, rows) = step(&mut db, &mut |tx| {
        let mut nc = case(Service::Oocd, "2026-11-02");
        nc.offence_mode = Some(OffenceMode::SummaryOnly);
        tx.create_case(&nc).map(|k| k.id)
    });
    assert_eq!(shape(&rows), [row("collect", "case_file", oocd, oocd)]);
    assert_eq!(rows[0].user, "alice");
    assert_eq!(field(&rows[0].after, "ref"), "OOCD-2026-0001");
    assert!(rows[0].before.is_none());

    // add_party: the person and the link
    let (person, rows) = step(&mut db, &mut |tx| {
        let link = PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect };
        tx.add_party(oocd, &NewPerson::named("Sam", "Jones"), link)
    });
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(shape(&rows[..1]), [row("collect", "person", person, oocd)]);
    assert_eq!((rows[1].op.as_str(), rows[1].entity.as_str(), rows[1].case_id), ("collect", "case_party", Some(oocd)));
    assert_eq!(field(&rows[1].after, "person_id"), person);

    // set_disposal
    let (disp, rows) =
        step(&mut db, &mut |tx| tx.set_disposal(oocd, &disposal(DisposalType::AdultConditionalCaution, "2026-11-02")));
    assert_eq!(shape(&rows), [row("collect", "oocd_disposal", disp, oocd)]);
    assert_eq!(field(&rows[0].after, "disposal_type"), "adult_conditional_caution");

    // add_condition
    let rules = db.store.rules().unwrap();
    let (cond, rows) = step(&mut db, &mut |tx| tx.add_condition(oocd, &apology("2026-11-30"), &rules).map(|r| r.0));
    assert_eq!(shape(&rows), [row("collect", "condition", cond, oocd)]);
    assert_eq!(field(&rows[0].after, "status"), "active");
    let (cond2, _) = step(&mut db, &mut |tx| {
        tx.add_condition(
            oocd,
            &condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(4.0), "2026-12-01"),
            &rules,
        )
        .map(|r| r.0)
    });

    // change_status (the conditions agreed, the caution is issued): an alteration, with the row as it was
    let (_, rows) = step(&mut db, &mut |tx| tx.change_status(oocd, "issued", d("2026-11-02")).map(|_| 0));
    assert_eq!(shape(&rows), [row("alter", "case_file", oocd, oocd)]);
    assert_eq!(field(&rows[0].before, "status"), "draft");
    assert_eq!(field(&rows[0].after, "status"), "issued");
    step(&mut db, &mut |tx| tx.change_status(oocd, "active", d("2026-11-03")).map(|_| 0));

    // complete_condition: the compliance event, then the condition altered
    let (_, rows) = step(&mut db, &mut |tx| tx.complete_condition(cond, d("2026-11-10"), "letter received").map(|_| 0));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (rows[0].op.as_str(), rows[0].entity.as_str(), rows[0].case_id),
        ("collect", "compliance_event", Some(oocd))
    );
    assert_eq!(shape(&rows[1..]), [row("alter", "condition", cond, oocd)]);
    assert_eq!(field(&rows[1].before, "status"), "active");
    assert_eq!(field(&rows[1].after, "status"), "completed");

    // record_breach: the condition, the breach, and the case moving to breach_suspected
    let (breach, rows) = step(&mut db, &mut |tx| {
        let b = NewBreach {
            case_id: oocd,
            condition_id: Some(cond2),
            identified_on: d("2026-11-12"),
            description: "did not attend".into(),
            reasonable_excuse_claimed: false,
            referred_to: None,
            referred_on: None,
        };
        tx.record_breach(&b, d("2026-11-12"))
    });
    assert_eq!(
        shape(&rows),
        [
            row("alter", "condition", cond2, oocd),
            row("collect", "breach", breach, oocd),
            row("alter", "case_file", oocd, oocd)
        ]
    );
    assert_eq!(field(&rows[0].before, "status"), "active");
    assert_eq!(field(&rows[2].before, "status"), "active");
    assert_eq!(field(&rows[2].after, "status"), "breach_suspected");

    // An RJ referral: checklist answers, a decision, a process and its agreement.
    let (rj, _) = step(&mut db, &mut |tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        tx.change_status(key.id, "sense_check", d("2026-11-02"))?;
        Ok(key.id)
    });
    let (_, rows) = step(&mut db, &mut |tx| answer(tx, rj, "SC_REF", Answer::Unknown, "2026-11-03").map(|_| 0));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].op.as_str(), rows[0].entity.as_str(), rows[0].case_id),
        ("collect", "checklist_answer", Some(rj))
    );
    assert_eq!(field(&rows[0].after, "answer"), "unknown");
    // Re-answering alters the same row, keeping the old answer in the log:
    // only the columns that changed (and the id), not the whole row.
    let (_, rows) = step(&mut db, &mut |tx| answer(tx, rj, "SC_REF", Answer::Yes, "2026-11-04").map(|_| 0));
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].op.as_str(), rows[0].entity.as_str()), ("alter", "checklist_answer"));
    assert_eq!(field(&rows[0].before, "answer"), "unknown");
    assert_eq!(field(&rows[0].after, "answer"), "yes");
    assert_eq!(field(&rows[0].after, "checked_on"), "2026-11-04");
    let logged: Vec<&String> = rows[0].after.as_ref().and_then(|a| a.as_object()).unwrap().keys().collect();
    assert_eq!(logged, ["answer", "checked_on", "id"], "checked_by (alice both times) and the rest did not change");

    step(&mut db, &mut |tx| {
        for code in SENSE_CHECK {
            answer(tx, rj, code, Answer::Yes, "2026-11-04")?;
        }
        tx.change_status(rj, "risk_assessment", d("2026-11-04"))?;
        all_suitability_yes(tx, rj, "2026-11-05")?;
        Ok(0)
    });
    let (dec, rows) = step(&mut db, &mut |tx| {
        tx.record_decision(rj, &decision(Decision::Suitable, "both parties keen", "2026-11-06", None))
    });
    assert_eq!(shape(&rows), [row("collect", "decision", dec, rj), row("alter", "case_file", rj, rj)]);
    assert_eq!(field(&rows[0].after, "rationale"), "both parties keen");
    assert_eq!(field(&rows[1].before, "status"), "risk_assessment");
    assert_eq!(field(&rows[1].after, "status"), "suitable");

    let (proc_id, rows) = step(&mut db, &mut |tx| {
        tx.add_process(rj, &process(ProcessKind::FaceToFaceConference, "2026-11-10 10:00", ProcessStatus::Held))
    });
    assert_eq!(shape(&rows), [row("collect", "rj_process", proc_id, rj)]);

    let (agr, rows) = step(&mut db, &mut |tx| {
        tx.add_agreement(&NewAgreement {
            process_id: proc_id,
            agreed_on: d("2026-11-10"),
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: None,
        })
    });
    assert_eq!(shape(&rows), [row("collect", "outcome_agreement", agr, rj)]);

    let (item, rows) = step(&mut db, &mut |tx| tx.add_agreement_item(agr, &agreement_item("mend fence", "2026-11-30")));
    assert_eq!(shape(&rows), [row("collect", "agreement_item", item, rj)]);
    assert_eq!(field(&rows[0].after, "description"), "mend fence");

    let (contact_id, rows) = step(&mut db, &mut |tx| tx.log_contact(&contact(rj, "2026-11-11", Some("2026-11-18"))));
    assert_eq!(shape(&rows), [row("collect", "contact_log", contact_id, rj)]);
    assert_eq!(field(&rows[0].after, "follow_up_on"), "2026-11-18");

    // The whole log is one intact chain, one row per recorded change.
    let report = db.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.audit.rows as i64, count(&raw, "audit_log"));
    let everyone: Vec<String> = raw
        .prepare("SELECT DISTINCT user FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(everyone, ["alice"]);
}

#[test]
fn an_invalid_status_move_rolls_back_everything_written_before_it() {
    let mut db = FileDb::new();
    let result = db.store.write(|tx| {
        let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
        tx.change_status(key.id, "completed", d("2026-11-03"))?;
        Ok(key)
    });
    let msg = err_text(result);
    assert!(msg.contains("Draft") && msg.contains("Completed"), "{msg}");
    for table in ["case_file", "oocd_disposal", "audit_log", "ref_counter"] {
        assert_eq!(db.count(table), 0, "{table} kept a row from a failed write");
    }
    // The reference number was not used up either.
    let key = db.store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    assert_eq!(key.reference, "OOCD-2026-0001");
}

#[test]
fn a_blocked_cap_rolls_back_the_case_and_disposal_written_with_it() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let result = db.store.write(|tx| {
        let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
        let c = condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(21.0), "2026-12-01");
        tx.add_condition(key.id, &c, &rules)
    });
    err_text(result);
    for table in ["case_file", "oocd_disposal", "condition", "audit_log"] {
        assert_eq!(db.count(table), 0, "{table} kept a row from a failed write");
    }
}

#[test]
fn a_blank_rationale_rolls_back_the_answers_written_with_it() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), "2026-11-03"))
        .unwrap();
    let answers_before = db.count("checklist_answer");
    let audit_before = db.count("audit_log");
    let result = db.store.write(|tx| {
        answer(tx, key.id, "SU_ACCEPTS", Answer::No, "2026-11-04")?;
        tx.record_decision(key.id, &decision(Decision::NotSuitable, "   ", "2026-11-04", None))
    });
    let msg = err_text(result);
    assert!(msg.contains("rationale"), "{msg}");
    assert_eq!(db.count("checklist_answer"), answers_before);
    assert_eq!(db.count("decision"), 0);
    assert_eq!(db.count("audit_log"), audit_before);
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");
}

#[test]
fn the_audit_log_refuses_update_and_delete() {
    let mut db = FileDb::new();
    db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-02"))).unwrap();
    let raw = db.raw();
    let before: String = raw.query_row("SELECT after_json FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();

    let update = raw.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 1", []);
    let msg = update.expect_err("UPDATE on audit_log must fail").to_string();
    assert!(msg.contains("append-only"), "{msg}");
    let delete = raw.execute("DELETE FROM audit_log", []);
    let msg = delete.expect_err("DELETE on audit_log must fail").to_string();
    assert!(msg.contains("append-only"), "{msg}");

    assert_eq!(count(&raw, "audit_log"), 1);
    let after: String = raw.query_row("SELECT after_json FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(after, before);
    assert!(db.store.check().unwrap().is_ok());
}

/// Three cases, so three chained audit rows, on a file.
fn three_audited_rows() -> FileDb {
    let mut db = FileDb::new();
    db.setup(|tx| {
        for service in [Service::Oocd, Service::RestorativeJustice, Service::Mediation] {
            tx.create_case(&case(service, "2026-11-02"))?;
        }
        Ok(())
    });
    assert_eq!(db.count("audit_log"), 3);
    db
}

#[test]
fn an_untouched_log_passes_the_check() {
    let db = three_audited_rows();
    let report = db.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.audit.fault, None);
    assert_eq!(report.audit.rows, 3);
    assert_eq!(report.integrity, ["ok"]);
    assert_eq!(report.foreign_key_faults, 0);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let newest: String = db.raw().query_row("SELECT hash FROM audit_log WHERE id = 3", [], |r| r.get(0)).unwrap();
    assert_eq!(report.audit.newest_hash, newest);
}

#[test]
fn an_edited_audit_row_is_detected() {
    let db = three_audited_rows();
    let raw = db.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    let changed = raw
        .execute(
            "UPDATE audit_log SET after_json = replace(after_json, 'RJ-2026-0001', 'RJ-2026-9999') WHERE id = 2",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    let tampered: String = raw.query_row("SELECT after_json FROM audit_log WHERE id = 2", [], |r| r.get(0)).unwrap();
    assert!(tampered.contains("RJ-2026-9999"), "the tamper did not take: {tampered}");

    let report = db.store.check().unwrap();
    assert!(!report.is_ok());
    let fault = report.audit.fault.clone().expect("an edited row must be reported");
    assert!(fault.contains("audit row 2"), "{fault}");
    assert!(report.lines().iter().any(|l| l.contains("FAULT")), "{:?}", report.lines());
}

#[test]
fn a_deleted_middle_audit_row_is_detected() {
    let db = three_audited_rows();
    let raw = db.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_delete;").unwrap();
    assert_eq!(raw.execute("DELETE FROM audit_log WHERE id = 2", []).unwrap(), 1);

    let report = db.store.check().unwrap();
    assert!(!report.is_ok());
    let fault = report.audit.fault.expect("a deleted row must be reported");
    assert!(fault.contains("audit row 3"), "{fault}");
}
