//! Reports: the period's figures drawn as bar charts (referrals by source and
//! by service) and weekly sparklines, or listed with their counting
//! definitions. `p` steps through the periods; `t` switches the view.
//!
//! `mod.rs` holds the state and the keys, `counting.rs` counting the
//! figures on another thread, and `render.rs` the drawing.

mod counting;
mod render;

use std::sync::mpsc::TryRecvError;

use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::widgets::TableState;
use ratatui::Frame;

use super::{Ctx, Effect, Screen, ScreenId};
use crate::domain::dates::{financial_year_start, weeks_ending};
use crate::domain::workdays::WorkCalendar;
use crate::export::report::{gather, PeriodReport};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use counting::{count_apart, count_on_thread, Counting};

/// The periods `p` steps through, ending on the desk's today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    Last4Weeks,
    Last13Weeks,
    Last52Weeks,
    FinancialYear,
    /// The RJ quarterly return for the last full quarter (issue 15 §4).
    RjQuarter,
}

impl Period {
    pub fn next(self) -> Period {
        match self {
            Period::Last4Weeks => Period::Last13Weeks,
            Period::Last13Weeks => Period::Last52Weeks,
            Period::Last52Weeks => Period::FinancialYear,
            Period::FinancialYear => Period::RjQuarter,
            Period::RjQuarter => Period::Last4Weeks,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Last4Weeks => "Last 4 weeks",
            Period::Last13Weeks => "Last 13 weeks",
            Period::Last52Weeks => "Last 52 weeks",
            Period::FinancialYear => "This financial year",
            Period::RjQuarter => "RJ quarterly return",
        }
    }

    /// First and last day (both included). Whole weeks end on today; the
    /// financial year runs from 1 April.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        if self == Period::RjQuarter {
            return last_full_quarter(today);
        }
        let from = match self {
            Period::Last4Weeks => weeks_ending(today, 4),
            Period::Last13Weeks => weeks_ending(today, 13),
            Period::Last52Weeks => weeks_ending(today, 52),
            Period::FinancialYear => financial_year_start(today),
            Period::RjQuarter => today,
        };
        (from, today)
    }

    /// The figures of this period: the period report, or the RJ return.
    pub fn gather(
        self,
        store: &crate::store::Store,
        today: NaiveDate,
        calendar: &WorkCalendar,
    ) -> crate::store::StoreResult<PeriodReport> {
        let (from, to) = self.range(today);
        match self {
            Period::RjQuarter => crate::export::report::rj_quarterly::gather(store, from, to),
            _ => gather(store, from, to, calendar),
        }
    }

    /// A return is read as its table of figures and definitions, not charts.
    fn is_return(self) -> bool {
        self == Period::RjQuarter
    }
}

/// The quarter (January to March, ...) before the one `today` is in.
fn last_full_quarter(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let this = NaiveDate::from_ymd_opt(today.year(), (today.month0() / 3) * 3 + 1, 1).unwrap_or(today);
    let to = this.pred_opt().unwrap_or(this);
    let from = NaiveDate::from_ymd_opt(to.year(), to.month() - 2, 1).unwrap_or(to);
    (from, to)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum View {
    #[default]
    Charts,
    Definitions,
}

#[derive(Debug, Default)]
pub struct ReportsScreen {
    period: Period,
    view: View,
    report: Option<PeriodReport>,
    /// What `report` was gathered for: period, day and the store's change
    /// mark. Coming back to the screen with all three unchanged reuses it,
    /// since a year's figures at a force's caseload take a noticeable moment.
    gathered_for: Option<(Period, NaiveDate, i64)>,
    /// Figures being counted on another thread, for a large desk.
    counting: Option<Counting>,
    /// Why the last count failed, shown until the next one.
    failed: Option<String>,
    table: TableState,
    page: usize,
}

impl ReportsScreen {
    pub fn new() -> Self {
        ReportsScreen::default()
    }

    pub fn period(&self) -> Period {
        self.period
    }

    /// The report on screen (tests read its figures).
    pub fn report(&self) -> Option<&PeriodReport> {
        self.report.as_ref()
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let key = (self.period, ctx.today, ctx.store.change_mark()?);
        let under_way = self.counting.as_ref().is_some_and(|c| c.key == key);
        if (self.report.is_some() && self.gathered_for == Some(key)) || under_way {
            return Ok(());
        }
        self.failed = None;
        match count_apart(ctx.store) {
            Some(path) => {
                let result = count_on_thread(path, self.period, ctx.today, WorkCalendar::clone(ctx.calendar));
                self.counting = Some(Counting { key, result });
            }
            None => {
                self.counting = None;
                self.show(self.period.gather(ctx.store, ctx.today, ctx.calendar)?, key);
            }
        }
        Ok(())
    }

    /// Put a counted report on screen, keeping the selected row if it can.
    fn show(&mut self, report: PeriodReport, key: (Period, NaiveDate, i64)) {
        let rows = report.figures.len();
        self.report = Some(report);
        self.gathered_for = Some(key);
        let keep = self.table.selected().unwrap_or(0).min(rows.saturating_sub(1));
        self.table.select((rows > 0).then_some(keep));
    }

    /// What to show instead of figures while they are counted, or when the
    /// count failed.
    fn waiting_note(&self) -> Option<String> {
        if let Some(counting) = &self.counting {
            let (period, today, _) = counting.key;
            let (from, to) = period.range(today);
            return Some(format!(
                "Counting the figures for {} ({} – {}) ...",
                period.label().to_lowercase(),
                crate::domain::dates::day(from),
                crate::domain::dates::day(to)
            ));
        }
        self.failed.clone()
    }

    fn move_by(&mut self, delta: isize) {
        let rows = self.report.as_ref().map_or(0, |r| r.figures.len());
        if rows == 0 {
            return;
        }
        let current = self.table.selected().unwrap_or(0) as isize;
        self.table.select(Some((current + delta).clamp(0, rows as isize - 1) as usize));
    }

    fn next_period(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        self.period = self.period.next();
        match self.load(ctx) {
            Ok(()) => {
                let (from, to) = self.period.range(ctx.today);
                Effect::Status(format!("{}: {} to {}.", self.period.label(), from, to))
            }
            Err(e) => Effect::Error(format!("Could not gather the figures: {e:#}")),
        }
    }
}

impl Screen for ReportsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Reports
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.load(ctx)
    }

    fn tick(&mut self, _ctx: &mut Ctx<'_>) -> bool {
        let Some(counting) = &self.counting else { return false };
        let outcome = match counting.result.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err("the count stopped unexpectedly".to_string()),
        };
        let key = counting.key;
        self.counting = None;
        match outcome {
            Ok(report) => self.show(report, key),
            Err(e) => self.failed = Some(format!("Could not gather the figures: {e}. Press p to try again.")),
        }
        true
    }

    fn busy(&self) -> bool {
        self.counting.is_some()
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let page = self.page.max(1) as isize;
        match action {
            Action::Period => return self.next_period(ctx),
            Action::ToggleView => {
                self.view = match self.view {
                    View::Charts => View::Definitions,
                    View::Definitions => View::Charts,
                };
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            _ => {}
        }
        Effect::None
    }

    fn footer(&self) -> Vec<Action> {
        match self.view {
            View::Charts => vec![Action::Period, Action::ToggleView],
            View::Definitions => vec![Action::Period, Action::ToggleView, Action::Up, Action::Down],
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        self.draw(frame, area, theme);
    }
}
