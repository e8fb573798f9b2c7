//! Participants' feedback after a process (issue 15 §4), asked from the
//! Case screen of a restorative case once a meeting was held or an outcome
//! agreed; saved through the audited write, so undo takes it back.

use super::{CaseScreen, Pending};
use crate::domain::case_status::CaseStatus;
use crate::domain::feedback::{satisfaction_words, FeedbackFrom, Reply};
use crate::domain::status::RjStatus;
use crate::domain::types::PartyRole;
use crate::export::safe::inert;
use crate::store::views::case::{CaseHeader, CaseParty};
use crate::store::NewFeedback;
use crate::tui::form::Field;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply as Answers};

/// The footer offers feedback while a case is at the stage after its
/// process; the key works on any case, and the store decides.
pub(super) fn shown_for(header: &CaseHeader) -> bool {
    matches!(header.status, CaseStatus::Rj(RjStatus::ProcessHeld | RjStatus::AgreementMonitoring))
}

impl CaseScreen {
    pub(super) fn feedback_prompt(&self, header: &CaseHeader, ctx: &Ctx<'_>) -> Effect {
        match ctx.store.feedback_refused(header.case_id, header.service) {
            Ok(Some(why)) => return Effect::Error(format!("{}: {why}", header.reference)),
            Ok(None) => {}
            Err(e) => return Effect::Error(e.to_string()),
        }
        let people = self.case.as_ref().map_or(&[][..], |c| c.parties.people.as_slice());
        let scores: Vec<(String, String)> = (1..=5u8)
            .rev()
            .filter_map(|n| satisfaction_words(n).map(|w| (n.to_string(), format!("{n} {w}"))))
            .collect();
        let replies: Vec<(&str, &str)> = Reply::ALL.iter().map(|r| (r.label(), r.choice())).collect();
        let pending = PendingAction::Case(Pending::Feedback(header.case_id));
        Effect::Ask(
            Prompt::new(
                format!("Feedback — {}", header.reference),
                "What a participant said after the process. Ctrl-S saves from the comments.",
                pending,
            )
            .field(FieldId::GivenBy, Field::choice("From", givers(people), 0))
            .field(FieldId::CollectedOn, Field::date("Collected on", Some(ctx.today)).required())
            .field(FieldId::Satisfaction, Field::choice("Satisfaction", scores, 0))
            .field(FieldId::WouldRecommend, Field::choice_of("Would recommend", &replies, 0))
            .field(FieldId::FeltSafe, Field::choice_of("Felt safe", &replies, 0))
            .field(FieldId::Comments, Field::text("Comments").multi_line()),
        )
    }

    pub(super) fn record_feedback(&self, case_id: i64, reply: &Answers, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let Some(collected_on) = reply.date(FieldId::CollectedOn) else {
            return Effect::Error(
                "Not saved: give the day the feedback was collected, e.g. 20/11/2026 or today.".into(),
            );
        };
        let answer = |id| Reply::parse(reply.value(id)).unwrap_or(Reply::Unsure);
        let given_by = reply.value(FieldId::GivenBy);
        let person_id = given_by.strip_prefix(PERSON).and_then(|id| id.parse().ok());
        let people = self.case.as_ref().map_or(&[][..], |c| c.parties.people.as_slice());
        let from = FeedbackFrom::parse(given_by).unwrap_or(FeedbackFrom::Other);
        let who = match people.iter().find(|p| Some(p.person_id) == person_id) {
            Some(party) => party.name(),
            None => format!("the {}", from.label().to_lowercase()),
        };
        let feedback = NewFeedback {
            case_id,
            person_id,
            from,
            collected_on,
            satisfied: reply.value(FieldId::Satisfaction).parse().unwrap_or(0),
            would_recommend: answer(FieldId::WouldRecommend),
            felt_safe: answer(FieldId::FeltSafe),
            comments: reply.value(FieldId::Comments).to_string(),
        };
        let result = ctx.store.write(|tx| tx.record_feedback(&feedback));
        common::result_effect(result, inert(&format!("Saved: feedback on {} from {who}.", header.reference)))
    }
}

/// A choice's value for one of the case's people: this, then their id.
const PERSON: &str = "person:";

/// Who may have given the feedback: the case's people as the Case screen
/// shows them ("Zoë Nowak (Harmed)"), each once, then the parts no one on
/// the case has, and always someone else (a supporter not recorded, say).
fn givers(people: &[CaseParty]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for p in people {
        let value = format!("{PERSON}{}", p.person_id);
        if !out.iter().any(|(v, _)| *v == value) {
            out.push((value, inert(&format!("{} ({})", p.name(), p.role_label()))));
        }
    }
    let has = |role| people.iter().any(|p| p.role == role);
    let absent = |from: &FeedbackFrom| match from {
        FeedbackFrom::Harmed => !has(PartyRole::Harmed),
        FeedbackFrom::Responsible => !has(PartyRole::Offender),
        FeedbackFrom::Other => true,
    };
    out.extend(FeedbackFrom::ALL.iter().filter(|f| absent(f)).map(|f| (f.as_str().to_string(), f.giver().to_string())));
    out
}
