//! Booking a meeting in the diary (issue 14 §5): its length and room read
//! from the arrange and edit prompts, its facilitators matched to the
//! directory, and the warnings a save is asked to confirm — a room or a
//! facilitator booked twice at overlapping times, vetting run out by the
//! day, a bank holiday or weekend. A warning is never silent and never a
//! refusal: the same answers saved again with the same warnings save.

use chrono::NaiveDateTime;

use crate::domain::diary::{minutes_from_text, Slot};
use crate::domain::workdays::WorkCalendar;
use crate::store::views::diary::Booking;
use crate::tui::screens::{Ctx, Effect, FieldId, Prompt, Reply};

use super::prompts::{again, optional, Pending};
// The week view names clashes in the same words, from the same place.
pub(super) use crate::tui::screens::diary_words::{clash_words, span_text};

/// The booking as answered: the length, the room chosen and those of the
/// facilitators named who are in the directory.
pub(super) fn read(reply: &Reply, facilitators: &[String], ctx: &Ctx<'_>) -> Result<Booking, String> {
    let minutes = minutes_from_text(reply.value(FieldId::LengthMinutes))?;
    let room_id = reply.value(FieldId::Room).parse::<i64>().ok();
    let named = ctx.store.facilitators_named(facilitators).map_err(|e| e.to_string())?;
    Ok(Booking { minutes, room_id, facilitator_ids: named.into_iter().map(|f| f.id).collect() })
}

/// Where the meeting is, as kept: the venue typed, else the room of the
/// directory picked, so that every list, Today and the letters name the
/// place (a room picked with the venue left blank read "Venue: —"). A
/// venue that only repeated the room it was booked in follows a new room.
pub(super) fn venue(reply: &Reply, booking: &Booking, was_room: Option<i64>, ctx: &Ctx<'_>) -> Option<String> {
    let rooms = ctx.store.bookable_rooms().unwrap_or_default();
    let label = |id: i64| rooms.iter().find(|(room, _)| *room == id).map(|(_, label)| label.clone());
    let typed = optional(reply.value(FieldId::Venue));
    let repeats_old_room = typed.is_some() && was_room.and_then(label) == typed;
    match typed {
        Some(typed) if !repeats_old_room => Some(typed),
        typed => booking.room_id.and_then(label).or(typed),
    }
}

/// What a save is asked to confirm, or None when there is nothing to warn of.
/// `except` is the meeting being changed; `accepted` the warnings the user
/// has already seen and confirmed for these answers.
pub(super) struct Check<'a> {
    pub slot: Slot,
    pub booking: &'a Booking,
    pub except: Option<i64>,
    pub accepted: Option<&'a str>,
}

pub(super) fn confirm_first(
    reply: &Reply,
    prompt: Prompt,
    pending: Pending,
    check: Check<'_>,
    ctx: &Ctx<'_>,
) -> Option<Effect> {
    let clashes = match ctx.store.clashes(check.slot, check.booking, check.except) {
        Ok(clashes) => clashes,
        Err(e) => return Some(again(reply, prompt, &format!("the diary could not be read ({e})"))),
    };
    let mut warnings: Vec<String> = clashes.iter().map(clash_words).collect();
    warnings.extend(day_off_words(check.slot.start, ctx.calendar));
    if warnings.is_empty() {
        return None;
    }
    let text = warnings.join("; ");
    if check.accepted == Some(text.as_str()) {
        return None;
    }
    let Effect::Ask(mut prompt) = again(reply, prompt, "") else { return None };
    prompt.message = format!("Check before saving (Enter saves anyway): {text}.");
    prompt.pending = crate::tui::screens::PendingAction::Agreements(Pending::Confirm(Box::new(pending), text));
    Some(Effect::Ask(prompt))
}

fn day_off_words(start: NaiveDateTime, calendar: &WorkCalendar) -> Option<String> {
    calendar.day_off(start.date()).map(|why| format!("{} is {why}", crate::domain::dates::day_short(start.date())))
}
