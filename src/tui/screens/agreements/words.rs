//! The labels, dates and amounts both views show, and fitting text and
//! lines of spans to a column width.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::status::RjStatus;
use crate::domain::types::ProcessKind;
use crate::store::views::agreements::AgreementItemRow;
use crate::tui::text::fit_padded;
use crate::tui::theme::Theme;

pub(super) fn kind_label(kind: &str) -> String {
    ProcessKind::parse(kind).map_or_else(|| kind.replace('_', " "), |k| k.label().to_string())
}

/// Kinds short enough for a column.
pub(super) fn short_kind(kind: &str) -> &'static str {
    match ProcessKind::parse(kind) {
        Some(ProcessKind::FaceToFaceConference) => "Conference",
        Some(ProcessKind::CommunityConference) => "Group conf.",
        Some(ProcessKind::ShuttleIndirect) => "Shuttle",
        Some(ProcessKind::LetterExchange) => "Letters",
        Some(ProcessKind::LetterOfApology) => "Apology",
        Some(ProcessKind::RecordedMessage) => "Recorded msg",
        Some(ProcessKind::VideoCall) => "Video call",
        Some(ProcessKind::PhoneCall) => "Phone call",
        Some(ProcessKind::MediationJointMeeting) => "Joint meeting",
        Some(ProcessKind::MediationShuttle) => "Med. shuttle",
        None => "Other",
    }
}

/// A meeting in a room: these need the room booked (§9.7, §9.10).
pub(super) fn needs_room(kind: Option<&str>) -> bool {
    matches!(
        kind.and_then(ProcessKind::parse),
        Some(ProcessKind::FaceToFaceConference | ProcessKind::CommunityConference | ProcessKind::MediationJointMeeting)
    )
}

pub(super) fn service_word(service: &str) -> &'static str {
    match service {
        "mediation" => "Mediation",
        "restorative_justice" => "RJ",
        _ => "OOCD",
    }
}

pub(super) fn case_status_word(status: &str) -> String {
    RjStatus::parse(status).map_or_else(|| status.replace('_', " "), |s| s.label().to_string())
}

pub(super) fn agreement_status_word(status: &str) -> &'static str {
    match status {
        "active" => "active",
        "completed" => "completed",
        "partially_completed" => "partly completed",
        "not_completed" => "not completed",
        "none_wanted" => "none wanted",
        _ => "unknown",
    }
}

pub(super) fn item_status_word(item: &AgreementItemRow, today: NaiveDate) -> &'static str {
    if item.is_overdue(today) {
        return "overdue";
    }
    match item.status.as_str() {
        "open" => "open",
        "done" => "done",
        "not_done" => "not done",
        "waived" => "waived",
        _ => "?",
    }
}

pub(super) fn when_text(at: NaiveDateTime) -> String {
    at.format("%a %-d %b %H:%M").to_string()
}

pub(super) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

pub(super) fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %y").to_string()
}

pub(super) fn day_month(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

pub(super) fn pounds(pence: i64) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

pub(super) fn tick(yes: bool) -> &'static str {
    if yes {
        "✓"
    } else {
        "✗"
    }
}

/// The detail pane: one fact per line, each cut to the width rather than
/// wrapped, so the key hints on the last line always show.
pub(super) fn render_detail(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'static>>, theme: &Theme) {
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = lines.into_iter().map(|l| truncate_spans(l.spans, width)).collect();
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().border_style(theme.border)), area);
}

/// Cut a line of spans to `width` columns, ending with an ellipsis.
pub(super) fn truncate_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                out.push(Span::styled(fit_padded(&span.content, room).trim_end().to_string(), span.style));
            }
            break;
        }
    }
    Line::from(out)
}

/// A line of key hints: "c complete · i add item".
pub(super) fn hints(pairs: &[(&'static str, &'static str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, what)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}
