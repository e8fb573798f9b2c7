//! An edit said in words for the audit log: each field that moved, as it
//! was and as it is now ("offence date Thu 1 Oct 2026 → Sat 3 Oct 2026"), worded by
//! labels, never by the codes the database keeps.

use chrono::NaiveDate;

/// The fields an edit moved, in the order they were compared.
#[derive(Debug, Default)]
pub(crate) struct Changes(Vec<String>);

impl Changes {
    /// Note `what` if it moved, worded by `words`.
    pub(crate) fn note<T: PartialEq>(&mut self, what: &str, old: &T, new: &T, words: impl Fn(&T) -> String) {
        if old != new {
            self.0.push(format!("{what} {} → {}", words(old), words(new)));
        }
    }

    /// Note a piece of text, compared as it is stored (trimmed, blank as none).
    pub(crate) fn text(&mut self, what: &str, old: &Option<String>, new: &Option<String>) {
        self.note(what, &stored(old), &stored(new), |t| t.clone().unwrap_or_else(|| "none".into()));
    }

    pub(crate) fn day(&mut self, what: &str, old: &Option<NaiveDate>, new: &Option<NaiveDate>) {
        self.note(what, old, new, |d| d.map_or_else(|| "none".into(), crate::domain::dates::day));
    }

    pub(crate) fn yes_no(&mut self, what: &str, old: bool, new: bool) {
        self.note(what, &old, &new, |b| if *b { "yes".into() } else { "no".into() });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What the audit row keeps as the edit's justification.
    pub(crate) fn sentence(&self, what: &str) -> String {
        format!("{what} edited: {}", self.0.join("; "))
    }

    pub(crate) fn into_lines(self) -> Vec<String> {
        self.0
    }
}

/// Text as the store keeps it: trimmed, and blank as nothing.
fn stored(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// An amount of money in pence, in pounds.
pub(crate) fn pounds(pence: &Option<i64>) -> String {
    pence.map_or_else(|| "none".into(), |p| format!("£{}.{:02}", p / 100, p % 100))
}

pub(crate) fn hours(hours: &Option<f64>) -> String {
    hours.map_or_else(|| "none".into(), |h| format!("{h} hours"))
}
