//! The RJ / mediation suitability and risk checklist (DOMAIN.md §12.4).
//!
//! Three sections: the sense-check (is the referral complete enough to work on?),
//! the suitability items (can a restorative process go ahead at all?) and the
//! fifteen risk areas (how risky is it, and who must sign it off?). The item
//! list, the scoring and the decision rules are a [PROPOSAL] local default built
//! on the sources summarised in DOMAIN.md §9.2, §9.4–9.6: they are not legal
//! requirements, and the office may tune them.
//!
//! Pure functions over plain types: no I/O, and no panics on any input.
//!
//! `items.rs` holds the item table, `vocabulary.rs` the sections, answers,
//! severities, ratings and decisions, `answers.rs` one case's answers and
//! the sense-check gate, `rules.rs` the risk rating and decision rules,
//! `prefill.rs` the answers intake's facts suggest, `reasons.rs` why a case
//! was not suitable, in a manager's words, and `sentences.rs` each answer in
//! words ("Venue / travel safety: no concerns").

mod answers;
mod items;
mod prefill;
mod reasons;
mod rules;
mod sentences;
mod vocabulary;

pub use answers::{sense_check_complete, AnswerEntry, Answers, UnknownItem};
pub use items::{item, items_in, ChecklistItem, ITEMS};
pub use prefill::{prefill, IntakeFacts};
pub use reasons::{not_suitable_reason, NotSuitableReason};
pub use rules::{
    constraints, overall_risk, suggested_decision, validate_decision, CaseFlags, Constraints, DecisionError,
};
pub use sentences::{answer_words, sentence, suggested_sentence, topic};
pub use vocabulary::{Answer, ChecklistSection, Decision, RiskLevel, RiskSeverity};

#[cfg(test)]
mod tests;
