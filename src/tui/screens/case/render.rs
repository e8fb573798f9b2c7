//! Drawing the case list, the open case's header, people and letters, and
//! its timeline or audit history.

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::store::views::case::{AuditLine, CaseHeader, CaseListRow, TimelineEntry};
use crate::store::views::letters::CaseLetters;
use crate::tui::text::fit;
use crate::tui::theme::Theme;

use super::paging::Paged;
use super::{timeline_text, OpenCase};

/// Spans cut to `width` columns as a whole, the last visible one ending with ….
fn fit_line(parts: Vec<(String, Style)>, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut left = width;
    for (text, style) in parts {
        if left == 0 {
            break;
        }
        let cut = fit(&text, left);
        left = left.saturating_sub(cut.width());
        let was_cut = cut != text;
        spans.push(Span::styled(cut, style));
        if was_cut {
            break;
        }
    }
    Line::from(spans)
}

fn service_short(service: Service) -> &'static str {
    match service {
        Service::Oocd => "OOCD",
        Service::RestorativeJustice => "RJ",
        Service::Mediation => "Mediation",
    }
}

pub(super) fn render_list(frame: &mut Frame<'_>, area: Rect, theme: &Theme, list: &mut Paged<CaseListRow>) {
    let block = Block::bordered().border_style(theme.border);
    let inner = block.inner(area);
    if list.page.total == 0 {
        let text = vec![
            Line::styled("No cases yet.", theme.heading),
            Line::from(""),
            Line::from("Press 2 (Intake) to log the first referral; it will be listed here."),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(block.title(" Cases ").title_style(theme.title)),
            area,
        );
        return;
    }
    let [table_area, hint_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let wide = table_area.width >= 96;
    // Marker, then reference, service, status, received, (changed), offence.
    let date_width = crate::domain::dates::day_width() as u16;
    let fixed: usize = 2 + 15 + 10 + 21 + (date_width as usize + 1) * if wide { 2 } else { 1 };
    let offence_width = (table_area.width as usize).saturating_sub(fixed).max(8);
    let rows: Vec<Row> = list
        .page
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::from(r.reference.clone()).style(theme.title),
                Cell::from(service_short(r.service)),
                Cell::from(fit(r.status.label(), 20)),
                Cell::from(crate::domain::dates::day(r.received_on)),
            ];
            if wide {
                cells.push(Cell::from(crate::domain::dates::day(r.changed_on)).style(theme.muted));
            }
            cells.push(Cell::from(fit(&inert(&r.offence), offence_width)));
            Row::new(cells)
        })
        .collect();
    let mut widths =
        vec![Constraint::Length(14), Constraint::Length(9), Constraint::Length(20), Constraint::Length(date_width)];
    let mut headings = vec!["Reference", "Service", "Status", "Received"];
    if wide {
        widths.push(Constraint::Length(date_width));
        headings.push("Changed");
    }
    widths.push(Constraint::Fill(1));
    headings.push("Offence");
    list.visible = table_area.height.saturating_sub(1) as usize;
    let table = Table::new(rows, widths)
        .header(Row::new(headings).style(theme.heading))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(table, table_area, &mut list.state);
    let hint = match list.selected() {
        Some(r) => format!("Enter opens {} (the opening is logged: DPA 2018 s.62)", r.reference),
        None => String::new(),
    };
    frame.render_widget(Paragraph::new(fit(&hint, hint_area.width as usize)).style(theme.muted), hint_area);
    let title = format!(" Cases — most recently changed first · {} ", list.range_text("cases"));
    frame.render_widget(block.title(title).title_style(theme.title), area);
}

pub(super) fn header_lines(h: &CaseHeader, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let crime =
        h.crime_ref.as_deref().map_or_else(|| "no crime ref".to_string(), |c| format!("crime ref {}", inert(c)));
    let mut lines = vec![fit_line(
        vec![
            (h.status.label().to_string(), theme.title),
            (
                format!(
                    " since {} · received {} · {crime}",
                    crate::domain::dates::day(h.status_changed_on),
                    crate::domain::dates::day(h.received_on)
                ),
                theme.normal,
            ),
        ],
        width,
    )];
    let offence_detail = {
        let mode = h.offence_mode.map(|m| m.as_str().replace('_', " "));
        let parts: Vec<String> =
            [h.offence_date.map(crate::domain::dates::day), mode].into_iter().flatten().collect::<Vec<_>>();
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    };
    let flags = h.flag_words();
    let (flag_text, flag_style) =
        if flags.is_empty() { ("none".to_string(), theme.muted) } else { (flags.join(", "), theme.warning) };
    let offence = h.offence.as_deref().map_or_else(|| "not recorded".to_string(), inert);
    lines.push(fit_line(
        vec![
            ("Flags: ".to_string(), theme.muted),
            (flag_text, flag_style),
            (" · Offence: ".to_string(), theme.muted),
            (format!("{offence}{offence_detail}"), theme.normal),
        ],
        width,
    ));
    let third = if h.is_oocd() {
        match &h.disposal {
            Some(d) => {
                let kind = d.disposal_type.label();
                let issue_words = d.issued_on.map_or_else(
                    || "not yet issued".to_string(),
                    |i| format!("issued {}", crate::domain::dates::day(i)),
                );
                let due_words = d
                    .completion_due
                    .map(|c| format!(" · complete by {}", crate::domain::dates::day(c)))
                    .unwrap_or_default();
                let oic = match (&d.oic_name, &d.oic_contact) {
                    (Some(n), Some(c)) => format!(" · OIC {} ({})", inert(n), inert(c)),
                    (Some(n), None) => format!(" · OIC {}", inert(n)),
                    _ => " · OIC not recorded".to_string(),
                };
                vec![(format!("{kind} {issue_words}{due_words}{oic}"), theme.normal)]
            }
            None => vec![("No disposal recorded yet.".to_string(), theme.warning)],
        }
    } else {
        let source = h.source.label();
        let referrer = h.referrer_name.as_deref().map(|r| format!(" ({})", inert(r))).unwrap_or_default();
        let coordinator = h
            .coordinator
            .as_deref()
            .map_or_else(|| " · no coordinator yet".to_string(), |c| format!(" · Coordinator: {}", inert(c)));
        let paused = h.paused_from.map(|p| format!(" · paused from {}", p.label())).unwrap_or_default();
        vec![(format!("Referred by {source}{referrer}{coordinator}{paused}"), theme.normal)]
    };
    lines.push(fit_line(third, width));
    if let (Some(reported), Some(t)) = (h.reported_on, h.referral_timing) {
        let (verdict, style) = if t.in_time { ("within", theme.normal) } else { ("over", theme.warning) };
        let days = |n: i64| crate::tui::text::plural(n.unsigned_abs() as usize, "working day");
        let text = format!(
            "Reported {}: referred {} {} on, {verdict} the {} {} the Victims' Code allows",
            crate::domain::dates::day(reported),
            t.working_days,
            days(t.working_days),
            t.allowed,
            days(t.allowed.into()),
        );
        lines.push(fit_line(vec![(text, style)], width));
    }
    if let Some(closed) = h.closed_on {
        let outcome = h.closure_outcome.as_deref().map_or_else(String::new, |o| format!(": {}", inert(o)));
        let review = h
            .retention_review_due
            .map(|d| format!(" · retention review due {}", crate::domain::dates::day(d)))
            .unwrap_or_default();
        lines.push(fit_line(
            vec![(format!("Closed {}{outcome}{review}", crate::domain::dates::day(closed)), theme.muted)],
            width,
        ));
    }
    lines
}

pub(super) fn render_people(frame: &mut Frame<'_>, area: Rect, theme: &Theme, case: &OpenCase, shown: (usize, usize)) {
    let (parties, letters) = (&case.parties, &case.letters);
    let (shown, letters_shown) = shown;
    let title = format!(" People ({}) ", parties.total);
    let block = Block::bordered().title(title).title_style(theme.title).border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if parties.people.is_empty() {
        lines.push(Line::styled("No people recorded on this case.", theme.muted));
    }
    let name_width = parties.people.iter().take(shown).map(|p| inert(&p.name()).width()).max().unwrap_or(0).min(26);
    for p in parties.people.iter().take(shown) {
        lines.push(fit_line(
            vec![
                (format!("{:<w$}  ", fit(&inert(&p.name()), name_width), w = name_width), theme.title),
                (format!("{:<17} ", p.role_label()), theme.normal),
                (format!("{:<9}  ", p.category_label()), theme.muted),
                (inert(&p.contact_route()), theme.normal),
            ],
            width,
        ));
    }
    let more = parties.total.saturating_sub(shown.min(parties.people.len()));
    if more > 0 && !lines.is_empty() {
        let last = lines.len() - 1;
        let note = format!("… and {more} more");
        if shown == 0 {
            lines.push(Line::styled(note, theme.muted));
        } else {
            lines[last] = fit_line(vec![(note, theme.muted)], width);
        }
    }
    lines.extend(letter_lines(letters, &case.header.reference, letters_shown, theme, width));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The Letters lines: newest first, each its date, recipient and file (the
/// template too, unless the file's name already says it); the heading
/// counts them all. The case's own reference is left off the file name.
fn letter_lines(
    letters: &CaseLetters,
    reference: &str,
    shown: usize,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    if letters.rows.is_empty() {
        return vec![fit_line(
            vec![
                ("Letters  ".to_string(), theme.heading),
                ("None yet — w writes one from a template".to_string(), theme.muted),
            ],
            width,
        )];
    }
    let heading = format!("Letters ({})  ", letters.total);
    let indent = " ".repeat(heading.width());
    letters
        .rows
        .iter()
        .take(shown.max(1))
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { heading.clone() } else { indent.clone() };
            let full = l.file_name();
            // What the letter is, in words; a file named as the desk names
            // letters then shows only its date (and number), the rest said.
            let title = crate::export::letters::template_title(&l.template);
            let named = full.strip_prefix(&format!("{reference} - {title} - ")).map(str::to_string);
            let mut parts = vec![(lead, theme.heading)];
            if named.is_none() {
                parts.push((format!("{}  ", crate::domain::dates::day(l.written_on)), theme.muted));
            }
            parts.push((format!("{title}  "), theme.normal));
            parts.push((format!("to {}  ", inert(&l.recipient)), theme.normal));
            parts.push((inert(&named.unwrap_or(full)), theme.muted));
            fit_line(parts, width)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .chain(letters_left_out(letters.total, shown.max(1), &indent, theme, width))
        .collect()
}

/// A line saying how many letters the count holds beyond those listed, so
/// "Letters (3)" never shows two rows and says nothing of the third.
fn letters_left_out(total: usize, shown: usize, indent: &str, theme: &Theme, width: usize) -> Option<Line<'static>> {
    let more = total.checked_sub(shown).filter(|n| *n > 0)?;
    let noun = if more == 1 { "letter" } else { "letters" };
    let text = format!("… and {more} more {noun}: t shows each in the case's history");
    Some(fit_line(vec![(indent.to_string(), theme.heading), (text, theme.muted)], width))
}

pub(super) fn render_timeline(
    frame: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    timeline: &mut Paged<TimelineEntry>,
    today: NaiveDate,
) {
    let block = Block::bordered().border_style(theme.border);
    let inner = block.inner(area);
    let [table_area, detail_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]));
    timeline.visible = table_area.height as usize;
    let date_width = crate::domain::dates::day_width();
    let text_width = (table_area.width as usize).saturating_sub(2 + date_width + 1 + 12);
    let rows: Vec<Row> = timeline
        .page
        .rows
        .iter()
        .map(|e| {
            let late = e.pending && e.date < today;
            let date_style = if late {
                theme.overdue
            } else if e.date > today {
                theme.muted
            } else {
                theme.normal
            };
            let tag_style = if late { theme.overdue } else { theme.heading };
            Row::new(vec![
                Cell::from(crate::domain::dates::day(e.date)).style(date_style),
                Cell::from(e.kind.tag()).style(tag_style),
                Cell::from(fit(&inert(&timeline_text(e)), text_width)),
            ])
        })
        .collect();
    let table = Table::new(rows, [Constraint::Length(date_width as u16), Constraint::Length(11), Constraint::Fill(1)])
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ");
    if timeline.page.rows.is_empty() {
        frame.render_widget(Paragraph::new("Nothing has happened on this case yet.").style(theme.muted), table_area);
    } else {
        frame.render_stateful_widget(table, table_area, &mut timeline.state);
    }
    let detail = match timeline.selected() {
        Some(e) => {
            let late = if e.pending && e.date < today { " (late)" } else { "" };
            format!("{} · {}{late}: {}", crate::domain::dates::day(e.date), e.kind.tag(), inert(&timeline_text(e)))
        }
        None => String::new(),
    };
    frame.render_widget(Paragraph::new(detail).wrap(Wrap { trim: true }).style(theme.muted), detail_area);
    let title = format!(" Timeline — everything, newest first · {} ", timeline.range_text("events"));
    frame.render_widget(block.title(title).title_style(theme.title), area);
}

pub(super) fn render_audit(frame: &mut Frame<'_>, area: Rect, theme: &Theme, audit: &mut Paged<AuditLine>) {
    let block = Block::bordered().border_style(theme.border);
    let inner = block.inner(area);
    let [table_area, detail_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]));
    audit.visible = table_area.height.saturating_sub(1) as usize;
    // Who is as wide as the longest name on the page where there is room:
    // kept at 12, "Sam Taylor (RJ coordinator)" was cut at 120 columns.
    let longest_who = audit.page.rows.iter().map(|a| a.user.chars().count()).max().unwrap_or(0);
    let who_width = longest_who.clamp(12, (table_area.width as usize / 4).max(12));
    let when_width = crate::domain::dates::day_width() + 6;
    let what_width = (table_area.width as usize).saturating_sub(2 + when_width + 1 + who_width + 1 + 9);
    let rows: Vec<Row> = audit
        .page
        .rows
        .iter()
        .map(|a| {
            let op_style = if a.op == "consult" { theme.muted } else { theme.normal };
            let what = format!("{} {}", a.entity.replace('_', " "), a.entity_id);
            let why = a.justification.as_deref().map(|j| format!(" — {j}")).unwrap_or_default();
            Row::new(vec![
                Cell::from(a.when()),
                Cell::from(fit(&inert(&a.user), who_width)),
                Cell::from(a.op.clone()).style(op_style),
                Cell::from(fit(&inert(&format!("{what}{why}")), what_width)),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(when_width as u16),
            Constraint::Length(who_width as u16),
            Constraint::Length(8),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(["When (UTC)", "Who", "Did", "What"]).style(theme.heading))
    .row_highlight_style(theme.selected)
    .highlight_symbol("▶ ");
    frame.render_stateful_widget(table, table_area, &mut audit.state);
    let detail = match audit.selected() {
        Some(a) => {
            let mut text = format!("#{} {} by {}: {} {} {}", a.id, a.at_utc, a.user, a.op, a.entity, a.entity_id);
            if let Some(j) = &a.justification {
                text.push_str(&format!("; justification: {j}"));
            }
            if let Some(r) = &a.recipient {
                text.push_str(&format!("; recipient: {r}"));
            }
            inert(&text)
        }
        None => String::new(),
    };
    frame.render_widget(Paragraph::new(detail).wrap(Wrap { trim: true }).style(theme.muted), detail_area);
    let title = format!(" Audit history (DPA 2018 s.62), newest first · {} ", audit.range_text("entries"));
    frame.render_widget(block.title(title).title_style(theme.title), area);
}
