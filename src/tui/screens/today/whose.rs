//! Today for one coordinator's cases (issue 14 §2): the filter, kept while
//! the screen is open and passed to the store's reads (which filter in
//! SQL), and the coordinator of each case the rows held show.

use crate::store::{Day, TodayRow};
use crate::tui::screens::coordinator_filter::{self, Whose};
use crate::tui::screens::{Ctx, Effect, Reply};

use super::TodayScreen;

impl TodayScreen {
    /// The day the list is read for, of the cases the filter wants.
    pub(super) fn day<'c>(&self, ctx: &'c Ctx<'_>) -> Day<'c> {
        Day { coordinator: self.whose.filter, ..ctx.day() }
    }

    /// The filter in force (tests read this).
    pub fn whose(&self) -> &Whose {
        &self.whose
    }

    pub(super) fn ask_whose(&self, ctx: &Ctx<'_>) -> Effect {
        coordinator_filter::ask(&self.whose, "Today list", ctx)
    }

    /// Show `whose` cases from the top of the list.
    pub(super) fn show(&mut self, whose: Whose, ctx: &mut Ctx<'_>) -> Effect {
        self.whose = whose;
        self.read_at = None;
        self.stretch.counts.clear();
        match self.load_top(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the Today list: {e:#}")),
        }
    }

    pub(super) fn apply_whose(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let whose = coordinator_filter::chosen(reply, ctx);
        self.show(whose, ctx)
    }

    /// The coordinators of the cases held: a name missing for a moment is
    /// shown blank rather than failing the move.
    pub(super) fn read_coordinators(&mut self, ctx: &Ctx<'_>) {
        let cases: Vec<i64> = self
            .stretch
            .rows
            .iter()
            .filter_map(|r| match r {
                TodayRow::Item(item) => Some(item.case_id),
                TodayRow::Heading(_) => None,
            })
            .collect();
        self.coordinators = ctx.store.coordinators_of(&cases).unwrap_or_default();
    }

    /// The list's title: whose cases, and the key that changes it.
    pub(super) fn title(&self) -> String {
        if self.whose.is_all() {
            " Today — work down the list · a: one coordinator's cases ".to_string()
        } else {
            format!(" Today — {} · a changes · Esc shows everyone's ", self.whose.cases())
        }
    }
}
