//! Recording that the harmed party was given information about restorative
//! justice (Victims' Code 2020 para 3.6), which stops the clock started at
//! intake. Asked from the Case screen; saved through the audited write, so
//! undo takes it back.

use super::{CaseScreen, Pending};
use crate::store::views::case::CaseHeader;
use crate::tui::form::Field;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

impl CaseScreen {
    pub(super) fn rj_info_prompt(&self, header: &CaseHeader, ctx: &Ctx<'_>) -> Effect {
        let Some(due) = header.victim_info_due else {
            return Effect::Error(format!(
                "{} has no Victims' Code clock running: it starts when a referral with a harmed party is logged.",
                header.reference
            ));
        };
        if let Some(given) = header.victim_info_given_on {
            return Effect::Error(format!(
                "{}: the RJ information is already recorded as given on {}.",
                header.reference,
                crate::domain::dates::day(given)
            ));
        }
        let message =
            format!("Due by {} (Victims' Code). Recording it stops the clock.", crate::domain::dates::day(due));
        let pending = PendingAction::Case(Pending::RjInfoGiven(header.case_id));
        Effect::Ask(
            Prompt::new(format!("RJ information given — {}", header.reference), message, pending)
                .field(FieldId::InfoGivenOn, Field::date("Given on", Some(ctx.today)).required()),
        )
    }

    pub(super) fn rj_info_given(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let Some(on) = reply.date(FieldId::InfoGivenOn) else {
            return Effect::Error(
                "Not saved: give the day the information was given, e.g. 20/11/2026, today or -2.".into(),
            );
        };
        let today = ctx.today;
        let result = ctx.store.write(|tx| tx.record_victim_info_given(case_id, on, today));
        common::result_effect(
            result,
            format!(
                "Saved: {} RJ information given on {on}; the clock is stopped.",
                header.reference,
                on = crate::domain::dates::day(on)
            ),
        )
    }
}
