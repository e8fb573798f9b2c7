//! Referring a condition to a provider (key P) and recording what the
//! provider sends back (key R), issue 14 §3. The provider is picked from the
//! directory by typing part of its name; a return of completed completes
//! the condition, did not attend flags it on Today for a person to judge.

use chrono::NaiveDate;

use super::{DeadlinesScreen, Pending};
use crate::domain::dates::is_future;
use crate::domain::referrals::ProviderReturn;
use crate::export::safe::inert;
use crate::store::views::deadlines::{DeadlineRow, DeadlineSource};
use crate::store::views::referrals::OpenReferral;
use crate::store::NewReferral;
use crate::tui::form::Field;
use crate::tui::screens::common::result_effect;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

/// How to fill an empty directory, said where a provider is needed.
const ADD_ONE: &str = "No provider is in the directory yet: add one on the Directory screen (8, then a) \
                       or with `casedesk directory add --kind provider --name …`, then try again.";

impl DeadlinesScreen {
    /// The selected row, when it is a condition.
    fn condition_row(&self) -> Result<&DeadlineRow, Effect> {
        match self.selected() {
            None => Err(Effect::Error("Nothing is selected.".into())),
            Some(row) if row.key.source != DeadlineSource::Condition => Err(Effect::Error(
                "An agreement item has an owner, not a provider: select a condition to refer.".into(),
            )),
            Some(row) => Ok(row),
        }
    }

    pub(super) fn refer(&self, ctx: &Ctx<'_>) -> Effect {
        let row = match self.condition_row() {
            Ok(row) => row,
            Err(e) => return e,
        };
        let providers = match ctx.store.active_providers(500) {
            Ok(p) if p.is_empty() => return Effect::Error(ADD_ONE.into()),
            Ok(p) => p,
            Err(e) => return Effect::Error(format!("Could not read the directory: {e}")),
        };
        Effect::Ask(refer_prompt(row, providers, ctx.today))
    }

    pub(super) fn apply_refer(&mut self, condition_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Ok(provider_id) = reply.value(FieldId::Provider).parse() else {
            return Effect::Error("Not saved: choose a provider.".into());
        };
        let sent_on = reply.date(FieldId::SentOn).unwrap_or(ctx.today);
        if is_future(sent_on, ctx.today) {
            return Effect::Error(format!(
                "Not saved: {sent_on} is in the future; record a referral once it is sent.",
                sent_on = crate::domain::dates::day(sent_on)
            ));
        }
        let method = reply.value(FieldId::ReferralMethod).to_string();
        let booked_for = reply.date(FieldId::BookedFor);
        let referral = NewReferral { condition_id, provider_id, sent_on, method, booked_for };
        let calendar = ctx.calendar.clone();
        let result = ctx.store.write(|tx| tx.refer_to_provider(&referral, &calendar));
        let booked = referral
            .booked_for
            .map_or(String::new(), |d| format!(", place booked for {}", crate::domain::dates::day(d)));
        result_effect(
            result,
            format!(
                "Saved: referred to the provider on {sent_on}{booked}.",
                sent_on = crate::domain::dates::day(sent_on)
            ),
        )
    }

    pub(super) fn provider_return(&self, ctx: &Ctx<'_>) -> Effect {
        let row = match self.condition_row() {
            Ok(row) => row,
            Err(e) => return e,
        };
        match ctx.store.open_referral(row.key.id) {
            Ok(Some(open)) => Effect::Ask(return_prompt(row, &open, ctx.today)),
            Ok(None) => Effect::Error(format!(
                "{}'s condition has no referral awaiting a return: refer it to a provider first (P).",
                inert(&row.case_ref)
            )),
            Err(e) => Effect::Error(format!("Could not read the referral: {e}")),
        }
    }

    pub(super) fn apply_return(&mut self, referral_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(ret) = ProviderReturn::parse(reply.value(FieldId::Returned)) else {
            return Effect::Error("Not saved: choose what the provider reported.".into());
        };
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!(
                "Not saved: {on} is in the future; record a return once it has come.",
                on = crate::domain::dates::day(on)
            ));
        }
        let note = reply.value(FieldId::Note).to_string();
        let result = ctx.store.write(|tx| tx.record_provider_return(referral_id, ret, on, &note));
        result_effect(result, saved_words(ret, on))
    }
}

fn refer_prompt(row: &DeadlineRow, providers: Vec<(i64, String)>, today: NaiveDate) -> Prompt {
    let options: Vec<(String, String)> = providers.into_iter().map(|(id, n)| (id.to_string(), inert(&n))).collect();
    let message = format!(
        "{} — {}: {}. Type part of a provider's name to find it.",
        inert(&row.case_ref),
        row.kind_label(),
        inert(&row.description)
    );
    let current = options.iter().position(|(_, name)| *name == inert(&row.who)).unwrap_or(0);
    Prompt::new("Refer to a provider", message, PendingAction::Deadlines(Pending::Refer(row.key.id)))
        .field(FieldId::Provider, Field::pick("Provider", options, current))
        .field(FieldId::SentOn, Field::date("Sent on", Some(today)).required())
        .field(FieldId::ReferralMethod, Field::text("Method").with_hint("e.g. email, the provider's portal"))
        .field(FieldId::BookedFor, Field::date("Place booked for", None))
}

fn return_prompt(row: &DeadlineRow, open: &OpenReferral, today: NaiveDate) -> Prompt {
    let options: Vec<(String, String)> =
        ProviderReturn::ALL.iter().map(|r| (r.as_str().to_string(), r.label().to_string())).collect();
    let booked =
        open.booked_for.map_or(String::new(), |d| format!(", place booked for {}", crate::domain::dates::day(d)));
    let message = format!(
        "{} — {}: sent to {} on {}{booked}. Did not attend is flagged on Today: whether it is a breach is yours to decide.",
        inert(&row.case_ref),
        inert(&row.description),
        inert(&open.provider),
        crate::domain::dates::day(open.sent_on)
    );
    Prompt::new("The provider's return", message, PendingAction::Deadlines(Pending::Return(open.id)))
        .field(FieldId::Returned, Field::choice("Reported", options, 0))
        .field(FieldId::On, Field::date("Received on", Some(today)).required())
        .field(FieldId::Note, Field::text("Note").with_hint("e.g. certificate 88, register of 18 Nov"))
}

fn saved_words(ret: ProviderReturn, on: NaiveDate) -> String {
    match ret {
        ProviderReturn::Completed => {
            format!("Saved: completed on {on}, as the provider reported.", on = crate::domain::dates::day(on))
        }
        ProviderReturn::Attended => format!(
            "Saved: attended on {on}; the provider's final word is still awaited.",
            on = crate::domain::dates::day(on)
        ),
        ProviderReturn::DidNotAttend => {
            format!(
                "Saved: did not attend, on {on}; flagged on Today to check for non-compliance.",
                on = crate::domain::dates::day(on)
            )
        }
    }
}
