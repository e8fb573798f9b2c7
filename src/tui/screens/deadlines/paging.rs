//! Reading the deadlines a page at a time and moving through them.

use chrono::NaiveDate;

use super::{DeadlinesScreen, Due, Scope, PAGE};
use crate::domain::dates::end_of_working_week;
use crate::store::views::deadlines::{DeadlineFilter, DeadlinePage, PageAt};
use crate::store::StoreError;
use crate::tui::screens::{Ctx, Effect};

impl DeadlinesScreen {
    /// The filter as the store takes it.
    pub(super) fn store_filter(&self, today: NaiveDate) -> DeadlineFilter {
        let (due_from, due_until) = match self.filters.due {
            Due::All => (None, None),
            Due::Overdue => (None, today.pred_opt()),
            Due::ThisWeek => (Some(today), Some(end_of_working_week(today))),
        };
        let (case_id, case_ids) = match &self.filters.scope {
            Scope::All => (None, None),
            Scope::Case { id, .. } => (Some(*id), None),
            Scope::Matching { case_ids, .. } => (None, Some(case_ids.clone())),
        };
        DeadlineFilter {
            due_from,
            due_until,
            provider_id: self.filters.provider.as_ref().map(|(id, _)| *id),
            service: self.filters.service,
            coordinator: self.filters.whose.filter,
            case_id,
            case_ids,
        }
    }

    pub(super) fn set_page(&mut self, page: DeadlinePage, ctx: &Ctx<'_>) {
        self.today = ctx.today;
        self.left = page.rows.iter().map(|r| ctx.calendar.working_days_between(ctx.today, r.key.due_on)).collect();
        let cases: Vec<i64> = page.rows.iter().map(|r| r.case_id).collect();
        // A name missing for a moment is shown blank, not as a failed page.
        self.coordinators = ctx.store.coordinators_of(&cases).unwrap_or_default();
        self.rows = page.rows;
        self.more_before = page.more_before;
        self.more_after = page.more_after;
    }

    pub(super) fn select(&mut self, index: usize) {
        if self.rows.is_empty() {
            self.state.select(None);
        } else {
            self.state.select(Some(index.min(self.rows.len() - 1)));
        }
    }

    pub(super) fn load(&mut self, at: PageAt, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let filter = self.store_filter(ctx.today);
        let page = ctx.store.deadline_page(&filter, at, PAGE)?;
        self.set_page(page, ctx);
        Ok(())
    }

    pub(super) fn recount(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        self.count = ctx.store.deadline_count(&self.store_filter(ctx.today))?;
        Ok(())
    }

    /// After a filter changes: count again and start from the top.
    pub(super) fn restart(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let result = self.recount(ctx).and_then(|()| self.load(PageAt::First, ctx));
        self.select(0);
        match result {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }

    /// Move the selection, reading the neighbouring page when it runs off
    /// either end of this one.
    pub(super) fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Effect {
        match self.try_move_by(delta, ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }

    pub(super) fn try_move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let len = self.rows.len() as isize;
        let target = self.state.selected().unwrap_or(0) as isize + delta;
        if target >= len && self.more_after {
            let last = self.rows[self.rows.len() - 1].key;
            self.load(PageAt::After(last), ctx)?;
            if self.rows.is_empty() {
                // The rows after were taken away meanwhile: back to the end.
                self.load(PageAt::Last, ctx)?;
                self.select(usize::MAX);
            } else {
                self.select((target - len) as usize);
            }
        } else if target < 0 && self.more_before {
            let first = self.rows[0].key;
            self.load(PageAt::Before(first), ctx)?;
            if self.rows.is_empty() {
                self.load(PageAt::First, ctx)?;
                self.select(0);
            } else {
                self.select((self.rows.len() as isize + target).max(0) as usize);
            }
        } else {
            self.select(target.clamp(0, len - 1) as usize);
        }
        Ok(())
    }

    pub(super) fn go(&mut self, at: PageAt, ctx: &mut Ctx<'_>) -> Effect {
        let last = at == PageAt::Last;
        match self.load(at, ctx) {
            Ok(()) => {
                self.select(if last { usize::MAX } else { 0 });
                Effect::None
            }
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }
}
