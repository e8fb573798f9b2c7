//! What Checklist asks: a note on an item, the decision (with a manager's
//! sign-off where the rules ask for one), and the next status.

use crate::domain::checklist::{sense_check_complete, suggested_decision, Constraints, Decision};
use crate::domain::status::{rj_next, RjStatus};
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt};

use super::short_reasons;
use super::{ChecklistScreen, OpenCase};

/// What a prompt of this screen does once answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// A note on the item at this position of the checklist.
    Note {
        case_id: i64,
        item: usize,
    },
    /// The decision; `signing` when a manager signs it off.
    Decide {
        case_id: i64,
        signing: bool,
    },
    Advance(i64),
    /// Keep the assessment as it stands and start the next.
    NewAssessment(i64),
}

impl ChecklistScreen {
    /// The decision prompt: sign-off optional, or when `signing` a
    /// manager's name first, required.
    pub(super) fn decision_prompt(&self, signing: bool) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let c = &open.constraints;
        // With a manager signing, the review reasons no longer stand in the way.
        let suggested = if signing {
            let without_review = Constraints { manager_review: Vec::new(), ..c.clone() };
            suggested_decision(&without_review, &open.answers)
        } else {
            suggested_decision(c, &open.answers)
        };
        let draft = self.draft.as_ref().filter(|d| d.case_id == open.case.case_id && d.signing == signing);
        let typed = |id: FieldId| {
            draft.and_then(|d| d.values.iter().find(|(f, _)| *f == id)).map(|(_, v)| v.clone()).unwrap_or_default()
        };
        let options: Vec<(String, String)> =
            Decision::ALL.iter().map(|d| (d.as_str().to_string(), d.label().to_string())).collect();
        let chosen = Decision::parse(&typed(FieldId::Decision)).unwrap_or(suggested);
        let choice = Decision::ALL.iter().position(|d| *d == chosen).unwrap_or(0);
        let decision = Field::choice("Decision", options, choice);
        let rationale =
            Field::text("Rationale").required().with_value(&typed(FieldId::Rationale)).with_hint("why this decision");
        let mut fields = vec![(FieldId::Decision, decision), (FieldId::Rationale, rationale)];
        let mut message = format!(
            "Overall risk {}; {} suggests {}.",
            c.risk.as_str().to_uppercase(),
            if signing { "with a manager's sign-off the checklist" } else { "the checklist" },
            suggested.label().to_lowercase()
        );
        if !c.forced_not_suitable.is_empty() {
            message.push_str(&format!(" Suitable is barred: {}.", short_reasons(&c.forced_not_suitable)));
        } else if !c.manager_review.is_empty() && !signing {
            message.push_str(&format!(" Suitable needs sign-off: {}.", short_reasons(&c.manager_review)));
        }
        if !c.suitability_open.is_empty() && c.forced_not_suitable.is_empty() {
            let open_items = &c.suitability_open;
            let which = if open_items.len() <= 3 {
                open_items.join(", ")
            } else {
                format!("{} suitability items", open_items.len())
            };
            message.push_str(&format!(" Still no or unknown: {which}."));
        }
        if signing {
            message.push_str(" The manager's name is recorded with the decision.");
        }
        let title = if signing {
            let manager = Field::text("Manager")
                .required()
                .with_value(&typed(FieldId::Manager))
                .with_hint("name of the signing manager");
            fields.insert(0, (FieldId::Manager, manager));
            format!("Manager sign-off — {}", open.case.reference)
        } else {
            let manager = Field::text("Manager sign-off")
                .with_value(&typed(FieldId::Manager))
                .with_hint("manager's name, if signed off (optional)");
            fields.push((FieldId::Manager, manager));
            format!("Decision — {}", open.case.reference)
        };
        let pending = PendingAction::Checklist(Pending::Decide { case_id: open.case.case_id, signing });
        Effect::Ask(Prompt { title, message, fields, pending })
    }

    /// The forward moves offered here: withdrawing, pausing and closing are
    /// for the Case screen, and suitable / not suitable come with a decision.
    pub(super) fn forward_targets(open: &OpenCase) -> Vec<RjStatus> {
        let Some(status) = open.status() else { return Vec::new() };
        rj_next(status, open.case.paused_from)
            .into_iter()
            .filter(|t| {
                !matches!(
                    t,
                    RjStatus::Withdrawn
                        | RjStatus::Paused
                        | RjStatus::Suitable
                        | RjStatus::NotSuitable
                        | RjStatus::Closed
                )
            })
            .collect()
    }

    pub(super) fn advance(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        if open.is_oocd() {
            return Effect::Error("OOCD statuses move on the Case screen: press o.".into());
        }
        let reference = open.case.reference.clone();
        let targets = Self::forward_targets(open);
        match targets.as_slice() {
            [] => Effect::Error(match open.status() {
                Some(RjStatus::RiskAssessment) => {
                    "At risk assessment the decision moves the case on: press d to record it.".into()
                }
                Some(RjStatus::NotSuitable) => {
                    format!("{reference} was found not suitable: close it from the Case screen (o).")
                }
                Some(s) if s.is_terminal() => format!("{reference} is {}: its status does not move.", s.label()),
                _ => format!("{reference} has no next status here: the Case screen (o) has every move."),
            }),
            [only] => self.move_to(open.case.case_id, *only, ctx),
            several => {
                let complete = sense_check_complete(&open.answers);
                let default = match &complete {
                    Ok(()) => several.iter().position(|t| *t == RjStatus::RiskAssessment),
                    Err(_) => several.iter().position(|t| *t == RjStatus::AwaitingInfo),
                }
                .unwrap_or(0);
                let message = match (open.status(), complete) {
                    (Some(RjStatus::SenseCheck), Ok(())) => "The sense-check is complete.".to_string(),
                    (Some(RjStatus::SenseCheck), Err(missing)) => format!(
                        "Risk assessment is refused until the sense-check is complete: {} still open.",
                        if missing.len() <= 3 { missing.join(", ") } else { format!("{} items", missing.len()) }
                    ),
                    _ => String::new(),
                };
                let options = several.iter().map(|t| (t.as_str().to_string(), t.label().to_string())).collect();
                let pending = PendingAction::Checklist(Pending::Advance(open.case.case_id));
                Effect::Ask(
                    Prompt::new(format!("Move {reference} on"), message, pending)
                        .field(FieldId::MoveTo, Field::choice("Move to", options, default)),
                )
            }
        }
    }

    pub(super) fn note_prompt(&self) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        let note = open.answers.get(item.code).map(|e| e.note.clone()).unwrap_or_default();
        let sensitive = if item.sensitive { " Sensitive: health data (DPA 2018 s.35)." } else { "" };
        let pending = Pending::Note { case_id: open.case.case_id, item: open.cursor };
        Effect::Ask(
            Prompt::new(
                format!("Note on {} — {}", item.label, open.case.reference),
                format!("{}.{sensitive} A note is an assessment, not a fact; blank clears it.", item.label),
                PendingAction::Checklist(pending),
            )
            .field(FieldId::Note, Field::text("Note").with_value(&note).with_hint("what supports the answer")),
        )
    }
}
