//! Prompts and actions shared by several screens: completing a deadline,
//! recording a breach, logging a contact, exporting the summary. Each asks
//! with one prompt and writes with one transaction.

use chrono::NaiveDate;

use super::{contact_who, Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::domain::closure::WorkEnd;
use crate::domain::dates::is_future;
use crate::domain::types::ContactChannel;
use crate::export::safe::inert;
use crate::store::model::{NewBreach, NewContact};
use crate::store::{StoreError, StoreResult, Tx};
use crate::tui::form::Field;

/// One open deadline: a condition or an agreement item. They live in
/// different tables, so their ids are never mixed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineKey {
    Condition(i64),
    Item(i64),
}

impl DeadlineKey {
    pub fn id(self) -> i64 {
        match self {
            DeadlineKey::Condition(id) | DeadlineKey::Item(id) => id,
        }
    }
}

/// What a prompt shared by several screens does once answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Complete these deadlines, all of one kind, with one evidence and date.
    Complete(Vec<DeadlineKey>),
    FollowUpDone(i64),
    Breach {
        case_id: i64,
        condition_id: Option<i64>,
    },
    Contact(i64),
}

/// Ask for the evidence and date of completion, for one or many items.
pub fn complete_prompt(targets: Vec<DeadlineKey>, today: NaiveDate, what: &str) -> Prompt {
    let count = targets.len();
    // An agreement item can also end not done or waived (§9.9), the
    // evidence then saying why; a condition not done is a breach instead.
    let items_only = targets.iter().all(|t| matches!(t, DeadlineKey::Item(_)));
    let message = if count == 1 {
        format!("Mark complete: {what}")
    } else {
        format!("Mark {count} items complete with the same evidence and date.")
    };
    // The example fits what is being completed: a provider's report is
    // evidence of a course, not of an apology agreed at a conference.
    let example = if items_only {
        "e.g. apology letter seen by the coordinator"
    } else {
        "e.g. provider attendance report received"
    };
    Prompt::new("Mark complete", message, PendingAction::Shared(Pending::Complete(targets)))
        .field(FieldId::Evidence, Field::text("Evidence").required().with_hint(example))
        .field(FieldId::CompletedOn, Field::date("Completed on", Some(today)).required())
        .field_if(items_only, FieldId::MarkedAs, || {
            let ends: Vec<(String, String)> =
                WorkEnd::ALL.iter().map(|e| (e.as_str().to_string(), e.label().to_string())).collect();
            Field::choice("Marked as", ends, 0)
        })
}

/// Ask what came of a follow-up before marking it done.
pub fn follow_up_prompt(follow_up_id: i64, case_ref: &str) -> Prompt {
    Prompt::new(
        "Follow-up done",
        format!("Mark the follow-up on {case_ref} as done: what came of it?"),
        PendingAction::Shared(Pending::FollowUpDone(follow_up_id)),
    )
    .field(
        FieldId::Outcome,
        Field::text("Outcome").required().with_hint("e.g. left a message; no breach: ill that day"),
    )
}

/// Ask what was not complied with, for a breach on a condition.
pub fn breach_prompt(case_id: i64, condition_id: Option<i64>, today: NaiveDate, what: &str) -> Prompt {
    let pending = PendingAction::Shared(Pending::Breach { case_id, condition_id });
    Prompt::new("Record a breach", format!("Suspected non-compliance: {what}"), pending)
        .field(FieldId::WhatNotDone, Field::text("What was not done").required())
        .field(FieldId::IdentifiedOn, Field::date("Identified on", Some(today)).required())
        .field(
            FieldId::ReferredTo,
            Field::text("Referred to").with_hint("OIC / custody sergeant / CPS (blank: not yet)"),
        )
        .field(FieldId::ExcuseClaimed, Field::choice_of("Excuse claimed", &[("no", "No"), ("yes", "Yes")], 0))
}

/// Ask for the details of a contact, and who it was with (`who`: the
/// options of `contact_who::spoke_with_options`).
pub fn contact_prompt(case_id: i64, reference: &str, today: NaiveDate, who: Vec<(String, String)>) -> Prompt {
    let channels: Vec<(String, String)> =
        ContactChannel::ALL.iter().map(|c| (c.as_str().to_string(), c.label().to_string())).collect();
    let [(pick_id, pick), (name_id, name)] = contact_who::spoke_with_fields(who);
    Prompt::new(format!("Log a contact on {reference}"), "", PendingAction::Shared(Pending::Contact(case_id)))
        .field(FieldId::Channel, Field::choice("Channel", channels, 0))
        .field(FieldId::Direction, Field::choice_of("Direction", &[("out", "Outgoing"), ("in", "Incoming")], 0))
        .field(FieldId::Summary, Field::text("Summary").required())
        // After the summary, so Tab Tab still reaches it from the channel.
        .field(pick_id, pick)
        .field(name_id, name)
        .field(FieldId::Outcome, Field::text("Outcome"))
        .field(FieldId::OccurredOn, Field::date("Occurred on", Some(today)).required())
        .field(FieldId::FollowUpOn, Field::date("Follow up on", None))
}

/// Ask for a contact on a case, offering its people and the directory.
pub fn ask_contact(ctx: &Ctx<'_>, case_id: i64, reference: &str) -> Effect {
    Effect::Ask(contact_prompt(case_id, reference, ctx.today, contact_who::spoke_with_options(ctx, case_id)))
}

/// Carry out a shared prompt's reply.
pub fn apply_shared_reply(pending: &Pending, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    match pending {
        Pending::Complete(targets) => complete(targets, reply, ctx),
        Pending::FollowUpDone(id) => {
            let outcome = reply.value(FieldId::Outcome).to_string();
            result_effect(
                ctx.store.write(|tx| tx.complete_follow_up_with(*id, &outcome)),
                "Follow-up marked done.".into(),
            )
        }
        Pending::Breach { case_id, condition_id } => record_breach(*case_id, *condition_id, reply, ctx),
        Pending::Contact(case_id) => log_contact(*case_id, reply, ctx),
    }
}

fn complete(targets: &[DeadlineKey], reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let (evidence, on) =
        (reply.value(FieldId::Evidence).to_string(), reply.date(FieldId::CompletedOn).unwrap_or(ctx.today));
    if is_future(on, ctx.today) {
        return Effect::Error("the completion date cannot be in the future".into());
    }
    let end = marked_as(reply);
    let result =
        ctx.store.write(|tx| targets.iter().try_for_each(|target| end_deadline(tx, *target, end, on, &evidence)));
    let noun = if targets.len() == 1 { "1 item".to_string() } else { format!("{} items", targets.len()) };
    result_effect(
        result,
        format!("Saved: {noun} marked {} on {on}.", marked_words(end), on = crate::domain::dates::day(on)),
    )
}

/// How the prompt says the deadlines ended: completed unless it asked.
pub fn marked_as(reply: &Reply) -> WorkEnd {
    WorkEnd::parse(reply.value(FieldId::MarkedAs)).unwrap_or(WorkEnd::Completed)
}

/// The status line's words: "complete" as it always said, else the label.
pub fn marked_words(end: WorkEnd) -> String {
    match end {
        WorkEnd::Completed => "complete".into(),
        other => other.label().to_lowercase(),
    }
}

/// End one deadline as the prompt chose, with its date and evidence or reason.
pub fn end_deadline(tx: &mut Tx<'_>, target: DeadlineKey, end: WorkEnd, on: NaiveDate, why: &str) -> StoreResult<()> {
    match target {
        DeadlineKey::Condition(id) => tx.complete_condition(id, on, why),
        DeadlineKey::Item(id) => tx.end_agreement_item(id, end, on, why),
    }
}

fn record_breach(case_id: i64, condition_id: Option<i64>, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let referred_to = reply.optional(FieldId::ReferredTo);
    let identified_on = reply.date(FieldId::IdentifiedOn).unwrap_or(ctx.today);
    let breach = NewBreach {
        case_id,
        condition_id,
        identified_on,
        description: reply.value(FieldId::WhatNotDone).to_string(),
        reasonable_excuse_claimed: reply.yes(FieldId::ExcuseClaimed),
        referred_on: referred_to.as_ref().map(|_| identified_on),
        referred_to,
    };
    let today = ctx.today;
    result_effect(ctx.store.write(|tx| tx.record_breach(&breach, today)), "Saved: breach recorded.".into())
}

fn log_contact(case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let contact = NewContact {
        case_id,
        person_id: None,
        occurred_on: reply.date(FieldId::OccurredOn).unwrap_or(ctx.today),
        channel: ContactChannel::parse(reply.value(FieldId::Channel)).unwrap_or(ContactChannel::Other),
        outgoing: reply.value(FieldId::Direction) == "out",
        summary: reply.value(FieldId::Summary).to_string(),
        outcome: reply.optional(FieldId::Outcome),
        follow_up_on: reply.date(FieldId::FollowUpOn),
    };
    let note =
        contact.follow_up_on.map_or(String::new(), |d| format!("; follow-up due {}", crate::domain::dates::day(d)));
    let who = contact_who::spoke_with(reply);
    let with = who.as_ref().map_or(String::new(), |w| format!(" with {}", inert(&w.name)));
    let result = ctx.store.write(|tx| tx.log_contact_with(&contact, who.as_ref()));
    result_effect(result, format!("Saved: contact{with} logged{note}."))
}

/// A store result as what the user sees: the saved message, or the refusal.
pub fn result_effect<T>(result: Result<T, StoreError>, saved: String) -> Effect {
    match result {
        Ok(_) => Effect::Status(saved),
        Err(e) => Effect::Error(format!("Not saved: {e}")),
    }
}

pub use crate::paths::export_dir;

/// Write today's end-of-day summary (Markdown, references only); the file
/// and its audit row are written together by `export::summary`.
pub fn export_summary(ctx: &mut Ctx<'_>) -> Effect {
    use crate::export::summary::{write_summary, SummaryFormat};
    let dir = export_dir();
    let path = dir.join(format!("casedesk-summary-{}.md", crate::domain::dates::iso(ctx.today)));
    let result = std::fs::create_dir_all(&dir)
        .map_err(anyhow::Error::from)
        .and_then(|_| write_summary(ctx.store, ctx.today, SummaryFormat::Md, Some(&path), None));
    match result {
        Ok(_) => Effect::Status(format!("Summary written to {}", path.display())),
        Err(e) => Effect::Error(format!("Summary not written: {e:#}")),
    }
}

/// The reason for a due date beyond the time limit: optional, since most
/// dates are within it; the store refuses one beyond it without a reason.
pub(crate) fn beyond_limit_field() -> Field {
    Field::text("Why past the limit").with_hint("only for a date past the time limit")
}
