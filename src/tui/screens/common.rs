//! Prompts and actions shared by several screens: completing a deadline,
//! recording a breach, logging a contact, exporting the summary. Each asks
//! with one prompt and writes with one transaction.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Ctx, Effect, Prompt, Reply};
use crate::domain::types::ContactChannel;
use crate::store::model::{NewBreach, NewContact};
use crate::store::StoreError;
use crate::tui::form::Field;

pub const COMPLETE_CONDITION: &str = "complete_condition";
pub const COMPLETE_ITEM: &str = "complete_agreement_item";
pub const COMPLETE_FOLLOW_UP: &str = "complete_follow_up";
pub const BREACH: &str = "record_breach";
pub const LOG_CONTACT: &str = "log_contact";

/// What kind of deadline is being completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    Condition,
    AgreementItem,
}

/// Ask for the evidence and date of completion, for one or many items.
pub fn complete_prompt(kind: DeadlineKind, ids: Vec<i64>, today: NaiveDate, what: &str) -> Prompt {
    let purpose = match kind {
        DeadlineKind::Condition => COMPLETE_CONDITION,
        DeadlineKind::AgreementItem => COMPLETE_ITEM,
    };
    let count = ids.len();
    let message = if count == 1 {
        format!("Mark complete: {what}")
    } else {
        format!("Mark {count} items complete with the same evidence and date.")
    };
    Prompt {
        title: "Mark complete".into(),
        message,
        fields: vec![
            Field::text("Evidence").required().with_hint("e.g. provider attendance report received"),
            Field::date("Completed on", Some(today)).required(),
        ],
        purpose,
        ids,
    }
}

/// Ask what was not complied with, for a breach on a condition.
pub fn breach_prompt(case_id: i64, condition_id: Option<i64>, today: NaiveDate, what: &str) -> Prompt {
    Prompt {
        title: "Record a breach".into(),
        message: format!("Suspected non-compliance: {what}"),
        fields: vec![
            Field::text("What was not done").required(),
            Field::date("Identified on", Some(today)).required(),
            Field::text("Referred to").with_hint("OIC / custody sergeant / CPS (blank: not yet)"),
            Field::choice_of("Excuse claimed", &[("no", "No"), ("yes", "Yes")], 0),
        ],
        purpose: BREACH,
        ids: vec![case_id, condition_id.unwrap_or(0)],
    }
}

/// Ask for the details of a contact with a party.
pub fn contact_prompt(case_id: i64, reference: &str, today: NaiveDate) -> Prompt {
    let channels: Vec<(String, String)> =
        ContactChannel::ALL.iter().map(|c| (c.as_str().to_string(), c.label().to_string())).collect();
    Prompt {
        title: format!("Log a contact on {reference}"),
        message: String::new(),
        fields: vec![
            Field::choice("Channel", channels, 0),
            Field::choice_of("Direction", &[("out", "Outgoing"), ("in", "Incoming")], 0),
            Field::text("Summary").required(),
            Field::text("Outcome"),
            Field::date("Occurred on", Some(today)).required(),
            Field::date("Follow up on", None),
        ],
        purpose: LOG_CONTACT,
        ids: vec![case_id],
    }
}

/// Carry out a shared prompt's reply; `None` when the purpose is not shared.
pub fn apply_shared_reply(reply: &Reply, ctx: &mut Ctx<'_>) -> Option<Effect> {
    let effect = match reply.purpose {
        COMPLETE_CONDITION | COMPLETE_ITEM => complete(reply, ctx),
        COMPLETE_FOLLOW_UP => result_effect(
            ctx.store.write(|tx| reply.ids.iter().try_for_each(|id| tx.complete_follow_up(*id))),
            "Follow-up marked done.".into(),
        ),
        BREACH => record_breach(reply, ctx),
        LOG_CONTACT => log_contact(reply, ctx),
        _ => return None,
    };
    Some(effect)
}

fn complete(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let (evidence, on) = (reply.value(0).to_string(), reply.date(1).unwrap_or(ctx.today));
    if on > ctx.today {
        return Effect::Error("the completion date cannot be in the future".into());
    }
    let condition = reply.purpose == COMPLETE_CONDITION;
    let result = ctx.store.write(|tx| {
        reply.ids.iter().try_for_each(|id| {
            if condition {
                tx.complete_condition(*id, on, &evidence)
            } else {
                tx.complete_agreement_item(*id, on, &evidence)
            }
        })
    });
    let noun = if reply.ids.len() == 1 { "1 item".to_string() } else { format!("{} items", reply.ids.len()) };
    result_effect(result, format!("Saved: {noun} marked complete on {on}."))
}

fn record_breach(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let case_id = reply.ids.first().copied().unwrap_or(0);
    let condition_id = reply.ids.get(1).copied().filter(|id| *id != 0);
    let referred_to = Some(reply.value(2).to_string()).filter(|s| !s.is_empty());
    let identified_on = reply.date(1).unwrap_or(ctx.today);
    let breach = NewBreach {
        case_id,
        condition_id,
        identified_on,
        description: reply.value(0).to_string(),
        reasonable_excuse_claimed: reply.value(3) == "yes",
        referred_on: referred_to.as_ref().map(|_| identified_on),
        referred_to,
    };
    let today = ctx.today;
    result_effect(ctx.store.write(|tx| tx.record_breach(&breach, today)), "Saved: breach recorded.".into())
}

fn log_contact(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let contact = NewContact {
        case_id: reply.ids.first().copied().unwrap_or(0),
        person_id: None,
        occurred_on: reply.date(4).unwrap_or(ctx.today),
        channel: ContactChannel::parse(reply.value(0)).unwrap_or(ContactChannel::Other),
        outgoing: reply.value(1) == "out",
        summary: reply.value(2).to_string(),
        outcome: Some(reply.value(3).to_string()).filter(|s| !s.is_empty()),
        follow_up_on: reply.date(5),
    };
    let note = contact.follow_up_on.map_or(String::new(), |d| format!("; follow-up due {d}"));
    result_effect(ctx.store.write(|tx| tx.log_contact(&contact)), format!("Saved: contact logged{note}."))
}

/// A store result as what the user sees: the saved message, or the refusal.
pub fn result_effect<T>(result: Result<T, StoreError>, saved: String) -> Effect {
    match result {
        Ok(_) => Effect::Status(saved),
        Err(e) => Effect::Error(format!("Not saved: {e}")),
    }
}

/// Where exports go: the platform documents folder, else the data folder.
pub fn export_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CASEDESK_EXPORT_DIR") {
        if !dir.trim().is_empty() {
            return PathBuf::from(dir);
        }
    }
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.join("casedesk")))
        .or_else(|| directories::ProjectDirs::from("uk", "casedesk", "casedesk").map(|d| d.data_dir().join("exports")))
        .unwrap_or_else(|| PathBuf::from("exports"))
}

/// Write today's end-of-day summary (Markdown, references only); the file
/// and its audit row are written together by `export::summary`.
pub fn export_summary(ctx: &mut Ctx<'_>) -> Effect {
    use crate::export::summary::{write_summary, SummaryFormat};
    let dir = export_dir();
    let path = dir.join(format!("casedesk-summary-{}.md", ctx.today));
    let result = std::fs::create_dir_all(&dir)
        .map_err(anyhow::Error::from)
        .and_then(|_| write_summary(ctx.store, ctx.today, SummaryFormat::Md, Some(&path), None));
    match result {
        Ok(()) => Effect::Status(format!("Summary written to {}", path.display())),
        Err(e) => Effect::Error(format!("Summary not written: {e:#}")),
    }
}
