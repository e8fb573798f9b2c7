//! The prompts both views ask, asking again after a refusal, and reading
//! the times, names and amounts typed into them.

use chrono::{NaiveDate, NaiveTime};
use tui_input::Input;

use crate::domain::case_status::CaseStatus;
use crate::domain::status::RjStatus;
use crate::domain::types::{AgreementItemKind, AgreementItemStatus, ProcessKind, ProcessStatus, Service};
use crate::export::safe::inert;
use crate::store::views::agreements::{AgreementEntry, ArrangementRow};
use crate::store::StoreError;
use crate::tui::form::{Field, FieldKind};
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

use super::words::{kind_label, long_date, when_text};
use crate::domain::diary::DEFAULT_MINUTES;
use crate::store::views::diary::Booking;

/// What a prompt of this screen does once answered, and on what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Arrange a process for this case.
    Arrange(i64),
    EditProcess(i64),
    /// What happened at this process.
    ProcessOutcome(i64),
    /// The outcome agreement of this held process.
    RecordAgreement(i64),
    /// An item for this agreement.
    AddItem(i64),
    /// The harmed party told the result of this agreement.
    InformHarmed(i64),
    /// Arranging or editing a process again after the diary's warnings
    /// (kept here in words): the same warnings again save.
    Confirm(Box<Pending>, String),
}

fn ask(title: String, message: String, pending: Pending, fields: Vec<(FieldId, Field)>) -> Prompt {
    Prompt { title, message, fields, pending: PendingAction::Agreements(pending) }
}

fn yes_no(label: &str, yes: bool) -> Field {
    Field::choice_of(label, &[("yes", "Yes"), ("no", "No")], if yes { 0 } else { 1 })
}

fn kind_choices(service: Option<Service>) -> (Vec<(String, String)>, usize) {
    let options: Vec<(String, String)> =
        ProcessKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
    let default = if service == Some(Service::Mediation) {
        ProcessKind::MediationJointMeeting
    } else {
        ProcessKind::FaceToFaceConference
    };
    let index = ProcessKind::ALL.iter().position(|k| *k == default).unwrap_or(0);
    (options, index)
}

pub(super) fn arrange_prompt(
    case_id: i64,
    case_ref: &str,
    service: Option<Service>,
    rooms: &[(i64, String)],
) -> Prompt {
    let (kinds, default) = kind_choices(service);
    let new = Booking { minutes: DEFAULT_MINUTES, ..Booking::default() };
    let [length, room] = booking_fields(rooms, &new);
    ask(
        format!("Arrange a process for {}", inert(case_ref)),
        String::new(),
        Pending::Arrange(case_id),
        vec![
            (FieldId::Kind, Field::choice("Kind", kinds, default)),
            (FieldId::Date, Field::date("Date", None).required()),
            (FieldId::Time, Field::text("Time").required().with_hint("HH:MM, e.g. 10:30")),
            (FieldId::Venue, Field::text("Venue").with_hint("blank: the room below, or none if indirect")),
            (FieldId::RoomBooked, yes_no("Room booked", false)),
            (FieldId::Refreshments, Field::text("Refreshments")),
            (FieldId::Facilitators, Field::text("Facilitators").required().with_hint(FACILITATORS_HINT)),
            (FieldId::Participants, Field::text("Participants").required().with_hint("who attends, with supporters")),
            room,
            length,
        ],
    )
}

/// The arrange prompt again, for a refused reply (the service is looked up
/// so the kind list keeps its default).
pub(super) fn arrange_prompt_for(case_id: i64, ctx: &Ctx<'_>) -> Prompt {
    let brief = ctx.store.case_brief(case_id).ok().flatten();
    let (reference, service) =
        brief.map_or((String::new(), None), |(reference, service, _)| (reference, Some(service)));
    arrange_prompt(case_id, &reference, service, &rooms(ctx))
}

/// The edit prompt of a process as it stands, booking and all.
pub(super) fn edit_prompt_for(process_id: i64, row: &ArrangementRow, ctx: &Ctx<'_>) -> Prompt {
    let booked = ctx.store.booking_of(process_id).unwrap_or(Booking { minutes: DEFAULT_MINUTES, ..Booking::default() });
    edit_prompt(process_id, row, &rooms(ctx), &booked)
}

const FACILITATORS_HINT: &str = "two names, comma-separated";

pub(super) fn edit_prompt(process_id: i64, row: &ArrangementRow, rooms: &[(i64, String)], booked: &Booking) -> Prompt {
    let when = row.scheduled_for;
    let status = row.status.unwrap_or(ProcessStatus::Planned).as_str();
    let mut statuses = vec![("planned", "Planned"), ("confirmed", "Confirmed with everyone")];
    if status == ProcessStatus::Postponed.as_str() {
        statuses.insert(0, ("postponed", "Postponed (still)"));
    }
    let selected = statuses.iter().position(|(v, _)| *v == status).unwrap_or(0);
    let kind = row.kind.map_or_else(String::new, kind_label);
    let time = when.map_or(String::new(), crate::domain::dates::time_of_day);
    let [length, room] = booking_fields(rooms, booked);
    ask(
        format!("Arrangements for {}", inert(&row.case_ref)),
        format!("{kind}: change what is needed and press Enter."),
        Pending::EditProcess(process_id),
        vec![
            (FieldId::Date, Field::date("Date", when.map(|w| w.date())).required()),
            (FieldId::Time, Field::text("Time").required().with_suggestion(&time)),
            (FieldId::Venue, Field::text("Venue").with_value(row.venue.as_deref().unwrap_or(""))),
            (FieldId::RoomBooked, yes_no("Room booked", row.room_booked)),
            (FieldId::Refreshments, Field::text("Refreshments").with_value(row.refreshments.as_deref().unwrap_or(""))),
            (FieldId::Facilitators, Field::text("Facilitators").required().with_value(&row.facilitators)),
            (FieldId::Participants, Field::text("Participants").required().with_value(&row.participants)),
            (FieldId::Status, Field::choice_of("Status", &statuses, selected)),
            room,
            length,
        ],
    )
}

/// The choice value of "no room of the directory".
const NO_ROOM: &str = "";

/// The Length and Room fields, for a meeting booked as `booking`.
pub(super) fn booking_fields(rooms: &[(i64, String)], booking: &Booking) -> [(FieldId, Field); 2] {
    let mut options = vec![(NO_ROOM.to_string(), "Not in the directory".to_string())];
    options.extend(rooms.iter().map(|(id, label)| (id.to_string(), label.clone())));
    let selected = booking.room_id.and_then(|r| rooms.iter().position(|(id, _)| *id == r)).map_or(0, |i| i + 1);
    [
        (
            FieldId::LengthMinutes,
            Field::number("Minutes").with_value(&booking.minutes.to_string()).with_hint("how long, e.g. 90"),
        ),
        (FieldId::Room, Field::choice("Room", options, selected)),
    ]
}

/// The rooms the prompts offer (none when they cannot be read: the venue
/// can still be typed).
pub(super) fn rooms(ctx: &Ctx<'_>) -> Vec<(i64, String)> {
    ctx.store.bookable_rooms().unwrap_or_default()
}

pub(super) fn outcome_prompt(row: &ArrangementRow, today: NaiveDate) -> Prompt {
    let scheduled = row.scheduled_for.map(|w| w.date());
    let default_on = scheduled.filter(|d| *d <= today).unwrap_or(today);
    let kind = row.kind.map_or_else(String::new, kind_label);
    let when = row.scheduled_for.map_or_else(|| "no date set".to_string(), when_text);
    let happened = [("held", "Held"), ("postponed", "Postponed"), ("cancelled", "Cancelled")];
    let mut fields = vec![
        (FieldId::WhatHappened, Field::choice_of("What happened", &happened, 0)),
        (FieldId::On, Field::date("On", Some(default_on)).required()),
        (FieldId::Reason, Field::text("Reason").with_hint("why, if postponed or cancelled")),
    ];
    let mut message = format!("{kind}, {when}.");
    if row.case_status == CaseStatus::Rj(RjStatus::ProcessArranged) {
        fields.push((FieldId::UpdateStatus, yes_no("Update case status", true)));
        message.push_str(" Yes moves the case to Process held (or back to Preparation).");
    }
    let title = format!("What happened — {}", inert(&row.case_ref));
    ask(title, message, Pending::ProcessOutcome(row.process_id.unwrap_or(0)), fields)
}

pub(super) fn agreement_prompt(entry: &AgreementEntry, ctx: &Ctx<'_>) -> Prompt {
    let agreed = entry.held_on.unwrap_or(ctx.today).min(ctx.today);
    ask(
        format!("Outcome agreement — {}", inert(&entry.case_ref)),
        format!(
            "{} held {}. Each item is added after (i).",
            kind_label(entry.process_kind),
            entry.held_on.map_or_else(|| "?".into(), long_date)
        ),
        Pending::RecordAgreement(entry.process_id),
        vec![
            (FieldId::AgreedOn, Field::date("Agreed on", Some(agreed)).required()),
            (FieldId::SignedByHarmed, yes_no("Signed by harmed", true)),
            (FieldId::SignedByResponsible, yes_no("Signed by responsible", true)),
            (FieldId::CopiesGiven, yes_no("Copies given", true)),
            (FieldId::ReviewOn, Field::date("Review on", None).with_hint("optional: DD/MM/YYYY, +4w, fri")),
        ],
    )
}

pub(super) fn item_prompt(agreement_id: i64, entry: &AgreementEntry) -> Prompt {
    let kinds: Vec<(String, String)> =
        AgreementItemKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
    ask(
        format!("Add an agreement item — {}", inert(&entry.case_ref)),
        "SMART: say what, who is responsible and by when.".into(),
        Pending::AddItem(agreement_id),
        vec![
            (FieldId::Description, Field::text("Description").required()),
            (FieldId::Kind, Field::choice("Kind", kinds, 0)),
            (FieldId::Owner, Field::text("Owner").required().with_hint("who is responsible")),
            (FieldId::DueOn, Field::date("Due on", None).required()),
            (FieldId::MonitoringMethod, Field::text("Monitoring method").with_hint("e.g. coordinator phone check")),
            (FieldId::Amount, Field::number("Amount £").with_hint("optional, e.g. 25.00")),
        ],
    )
}

pub(super) fn inform_prompt(agreement_id: i64, entry: &AgreementEntry, today: NaiveDate) -> Prompt {
    let total = entry.items.len();
    let done = entry.items.iter().filter(|i| i.status == AgreementItemStatus::Done).count();
    let default = if total > 0 && done == total {
        0
    } else if done > 0 {
        1
    } else {
        2
    };
    let results =
        [("completed", "Completed"), ("partially_completed", "Partly completed"), ("not_completed", "Not completed")];
    ask(
        format!("Harmed party told the result — {}", inert(&entry.case_ref)),
        format!("{done} of {total} items done, {} still open.", entry.open_items()),
        Pending::InformHarmed(agreement_id),
        vec![
            (FieldId::ToldOn, Field::date("Told on", Some(today)).required()),
            (FieldId::OverallResult, Field::choice_of("Overall result", &results, default)),
        ],
    )
}

/// Ask again with what was typed kept, saying what was wrong: nothing typed
/// is lost to a refusal.
pub(super) fn again(reply: &Reply, mut prompt: Prompt, problem: &str) -> Effect {
    for (id, field) in prompt.fields.iter_mut() {
        let value = reply.value(*id);
        match &field.kind {
            FieldKind::Choice(options) => {
                if let Some(pos) = options.iter().position(|(v, _)| v == value) {
                    field.choice = pos;
                }
            }
            _ => field.input = Input::new(value.to_string()),
        }
    }
    prompt.message = format!("Not saved: {problem}.");
    Effect::Ask(prompt)
}

pub(super) fn store_problem(e: &StoreError) -> String {
    e.to_string().trim_end_matches('.').to_string()
}

pub(super) fn wrong_view_agreements() -> Effect {
    Effect::Error("Agreements are recorded in the Agreements view: press t.".into())
}

pub(super) fn wrong_view_arrangements() -> Effect {
    Effect::Error("Processes are arranged in the Arrangements view: press t.".into())
}

// ====================================================================== parsing

/// "10:30", "9:05", "10.30" or "1030" (the diary's rule).
pub(super) fn parse_time(text: &str) -> Option<NaiveTime> {
    crate::domain::diary::time_from_text(text)
}

/// Names split on commas or semicolons, blanks dropped.
pub(super) fn facilitator_list(text: &str) -> Vec<String> {
    text.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

pub(super) fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|s| !s.is_empty())
}

/// Pounds as typed into pence (the rule is `domain::compliance`'s, shared
/// with the payments recorded on Deadlines).
pub(super) use crate::domain::compliance::pence_from_text as pounds_to_pence;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::agreements::words::pounds;

    #[test]
    fn times_are_read_as_typed() {
        assert_eq!(parse_time("10:30"), NaiveTime::from_hms_opt(10, 30, 0));
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("18.00"), NaiveTime::from_hms_opt(18, 0, 0));
        assert_eq!(parse_time("1030"), NaiveTime::from_hms_opt(10, 30, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("half ten"), None);
    }

    #[test]
    fn pounds_become_pence() {
        assert_eq!(pounds_to_pence("25"), Some(2500));
        assert_eq!(pounds_to_pence("£12.5"), Some(1250));
        assert_eq!(pounds_to_pence("0.99"), Some(99));
        assert_eq!(pounds_to_pence("-3"), None);
        assert_eq!(pounds_to_pence("1.999"), None);
        assert_eq!(pounds_to_pence("ten"), None);
        assert_eq!(pounds(1250), "£12.50");
    }

    #[test]
    fn facilitators_split_on_commas_or_semicolons() {
        assert_eq!(facilitator_list(" Ann Byrne, Ruth Acheson ;"), vec!["Ann Byrne", "Ruth Acheson"]);
        assert!(facilitator_list(" , ").is_empty());
    }
}
