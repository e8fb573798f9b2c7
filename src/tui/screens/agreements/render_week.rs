//! Drawing the diary's week: each day from Monday to Sunday with its
//! meetings by time (time, kind, case, room or venue, facilitators), a day
//! off flagged on its heading, a clash marked on its meeting and told in
//! words in the detail pane.

use chrono::{Duration, NaiveDate};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use crate::domain::workdays::WorkCalendar;
use crate::export::safe::inert;
use crate::store::views::diary::DiaryRow;
use crate::tui::text::fit_padded;
use crate::tui::theme::Theme;

use super::booking::{clash_words, span_text};
use super::week::monday_of;
use super::words::{hints, kind_label, long_date, render_detail, short_kind};
use super::AgreementsScreen;

impl AgreementsScreen {
    pub(super) fn render_week(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]));
        let monday = self.week.monday.unwrap_or_else(|| monday_of(self.today));
        let clashing = self.week.rows.iter().filter(|r| !r.clashes.is_empty()).count();
        let mut title = format!(" Diary — week of {} · {} ", long_date(monday), meetings_word(self.week.rows.len()));
        if clashing > 0 {
            title.push_str(&format!("· {clashing} with a clash "));
        }
        let mut block = Block::bordered().title(title).border_style(theme.border);
        // The footer names the same keys; the hint shows where there is room.
        if area.width >= 90 {
            block = block.title_top(Line::styled(" ←/→ week · . this week ", theme.muted).right_aligned());
        }
        let width = list_area.width.saturating_sub(2) as usize;
        let calendar = self.week.calendar.clone();
        let selected = self.week.list.selected();
        let (lines, at) = week_lines(&self.week.rows, monday, selected, width, calendar.as_deref(), theme);
        self.visible = list_area.height.saturating_sub(2).max(1) as usize;
        let scroll = at.map_or(0, |at| (at + 1).saturating_sub(self.visible)) as u16;
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), list_area);
        let detail = self.selected_meeting().map_or_else(Vec::new, |row| meeting_detail(row, theme));
        render_detail(frame, detail_area, detail, theme);
    }
}

fn meetings_word(n: usize) -> String {
    match n {
        0 => "no meetings".into(),
        1 => "1 meeting".into(),
        n => format!("{n} meetings"),
    }
}

/// Every line of the week, and which of them is the selected meeting.
fn week_lines(
    rows: &[DiaryRow],
    monday: NaiveDate,
    selected: Option<usize>,
    width: usize,
    calendar: Option<&WorkCalendar>,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let mut lines = Vec::new();
    let mut at = None;
    for offset in 0..7 {
        let day = monday + Duration::days(offset);
        let mut heading = vec![Span::styled(crate::domain::dates::day_short(day), theme.heading)];
        if let Some(why) = calendar.and_then(|c| c.day_off_brief(day)) {
            heading.push(Span::styled(format!(" · {why}"), theme.warning));
        }
        let todays: Vec<(usize, &DiaryRow)> =
            rows.iter().enumerate().filter(|(_, r)| r.slot.start.date() == day).collect();
        if todays.is_empty() {
            heading.push(Span::styled("  nothing booked", theme.muted));
        }
        lines.push(Line::from(heading));
        for (index, row) in todays {
            let chosen = selected == Some(index);
            if chosen {
                at = Some(lines.len());
            }
            lines.push(meeting_line(row, chosen, width, theme));
        }
    }
    (lines, at)
}

/// "▶ 10:00–11:30 Conference    RJ-2026-0013  Quayside Centre — Garden…  Okafor, Hale  ⚠ clash"
fn meeting_line(row: &DiaryRow, chosen: bool, width: usize, theme: &Theme) -> Line<'static> {
    let flag = match row.clashes.len() {
        0 => String::new(),
        1 => "⚠ clash".to_string(),
        n => format!("⚠ {n} clashes"),
    };
    let fixed = 2 + 12 + 14 + 14 + 12;
    let rest = width.saturating_sub(fixed);
    let place = rest * 3 / 5;
    let who = rest.saturating_sub(place);
    let mut spans = vec![
        Span::raw(if chosen { "▶ " } else { "  " }),
        Span::raw(fit_padded(
            &format!(
                "{}–{}",
                crate::domain::dates::time_of_day(row.slot.start),
                crate::domain::dates::time_of_day(row.slot.end())
            ),
            12,
        )),
        Span::raw(fit_padded(short_kind(row.kind), 14)),
        Span::raw(fit_padded(&inert(&row.case_ref), 14)),
        Span::raw(fit_padded(&inert(&place_of(row)), place.saturating_sub(1)) + " "),
        Span::raw(fit_padded(&inert(&facilitators_of(row)), who.saturating_sub(1)) + " "),
        Span::styled(flag, theme.warning),
    ];
    if chosen {
        spans = spans.into_iter().map(|s| s.patch_style(theme.selected)).collect();
    }
    Line::from(spans)
}

fn place_of(row: &DiaryRow) -> String {
    row.room.clone().or_else(|| row.venue.clone()).unwrap_or_else(|| "—".into())
}

/// The directory's facilitators named on the meeting, else the names typed.
fn facilitators_of(row: &DiaryRow) -> String {
    if row.booked.is_empty() {
        row.facilitators.clone()
    } else {
        row.booked.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ")
    }
}

fn meeting_detail(row: &DiaryRow, theme: &Theme) -> Vec<Line<'static>> {
    let summary = format!(
        "{} · {} · {} · {}",
        inert(&row.case_ref),
        kind_label(row.kind),
        span_text(&row.slot),
        row.status.label().to_lowercase()
    );
    let place = format!("Where: {} · Facilitators: {}", inert(&place_of(row)), inert(&facilitators_of(row)));
    let clashes = if row.clashes.is_empty() {
        Line::styled("No clashes.", theme.muted)
    } else {
        let words: Vec<String> = row.clashes.iter().map(clash_words).collect();
        Line::styled(format!("⚠ {}", words.join("; ")), theme.warning)
    };
    vec![
        Line::from(summary),
        Line::from(place),
        clashes,
        hints(&[("Enter", "edit"), ("o", "case"), ("e", "calendar file"), ("d", "arrangements")], theme),
    ]
}
