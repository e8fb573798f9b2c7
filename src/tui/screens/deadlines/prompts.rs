//! The prompts Deadlines asks, and what each will do once answered.

use chrono::NaiveDate;

use super::{DeadlinesScreen, Tag, CHASE_FOLLOW_UP_WD};
use crate::domain::status::breach_decisions_for;
use crate::export::safe::inert;
use crate::store::views::deadlines::{DeadlineRow, DeadlineSource};
use crate::tui::form::Field;
use crate::tui::screens::common::{self, beyond_limit_field, DeadlineKey};
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt};
use crate::tui::text::{plural, thousands};

/// What a prompt of this screen does once answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Conditions and agreement items together, completed in one transaction.
    CompleteMixed(Vec<DeadlineKey>),
    /// Tagged items to complete: the evidence and date are asked next.
    ConfirmComplete(Vec<DeadlineKey>),
    /// Tagged items to vary: the new date and reason are asked next.
    ConfirmVary(Vec<DeadlineKey>),
    Vary {
        targets: Vec<DeadlineKey>,
    },
    /// The breach awaiting a decision.
    DecideBreach(i64),
    Chase(Vec<DeadlineKey>),
    /// A letter for each case of these rows: the template is asked.
    Letters(Vec<DeadlineKey>),
    /// What happened on this condition (attended, missed, partly done, paid).
    Record(i64),
    /// Refer this condition to a provider.
    Refer(i64),
    /// The provider's return on this referral.
    Return(i64),
    TextFilter,
    ProviderFilter,
}

impl DeadlinesScreen {
    pub(super) fn complete(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        match targets.len() {
            0 => Effect::Error("Nothing is selected.".into()),
            1 if self.tagged.is_empty() => match self.selected() {
                Some(row) => Effect::Ask(complete_prompt(&targets, ctx.today, &Self::what(row))),
                None => Effect::Error("Nothing is selected.".into()),
            },
            n => Effect::Ask(Prompt::confirm(
                "Complete tagged items?",
                format!("Complete {} tagged {}? You give the evidence and date next.", thousands(n), plural(n, "item")),
                PendingAction::Deadlines(Pending::ConfirmComplete(targets)),
            )),
        }
    }

    pub(super) fn vary(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        match targets.len() {
            0 => Effect::Error("Nothing is selected.".into()),
            1 if self.tagged.is_empty() => match self.selected() {
                Some(row) => Effect::Ask(vary_prompt(&targets, Some(row), ctx.today)),
                None => Effect::Error("Nothing is selected.".into()),
            },
            n => Effect::Ask(Prompt::confirm(
                "Vary tagged items?",
                format!(
                    "Vary the due date of {} tagged {}? You give the new date and reason next.",
                    thousands(n),
                    plural(n, "item")
                ),
                PendingAction::Deadlines(Pending::ConfirmVary(targets)),
            )),
        }
    }

    pub(super) fn chase(&self, ctx: &Ctx<'_>) -> Effect {
        let targets = self.targets();
        if targets.is_empty() {
            return Effect::Error("Nothing is selected.".into());
        }
        let n = targets.len();
        let follow_up = ctx.calendar.add_working_days(ctx.today, CHASE_FOLLOW_UP_WD);
        let message = match self.selected() {
            Some(r) if self.tagged.is_empty() => format!(
                "Chase 1 item: {} {}, due {}? An outgoing contact is logged on its case, with a follow-up on {follow_up}.",
                r.case_ref,
                r.kind_label(),
                crate::domain::dates::day(r.key.due_on), follow_up = crate::domain::dates::day(follow_up)
            ),
            _ => format!(
                "Chase {} tagged {}? Each gets an outgoing contact logged on its case, with a follow-up on {follow_up}.",
                thousands(n),
                plural(n, "item"), follow_up = crate::domain::dates::day(follow_up)
            ),
        };
        Effect::Ask(Prompt::confirm("Generate chases?", message, PendingAction::Deadlines(Pending::Chase(targets))))
    }

    pub(super) fn breach(&self, ctx: &Ctx<'_>) -> Effect {
        let Some(row) = self.selected() else { return Effect::Error("Nothing is selected.".into()) };
        if row.key.source != DeadlineSource::Condition {
            return Effect::Error(
                "A breach is recorded against a condition; agreement items are voluntary (mark them complete or vary them)."
                    .into(),
            );
        }
        if row.open_breach_id.is_some() {
            return Effect::Error("A breach of this condition already awaits a decision: press B to record it.".into());
        }
        if let Some(disposal) = row.disposal.filter(|d| !d.has_breach_workflow()) {
            return Effect::Error(format!(
                "A {} has no breach process: its actions are not enforceable; tell the officer in the case instead (l logs the contact).",
                disposal.label().to_lowercase()
            ));
        }
        Effect::Ask(common::breach_prompt(row.case_id, Some(row.key.id), ctx.today, &Self::what(row)))
    }

    pub(super) fn decide_breach(&self, ctx: &Ctx<'_>) -> Effect {
        let Some(row) = self.selected() else { return Effect::Error("Nothing is selected.".into()) };
        let Some(breach_id) = row.open_breach_id.filter(|_| row.key.source == DeadlineSource::Condition) else {
            return Effect::Error("No breach of this item awaits a decision (b records one).".into());
        };
        let decisions = row.disposal.map(breach_decisions_for).unwrap_or(&[]);
        if decisions.is_empty() {
            return Effect::Error("This disposal has no breach decisions to record.".into());
        }
        let options: Vec<(String, String)> =
            decisions.iter().map(|d| (d.as_str().to_string(), d.label().to_string())).collect();
        let pending = PendingAction::Deadlines(Pending::DecideBreach(breach_id));
        Effect::Ask(
            Prompt::new(
                "Record the breach decision",
                format!("Decision on the breach of {}", Self::what(row)),
                pending,
            )
            .field(FieldId::Decision, Field::choice("Decision", options, 0))
            .field(FieldId::NewDue, Field::date("New due date", None).with_hint("when varying: DD/MM/YYYY, +2w, fri"))
            .field(FieldId::BeyondLimit, beyond_limit_field())
            .field(
                FieldId::ExcuseAssessment,
                Field::text("Excuse assessment").with_hint("was any excuse reasonable? (assessment)"),
            )
            .field(FieldId::DecidedOn, Field::date("Decided on", Some(ctx.today)).required()),
        )
    }
}

/// The shared completion prompt; a mix of conditions and agreement items is
/// completed here in one transaction instead.
pub(super) fn complete_prompt(targets: &[Tag], today: NaiveDate, what: &str) -> Prompt {
    let conditions = targets.iter().filter(|t| matches!(t, DeadlineKey::Condition(_))).count();
    let items = targets.len() - conditions;
    if items == 0 || conditions == 0 {
        common::complete_prompt(targets.to_vec(), today, what)
    } else {
        let mut prompt = common::complete_prompt(targets.to_vec(), today, what);
        prompt.message = format!(
            "Mark {} {} and {} agreement {} complete with the same evidence and date.",
            conditions,
            plural(conditions, "condition"),
            items,
            plural(items, "item")
        );
        prompt.pending = PendingAction::Deadlines(Pending::CompleteMixed(targets.to_vec()));
        prompt
    }
}

pub(super) fn vary_prompt(targets: &[Tag], row: Option<&DeadlineRow>, today: NaiveDate) -> Prompt {
    let n = targets.len();
    let (message, initial) = match row {
        Some(row) if n == 1 => {
            (format!("Vary: {}", DeadlinesScreen::what(row)), (row.key.due_on >= today).then_some(row.key.due_on))
        }
        _ => {
            (format!("New due date for {} tagged {}; the same reason is recorded on each.", n, plural(n, "item")), None)
        }
    };
    Prompt::new("Vary the due date", message, PendingAction::Deadlines(Pending::Vary { targets: targets.to_vec() }))
        .field(FieldId::NewDue, Field::date("New due date", initial).required())
        .field(FieldId::Reason, Field::text("Reason").required().with_hint("e.g. course rescheduled by the provider"))
        .field(FieldId::BeyondLimit, beyond_limit_field())
}

/// Which provider's conditions to show, searched by typing part of a name
/// (a desk may hold dozens of providers), "All providers" first.
pub(super) fn provider_prompt(providers: &[(i64, String)], current: Option<i64>) -> Prompt {
    let mut options = vec![(String::new(), "All providers".to_string())];
    options.extend(providers.iter().map(|(id, name)| (id.to_string(), inert(name))));
    let selected = current.and_then(|c| providers.iter().position(|(id, _)| *id == c)).map_or(0, |i| i + 1);
    Prompt::new(
        "Show one provider's conditions",
        "Type part of a provider's name; \"All providers\" shows every deadline again. \
         Agreement items have owners, not providers.",
        PendingAction::Deadlines(Pending::ProviderFilter),
    )
    .field(FieldId::Provider, Field::pick("Provider", options, selected))
}

/// The words filter (key m).
pub(super) fn text_filter_prompt(current: &str) -> Prompt {
    Prompt::new(
        "Show the deadlines of cases matching…",
        "Words in a reference, crime reference, offence or name. Leave empty (or Esc) for all cases.",
        PendingAction::Deadlines(Pending::TextFilter),
    )
    .field(FieldId::Matching, Field::text("Matching").with_value(current))
}
