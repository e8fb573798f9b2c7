//! An item's answer as a sentence that reads right ("Venue / travel
//! safety: no concerns", not "No"), built here from the typed answer: the
//! screen's words, one table for the items whose label is a statement.

use crate::domain::checklist::{Answer, AnswerEntry, ChecklistItem, ChecklistSection};

/// What the item is about, and what yes and no say of it, for the sense-check
/// and suitability items (their labels are statements, so "yes" and "no"
/// alone read wrongly after them).
const PHRASES: &[(&str, &str, &str, &str)] = &[
    ("SC_REF", "Crime or ASB reference", "present", "not given yet"),
    ("SC_PARTIES", "Harmed and responsible parties", "identified", "not all identified"),
    ("SC_STAGE", "Criminal justice stage", "known", "not known"),
    ("SC_CONSENT_SHARE", "Consent to share", "given", "not given"),
    ("SC_OFFENCE", "Offence and its date", "described and known", "not yet known"),
    ("SC_AGE", "Ages of the parties", "known", "not all known"),
    ("SC_NO_CONFLICT", "Conflict of interest", "none", "there is one"),
    ("SC_DUPLICATE", "Open elsewhere", "no, not open here or on a partner system", "yes, already open"),
    ("SU_ACCEPTS", "Responsible party", "acknowledges the harm", "does not acknowledge the harm"),
    ("SU_WILLING_HARMED", "Harmed party", "informed and willing", "not willing"),
    ("SU_WILLING_RESP", "Responsible party", "willing, for the right reasons", "not willing, or for the wrong reasons"),
    ("SU_CAPACITY", "Capacity to take part", "yes, needs identified", "in doubt"),
    ("SU_PROCEEDINGS", "Live proceedings RJ could prejudice", "none", "there are some"),
    ("SU_ORDERS", "Order or licence prohibiting contact", "none", "there is one"),
    ("SU_METHOD", "Safe method", "at least one available", "none available"),
    ("SU_FACILITATOR", "Trained facilitator", "available", "not available"),
];

/// "Venue / travel safety: no concerns"; "not answered" when there is no answer.
pub(super) fn sentence(item: &ChecklistItem, entry: Option<&AnswerEntry>) -> String {
    let row = PHRASES.iter().find(|(code, ..)| *code == item.code);
    let topic = row.map_or(item.label, |(_, topic, ..)| topic);
    let Some(entry) = entry else { return format!("{topic}: not answered yet") };
    let said = match (item.section, entry.answer) {
        (ChecklistSection::Risk, Answer::Yes) => match entry.severity {
            Some(s) => format!("a concern, {} severity", s.as_str()),
            None => "a concern, severity not recorded".to_string(),
        },
        (ChecklistSection::Risk, Answer::No | Answer::NotApplicable) => "no concerns".to_string(),
        (_, Answer::Unknown) => "not known yet".to_string(),
        (_, Answer::NotApplicable) if item.code == "SC_REF" => "none, a self-referral with no report".to_string(),
        (_, Answer::NotApplicable) => "does not apply".to_string(),
        (_, Answer::Yes) => row.map_or("yes", |(_, _, yes, _)| yes).to_string(),
        (_, Answer::No) => row.map_or("no", |(.., no)| no).to_string(),
    };
    format!("{topic}: {said}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::{item, RiskSeverity, ITEMS};

    fn said(code: &str, entry: AnswerEntry) -> String {
        sentence(item(code).unwrap(), Some(&entry))
    }

    #[test]
    fn answers_read_as_sentences() {
        assert_eq!(said("RK_VENUE", AnswerEntry::new(Answer::No)), "Venue / travel safety: no concerns");
        assert_eq!(
            said("RK_MH", AnswerEntry::new(Answer::Yes).with_severity(RiskSeverity::High)),
            "Mental health: a concern, high severity"
        );
        assert_eq!(
            said("SU_ACCEPTS", AnswerEntry::new(Answer::No)),
            "Responsible party: does not acknowledge the harm"
        );
        assert_eq!(
            said("SC_REF", AnswerEntry::new(Answer::NotApplicable)),
            "Crime or ASB reference: none, a self-referral with no report"
        );
        assert_eq!(sentence(item("SC_AGE").unwrap(), None), "Ages of the parties: not answered yet");
    }

    #[test]
    fn every_statement_item_has_its_words() {
        for item in ITEMS.iter().filter(|i| i.section != ChecklistSection::Risk) {
            assert!(PHRASES.iter().any(|(code, ..)| *code == item.code), "{} has no words", item.code);
        }
    }
}
