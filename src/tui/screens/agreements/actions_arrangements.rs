//! What the keys and replies do in the Arrangements view: arranging a
//! process, editing it, recording what happened, and its calendar file.

use crate::domain::dates::is_future;
use crate::domain::status::RjStatus;
use crate::domain::types::{ProcessKind, ProcessStatus};
use crate::store::model::NewProcess;
use crate::store::views::agreements::ProcessArrangements;
use crate::tui::action::Action;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, Reply, ScreenId};

use super::booking::{self, Check};
use super::paging::case_ref;
use super::prompts::Pending;
use super::prompts::{
    again, arrange_prompt, arrange_prompt_for, edit_prompt_for, facilitator_list, optional, outcome_prompt, parse_time,
    rooms, store_problem, wrong_view_agreements,
};
use super::words::{short_kind, when_text};
use super::{AgreementsScreen, Want};
use crate::domain::diary::Slot;

impl AgreementsScreen {
    pub(super) fn arrangements_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(row) = self.selected_arrangement().cloned() else {
            return match action {
                Action::NewProcess | Action::Open | Action::Complete | Action::OpenCase => Effect::Error(
                    "Nothing to arrange: RJ and mediation cases appear here once they reach preparation.".into(),
                ),
                Action::NewAgreement | Action::NewItem | Action::InformHarmed => wrong_view_agreements(),
                _ => Effect::None,
            };
        };
        match (action, row.process_id) {
            (Action::NewProcess, _) | (Action::Open, None) => {
                Effect::Ask(arrange_prompt(row.case_id, &row.case_ref, Some(row.service), &rooms(ctx)))
            }
            (Action::Open, Some(id)) => Effect::Ask(edit_prompt_for(id, &row, ctx)),
            (Action::Complete, Some(_)) => Effect::Ask(outcome_prompt(&row, ctx.today)),
            (Action::Complete, None) => {
                Effect::Error(format!("Nothing is arranged for {} yet: press n to arrange a process.", row.case_ref))
            }
            (Action::OpenCase, _) => Effect::Focus { screen: ScreenId::Case, case_id: row.case_id, entity_id: None },
            (Action::CalendarFile, Some(id)) => calendar_file(id, &row.case_ref, row.case_id, ctx),
            (Action::CalendarFile, None) => {
                Effect::Error(format!("Nothing is arranged for {} yet: press n to arrange a process.", row.case_ref))
            }
            (Action::NewAgreement | Action::NewItem | Action::InformHarmed, _) => wrong_view_agreements(),
            _ => Effect::None,
        }
    }

    pub(super) fn arrange(&mut self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>, accepted: Option<&str>) -> Effect {
        let kind = ProcessKind::parse(reply.value(FieldId::Kind)).unwrap_or(ProcessKind::FaceToFaceConference);
        let Some(date) = reply.date(FieldId::Date) else {
            return again(reply, arrange_prompt_for(case_id, ctx), "give the date");
        };
        let Some(time) = parse_time(reply.value(FieldId::Time)) else {
            return again(reply, arrange_prompt_for(case_id, ctx), "the time is HH:MM, e.g. 10:30");
        };
        if date < ctx.today {
            return again(
                reply,
                arrange_prompt_for(case_id, ctx),
                &format!("{} is in the past", crate::domain::dates::day(date)),
            );
        }
        let facilitators = facilitator_list(reply.value(FieldId::Facilitators));
        if facilitators.is_empty() {
            return again(reply, arrange_prompt_for(case_id, ctx), "name the facilitators");
        }
        let booked = match booking::read(reply, &facilitators, ctx) {
            Ok(booked) => booked,
            Err(problem) => return again(reply, arrange_prompt_for(case_id, ctx), &problem),
        };
        let slot = Slot { start: date.and_time(time), minutes: booked.minutes };
        let check = Check { slot, booking: &booked, except: None, accepted };
        let prompt = arrange_prompt_for(case_id, ctx);
        if let Some(ask) = booking::confirm_first(reply, prompt, Pending::Arrange(case_id), check, ctx) {
            return ask;
        }
        let process = NewProcess {
            kind,
            scheduled_for: Some(date.and_time(time)),
            venue: booking::venue(reply, &booked, None, ctx),
            room_booked: reply.value(FieldId::RoomBooked) == "yes",
            refreshments: optional(reply.value(FieldId::Refreshments)),
            facilitators: facilitators.join("; "),
            participants: reply.value(FieldId::Participants).to_string(),
            status: ProcessStatus::Planned,
        };
        let today = ctx.today;
        let result = ctx.store.write(|tx| {
            let id = tx.add_process(case_id, &process)?;
            tx.book_process(id, &booked)?;
            let (_, status, _) = tx.case_status(case_id)?;
            let moved = status == RjStatus::Preparation.as_str();
            if moved {
                tx.change_status(case_id, RjStatus::ProcessArranged.as_str(), today)?;
            }
            Ok((id, moved))
        });
        match result {
            Ok((id, moved)) => {
                self.want = Some(Want::Process(id));
                let reference = case_ref(ctx, case_id);
                let what = short_kind(kind).to_lowercase();
                let mut text = format!("Saved: {reference} {what} on {}", when_text(date.and_time(time)));
                if moved {
                    text.push_str("; case now Process arranged");
                }
                if facilitators.len() == 1 {
                    text.push_str(" (one facilitator: two are usual)");
                }
                text.push('.');
                Effect::Status(text)
            }
            Err(e) => again(reply, arrange_prompt_for(case_id, ctx), &store_problem(&e)),
        }
    }

    pub(super) fn edit(&mut self, process_id: i64, reply: &Reply, ctx: &mut Ctx<'_>, accepted: Option<&str>) -> Effect {
        let Ok(Some(row)) = ctx.store.process_row(process_id) else {
            return Effect::Error("That process is no longer there.".into());
        };
        let base = edit_prompt_for(process_id, &row, ctx);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(date) = reply.date(FieldId::Date) else { return reprompt("give the date") };
        let Some(time) = parse_time(reply.value(FieldId::Time)) else {
            return reprompt("the time is HH:MM, e.g. 10:30");
        };
        let when = date.and_time(time);
        if row.scheduled_for != Some(when) && date < ctx.today {
            return reprompt(&format!("{} is in the past", crate::domain::dates::day(date)));
        }
        let facilitators = facilitator_list(reply.value(FieldId::Facilitators));
        if facilitators.is_empty() {
            return reprompt("name the facilitators");
        }
        let booked = match booking::read(reply, &facilitators, ctx) {
            Ok(booked) => booked,
            Err(problem) => return reprompt(&problem),
        };
        let was = ctx.store.booking_of(process_id).unwrap_or_default();
        let check = Check {
            slot: Slot { start: when, minutes: booked.minutes },
            booking: &booked,
            except: Some(process_id),
            accepted,
        };
        if let Some(ask) = booking::confirm_first(reply, base.clone(), Pending::EditProcess(process_id), check, ctx) {
            return ask;
        }
        let edit = ProcessArrangements {
            scheduled_for: Some(when),
            venue: booking::venue(reply, &booked, was.room_id, ctx),
            room_booked: reply.value(FieldId::RoomBooked) == "yes",
            refreshments: optional(reply.value(FieldId::Refreshments)),
            facilitators: facilitators.join("; "),
            participants: reply.value(FieldId::Participants).to_string(),
        };
        let new_status = ProcessStatus::parse(reply.value(FieldId::Status));
        let old_status = row.status;
        let today = ctx.today;
        let case_id = row.case_id;
        let result = ctx.store.write(|tx| {
            let mut changed = tx.update_process_arrangements(process_id, &edit)?;
            if booked != was {
                tx.book_process(process_id, &booked)?;
                changed.push("length, room and facilitators");
            }
            let mut moved = false;
            if let Some(status) = new_status.filter(|s| Some(*s) != old_status) {
                tx.set_process_status(process_id, status, today, None)?;
                changed.push(match status {
                    ProcessStatus::Confirmed => "confirmed",
                    ProcessStatus::Planned => "re-planned",
                    _ => "postponed",
                });
                let (_, case_status, _) = tx.case_status(case_id)?;
                if case_status == RjStatus::Preparation.as_str() {
                    tx.change_status(case_id, RjStatus::ProcessArranged.as_str(), today)?;
                    moved = true;
                }
            }
            Ok((changed, moved))
        });
        match result {
            Ok((changed, _)) if changed.is_empty() => Effect::Status(format!("Nothing changed for {}.", row.case_ref)),
            Ok((changed, moved)) => {
                self.want = Some(Want::Process(process_id));
                let said: Vec<String> = changed
                    .iter()
                    .map(|c| match *c {
                        "date and time" => format!("moved to {}", when_text(when)),
                        other => other.to_string(),
                    })
                    .collect();
                let mut text = format!("Saved: {} {}", row.case_ref, said.join(", "));
                if moved {
                    text.push_str("; case now Process arranged");
                }
                text.push('.');
                Effect::Status(text)
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    pub(super) fn record_outcome(&mut self, process_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Ok(Some(row)) = ctx.store.process_row(process_id) else {
            return Effect::Error("That process is no longer there.".into());
        };
        let base = outcome_prompt(&row, ctx.today);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(status) = ProcessStatus::parse(reply.value(FieldId::WhatHappened)) else {
            return reprompt("choose what happened");
        };
        let Some(on) = reply.date(FieldId::On) else { return reprompt("give the date") };
        if status == ProcessStatus::Held && is_future(on, ctx.today) {
            return reprompt("a process cannot be held in the future");
        }
        let reason = reply.value(FieldId::Reason).to_string();
        if status != ProcessStatus::Held && reason.is_empty() {
            return reprompt(&format!("say why it was {}", status.label().to_lowercase()));
        }
        let move_case = reply.value(FieldId::UpdateStatus) == "yes";
        let case_id = row.case_id;
        let result = ctx.store.write(|tx| {
            let why = (!reason.is_empty()).then(|| reason.clone());
            tx.set_process_status(process_id, status, on, why)?;
            if status == ProcessStatus::Postponed {
                tx.note_process_reason(process_id, &reason)?;
            }
            let (_, case_status, _) = tx.case_status(case_id)?;
            let mut moved_to = None;
            if move_case && case_status == RjStatus::ProcessArranged.as_str() {
                let to = if status == ProcessStatus::Held { RjStatus::ProcessHeld } else { RjStatus::Preparation };
                tx.change_status(case_id, to.as_str(), on)?;
                moved_to = Some(to);
            }
            Ok(moved_to)
        });
        match result {
            Ok(moved_to) => {
                let mut text = format!(
                    "Saved: {} {} on {on}",
                    row.case_ref,
                    status.label().to_lowercase(),
                    on = crate::domain::dates::day(on)
                );
                if let Some(to) = moved_to {
                    text.push_str(&format!("; case now {}", to.label()));
                }
                text.push('.');
                if status == ProcessStatus::Held {
                    text.push_str(" Agreement: t, then a.");
                    self.want = Some(Want::Held(process_id));
                } else {
                    self.want = Some(Want::Case(case_id));
                }
                Effect::Status(text)
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }
}

/// Write the meeting as an .ics file for the desk's own mail client, and
/// log the export (the file names no one: reference, kind, venue, time).
pub(super) fn calendar_file(process_id: i64, case_ref: &str, case_id: i64, ctx: &mut Ctx<'_>) -> Effect {
    let path = common::export_dir().join(format!("{case_ref}-meeting-{process_id}.ics"));
    written(&path, |path| crate::export::ics::write_process(ctx.store, process_id, case_id, path))
}

/// Write a meeting of no case as an .ics file inviting its attendees with
/// an email in the directory, and log the export (it concerns no case).
pub(super) fn meeting_calendar_file(meeting_id: i64, ctx: &mut Ctx<'_>) -> Effect {
    let path = common::export_dir().join(format!("meeting-{meeting_id}.ics"));
    written(&path, |path| crate::export::ics::write_meeting(ctx.store, meeting_id, path))
}

/// Write a calendar file into the export folder, and say where it went.
fn written(path: &std::path::Path, write: impl FnOnce(&std::path::Path) -> anyhow::Result<()>) -> Effect {
    let result = (|| -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write(path)
    })();
    match result {
        Ok(()) => Effect::Status(format!("Calendar file written to {}", path.display())),
        Err(e) => Effect::Error(format!("Calendar file not written: {e:#}")),
    }
}
