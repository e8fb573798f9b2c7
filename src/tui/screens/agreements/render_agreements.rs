//! Drawing the Agreements view: each agreement with its items nested
//! under it, the item columns for the width, and the detail pane.

use crate::domain::types::AgreementStatus;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::types::AgreementItemStatus;
use crate::export::safe::inert;
use crate::store::views::agreements::{AgreementEntry, AgreementItemRow};
use crate::tui::screens::coordinator_filter::short_name;
use crate::tui::theme::Theme;

use super::paging::position;
use super::words::{
    agreement_status_word, hints, item_status_word, kind_label, long_date, pounds, render_detail, short_kind, tick,
    truncate_spans,
};
use super::{AgreementLine, AgreementsScreen};
use crate::tui::text::fit_padded;

impl AgreementsScreen {
    pub(super) fn render_agreements(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]));
        let counts = self.agreement_counts;
        let title = format!(
            " {} — {} open · {} held, agreement to record{} ",
            self.heading("Agreements"),
            counts.agreements,
            counts.to_record,
            position(&self.agreements, counts.agreements.plus(counts.to_record))
        );
        let block = self.list_block(title, "arrangements", area.width, theme);
        self.visible = list_area.height.saturating_sub(3).max(1) as usize;
        if self.agreements.rows.is_empty() {
            let text = self.empty_text(
                "No outcome agreements to follow",
                "No outcome agreements to follow. When a process has been held (c in Arrangements), \
                 it waits here for its agreement: select it and press a.",
            );
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), area);
            return;
        }
        let inner = block.inner(list_area);
        frame.render_widget(block, list_area);
        let [header_area, rows_area] = inner.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
        let width = inner.width.saturating_sub(2) as usize;
        let columns = item_columns(width);
        let header: Vec<Span> = std::iter::once(Span::raw("  "))
            .chain(columns.iter().map(|(name, w, _)| Span::styled(format!("{} ", fit_padded(name, *w)), theme.heading)))
            .collect();
        frame.render_widget(Paragraph::new(Line::from(header)), header_area);
        let items: Vec<ListItem> = self
            .lines
            .iter()
            .map(|line| match *line {
                AgreementLine::Entry(e) => {
                    let entry = &self.agreements.rows[e];
                    let coordinator = self.coordinators.get(&entry.case_id).map_or("", String::as_str);
                    entry_line(entry, coordinator, self.tell_by[e], self.today, width, theme)
                }
                AgreementLine::Item(e, i) => item_line(&self.agreements.rows[e].items[i], &columns, self.today, theme),
            })
            .map(ListItem::new)
            .collect();
        let list = List::new(items).highlight_style(theme.selected).highlight_symbol("▶ ");
        frame.render_stateful_widget(list, rows_area, &mut self.list);
        let detail = match self.selected_agreement() {
            Some((entry, item)) => {
                let e = self.agreements.rows.iter().position(|r| r.key == entry.key).unwrap_or(0);
                agreement_detail(entry, item, self.tell_by.get(e).copied().flatten(), self.today, theme)
            }
            None => Vec::new(),
        };
        render_detail(frame, detail_area, detail, theme);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemCol {
    Ref,
    Item,
    Owner,
    Due,
    Monitoring,
    Status,
}

fn item_columns(width: usize) -> Vec<(&'static str, usize, ItemCol)> {
    let monitoring = width >= 90;
    // Wide terminals give the owner and the monitoring method room to read.
    let (owner, monitoring_width) = match width {
        w if w >= 130 => (22, 30),
        w if w >= 90 => (15, 18),
        _ => (13, 0),
    };
    let mut fixed = vec![
        ("Ref / item", 13, ItemCol::Ref),
        ("Owner", owner, ItemCol::Owner),
        ("Due", crate::domain::dates::day_width(), ItemCol::Due),
    ];
    if monitoring {
        fixed.push(("Monitoring", monitoring_width, ItemCol::Monitoring));
    }
    fixed.push(("Status", 8, ItemCol::Status));
    let spacing = fixed.len() + 1;
    let item_width = width.saturating_sub(fixed.iter().map(|c| c.1).sum::<usize>() + spacing).max(8);
    let mut cols = vec![fixed[0], ("Item", item_width, ItemCol::Item)];
    cols.extend(fixed[1..].iter().copied());
    cols
}

/// The case's coordinator after its reference: the name where the list is
/// wide, else the initials; nothing when nobody holds the case yet.
fn coordinator_span(name: &str, width: usize, theme: &Theme) -> Span<'static> {
    if name.is_empty() {
        return Span::raw("");
    }
    let short = short_name(name, if width >= 110 { 20 } else { 0 });
    Span::styled(format!("{short} · "), theme.muted)
}

fn entry_line(
    entry: &AgreementEntry,
    coordinator: &str,
    tell_by: Option<NaiveDate>,
    today: NaiveDate,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![
        Span::styled(format!("{} ", fit_padded(&inert(&entry.case_ref), 13)), theme.title),
        coordinator_span(coordinator, width, theme),
    ];
    match entry.agreement_id {
        None => {
            spans.push(Span::raw(format!(
                "{} held {} · ",
                short_kind(entry.process_kind),
                entry.held_on.map_or_else(|| "?".into(), long_date)
            )));
            spans.push(Span::styled("outcome agreement to record (a)", theme.warning));
        }
        Some(_) => {
            let open = entry.open_items();
            let total = entry.items.len();
            spans.push(Span::raw(format!(
                "agreed {} · {} · ",
                entry.agreed_on.map_or_else(|| "?".into(), long_date),
                if total == 0 { "no items yet".to_string() } else { format!("{open} of {total} open") }
            )));
            spans.push(Span::raw("harmed told: "));
            match entry.harmed_informed_on {
                Some(d) => spans.push(Span::styled(long_date(d), theme.good)),
                None => {
                    let style = match tell_by {
                        Some(by) if by < today => theme.overdue,
                        Some(_) => theme.warning,
                        None => theme.normal,
                    };
                    spans.push(Span::styled("not yet", style));
                }
            }
            if entry.status != Some(AgreementStatus::Active) {
                spans.push(Span::raw(format!(" · {}", agreement_status_word(entry.status))));
            } else if let Some(review) = entry.review_on {
                let style = if review < today { theme.warning } else { theme.normal };
                spans.push(Span::raw(" · "));
                spans.push(Span::styled(format!("review {}", long_date(review)), style));
            }
        }
    }
    truncate_spans(spans, width)
}

fn item_line(
    item: &AgreementItemRow,
    columns: &[(&'static str, usize, ItemCol)],
    today: NaiveDate,
    theme: &Theme,
) -> Line<'static> {
    let overdue = item.is_overdue(today);
    let spans: Vec<Span> = columns
        .iter()
        .map(|(_, w, col)| {
            let (text, style) = match col {
                ItemCol::Ref => (format!("  item {}", item.seq), theme.muted),
                ItemCol::Item => (inert(&item.description), if item.is_open() { theme.normal } else { theme.muted }),
                ItemCol::Owner => (inert(&item.owner), theme.normal),
                ItemCol::Due => (long_date(item.due_on), if overdue { theme.overdue } else { theme.normal }),
                ItemCol::Monitoring => (inert(item.monitoring_method.as_deref().unwrap_or("—")), theme.normal),
                ItemCol::Status => {
                    let word = item_status_word(item, today);
                    let style = if overdue {
                        theme.overdue
                    } else if item.status == AgreementItemStatus::Done {
                        theme.good
                    } else {
                        theme.normal
                    };
                    (word.to_string(), style)
                }
            };
            Span::styled(format!("{} ", fit_padded(&text, *w)), style)
        })
        .collect();
    Line::from(spans)
}

fn agreement_detail(
    entry: &AgreementEntry,
    item: Option<&AgreementItemRow>,
    tell_by: Option<NaiveDate>,
    today: NaiveDate,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let reference = Span::styled(inert(&entry.case_ref), theme.title);
    let held_words =
        format!("{} held {}", kind_label(entry.process_kind), entry.held_on.map_or_else(|| "?".into(), long_date));
    let people = format!("Facilitators: {} · Present: {}", inert(&entry.facilitators), inert(&entry.participants));
    if entry.agreement_id.is_none() {
        return vec![
            Line::from(vec![reference, Span::raw(format!(" · {held_words} · no outcome agreement recorded yet"))]),
            Line::raw(people),
            Line::raw(""),
            hints(&[("a", "record the agreement"), ("o", "open the case")], theme),
        ];
    }
    if let Some(item) = item {
        let mut facts = vec![
            item.kind.label().to_string(),
            format!("owner {}", inert(&item.owner)),
            format!("due {}", long_date(item.due_on)),
        ];
        if let Some(amount) = item.amount_pence {
            facts.push(format!("{} (paid {})", pounds(amount), pounds(item.amount_paid_pence)));
        }
        facts.push(format!("monitoring: {}", inert(item.monitoring_method.as_deref().unwrap_or("none set"))));
        let status = match (item.completed_on, item.evidence.as_deref()) {
            (Some(on), Some(evidence)) => {
                Span::styled(format!("Done {}: {}", long_date(on), inert(evidence)), theme.good)
            }
            (Some(on), None) => Span::styled(format!("Done {}", long_date(on)), theme.good),
            _ if item.is_overdue(today) => Span::styled(
                format!("Overdue since {} — chase {}", long_date(item.due_on), inert(&item.owner)),
                theme.overdue,
            ),
            _ => Span::raw(format!("Status: {}", item_status_word(item, today))),
        };
        return vec![
            Line::from(vec![reference, Span::raw(format!(" item {}: {}", item.seq, inert(&item.description)))]),
            Line::raw(facts.join(" · ")),
            Line::from(status),
            hints(&[("c", "complete"), ("i", "add item"), ("h", "harmed party told"), ("o", "case")], theme),
        ];
    }
    let told = match entry.harmed_informed_on {
        Some(d) => Span::styled(
            format!("Harmed party told on {} ({}).", long_date(d), agreement_status_word(entry.status)),
            theme.good,
        ),
        None => match tell_by {
            Some(by) => Span::styled(
                format!("Every item is closed: tell the harmed party the result (due by {}).", long_date(by)),
                if by < today { theme.overdue } else { theme.warning },
            ),
            None if entry.items.is_empty() => Span::styled("No items yet: i adds the first.", theme.warning),
            None => Span::raw(format!(
                "Harmed party not yet told the result · {} of {} items open.",
                entry.open_items(),
                entry.items.len()
            )),
        },
    };
    vec![
        Line::from(vec![
            reference,
            Span::raw(format!(
                " · agreed {} · signed: harmed {} responsible {} · copies given {} · review {}",
                entry.agreed_on.map_or_else(|| "?".into(), long_date),
                tick(entry.signed_by_harmed),
                tick(entry.signed_by_responsible),
                tick(entry.copies_given),
                entry.review_on.map_or_else(|| "none set".into(), long_date),
            )),
        ]),
        Line::from(told),
        Line::raw(format!("{held_words} · {people}")),
        hints(&[("i", "add item"), ("h", "harmed party told"), ("↓", "select an item to complete")], theme),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_columns_fill_the_width_exactly() {
        for width in [76usize, 96, 156] {
            let items = item_columns(width);
            let total: usize = items.iter().map(|c| c.1 + 1).sum();
            assert_eq!(total, width, "{width}");
        }
    }
}
