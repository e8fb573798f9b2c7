//! The queue of referrals whose checklist needs work: reading it a keyset
//! page at a time, moving through it, and opening a case from it.

use crate::domain::status::RjStatus;
use crate::store::views::checklist::QueuePage;
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, Effect, Screen, ScreenId};

use super::{ChecklistScreen, QueueEntry, PAGE_ROWS};

impl ChecklistScreen {
    // ---------- the queue ----------

    fn load_queue(&mut self, page: QueuePage, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let rows = ctx.store.checklist_queue_page(&page, PAGE_ROWS)?;
        self.queue.total = ctx.store.checklist_queue_count()?;
        self.queue.offset = match rows.first() {
            Some(first) => ctx.store.checklist_queue_rank(&first.key())?,
            None => 0,
        };
        let sense = i64::from(ctx.rules.days_or("SENSE_CHECK_WD", 2));
        let stale = i64::from(ctx.rules.days_or("AWAITING_INFO_STALE_WD", 5));
        let assess = i64::from(ctx.rules.days_or("RISK_ASSESSMENT_WD", 10));
        self.queue.entries = rows
            .into_iter()
            .map(|row| {
                let (since, limit) = match row.status {
                    RjStatus::AwaitingInfo => (row.status_changed_on, stale),
                    RjStatus::RiskAssessment => (row.status_changed_on, assess),
                    _ => (row.received_on, sense),
                };
                let age = ctx.calendar.working_days_between(since, ctx.today);
                QueueEntry { row, age, late: age > limit }
            })
            .collect();
        Ok(())
    }

    /// Reload the queue where it stands, keeping the selection's place.
    pub(super) fn reload_queue(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let keep = self.queue.state.selected().unwrap_or(0);
        let page = match self.queue.entries.first() {
            Some(first) => QueuePage::From(first.row.key()),
            None => QueuePage::First,
        };
        self.load_queue(page, ctx)?;
        if self.queue.entries.is_empty() && self.queue.total > 0 {
            // Everything from here on left the queue: show its end instead.
            self.load_queue(QueuePage::Last, ctx)?;
        }
        self.select_queue(keep);
        Ok(())
    }

    fn select_queue(&mut self, index: usize) {
        let n = self.queue.entries.len();
        self.queue.state.select((n > 0).then(|| index.min(n - 1)));
    }

    /// Move the selection by `delta` rows, reading the next or previous page
    /// at the edge of the one loaded.
    fn move_queue(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let n = self.queue.entries.len() as isize;
        if n == 0 {
            return Ok(());
        }
        let current = self.queue.state.selected().unwrap_or(0) as isize;
        let target = current + delta;
        if target >= n && self.queue.has_next() {
            let last = self.queue.entries[n as usize - 1].row.key();
            self.load_queue(QueuePage::After(last), ctx)?;
            self.select_queue((target - n) as usize);
        } else if target < 0 && self.queue.offset > 0 {
            let first = self.queue.entries[0].row.key();
            self.load_queue(QueuePage::Before(first), ctx)?;
            let m = self.queue.entries.len() as isize;
            self.select_queue((m + target).max(0) as usize);
        } else {
            self.select_queue(target.clamp(0, n - 1) as usize);
        }
        Ok(())
    }

    pub(super) fn handle_queue(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let page = self.page.max(1) as isize;
        let moved = match action {
            Action::Up => self.move_queue(-1, ctx),
            Action::Down => self.move_queue(1, ctx),
            Action::PageUp => self.move_queue(-page, ctx),
            Action::PageDown => self.move_queue(page, ctx),
            Action::Top => self.load_queue(QueuePage::First, ctx).map(|_| self.select_queue(0)),
            Action::Bottom => self.load_queue(QueuePage::Last, ctx).map(|_| self.select_queue(usize::MAX)),
            _ => Ok(()),
        };
        if let Err(e) = moved {
            return Effect::Error(format!("Could not read the list: {e:#}"));
        }
        let selected = self.queue.selected().map(|e| e.row.case_id);
        match (action, selected) {
            (Action::Open, Some(case_id)) => self.focus(case_id, None, ctx),
            (Action::OpenCase, Some(case_id)) => Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None },
            (Action::Open | Action::OpenCase, None) => Effect::Error("No referral is selected.".into()),
            (action, _) if works_on_a_case(action) => Effect::Error(
                if self.queue.entries.is_empty() {
                    "No referral is waiting for its checklist: find a case with search (/) to open its checklist."
                } else {
                    "Choose a referral first: Enter opens its checklist."
                }
                .into(),
            ),
            _ => Effect::None,
        }
    }
}

/// The actions that need a case's checklist open.
fn works_on_a_case(action: Action) -> bool {
    matches!(
        action,
        Action::Answer | Action::Severity | Action::Note | Action::Decide | Action::SignOff | Action::AdvanceStatus
    )
}
