//! The labels, dates and amounts both views show, and fitting text and
//! lines of spans to a column width.

use crate::domain::types::AgreementStatus;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::case_status::CaseStatus;
use crate::domain::dates;
use crate::domain::types::{AgreementItemStatus, ProcessKind, Service};
use crate::store::views::agreements::AgreementItemRow;
use crate::tui::text::fit_padded;
use crate::tui::theme::Theme;

pub(super) fn kind_label(kind: ProcessKind) -> String {
    kind.label().to_string()
}

/// Kinds short enough for a column.
pub(super) fn short_kind(kind: ProcessKind) -> &'static str {
    match kind {
        ProcessKind::FaceToFaceConference => "Conference",
        ProcessKind::CommunityConference => "Group conf.",
        ProcessKind::ShuttleIndirect => "Shuttle",
        ProcessKind::LetterExchange => "Letters",
        ProcessKind::LetterOfApology => "Apology",
        ProcessKind::RecordedMessage => "Recorded msg",
        ProcessKind::VideoCall => "Video call",
        ProcessKind::PhoneCall => "Phone call",
        ProcessKind::MediationJointMeeting => "Joint meeting",
        ProcessKind::MediationShuttle => "Med. shuttle",
    }
}

/// A meeting in a room: these need the room booked (§9.7, §9.10).
pub(super) fn needs_room(kind: Option<ProcessKind>) -> bool {
    matches!(
        kind,
        Some(ProcessKind::FaceToFaceConference | ProcessKind::CommunityConference | ProcessKind::MediationJointMeeting)
    )
}

pub(super) fn service_word(service: Service) -> &'static str {
    match service {
        Service::Mediation => "Mediation",
        Service::RestorativeJustice => "RJ",
        Service::Oocd => "OOCD",
    }
}

/// An RJ status by its label; the few other words as stored.
pub(super) fn case_status_word(status: CaseStatus) -> String {
    match status {
        CaseStatus::Rj(s) => s.label().to_string(),
        CaseStatus::Oocd(s) => s.as_str().replace('_', " "),
    }
}

pub(super) fn agreement_status_word(status: Option<AgreementStatus>) -> String {
    status.map_or("no agreement yet".to_string(), |s| s.label().to_lowercase())
}

pub(super) fn item_status_word(item: &AgreementItemRow, today: NaiveDate) -> &'static str {
    if item.is_overdue(today) {
        return "overdue";
    }
    match item.status {
        AgreementItemStatus::Open => "open",
        AgreementItemStatus::Done => "done",
        AgreementItemStatus::NotDone => "not done",
        AgreementItemStatus::Waived => "waived",
        // Overdue items are said so above.
        AgreementItemStatus::Overdue => "overdue",
    }
}

pub(super) fn when_text(at: NaiveDateTime) -> String {
    format!("{} {}", dates::day_short(at.date()), dates::time_of_day(at))
}

pub(super) fn long_date(d: NaiveDate) -> String {
    dates::day(d)
}

pub(super) fn day_month(d: NaiveDate) -> String {
    dates::day_short(d)
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
