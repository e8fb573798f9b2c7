//! What an answered prompt does: the writes behind complete, vary,
//! decide, chase and the words filter.

use super::{source_of, DeadlinesScreen, Scope, Tag, CHASE_FOLLOW_UP_WD};
use crate::domain::caps::CapFinding;
use crate::domain::dates::is_future;
use crate::domain::status::BreachDecision;
use crate::domain::types::ContactChannel;
use crate::store::model::{BreachOutcome, NewContact};
use crate::store::views::deadlines::DeadlineSource;
use crate::store::StoreError;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, Reply};
use crate::tui::text::{plural, thousands};

impl DeadlinesScreen {
    pub(super) fn apply_complete_mixed(&mut self, targets: Vec<Tag>, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let (evidence, on) =
            (reply.value(FieldId::Evidence).to_string(), reply.date(FieldId::CompletedOn).unwrap_or(ctx.today));
        if is_future(on, ctx.today) {
            return Effect::Error("Not saved: the completion date cannot be in the future.".into());
        }
        let end = common::marked_as(reply);
        let result = ctx
            .store
            .write(|tx| targets.iter().try_for_each(|target| common::end_deadline(tx, *target, end, on, &evidence)));
        let n = targets.len();
        let effect = common::result_effect(
            result,
            format!(
                "Saved: {} {} marked {} on {on}.",
                thousands(n),
                plural(n, "item"),
                common::marked_words(end),
                on = crate::domain::dates::day(on)
            ),
        );
        if matches!(effect, Effect::Status(_)) {
            for t in &targets {
                self.tagged.remove(t);
            }
        }
        effect
    }

    pub(super) fn apply_vary(&mut self, targets: Vec<Tag>, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(new_due) = reply.date(FieldId::NewDue) else {
            return Effect::Error("Not saved: the new due date is not a date.".into());
        };
        let reason = reply.value(FieldId::Reason).to_string();
        let beyond = reply.optional(FieldId::BeyondLimit);
        if new_due < ctx.today {
            return Effect::Error(format!(
                "Not saved: the new due date {new_due} is before today ({}); nothing was changed.",
                crate::domain::dates::day(ctx.today),
                new_due = crate::domain::dates::day(new_due)
            ));
        }
        let (today, rules) = (ctx.today, ctx.rules);
        let result = ctx.store.write(|tx| {
            let mut findings: Vec<CapFinding> = Vec::new();
            for (source, id) in targets.iter().map(|t| source_of(*t)) {
                let brief = tx.deadline_brief(source, id)?;
                let name = |e: StoreError| StoreError::Invalid(format!("{} {}: {e}", brief.case_ref, brief.label));
                match source {
                    DeadlineSource::Condition => findings.extend(
                        tx.vary_condition_due_beyond_limit(id, new_due, &reason, today, rules, beyond.as_deref())
                            .map_err(name)?,
                    ),
                    DeadlineSource::AgreementItem => tx.deadlines_vary_item_due(id, new_due, &reason).map_err(name)?,
                    // Never tagged, and refused when selected (see `meeting_rows`).
                    DeadlineSource::MeetingAction => {}
                }
            }
            Ok(findings)
        });
        let n = targets.len();
        match result {
            Ok(findings) => {
                let mut warnings: Vec<String> = Vec::new();
                for f in findings {
                    if !warnings.contains(&f.message) {
                        warnings.push(f.message);
                    }
                }
                let warn =
                    if warnings.is_empty() { String::new() } else { format!(" Warning: {}.", warnings.join("; ")) };
                Effect::Status(format!(
                    "Saved: due date of {} {} varied to {new_due}.{warn}",
                    thousands(n),
                    plural(n, "item"),
                    new_due = crate::domain::dates::day(new_due)
                ))
            }
            Err(e) => Effect::Error(format!("Not saved, nothing changed: {e}")),
        }
    }

    pub(super) fn apply_decide(&mut self, breach_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(decision) = BreachDecision::parse(reply.value(FieldId::Decision)) else {
            return Effect::Error("Not saved: choose a decision.".into());
        };
        let decided_on = reply.date(FieldId::DecidedOn).unwrap_or(ctx.today);
        if is_future(decided_on, ctx.today) {
            return Effect::Error("Not saved: the decision date cannot be in the future.".into());
        }
        // A date typed with another decision is passed on, so the store
        // refuses the contradiction instead of quietly dropping the date.
        let new_due_on = reply.date(FieldId::NewDue);
        if let (BreachDecision::VaryConditions, Some(new_due)) = (decision, new_due_on) {
            if new_due < ctx.today {
                return Effect::Error(format!(
                    "Not saved: the new due date {new_due} is before today ({}).",
                    crate::domain::dates::day(ctx.today),
                    new_due = crate::domain::dates::day(new_due)
                ));
            }
        }
        let note = new_due_on.map_or(String::new(), |d| format!("; new due date {}", crate::domain::dates::day(d)));
        let outcome = BreachOutcome {
            decision,
            decision_on: decided_on,
            new_due_on,
            excuse_assessment: reply.optional(FieldId::ExcuseAssessment),
            time_limit_reason: reply.optional(FieldId::BeyondLimit),
        };
        let rules = ctx.rules;
        common::result_effect(
            ctx.store.write(|tx| tx.decide_breach(breach_id, &outcome, rules)),
            format!("Saved: breach decision — {}{note}.", decision.label()),
        )
    }

    pub(super) fn apply_chase(&mut self, targets: Vec<Tag>, ctx: &mut Ctx<'_>) -> Effect {
        let today = ctx.today;
        let follow_up = ctx.calendar.add_working_days(today, CHASE_FOLLOW_UP_WD);
        let result = ctx.store.write(|tx| {
            for (source, id) in targets.iter().map(|t| source_of(*t)) {
                let brief = tx.deadline_brief(source, id)?;
                tx.log_contact(&NewContact {
                    case_id: brief.case_id,
                    person_id: None,
                    occurred_on: today,
                    channel: ContactChannel::Email,
                    outgoing: true,
                    summary: format!("Chase: {} due {}", brief.label, crate::domain::dates::day(brief.due_on)),
                    outcome: None,
                    follow_up_on: Some(follow_up),
                })?;
            }
            Ok(())
        });
        let n = targets.len();
        common::result_effect(
            result,
            format!(
                "Saved: {} {} logged; follow-up due {follow_up}.",
                thousands(n),
                plural(n, "chase"),
                follow_up = crate::domain::dates::day(follow_up)
            ),
        )
    }

    pub(super) fn apply_provider_filter(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let chosen: Option<i64> = reply.value(FieldId::Provider).parse().ok();
        self.filters.provider = chosen.and_then(|id| self.providers.iter().find(|(p, _)| *p == id).cloned());
        self.restart(ctx)
    }

    pub(super) fn apply_text_filter(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let text = reply.value(FieldId::Matching).trim().to_string();
        if text.is_empty() {
            self.filters.scope = Scope::All;
            return self.restart(ctx);
        }
        match ctx.store.search_case_ids(&text, 500) {
            Ok(case_ids) => {
                self.filters.scope = Scope::Matching { text, case_ids };
                self.restart(ctx)
            }
            Err(e) => Effect::Error(format!("Search failed: {e}")),
        }
    }
}
