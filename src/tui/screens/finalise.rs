//! Finalising a disposal, from the Case screen and from its Today row: the
//! Home Office outcome first (with the police record, if already updated),
//! then, until it is, the day the police record (Niche) was updated.

use super::common::result_effect;
use super::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::domain::dates::is_future;
use crate::domain::status::{finalise_path, outcome_for, HoOutcome};
use crate::store::FinalisingState;
use crate::tui::form::Field;

/// What a finalising prompt saves, and for which case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The Home Office outcome (and the police record's day, if given).
    Outcome(i64),
    /// The day the police record was updated.
    PoliceRecord(i64),
}

/// Carry out a finalising prompt's reply, from whichever screen asked.
pub fn apply_reply(pending: &Pending, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    match pending {
        Pending::Outcome(case_id) => finalise(*case_id, reply, ctx),
        Pending::PoliceRecord(case_id) => police_record(*case_id, reply, ctx),
    }
}

/// The question finalising asks next of a case, or why there is none.
pub fn finalise_prompt(case_id: i64, ctx: &Ctx<'_>) -> Effect {
    let state = match ctx.store.finalising_of(case_id) {
        Ok(Some(state)) => state,
        Ok(None) => {
            return Effect::Error(
                "Only an out-of-court disposal is finalised: record its disposal first (i on the Case screen).".into(),
            )
        }
        Err(e) => return Effect::Error(format!("Could not read the case: {e}")),
    };
    match (state.finalised_on, state.police_record_updated_on) {
        (None, _) => outcome_prompt(case_id, &state, ctx),
        (Some(_), None) => police_record_prompt(case_id, &state, ctx),
        (Some(finalised), Some(updated)) => Effect::Error(format!(
            "{} was finalised on {} and its police record updated on {}: nothing is left to do.",
            state.reference,
            crate::domain::dates::day(finalised),
            crate::domain::dates::day(updated)
        )),
    }
}

fn outcome_prompt(case_id: i64, state: &FinalisingState, ctx: &Ctx<'_>) -> Effect {
    let outcome = outcome_for(state.disposal, state.status);
    // A disposal still running is completed by finalising; one already
    // ended (completed, or gone to prosecution) keeps its status.
    let completes = finalise_path(state.status).is_some_and(|path| !path.is_empty());
    let what = if completes { "completes it and records" } else { "records" };
    let message = format!(
        "{}, now {}. Finalising {what} its Home Office outcome; leave the police record blank until it is updated.",
        state.disposal.label(),
        state.status.label().to_lowercase()
    );
    let choices = vec![(outcome.as_str().to_string(), outcome.label().to_string())];
    let pending = PendingAction::Finalise(Pending::Outcome(case_id));
    Effect::Ask(
        Prompt::new(format!("Finalise {}", state.reference), message, pending)
            .field(FieldId::HoOutcome, Field::choice("Home Office outcome", choices, 0))
            .field(FieldId::On, Field::date("Finalised on", Some(ctx.today)).required())
            .field(FieldId::PoliceRecordOn, Field::date("Police record updated on", None).with_hint("blank: not yet")),
    )
}

fn police_record_prompt(case_id: i64, state: &FinalisingState, ctx: &Ctx<'_>) -> Effect {
    let outcome = state.outcome.map_or("its outcome", |o| o.label());
    let message = format!("Finalised as {outcome}. When was the police record (Niche) updated?");
    let pending = PendingAction::Finalise(Pending::PoliceRecord(case_id));
    Effect::Ask(
        Prompt::new(format!("Police record of {}", state.reference), message, pending)
            .field(FieldId::PoliceRecordOn, Field::date("Police record updated on", Some(ctx.today)).required()),
    )
}

/// Save the outcome (and the police record's day, if given).
fn finalise(case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let Some(outcome) = HoOutcome::parse(reply.value(FieldId::HoOutcome)) else {
        return Effect::Error("Not finalised: choose the Home Office outcome.".into());
    };
    let on = reply.date(FieldId::On).unwrap_or(ctx.today);
    let updated = reply.date(FieldId::PoliceRecordOn);
    if let Some(day) = [Some(on), updated].into_iter().flatten().find(|d| is_future(*d, ctx.today)) {
        return Effect::Error(format!("Not finalised: {} is in the future.", crate::domain::dates::day(day)));
    }
    let result = ctx.store.write(|tx| tx.finalise_case(case_id, outcome, on, updated));
    let record = if updated.is_some() { "police record updated" } else { "police record still to update" };
    match result {
        Ok(()) => Effect::Status(format!(
            "Saved: finalised on {on} as {}; {record}.",
            outcome.label(),
            on = crate::domain::dates::day(on)
        )),
        Err(e) => Effect::Error(format!("Not finalised: {e}")),
    }
}

/// Save the day the police record was updated.
fn police_record(case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let on = reply.date(FieldId::PoliceRecordOn).unwrap_or(ctx.today);
    if is_future(on, ctx.today) {
        return Effect::Error(format!("Not saved: {on} is in the future.", on = crate::domain::dates::day(on)));
    }
    let result = ctx.store.write(|tx| tx.record_police_record_updated(case_id, on));
    result_effect(result, format!("Saved: police record updated on {on}.", on = crate::domain::dates::day(on)))
}
