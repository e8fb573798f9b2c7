//! Drawing Reports: the period line, the bar charts and weekly sparklines,
//! the key figures, and the definitions table.

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Cell, Paragraph, Row, Sparkline, Table, TableState, Wrap};
use ratatui::Frame;

use super::{Period, ReportsScreen, View};
use crate::domain::types::{Service, Source};
use crate::export::report::{Figure, FigureValue, PeriodReport};
use crate::export::safe::inert;
use crate::tui::theme::Theme;

impl ReportsScreen {
    pub(super) fn draw(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [head, body] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
        if let Some(note) = self.waiting_note() {
            let block = Block::bordered().title(" Reports ").border_style(theme.border);
            frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }).block(block), area);
            return;
        }
        let Some(report) = self.report.as_ref() else {
            let block = Block::bordered().title(" Reports ").border_style(theme.border);
            frame.render_widget(Paragraph::new("No figures loaded.").block(block), area);
            return;
        };
        frame.render_widget(Paragraph::new(period_line(self.period, report, self.view, theme)), head);
        match self.view {
            View::Charts if !self.period.is_return() => render_charts(frame, body, report, theme),
            View::Charts | View::Definitions => {
                self.page = body.height.saturating_sub(8) as usize;
                render_definitions(frame, body, report, &mut self.table, theme);
            }
        }
    }
}

fn period_line(period: Period, report: &PeriodReport, view: View, theme: &Theme) -> Line<'static> {
    let other = match view {
        View::Charts => "definitions",
        View::Definitions => "charts",
    };
    Line::from(vec![
        Span::styled(format!(" {} ", period.label()), theme.heading),
        Span::raw(format!("{} – {}  ", crate::domain::dates::day(report.from), crate::domain::dates::day(report.to))),
        Span::styled("p", theme.key),
        Span::styled(" next period  ", theme.muted),
        Span::styled("t", theme.key),
        Span::styled(format!(" {other}"), theme.muted),
    ])
}

// ---------------------------------------------------------------- charts

fn render_charts(frame: &mut Frame<'_>, area: Rect, report: &PeriodReport, theme: &Theme) {
    let spark_height: u16 = if area.height >= 24 { 2 } else { 1 };
    let [bars, weekly, keys] = area.layout(&Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(3 * (1 + spark_height) + 2),
        Constraint::Length(5),
    ]));
    let [by_source, by_service] =
        bars.layout(&Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]));
    let sources: Vec<(String, u64)> = Source::ALL
        .iter()
        .map(|s| (source_short(*s).to_string(), count_of(report, &format!("referrals_by_source.{}", s.as_str()))))
        .collect();
    let services: Vec<(String, u64)> = Service::ALL
        .iter()
        .map(|s| (service_short(*s).to_string(), count_of(report, &format!("referrals_by_service.{}", s.as_str()))))
        .collect();
    bar_chart(frame, by_source, "Referrals by source", sources, theme);
    bar_chart(frame, by_service, "Referrals by service", services, theme);
    render_weekly(frame, weekly, report, spark_height, theme);
    render_key_figures(frame, keys, report, theme);
}

fn count_of(report: &PeriodReport, key: &str) -> u64 {
    match report.figure(key).map(|f| f.value) {
        Some(FigureValue::Count(n)) => u64::try_from(n).unwrap_or(0),
        _ => 0,
    }
}

/// A horizontal bar per group, largest first, empty groups left out, as
/// many as the block has rows for.
fn bar_chart(frame: &mut Frame<'_>, area: Rect, title: &str, mut groups: Vec<(String, u64)>, theme: &Theme) {
    let total: u64 = groups.iter().map(|(_, n)| n).sum();
    groups.retain(|(_, n)| *n > 0);
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let rows = area.height.saturating_sub(2) as usize;
    let hidden = groups.len().saturating_sub(rows);
    groups.truncate(rows);
    let mut block = Block::bordered().title(format!(" {title} ({total}) ")).border_style(theme.border);
    if hidden > 0 {
        block = block.title_bottom(format!(" +{hidden} more (t) "));
    }
    if groups.is_empty() {
        frame.render_widget(Paragraph::new("None received in this period.").style(theme.muted).block(block), area);
        return;
    }
    // The count goes in the label, so it lines up in a column beside the
    // bars instead of sitting inside them.
    let width = groups.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
    let bars: Vec<Bar> = groups
        .into_iter()
        .map(|(label, n)| Bar::with_label(format!("{label:<width$} {n:>4}"), n).text_value(String::new()))
        .collect();
    let chart =
        BarChart::horizontal(bars).block(block).bar_width(1).bar_gap(0).bar_style(theme.good).value_style(theme.title);
    frame.render_widget(chart, area);
}

fn source_short(source: Source) -> &'static str {
    match source {
        Source::Police => "Police",
        Source::VictimSelf => "Victim self",
        Source::OffenderSelf => "Offender self",
        Source::Yot => "YOT",
        Source::Probation => "Probation",
        Source::Prison => "Prison",
        Source::VictimServices => "Victim services",
        Source::Housing => "Housing",
        Source::LocalAuthority => "Local authority",
        Source::OocdCondition => "OOCD condition",
        Source::CourtPresentence => "Court",
        Source::Other => "Other",
    }
}

fn service_short(service: Service) -> &'static str {
    match service {
        Service::Oocd => "OOCD",
        Service::RestorativeJustice => "RJ",
        Service::Mediation => "Mediation",
    }
}

fn render_weekly(frame: &mut Frame<'_>, area: Rect, report: &PeriodReport, spark_height: u16, theme: &Theme) {
    let weeks = report.weekly.week_starts.len();
    let block = Block::bordered().title(format!(" By week ({weeks} weeks) ")).border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = &report.weekly;
    let series = [
        ("Referrals received", &w.referrals_received),
        ("Conditions completed", &w.conditions_completed),
        ("Suitability decisions", &w.decisions),
    ];
    let slots: [Rect; 3] = inner.layout(&Layout::vertical([Constraint::Length(1 + spark_height); 3]));
    let label = weeks_label(&w.week_starts);
    for ((name, values), slot) in series.into_iter().zip(slots) {
        let [title, spark] = slot.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(spark_height)]));
        frame.render_widget(Paragraph::new(series_title(name, values, &w.week_starts, theme)), title);
        let each = columns_per_week(values.len(), spark.width as usize);
        let used = (each * values.len()).min(spark.width as usize) as u16;
        let [bars, _, beside] =
            spark.layout(&Layout::horizontal([Constraint::Length(used), Constraint::Length(2), Constraint::Fill(1)]));
        let data: Vec<u64> = values.iter().flat_map(|v| std::iter::repeat_n(*v, each)).collect();
        let max = values.iter().copied().max().unwrap_or(0).max(1);
        frame.render_widget(Sparkline::default().data(&data).max(max).style(theme.good), bars);
        // Named on the bars' bottom row, where there is room for it whole.
        if beside.width as usize >= label.chars().count() {
            let row = Rect { y: beside.bottom().saturating_sub(1), height: 1, ..beside };
            frame.render_widget(Paragraph::new(Span::styled(label.clone(), theme.muted)), row);
        }
    }
}

/// The weeks the bars cover, for a label beside them.
fn weeks_label(starts: &[NaiveDate]) -> String {
    match (starts.first(), starts.last()) {
        (Some(first), Some(last)) => {
            format!(
                "weeks of {} – {}, a bar a week",
                crate::domain::dates::day_short(*first),
                crate::domain::dates::day_short(*last)
            )
        }
        _ => String::new(),
    }
}

fn series_title(name: &str, values: &[u64], starts: &[NaiveDate], theme: &Theme) -> Line<'static> {
    let total: u64 = values.iter().sum();
    let peak = values.iter().enumerate().max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)));
    let peak_text = match peak {
        Some((i, v)) if *v > 0 => {
            let start = starts.get(i).map_or(String::new(), |d| crate::domain::dates::day_short(*d));
            format!(" · peak {v} (week of {start})")
        }
        _ => String::new(),
    };
    Line::from(vec![Span::styled(name.to_string(), theme.title), Span::raw(format!(": {total}{peak_text}"))])
}

/// Columns for each week's bar: widened up to three so four weeks read as
/// bars, never stretched across a wide terminal into blocks nobody can
/// place in time.
fn columns_per_week(weeks: usize, width: usize) -> usize {
    (width / weeks.max(1)).clamp(1, 3)
}

fn render_key_figures(frame: &mut Frame<'_>, area: Rect, report: &PeriodReport, theme: &Theme) {
    let v = |key: &str| report.figure(key).map_or("—".to_string(), |f| value_text(f.value));
    let lines = vec![
        Line::from(vec![
            Span::styled("Sense-check ", theme.title),
            Span::raw(format!("median {} · p90 {} wd   ", v("sense_check_median_wd"), v("sense_check_p90_wd"))),
            Span::styled("Decision ", theme.title),
            Span::raw(format!("median {} · p90 {} wd", v("decision_median_wd"), v("decision_p90_wd"))),
        ]),
        Line::from(vec![
            Span::styled("Conditions ", theme.title),
            Span::raw(format!(
                "on time {} · late {} · breached {}   ",
                v("conditions_on_time"),
                v("conditions_late"),
                v("conditions_breached")
            )),
            Span::styled("Agreements ", theme.title),
            Span::raw(format!("{} · items {}", v("agreements_completed"), v("agreement_items_done"))),
        ]),
        Line::from(vec![
            Span::styled("Victims' Code timers ", theme.title),
            Span::raw(format!(
                "met {} · missed {} · open {}",
                v("victims_code_met"),
                v("victims_code_missed"),
                v("victims_code_open")
            )),
        ]),
    ];
    let block = Block::bordered().title(" Key figures — t shows every definition ").border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn value_text(value: FigureValue) -> String {
    let text = value.text();
    if text.is_empty() {
        "—".to_string()
    } else {
        text
    }
}

// ----------------------------------------------------------- definitions

fn render_definitions(frame: &mut Frame<'_>, area: Rect, report: &PeriodReport, state: &mut TableState, theme: &Theme) {
    // The detail pane holds the longest definition at 80 columns.
    let detail_height = (area.height / 2).clamp(6, 10);
    let [list, detail] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]));
    // As wide as the longest label, up to half the table: kept at 50, a
    // label was cut mid-word at 200 columns beside a definition cut anyway.
    let longest = report.figures.iter().map(|f| f.label.chars().count()).max().unwrap_or(0);
    let label_width = longest.clamp(20, (list.width as usize / 2).max(20));
    let rows: Vec<Row> = report
        .figures
        .iter()
        .map(|f| {
            Row::new(vec![
                Cell::from(inert(&f.label)),
                Cell::from(Line::from(value_text(f.value)).right_aligned()),
                Cell::from(Span::styled(inert(&f.definition), theme.muted)),
            ])
        })
        .collect();
    let widths = [Constraint::Length(label_width as u16), Constraint::Length(6), Constraint::Fill(1)];
    let table = Table::new(rows, widths)
        .header(Row::new(vec!["Figure", " Value", "Definition (in full below)"]).style(theme.heading))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ")
        .block(Block::bordered().title(" Figures and their counting definitions ").border_style(theme.border));
    frame.render_stateful_widget(table, list, state);
    let selected: Option<&Figure> = state.selected().and_then(|i| report.figures.get(i));
    let (title, text) = match selected {
        Some(f) => (format!(" {} = {} ", inert(&f.label), value_text(f.value)), inert(&f.definition)),
        None => (" Definition ".to_string(), String::new()),
    };
    let block = Block::default().borders(Borders::ALL).title(title).border_style(theme.border);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), detail);
}
