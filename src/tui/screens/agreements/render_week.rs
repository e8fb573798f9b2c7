//! Drawing the diary's week: each day from Monday to Sunday with its
//! meetings by time (time, kind, case and its coordinator, room or venue,
//! facilitators; a meeting of no case its title and how many attend), a day
//! off flagged on its heading, a clash marked on its meeting and told in
//! words in the detail pane.

use std::borrow::Cow;

use chrono::{Duration, NaiveDate};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use crate::domain::dates::monday_of;
use crate::domain::workdays::WorkCalendar;
use crate::export::safe::inert;
use crate::store::views::diary::{Booked, DiaryRow};
use crate::tui::screens::coordinator_filter::short_name;
use crate::tui::text::fit_padded;
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

use super::booking::{clash_words, span_text};
use super::names::NameForm;
use super::words::{hints, kind_label, long_date, render_detail, short_kind};
use super::AgreementsScreen;

impl AgreementsScreen {
    pub(super) fn render_week(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]));
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
        let look = Look { columns: Columns::for_week(width, &self.week.measure), theme };
        let entries = week_entries(&self.week.rows, monday);
        let at = selected.and_then(|i| entries.iter().position(|e| *e == Entry::Meeting(i)));
        self.visible = list_area.height.saturating_sub(2).max(1) as usize;
        let scroll = at.map_or(0, |at| (at + 1).saturating_sub(self.visible));
        // Only the lines in sight are drawn: a busy week holds hundreds.
        let lines: Vec<Line<'static>> = entries
            .iter()
            .skip(scroll)
            .take(self.visible)
            .map(|entry| match entry {
                Entry::Day(day, empty) => day_heading(*day, *empty, calendar.as_deref(), theme),
                Entry::Meeting(i) => meeting_line(&self.week.rows[*i], selected == Some(*i), &look),
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).block(block), list_area);
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

/// One line of the week: a day's heading (and whether nothing is booked
/// that day), or the meeting at that index of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Day(NaiveDate, bool),
    Meeting(usize),
}

/// The week's lines in order, Monday to Sunday; the rows come by time.
fn week_entries(rows: &[DiaryRow], monday: NaiveDate) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(rows.len() + 7);
    for offset in 0..7 {
        let day = monday + Duration::days(offset);
        let todays: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].slot.start.date() == day).collect();
        entries.push(Entry::Day(day, todays.is_empty()));
        entries.extend(todays.into_iter().map(Entry::Meeting));
    }
    entries
}

fn day_heading(day: NaiveDate, empty: bool, calendar: Option<&WorkCalendar>, theme: &Theme) -> Line<'static> {
    let mut heading = vec![Span::styled(crate::domain::dates::day_short(day), theme.heading)];
    if let Some(why) = calendar.and_then(|c| c.day_off_brief(day)) {
        heading.push(Span::styled(format!(" · {why}"), theme.warning));
    }
    if empty {
        heading.push(Span::styled("  nothing booked", theme.muted));
    }
    Line::from(heading)
}

/// How a meeting's line is drawn: its columns and the theme.
struct Look<'a> {
    columns: Columns,
    theme: &'a Theme,
}

/// What the week's lines need of room, whatever the width they are drawn
/// at: measured once when the week is read, so that a redraw or a move
/// down a busy week (hundreds of meetings) does not measure every line again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct WeekMeasure {
    /// The widest clash flag ("⚠ 2 clashes"), 0 when nothing clashes.
    flag: usize,
    /// The longest coordinator's name.
    coordinator: usize,
    /// The widest place, with a space after it.
    place: usize,
    /// The widest facilitators without their roles, with a space after.
    who: usize,
    /// The widest count of attendees ("6 attending").
    counts: usize,
    /// The widest list of facilitators as typed, and without its roles.
    as_typed: usize,
    names: usize,
}

impl WeekMeasure {
    pub(super) fn of(rows: &[DiaryRow]) -> WeekMeasure {
        let mut m = WeekMeasure::default();
        for row in rows {
            m.flag = m.flag.max(clash_flag(row).width());
            if let Booked::Case { coordinator: Some(name), .. } = &row.what {
                m.coordinator = m.coordinator.max(inert(name).width());
            }
            m.place = m.place.max(inert(place_of(row)).width() + 1);
            let who = facilitators_of(row);
            let names = NameForm::Names.width(&who);
            m.who = m.who.max(names + 1);
            if counts_attendees(row) {
                m.counts = m.counts.max(who.width());
            } else {
                m.as_typed = m.as_typed.max(NameForm::AsTyped.width(&who));
                m.names = m.names.max(names);
            }
        }
        m
    }
}

/// The widths of a meeting's line: the time, kind and case reference
/// fixed; the clash flag as wide as the week's widest (none without a
/// clash); the coordinator a fifth of the rest, no wider than the longest
/// name (initials when narrow); the place and the facilitators sharing
/// what is left by how much each needs, so neither is cut while the other
/// holds room empty, and a count of attendees always whole; the
/// facilitators of every line in the one form that fits them all.
struct Columns {
    coordinator: usize,
    place: usize,
    who: usize,
    form: NameForm,
}

const TIME_W: usize = 12;
const KIND_W: usize = 14;
const REF_W: usize = 14;

impl Columns {
    fn for_week(width: usize, m: &WeekMeasure) -> Columns {
        // The flag, where any line has one, with a space before the border.
        let flag = if m.flag == 0 { 0 } else { m.flag + 1 };
        let rest = width.saturating_sub(2 + TIME_W + KIND_W + REF_W + flag);
        let coordinator = (rest / 5).clamp(4, 18).min((m.coordinator + 1).max(4));
        let rest = rest.saturating_sub(coordinator);
        let (place_needs, who_needs) = (m.place, m.who);
        // The facilitators read whole before the place does (the detail
        // pane shows it), but the place keeps at least two fifths.
        let who = if place_needs + who_needs <= rest {
            rest - place_needs
        } else {
            who_needs.min(rest.saturating_sub(place_needs.min(rest * 2 / 5)))
        };
        let who = who.max(m.counts + 1).min(rest);
        // The richest form that fits every list; never surnames here: a
        // line names the directory's facilitators in full, so a long list
        // is cut rather than read differently.
        let (form, widest) = if m.as_typed <= who.saturating_sub(1) {
            (NameForm::AsTyped, m.as_typed)
        } else {
            (NameForm::Names, m.names)
        };
        // What the chosen form leaves unused goes back to the place.
        let shown = widest.max(m.counts);
        let who = if place_needs + who_needs <= rest { who } else { who.min(shown + 1) };
        Columns { coordinator, place: rest - who, who, form }
    }
}

/// "▶ 10:00–11:30 Conference   RJ-2026-0013 PS   Quayside Centre — Garden…  Okafor, Hale  ⚠ clash", or
/// "  14:00–15:00 Meeting      Partnership panel   Town Hall — Room 1        6 attending   ⚠ clash".
fn meeting_line(row: &DiaryRow, chosen: bool, look: &Look<'_>) -> Line<'static> {
    let (columns, theme) = (&look.columns, look.theme);
    let flag = clash_flag(row);
    let time = format!(
        "{}–{}",
        crate::domain::dates::time_of_day(row.slot.start),
        crate::domain::dates::time_of_day(row.slot.end())
    );
    let mut spans = vec![Span::raw(if chosen { "▶ " } else { "  " }), Span::raw(fit_padded(&time, TIME_W))];
    match &row.what {
        Booked::Case { case_ref, kind, coordinator, .. } => {
            let coordinator = coordinator.as_deref().map_or(String::new(), |n| short_name(n, columns.coordinator - 1));
            spans.push(Span::raw(fit_padded(short_kind(*kind), KIND_W)));
            spans.push(Span::raw(fit_padded(&inert(case_ref), REF_W)));
            spans.push(Span::styled(fit_padded(&coordinator, columns.coordinator), theme.muted));
        }
        Booked::Meeting { title, .. } => {
            spans.push(Span::styled(fit_padded("Meeting", KIND_W), theme.heading));
            spans.push(Span::raw(fit_padded(&inert(title), (REF_W + columns.coordinator).saturating_sub(1)) + " "));
        }
    }
    spans.push(Span::raw(fit_padded(&inert(place_of(row)), columns.place.saturating_sub(1)) + " "));
    let who =
        if counts_attendees(row) { facilitators_of(row) } else { columns.form.show(&facilitators_of(row)).into() };
    spans.push(Span::raw(fit_padded(&inert(&who), columns.who.saturating_sub(1)) + " "));
    spans.push(Span::styled(flag, theme.warning));
    if chosen {
        spans = spans.into_iter().map(|s| s.patch_style(theme.selected)).collect();
    }
    Line::from(spans)
}

fn clash_flag(row: &DiaryRow) -> String {
    match row.clashes.len() {
        0 => String::new(),
        1 => "⚠ clash".to_string(),
        n => format!("⚠ {n} clashes"),
    }
}

/// Whether the facilitators' column says how many attend instead: a
/// meeting of no case with no facilitator of the directory booked.
fn counts_attendees(row: &DiaryRow) -> bool {
    matches!(row.what, Booked::Meeting { .. }) && row.booked.is_empty()
}

fn place_of(row: &DiaryRow) -> &str {
    row.room.as_deref().or(row.venue.as_deref()).unwrap_or("—")
}

/// The directory's facilitators named on the meeting, else the names
/// typed; for a meeting of no case with none, how many attend.
fn facilitators_of(row: &DiaryRow) -> Cow<'_, str> {
    match (&row.what, row.booked.is_empty()) {
        (Booked::Meeting { attendees, .. }, true) => Cow::Owned(attending(*attendees)),
        (Booked::Case { .. }, true) => Cow::Borrowed(&row.facilitators),
        (_, false) => Cow::Owned(row.booked.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ")),
    }
}

fn attending(n: u32) -> String {
    match n {
        0 => "no attendees yet".into(),
        n => format!("{n} attending"),
    }
}

/// The selected meeting in five lines: what and when; where (and the
/// case's coordinator); who facilitates or attends; its clashes; the keys.
fn meeting_detail(row: &DiaryRow, theme: &Theme) -> Vec<Line<'static>> {
    let place = format!("Where: {}", inert(place_of(row)));
    let (summary, place, people, keys) = match &row.what {
        Booked::Case { case_ref, kind, status, coordinator, .. } => {
            let coordinator = coordinator.as_deref().map_or("no coordinator yet".to_string(), inert);
            let summary =
                format!("{} · {} · {} · {}", inert(case_ref), kind_label(*kind), span_text(&row.slot), status.label());
            let place = format!("{place} · Coordinator: {coordinator}");
            let people = format!("Facilitators: {}", inert(&facilitators_of(row)));
            let keys = [("Enter", "edit"), ("o", "case"), ("e", "calendar file"), ("d", "arrangements")];
            (summary, place, people, keys.to_vec())
        }
        Booked::Meeting { title, attendees, .. } => {
            let summary = format!("Meeting: {} · {} · concerns no case", inert(title), span_text(&row.slot));
            let mut people = attending(*attendees);
            if !row.booked.is_empty() {
                people.push_str(&format!(" · Facilitators: {}", inert(&facilitators_of(row))));
            }
            let keys = [("Enter", "open, with its minutes"), ("e", "calendar file"), ("d", "arrangements")];
            (summary, place, people, keys.to_vec())
        }
    };
    let clashes = if row.clashes.is_empty() {
        Line::styled("No clashes.", theme.muted)
    } else {
        let words: Vec<String> = row.clashes.iter().map(clash_words).collect();
        Line::styled(format!("⚠ {}", words.join("; ")), theme.warning)
    };
    vec![Line::from(summary), Line::from(place), Line::from(people), clashes, hints(&keys, theme)]
}
