//! The minutes of a meeting (issue 14 §6), as `casedesk minutes` writes
//! them: headed by the service's profile like a letter, then the title,
//! when and where, who attended, the agenda, the minutes as typed (line by
//! line) and the actions with their owners, due dates and whether done.
//! Written as Markdown or, through the letters' writer, as a Word document.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::docx::docx_from_markdown;
use super::sender::{sender_for, SenderFacts};
use super::words::letter_date;
use super::LetterFormat;
use crate::domain::dates::time_of_day;
use crate::domain::types::Service;
use crate::export::output::deliver_logged;
use crate::export::safe::escape_markdown;
use crate::store::views::meetings::Meeting;
use crate::store::{AuditEntry, AuditOp, Store};

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesWritten {
    pub path: PathBuf,
    pub title: String,
}

/// Write the minutes of meeting `meeting_id` to `path` (.md or .docx), the
/// export logged. The meeting concerns the service rather than a case, so
/// it is headed by the out-of-court disposals unit's profile, as the
/// administrator's other letters to partners are.
pub fn write_minutes(store: &mut Store, meeting_id: i64, path: &Path) -> anyhow::Result<MinutesWritten> {
    let format = LetterFormat::from_path(path)?;
    let meeting = store.meeting(meeting_id)?.ok_or_else(|| {
        anyhow::anyhow!("no meeting has the number {meeting_id}: see `casedesk minutes --list` for their numbers")
    })?;
    let sender = sender_for(store, Service::Oocd)?;
    let markdown = minutes_markdown(&sender, &meeting);
    let bytes = match format {
        LetterFormat::Md => markdown.into_bytes(),
        LetterFormat::Docx => docx_from_markdown(&markdown, "Minutes", sender.logo.as_ref())?,
    };
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut entry = AuditEntry::new(AuditOp::Export, "minutes", meeting.id);
    entry.justification = Some(format!("minutes written to {}", path.display()));
    deliver_logged(store, Some(&path), &entry, bytes)?;
    Ok(MinutesWritten { path, title: meeting.title })
}

/// The minutes as Markdown.
pub fn minutes_markdown(sender: &SenderFacts, m: &Meeting) -> String {
    let mut out = format!("**{}**\n\n", escape_markdown(&sender.name));
    out.push_str(&format!("# Minutes: {}\n\n", escape_markdown(&m.title)));
    let place = m.place.as_deref().map_or(String::new(), |p| format!(", {}", escape_markdown(p)));
    out.push_str(&format!("{} at {}{place}\n\n", letter_date(m.held_at.date()), time_of_day(m.held_at)));
    out.push_str("## Present\n\n");
    if m.attendees.is_empty() {
        out.push_str("No attendees were recorded.\n\n");
    }
    for who in &m.attendees {
        out.push_str(&format!("- {}\n", escape_markdown(&who.described())));
    }
    out.push_str(if m.attendees.is_empty() { "" } else { "\n" });
    section(&mut out, "Agenda", m.agenda.as_deref(), "No agenda was recorded.");
    section(&mut out, "Minutes", m.minutes.as_deref(), "No minutes have been written yet.");
    out.push_str("## Actions\n\n");
    if m.actions.is_empty() {
        out.push_str("No actions were agreed.\n");
        return out;
    }
    out.push_str("| Action | Owner | Due | Done |\n|---|---|---|---|\n");
    for a in &m.actions {
        let what = match &a.case_ref {
            Some(reference) => format!("{} ({reference})", a.what),
            None => a.what.clone(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape_markdown(&what),
            escape_markdown(&a.owner),
            letter_date(a.due_on),
            done_words(a.done_on)
        ));
    }
    out
}

fn done_words(done_on: Option<NaiveDate>) -> String {
    done_on.map_or_else(|| "Not yet".to_string(), letter_date)
}

/// A heading and its text, each typed line kept as its own line.
fn section(out: &mut String, heading: &str, text: Option<&str>, none: &str) {
    out.push_str(&format!("## {heading}\n\n"));
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        out.push_str(&format!("{none}\n\n"));
        return;
    };
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let lines: Vec<String> = paragraph.lines().map(|l| escape_markdown(l.trim_end())).collect();
        out.push_str(&lines.join("  \n"));
        out.push_str("\n\n");
    }
}
