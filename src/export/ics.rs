//! Calendar files (RFC 5545) for a conference or meeting, for the desk's own
//! mail client. The event names the kind of process and the case reference,
//! never a participant.
//!
//! Every facilitator of the meeting is in the one file, as an ATTENDEE of
//! its one VEVENT (issue 14 §5), rather than one event each: it is one
//! meeting with one UID, so a calendar that receives the file again (a new
//! time, a facilitator changed) updates that meeting for everyone instead of
//! holding copies that drift apart. A facilitator is invited by the email
//! the directory holds; one without an email is named in the description.

use std::path::Path;

use chrono::NaiveDateTime;

use crate::domain::types::ProcessStatus;
use crate::export::write_recorded;
use crate::store::views::agreements::ArrangementRow;
use crate::store::{AuditEntry, AuditOp, Store};

/// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets.
const MAX_LINE_OCTETS: usize = 75;

/// The case's next planned or confirmed process as an .ics file, logged as
/// an export; returns what was written ("conference", "mediation meeting" ...).
pub fn write_next_process(store: &mut Store, case_ref: &str, output: &Path) -> anyhow::Result<String> {
    let process = next_process(store, case_ref)?;
    let process_id = process.process_id.unwrap_or_default();
    let text = ics_for_process(store, process_id)?;
    let mut entry = AuditEntry::new(AuditOp::Export, "rj_process", process_id).case(process.case_id);
    entry.justification = Some("calendar file for the desk's own mail client".into());
    entry.recipient = Some(output.display().to_string());
    write_recorded(store, output, |tx| {
        tx.audit(&entry)?;
        Ok(((), text.into_bytes()))
    })?;
    Ok(kind_label(&process).to_lowercase())
}

/// The earliest planned or confirmed process of the case that has a date.
fn next_process(store: &Store, case_ref: &str) -> anyhow::Result<ArrangementRow> {
    let case_ref = case_ref.trim();
    let case_id = store.case_id_by_ref(case_ref)?.ok_or_else(|| anyhow::anyhow!("there is no case {case_ref}"))?;
    let live: Vec<ArrangementRow> = store
        .processes_of_case(case_id)?
        .into_iter()
        .filter(|p| matches!(p.status, Some(ProcessStatus::Planned | ProcessStatus::Confirmed)))
        .collect();
    if live.is_empty() {
        anyhow::bail!("{case_ref} has no planned or confirmed conference or meeting to put in a calendar");
    }
    live.into_iter().filter(|p| p.scheduled_for.is_some()).min_by_key(|p| (p.scheduled_for, p.process_id)).ok_or_else(
        || anyhow::anyhow!("the conference or meeting for {case_ref} has no date and time yet; set one first"),
    )
}

/// The calendar text for one process (the Agreements screen calls this too).
pub fn ics_for_process(store: &Store, process_id: i64) -> anyhow::Result<String> {
    let process = store
        .process_row(process_id)?
        .ok_or_else(|| anyhow::anyhow!("there is no conference or meeting {process_id}"))?;
    let start = process.scheduled_for.ok_or_else(|| {
        anyhow::anyhow!("the conference or meeting for {} has no date and time yet", process.case_ref)
    })?;
    let booking = Booked {
        minutes: store.booking_of(process_id)?.minutes,
        room: store.room_of(process_id)?,
        facilitators: store.facilitator_contacts(process_id)?,
    };
    Ok(calendar(&process, &booking, start, chrono::Utc::now().naive_utc()))
}

/// How the meeting is booked in the diary: its length, its room of the
/// directory, and the directory's facilitators with their emails.
struct Booked {
    minutes: u32,
    room: Option<String>,
    facilitators: Vec<(String, Option<String>)>,
}

fn kind_label(p: &ArrangementRow) -> String {
    p.kind.map_or("Meeting", |k| k.label()).to_string()
}

/// The VCALENDAR with one VEVENT, CRLF line ends, long lines folded.
fn calendar(p: &ArrangementRow, booked: &Booked, start: NaiveDateTime, stamp: NaiveDateTime) -> String {
    let status = if p.status == Some(ProcessStatus::Confirmed) { "CONFIRMED" } else { "TENTATIVE" };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//casedesk//casedesk//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:process-{}@casedesk", p.process_id.unwrap_or_default()),
        format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
        // Floating local time: the meeting is at this clock time wherever the desk is.
        format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")),
        format!("DURATION:{}", duration_value(booked.minutes)),
        format!("SUMMARY:{}", escape_text(&format!("{} — {}", kind_label(p), p.case_ref))),
    ];
    let place = booked.room.as_deref().or(p.venue.as_deref()).filter(|v| !v.trim().is_empty());
    if let Some(place) = place {
        lines.push(format!("LOCATION:{}", escape_text(place)));
    }
    for (name, email) in &booked.facilitators {
        if let Some(email) = email.as_deref().map(str::trim).filter(|e| e.contains('@')) {
            lines.push(format!(
                "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT:mailto:{}",
                param_text(name),
                inert_address(email)
            ));
        }
    }
    lines.push(format!("DESCRIPTION:{}", escape_text(&description(p))));
    lines.push(format!("STATUS:{status}"));
    lines.extend(["END:VEVENT".to_string(), "END:VCALENDAR".to_string()]);
    lines.iter().map(|l| fold(l) + "\r\n").collect()
}

/// The arrangements the desk checks before the day: room, refreshments and
/// who facilitates (staff, not participants).
fn description(p: &ArrangementRow) -> String {
    let refreshments = p.refreshments.as_deref().filter(|r| !r.trim().is_empty()).unwrap_or("none arranged");
    let facilitators = if p.facilitators.trim().is_empty() { "not yet named" } else { p.facilitators.as_str() };
    format!(
        "Room booked: {}\nRefreshments: {refreshments}\nFacilitators: {facilitators}",
        if p.room_booked { "yes" } else { "no" }
    )
}

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line
/// breaks as `\n`, other control characters dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c => out.extend(crate::export::safe::inert_char(c)),
        }
    }
    out
}

/// RFC 5545 §3.3.6 duration: "PT2H", "PT1H30M", "PT45M".
fn duration_value(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// RFC 5545 §3.2 parameter values: quoted, and a double quote (which a
/// quoted value cannot hold) and control characters dropped.
fn param_text(text: &str) -> String {
    let clean: String = text.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

/// An email address as a URI's path: no spaces, control characters or the
/// separators of the content line.
fn inert_address(email: &str) -> String {
    email.chars().filter(|c| !c.is_control() && !c.is_whitespace() && !matches!(c, ';' | ',' | ':' | '"')).collect()
}

/// RFC 5545 §3.1 folding: at most 75 octets a line, continuation lines
/// start with one space, and a UTF-8 character is never split.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / MAX_LINE_OCTETS * 3);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_in_hours_and_minutes() {
        assert_eq!(duration_value(120), "PT2H");
        assert_eq!(duration_value(90), "PT1H30M");
        assert_eq!(duration_value(45), "PT45M");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("Hall, Room 2; back\\door\nfloor 1"), "Hall\\, Room 2\\; back\\\\door\\nfloor 1");
        assert_eq!(escape_text("a\r\nb\u{7}"), "a\\nb");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(80));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:x"), "SHORT:x");
    }
}
