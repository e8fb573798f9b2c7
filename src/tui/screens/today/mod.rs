//! Today: the morning triage list, section by section, worked top to bottom.

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::common::{self, DeadlineKey};
use super::coordinator_filter::{short_name, Whose};
use super::{enquiries, finalise, meetings};
use super::{Ctx, Effect, PendingAction, Reply, Screen, ScreenId};
use crate::domain::dates;
use crate::domain::triage::{ItemKind, TodayItem, TodaySection};
use crate::export::safe::inert;
use crate::store::TodayRow;
use crate::tui::action::Action;
use crate::tui::text::{fit, fit_padded};
use crate::tui::theme::Theme;

mod paging;
mod whose;

#[derive(Debug, Default)]
pub struct TodayScreen {
    /// The rows around the selection, as far as they have been read: at a
    /// force's caseload the list runs to tens of thousands of items, so it
    /// is read a page at a time as the selection moves.
    stretch: paging::Stretch,
    state: ListState,
    empty_database: bool,
    page: usize,
    /// The reach the rows and headings' counts were last read for: a
    /// taller frame than that (the first at 200×60) reads more on the next
    /// tick, so no heading waits for a key to show its count.
    read_for: usize,
    /// The first row drawn: only the rows on screen are built each frame.
    offset: usize,
    /// The day and the store's change mark the rows were read at. Coming
    /// back to Today with both unchanged keeps them.
    read_at: Option<(NaiveDate, i64)>,
    /// Whose cases are listed: everyone's, one coordinator's, or none's.
    whose: Whose,
    /// The coordinator of each case held that has one.
    coordinators: HashMap<i64, String>,
}

impl TodayScreen {
    pub fn new() -> Self {
        TodayScreen::default()
    }

    /// The selected entry, if it is an item (headings are skipped over).
    pub fn selected(&self) -> Option<&TodayItem> {
        match self.state.selected().and_then(|i| self.stretch.rows.get(i)) {
            Some(TodayRow::Item(item)) => Some(item),
            _ => None,
        }
    }

    /// The items read so far, in list order: those around the selection,
    /// not the whole list (tests read this).
    pub fn items(&self) -> impl Iterator<Item = &TodayItem> {
        self.stretch.rows.iter().filter_map(|r| match r {
            TodayRow::Item(i) => Some(i),
            TodayRow::Heading(..) => None,
        })
    }

    /// The rows on screen, scrolled as little as possible to keep the
    /// selection in view.
    fn visible_window(&mut self) -> std::ops::Range<usize> {
        let height = self.page.max(1);
        let len = self.stretch.rows.len();
        if let Some(selected) = self.state.selected() {
            if selected < self.offset {
                self.offset = selected;
            } else if selected >= self.offset + height {
                self.offset = selected + 1 - height;
            }
        }
        self.offset = self.offset.min(len.saturating_sub(height));
        self.offset..(self.offset + height).min(len)
    }

    /// Apply a move, saying so if the next rows could not be read.
    fn step(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Result<(), Effect> {
        let page = self.page.max(1) as isize;
        let moved = match action {
            Action::Up => self.move_by(-1, ctx),
            Action::Down => self.move_by(1, ctx),
            Action::PageUp => self.move_by(-page, ctx),
            Action::PageDown => self.move_by(page, ctx),
            Action::Top => self.load_top(ctx),
            Action::Bottom => self.load_bottom(ctx),
            _ => Ok(()),
        };
        moved.map_err(|e| Effect::Error(format!("Could not read the Today list: {e:#}")))
    }

    fn open(&self, item: &TodayItem) -> Effect {
        let screen = match item.kind {
            // A facilitator has no case: their entry is in the Directory.
            ItemKind::Vetting => ScreenId::Directory,
            ItemKind::Referral | ItemKind::Checklist => ScreenId::Checklist,
            ItemKind::Condition => ScreenId::Deadlines,
            ItemKind::AgreementItem | ItemKind::Meeting => ScreenId::Agreements,
            ItemKind::FollowUp
            | ItemKind::Retention
            | ItemKind::Finalise
            | ItemKind::PoliceRecord
            | ItemKind::FirstContact
            | ItemKind::Transfer
            | ItemKind::BreachDecision
            | ItemKind::AtRisk => ScreenId::Case,
            ItemKind::AgreementFollowUp | ItemKind::HarmedInformed => ScreenId::Agreements,
            // A meeting's action opens its meeting, in the Agreements
            // screen's Meetings view (its case, if any, is `o`).
            ItemKind::MeetingAction => {
                return Effect::Focus { screen: ScreenId::Agreements, case_id: 0, entity_id: Some(item.entity_id) }
            }
        };
        Effect::Focus { screen, case_id: item.case_id, entity_id: Some(item.entity_id) }
    }

    fn complete(&self, item: &TodayItem, ctx: &Ctx<'_>) -> Effect {
        let what = format!("{} — {}", item.case_ref, item.title);
        match item.kind {
            ItemKind::Condition => {
                Effect::Ask(common::complete_prompt(vec![DeadlineKey::Condition(item.entity_id)], ctx.today, &what))
            }
            ItemKind::AgreementItem => {
                Effect::Ask(common::complete_prompt(vec![DeadlineKey::Item(item.entity_id)], ctx.today, &what))
            }
            ItemKind::FollowUp => Effect::Ask(common::follow_up_prompt(item.entity_id, &item.case_ref)),
            ItemKind::MeetingAction => Effect::Ask(meetings::done_prompt(item.entity_id, &item.title, ctx.today)),
            _ => Effect::Error(
                "Only conditions, agreement items, follow-ups and meetings' actions are completed here.".into(),
            ),
        }
    }
}

impl Screen for TodayScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Today
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let read_at = (ctx.today, ctx.store.change_mark()?);
        if self.read_at == Some(read_at) {
            return Ok(());
        }
        let keep = self.selected().map(|i| (i.key(), self.state.selected().unwrap_or(0).saturating_sub(self.offset)));
        self.empty_database = !ctx.store.has_cases()?;
        self.stretch.counts.clear();
        match keep {
            Some((key, line)) => self.load_around(&key, line, ctx)?,
            None => self.load_top(ctx)?,
        }
        self.read_at = Some(read_at);
        Ok(())
    }

    fn select_restored(&mut self, records: &[(&'static str, i64, Option<i64>)], ctx: &mut Ctx<'_>) -> Effect {
        if let Err(e) = self.refresh(ctx) {
            return Effect::Error(format!("Could not read the Today list: {e:#}"));
        }
        // The rows read are those around the selection, where the change was
        // made; what it brought back is among them.
        let restored = |item: &TodayItem| {
            records.iter().any(|(table, id, case)| {
                *id == item.entity_id
                    && *case == Some(item.case_id)
                    && restored_table(item.kind).is_none_or(|wanted| wanted == *table)
            })
        };
        let at = self.stretch.rows.iter().position(|r| matches!(r, TodayRow::Item(i) if restored(i)));
        if at.is_some() {
            self.state.select(at);
        }
        Effect::None
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        match action {
            Action::ExportSummary => return common::export_summary(ctx),
            Action::LogEnquiry => return Effect::Ask(enquiries::enquiry_prompt(ctx.today)),
            Action::Enquiries => return enquiries::enquiries_prompt(ctx),
            Action::FilterCoordinator => return self.ask_whose(ctx),
            Action::Back if !self.whose.is_all() => return self.show(Whose::default(), ctx),
            _ => {}
        }
        if let Err(effect) = self.step(action, ctx) {
            return effect;
        }
        let Some(item) = self.selected().cloned() else {
            return match action {
                Action::Open
                | Action::Complete
                | Action::Breach
                | Action::LogContact
                | Action::OpenCase
                | Action::Finalise => Effect::Error("Nothing is selected.".into()),
                _ => Effect::None,
            };
        };
        match action {
            Action::Open => self.open(&item),
            // A facilitator's vetting concerns no case.
            Action::OpenCase | Action::LogContact if item.kind == ItemKind::Vetting => {
                Effect::Error("A facilitator's vetting concerns no case: Enter opens them in the Directory.".into())
            }
            Action::OpenCase | Action::LogContact if item.kind == ItemKind::MeetingAction && item.case_id == 0 => {
                Effect::Error("This action concerns no case: Enter opens its meeting.".into())
            }
            Action::OpenCase => Effect::Focus { screen: ScreenId::Case, case_id: item.case_id, entity_id: None },
            Action::Complete => self.complete(&item, ctx),
            Action::Breach if item.kind == ItemKind::Condition => {
                let what = format!("{} — {}", item.case_ref, item.title);
                Effect::Ask(common::breach_prompt(item.case_id, Some(item.entity_id), ctx.today, &what))
            }
            Action::Breach => Effect::Error("A breach is recorded against a condition.".into()),
            Action::LogContact => common::ask_contact(ctx, item.case_id, &item.case_ref),
            Action::Finalise if matches!(item.kind, ItemKind::Finalise | ItemKind::PoliceRecord) => {
                finalise::finalise_prompt(item.case_id, ctx)
            }
            Action::Finalise => {
                Effect::Error("Only a disposal ready to finalise, or its police record, is finalised here.".into())
            }
            _ => Effect::None,
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        match &reply.pending {
            PendingAction::Shared(pending) => common::apply_shared_reply(pending, &reply, ctx),
            PendingAction::Finalise(pending) => finalise::apply_reply(pending, &reply, ctx),
            PendingAction::Enquiries(pending) => enquiries::apply_reply(pending, &reply, ctx),
            PendingAction::Meetings(pending) => meetings::apply_reply(pending, &reply, ctx),
            PendingAction::CoordinatorFilter => self.apply_whose(&reply, ctx),
            _ => Effect::None,
        }
    }

    fn footer(&self) -> Vec<Action> {
        vec![
            Action::Open,
            Action::Complete,
            Action::Breach,
            Action::LogContact,
            Action::OpenCase,
            Action::FilterCoordinator,
            Action::ExportSummary,
            Action::Finalise,
            Action::Undo,
        ]
    }

    fn tick(&mut self, ctx: &mut Ctx<'_>) -> bool {
        if !self.busy() {
            return false;
        }
        // A failed read leaves the counts at "…"; the next key reads again.
        let _ = self.fill(ctx);
        self.read_for = self.reach();
        true
    }

    fn busy(&self) -> bool {
        !self.empty_database && !self.stretch.rows.is_empty() && self.reach() > self.read_for
    }
    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        if self.empty_database {
            render_welcome(frame, area, theme);
            return;
        }
        let [list_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]));
        self.page = list_area.height.saturating_sub(2) as usize;
        let window = self.visible_window();
        let counts = &self.stretch.counts;
        let coordinators = &self.coordinators;
        let widths = coordinator_widths(&self.stretch.rows, coordinators, list_area.width);
        let whens = when_widths(&self.stretch.rows);
        let items: Vec<ListItem> = self.stretch.rows[window.clone()]
            .iter()
            .map(|r| row_item(r, counts, coordinators, (&widths, &whens), theme, list_area.width))
            .collect();
        let block = Block::bordered().title(self.title()).border_style(theme.border);
        let list = List::new(items).block(block).highlight_style(theme.selected).highlight_symbol("▶ ");
        let mut local = ListState::default().with_selected(self.state.selected().map(|s| s - window.start));
        frame.render_stateful_widget(list, list_area, &mut local);
        let detail = match self.selected() {
            Some(item) => detail_line(item, self.coordinators.get(&item.case_id)),
            None => "Nothing is due. Press 2 to log a referral.".to_string(),
        };
        frame.render_widget(
            Paragraph::new(inert(&detail))
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_style(theme.border)),
            detail_area,
        );
    }
}

/// The coordinator column of each section: as wide as the longest name it
/// shows (initials at narrow widths, the name at wide ones) and none where
/// no case of the section has a coordinator, so the description gets the
/// room. Sections are blocks of their own, each aligned within itself.
fn coordinator_widths(
    rows: &[TodayRow],
    coordinators: &HashMap<i64, String>,
    width: u16,
) -> HashMap<TodaySection, usize> {
    let most = if width >= 120 { 18 } else { 4 };
    let mut widths = HashMap::new();
    for row in rows {
        let TodayRow::Item(item) = row else { continue };
        let shown = coordinators.get(&item.case_id).map_or(0, |n| short_name(n, most - 1).width() + 1);
        let at = widths.entry(item.section).or_insert(0);
        *at = (*at).max(shown.min(most));
    }
    widths
}

/// The "when" column of each section: `WHEN` wide, or wider where a date
/// of another year ("30 wd since Thu 26 Nov 2026") needs it, so the
/// coordinator after it is never run into.
fn when_widths(rows: &[TodayRow]) -> HashMap<TodaySection, usize> {
    let mut widths = HashMap::new();
    for row in rows {
        let TodayRow::Item(item) = row else { continue };
        let at = widths.entry(item.section).or_insert(WHEN);
        *at = (*at).max(when_text(item).width() + 1);
    }
    widths
}

/// One line: a heading with its count (read with it), or an item with its
/// case's coordinator in its section's column.
fn row_item(
    row: &TodayRow,
    counts: &HashMap<TodaySection, usize>,
    coordinators: &HashMap<i64, String>,
    (widths, whens): (&HashMap<TodaySection, usize>, &HashMap<TodaySection, usize>),
    theme: &Theme,
    width: u16,
) -> ListItem<'static> {
    match row {
        TodayRow::Heading(section) => {
            let count = counts.get(section).map_or_else(|| "…".to_string(), |n| n.to_string());
            ListItem::new(Line::styled(format!("{} ({count})", section.heading()), theme.heading))
        }
        TodayRow::Item(item) => {
            let when = when_text(item);
            let style = if item.late { theme.overdue } else { theme.normal };
            let coord_w = widths.get(&item.section).copied().unwrap_or(0);
            let coordinator =
                coordinators.get(&item.case_id).map_or(String::new(), |n| short_name(n, coord_w.saturating_sub(1)));
            let when_w = whens.get(&item.section).copied().unwrap_or(WHEN);
            // Indent, reference, when, coordinator, and the list's border and marker.
            let title_width = (width as usize).saturating_sub(2 + 15 + when_w + coord_w + 4);
            ListItem::new(Line::from(vec![
                Span::styled(format!("  {:<15}", item.reference()), theme.title),
                Span::styled(format!("{when:<when_w$}"), style),
                Span::raw(fit_padded(&coordinator, coord_w)),
                Span::raw(fit(&inert(&item.title), title_width)),
            ]))
        }
    }
}

/// The "when" column: room for "due Fri 18 Dec (in 12 wd)".
const WHEN: usize = 25;

fn when_text(item: &TodayItem) -> String {
    match item.section {
        TodaySection::NewReferrals | TodaySection::Checklists => format!("{} wd old", item.working_days),
        TodaySection::Overdue => format!("{} wd overdue", item.working_days),
        TodaySection::DueToday => "due today".into(),
        TodaySection::DueSoon => format!("due {} (in {} wd)", dates::day_short(item.date), -item.working_days),
        TodaySection::FollowUps => format!("due {}", dates::day_short(item.date)),
        TodaySection::Timers => format!("{} wd since {}", item.working_days, dates::day_short(item.date)),
        TodaySection::Meetings => dates::day_short(item.date),
        TodaySection::ReadyToFinalise => format!("issued {}", dates::day_short(item.date)),
        TodaySection::PoliceRecord => format!("finalised {}", dates::day_short(item.date)),
        TodaySection::RetentionReviews => format!("review due {}", dates::day_short(item.date)),
        TodaySection::Vetting if item.late => format!("ran out {}", dates::day_short(item.date)),
        TodaySection::Vetting => format!("runs out {}", dates::day_short(item.date)),
    }
}

fn detail_line(item: &TodayItem, coordinator: Option<&String>) -> String {
    let what = match item.kind {
        ItemKind::Referral => "Enter opens the sense-check",
        ItemKind::Checklist => "Enter opens the checklist",
        ItemKind::Condition => "Enter opens it in Deadlines · c complete · b breach",
        ItemKind::AgreementItem => "Enter opens the agreement · c complete",
        ItemKind::FollowUp => "Enter opens the case · c mark done",
        ItemKind::Meeting => "Enter opens the arrangements",
        ItemKind::Retention => "Enter opens the case for its retention review",
        ItemKind::Finalise => "Enter opens the case · f finalise",
        ItemKind::PoliceRecord => "Enter opens the case · f police record updated",
        ItemKind::FirstContact => "Enter opens the case to log a contact",
        ItemKind::Transfer => "Enter opens the case to transfer it",
        ItemKind::AgreementFollowUp => "Enter opens the agreement",
        ItemKind::HarmedInformed => "Enter opens the agreement · h harmed party told",
        ItemKind::BreachDecision | ItemKind::AtRisk => "Enter opens the case",
        ItemKind::MeetingAction if item.case_id > 0 => "Enter opens its meeting · o the case · c mark done",
        ItemKind::MeetingAction => {
            return format!(
                "Meeting action due {} · {}{} Enter opens its meeting · c marks it done.",
                dates::day(item.date),
                item.title,
                stop(&item.title)
            )
        }
        ItemKind::Vetting => {
            return format!(
                "{} · {}{} Enter opens them in the Directory.",
                dates::day(item.date),
                item.title,
                stop(&item.title)
            )
        }
    };
    let holder = coordinator.map_or(String::new(), |name| format!(" · coordinator: {name}"));
    format!("{}{holder} · {} · {}{} {what}.", item.case_ref, dates::day(item.date), item.title, stop(&item.title))
}

/// The full stop after a title, unless it already ends a sentence (a
/// contact summary typed with its own).
fn stop(title: &str) -> &'static str {
    if title.trim_end().ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    }
}

fn render_welcome(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::styled("Welcome to casedesk", theme.heading),
        Line::from(""),
        Line::from("This desk holds no cases yet."),
        Line::from(""),
        Line::from(vec![
            Span::raw("• To log the first referral, press "),
            Span::styled("2", theme.key),
            Span::raw(" (Intake), fill in the form and press "),
            Span::styled("Ctrl-S", theme.key),
            Span::raw("."),
        ]),
        Line::from(vec![
            Span::raw("• To explore with invented data, quit ("),
            Span::styled("q", theme.key),
            Span::raw(") and run:  casedesk demo --db <new file>"),
        ]),
        Line::from(vec![
            Span::raw("• Every action is in the command palette ("),
            Span::styled(":", theme.key),
            Span::raw(") and every key in help ("),
            Span::styled("?", theme.key),
            Span::raw(")."),
        ]),
    ];
    let block = Block::bordered().title(" Today ").border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}

/// The table an item's id belongs to, where the kind names one, so that an
/// id brought back from another table is not mistaken for it.
fn restored_table(kind: ItemKind) -> Option<&'static str> {
    match kind {
        ItemKind::Condition => Some("condition"),
        ItemKind::AgreementItem | ItemKind::AgreementFollowUp => Some("agreement_item"),
        ItemKind::Finalise | ItemKind::PoliceRecord => Some("disposal"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::stop;

    #[test]
    fn a_title_ending_its_own_sentence_gets_no_second_full_stop() {
        assert_eq!(stop("Spoke to Mrs O'Connor: keen to meet."), "");
        assert_eq!(stop("Is he still willing?"), "");
        assert_eq!(stop("follow up phone contact"), ".");
    }
}
