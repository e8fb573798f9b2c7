//! Drawing the item detail and the assessment panel: the risk, the rules
//! that bind the decision, and the last decision made.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::checklist::{
    self, sense_check_complete, suggested_decision, Answer, Answers, ChecklistSection, RiskLevel,
};
use crate::export::safe::inert;
use crate::store::views::checklist::DecisionRecord;
use crate::tui::theme::Theme;

use super::{reason_words, short_reasons, OpenCase, NOTE_MARK};
use crate::tui::text::fit;

pub(super) fn render_detail(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let item = open.item();
    let entry = open.shown_answers().get(item.code);
    // The answer as a sentence first, then what the item asks.
    let said = match (entry, open.prefilled(item.code)) {
        (None, Some(answer)) => format!("{} (y confirms). ", checklist::suggested_sentence(item, answer)),
        _ => format!("{}. ", checklist::sentence(item, entry)),
    };
    let first = vec![Span::styled(said, theme.title), Span::raw(item.help)];
    let mut second = Vec::new();
    if item.section == ChecklistSection::Risk && entry.is_some_and(|e| e.answer == Answer::Yes && e.severity.is_none())
    {
        second.push(Span::styled("Severity not recorded: counted as medium. ", theme.warning));
    }
    match entry.map(|e| e.note.trim()).filter(|n| !n.is_empty()) {
        Some(note) => second.push(Span::raw(format!("{NOTE_MARK} {}", inert(note)))),
        None => second.push(Span::styled("No note.", theme.muted)),
    }
    frame.render_widget(Paragraph::new(vec![Line::from(first), Line::from(second)]).wrap(Wrap { trim: true }), area);
}

fn risk_style(risk: RiskLevel, theme: &Theme) -> Style {
    match risk {
        RiskLevel::Low => theme.good,
        RiskLevel::Medium => theme.warning,
        RiskLevel::High | RiskLevel::Unsafe => theme.overdue,
    }
}

fn decision_line(d: &DecisionRecord) -> String {
    let signoff = match (&d.manager_signoff_by, d.manager_signoff_on) {
        (Some(by), Some(on)) => format!("signed off by {} on {}", inert(by), crate::domain::dates::day_short(on)),
        (Some(by), None) => format!("signed off by {}", inert(by)),
        _ => "no sign-off".to_string(),
    };
    format!(
        "{} on {} by {} (risk {}); {signoff}.",
        d.decision.label(),
        crate::domain::dates::day(d.decided_on),
        inert(&d.decided_by),
        d.risk_level.as_str()
    )
}

fn sense_check_text(answers: &Answers) -> (String, bool) {
    match sense_check_complete(answers) {
        Ok(()) => ("complete".to_string(), true),
        Err(missing) => (format!("{} open", missing.len()), false),
    }
}

/// The assessment beside the items: every reason in full.
pub(super) fn render_panel(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let width = area.width.saturating_sub(2) as usize;
    let c = &open.constraints;
    let suggested = suggested_decision(c, &open.answers);
    let (sense, sense_ok) = sense_check_text(&open.answers);
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Overall risk  "),
            Span::styled(c.risk.as_str().to_uppercase(), risk_style(c.risk, theme)),
        ]),
        Line::from(vec![Span::raw("Suggested     "), Span::styled(suggested.label(), theme.title)]),
        Line::from(vec![
            Span::raw("Sense-check   "),
            Span::styled(sense, if sense_ok { theme.good } else { theme.warning }),
        ]),
    ];
    if !c.suitability_open.is_empty() {
        lines.push(Line::from(vec![
            Span::raw("Suitability   "),
            Span::styled(format!("{} no or unknown", c.suitability_open.len()), theme.warning),
        ]));
    }
    lines.push(Line::from(""));
    if c.forced_not_suitable.is_empty() {
        lines.push(Line::styled("Nothing forces not suitable.", theme.good));
    } else {
        lines.push(Line::styled("Cannot be suitable:", theme.overdue));
        lines.extend(c.forced_not_suitable.iter().flat_map(|r| bullet(&reason_words(r), width)));
    }
    if c.manager_review.is_empty() {
        lines.push(Line::styled("No manager review needed.", theme.good));
    } else {
        lines.push(Line::styled("Manager review needed:", theme.warning));
        lines.extend(c.manager_review.iter().flat_map(|r| bullet(&reason_words(r), width)));
    }
    lines.push(Line::from(""));
    match &open.decision {
        Some(d) => {
            lines.push(Line::styled("Last decision", theme.heading));
            lines.push(Line::styled(d.decision.label(), theme.title));
            lines.push(Line::from(format!(
                "{} · {} · risk {}",
                crate::domain::dates::day(d.decided_on),
                inert(&d.decided_by),
                d.risk_level.as_str()
            )));
            lines.push(match &d.manager_signoff_by {
                Some(by) => Line::styled(format!("Signed off by {}", inert(by)), theme.good),
                None => Line::styled("No manager sign-off", theme.muted),
            });
            lines.push(Line::styled(format!("“{}”", inert(&d.rationale)), theme.muted));
        }
        None => lines.push(Line::styled("No decision recorded yet.", theme.muted)),
    }
    let block = Block::bordered().title(" Assessment ").border_style(theme.border).title_style(theme.title);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// A reason as a bullet, wrapped at word boundaries with a hanging indent.
fn bullet(text: &str, width: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(2).max(10);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed = current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > room {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines.into_iter().enumerate().map(|(i, l)| Line::from(format!("{}{l}", if i == 0 { "• " } else { "  " }))).collect()
}

/// The assessment under the items, for narrow terminals: one line per part.
pub(super) fn render_compact_panel(frame: &mut Frame<'_>, area: Rect, theme: &Theme, open: &OpenCase) {
    let c = &open.constraints;
    let suggested = suggested_decision(c, &open.answers);
    let (sense, sense_ok) = sense_check_text(&open.answers);
    let first = vec![
        Span::raw("Risk "),
        Span::styled(c.risk.as_str().to_uppercase(), risk_style(c.risk, theme)),
        Span::raw(" · suggested "),
        Span::styled(suggested.label(), theme.title),
        Span::raw(" · sense-check "),
        Span::styled(sense, if sense_ok { theme.good } else { theme.warning }),
    ];
    let forced = if !c.forced_not_suitable.is_empty() {
        Line::styled(format!("✗ Cannot be suitable: {}", short_reasons(&c.forced_not_suitable)), theme.overdue)
    } else if !c.suitability_open.is_empty() {
        Line::styled(
            format!("Suitable needs every suitability item yes or n/a: {} still open.", c.suitability_open.len()),
            theme.warning,
        )
    } else {
        Line::styled("Nothing forces not suitable.", theme.good)
    };
    let review = if c.manager_review.is_empty() {
        Line::styled("No manager review needed.", theme.good)
    } else {
        Line::styled(format!("! Manager review: {}", short_reasons(&c.manager_review)), theme.warning)
    };
    let decision = match &open.decision {
        Some(d) => Line::from(format!("Last decision: {}", decision_line(d))),
        None => Line::styled("No decision recorded yet.", theme.muted),
    };
    let width = area.width as usize;
    let fit = |line: Line<'static>| -> Line<'static> {
        // One line each: cut at the width rather than wrap into the next part.
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if text.chars().count() <= width {
            line
        } else {
            Line::styled(fit(&text, width), line.style)
        }
    };
    let lines = vec![Line::from(first), fit(forced), fit(review), fit(decision)];
    let block =
        Block::new().borders(Borders::TOP).title(" Assessment ").border_style(theme.border).title_style(theme.title);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
