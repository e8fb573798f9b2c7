//! A timeline event in words: the sentence the Case screen shows for each
//! kind of event the store reads ("Suspected breach of condition 2: …").

use crate::domain::compliance::{hours_words, pounds, Progress};
use crate::domain::types::{AgreementItemStatus, ComplianceEventType};
use crate::store::views::case::{TimelineEntry, TimelineEvent};

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

/// The amount in pounds, unless the description already states it.
fn amount_beside(amount_pence: Option<i64>, description: &str) -> Option<String> {
    amount_pence.map(pounds).filter(|p| !description.contains(p.as_str()))
}

/// A compliance record in words: "attended, 4 hours done", "paid £40".
fn compliance_words(event: ComplianceEventType, h: Option<f64>, pence: Option<i64>) -> String {
    match (event, h, pence) {
        (ComplianceEventType::Attended, Some(h), _) => format!("Attended, {} done", hours_words(h)),
        (ComplianceEventType::Partial, Some(h), _) => format!("Partly done, {}", hours_words(h)),
        (ComplianceEventType::Partial, None, _) => "Partly done".to_string(),
        (ComplianceEventType::Payment, _, Some(p)) => format!("Paid {}", pounds(p)),
        (event, h, p) => format!("{}{}", event.label(), bracket(&[h.map(hours), p.map(pounds)])),
    }
}

fn condition_no(seq: Option<i64>) -> String {
    seq.map_or_else(|| "Condition".to_string(), |n| format!("Condition {n}"))
}

/// " of condition N", when the breach names its condition.
fn of_condition(seq: Option<i64>) -> String {
    seq.map(|n| format!(" of condition {n}")).unwrap_or_default()
}

/// `prefix` and the text, or nothing when there is no text.
fn after(prefix: &str, text: Option<impl std::fmt::Display>) -> String {
    text.map(|t| format!("{prefix}{t}")).unwrap_or_default()
}

/// What happened, in words (user text included: show it through `inert`).
pub fn timeline_text(entry: &TimelineEntry) -> String {
    match &entry.event {
        TimelineEvent::Received { service, source, referrer } => {
            format!(
                "{} case received from {}{}",
                service.label(),
                source.label(),
                after(", referred by ", referrer.as_ref())
            )
        }
        TimelineEvent::StatusChange { from, to, by } => {
            let from = from.map_or("(none)", |s| s.label());
            format!("{from} → {}{}", to.label(), by.as_ref().map(|u| format!(" (by {u})")).unwrap_or_default())
        }
        TimelineEvent::Decision { decision, risk, rationale, signed_off_by } => {
            let signoff = after("; signed off by ", signed_off_by.as_ref());
            format!("{}, risk {}: {rationale}{signoff}", decision.label(), risk.as_str())
        }
        TimelineEvent::Issued { disposal, complete_by, extended, authorised_by } => {
            let due_words = after("; complete by ", complete_by.map(crate::domain::dates::day));
            let extended = if *extended { " (extended exceptionally)" } else { "" };
            let by = after("; authorised by ", authorised_by.as_ref());
            format!("{} issued{due_words}{extended}{by}", disposal.label())
        }
        TimelineEvent::ConditionSet { seq, kind, description, provider, due_on, object, hours: h, amount_pence } => {
            let detail = bracket(&[
                provider.clone(),
                h.map(hours),
                amount_beside(*amount_pence, description),
                object.map(|o| format!("object: {}", o.label().to_lowercase())),
            ]);
            let due_words = due_on.map(crate::domain::dates::day).unwrap_or_default();
            format!("{} set: {} — {description}{detail}; due {due_words}", condition_no(*seq), kind.label())
        }
        TimelineEvent::ConditionDue {
            seq,
            kind,
            description,
            provider,
            status,
            hours: h,
            amount_pence,
            hours_done,
            paid_pence,
        } => {
            let detail = bracket(&[provider.clone(), h.map(hours), amount_beside(*amount_pence, description)]);
            let status = status.label().to_lowercase();
            let progress = Progress {
                hours_required: *h,
                hours_done: *hours_done,
                amount_pence: *amount_pence,
                paid_pence: *paid_pence,
            };
            // Said once something is recorded: the bracket already gives what is required.
            let so_far = match progress.words() {
                words if !words.is_empty() && (*hours_done > 0.0 || *paid_pence > 0) => {
                    format!("; {}", words.join("; "))
                }
                _ => String::new(),
            };
            format!("{} due: {} — {description}{detail}, now {status}{so_far}", condition_no(*seq), kind.label())
        }
        TimelineEvent::ConditionCompleted { seq, kind, evidence } => {
            let evidence = after("; evidence: ", evidence.as_ref());
            format!("{} completed: {}{evidence}", condition_no(*seq), kind.label())
        }
        TimelineEvent::Compliance { seq, event, note, hours: h, amount_pence } => {
            let what = compliance_words(*event, *h, *amount_pence);
            format!("{} · {what}{}", condition_no(*seq), after(": ", note.as_ref()))
        }
        TimelineEvent::Breach { seq, description, referred_to, referred_on, excuse_claimed } => {
            let excuse = if *excuse_claimed { "; reasonable excuse claimed" } else { "" };
            let referred = match (referred_to, referred_on) {
                (Some(to), Some(on)) => format!("; referred to {to} on {}", crate::domain::dates::day(*on)),
                (Some(to), None) => format!("; referred to {to}"),
                _ => "; not yet referred".to_string(),
            };
            format!("Suspected breach{}: {description}{excuse}{referred}", of_condition(*seq))
        }
        TimelineEvent::BreachDecision { seq, decision, new_due_on, excuse_assessment } => {
            let due_words = after("; new due date ", new_due_on.map(crate::domain::dates::day));
            let excuse = after("; excuse: ", excuse_assessment.as_ref());
            format!("Decision on the breach{}: {}{due_words}{excuse}", of_condition(*seq), decision.label())
        }
        TimelineEvent::Process { kind, status, venue, at, cancellation_reason, room_booked } => {
            let open = matches!(
                status,
                crate::domain::types::ProcessStatus::Planned | crate::domain::types::ProcessStatus::Confirmed
            );
            let room = if *room_booked == Some(false) && open { "; room not booked" } else { "" };
            let (at, venue) = (after(" at ", at.as_ref()), after(", ", venue.as_ref()));
            let why = after("; ", cancellation_reason.as_ref());
            format!("{} ({}){at}{venue}{room}{why}", kind.label(), status.label())
        }
        TimelineEvent::Agreement { status, review_on, signed_by_harmed, signed_by_responsible } => {
            let signed = match (signed_by_harmed, signed_by_responsible) {
                (true, true) => "signed by both",
                (true, false) => "signed by the harmed party only",
                (false, true) => "signed by the responsible party only",
                (false, false) => "not signed",
            };
            format!(
                "Outcome agreement ({}): {signed}{}",
                status.label().to_lowercase(),
                after("; review ", review_on.as_ref())
            )
        }
        TimelineEvent::HarmedInformed { agreement_status } => {
            format!("Harmed party told the result: {}", agreement_status.label().to_lowercase())
        }
        TimelineEvent::ItemDue { seq, kind, description, owner, status, amount_pence } => {
            let amount =
                bracket(&[amount_beside(*amount_pence, description), owner.as_ref().map(|o| format!("owner: {o}"))]);
            let (n, status) = (seq.unwrap_or(0), status.label().to_lowercase());
            format!("Item {n}: {} — {description}{amount}, now {status}", kind.label())
        }
        TimelineEvent::ItemDone { seq, kind, description, evidence, status } => {
            let evidence = after("; evidence: ", evidence.as_ref());
            // An item can also end not done or waived, on its date.
            let ended = match status {
                Some(s @ (AgreementItemStatus::NotDone | AgreementItemStatus::Waived)) => s.label().to_lowercase(),
                _ => "done".to_string(),
            };
            format!("Item {} {ended}: {} — {description}{evidence}", seq.unwrap_or(0), kind.label())
        }
        TimelineEvent::Contact {
            channel,
            incoming,
            summary,
            outcome,
            follow_up_on,
            follow_up_done,
            with,
            follow_up_outcome,
        } => {
            let direction = match with {
                Some(who) if *incoming => format!("from {who}"),
                Some(who) => format!("with {who}"),
                None if *incoming => "incoming".to_string(),
                None => "outgoing".to_string(),
            };
            let follow_up_words = match (follow_up_on, follow_up_done) {
                (Some(d), true) => {
                    format!(
                        "; follow-up {} done{}",
                        crate::domain::dates::day(*d),
                        after(": ", follow_up_outcome.as_ref())
                    )
                }
                (Some(d), false) => format!("; follow-up due {}", crate::domain::dates::day(*d)),
                (None, _) => String::new(),
            };
            format!("{}, {direction}: {summary}{}{follow_up_words}", channel.label(), after(" → ", outcome.as_ref()))
        }
        TimelineEvent::Closed { outcome } => {
            format!("Case closed: {}", outcome.as_deref().unwrap_or("no outcome recorded"))
        }
        TimelineEvent::Retention { decision: Some(decision), decided_on, rationale } => {
            let on_words = after(" on ", decided_on.map(crate::domain::dates::day));
            format!("Retention review decided{on_words}: {decision}{}", after(": ", rationale.as_ref()))
        }
        TimelineEvent::Retention { decision: None, .. } => {
            "Retention review due: keep or dispose of the record (DPA 2018 s.39)".to_string()
        }
        TimelineEvent::Document { title, file_name, size_bytes, .. } => {
            format!("{title} ({file_name}, {}): Enter opens it", size_words(*size_bytes))
        }
        TimelineEvent::Feedback { from, person, satisfied, would_recommend, felt_safe, comments } => {
            let part = from.map_or("A participant", |f| f.label()).to_lowercase();
            let who = match person {
                Some((name, role)) => format!("{name} ({})", role.label()),
                None => part,
            };
            let score =
                satisfied.and_then(crate::domain::feedback::satisfaction_words).unwrap_or("satisfaction not given");
            format!(
                "Feedback from {who}: {score}; would recommend: {}; felt safe: {}{}",
                would_recommend.label(),
                felt_safe.label(),
                after(" — ", comments.as_ref().map(|c| c.replace('\n', " ")))
            )
        }
    }
}

/// A file's size as a person reads it: "840 bytes", "12 KB", "3.4 MB".
fn size_words(bytes: i64) -> String {
    const KB: i64 = 1024;
    match bytes {
        b if b < KB => format!("{b} bytes"),
        b if b < KB * KB => format!("{} KB", (b + KB / 2) / KB),
        b => format!("{:.1} MB", b as f64 / (KB * KB) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::views::case::EventKind;
    use chrono::NaiveDate;

    fn entry(kind: EventKind, event: TimelineEvent) -> TimelineEntry {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        TimelineEntry { date, kind, id: 1, pending: event.is_pending(), event }
    }

    #[test]
    fn a_breach_reads_as_a_sentence_naming_its_condition_and_referral() {
        let breach = TimelineEvent::Breach {
            seq: Some(2),
            description: "Missed the session".into(),
            referred_to: Some("DM Shah".into()),
            referred_on: NaiveDate::from_ymd_opt(2026, 11, 21),
            excuse_claimed: true,
        };
        assert_eq!(
            timeline_text(&entry(EventKind::Breach, breach)),
            "Suspected breach of condition 2: Missed the session; reasonable excuse claimed; referred to DM Shah on Sat 21 Nov 2026"
        );
    }

    #[test]
    fn an_amount_already_in_the_description_is_not_said_twice() {
        let due = |description: &str| TimelineEvent::ItemDue {
            seq: Some(1),
            kind: crate::domain::types::AgreementItemKind::RestitutionPayment,
            description: description.into(),
            owner: None,
            status: crate::domain::types::AgreementItemStatus::Open,
            amount_pence: Some(4000),
        };
        assert_eq!(
            timeline_text(&entry(EventKind::ItemDue, due("Pay £40"))),
            "Item 1: Restitution payment — Pay £40, now open"
        );
        assert_eq!(
            timeline_text(&entry(EventKind::ItemDue, due("Pay for the window"))),
            "Item 1: Restitution payment — Pay for the window (£40), now open"
        );
    }

    #[test]
    fn money_and_hours_read_as_people_write_them() {
        assert_eq!(pounds(4000), "£40");
        assert_eq!(pounds(1250), "£12.50");
        assert_eq!(hours(10.0), "10 h");
        assert_eq!(hours(2.5), "2.5 h");
    }
}
