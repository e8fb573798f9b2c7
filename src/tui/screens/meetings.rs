//! Meetings and minutes (issue 14 §6): the prompts that record a meeting
//! (when, title, where, who came, agenda), write its minutes, add an
//! attendee or an action, and mark an action done, with what each answer
//! writes. The Agreements screen's Meetings view asks them (m), and Today
//! marks an action done (c) with the same prompt.

use chrono::NaiveDate;

use super::common::result_effect;
use super::diary_words::clash_note;
use super::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::domain::diary::time_from_text;
use crate::domain::directory::DirectoryKind;
use crate::domain::meetings::{PersonKind, Who};
use crate::export::safe::inert;
use crate::store::views::meetings::Meeting;
use crate::store::{NewMeeting, NewMeetingAction};
use crate::tui::form::Field;

/// What a meeting prompt does once answered, and on what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Record a new meeting.
    Record,
    /// Write the minutes of this meeting.
    Minutes(i64),
    /// Add an attendee to this meeting.
    AddAttendee(i64),
    /// Add an action to this meeting.
    AddAction(i64),
    /// Mark this action done.
    ActionDone(i64),
}

/// The answer to a meeting prompt: what it saved, or why not.
pub fn apply_reply(pending: &Pending, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    match pending {
        Pending::Record => record(reply, ctx),
        Pending::Minutes(id) => {
            let minutes = reply.value(FieldId::Minutes).to_string();
            result_effect(ctx.store.write(|tx| tx.write_minutes(*id, &minutes)), "Minutes saved.".into())
        }
        Pending::AddAttendee(id) => {
            let people = attendees(reply);
            if people.is_empty() {
                return Effect::Error("Pick someone from the directory or type a name.".into());
            }
            let saved = ctx.store.write(|tx| people.iter().try_for_each(|who| tx.add_attendee(*id, who).map(|_| ())));
            result_effect(saved, format!("Attendee added.{}", clashes_note(*id, ctx)))
        }
        Pending::AddAction(id) => add_action(*id, reply, ctx),
        Pending::ActionDone(id) => {
            let Some(on) = reply.date(FieldId::On) else { return Effect::Error("Give the day it was done.".into()) };
            result_effect(ctx.store.write(|tx| tx.mark_action_done(*id, on)), "Action marked done.".into())
        }
    }
}

fn ask(title: &str, message: String, pending: Pending) -> Prompt {
    Prompt::new(title, message, PendingAction::Meetings(pending))
}

/// Ask for a new meeting: when, title, where (typed, or a room of the
/// directory), one attendee picked from the directory and others typed,
/// and the agenda.
pub fn record_prompt(ctx: &Ctx<'_>) -> Prompt {
    let message = "A partnership meeting, case panel or team meeting. More attendees can be added once it is \
                   recorded (n); the minutes and actions follow (Enter on it).";
    ask("Record a meeting", message.into(), Pending::Record)
        .field(FieldId::Date, Field::date("Held on", Some(ctx.today)).required())
        .field(FieldId::Time, Field::text("Time").required().with_suggestion("10:00").with_hint("e.g. 14:30"))
        .field(FieldId::Subject, Field::text("Title").required().with_hint("e.g. Youth panel"))
        .field(FieldId::Room, Field::pick("Room", room_choices(ctx), 0))
        .field(FieldId::Venue, Field::text("Or where").with_hint("if not a room of the directory"))
        .field(FieldId::Attendee, Field::pick("Attendee", people_choices(ctx), 0))
        .field(FieldId::Participants, Field::text("Others").with_hint("typed: Name (role); Name"))
        .field(FieldId::Agenda, Field::text("Agenda").multi_line())
}

/// Ask for the minutes, the ones written so far to edit.
pub fn minutes_prompt(meeting: &Meeting) -> Prompt {
    let message = format!(
        "The minutes of {}: Enter starts a new line, a paste keeps its lines, Ctrl-S saves.",
        inert(&meeting.title)
    );
    ask("Minutes", message, Pending::Minutes(meeting.id)).field(
        FieldId::Minutes,
        Field::text("Minutes").multi_line().with_value(meeting.minutes.as_deref().unwrap_or_default()),
    )
}

/// Ask for another attendee: picked, or typed with their role.
pub fn attendee_prompt(ctx: &Ctx<'_>, meeting: &Meeting) -> Prompt {
    ask("Add an attendee", format!("Who attended {}?", inert(&meeting.title)), Pending::AddAttendee(meeting.id))
        .field(FieldId::Attendee, Field::pick("Attendee", people_choices(ctx), 0))
        .field(FieldId::Participants, Field::text("Or typed").with_hint("Name (role); Name"))
}

/// Ask for an action: what, whose (picked or typed), due when, and the
/// case it concerns if any.
pub fn action_prompt(ctx: &Ctx<'_>, meeting: &Meeting) -> Prompt {
    let message = format!("An action agreed at {}: it shows on Today and Deadlines until done.", inert(&meeting.title));
    ask("Add an action", message, Pending::AddAction(meeting.id))
        .field(FieldId::Description, Field::text("Action").required().with_hint("e.g. send the dates to schools"))
        .field(FieldId::Owner, Field::pick("Owner", people_choices(ctx), 0))
        .field(FieldId::OrName, Field::text("Or typed owner"))
        .field(FieldId::DueOn, Field::date("Due on", None).required())
        .field(FieldId::CaseRef, Field::text("Case").with_hint("its reference, if it concerns one"))
}

/// Ask the day an action was done.
pub fn done_prompt(action_id: i64, what: &str, today: NaiveDate) -> Prompt {
    ask("Action done", format!("Mark done: {}", inert(what)), Pending::ActionDone(action_id))
        .field(FieldId::On, Field::date("Done on", Some(today)).required())
}

fn record(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let Some(day) = reply.date(FieldId::Date) else { return Effect::Error("Give the day it was held.".into()) };
    let Some(time) = time_from_text(reply.value(FieldId::Time)) else {
        return Effect::Error("Give the time as hours and minutes, e.g. 14:30.".into());
    };
    let meeting = NewMeeting {
        held_at: day.and_time(time),
        title: reply.value(FieldId::Subject).to_string(),
        place: reply.optional(FieldId::Venue),
        room_id: reply.value(FieldId::Room).parse().ok(),
        agenda: reply.optional(FieldId::Agenda),
        attendees: attendees(reply),
    };
    match ctx.store.write(|tx| tx.record_meeting(&meeting)) {
        Ok(id) => Effect::Status(format!("Meeting recorded.{}", clashes_note(id, ctx))),
        Err(e) => Effect::Error(format!("Not saved: {e}")),
    }
}

/// " Note: …" naming what else books the meeting's room then, what its
/// facilitators of the directory run or attend then, and whose vetting has
/// run out by its day, in the diary's words; empty when nothing clashes.
fn clashes_note(id: i64, ctx: &Ctx<'_>) -> String {
    clash_note(&ctx.store.meeting_clashes(id).unwrap_or_default())
}

fn add_action(meeting_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let Some(due_on) = reply.date(FieldId::DueOn) else { return Effect::Error("Give the day it is due.".into()) };
    let owner = match (reply.optional(FieldId::OrName), picked(reply.value(FieldId::Owner))) {
        (Some(name), _) => Who::typed(&name, None),
        (None, Some(who)) => who,
        (None, None) => return Effect::Error("Pick the owner from the directory or type their name.".into()),
    };
    let case_id = match reply.optional(FieldId::CaseRef) {
        None => None,
        Some(reference) => match ctx.store.case_by_ref(&reference) {
            Ok(Some((id, _))) => Some(id),
            Ok(None) => return Effect::Error(format!("No case has the reference {}.", inert(&reference))),
            Err(e) => return Effect::Error(format!("Could not find the case: {e}")),
        },
    };
    let action =
        NewMeetingAction { meeting_id, what: reply.value(FieldId::Description).to_string(), owner, due_on, case_id };
    result_effect(ctx.store.write(|tx| tx.add_meeting_action(&action)), "Action added.".into())
}

/// The attendee picked and the others typed ("Name (role); Name").
fn attendees(reply: &Reply) -> Vec<Who> {
    let typed = reply.value(FieldId::Participants).split(';').filter_map(|part| {
        let part = part.trim();
        let (name, role) = match part.split_once('(') {
            Some((name, role)) => (name, Some(role.trim_end_matches(')'))),
            None => (part, None),
        };
        (!name.trim().is_empty()).then(|| Who::typed(name, role))
    });
    picked(reply.value(FieldId::Attendee)).into_iter().chain(typed).collect()
}

/// A person picked from the directory: its option key "kind:id".
fn picked(key: &str) -> Option<Who> {
    let (kind, id) = key.split_once(':')?;
    let kind = PersonKind::parse(kind).filter(|k| *k != PersonKind::Typed)?;
    Some(Who { kind, directory_id: id.parse().ok(), name: String::new(), role: None })
}

/// The directory's active people, each "Name — Kind", keyed "kind:id",
/// after a first option of nobody.
fn people_choices(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "Nobody from the directory".to_string())];
    let kinds = [
        (DirectoryKind::Coordinator, PersonKind::Coordinator),
        (DirectoryKind::Facilitator, PersonKind::Facilitator),
        (DirectoryKind::Provider, PersonKind::Provider),
        (DirectoryKind::Agency, PersonKind::Agency),
    ];
    for (kind, person) in kinds {
        let entries = ctx.store.directory(Some(kind)).unwrap_or_default();
        options.extend(
            entries
                .into_iter()
                .filter(|e| e.active)
                .map(|e| (format!("{}:{}", person.as_str(), e.id), format!("{} — {}", inert(&e.name), person.label()))),
        );
    }
    options
}

/// The rooms a meeting can be booked in, "Venue — Room" as the diary and
/// a conference's arrangements name them (a retired room or venue is not
/// offered), keyed by the room's id, after a first option of none.
fn room_choices(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "No room of the directory".to_string())];
    let rooms = ctx.store.bookable_rooms().unwrap_or_default();
    options.extend(rooms.into_iter().map(|(id, label)| (id.to_string(), inert(&label))));
    options
}
