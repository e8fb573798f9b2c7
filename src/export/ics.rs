//! Calendar files (RFC 5545) for a conference or meeting, for the desk's own
//! mail client. The event names the kind of process and the case reference,
//! never a participant; a meeting of no case (the Meetings list) is named
//! by its title, and invites every attendee with an email in the directory.
//!
//! Every facilitator of the meeting is in the one file, as an ATTENDEE of
//! its one VEVENT (issue 14 §5), rather than one event each: it is one
//! meeting with one UID, so a calendar that receives the file again (a new
//! time, a facilitator changed) updates that meeting for everyone instead of
//! holding copies that drift apart. A facilitator is invited by the email
//! the directory holds; one without an email is named in the description.

use std::path::Path;

use chrono::NaiveDateTime;

use crate::domain::meetings::Who;
use crate::domain::types::ProcessStatus;
use crate::export::write_recorded;
use crate::store::views::agreements::ArrangementRow;
use crate::store::views::meetings::Meeting;
use crate::store::{AuditEntry, AuditOp, Store};

/// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets.
const MAX_LINE_OCTETS: usize = 75;

/// The case's next planned or confirmed process as an .ics file, logged as
/// an export; returns what was written ("conference", "mediation meeting" ...).
pub fn write_next_process(store: &mut Store, case_ref: &str, output: &Path) -> anyhow::Result<String> {
    let process = next_process(store, case_ref)?;
    write_process(store, process.process_id.unwrap_or_default(), process.case_id, output)?;
    Ok(kind_label(&process).to_lowercase())
}

/// A case's process as an .ics file, logged as an export of the case (the
/// Agreements screen's `e` and `casedesk ics`).
pub fn write_process(store: &mut Store, process_id: i64, case_id: i64, output: &Path) -> anyhow::Result<()> {
    let text = ics_for_process(store, process_id)?;
    let entry = AuditEntry::new(AuditOp::Export, "rj_process", process_id).case(case_id);
    write_logged(store, entry, output, text)
}

/// A meeting of no case as an .ics file, logged as an export that concerns
/// no case (the diary's and the Meetings list's `e`).
pub fn write_meeting(store: &mut Store, meeting_id: i64, output: &Path) -> anyhow::Result<()> {
    let text = ics_for_meeting(store, meeting_id)?;
    write_logged(store, AuditEntry::new(AuditOp::Export, "meeting", meeting_id), output, text)
}

/// Write a calendar file with its audit row, which says what it is for and where it went.
fn write_logged(store: &mut Store, mut entry: AuditEntry, output: &Path, text: String) -> anyhow::Result<()> {
    entry.justification = Some("calendar file for the desk's own mail client".into());
    entry.recipient = Some(output.display().to_string());
    write_recorded(store, output, |tx| {
        tx.audit(&entry)?;
        Ok(((), text.into_bytes()))
    })
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
    let booked = Booked {
        minutes: store.booking_of(process_id)?.minutes,
        room: store.room_of(process_id)?,
        facilitators: store.facilitator_contacts(process_id)?,
    };
    Ok(calendar(&process_event(&process, booked, start), chrono::Utc::now().naive_utc()))
}

/// The calendar text for one meeting of no case.
pub fn ics_for_meeting(store: &Store, meeting_id: i64) -> anyhow::Result<String> {
    let meeting = store.meeting(meeting_id)?.ok_or_else(|| anyhow::anyhow!("there is no meeting {meeting_id}"))?;
    let minutes = store.meeting_slot(meeting_id)?.map_or(DEFAULT_MEETING_MINUTES, |(slot, _)| slot.minutes);
    let contacts = store.meeting_contacts(meeting_id)?;
    Ok(calendar(&meeting_event(&meeting, minutes, contacts), chrono::Utc::now().naive_utc()))
}

/// What a meeting of no case lasts unless said otherwise (the schema's default).
const DEFAULT_MEETING_MINUTES: u32 = 60;

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

/// One VEVENT: its UID (one per meeting, so a calendar given the file
/// again updates it), what it is called, when, where, who is invited by
/// email, and what it says besides.
struct Event {
    uid: String,
    summary: String,
    start: NaiveDateTime,
    minutes: u32,
    location: Option<String>,
    invited: Vec<(String, Option<String>)>,
    description: Option<String>,
    confirmed: bool,
}

/// A case's process as an event: named by its kind and case reference.
fn process_event(p: &ArrangementRow, booked: Booked, start: NaiveDateTime) -> Event {
    Event {
        uid: format!("process-{}@casedesk", p.process_id.unwrap_or_default()),
        summary: format!("{} — {}", kind_label(p), p.case_ref),
        start,
        minutes: booked.minutes,
        location: booked.room.or_else(|| p.venue.clone()),
        invited: booked.facilitators,
        description: Some(description(p)),
        confirmed: p.status == Some(ProcessStatus::Confirmed),
    }
}

/// A meeting of no case as an event: named by its title (it concerns the
/// service, not a participant), every attendee the directory holds an
/// email for invited, everyone else named in the description.
fn meeting_event(meeting: &Meeting, minutes: u32, contacts: Vec<(Who, Option<String>)>) -> Event {
    let others: Vec<String> =
        contacts.iter().filter(|(_, email)| invitable(email).is_none()).map(|(who, _)| who.described()).collect();
    Event {
        uid: format!("meeting-{}@casedesk", meeting.id),
        summary: meeting.title.clone(),
        start: meeting.held_at,
        minutes,
        location: meeting.place.clone(),
        invited: once_each(contacts),
        description: (!others.is_empty()).then(|| format!("Also attending: {}", others.join("; "))),
        confirmed: true,
    }
}

/// The attendees by name and email, someone added twice invited once.
fn once_each(contacts: Vec<(Who, Option<String>)>) -> Vec<(String, Option<String>)> {
    let mut seen = std::collections::HashSet::new();
    contacts
        .into_iter()
        .filter(|(_, email)| invitable(email).is_none_or(|e| seen.insert(e.to_lowercase())))
        .map(|(who, email)| (who.name, email))
        .collect()
}

/// The VCALENDAR with one VEVENT, CRLF line ends, long lines folded.
fn calendar(event: &Event, stamp: NaiveDateTime) -> String {
    let status = if event.confirmed { "CONFIRMED" } else { "TENTATIVE" };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//casedesk//casedesk//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", event.uid),
        format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
        // Floating local time: the meeting is at this clock time wherever the desk is.
        format!("DTSTART:{}", event.start.format("%Y%m%dT%H%M%S")),
        format!("DURATION:{}", duration_value(event.minutes)),
        format!("SUMMARY:{}", escape_text(&event.summary)),
    ];
    if let Some(place) = event.location.as_deref().filter(|v| !v.trim().is_empty()) {
        lines.push(format!("LOCATION:{}", escape_text(place)));
    }
    for (name, email) in &event.invited {
        if let Some(email) = invitable(email) {
            lines.push(format!(
                "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT:mailto:{}",
                param_text(name),
                inert_address(email)
            ));
        }
    }
    if let Some(description) = &event.description {
        lines.push(format!("DESCRIPTION:{}", escape_text(description)));
    }
    lines.push(format!("STATUS:{status}"));
    lines.extend(["END:VEVENT".to_string(), "END:VCALENDAR".to_string()]);
    lines.iter().map(|l| fold(l) + "\r\n").collect()
}

/// An email a calendar can send an invitation to, if the directory holds one.
fn invitable(email: &Option<String>) -> Option<&str> {
    email.as_deref().map(str::trim).filter(|e| e.contains('@'))
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
    use crate::domain::meetings::PersonKind;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn a_meeting_of_no_case_invites_those_with_an_email_and_names_the_others() {
        let meeting = Meeting {
            id: 7,
            held_at: at(25, 11, 0),
            title: "Partnership board; quarterly, with YOT".into(),
            place: Some("Quayside Centre — Garden Room".into()),
            agenda: Some("not in the file".into()),
            minutes: None,
            attendees: Vec::new(),
            actions: Vec::new(),
        };
        let picked = |kind, id, name: &str| Who { kind, directory_id: Some(id), name: name.into(), role: None };
        let contacts = vec![
            (picked(PersonKind::Facilitator, 1, "Ada Okafor"), Some("ada@example.org".into())),
            (picked(PersonKind::Coordinator, 2, "Priya Shah"), Some(" priya@example.org ".into())),
            (picked(PersonKind::Facilitator, 1, "Ada Okafor"), Some("Ada@example.org".into())),
            (picked(PersonKind::Agency, 3, "Victim Support"), None),
            (Who::typed("Sam Patel", Some("chair")), None),
        ];
        let text = calendar(&meeting_event(&meeting, 90, contacts), at(20, 9, 30));
        let expected = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//casedesk//casedesk//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:meeting-7@casedesk",
            "DTSTAMP:20261120T093000Z",
            "DTSTART:20261125T110000",
            "DURATION:PT1H30M",
            "SUMMARY:Partnership board\\; quarterly\\, with YOT",
            "LOCATION:Quayside Centre — Garden Room",
            "ATTENDEE;CN=\"Ada Okafor\";ROLE=REQ-PARTICIPANT:mailto:ada@example.org",
            "ATTENDEE;CN=\"Priya Shah\";ROLE=REQ-PARTICIPANT:mailto:priya@example.org",
            "DESCRIPTION:Also attending: Victim Support\\; Sam Patel (chair)",
            "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
        ];
        assert_eq!(text, expected.map(|l| fold(l) + "\r\n").concat());
    }

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
