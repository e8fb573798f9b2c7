//! The demo's meetings and minutes (issue 14 §6): a scrutiny panel a fortnight
//! ago, minuted, its actions done or due in a few weeks, and a team meeting
//! two days ago with its agenda and no minutes yet. Actions fall due after
//! the Today horizon, so the demo's Today list is the cases' own.

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::domain::meetings::{PersonKind, Who};
use crate::store::{NewMeeting, NewMeetingAction, StoreResult, Tx};

/// Record the demo's meetings; `coordinator` is one of its directory's.
pub(super) fn fill(tx: &mut Tx<'_>, today: NaiveDate, coordinator: Option<(i64, String)>) -> StoreResult<()> {
    let at = |days: i64, h: u32, m: u32| {
        (today - Duration::days(days)).and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
    };
    let owner = match &coordinator {
        Some((id, _)) => {
            Who { kind: PersonKind::Coordinator, directory_id: Some(*id), name: String::new(), role: None }
        }
        None => Who::typed("Sam Okafor", Some("OOCD coordinator")),
    };
    let panel = tx.record_meeting(&NewMeeting {
        held_at: at(14, 10, 0),
        title: "Out-of-court disposals scrutiny panel".into(),
        place: Some("Kelvington Police Station, conference room".into()),
        room_id: None,
        agenda: Some("1. Minutes of the last panel\n2. Cases reviewed\n3. Findings and feedback".into()),
        attendees: vec![
            owner.clone(),
            Who::typed("Insp. Rachel Moore", Some("Chair")),
            Who::typed("Dev Mistry", Some("Victim Support")),
            Who::typed("Helen Ward", Some("Youth offending team")),
        ],
    })?;
    tx.write_minutes(
        panel,
        "Eight cases reviewed; seven found appropriate.\n\
         One youth caution should have been a community resolution: feedback to the officer.\n\n\
         The YOT asked to see the panel's findings each quarter.",
    )?;
    let circulate = tx.add_meeting_action(&action(
        panel,
        "Circulate the panel's findings",
        owner.clone(),
        today - Duration::days(7),
    ))?;
    tx.mark_action_done(circulate, today - Duration::days(8))?;
    let yot = Who::typed("Helen Ward", Some("Youth offending team"));
    tx.add_meeting_action(&action(panel, "Send the YOT the quarter's findings", yot, today + Duration::days(21)))?;
    tx.record_meeting(&NewMeeting {
        held_at: at(2, 9, 30),
        title: "Team meeting".into(),
        place: Some("The Old Library, meeting room".into()),
        room_id: None,
        agenda: Some("1. Caseloads\n2. Volunteers' vetting\n3. Leaflets for harmed parties".into()),
        attendees: vec![owner, Who::typed("Priya Castellano", Some("Service manager"))],
    })?;
    Ok(())
}

fn action(meeting_id: i64, what: &str, owner: Who, due_on: NaiveDate) -> NewMeetingAction {
    NewMeetingAction { meeting_id, what: what.into(), owner, due_on, case_id: None }
}
