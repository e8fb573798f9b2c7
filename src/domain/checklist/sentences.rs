//! An item's answer as a sentence that reads right ("Venue / travel
//! safety: no concerns", not "No"), built from the typed answer: the one
//! place the words for each item live, for the Checklist screen and
//! anything else that shows an answer. One table for the items whose label
//! is a statement (so "yes" and "no" alone would read wrongly after it).

use super::{Answer, AnswerEntry, ChecklistItem, ChecklistSection};

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
    (
        "SU_WILLING_RESP",
        "Responsible party's motive",
        "genuine, willing to take part",
        "unwilling, or only for leniency",
    ),
    ("SU_CAPACITY", "Capacity to take part", "yes, needs identified", "in doubt"),
    ("SU_PROCEEDINGS", "Live proceedings RJ could prejudice", "none", "there are some"),
    ("SU_ORDERS", "Order or licence prohibiting contact", "none", "there is one"),
    ("SU_METHOD", "Safe method", "at least one available", "none available"),
    ("SU_FACILITATOR", "Trained facilitator", "available", "not available"),
];

/// What the item is about: "Crime or ASB reference" for the statement
/// "Crime/incident or ASB reference present"; a risk area's own name.
pub fn topic(item: &ChecklistItem) -> &'static str {
    PHRASES.iter().find(|(code, ..)| *code == item.code).map_or(item.label, |(_, topic, ..)| topic)
}

/// What the answer says of the item: "present", "no concerns", "not known
/// yet", "a concern, high severity".
pub fn answer_words(item: &ChecklistItem, entry: &AnswerEntry) -> String {
    let row = PHRASES.iter().find(|(code, ..)| *code == item.code);
    match (item.section, entry.answer) {
        (ChecklistSection::Risk, Answer::Yes) => match entry.severity {
            Some(s) => format!("a {} concern", s.as_str()),
            // The detail below the list says it is not recorded (counted as medium).
            None => "a concern".to_string(),
        },
        (ChecklistSection::Risk, Answer::No | Answer::NotApplicable) => "no concerns".to_string(),
        (_, Answer::Unknown) => "not known yet".to_string(),
        (_, Answer::NotApplicable) if item.code == "SC_REF" => "none, a self-referral with no report".to_string(),
        (_, Answer::NotApplicable) => "does not apply".to_string(),
        (_, Answer::Yes) => row.map_or("yes", |(_, _, yes, _)| yes).to_string(),
        (_, Answer::No) => row.map_or("no", |(.., no)| no).to_string(),
    }
}

/// "Venue / travel safety: no concerns"; "not answered yet" when there is
/// no answer.
pub fn sentence(item: &ChecklistItem, entry: Option<&AnswerEntry>) -> String {
    match entry {
        Some(entry) => format!("{}: {}", topic(item), answer_words(item, entry)),
        None => format!("{}: not answered yet", topic(item)),
    }
}

/// An answer intake's facts suggest, not yet confirmed: "Crime or ASB
/// reference: present, prefilled from intake".
pub fn suggested_sentence(item: &ChecklistItem, answer: Answer) -> String {
    format!("{}, prefilled from intake", sentence(item, Some(&AnswerEntry::new(answer))))
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
            "Mental health: a high concern"
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
        assert_eq!(
            suggested_sentence(item("SC_REF").unwrap(), Answer::Yes),
            "Crime or ASB reference: present, prefilled from intake"
        );
        assert_eq!(said("SU_WILLING_HARMED", AnswerEntry::new(Answer::Unknown)), "Harmed party: not known yet");
    }

    #[test]
    fn every_statement_item_has_its_words() {
        for item in ITEMS.iter().filter(|i| i.section != ChecklistSection::Risk) {
            assert!(PHRASES.iter().any(|(code, ..)| *code == item.code), "{} has no words", item.code);
        }
    }

    /// The Checklist screen gives a sentence 60 columns (its row width).
    #[test]
    fn every_answer_reads_within_sixty_columns() {
        let severities = [None, Some(RiskSeverity::Low), Some(RiskSeverity::Medium), Some(RiskSeverity::High)];
        for item in ITEMS {
            for answer in Answer::ALL {
                for severity in severities {
                    let mut entry = AnswerEntry::new(answer);
                    entry.severity = severity;
                    let said = sentence(item, Some(&entry));
                    assert!(said.chars().count() <= 60, "{said}");
                }
            }
        }
    }
}
