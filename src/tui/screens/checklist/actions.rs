//! What an answered Checklist prompt saves: the note, the decision, and the
//! move to the next status.

use crate::domain::checklist::{self, Answer, Decision, ITEMS};
use crate::domain::status::RjStatus;
use crate::export::safe::inert;
use crate::store::model::{ChecklistEntry, NewDecision};
use crate::tui::screens::common::result_effect;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

use super::render::refusal_summary;
use super::{ChecklistScreen, Draft};

impl ChecklistScreen {
    pub(super) fn record_decision(&mut self, case_id: i64, signing: bool, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(decision) = Decision::parse(reply.value(FieldId::Decision)) else {
            return Effect::Error("Not saved: choose a decision.".into());
        };
        let manager = reply.optional(FieldId::Manager);
        let answers = match ctx.store.checklist_answers(case_id) {
            Ok(a) => a,
            Err(e) => return Effect::Error(format!("Not saved: {e}")),
        };
        let before = ctx.store.current_case_status(case_id).ok().flatten();
        let reference =
            ctx.store.checklist_case(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |c| c.reference);
        let today = ctx.today;
        let new = NewDecision {
            decided_on: today,
            decision,
            // The store keeps the higher of this and what it computes.
            risk_level: checklist::overall_risk(&answers),
            rationale: reply.value(FieldId::Rationale).to_string(),
            manager_signoff_on: manager.as_ref().map(|_| today),
            manager_signoff_by: manager.clone(),
        };
        match ctx.store.write(|tx| tx.record_decision(case_id, &new)) {
            Ok(_) => {
                self.draft = None;
                let after = ctx.store.current_case_status(case_id).ok().flatten();
                let moved = match (&before, &after) {
                    (Some(b), Some(a)) if b != a => format!("; case now {}", a.label().to_lowercase()),
                    _ => String::new(),
                };
                let signed = manager.map_or(String::new(), |m| format!(", signed off by {}", inert(&m)));
                Effect::Status(format!(
                    "Saved {reference}: {} (risk {}){signed}{moved}.",
                    decision.label(),
                    new.risk_level.as_str()
                ))
            }
            Err(e) => {
                self.draft = Some(Draft { case_id, signing, values: reply.values.clone() });
                // The store's reasons in full run past one status line; the
                // same domain rules, asked again, give them in short.
                let flags = ctx.store.checklist_case(case_id).ok().flatten().map(|c| c.rule_flags());
                let short = flags.and_then(|flags| {
                    let c = checklist::constraints(&answers, &flags);
                    checklist::validate_decision(decision, &new.rationale, &c, new.manager_signoff_by.is_some())
                        .err()
                        .map(|errors| refusal_summary(&errors))
                });
                Effect::Error(format!("Not saved: {}", short.unwrap_or_else(|| e.to_string())))
            }
        }
    }

    pub(super) fn move_to(&mut self, case_id: i64, to: RjStatus, ctx: &mut Ctx<'_>) -> Effect {
        let today = ctx.today;
        let from = ctx.store.current_case_status(case_id).ok().flatten().map_or("", |s| s.label());
        let reference =
            ctx.store.checklist_case(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |c| c.reference);
        let result = ctx.store.write(|tx| tx.change_status(case_id, to.as_str(), today));
        result_effect(result, format!("Saved {reference}: {} → {}.", from.to_lowercase(), to.label().to_lowercase()))
    }

    pub(super) fn save_note(&mut self, case_id: i64, item: usize, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(item) = ITEMS.get(item) else {
            return Effect::Error("Not saved: the item was not found.".into());
        };
        let current = match ctx.store.checklist_answers(case_id) {
            Ok(a) => a.get(item.code).cloned(),
            Err(e) => return Effect::Error(format!("Not saved: {e}")),
        };
        let note = reply.value(FieldId::Note).to_string();
        let said = if note.is_empty() {
            format!("Saved {}: note cleared", item.label)
        } else {
            format!("Saved {}: note", item.label)
        };
        let entry = ChecklistEntry {
            item_code: item.code.to_string(),
            // A note on an item not yet answered records it as unknown, which
            // is what a missing answer already counts as.
            answer: current.as_ref().map_or(Answer::Unknown, |e| e.answer),
            severity: current.and_then(|e| e.severity),
            note,
        };
        if self.case_id() != Some(case_id) {
            let today = ctx.today;
            return result_effect(ctx.store.write(|tx| tx.answer_checklist(case_id, &entry, today)), said);
        }
        self.save_entry(entry, said, ctx)
    }

    /// Ask before keeping the assessment as it stands and starting the next.
    pub(super) fn new_assessment_prompt(&self) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let version = open.version();
        Effect::Ask(Prompt::confirm(
            "Start a new assessment",
            format!(
                "Keep assessment {version} of {} as it stands today (shown with t, never changed) and go on with \
                 assessment {}, starting from these answers?",
                open.case.reference,
                version + 1
            ),
            PendingAction::Checklist(super::Pending::NewAssessment(open.case.case_id)),
        ))
    }

    pub(super) fn start_new_assessment(&mut self, case_id: i64, ctx: &mut Ctx<'_>) -> Effect {
        let today = ctx.today;
        let reference =
            ctx.store.checklist_case(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |c| c.reference);
        match ctx.store.write(|tx| tx.start_new_assessment(case_id, today)) {
            Ok(live) => Effect::Status(format!(
                "Saved {reference}: assessment {} kept as it stands (t shows it); this is assessment {live}.",
                live - 1
            )),
            Err(e) => Effect::Error(format!("Not started: {e}")),
        }
    }
}
