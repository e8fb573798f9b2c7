//! What intake already knows answers some sense-check items before anyone
//! asks: a crime reference on file, both parties recorded (the harmed party
//! with a way to reach them), the offence described and dated. These are
//! offered, never saved: only an answer the coordinator confirms counts
//! towards the sense-check and the decision rules.

use super::answers::Answers;
use super::vocabulary::Answer;

/// The facts of the referral as intake recorded them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntakeFacts {
    pub crime_ref: bool,
    pub offence_described: bool,
    pub offence_dated: bool,
    pub harmed_recorded: bool,
    /// The harmed party has a phone number, email or address on file.
    pub harmed_contact: bool,
    pub responsible_recorded: bool,
}

/// The answers intake's facts suggest, for items not answered yet.
pub fn prefill(facts: &IntakeFacts, answers: &Answers) -> Vec<(&'static str, Answer)> {
    let known = [
        ("SC_REF", facts.crime_ref),
        ("SC_PARTIES", facts.harmed_recorded && facts.harmed_contact && facts.responsible_recorded),
        ("SC_OFFENCE", facts.offence_described && facts.offence_dated),
    ];
    known
        .into_iter()
        .filter(|(code, yes)| *yes && answers.get(code).is_none())
        .map(|(code, _)| (code, Answer::Yes))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::AnswerEntry;

    #[test]
    fn only_facts_on_file_suggest_and_only_for_unanswered_items() {
        let all = IntakeFacts {
            crime_ref: true,
            offence_described: true,
            offence_dated: true,
            harmed_recorded: true,
            harmed_contact: true,
            responsible_recorded: true,
        };
        let none = Answers::new();
        assert_eq!(
            prefill(&all, &none),
            [("SC_REF", Answer::Yes), ("SC_PARTIES", Answer::Yes), ("SC_OFFENCE", Answer::Yes)]
        );
        // No way to reach the harmed party: the parties item is left to ask.
        let unreachable = IntakeFacts { harmed_contact: false, ..all };
        assert_eq!(prefill(&unreachable, &none), [("SC_REF", Answer::Yes), ("SC_OFFENCE", Answer::Yes)]);
        let mut answered = Answers::new();
        answered.set("SC_REF", AnswerEntry::new(Answer::No)).unwrap();
        assert_eq!(prefill(&all, &answered).len(), 2, "an answer given is never overridden");
        assert!(prefill(&IntakeFacts::default(), &none).is_empty());
    }
}
