//! Drawing the Arrangements view: the table of processes and cases to
//! arrange, its columns for the width, and the detail pane.

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::types::ProcessStatus;
use crate::export::safe::inert;
use crate::store::views::agreements::ArrangementRow;
use crate::tui::screens::coordinator_filter::short_name;
use crate::tui::theme::Theme;

use super::names::NameForm;
use super::paging::position;
use super::words::{
    case_status_word, day_month, hints, kind_label, long_date, needs_room, render_detail, service_word, short_kind,
    when_text,
};
use super::AgreementsScreen;
use crate::tui::text::fit_padded;

impl AgreementsScreen {
    pub(super) fn render_arrangements(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [table_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]));
        let counts = self.arrangement_counts;
        let title = format!(
            " {} — {} to hold · {} to arrange{} ",
            self.heading("Arrangements"),
            counts.processes,
            counts.to_arrange,
            position(&self.arrangements, counts.processes.plus(counts.to_arrange))
        );
        let block = self.list_block(title, "agreements", area.width, theme);
        self.visible = table_area.height.saturating_sub(3).max(1) as usize;
        if self.arrangements.rows.is_empty() {
            let mut text = self.empty_text(
                "Nothing to arrange",
                "Nothing to arrange. RJ and mediation cases appear here when they reach preparation; \
                 planned, confirmed and postponed processes stay here until you record what happened.",
            );
            text.push_str(&before_preparation_words(self.before_preparation));
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), area);
            return;
        }
        let inner = table_area.width.saturating_sub(2 + 2) as usize;
        // The When column is as wide as the widest date on the page, so the
        // venue gets what a long date style would otherwise hold empty.
        let when = self.arrangements.rows.iter().map(|r| when_words(r).width()).max().unwrap_or(0);
        let columns = arrangement_columns(inner, when);
        let people = columns.iter().find(|c| c.2 == ArrCol::Facilitators).map_or(0, |c| c.1);
        let planned = self.arrangements.rows.iter().filter(|r| r.process_id.is_some());
        let look = Look { form: NameForm::fitting(planned.map(|r| r.facilitators.as_str()), people), theme };
        let widths: Vec<usize> = columns.iter().map(|c| c.1).collect();
        let header = Row::new(columns.iter().map(|(name, w, _)| Cell::from(fit_padded(name, *w)))).style(theme.heading);
        let rows: Vec<Row> = self
            .arrangements
            .rows
            .iter()
            .map(|r| {
                let coordinator = self.coordinators.get(&r.case_id).map_or("", String::as_str);
                arrangement_table_row(r, coordinator, &columns, self.today, self.room_deadline, &look)
            })
            .collect();
        let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w as u16)))
            .header(header)
            .block(block)
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(table, table_area, &mut self.table);
        let detail = match self.selected_arrangement() {
            Some(row) => arrangement_detail(row, self.today, self.room_deadline, theme),
            None => Vec::new(),
        };
        render_detail(frame, detail_area, detail, theme);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArrCol {
    Ref,
    Kind,
    When,
    Venue,
    Room,
    Refreshments,
    Facilitators,
    Status,
    Coordinator,
}

/// The columns that fit `width`, with their widths. Wide terminals show the
/// room tick beside the refreshments, and the facilitators; narrow ones only
/// the room tick (the detail pane shows the rest).
fn arrangement_columns(width: usize, when: usize) -> Vec<(&'static str, usize, ArrCol)> {
    let wide = width >= 96;
    let mut cols: Vec<(&'static str, usize, ArrCol)> = vec![
        ("Ref", 13, ArrCol::Ref),
        ("Kind", 13, ArrCol::Kind),
        ("When", when.max("When".len()), ArrCol::When),
        ("Venue", 0, ArrCol::Venue),
    ];
    if wide {
        cols.push(("Room/refr.", 0, ArrCol::Refreshments));
        cols.push(("Facilitators", 0, ArrCol::Facilitators));
    } else {
        cols.push(("Room", 4, ArrCol::Room));
    }
    cols.push(("Status", 9, ArrCol::Status));
    // Last, as on Deadlines: the case's coordinator, by initials unless wide.
    let coordinator = if width >= 136 { ("Coordinator", 16) } else { ("Coord", 5) };
    cols.push((coordinator.0, coordinator.1, ArrCol::Coordinator));
    // One space between columns and, where there is room, one after the
    // last so it does not touch the border (at 80 columns the venue needs it).
    let taken: usize = cols.iter().map(|c| c.1).sum::<usize>() + cols.len() - usize::from(!wide);
    let spare = width.saturating_sub(taken);
    // Venue : room and refreshments : facilitators = 5 : 4 : 5.
    let (room, people) = if wide { (spare * 4 / 14, spare * 5 / 14) } else { (0, 0) };
    for col in &mut cols {
        col.1 = match col.2 {
            ArrCol::Venue => spare - room - people,
            ArrCol::Refreshments => room,
            ArrCol::Facilitators => people,
            _ => col.1,
        };
    }
    cols
}

/// The When cell: the meeting's date and time, or how long the case has
/// waited for one to be arranged.
fn when_words(r: &ArrangementRow) -> String {
    match (r.process_id, r.scheduled_for) {
        (None, _) => format!("since {}", day_month(r.case_status_since)),
        (Some(_), None) => "no date".into(),
        (Some(_), Some(at)) => when_text(at),
    }
}

/// How the page's rows are drawn: the one form of the facilitators' names
/// that fits every row, and the theme.
struct Look<'a> {
    form: NameForm,
    theme: &'a Theme,
}

fn arrangement_table_row(
    r: &ArrangementRow,
    coordinator: &str,
    columns: &[(&'static str, usize, ArrCol)],
    today: NaiveDate,
    room_deadline: NaiveDate,
    look: &Look<'_>,
) -> Row<'static> {
    let theme = look.theme;
    let date = r.scheduled_for.map(|w| w.date());
    let past = date.is_some_and(|d| d < today) && r.status != Some(ProcessStatus::Postponed);
    let room_late = needs_room(r.kind) && !r.room_booked && date.is_some_and(|d| d <= room_deadline);
    let cells: Vec<Cell> = columns
        .iter()
        .map(|(_, w, col)| {
            let (text, style): (String, Style) = match col {
                ArrCol::Ref => (inert(&r.case_ref), theme.title),
                ArrCol::Kind => match &r.kind {
                    Some(k) => (short_kind(*k).to_string(), theme.normal),
                    None => (service_word(r.service).to_string(), theme.muted),
                },
                ArrCol::When => {
                    let style = match (r.process_id, r.scheduled_for) {
                        (None, _) | (Some(_), None) => theme.warning,
                        _ if r.status == Some(ProcessStatus::Postponed) => theme.muted,
                        _ if past => theme.overdue,
                        _ => theme.normal,
                    };
                    (when_words(r), style)
                }
                ArrCol::Venue => match r.process_id {
                    None => ("to arrange".into(), theme.muted),
                    Some(_) => (inert(r.venue.as_deref().unwrap_or("—")), theme.normal),
                },
                ArrCol::Room => room_cell(r, room_late, theme),
                ArrCol::Refreshments => {
                    let (tick, tick_style) = room_cell(r, room_late, theme);
                    if tick.is_empty() {
                        return Cell::from(fit_padded("", *w));
                    }
                    let food = inert(r.refreshments.as_deref().unwrap_or(""));
                    let rest = fit_padded(&food, w.saturating_sub(2));
                    return Cell::from(Line::from(vec![Span::styled(format!("{tick} "), tick_style), Span::raw(rest)]));
                }
                ArrCol::Facilitators => (look.form.show(&r.facilitators), theme.normal),
                ArrCol::Status => match r.status {
                    Some(ProcessStatus::Postponed) => (ProcessStatus::Postponed.label().into(), theme.warning),
                    Some(s) => (s.label().to_string(), theme.normal),
                    None => ("—".into(), theme.muted),
                },
                ArrCol::Coordinator => (short_name(coordinator, *w), theme.muted),
            };
            Cell::from(Span::styled(fit_padded(&text, *w), style))
        })
        .collect();
    Row::new(cells)
}

/// The room tick: ✓ booked, ✗ not (a warning when the meeting is close),
/// — when the process needs no room; blank for a case still to arrange.
fn room_cell(r: &ArrangementRow, room_late: bool, theme: &Theme) -> (String, Style) {
    match r.process_id {
        None => (String::new(), theme.normal),
        Some(_) if r.room_booked => ("✓".into(), theme.good),
        Some(_) if !needs_room(r.kind) => ("—".into(), theme.muted),
        Some(_) if room_late => ("✗".into(), theme.warning),
        Some(_) => ("✗".into(), theme.normal),
    }
}

fn arrangement_detail(
    r: &ArrangementRow,
    today: NaiveDate,
    room_deadline: NaiveDate,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(_) = r.process_id else {
        return vec![
            Line::from(vec![
                Span::styled(inert(&r.case_ref), theme.title),
                Span::raw(format!(
                    " · {} · {} since {} · nothing arranged yet.",
                    service_word(r.service),
                    case_status_word(r.case_status),
                    long_date(r.case_status_since)
                )),
            ]),
            Line::raw(""),
            Line::raw(""),
            hints(&[("n", "arrange a conference, meeting or indirect process"), ("o", "case")], theme),
        ];
    };
    let kind = r.kind.map_or_else(String::new, kind_label);
    let when = r.scheduled_for.map_or_else(|| "no date set".to_string(), crate::domain::dates::day_at);
    let date = r.scheduled_for.map(|w| w.date());
    let mut first = vec![
        Span::styled(inert(&r.case_ref), theme.title),
        Span::raw(format!(" · {kind} · {when} · {}", r.status.map_or("", |s| s.label()))),
    ];
    if let Some(reason) = r.reason.as_deref().filter(|_| r.status == Some(ProcessStatus::Postponed)) {
        first.push(Span::raw(format!(" ({})", inert(reason))));
    }
    let room = if r.room_booked {
        Span::styled("room booked", theme.good)
    } else if needs_room(r.kind) {
        let late = date.is_some_and(|d| d <= room_deadline);
        Span::styled("room NOT booked", if late { theme.warning } else { theme.normal })
    } else {
        Span::styled("no room needed", theme.muted)
    };
    let second = vec![
        Span::raw(format!("Venue: {} · ", inert(r.venue.as_deref().unwrap_or("—")))),
        room,
        Span::raw(format!(" · Refreshments: {}", inert(r.refreshments.as_deref().unwrap_or("—")))),
    ];
    let third = Span::raw(format!(
        "Facilitators: {} · Participants: {}",
        inert(&r.facilitators),
        inert(if r.participants.is_empty() { "—" } else { &r.participants })
    ));
    let mut hint = hints(
        &[("c", "record what happened"), ("Enter", "edit arrangements"), ("n", "arrange another"), ("o", "case")],
        theme,
    );
    if date.is_some_and(|d| d < today) && r.status != Some(ProcessStatus::Postponed) {
        hint.spans.insert(0, Span::styled("This date has passed: ", theme.overdue));
    }
    vec![Line::from(first), Line::from(second), Line::from(third), hint]
}

/// Where the cases are that will come here: " 2 cases are with their
/// coordinators before preparation: n on a case (6) moves it on when its
/// coordinator is ready to meet."; nothing when there are none.
fn before_preparation_words(n: u32) -> String {
    let cases = match n {
        0 => return String::new(),
        1 => "1 case is with its coordinator".to_string(),
        n => format!("{n} cases are with their coordinators"),
    };
    format!(" {cases} before preparation: n on the case (6) moves it on when the coordinator is ready to meet.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width_with_a_space_after_the_last_when_wide() {
        for width in [76usize, 96, 156] {
            let cols = arrangement_columns(width, 16);
            let pad = usize::from(width >= 96);
            let total: usize = cols.iter().map(|c| c.1).sum::<usize>() + cols.len() - 1 + pad;
            assert_eq!(total, width, "{width}: the columns, a space between, one after the last when wide");
        }
        assert!(arrangement_columns(76, 16).iter().all(|c| c.2 != ArrCol::Facilitators));
        assert!(arrangement_columns(96, 16).iter().any(|c| c.2 == ArrCol::Facilitators));
    }
}
