//! Agreements: the restorative processes to arrange and hold, and the outcome
//! agreements that follow them (DOMAIN.md §9.7–9.10, §12.4). Two views,
//! switched with `t`:
//!
//! * **Arrangements** — conferences, meetings and indirect processes planned,
//!   confirmed or postponed, soonest first, then the RJ / mediation cases in
//!   preparation with nothing arranged yet.
//! * **Agreements** — held processes whose agreement is still to record, then
//!   each outcome agreement with its items nested under it.
//!
//! Both lists are read a page at a time (keyset pagination); moving past
//! either end of a page loads the next one.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, HighlightSpacing, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};
use ratatui::Frame;
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use super::common::{self, DeadlineKind};
use super::{Ctx, Effect, Prompt, Reply, Screen, ScreenId};
use crate::domain::status::RjStatus;
use crate::domain::types::{AgreementItemKind, ProcessKind, ProcessStatus};
use crate::export::safe::inert;
use crate::store::model::{NewAgreement, NewAgreementItem, NewProcess};
use crate::store::views::agreements::{
    AgreementCounts, AgreementEntry, AgreementItemRow, ArrangementCounts, ArrangementRow, ListKey, ProcessArrangements,
};
use crate::store::StoreError;
use crate::tui::action::Action;
use crate::tui::form::{Field, FieldKind};
use crate::tui::theme::Theme;

/// Rows read per page of the arrangements list.
const ARRANGEMENT_PAGE: usize = 50;
/// Agreements read per page (each with its handful of items).
const AGREEMENT_PAGE: usize = 20;
/// A direct meeting within this many working days needs its room booked.
const ROOM_WARNING_WD: u32 = 2;
/// §12.4 timer: the harmed party is told the result within 5 working days of
/// the last item closing (local default, not law).
const TELL_HARMED_WD: u32 = 5;

pub const ARRANGE: &str = "agreements_arrange";
pub const EDIT_PROCESS: &str = "agreements_edit_process";
pub const PROCESS_OUTCOME: &str = "agreements_process_outcome";
pub const RECORD_AGREEMENT: &str = "agreements_record_agreement";
pub const ADD_ITEM: &str = "agreements_add_item";
pub const INFORM_HARMED: &str = "agreements_inform_harmed";

/// Which of the two lists is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Arrangements,
    Agreements,
}

/// What to select once the list is next loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Process(i64),
    Case(i64),
    Agreement(i64),
    Item(i64),
    /// A held process whose agreement is still to record.
    Held(i64),
}

/// One line of the agreements list: an entry, or an item of entry `.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgreementLine {
    Entry(usize),
    Item(usize, usize),
}

/// A loaded page of a keyset-paged list.
#[derive(Debug, Clone)]
struct Page<T> {
    rows: Vec<T>,
    /// The key the page was read from (None: the start of the list).
    start: Option<ListKey>,
    /// The first row after this page, if there is one.
    next: Option<ListKey>,
    /// How many rows come before the page.
    offset: i64,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { rows: Vec::new(), start: None, next: None, offset: 0 }
    }
}

#[derive(Debug, Default)]
pub struct AgreementsScreen {
    view: View,
    today: NaiveDate,
    /// Meetings on or before this day need their room booked by now.
    room_deadline: NaiveDate,
    arrangements: Page<ArrangementRow>,
    arrangement_counts: ArrangementCounts,
    table: TableState,
    agreements: Page<AgreementEntry>,
    agreement_counts: AgreementCounts,
    /// When each agreement's harmed party should be told by (all items closed).
    tell_by: Vec<Option<NaiveDate>>,
    lines: Vec<AgreementLine>,
    list: ListState,
    want: Option<Want>,
    /// Visible rows, for page up / down.
    visible: usize,
    loaded: bool,
}

impl AgreementsScreen {
    pub fn new() -> Self {
        AgreementsScreen::default()
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// The selected arrangements row (tests read this).
    pub fn selected_arrangement(&self) -> Option<&ArrangementRow> {
        self.table.selected().and_then(|i| self.arrangements.rows.get(i))
    }

    /// The selected agreement entry and, when an item line is selected, the item.
    pub fn selected_agreement(&self) -> Option<(&AgreementEntry, Option<&AgreementItemRow>)> {
        match self.list.selected().and_then(|i| self.lines.get(i))? {
            AgreementLine::Entry(e) => self.agreements.rows.get(*e).map(|entry| (entry, None)),
            AgreementLine::Item(e, i) => {
                let entry = self.agreements.rows.get(*e)?;
                Some((entry, entry.items.get(*i)))
            }
        }
    }

    /// The arrangements rows loaded (one page).
    pub fn arrangement_rows(&self) -> &[ArrangementRow] {
        &self.arrangements.rows
    }

    /// The agreement entries loaded (one page).
    pub fn agreement_entries(&self) -> &[AgreementEntry] {
        &self.agreements.rows
    }

    // ------------------------------------------------------------------ loading

    fn load(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.today = ctx.today;
        self.room_deadline = ctx.calendar.add_working_days(ctx.today, ROOM_WARNING_WD);
        self.loaded = true;
        match self.view {
            View::Arrangements => self.load_arrangements(ctx),
            View::Agreements => self.load_agreements(ctx),
        }
    }

    fn load_arrangements(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.arrangement_counts = ctx.store.arrangement_counts()?;
        let keep = self.selected_arrangement().map(arrangement_identity);
        let keep_index = self.table.selected().unwrap_or(0);
        let want = match self.want {
            Some(Want::Process(_) | Want::Case(_)) => self.want.take(),
            _ => None,
        };
        // A wanted row off this page: start the page at it.
        let want_key = match want {
            Some(Want::Process(id)) => ctx.store.process_row(id)?.map(|r| (r.case_id, Some(id))),
            Some(Want::Case(case_id)) => Some((case_id, None)),
            _ => None,
        };
        let want_key = match want_key {
            Some((case_id, process)) => ctx.store.arrangement_key(case_id, process)?,
            None => None,
        };
        let mut page = read_arrangements(ctx, self.arrangements.start.clone())?;
        if let Some(key) = &want_key {
            if !page.rows.iter().any(|r| &r.key == key) {
                page = read_arrangements(ctx, Some(key.clone()))?;
            }
        }
        if page.rows.is_empty() && page.start.is_some() {
            page = read_arrangements(ctx, None)?;
        }
        let select = want_key
            .and_then(|k| page.rows.iter().position(|r| r.key == k))
            .or_else(|| keep.and_then(|k| page.rows.iter().position(|r| arrangement_identity(r) == k)))
            .or_else(|| (!page.rows.is_empty()).then(|| keep_index.min(page.rows.len() - 1)));
        self.arrangements = page;
        self.table.select(select);
        Ok(())
    }

    fn load_agreements(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.agreement_counts = ctx.store.agreement_counts()?;
        let keep = self.selected_agreement().map(|(e, i)| (e.key.clone(), i.map(|i| i.id)));
        let keep_index = self.list.selected().unwrap_or(0);
        let want = match self.want {
            Some(Want::Process(_)) => None,
            _ => self.want.take(),
        };
        let want_key = match want {
            Some(Want::Item(id)) => match ctx.store.agreement_item_case(id)? {
                Some(case_id) => ctx.store.agreement_key(case_id, Some(id))?,
                None => None,
            },
            Some(Want::Agreement(id)) => match ctx.store.agreement_entry(id)? {
                Some(e) => Some(e.key),
                None => None,
            },
            Some(Want::Held(process_id)) => {
                let case = ctx.store.process_row(process_id)?.map(|r| r.case_id);
                match case {
                    Some(case_id) => ctx.store.agreement_key(case_id, None)?,
                    None => None,
                }
            }
            Some(Want::Case(case_id)) => ctx.store.agreement_key(case_id, None)?,
            _ => None,
        };
        let mut page = read_agreements(ctx, self.agreements.start.clone())?;
        if let Some(key) = &want_key {
            if !page.rows.iter().any(|r| &r.key == key) {
                page = read_agreements(ctx, Some(key.clone()))?;
            }
        }
        if page.rows.is_empty() && page.start.is_some() {
            page = read_agreements(ctx, None)?;
        }
        self.set_agreement_page(page, ctx);
        let want_item = match want {
            Some(Want::Item(id)) => Some(id),
            _ => None,
        };
        let select = want_key
            .and_then(|k| self.line_of(&k, want_item))
            .or_else(|| keep.and_then(|(k, item)| self.line_of(&k, item)))
            .or_else(|| (!self.lines.is_empty()).then(|| keep_index.min(self.lines.len() - 1)));
        self.list.select(select);
        Ok(())
    }

    fn set_agreement_page(&mut self, page: Page<AgreementEntry>, ctx: &Ctx<'_>) {
        self.tell_by = page
            .rows
            .iter()
            .map(|e| e.all_closed_on().map(|d| ctx.calendar.add_working_days(d, TELL_HARMED_WD)))
            .collect();
        self.lines = page
            .rows
            .iter()
            .enumerate()
            .flat_map(|(e, entry)| {
                std::iter::once(AgreementLine::Entry(e))
                    .chain((0..entry.items.len()).map(move |i| AgreementLine::Item(e, i)))
            })
            .collect();
        self.agreements = page;
    }

    /// The list line of an entry (or of one of its items).
    fn line_of(&self, key: &ListKey, item: Option<i64>) -> Option<usize> {
        let e = self.agreements.rows.iter().position(|r| &r.key == key)?;
        let entry = &self.agreements.rows[e];
        let target = match item.and_then(|id| entry.items.iter().position(|i| i.id == id)) {
            Some(i) => AgreementLine::Item(e, i),
            None => AgreementLine::Entry(e),
        };
        self.lines.iter().position(|l| *l == target)
    }

    // ------------------------------------------------------------------ moving

    fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Effect {
        let result = match self.view {
            View::Arrangements => self.move_arrangements(delta, ctx),
            View::Agreements => self.move_agreements(delta, ctx),
        };
        match result {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the next page: {e:#}")),
        }
    }

    fn move_arrangements(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let len = self.arrangements.rows.len();
        if len == 0 {
            self.table.select(None);
            return Ok(());
        }
        let current = self.table.selected().unwrap_or(0) as isize;
        let target = current + delta;
        if target >= len as isize {
            if let Some(next) = self.arrangements.next.clone() {
                self.arrangements = read_arrangements(ctx, Some(next))?;
                self.table.select(Some(0));
                return Ok(());
            }
        } else if target < 0 && self.arrangements.offset > 0 {
            if let Some(first) = self.arrangements.rows.first().map(|r| r.key.clone()) {
                let before = ctx.store.arrangements_before(&first, ARRANGEMENT_PAGE)?;
                let start = before.first().map(|r| r.key.clone());
                self.arrangements = read_arrangements(ctx, start)?;
                let last = self.arrangements.rows.len().saturating_sub(1);
                self.table.select(Some(last));
                return Ok(());
            }
        }
        self.table.select(Some(target.clamp(0, len as isize - 1) as usize));
        Ok(())
    }

    fn move_agreements(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let len = self.lines.len();
        if len == 0 {
            self.list.select(None);
            return Ok(());
        }
        let current = self.list.selected().unwrap_or(0) as isize;
        let target = current + delta;
        if target >= len as isize {
            if let Some(next) = self.agreements.next.clone() {
                let page = read_agreements(ctx, Some(next))?;
                self.set_agreement_page(page, ctx);
                self.list.select(Some(0));
                return Ok(());
            }
        } else if target < 0 && self.agreements.offset > 0 {
            if let Some(first) = self.agreements.rows.first().map(|r| r.key.clone()) {
                let before = ctx.store.agreements_before(&first, AGREEMENT_PAGE)?;
                let start = before.first().map(|r| r.key.clone());
                let page = read_agreements(ctx, start)?;
                self.set_agreement_page(page, ctx);
                self.list.select(Some(self.lines.len().saturating_sub(1)));
                return Ok(());
            }
        }
        self.list.select(Some(target.clamp(0, len as isize - 1) as usize));
        Ok(())
    }

    fn go_top(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let result = match self.view {
            View::Arrangements => read_arrangements(ctx, None).map(|page| {
                self.arrangements = page;
                self.table.select((!self.arrangements.rows.is_empty()).then_some(0));
            }),
            View::Agreements => read_agreements(ctx, None).map(|page| {
                self.set_agreement_page(page, ctx);
                self.list.select((!self.lines.is_empty()).then_some(0));
            }),
        };
        result.map_or_else(|e| Effect::Error(format!("Could not read the list: {e:#}")), |_| Effect::None)
    }

    /// The last page of the list, last row selected.
    fn go_bottom(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let result = (|| -> anyhow::Result<()> {
            match self.view {
                View::Arrangements => {
                    let end = ListKey { group: i64::MAX, sort: String::new(), id: 0 };
                    let before = ctx.store.arrangements_before(&end, ARRANGEMENT_PAGE)?;
                    self.arrangements = read_arrangements(ctx, before.first().map(|r| r.key.clone()))?;
                    self.table.select(self.arrangements.rows.len().checked_sub(1));
                }
                View::Agreements => {
                    let end = ListKey { group: i64::MAX, sort: String::new(), id: 0 };
                    let before = ctx.store.agreements_before(&end, AGREEMENT_PAGE)?;
                    let page = read_agreements(ctx, before.first().map(|r| r.key.clone()))?;
                    self.set_agreement_page(page, ctx);
                    self.list.select(self.lines.len().checked_sub(1));
                }
            }
            Ok(())
        })();
        result.map_or_else(|e| Effect::Error(format!("Could not read the list: {e:#}")), |_| Effect::None)
    }

    fn toggle(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        self.view = match self.view {
            View::Arrangements => View::Agreements,
            View::Agreements => View::Arrangements,
        };
        match self.load(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not load the list: {e:#}")),
        }
    }

    // ------------------------------------------------------------------ arrangements actions

    fn arrangements_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(row) = self.selected_arrangement().cloned() else {
            return match action {
                Action::NewProcess | Action::Open | Action::Complete | Action::OpenCase => Effect::Error(
                    "Nothing to arrange: RJ and mediation cases appear here once they reach preparation.".into(),
                ),
                Action::NewAgreement | Action::NewItem | Action::InformHarmed => wrong_view_agreements(),
                _ => Effect::None,
            };
        };
        match (action, row.process_id) {
            (Action::NewProcess, _) | (Action::Open, None) => Effect::Ask(arrange_prompt(&row)),
            (Action::Open, Some(id)) => Effect::Ask(edit_prompt(id, &row)),
            (Action::Complete, Some(_)) => Effect::Ask(outcome_prompt(&row, ctx.today)),
            (Action::Complete, None) => {
                Effect::Error(format!("Nothing is arranged for {} yet: press n to arrange a process.", row.case_ref))
            }
            (Action::OpenCase, _) => Effect::Focus { screen: ScreenId::Case, case_id: row.case_id, entity_id: None },
            (Action::CalendarFile, Some(id)) => calendar_file(id, &row, ctx),
            (Action::CalendarFile, None) => {
                Effect::Error(format!("Nothing is arranged for {} yet: press n to arrange a process.", row.case_ref))
            }
            (Action::NewAgreement | Action::NewItem | Action::InformHarmed, _) => wrong_view_agreements(),
            _ => Effect::None,
        }
    }

    fn arrange(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let case_id = reply.ids.first().copied().unwrap_or(0);
        let kind = ProcessKind::parse(reply.value(0)).unwrap_or(ProcessKind::FaceToFaceConference);
        let Some(date) = reply.date(1) else { return again(reply, arrange_prompt_for(reply, ctx), "give the date") };
        let Some(time) = parse_time(reply.value(2)) else {
            return again(reply, arrange_prompt_for(reply, ctx), "the time is HH:MM, e.g. 10:30");
        };
        if date < ctx.today {
            return again(reply, arrange_prompt_for(reply, ctx), &format!("{date} is in the past"));
        }
        let facilitators = facilitator_list(reply.value(6));
        if facilitators.is_empty() {
            return again(reply, arrange_prompt_for(reply, ctx), "name the facilitators");
        }
        let process = NewProcess {
            kind,
            scheduled_for: Some(date.and_time(time)),
            venue: optional(reply.value(3)),
            room_booked: reply.value(4) == "yes",
            refreshments: optional(reply.value(5)),
            facilitators: facilitators.join("; "),
            participants: reply.value(7).to_string(),
            status: ProcessStatus::Planned,
        };
        let today = ctx.today;
        let result = ctx.store.write(|tx| {
            let id = tx.add_process(case_id, &process)?;
            let (_, status, _) = tx.case_status(case_id)?;
            let moved = status == RjStatus::Preparation.as_str();
            if moved {
                tx.change_status(case_id, RjStatus::ProcessArranged.as_str(), today)?;
            }
            Ok((id, moved))
        });
        match result {
            Ok((id, moved)) => {
                self.want = Some(Want::Process(id));
                let reference = case_ref(ctx, case_id);
                let what = short_kind(kind.as_str()).to_lowercase();
                let mut text = format!("Saved: {reference} {what} on {}", when_text(date.and_time(time)));
                if moved {
                    text.push_str("; case now Process arranged");
                }
                if facilitators.len() == 1 {
                    text.push_str(" (one facilitator: two are usual)");
                }
                text.push('.');
                Effect::Status(text)
            }
            Err(e) => again(reply, arrange_prompt_for(reply, ctx), &store_problem(&e)),
        }
    }

    fn edit(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let process_id = reply.ids.first().copied().unwrap_or(0);
        let Ok(Some(row)) = ctx.store.process_row(process_id) else {
            return Effect::Error("That process is no longer there.".into());
        };
        let base = edit_prompt(process_id, &row);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(date) = reply.date(0) else { return reprompt("give the date") };
        let Some(time) = parse_time(reply.value(1)) else { return reprompt("the time is HH:MM, e.g. 10:30") };
        let when = date.and_time(time);
        if row.scheduled_for != Some(when) && date < ctx.today {
            return reprompt(&format!("{date} is in the past"));
        }
        let facilitators = facilitator_list(reply.value(5));
        if facilitators.is_empty() {
            return reprompt("name the facilitators");
        }
        let edit = ProcessArrangements {
            scheduled_for: Some(when),
            venue: optional(reply.value(2)),
            room_booked: reply.value(3) == "yes",
            refreshments: optional(reply.value(4)),
            facilitators: facilitators.join("; "),
            participants: reply.value(6).to_string(),
        };
        let new_status = ProcessStatus::parse(reply.value(7));
        let old_status = row.status.as_deref().and_then(ProcessStatus::parse);
        let today = ctx.today;
        let case_id = row.case_id;
        let result = ctx.store.write(|tx| {
            let mut changed = tx.update_process_arrangements(process_id, &edit)?;
            let mut moved = false;
            if let Some(status) = new_status.filter(|s| Some(*s) != old_status) {
                tx.set_process_status(process_id, status, today, None)?;
                changed.push(match status {
                    ProcessStatus::Confirmed => "confirmed",
                    ProcessStatus::Planned => "re-planned",
                    _ => "postponed",
                });
                let (_, case_status, _) = tx.case_status(case_id)?;
                if case_status == RjStatus::Preparation.as_str() {
                    tx.change_status(case_id, RjStatus::ProcessArranged.as_str(), today)?;
                    moved = true;
                }
            }
            Ok((changed, moved))
        });
        match result {
            Ok((changed, _)) if changed.is_empty() => Effect::Status(format!("Nothing changed for {}.", row.case_ref)),
            Ok((changed, moved)) => {
                self.want = Some(Want::Process(process_id));
                let said: Vec<String> = changed
                    .iter()
                    .map(|c| match *c {
                        "date and time" => format!("moved to {}", when_text(when)),
                        other => other.to_string(),
                    })
                    .collect();
                let mut text = format!("Saved: {} {}", row.case_ref, said.join(", "));
                if moved {
                    text.push_str("; case now Process arranged");
                }
                text.push('.');
                Effect::Status(text)
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    fn record_outcome(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let process_id = reply.ids.first().copied().unwrap_or(0);
        let Ok(Some(row)) = ctx.store.process_row(process_id) else {
            return Effect::Error("That process is no longer there.".into());
        };
        let base = outcome_prompt(&row, ctx.today);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(status) = ProcessStatus::parse(reply.value(0)) else { return reprompt("choose what happened") };
        let Some(on) = reply.date(1) else { return reprompt("give the date") };
        if status == ProcessStatus::Held && on > ctx.today {
            return reprompt("a process cannot be held in the future");
        }
        let reason = reply.value(2).to_string();
        if status != ProcessStatus::Held && reason.is_empty() {
            return reprompt(&format!("say why it was {}", status.label().to_lowercase()));
        }
        let move_case = reply.value(3) == "yes";
        let case_id = row.case_id;
        let result = ctx.store.write(|tx| {
            let why = (!reason.is_empty()).then(|| reason.clone());
            tx.set_process_status(process_id, status, on, why)?;
            if status == ProcessStatus::Postponed {
                tx.note_process_reason(process_id, &reason)?;
            }
            let (_, case_status, _) = tx.case_status(case_id)?;
            let mut moved_to = None;
            if move_case && case_status == RjStatus::ProcessArranged.as_str() {
                let to = if status == ProcessStatus::Held { RjStatus::ProcessHeld } else { RjStatus::Preparation };
                tx.change_status(case_id, to.as_str(), on)?;
                moved_to = Some(to);
            }
            Ok(moved_to)
        });
        match result {
            Ok(moved_to) => {
                let mut text = format!("Saved: {} {} on {on}", row.case_ref, status.label().to_lowercase());
                if let Some(to) = moved_to {
                    text.push_str(&format!("; case now {}", to.label()));
                }
                text.push('.');
                if status == ProcessStatus::Held {
                    text.push_str(" Agreement: t, then a.");
                    self.want = Some(Want::Held(process_id));
                } else {
                    self.want = Some(Want::Case(case_id));
                }
                Effect::Status(text)
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    // ------------------------------------------------------------------ agreements actions

    fn agreements_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some((entry, item)) = self.selected_agreement().map(|(e, i)| (e.clone(), i.cloned())) else {
            return match action {
                Action::NewAgreement
                | Action::NewItem
                | Action::Complete
                | Action::InformHarmed
                | Action::OpenCase
                | Action::Open => Effect::Error(
                    "No agreements yet: record what happened at a process in Arrangements (t) first.".into(),
                ),
                Action::NewProcess => wrong_view_arrangements(),
                _ => Effect::None,
            };
        };
        match action {
            Action::NewAgreement => match entry.agreement_id {
                None => Effect::Ask(agreement_prompt(&entry, ctx)),
                Some(_) => Effect::Error(format!(
                    "{} already has its outcome agreement: i adds an item to it.",
                    entry.case_ref
                )),
            },
            Action::NewItem => match entry.agreement_id {
                None => Effect::Error(format!("Record the outcome agreement for {} first (a).", entry.case_ref)),
                Some(_) if entry.status != "active" || entry.harmed_informed_on.is_some() => Effect::Error(format!(
                    "The agreement for {} is closed ({}): no more items.",
                    entry.case_ref,
                    agreement_status_word(&entry.status)
                )),
                Some(id) => Effect::Ask(item_prompt(id, &entry)),
            },
            Action::Complete => match item {
                Some(item) if item.is_open() => {
                    let what = format!("{} item {} — {}", entry.case_ref, item.seq, item.description);
                    Effect::Ask(common::complete_prompt(DeadlineKind::AgreementItem, vec![item.id], ctx.today, &what))
                }
                Some(item) => {
                    Effect::Error(format!("Item {} is {} already.", item.seq, item_status_word(&item, ctx.today)))
                }
                None => Effect::Error("Select an item (↓) to mark it complete.".into()),
            },
            Action::InformHarmed => match entry.agreement_id {
                None => Effect::Error(format!("Record the outcome agreement for {} first (a).", entry.case_ref)),
                Some(_) if entry.harmed_informed_on.is_some() => Effect::Error(format!(
                    "The harmed party was told the result on {} (u undoes that).",
                    entry.harmed_informed_on.map(long_date).unwrap_or_default()
                )),
                Some(id) => Effect::Ask(inform_prompt(id, &entry, ctx.today)),
            },
            Action::OpenCase | Action::Open => {
                Effect::Focus { screen: ScreenId::Case, case_id: entry.case_id, entity_id: None }
            }
            Action::NewProcess => wrong_view_arrangements(),
            _ => Effect::None,
        }
    }

    fn record_agreement(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let process_id = reply.ids.first().copied().unwrap_or(0);
        let Ok(Some(entry)) = held_entry(ctx, process_id) else {
            return Effect::Error("That process is no longer waiting for an agreement.".into());
        };
        let base = agreement_prompt(&entry, ctx);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(agreed_on) = reply.date(0) else { return reprompt("give the date it was agreed") };
        if agreed_on > ctx.today {
            return reprompt("the agreement date cannot be in the future");
        }
        if let Some(held) = entry.held_on.filter(|h| agreed_on < *h) {
            return reprompt(&format!("the process was held on {held}: the agreement cannot be earlier"));
        }
        let review_on = match reply.value(4) {
            "" => None,
            _ => match reply.date(4) {
                Some(d) if d < agreed_on => return reprompt("the review date is before the agreement"),
                Some(d) => Some(d),
                None => return reprompt("the review date is not a date"),
            },
        };
        let agreement = NewAgreement {
            process_id,
            agreed_on,
            signed_by_harmed: reply.value(1) == "yes",
            signed_by_responsible: reply.value(2) == "yes",
            copies_given: reply.value(3) == "yes",
            review_on,
        };
        let case_id = entry.case_id;
        let result = ctx.store.write(|tx| {
            let id = tx.add_agreement(&agreement)?;
            let (_, status, _) = tx.case_status(case_id)?;
            let moved = status == RjStatus::ProcessHeld.as_str();
            if moved {
                tx.change_status(case_id, RjStatus::AgreementMonitoring.as_str(), agreed_on)?;
            }
            Ok((id, moved))
        });
        match result {
            Ok((id, moved)) => {
                self.want = Some(Want::Agreement(id));
                let mut text = format!("Saved: agreement for {} of {agreed_on}", entry.case_ref);
                if moved {
                    text.push_str("; case now Agreement monitoring");
                }
                text.push_str(". i adds its items.");
                Effect::Status(text)
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    fn add_item(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let agreement_id = reply.ids.first().copied().unwrap_or(0);
        let Ok(Some(entry)) = ctx.store.agreement_entry(agreement_id) else {
            return Effect::Error("That agreement is no longer there.".into());
        };
        let base = item_prompt(agreement_id, &entry);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(due_on) = reply.date(3) else { return reprompt("give the due date") };
        if let Some(agreed) = entry.agreed_on.filter(|a| due_on < *a) {
            return reprompt(&format!("the agreement is of {agreed}: an item cannot be due before it"));
        }
        let amount_pence = match reply.value(5) {
            "" => None,
            text => match pounds_to_pence(text) {
                Some(p) => Some(p),
                None => return reprompt("the amount is pounds and pence, e.g. 25.00"),
            },
        };
        let item = NewAgreementItem {
            description: reply.value(0).to_string(),
            kind: AgreementItemKind::parse(reply.value(1)).unwrap_or(AgreementItemKind::Other),
            owner: reply.value(2).to_string(),
            responsible_person_id: None,
            amount_pence,
            due_on,
            monitoring_method: optional(reply.value(4)),
        };
        match ctx.store.write(|tx| tx.add_agreement_item(agreement_id, &item)) {
            Ok(id) => {
                self.want = Some(Want::Item(id));
                Effect::Status(format!(
                    "Saved: item {} for {}, owner {}, due {}.",
                    entry.items.len() + 1,
                    entry.case_ref,
                    item.owner,
                    long_date(due_on)
                ))
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    fn inform_harmed(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let agreement_id = reply.ids.first().copied().unwrap_or(0);
        let Ok(Some(entry)) = ctx.store.agreement_entry(agreement_id) else {
            return Effect::Error("That agreement is no longer there.".into());
        };
        let base = inform_prompt(agreement_id, &entry, ctx.today);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(on) = reply.date(0) else { return reprompt("give the date they were told") };
        if on > ctx.today {
            return reprompt("the date cannot be in the future");
        }
        if let Some(agreed) = entry.agreed_on.filter(|a| on < *a) {
            return reprompt(&format!("the agreement is of {agreed}: they cannot have been told earlier"));
        }
        let overall = reply.value(1).to_string();
        let open = entry.open_items();
        if overall == "completed" && open > 0 {
            return reprompt(&format!(
                "{open} item{} still open: complete {} first, or choose partly / not completed",
                if open == 1 { " is" } else { "s are" },
                if open == 1 { "it" } else { "them" }
            ));
        }
        match ctx.store.write(|tx| tx.mark_harmed_informed(agreement_id, on, &overall)) {
            Ok(()) => {
                self.want = Some(Want::Agreement(agreement_id));
                Effect::Status(format!(
                    "Saved: harmed party for {} told on {on}: {}.",
                    entry.case_ref,
                    agreement_status_word(&overall)
                ))
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    // ------------------------------------------------------------------ drawing

    fn render_arrangements(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [table_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]));
        let counts = self.arrangement_counts;
        let title = format!(
            " Arrangements — {} to hold · {} to arrange{} ",
            counts.processes,
            counts.to_arrange,
            position(&self.arrangements, counts.processes + counts.to_arrange)
        );
        let block = Block::bordered()
            .title(title)
            .title_top(Line::styled(" t: agreements ", theme.muted).right_aligned())
            .border_style(theme.border);
        self.visible = table_area.height.saturating_sub(3).max(1) as usize;
        if self.arrangements.rows.is_empty() {
            let text = "Nothing to arrange. RJ and mediation cases appear here when they reach preparation; \
                        planned, confirmed and postponed processes stay here until you record what happened.";
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), area);
            return;
        }
        let inner = table_area.width.saturating_sub(2 + 2) as usize;
        let columns = arrangement_columns(inner);
        let widths: Vec<usize> = columns.iter().map(|c| c.1).collect();
        let header = Row::new(columns.iter().map(|(name, w, _)| Cell::from(fit(name, *w)))).style(theme.heading);
        let rows: Vec<Row> = self
            .arrangements
            .rows
            .iter()
            .map(|r| arrangement_table_row(r, &columns, self.today, self.room_deadline, theme))
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

    fn render_agreements(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]));
        let counts = self.agreement_counts;
        let title = format!(
            " Agreements — {} open · {} held, agreement to record{} ",
            counts.agreements,
            counts.to_record,
            position(&self.agreements, counts.agreements + counts.to_record)
        );
        let block = Block::bordered()
            .title(title)
            .title_top(Line::styled(" t: arrangements ", theme.muted).right_aligned())
            .border_style(theme.border);
        self.visible = list_area.height.saturating_sub(3).max(1) as usize;
        if self.agreements.rows.is_empty() {
            let text = "No outcome agreements to follow. When a process has been held (c in Arrangements), \
                        it waits here for its agreement: select it and press a.";
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), area);
            return;
        }
        let inner = block.inner(list_area);
        frame.render_widget(block, list_area);
        let [header_area, rows_area] = inner.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
        let width = inner.width.saturating_sub(2) as usize;
        let columns = item_columns(width);
        let header: Vec<Span> = std::iter::once(Span::raw("  "))
            .chain(columns.iter().map(|(name, w, _)| Span::styled(format!("{} ", fit(name, *w)), theme.heading)))
            .collect();
        frame.render_widget(Paragraph::new(Line::from(header)), header_area);
        let items: Vec<ListItem> = self
            .lines
            .iter()
            .map(|line| match *line {
                AgreementLine::Entry(e) => {
                    entry_line(&self.agreements.rows[e], self.tell_by[e], self.today, width, theme)
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

impl Screen for AgreementsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Agreements
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.load(ctx)
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        if !self.loaded {
            if let Err(e) = self.load(ctx) {
                return Effect::Error(format!("Could not load the list: {e:#}"));
            }
        }
        let page = self.visible.max(1) as isize;
        match action {
            Action::Up => self.move_by(-1, ctx),
            Action::Down => self.move_by(1, ctx),
            Action::PageUp => self.move_by(-page, ctx),
            Action::PageDown => self.move_by(page, ctx),
            Action::Top => self.go_top(ctx),
            Action::Bottom => self.go_bottom(ctx),
            Action::ToggleView => self.toggle(ctx),
            _ => match self.view {
                View::Arrangements => self.arrangements_action(action, ctx),
                View::Agreements => self.agreements_action(action, ctx),
            },
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        if let Some(effect) = common::apply_shared_reply(&reply, ctx) {
            if matches!(effect, Effect::Status(_)) {
                if let Some(id) = reply.ids.first() {
                    self.want = Some(Want::Item(*id));
                }
            }
            return effect;
        }
        match reply.purpose {
            ARRANGE => self.arrange(&reply, ctx),
            EDIT_PROCESS => self.edit(&reply, ctx),
            PROCESS_OUTCOME => self.record_outcome(&reply, ctx),
            RECORD_AGREEMENT => self.record_agreement(&reply, ctx),
            ADD_ITEM => self.add_item(&reply, ctx),
            INFORM_HARMED => self.inform_harmed(&reply, ctx),
            _ => Effect::None,
        }
    }

    /// From Today: a meeting opens the arrangements, an agreement item the
    /// agreements, each with that row selected. Today's entity ids do not say
    /// which table they come from, so a live process of the case is tried
    /// first (Today lists only planned and confirmed ones as meetings).
    fn focus(&mut self, case_id: i64, entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        let found = (|| -> anyhow::Result<Option<(View, Want)>> {
            if let Some(id) = entity_id {
                if ctx.store.live_process_case(id)? == Some(case_id) {
                    return Ok(Some((View::Arrangements, Want::Process(id))));
                }
                if ctx.store.agreement_item_case(id)? == Some(case_id) {
                    return Ok(Some((View::Agreements, Want::Item(id))));
                }
            }
            if ctx.store.arrangement_key(case_id, None)?.is_some() {
                return Ok(Some((View::Arrangements, Want::Case(case_id))));
            }
            if ctx.store.agreement_key(case_id, None)?.is_some() {
                return Ok(Some((View::Agreements, Want::Case(case_id))));
            }
            Ok(None)
        })();
        match found {
            Ok(Some((view, want))) => {
                self.view = view;
                self.want = Some(want);
                match self.load(ctx) {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Error(format!("Could not load the list: {e:#}")),
                }
            }
            Ok(None) => Effect::Error(format!("{} has nothing to arrange or agree.", case_ref(ctx, case_id))),
            Err(e) => Effect::Error(format!("Could not find it: {e:#}")),
        }
    }

    fn footer_label(&self, action: Action) -> Option<&'static str> {
        match (self.view, action) {
            (View::Arrangements, Action::Complete) => Some("outcome"),
            (View::Arrangements, Action::Open) => Some("edit"),
            _ => None,
        }
    }

    fn footer(&self) -> Vec<Action> {
        match self.view {
            View::Arrangements => vec![
                Action::NewProcess,
                Action::Complete,
                Action::Open,
                Action::ToggleView,
                Action::OpenCase,
                Action::CalendarFile,
                Action::Undo,
            ],
            View::Agreements => vec![
                Action::NewAgreement,
                Action::NewItem,
                Action::Complete,
                Action::InformHarmed,
                Action::ToggleView,
                Action::OpenCase,
                Action::Undo,
            ],
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        match self.view {
            View::Arrangements => self.render_arrangements(frame, area, theme),
            View::Agreements => self.render_agreements(frame, area, theme),
        }
    }
}

// ====================================================================== reading

fn read_arrangements(ctx: &mut Ctx<'_>, start: Option<ListKey>) -> anyhow::Result<Page<ArrangementRow>> {
    let mut rows = ctx.store.arrangements_from(start.as_ref(), ARRANGEMENT_PAGE + 1)?;
    let next = (rows.len() > ARRANGEMENT_PAGE).then(|| rows.pop().map(|r| r.key)).flatten();
    let offset = match rows.first() {
        Some(first) => ctx.store.arrangements_before_count(&first.key)?,
        None => 0,
    };
    Ok(Page { rows, start, next, offset })
}

fn read_agreements(ctx: &mut Ctx<'_>, start: Option<ListKey>) -> anyhow::Result<Page<AgreementEntry>> {
    let mut rows = ctx.store.agreements_from(start.as_ref(), AGREEMENT_PAGE + 1)?;
    let next = (rows.len() > AGREEMENT_PAGE).then(|| rows.pop().map(|r| r.key)).flatten();
    let offset = match rows.first() {
        Some(first) => ctx.store.agreements_before_count(&first.key)?,
        None => 0,
    };
    Ok(Page { rows, start, next, offset })
}

/// A held process still waiting for its agreement, as the list shows it.
fn held_entry(ctx: &mut Ctx<'_>, process_id: i64) -> anyhow::Result<Option<AgreementEntry>> {
    let Some(row) = ctx.store.process_row(process_id)? else { return Ok(None) };
    let Some(key) = ctx.store.agreement_key(row.case_id, None)? else { return Ok(None) };
    let mut entries = ctx.store.agreements_from(Some(&key), 50)?;
    entries.retain(|e| e.agreement_id.is_none() && e.process_id == process_id);
    Ok(entries.into_iter().next())
}

fn arrangement_identity(r: &ArrangementRow) -> (Option<i64>, i64) {
    (r.process_id, r.case_id)
}

fn case_ref(ctx: &Ctx<'_>, case_id: i64) -> String {
    ctx.store.case_brief(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |(r, _, _)| r)
}

/// " · rows 1–50" when the list is longer than one page.
fn position<T>(page: &Page<T>, total: i64) -> String {
    if page.offset == 0 && page.next.is_none() {
        return String::new();
    }
    let first = page.offset + 1;
    let last = page.offset + page.rows.len() as i64;
    format!(" · {first}–{last} of {total}")
}

// ====================================================================== prompts

fn yes_no(label: &str, yes: bool) -> Field {
    Field::choice_of(label, &[("yes", "Yes"), ("no", "No")], if yes { 0 } else { 1 })
}

fn kind_choices(service: &str) -> (Vec<(String, String)>, usize) {
    let options: Vec<(String, String)> =
        ProcessKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
    let default =
        if service == "mediation" { ProcessKind::MediationJointMeeting } else { ProcessKind::FaceToFaceConference };
    let index = ProcessKind::ALL.iter().position(|k| *k == default).unwrap_or(0);
    (options, index)
}

fn arrange_prompt(row: &ArrangementRow) -> Prompt {
    let (kinds, default) = kind_choices(&row.service);
    Prompt {
        title: format!("Arrange a process for {}", inert(&row.case_ref)),
        message: String::new(),
        fields: vec![
            Field::choice("Kind", kinds, default),
            Field::date("Date", None).required(),
            Field::text("Time").required().with_hint("HH:MM, e.g. 10:30"),
            Field::text("Venue").with_hint("blank for an indirect process"),
            yes_no("Room booked", false),
            Field::text("Refreshments"),
            Field::text("Facilitators").required().with_hint("two names, comma-separated"),
            Field::text("Participants").required().with_hint("who attends, with supporters"),
        ],
        purpose: ARRANGE,
        ids: vec![row.case_id],
    }
}

/// The arrange prompt again, for a refused reply (the service is looked up
/// so the kind list keeps its default).
fn arrange_prompt_for(reply: &Reply, ctx: &Ctx<'_>) -> Prompt {
    let case_id = reply.ids.first().copied().unwrap_or(0);
    let (reference, service, status) = ctx.store.case_brief(case_id).ok().flatten().unwrap_or_default();
    let row = ArrangementRow {
        key: ListKey::default(),
        process_id: None,
        case_id,
        case_ref: reference,
        service,
        case_status: status,
        case_status_since: ctx.today,
        kind: None,
        scheduled_for: None,
        venue: None,
        room_booked: false,
        refreshments: None,
        facilitators: String::new(),
        participants: String::new(),
        status: None,
        reason: None,
    };
    arrange_prompt(&row)
}

fn edit_prompt(process_id: i64, row: &ArrangementRow) -> Prompt {
    let when = row.scheduled_for;
    let status = row.status.as_deref().unwrap_or("planned");
    let mut statuses = vec![("planned", "Planned"), ("confirmed", "Confirmed with everyone")];
    if status == "postponed" {
        statuses.insert(0, ("postponed", "Postponed (still)"));
    }
    let selected = statuses.iter().position(|(v, _)| *v == status).unwrap_or(0);
    let kind = row.kind.as_deref().map_or_else(String::new, kind_label);
    Prompt {
        title: format!("Arrangements for {}", inert(&row.case_ref)),
        message: format!("{kind}: change what is needed and press Enter."),
        fields: vec![
            Field::date("Date", when.map(|w| w.date())).required(),
            Field::text("Time").required().with_value(&when.map_or(String::new(), |w| w.format("%H:%M").to_string())),
            Field::text("Venue").with_value(row.venue.as_deref().unwrap_or("")),
            yes_no("Room booked", row.room_booked),
            Field::text("Refreshments").with_value(row.refreshments.as_deref().unwrap_or("")),
            Field::text("Facilitators").required().with_value(&row.facilitators),
            Field::text("Participants").required().with_value(&row.participants),
            Field::choice_of("Status", &statuses, selected),
        ],
        purpose: EDIT_PROCESS,
        ids: vec![process_id],
    }
}

fn outcome_prompt(row: &ArrangementRow, today: NaiveDate) -> Prompt {
    let scheduled = row.scheduled_for.map(|w| w.date());
    let default_on = scheduled.filter(|d| *d <= today).unwrap_or(today);
    let kind = row.kind.as_deref().map_or_else(String::new, kind_label);
    let when = row.scheduled_for.map_or_else(|| "no date set".to_string(), when_text);
    let mut fields = vec![
        Field::choice_of(
            "What happened",
            &[("held", "Held"), ("postponed", "Postponed"), ("cancelled", "Cancelled")],
            0,
        ),
        Field::date("On", Some(default_on)).required(),
        Field::text("Reason").with_hint("why, if postponed or cancelled"),
    ];
    let mut message = format!("{kind}, {when}.");
    if row.case_status == RjStatus::ProcessArranged.as_str() {
        fields.push(yes_no("Update case status", true));
        message.push_str(" Yes moves the case to Process held (or back to Preparation).");
    }
    Prompt {
        title: format!("What happened — {}", inert(&row.case_ref)),
        message,
        fields,
        purpose: PROCESS_OUTCOME,
        ids: vec![row.process_id.unwrap_or(0), row.case_id],
    }
}

fn agreement_prompt(entry: &AgreementEntry, ctx: &Ctx<'_>) -> Prompt {
    let agreed = entry.held_on.unwrap_or(ctx.today).min(ctx.today);
    Prompt {
        title: format!("Outcome agreement — {}", inert(&entry.case_ref)),
        message: format!(
            "{} held {}. Each item is added after (i).",
            kind_label(&entry.process_kind),
            entry.held_on.map_or_else(|| "?".into(), long_date)
        ),
        fields: vec![
            Field::date("Agreed on", Some(agreed)).required(),
            yes_no("Signed by harmed", true),
            yes_no("Signed by responsible", true),
            yes_no("Copies given", true),
            Field::date("Review on", None).with_hint("YYYY-MM-DD (optional)"),
        ],
        purpose: RECORD_AGREEMENT,
        ids: vec![entry.process_id, entry.case_id],
    }
}

fn item_prompt(agreement_id: i64, entry: &AgreementEntry) -> Prompt {
    let kinds: Vec<(String, String)> =
        AgreementItemKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
    Prompt {
        title: format!("Add an agreement item — {}", inert(&entry.case_ref)),
        message: "SMART: say what, who is responsible and by when (§9.9).".into(),
        fields: vec![
            Field::text("Description").required(),
            Field::choice("Kind", kinds, 0),
            Field::text("Owner").required().with_hint("who is responsible"),
            Field::date("Due on", None).required(),
            Field::text("Monitoring method").with_hint("e.g. coordinator phone check"),
            Field::number("Amount £").with_hint("optional, e.g. 25.00"),
        ],
        purpose: ADD_ITEM,
        ids: vec![agreement_id],
    }
}

fn inform_prompt(agreement_id: i64, entry: &AgreementEntry, today: NaiveDate) -> Prompt {
    let total = entry.items.len();
    let done = entry.items.iter().filter(|i| i.status == "done").count();
    let default = if total > 0 && done == total {
        0
    } else if done > 0 {
        1
    } else {
        2
    };
    Prompt {
        title: format!("Harmed party told the result — {}", inert(&entry.case_ref)),
        message: format!("{done} of {total} items done, {} still open.", entry.open_items()),
        fields: vec![
            Field::date("Told on", Some(today)).required(),
            Field::choice_of(
                "Overall result",
                &[
                    ("completed", "Completed"),
                    ("partially_completed", "Partly completed"),
                    ("not_completed", "Not completed"),
                ],
                default,
            ),
        ],
        purpose: INFORM_HARMED,
        ids: vec![agreement_id],
    }
}

/// Ask again with what was typed kept, saying what was wrong: nothing typed
/// is lost to a refusal.
fn again(reply: &Reply, mut prompt: Prompt, problem: &str) -> Effect {
    for (i, field) in prompt.fields.iter_mut().enumerate() {
        let value = reply.value(i);
        match &field.kind {
            FieldKind::Choice(options) => {
                if let Some(pos) = options.iter().position(|(v, _)| v == value) {
                    field.choice = pos;
                }
            }
            _ => field.input = Input::new(value.to_string()),
        }
    }
    prompt.message = format!("Not saved: {problem}.");
    Effect::Ask(prompt)
}

fn store_problem(e: &StoreError) -> String {
    e.to_string().trim_end_matches('.').to_string()
}

fn wrong_view_agreements() -> Effect {
    Effect::Error("Agreements are recorded in the Agreements view: press t.".into())
}

fn wrong_view_arrangements() -> Effect {
    Effect::Error("Processes are arranged in the Arrangements view: press t.".into())
}

// ====================================================================== parsing

/// "10:30", "9:05", "10.30" or "1030".
fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    ["%H:%M", "%H.%M", "%H%M"].iter().find_map(|f| NaiveTime::parse_from_str(t, f).ok())
}

/// Names split on commas or semicolons, blanks dropped.
fn facilitator_list(text: &str) -> Vec<String> {
    text.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|s| !s.is_empty())
}

/// "25", "25.5", "£25.00" → pence; None for anything else or below zero.
fn pounds_to_pence(text: &str) -> Option<i64> {
    let t = text.trim().trim_start_matches('£').trim();
    let (pounds, pence) = match t.split_once('.') {
        Some((p, f)) if !f.is_empty() && f.len() <= 2 && f.chars().all(|c| c.is_ascii_digit()) => {
            let f = if f.len() == 1 { format!("{f}0") } else { f.to_string() };
            (p, f.parse::<i64>().ok()?)
        }
        Some(_) => return None,
        None => (t, 0),
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    pounds.parse::<i64>().ok()?.checked_mul(100)?.checked_add(pence)
}

// ====================================================================== words

fn kind_label(kind: &str) -> String {
    ProcessKind::parse(kind).map_or_else(|| kind.replace('_', " "), |k| k.label().to_string())
}

/// Kinds short enough for a column.
fn short_kind(kind: &str) -> &'static str {
    match ProcessKind::parse(kind) {
        Some(ProcessKind::FaceToFaceConference) => "Conference",
        Some(ProcessKind::CommunityConference) => "Group conf.",
        Some(ProcessKind::ShuttleIndirect) => "Shuttle",
        Some(ProcessKind::LetterExchange) => "Letters",
        Some(ProcessKind::LetterOfApology) => "Apology",
        Some(ProcessKind::RecordedMessage) => "Recorded msg",
        Some(ProcessKind::VideoCall) => "Video call",
        Some(ProcessKind::PhoneCall) => "Phone call",
        Some(ProcessKind::MediationJointMeeting) => "Joint meeting",
        Some(ProcessKind::MediationShuttle) => "Med. shuttle",
        None => "Other",
    }
}

/// A meeting in a room: these need the room booked (§9.7, §9.10).
fn needs_room(kind: Option<&str>) -> bool {
    matches!(
        kind.and_then(ProcessKind::parse),
        Some(ProcessKind::FaceToFaceConference | ProcessKind::CommunityConference | ProcessKind::MediationJointMeeting)
    )
}

fn service_word(service: &str) -> &'static str {
    match service {
        "mediation" => "Mediation",
        "restorative_justice" => "RJ",
        _ => "OOCD",
    }
}

fn case_status_word(status: &str) -> String {
    RjStatus::parse(status).map_or_else(|| status.replace('_', " "), |s| s.label().to_string())
}

fn agreement_status_word(status: &str) -> &'static str {
    match status {
        "active" => "active",
        "completed" => "completed",
        "partially_completed" => "partly completed",
        "not_completed" => "not completed",
        "none_wanted" => "none wanted",
        _ => "unknown",
    }
}

fn item_status_word(item: &AgreementItemRow, today: NaiveDate) -> &'static str {
    if item.is_overdue(today) {
        return "overdue";
    }
    match item.status.as_str() {
        "open" => "open",
        "done" => "done",
        "not_done" => "not done",
        "waived" => "waived",
        _ => "?",
    }
}

fn when_text(at: NaiveDateTime) -> String {
    at.format("%a %-d %b %H:%M").to_string()
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %y").to_string()
}

fn day_month(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

fn pounds(pence: i64) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

fn tick(yes: bool) -> &'static str {
    if yes {
        "✓"
    } else {
        "✗"
    }
}

/// Text cut to `width` columns with an ellipsis, padded to exactly `width`.
fn fit(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let total = text.width();
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if total > width && used + w + 1 > width {
            out.push('…');
            used += 1;
            break;
        }
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

// ====================================================================== arrangements drawing

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
}

/// The columns that fit `width`, with their widths. Wide terminals show the
/// room tick beside the refreshments, and the facilitators; narrow ones only
/// the room tick (the detail pane shows the rest).
fn arrangement_columns(width: usize) -> Vec<(&'static str, usize, ArrCol)> {
    let wide = width >= 96;
    let mut cols: Vec<(&'static str, usize, ArrCol)> = vec![
        ("Ref", 13, ArrCol::Ref),
        ("Kind", 13, ArrCol::Kind),
        ("When", 16, ArrCol::When),
        ("Venue", 0, ArrCol::Venue),
    ];
    if wide {
        cols.push(("Room/refr.", 0, ArrCol::Refreshments));
        cols.push(("Facilitators", 0, ArrCol::Facilitators));
    } else {
        cols.push(("Room", 4, ArrCol::Room));
    }
    cols.push(("Status", 9, ArrCol::Status));
    let taken: usize = cols.iter().map(|c| c.1).sum::<usize>() + cols.len() - 1;
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

fn arrangement_table_row(
    r: &ArrangementRow,
    columns: &[(&'static str, usize, ArrCol)],
    today: NaiveDate,
    room_deadline: NaiveDate,
    theme: &Theme,
) -> Row<'static> {
    let date = r.scheduled_for.map(|w| w.date());
    let past = date.is_some_and(|d| d < today) && r.status.as_deref() != Some("postponed");
    let room_late = needs_room(r.kind.as_deref()) && !r.room_booked && date.is_some_and(|d| d <= room_deadline);
    let cells: Vec<Cell> = columns
        .iter()
        .map(|(_, w, col)| {
            let (text, style): (String, Style) = match col {
                ArrCol::Ref => (inert(&r.case_ref), theme.title),
                ArrCol::Kind => match &r.kind {
                    Some(k) => (short_kind(k).to_string(), theme.normal),
                    None => (service_word(&r.service).to_string(), theme.muted),
                },
                ArrCol::When => match (r.process_id, r.scheduled_for) {
                    (None, _) => ("to arrange".into(), theme.warning),
                    (Some(_), None) => ("no date".into(), theme.warning),
                    (Some(_), Some(at)) if r.status.as_deref() == Some("postponed") => (when_text(at), theme.muted),
                    (Some(_), Some(at)) if past => (when_text(at), theme.overdue),
                    (Some(_), Some(at)) => (when_text(at), theme.normal),
                },
                ArrCol::Venue => match r.process_id {
                    None => (format!("since {}", day_month(r.case_status_since)), theme.muted),
                    Some(_) => (inert(r.venue.as_deref().unwrap_or("—")), theme.normal),
                },
                ArrCol::Room => room_cell(r, room_late, theme),
                ArrCol::Refreshments => {
                    let (tick, tick_style) = room_cell(r, room_late, theme);
                    if tick.is_empty() {
                        return Cell::from(fit("", *w));
                    }
                    let food = inert(r.refreshments.as_deref().unwrap_or(""));
                    let rest = fit(&food, w.saturating_sub(2));
                    return Cell::from(Line::from(vec![Span::styled(format!("{tick} "), tick_style), Span::raw(rest)]));
                }
                ArrCol::Facilitators => {
                    let full = inert(&r.facilitators);
                    (if full.width() <= *w { full } else { surnames(&r.facilitators) }, theme.normal)
                }
                ArrCol::Status => match r.status.as_deref() {
                    Some("postponed") => ("postponed".into(), theme.warning),
                    Some(s) => (s.to_string(), theme.normal),
                    None => ("—".into(), theme.muted),
                },
            };
            Cell::from(Span::styled(fit(&text, *w), style))
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
        Some(_) if !needs_room(r.kind.as_deref()) => ("—".into(), theme.muted),
        Some(_) if room_late => ("✗".into(), theme.warning),
        Some(_) => ("✗".into(), theme.normal),
    }
}

/// "Ann Byrne; Ruth Acheson (volunteer)" → "Byrne, Acheson": enough to
/// recognise who is facilitating in a narrow column.
fn surnames(facilitators: &str) -> String {
    facilitator_list(&inert(facilitators))
        .iter()
        .map(|name| {
            let plain = name.split('(').next().unwrap_or(name).trim();
            plain.rsplit(' ').next().unwrap_or(plain).to_string()
        })
        .collect::<Vec<_>>()
        .join(", ")
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
                    service_word(&r.service),
                    case_status_word(&r.case_status),
                    long_date(r.case_status_since)
                )),
            ]),
            Line::raw(""),
            Line::raw(""),
            hints(&[("n", "arrange a conference, meeting or indirect process"), ("o", "case")], theme),
        ];
    };
    let kind = r.kind.as_deref().map_or_else(String::new, kind_label);
    let when =
        r.scheduled_for.map_or_else(|| "no date set".to_string(), |w| w.format("%a %-d %b %Y %H:%M").to_string());
    let date = r.scheduled_for.map(|w| w.date());
    let mut first = vec![
        Span::styled(inert(&r.case_ref), theme.title),
        Span::raw(format!(" · {kind} · {when} · {}", r.status.as_deref().unwrap_or(""))),
    ];
    if let Some(reason) = r.reason.as_deref().filter(|_| r.status.as_deref() == Some("postponed")) {
        first.push(Span::raw(format!(" ({})", inert(reason))));
    }
    let room = if r.room_booked {
        Span::styled("room booked", theme.good)
    } else if needs_room(r.kind.as_deref()) {
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
    if date.is_some_and(|d| d < today) && r.status.as_deref() != Some("postponed") {
        hint.spans.insert(0, Span::styled("This date has passed: ", theme.overdue));
    }
    vec![Line::from(first), Line::from(second), Line::from(third), hint]
}

// ====================================================================== agreements drawing

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
    let mut fixed = vec![("Ref / item", 13, ItemCol::Ref), ("Owner", owner, ItemCol::Owner), ("Due", 9, ItemCol::Due)];
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

fn entry_line(
    entry: &AgreementEntry,
    tell_by: Option<NaiveDate>,
    today: NaiveDate,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![Span::styled(format!("{} ", fit(&inert(&entry.case_ref), 13)), theme.title)];
    match entry.agreement_id {
        None => {
            spans.push(Span::raw(format!(
                "{} held {} · ",
                short_kind(&entry.process_kind),
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
            if entry.status != "active" {
                spans.push(Span::raw(format!(" · {}", agreement_status_word(&entry.status))));
            } else if let Some(review) = entry.review_on {
                let style = if review < today { theme.warning } else { theme.normal };
                spans.push(Span::raw(" · "));
                spans.push(Span::styled(format!("review {}", long_date(review)), style));
            }
        }
    }
    truncate_spans(spans, width)
}

/// The detail pane: one fact per line, each cut to the width rather than
/// wrapped, so the key hints on the last line always show.
fn render_detail(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'static>>, theme: &Theme) {
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = lines.into_iter().map(|l| truncate_spans(l.spans, width)).collect();
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().border_style(theme.border)), area);
}

/// Cut a line of spans to `width` columns, ending with an ellipsis.
fn truncate_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
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
                out.push(Span::styled(fit(&span.content, room).trim_end().to_string(), span.style));
            }
            break;
        }
    }
    Line::from(out)
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
                ItemCol::Due => (short_date(item.due_on), if overdue { theme.overdue } else { theme.normal }),
                ItemCol::Monitoring => (inert(item.monitoring_method.as_deref().unwrap_or("—")), theme.normal),
                ItemCol::Status => {
                    let word = item_status_word(item, today);
                    let style = if overdue {
                        theme.overdue
                    } else if item.status == "done" {
                        theme.good
                    } else {
                        theme.normal
                    };
                    (word.to_string(), style)
                }
            };
            Span::styled(format!("{} ", fit(&text, *w)), style)
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
    let held =
        format!("{} held {}", kind_label(&entry.process_kind), entry.held_on.map_or_else(|| "?".into(), long_date));
    let people = format!("Facilitators: {} · Present: {}", inert(&entry.facilitators), inert(&entry.participants));
    if entry.agreement_id.is_none() {
        return vec![
            Line::from(vec![reference, Span::raw(format!(" · {held} · no outcome agreement recorded yet"))]),
            Line::raw(people),
            Line::raw(""),
            hints(&[("a", "record the agreement"), ("o", "open the case")], theme),
        ];
    }
    if let Some(item) = item {
        let mut facts = vec![
            AgreementItemKind::parse(&item.kind).map_or_else(|| item.kind.clone(), |k| k.label().to_string()),
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
            format!("Harmed party told on {} ({}).", long_date(d), agreement_status_word(&entry.status)),
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
        Line::raw(format!("{held} · {people}")),
        hints(&[("i", "add item"), ("h", "harmed party told"), ("↓", "select an item to complete")], theme),
    ]
}

/// A line of key hints: "c complete · i add item".
fn hints(pairs: &[(&'static str, &'static str)], theme: &Theme) -> Line<'static> {
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

/// Write the meeting as an .ics file for the desk's own mail client, and
/// log the export (the file names no one: reference, kind, venue, time).
fn calendar_file(process_id: i64, row: &ArrangementRow, ctx: &mut Ctx<'_>) -> Effect {
    let dir = common::export_dir();
    let path = dir.join(format!("{}-meeting-{process_id}.ics", row.case_ref));
    let result = (|| -> anyhow::Result<()> {
        let text = crate::export::ics::ics_for_process(ctx.store, process_id)?;
        std::fs::create_dir_all(&dir)?;
        let mut entry =
            crate::store::AuditEntry::new(crate::store::AuditOp::Export, "rj_process", process_id).case(row.case_id);
        entry.justification = Some("calendar file for the desk's own mail client".into());
        entry.recipient = Some(path.display().to_string());
        ctx.store.write(|tx| tx.audit(&entry))?;
        crate::export::write_file_atomically(&path, text.as_bytes())
    })();
    match result {
        Ok(()) => Effect::Status(format!("Calendar file written to {}", path.display())),
        Err(e) => Effect::Error(format!("Calendar file not written: {e:#}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_typed() {
        assert_eq!(parse_time("10:30"), NaiveTime::from_hms_opt(10, 30, 0));
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("18.00"), NaiveTime::from_hms_opt(18, 0, 0));
        assert_eq!(parse_time("1030"), NaiveTime::from_hms_opt(10, 30, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("half ten"), None);
    }

    #[test]
    fn pounds_become_pence() {
        assert_eq!(pounds_to_pence("25"), Some(2500));
        assert_eq!(pounds_to_pence("£12.5"), Some(1250));
        assert_eq!(pounds_to_pence("0.99"), Some(99));
        assert_eq!(pounds_to_pence("-3"), None);
        assert_eq!(pounds_to_pence("1.999"), None);
        assert_eq!(pounds_to_pence("ten"), None);
        assert_eq!(pounds(1250), "£12.50");
    }

    #[test]
    fn facilitators_split_on_commas_or_semicolons() {
        assert_eq!(facilitator_list(" Ann Byrne, Ruth Acheson ;"), vec!["Ann Byrne", "Ruth Acheson"]);
        assert!(facilitator_list(" , ").is_empty());
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_and_pads() {
        assert_eq!(fit("Kelvington", 6), "Kelvi…");
        assert_eq!(fit("RJ", 4), "RJ  ");
        assert_eq!(fit("Zoë", 3), "Zoë");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn columns_fill_the_width_exactly() {
        for width in [76usize, 96, 156] {
            let cols = arrangement_columns(width);
            let total: usize = cols.iter().map(|c| c.1).sum::<usize>() + cols.len() - 1;
            assert_eq!(total, width, "{width}");
            let items = item_columns(width);
            let total: usize = items.iter().map(|c| c.1 + 1).sum();
            assert_eq!(total, width, "{width}");
        }
        assert!(arrangement_columns(76).iter().all(|c| c.2 != ArrCol::Facilitators));
        assert!(arrangement_columns(96).iter().any(|c| c.2 == ArrCol::Facilitators));
    }
}
