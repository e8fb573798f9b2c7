//! One case's recorded answers, and the sense-check gate over them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::items::{item, items_in};
use super::vocabulary::{Answer, ChecklistSection, RiskSeverity};

/// One recorded answer. `severity` only means something for a risk item
/// answered yes; elsewhere it is kept but ignored. `note` is an *assessment*
/// in the §12.1(5) sense, not a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerEntry {
    pub answer: Answer,
    #[serde(default)]
    pub severity: Option<RiskSeverity>,
    #[serde(default)]
    pub note: String,
}

impl AnswerEntry {
    pub fn new(answer: Answer) -> Self {
        AnswerEntry { answer, severity: None, note: String::new() }
    }

    pub fn with_severity(mut self, severity: RiskSeverity) -> Self {
        self.severity = Some(severity);
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}

/// `set` was given a code that is not in [`ITEMS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a checklist item code.")]
pub struct UnknownItem(pub String);

/// The answers recorded for one case, keyed by item code. A BTreeMap so that
/// serialised answers (and the audit log entries built from them) are stable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers {
    by_code: BTreeMap<String, AnswerEntry>,
}

impl Answers {
    pub fn new() -> Self {
        Answers::default()
    }

    /// Record an answer. Unknown codes are refused so that a typo cannot
    /// silently leave a real item unanswered. (Deserialised data is taken as
    /// is; entries for codes not in [`ITEMS`] are ignored by every rule here.)
    pub fn set(&mut self, code: &str, entry: AnswerEntry) -> Result<(), UnknownItem> {
        match item(code) {
            Some(i) => {
                self.by_code.insert(i.code.to_string(), entry);
                Ok(())
            }
            None => Err(UnknownItem(code.to_string())),
        }
    }

    pub fn get(&self, code: &str) -> Option<&AnswerEntry> {
        self.by_code.get(code)
    }

    /// The answer to an item; a missing answer is `Unknown`, because nothing
    /// recorded is not evidence that a risk is absent.
    pub fn answer(&self, code: &str) -> Answer {
        self.get(code).map_or(Answer::Unknown, |e| e.answer)
    }

    pub fn remove(&mut self, code: &str) -> Option<AnswerEntry> {
        self.by_code.remove(code)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerEntry)> {
        self.by_code.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Severity of a risk area counted as present (answered yes); `None` if the
    /// area is not present. Present with no severity recorded counts as medium
    /// (see [`overall_risk`]).
    pub fn present_severity(&self, code: &str) -> Option<RiskSeverity> {
        match self.get(code) {
            Some(e) if e.answer == Answer::Yes => Some(e.severity.unwrap_or(RiskSeverity::Medium)),
            _ => None,
        }
    }

    pub(super) fn is_present(&self, code: &str) -> bool {
        self.answer(code) == Answer::Yes
    }
}

/// The sense-check gate (§12.4): every SC item must be yes or n/a before the
/// case may leave SENSE_CHECK. The error lists the codes still outstanding, in
/// checklist order.
pub fn sense_check_complete(answers: &Answers) -> Result<(), Vec<&'static str>> {
    let outstanding: Vec<&'static str> = items_in(ChecklistSection::SenseCheck)
        .filter(|i| !matches!(answers.answer(i.code), Answer::Yes | Answer::NotApplicable))
        .map(|i| i.code)
        .collect();
    if outstanding.is_empty() {
        Ok(())
    } else {
        Err(outstanding)
    }
}
