//! Handing a referral to a coordinator: moving it to Transferred asks whose
//! it becomes, from the directory, each coordinator with their open caseload
//! beside the name; reallocating later asks for the new one and the reason.

use chrono::NaiveDate;

use super::prompts::Pending;
use super::CaseScreen;
use crate::domain::directory::{over_maximum, DirectoryKind};
use crate::export::safe::inert;
use crate::store::views::case::CaseHeader;
use crate::tui::form::Field;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

/// How to fill an empty directory, said wherever a coordinator is needed.
const ADD_ONE: &str = "No coordinator is in the directory yet: add one with \
                       `casedesk directory add --kind coordinator --name …`, then try again.";

/// The active coordinators as choices: "Priya Shah — 12 open", with the
/// ones over their maximum saying so.
pub(super) fn coordinator_options(ctx: &Ctx<'_>) -> Result<Vec<(String, String)>, Effect> {
    let coordinators =
        ctx.store.coordinator_choices().map_err(|e| Effect::Error(format!("Could not read the directory: {e}")))?;
    if coordinators.is_empty() {
        return Err(Effect::Error(ADD_ONE.into()));
    }
    Ok(coordinators
        .into_iter()
        .map(|c| {
            let over = if over_maximum(c.open_cases, c.max_caseload) { ", over maximum" } else { "" };
            (c.id.to_string(), format!("{} — {} open{over}", inert(&c.name), c.open_cases))
        })
        .collect())
}

/// The coordinator's name as the directory has it, for the saved message.
fn coordinator_name(id: i64, ctx: &Ctx<'_>) -> String {
    let found = ctx.store.directory(Some(DirectoryKind::Coordinator)).ok().into_iter().flatten().find(|c| c.id == id);
    found.map_or_else(|| "the coordinator".to_string(), |c| inert(&c.name))
}

fn chosen(reply: &Reply) -> Result<i64, Effect> {
    reply.value(FieldId::Coordinator).parse().map_err(|_| Effect::Error("Not saved: choose a coordinator.".into()))
}

impl CaseScreen {
    /// Asked after "Move to: Transferred to coordinator" on `on`.
    pub(super) fn transfer_prompt(&self, header: &CaseHeader, on: NaiveDate, ctx: &Ctx<'_>) -> Effect {
        let options = match coordinator_options(ctx) {
            Ok(o) => o,
            Err(e) => return e,
        };
        let message = format!(
            "Transferred on {on}. Each coordinator's open cases are shown beside the name.",
            on = crate::domain::dates::day(on)
        );
        let pending = PendingAction::Case(Pending::Transfer(header.case_id, on));
        Effect::Ask(
            Prompt::new(format!("Transfer {} to a coordinator", header.reference), message, pending)
                .field(FieldId::Coordinator, Field::choice("Coordinator", options, 0)),
        )
    }

    pub(super) fn transfer(&self, case_id: i64, on: NaiveDate, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let coordinator = match chosen(reply) {
            Ok(c) => c,
            Err(e) => return e,
        };
        let result = ctx.store.write(|tx| tx.transfer_to_coordinator(case_id, coordinator, on));
        let name = coordinator_name(coordinator, ctx);
        common::result_effect(
            result,
            format!("Saved: {} transferred to {name} on {on}.", header.reference, on = crate::domain::dates::day(on)),
        )
    }

    pub(super) fn reallocate_prompt(&self, header: &CaseHeader, ctx: &Ctx<'_>) -> Effect {
        if header.is_oocd() {
            return Effect::Error("Only a restorative justice or mediation referral has a coordinator.".into());
        }
        let Some(current) = header.coordinator.as_deref() else {
            return Effect::Error(format!(
                "{} has no coordinator yet: move it to Transferred to hand it to one.",
                header.reference
            ));
        };
        let options = match coordinator_options(ctx) {
            Ok(o) => o,
            Err(e) => return e,
        };
        let message = format!("Now with {}. The reason is kept in the audit log.", inert(current));
        let pending = PendingAction::Case(Pending::Reallocate(header.case_id));
        Effect::Ask(
            Prompt::new(format!("Reallocate {}", header.reference), message, pending)
                .field(FieldId::Coordinator, Field::choice("To coordinator", options, 0))
                .field(FieldId::Reason, Field::text("Reason").required().with_hint("e.g. coordinator on leave")),
        )
    }

    pub(super) fn reallocate(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let coordinator = match chosen(reply) {
            Ok(c) => c,
            Err(e) => return e,
        };
        let reason = reply.value(FieldId::Reason).to_string();
        let result = ctx.store.write(|tx| tx.reallocate(case_id, coordinator, &reason));
        let name = coordinator_name(coordinator, ctx);
        common::result_effect(result, format!("Saved: {} reallocated to {name}.", header.reference))
    }
}
