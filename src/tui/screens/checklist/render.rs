//! Drawing the queue, the case header and the checklist items, and the
//! words and widths they share.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::checklist::{
    self, items_in, Answer, AnswerEntry, Answers, ChecklistItem, ChecklistSection, DecisionError, RiskSeverity, ITEMS,
};
use crate::domain::types::CjsStage;
use crate::export::safe::inert;
use crate::store::views::checklist::ChecklistCase;
use crate::tui::theme::Theme;

use super::render_panel::{render_compact_panel, render_detail, render_panel};
use super::{item_words, short_reasons};
use super::{
    OpenCase, Queue, ITEM_ROW_WIDTH, NOTE_MARK, PREFILL_LEGEND, PREFILL_MARK, SENSITIVE_LEGEND, SENSITIVE_MARK,
    SIDE_PANEL_MIN,
};
use crate::tui::text::{fit, fit_padded};

/// Why a decision was refused, in one status line.
pub(super) fn refusal_summary(errors: &[DecisionError]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| match e {
            DecisionError::RationaleRequired => "a rationale is required".to_string(),
            DecisionError::ForcedNotSuitable(r) => format!("cannot be suitable ({})", short_reasons(r)),
            DecisionError::ManagerReviewRequired(r) => {
                format!("suitable needs manager sign-off ({}): m records it", short_reasons(r))
            }
            DecisionError::SuitabilityIncomplete(codes) => {
                let labels: Vec<&str> = codes.iter().map(|c| item_words(c)).collect();
                let which = if codes.len() <= 3 { labels.join(", ") } else { format!("{} items", codes.len()) };
                format!("suitability still no or unknown ({which})")
            }
        })
        .collect();
    let mut text = parts.join("; ");
    text.push('.');
    text
}

fn pad(text: &str, width: usize) -> String {
    fit_padded(text, width)
}

/// Draw the queue; returns the rows visible, for paging.
pub(super) fn render_queue(frame: &mut Frame<'_>, area: Rect, theme: &Theme, queue: &mut Queue) -> usize {
    let detail_height = if queue.entries.is_empty() { 0 } else { 5 };
    let [list_area, detail_area] =
        area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]));
    let position = match queue.state.selected() {
        Some(i) if queue.total > 0 => format!(" {} of {} ", queue.offset + i as i64 + 1, queue.total),
        _ => String::new(),
    };
    let block = Block::bordered()
        .title(" Checklists to work — RJ and mediation referrals, oldest first ")
        .title_bottom(Line::from(position).right_aligned())
        .border_style(theme.border)
        .title_style(theme.title);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    if queue.entries.is_empty() {
        let lines = vec![
            Line::styled("No referral needs its checklist.", theme.heading),
            Line::from(""),
            Line::from(
                "RJ and mediation referrals appear here while they are received, in sense-check, \
                 awaiting information or at risk assessment. Log one on Intake (2); open any case's \
                 checklist from search (/) or from the Case screen.",
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return inner.height as usize;
    }
    let [head_area, rows_area] = inner.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
    let offence_width = (inner.width as usize).saturating_sub(2 + 14 + 21 + 8 + 9);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "  {}{}{}{}{}",
                pad("Reference", 14),
                pad("Status", 21),
                pad("Waiting", 8),
                pad("Answered", 9),
                "Offence"
            ),
            theme.muted,
        )),
        head_area,
    );
    let items: Vec<ListItem> = queue
        .entries
        .iter()
        .map(|e| {
            let status =
                if e.row.awaiting_manager { "Manager sign-off".to_string() } else { e.row.status.label().to_string() };
            let age_style = if e.late { theme.overdue } else { theme.normal };
            let flag = if e.row.specialist_flag { "⚑ " } else { "" };
            let offence = if e.row.offence.is_empty() { "—".to_string() } else { inert(&e.row.offence) };
            ListItem::new(Line::from(vec![
                Span::styled(pad(&e.row.reference, 14), theme.title),
                Span::raw(pad(&status, 21)),
                Span::styled(pad(&format!("{} wd", e.age), 8), age_style),
                Span::raw(pad(&format!("{}/{}", e.row.answered, ITEMS.len()), 9)),
                Span::styled(flag, theme.warning),
                Span::raw(fit(&offence, offence_width.saturating_sub(flag.chars().count()))),
            ]))
        })
        .collect();
    let list = List::new(items).highlight_style(theme.selected).highlight_symbol("▶ ");
    frame.render_stateful_widget(list, rows_area, &mut queue.state);
    let detail = match queue.selected() {
        Some(e) => {
            let r = &e.row;
            let mut lines = vec![
                Line::from(vec![
                    Span::styled(r.reference.clone(), theme.title),
                    Span::raw(format!(
                        " received {} · {} for {} wd",
                        crate::domain::dates::day(r.received_on),
                        r.status.label().to_lowercase(),
                        e.age
                    )),
                    Span::styled(if e.late { ", over target" } else { "" }, theme.overdue),
                ]),
                Line::from(if r.offence.is_empty() { "Offence not recorded.".to_string() } else { inert(&r.offence) }),
            ];
            if r.specialist_flag {
                lines.push(Line::styled(
                    "⚑ Domestic abuse, sexual offence or hate crime flagged at intake: manager review.",
                    theme.warning,
                ));
            }
            lines
        }
        None => Vec::new(),
    };
    frame.render_widget(
        Paragraph::new(detail).wrap(Wrap { trim: true }).block(Block::bordered().border_style(theme.border)),
        detail_area,
    );
    rows_area.height as usize
}

fn intake_flags(case: &ChecklistCase) -> Vec<&'static str> {
    let f = &case.flags;
    [
        (f.domestic_abuse, "domestic abuse"),
        (f.intimate_partner, "intimate partner"),
        (f.sexual, "sexual offence"),
        (f.hate_crime, "hate crime"),
        (f.knife, "knife"),
        (f.youth, "youth"),
    ]
    .into_iter()
    .filter_map(|(on, word)| on.then_some(word))
    .collect()
}

fn render_header(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let case = &open.case;
    let width = area.width as usize;
    let age_style = if open.late { theme.overdue } else { theme.muted };
    let late = if open.late { ", over target" } else { "" };
    let stage = match case.cjs_stage {
        CjsStage::Unknown => "CJS stage unknown".to_string(),
        s => format!("CJS: {}", s.label()),
    };
    // Most important first; whatever does not fit the width is left off.
    let line1 = fit_spans(
        vec![
            Span::styled(case.reference.clone(), theme.title),
            Span::raw(" · "),
            Span::styled(case.status.label(), theme.heading),
            // Working days in the status mean something for referrals only.
            if open.is_oocd() { Span::raw("") } else { Span::styled(format!(" ({} wd{late})", open.age), age_style) },
            Span::raw(format!(" · {}", case.service.label())),
            Span::raw(format!(" · received {}", crate::domain::dates::day(case.received_on))),
            Span::raw(format!(" · {stage}")),
        ],
        width,
    );
    let flags = intake_flags(case);
    let flag_span = if flags.is_empty() {
        Span::styled("no intake flags", theme.muted)
    } else {
        Span::styled(format!("⚑ {}", flags.join(", ")), theme.warning)
    };
    let offence = case.offence.as_deref().map_or_else(|| "offence not recorded".to_string(), inert);
    let crime = case.crime_ref.as_deref().map_or(String::new(), |c| format!(" ({})", inert(c)));
    let room = width.saturating_sub(flag_span.content.chars().count() + 3);
    let line2 = Line::from(vec![flag_span, Span::raw(" · "), Span::raw(fit(&format!("{offence}{crime}"), room))]);
    frame.render_widget(Paragraph::new(vec![line1, line2]), area);
}

/// The spans that fit in `width`, in order, stopping at the first that does not.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut kept = Vec::new();
    for span in spans {
        let w = span.content.chars().count();
        if used + w > width {
            break;
        }
        used += w;
        kept.push(span);
    }
    Line::from(kept)
}

/// Draw one case; returns the item rows visible, for paging.
pub(super) fn render_case(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &mut OpenCase) -> usize {
    let [header, main] = area.layout(&Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]));
    render_header(frame, header, theme, open);
    if open.is_oocd() {
        let lines = vec![
            Line::styled("OOCD cases have no RJ suitability checklist.", theme.heading),
            Line::from(""),
            Line::from(
                "The sense-check, suitability and risk checklist is for restorative justice and mediation \
                 referrals (DOMAIN.md §12.4). This case's disposal, conditions and deadlines are on the Case \
                 screen: press o. Esc returns to the list of referrals.",
            ),
        ];
        let block = Block::bordered().title(" Checklist ").border_style(theme.border);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), main);
        return 1;
    }
    let side = main.width >= ITEM_ROW_WIDTH + 2 + SIDE_PANEL_MIN;
    let items_width = ITEM_ROW_WIDTH + 2;
    let (items_area, panel_area, detail_area) = if side {
        let [left, panel] = main.layout(&Layout::horizontal([Constraint::Length(items_width), Constraint::Fill(1)]));
        let [items, detail] = left.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]));
        (items, panel, detail)
    } else {
        let [items, detail, panel] =
            main.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(3), Constraint::Length(5)]));
        (items, panel, detail)
    };
    let visible = render_items(frame, items_area, theme, open);
    // One column clear of the panel's border.
    let detail_area = Rect { width: detail_area.width.saturating_sub(1), ..detail_area };
    render_detail(frame, detail_area, theme, open);
    if side {
        render_panel(frame, panel_area, theme, open);
    } else {
        render_compact_panel(frame, panel_area, theme, open);
    }
    visible
}

/// An item's row: its answer as a sentence ("Venue / travel safety: no
/// concerns"), an answer intake suggests marked as prefilled, or the item
/// as a question while unanswered.
fn item_line(
    item: &ChecklistItem,
    entry: Option<&AnswerEntry>,
    suggested: Option<Answer>,
    theme: &Theme,
) -> (String, Style) {
    match (entry, suggested) {
        (Some(entry), _) => (checklist::sentence(item, Some(entry)), answer_style(item, Some(entry), theme)),
        // The mark says prefilled (its legend below); the detail says it in words.
        (None, Some(answer)) => {
            (format!("{} {PREFILL_MARK}", checklist::sentence(item, Some(&AnswerEntry::new(answer)))), theme.muted)
        }
        (None, None) => (format!("{}?", item.label), theme.muted),
    }
}

fn answer_style(item: &ChecklistItem, entry: Option<&AnswerEntry>, theme: &Theme) -> Style {
    let Some(entry) = entry else { return theme.muted };
    match (item.section, entry.answer) {
        (ChecklistSection::Risk, Answer::Yes) if entry.severity == Some(RiskSeverity::High) => theme.overdue,
        (ChecklistSection::Risk, Answer::Yes | Answer::Unknown) => theme.warning,
        (ChecklistSection::Risk, _) => theme.normal,
        (ChecklistSection::Suitability, Answer::No) => theme.overdue,
        (_, Answer::Yes | Answer::NotApplicable) => theme.good,
        (_, Answer::No | Answer::Unknown) => theme.warning,
    }
}

fn section_heading(section: ChecklistSection, answers: &Answers) -> String {
    let items: Vec<&ChecklistItem> = items_in(section).collect();
    match section {
        ChecklistSection::Risk => {
            let present = items.iter().filter(|i| answers.answer(i.code) == Answer::Yes).count();
            let unknown = items.iter().filter(|i| answers.answer(i.code) == Answer::Unknown).count();
            format!("{} · {present} present, {unknown} unknown", section.label())
        }
        _ => {
            let done =
                items.iter().filter(|i| matches!(answers.answer(i.code), Answer::Yes | Answer::NotApplicable)).count();
            format!("{} · {done} of {} yes or n/a", section.label(), items.len())
        }
    }
}

/// " Checklist · 13 of 32 answered ", with the assessment's number once
/// there has been more than one, and an earlier one marked read-only.
fn list_title(open: &OpenCase, answered: usize) -> String {
    let of = format!("{answered} of {} answered", ITEMS.len());
    match open.viewing.and_then(|i| open.earlier.get(i)) {
        Some(e) => {
            format!(
                " Assessment {} · as it stood {} · read-only · t next ",
                e.version,
                crate::domain::dates::day(e.closed_on)
            )
        }
        None if open.earlier.is_empty() => format!(" Checklist · {of} "),
        None => format!(" Checklist · assessment {} · {of} · t shows earlier ", open.version()),
    }
}

fn render_items(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &mut OpenCase) -> usize {
    let answers = open.shown_answers().clone();
    let answered = ITEMS.iter().filter(|i| answers.get(i.code).is_some()).count();
    let legend = if open.prefilled.is_empty() {
        format!(" {SENSITIVE_LEGEND} ")
    } else {
        format!(" {PREFILL_LEGEND} · {SENSITIVE_LEGEND} ")
    };
    let block = Block::bordered()
        .title(list_title(open, answered))
        .title_bottom(Line::styled(legend, theme.muted).right_aligned())
        .border_style(theme.border)
        .title_style(theme.title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The sentence takes what the highlight, sensitive and note marks leave.
    let said_width = (inner.width as usize).saturating_sub(2 + 2 + 2);
    let mut rows = Vec::new();
    let mut selected_row = 0;
    for section in ChecklistSection::ALL {
        rows.push(ListItem::new(Line::styled(section_heading(section, &answers), theme.heading)));
        for item in items_in(section) {
            if item.code == open.item().code {
                selected_row = rows.len();
            }
            let entry = answers.get(item.code);
            let (said, style) = item_line(item, entry, open.prefilled(item.code), theme);
            let note = if entry.is_some_and(|e| !e.note.trim().is_empty()) { NOTE_MARK } else { " " };
            let sensitive = if item.sensitive { format!(" {SENSITIVE_MARK}") } else { "  ".to_string() };
            rows.push(ListItem::new(Line::from(vec![
                Span::styled(pad(&said, said_width), style),
                Span::styled(sensitive, theme.muted),
                Span::raw(" "),
                Span::styled(note, theme.muted),
            ])));
        }
    }
    open.state.select(Some(selected_row));
    // Scrolling up onto the first item of a section shows its heading too.
    let first_in_section =
        ChecklistSection::ALL.iter().any(|s| items_in(*s).next().map(|i| i.code) == Some(open.item().code));
    if first_in_section && open.state.offset() >= selected_row {
        *open.state.offset_mut() = selected_row.saturating_sub(1);
    }
    let list = List::new(rows).highlight_style(theme.selected).highlight_symbol("▶ ");
    frame.render_stateful_widget(list, inner, &mut open.state);
    inner.height as usize
}
