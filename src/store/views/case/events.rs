//! One timeline row in words: the raw columns read, and the sentence each
//! kind of event makes of them.

use rusqlite::Row;

use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::checklist::Decision;
use crate::domain::status::{BreachDecision, DisposalType, OocdStatus, RjStatus};
use crate::domain::types::{
    AgreementItemKind, AgreementItemStatus, ComplianceEventType, ContactChannel, ProcessKind, ProcessStatus, Service,
    Source,
};
use crate::store::reads::parse_day;

use super::timeline::{EventKind, TimelineEntry};

/// The raw columns of one timeline row.
pub(super) struct EventRow {
    pub(super) date: String,
    pub(super) rank: i64,
    pub(super) id: i64,
    pub(super) t: [Option<String>; 5],
    pub(super) x1: Option<f64>,
    pub(super) n1: Option<i64>,
    pub(super) n2: Option<i64>,
}

pub(super) fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        date: r.get(0)?,
        rank: r.get(1)?,
        id: r.get(2)?,
        t: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
        x1: r.get(8)?,
        n1: r.get(9)?,
        n2: r.get(10)?,
    })
}

/// A stored snake_case value in words, through the vocabulary that owns it.
fn words(value: &str) -> String {
    value.replace('_', " ")
}

/// A case status in words, whichever machine it belongs to.
pub fn status_label(status: &str) -> String {
    OocdStatus::parse(status)
        .map(|s| s.label().to_string())
        .or_else(|| RjStatus::parse(status).map(|s| s.label().to_string()))
        .unwrap_or_else(|| words(status))
}

fn condition_kind_label(kind: &str) -> String {
    ConditionKind::parse(kind).map_or_else(|| words(kind), |k| k.label().to_string())
}

fn pounds(pence: i64) -> String {
    if pence % 100 == 0 {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

fn hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0} h")
    } else {
        format!("{h} h")
    }
}

/// "(a, b, c)" of the present parts, or nothing.
fn bracket(parts: &[Option<String>]) -> String {
    let present: Vec<&str> = parts.iter().flatten().map(String::as_str).filter(|s| !s.is_empty()).collect();
    if present.is_empty() {
        String::new()
    } else {
        format!(" ({})", present.join(", "))
    }
}

impl EventRow {
    fn text(&self, i: usize) -> Option<String> {
        self.t[i].clone().filter(|s| !s.trim().is_empty())
    }

    fn s(&self, i: usize) -> String {
        self.text(i).unwrap_or_default()
    }

    /// The amount in pounds, unless the text at `i` already states it.
    fn amount_beside(&self, i: usize) -> Option<String> {
        self.n1.map(pounds).filter(|p| !self.s(i).contains(p.as_str()))
    }

    fn condition_no(&self) -> String {
        self.n2.map_or_else(|| "Condition".to_string(), |n| format!("Condition {n}"))
    }

    pub(super) fn into_entry(self) -> Option<TimelineEntry> {
        let kind = EventKind::from_rank(self.rank)?;
        let date = parse_day(&self.date);
        let mut pending = false;
        let text = match kind {
            EventKind::Received => {
                let source = Source::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |s| s.label().to_string());
                let service = Service::parse(&self.s(2)).map_or("Referral", |s| s.label());
                let referrer = self.text(1).map(|r| format!(", referred by {r}")).unwrap_or_default();
                format!("{service} case received from {source}{referrer}")
            }
            EventKind::StatusChange => {
                let from = self.text(0).map_or_else(|| "(none)".to_string(), |s| status_label(&s));
                let by = self.text(2).map(|u| format!(" (by {u})")).unwrap_or_default();
                format!("{from} → {}{by}", status_label(&self.s(1)))
            }
            EventKind::Decision => {
                let decision = Decision::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |d| d.label().to_string());
                let signoff = self.text(4).map(|m| format!("; signed off by {m}")).unwrap_or_default();
                format!("{decision}, risk {}: {}{signoff}", self.s(1), self.s(2))
            }
            EventKind::Issued => {
                let disposal =
                    DisposalType::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |d| d.label().to_string());
                let due = self.text(1).map(|d| format!("; complete by {d}")).unwrap_or_default();
                let extended = if self.n1 == Some(1) { " (extended exceptionally)" } else { "" };
                let by = self.text(2).map(|a| format!("; authorised by {a}")).unwrap_or_default();
                format!("{disposal} issued{due}{extended}{by}")
            }
            EventKind::ConditionSet => {
                let object = ConditionObject::parse(&self.s(4)).map(|o| o.label().to_lowercase());
                let detail = bracket(&[
                    self.text(2),
                    self.x1.map(hours),
                    self.amount_beside(1),
                    object.map(|o| format!("object: {o}")),
                ]);
                format!(
                    "{} set: {} — {}{detail}; due {}",
                    self.condition_no(),
                    condition_kind_label(&self.s(0)),
                    self.s(1),
                    self.s(3)
                )
            }
            EventKind::ConditionDue => {
                pending = true;
                let status = words(&self.s(3));
                let detail = bracket(&[self.text(2), self.x1.map(hours), self.amount_beside(1)]);
                format!(
                    "{} due: {} — {}{detail} [{status}]",
                    self.condition_no(),
                    condition_kind_label(&self.s(0)),
                    self.s(1)
                )
            }
            EventKind::ConditionCompleted => {
                let evidence = self.text(1).map(|e| format!("; evidence: {e}")).unwrap_or_default();
                format!("{} completed: {}{evidence}", self.condition_no(), condition_kind_label(&self.s(0)))
            }
            EventKind::Compliance => {
                let event =
                    ComplianceEventType::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |e| e.label().to_string());
                let detail = bracket(&[self.x1.map(hours), self.n1.map(pounds)]);
                let note = self.text(1).map(|n| format!(": {n}")).unwrap_or_default();
                format!("{} · {event}{detail}{note}", self.condition_no())
            }
            EventKind::Breach => {
                let on = self.n2.map(|n| format!(" of condition {n}")).unwrap_or_default();
                let excuse = if self.n1 == Some(1) { "; reasonable excuse claimed" } else { "" };
                let referred = match (self.text(1), self.text(2)) {
                    (Some(to), Some(on)) => format!("; referred to {to} on {on}"),
                    (Some(to), None) => format!("; referred to {to}"),
                    _ => "; not yet referred".to_string(),
                };
                format!("Suspected breach{on}: {}{excuse}{referred}", self.s(0))
            }
            EventKind::BreachDecision => {
                let decision =
                    BreachDecision::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |d| d.label().to_string());
                let due = self.text(1).map(|d| format!("; new due date {d}")).unwrap_or_default();
                let excuse = self.text(2).map(|e| format!("; excuse: {e}")).unwrap_or_default();
                let on = self.n2.map(|n| format!(" of condition {n}")).unwrap_or_default();
                format!("Decision on the breach{on}: {decision}{due}{excuse}")
            }
            EventKind::Process => {
                let process =
                    ProcessKind::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |k| k.label().to_string());
                let status =
                    ProcessStatus::parse(&self.s(1)).map_or_else(|| words(&self.s(1)), |s| s.label().to_string());
                let at = self.text(3).map(|t| format!(" at {t}")).unwrap_or_default();
                let venue = self.text(2).map(|v| format!(", {v}")).unwrap_or_default();
                let room = if self.n1 == Some(0) && matches!(self.s(1).as_str(), "planned" | "confirmed") {
                    "; room not booked"
                } else {
                    ""
                };
                let why = self.text(4).map(|c| format!("; {c}")).unwrap_or_default();
                format!("{process} ({status}){at}{venue}{room}{why}")
            }
            EventKind::Agreement => {
                let signed = match (self.n1 == Some(1), self.n2 == Some(1)) {
                    (true, true) => "signed by both",
                    (true, false) => "signed by the harmed party only",
                    (false, true) => "signed by the responsible party only",
                    (false, false) => "not signed",
                };
                let review = self.text(1).map(|d| format!("; review {d}")).unwrap_or_default();
                format!("Outcome agreement ({}): {signed}{review}", words(&self.s(0)))
            }
            EventKind::HarmedInformed => format!("Harmed party told the result: {}", words(&self.s(0))),
            EventKind::ItemDue => {
                pending = true;
                let item =
                    AgreementItemKind::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |k| k.label().to_string());
                let amount = bracket(&[self.amount_beside(1), self.text(2).map(|o| format!("owner: {o}"))]);
                format!("Item {}: {item} — {}{amount} [{}]", self.n2.unwrap_or(0), self.s(1), words(&self.s(3)))
            }
            EventKind::ItemDone => {
                let item =
                    AgreementItemKind::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |k| k.label().to_string());
                let evidence = self.text(2).map(|e| format!("; evidence: {e}")).unwrap_or_default();
                // An item can also end not done or waived, on its date.
                let ended = AgreementItemStatus::parse(&self.s(3))
                    .filter(|s| matches!(s, AgreementItemStatus::NotDone | AgreementItemStatus::Waived))
                    .map_or("done".to_string(), |s| s.label().to_lowercase());
                format!("Item {} {ended}: {item} — {}{evidence}", self.n2.unwrap_or(0), self.s(1))
            }
            EventKind::Contact => {
                let channel =
                    ContactChannel::parse(&self.s(0)).map_or_else(|| words(&self.s(0)), |c| c.label().to_string());
                let direction = if self.s(1) == "in" { "incoming" } else { "outgoing" };
                let outcome = self.text(3).map(|o| format!(" → {o}")).unwrap_or_default();
                let follow_up = match (self.text(4), self.n1 == Some(1)) {
                    (Some(d), true) => format!("; follow-up {d} done"),
                    (Some(d), false) => format!("; follow-up due {d}"),
                    (None, _) => String::new(),
                };
                format!("{channel}, {direction}: {}{outcome}{follow_up}", self.s(2))
            }
            EventKind::Closed => {
                format!("Case closed: {}", self.text(0).unwrap_or_else(|| "no outcome recorded".to_string()))
            }
            EventKind::Retention => match self.text(0) {
                Some(decision) => {
                    let on = self.text(1).map(|d| format!(" on {d}")).unwrap_or_default();
                    let why = self.text(2).map(|r| format!(": {r}")).unwrap_or_default();
                    format!("Retention review decided{on}: {decision}{why}")
                }
                None => {
                    pending = true;
                    "Retention review due: keep or dispose of the record (DPA 2018 s.39)".to_string()
                }
            },
        };
        Some(TimelineEntry { date, kind, id: self.id, text, pending })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_hours_read_as_people_write_them() {
        assert_eq!(pounds(4000), "£40");
        assert_eq!(pounds(1250), "£12.50");
        assert_eq!(hours(10.0), "10 h");
        assert_eq!(hours(2.5), "2.5 h");
    }
}
