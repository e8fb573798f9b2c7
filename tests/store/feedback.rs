//! Participants' feedback (issue 15 §4): taken on a restorative case once a
//! meeting was held, refused before with the reason, audited and sealed
//! (a change behind the log is found), and undone in words.

use super::*;
use casedesk::domain::feedback::{FeedbackFrom, Reply};
use casedesk::store::NewFeedback;

fn said(case_id: i64, on: &str) -> NewFeedback {
    NewFeedback {
        case_id,
        person_id: None,
        from: FeedbackFrom::Harmed,
        collected_on: d(on),
        satisfied: 5,
        would_recommend: Reply::Yes,
        felt_safe: Reply::Unsure,
        comments: "It helped.\nI would do it again.".into(),
    }
}

#[test]
fn feedback_follows_a_held_meeting_and_is_audited_sealed_and_undone() {
    let mut db = FileDb::new();
    let (rj, oocd) = db.setup(|tx| {
        let rj = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?.id;
        let oocd = tx.create_case(&case(Service::Oocd, "2026-10-01"))?.id;
        Ok((rj, oocd))
    });
    let early = db.store.write(|tx| tx.record_feedback(&said(rj, "2026-11-20"))).unwrap_err().to_string();
    assert!(early.contains("record a meeting held or an outcome agreed first"), "{early}");
    let wrong = db.store.write(|tx| tx.record_feedback(&said(oocd, "2026-11-20"))).unwrap_err().to_string();
    assert!(wrong.contains("restorative justice and mediation cases only"), "{wrong}");
    let mut bad = said(rj, "2026-11-20");
    bad.satisfied = 6;

    db.setup(|tx| {
        let id = tx.add_process(
            rj,
            &process(ProcessKind::FaceToFaceConference, "2026-11-19 10:00", ProcessStatus::Confirmed),
        )?;
        tx.set_process_status(id, ProcessStatus::Held, d("2026-11-19"), None)
    });
    let score = db.store.write(|tx| tx.record_feedback(&bad)).unwrap_err().to_string();
    assert!(score.contains("from 1 (very dissatisfied) to 5"), "{score}");
    db.setup(|tx| tx.record_feedback(&said(rj, "2026-11-20")).map(|_| ()));
    let row: (String, i64, Option<i64>, Option<i64>, String) = db
        .raw()
        .query_row("SELECT person_role, satisfied, would_recommend, felt_safe, comments FROM feedback", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!(row, ("harmed".into(), 5, Some(1), None, "It helped.\nI would do it again.".into()));
    let audited: i64 =
        db.raw().query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'feedback'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1);
    assert!(db.store.check().unwrap().is_ok());

    // Changed behind the log: the seal finds it.
    db.raw().execute("UPDATE feedback SET satisfied = 1", []).unwrap();
    let report = db.store.check().unwrap();
    assert!(!report.is_ok(), "{:?}", report.lines());
    db.raw().execute("UPDATE feedback SET satisfied = 5", []).unwrap();

    let words = db.store.next_undo().unwrap().expect("something to undo").words;
    assert!(words.contains("feedback"), "{words}");
    db.store.undo_last().unwrap();
    assert_eq!(db.count("feedback"), 0);
}

/// Feedback from one of the case's people takes their part on the case from
/// the case (a supporter gives it as someone else), and names them; someone
/// who is not one of the case's people is refused.
#[test]
fn feedback_from_a_party_takes_their_part_and_names_them() {
    use casedesk::domain::types::{DataSubjectCategory, PartyRole};
    use casedesk::store::model::{NewPerson, PartyLink};
    let mut db = FileDb::new();
    let (rj, zoe, sam, stranger) = db.setup(|tx| {
        let rj = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?.id;
        let other = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?.id;
        let harmed = PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim };
        let supporter = PartyLink { role: PartyRole::Supporter, category: DataSubjectCategory::Other };
        let zoe = tx.add_party(rj, &NewPerson::named("Zoë", "Nowak"), harmed)?;
        let sam = tx.add_party(rj, &NewPerson::named("Sam", "Nowak"), supporter)?;
        let stranger = tx.add_party(other, &NewPerson::named("Ann", "Smith"), harmed)?;
        let id = tx.add_process(
            rj,
            &process(ProcessKind::FaceToFaceConference, "2026-11-19 10:00", ProcessStatus::Confirmed),
        )?;
        tx.set_process_status(id, ProcessStatus::Held, d("2026-11-19"), None)?;
        Ok((rj, zoe, sam, stranger))
    });
    for (person, claimed) in [(zoe, FeedbackFrom::Responsible), (sam, FeedbackFrom::Harmed)] {
        let mut f = said(rj, "2026-11-20");
        (f.person_id, f.from) = (Some(person), claimed);
        db.setup(|tx| tx.record_feedback(&f).map(|_| ()));
    }
    let raw = db.raw();
    let mut stored = raw.prepare("SELECT person_id, person_role FROM feedback ORDER BY id").unwrap();
    let rows: Vec<(Option<i64>, String)> =
        stored.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert_eq!(rows, [(Some(zoe), "harmed".to_string()), (Some(sam), "other".to_string())]);
    let mut f = said(rj, "2026-11-20");
    f.person_id = Some(stranger);
    let refused = db.store.write(|tx| tx.record_feedback(&f)).unwrap_err().to_string();
    assert!(refused.contains("not one of the case's people"), "{refused}");
}
