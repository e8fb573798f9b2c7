//! Recording compliance as it happens (key r, issue 13 §4): what happened
//! on the selected condition (attended, missed, partly done, a payment), on
//! which day, the hours or the amount as fits, and the evidence. The store
//! keeps the running totals; this asks and says what they became.

use chrono::NaiveDate;

use super::{DeadlinesScreen, Pending};
use crate::domain::compliance::{pence_from_text, pounds, Happened};
use crate::domain::dates::is_future;
use crate::export::safe::inert;
use crate::store::views::deadlines::{DeadlineRow, DeadlineSource};
use crate::store::{ComplianceRecord, ComplianceSaved};
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

const ATTENDED: (&str, &str) = ("attended", "Attended");
const MISSED: (&str, &str) = ("missed", "Missed");
const PARTLY: (&str, &str) = ("partial", "Partly done");
const PAYMENT: (&str, &str) = ("payment", "Payment");
/// The answer that leaves a finished condition open.
const LEAVE_OPEN: &str = "no";

impl DeadlinesScreen {
    pub(super) fn record(&self, ctx: &Ctx<'_>) -> Effect {
        let Some(row) = self.selected() else { return Effect::Error("Nothing is selected.".into()) };
        if row.key.source != DeadlineSource::Condition {
            return Effect::Error(
                "Attendance and payments are recorded against a condition; mark an agreement item complete (c) instead."
                    .into(),
            );
        }
        Effect::Ask(record_prompt(row, ctx.today))
    }

    pub(super) fn apply_record(&mut self, condition_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!(
                "Not saved: {on} is in the future; record what has happened.",
                on = crate::domain::dates::day(on)
            ));
        }
        let what = match happened(reply) {
            Ok(what) => what,
            Err(problem) => return Effect::Error(format!("Not saved: {problem}.")),
        };
        let record = ComplianceRecord {
            what,
            on,
            note: reply.value(FieldId::Note).to_string(),
            complete_when_done: reply.value(FieldId::UpdateStatus) != LEAVE_OPEN,
        };
        match ctx.store.write(|tx| tx.record_compliance(condition_id, &record)) {
            Ok(saved) => Effect::Status(saved_words(what, on, &saved)),
            Err(e) => Effect::Error(format!("Not saved: {e}.")),
        }
    }
}

/// The prompt, offering what fits the condition: hours for one that
/// requires hours, a payment for one with an amount.
fn record_prompt(row: &DeadlineRow, today: NaiveDate) -> Prompt {
    let progress = row.progress.unwrap_or_default();
    let (hours, money) = (progress.hours_required.is_some(), progress.amount_pence.is_some());
    let mut options = Vec::new();
    if hours || !money {
        options.extend([ATTENDED, MISSED, PARTLY]);
    }
    if money {
        options.push(PAYMENT);
        if !hours {
            options.push(MISSED);
        }
    }
    let options: Vec<(String, String)> = options.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect();
    let so_far = match progress.words() {
        words if words.is_empty() => String::new(),
        words => format!(" So far: {}.", words.join("; ")),
    };
    let message = format!("{} — {}: {}.{so_far}", inert(&row.case_ref), row.kind_label(), inert(&row.description));
    let done_options = [("yes", "Mark it completed"), (LEAVE_OPEN, "Leave it open")];
    Prompt::new("Record what happened", message, PendingAction::Deadlines(Pending::Record(row.key.id)))
        .field(FieldId::WhatHappened, Field::choice("What happened", options, 0))
        .field(FieldId::On, Field::date("On", Some(today)).required())
        .field_if(hours || !money, FieldId::Hours, || {
            Field::number("Hours done").with_hint("attended or partly done, e.g. 3 or 2.5")
        })
        .field_if(money, FieldId::Amount, || Field::text("Amount paid").with_hint("pounds and pence, e.g. 40 or 12.50"))
        .field(FieldId::Note, Field::text("Evidence or note").with_hint("e.g. receipt 4411, provider's register"))
        // Where the hours or the money are all done with this record.
        .field(FieldId::UpdateStatus, Field::choice_of("If this finishes it", &done_options, 0))
}

/// What happened, read from the reply; contradictory input is refused
/// rather than half used.
fn happened(reply: &Reply) -> Result<Happened, String> {
    let hours_text = reply.value(FieldId::Hours);
    let amount_text = reply.value(FieldId::Amount);
    let hours = match hours_text {
        "" => None,
        text => Some(text.parse::<f64>().map_err(|_| format!("\"{text}\" is not a number of hours"))?),
    };
    let what = reply.value(FieldId::WhatHappened);
    if what != PAYMENT.0 && !amount_text.is_empty() {
        return Err("an amount is recorded with a payment: choose Payment, or leave the amount empty".into());
    }
    match what {
        w if w == ATTENDED.0 => Ok(Happened::Attended { hours }),
        w if w == PARTLY.0 => match hours {
            Some(hours) => Ok(Happened::PartlyDone { hours }),
            None => Err("give the hours done for a session partly done".into()),
        },
        w if w == MISSED.0 && hours.is_some() => {
            Err("a missed session has no hours done: leave the hours empty, or choose Partly done".into())
        }
        w if w == MISSED.0 => Ok(Happened::Missed),
        w if w == PAYMENT.0 && hours.is_some() => {
            Err("a payment has no hours: leave the hours empty, or record the hours separately".into())
        }
        w if w == PAYMENT.0 => match pence_from_text(amount_text) {
            Some(pence) => Ok(Happened::Payment { pence }),
            None => Err("give the amount paid in pounds and pence, e.g. 40 or 12.50".into()),
        },
        _ => Err("choose what happened".into()),
    }
}

/// "Saved: payment of £40 on 2026-11-20 — £40 of £100 paid, £60 to pay."
fn saved_words(what: Happened, on: NaiveDate, saved: &ComplianceSaved) -> String {
    let what = match what {
        Happened::Attended { .. } => "attended".to_string(),
        Happened::Missed => "missed".to_string(),
        Happened::PartlyDone { .. } => "partly done".to_string(),
        Happened::Payment { pence } => format!("payment of {}", pounds(pence)),
    };
    let mut text = format!("Saved: {what} on {on}", on = crate::domain::dates::day(on));
    let words = saved.progress.words();
    if !words.is_empty() {
        text.push_str(&format!(" — {}", words.join("; ")));
    }
    text.push('.');
    if saved.completed {
        text.push_str(" All done: the condition is marked completed.");
    } else if saved.all_done {
        text.push_str(" All done: mark the condition complete (c) when ready.");
    }
    for warning in &saved.warnings {
        text.push_str(&format!(" Warning: {warning}."));
    }
    text
}
