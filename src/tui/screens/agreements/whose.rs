//! Agreements for one coordinator's cases (issue 14 §2): the filter, kept
//! while the screen is open and passed to the arrangements' and
//! agreements' paged reads (which filter in SQL). The diary week and the
//! meetings are everyone's: a clash is between any two bookings, and a
//! meeting is no one coordinator's case.

use ratatui::text::Line;
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use crate::tui::screens::coordinator_filter::{self, Whose};
use crate::tui::screens::{Ctx, Effect, Reply};
use crate::tui::text::fit;
use crate::tui::theme::Theme;

use super::{AgreementsScreen, View};

/// The widest a coordinator's name is shown in a heading.
const NAME_WIDTH: usize = 24;

impl AgreementsScreen {
    /// The filter in force (tests read this).
    pub fn whose(&self) -> &Whose {
        &self.whose
    }

    /// Ask whose cases to list; the diary and the meetings say why they
    /// have no such filter.
    pub(super) fn ask_whose(&self, ctx: &Ctx<'_>) -> Effect {
        match self.view {
            View::Arrangements | View::Agreements => {
                coordinator_filter::ask(&self.whose, "arrangements and agreements", ctx)
            }
            View::Week | View::Meetings => Effect::Status(
                "The diary and the meetings show everyone's, so every clash is seen; \
                 f filters the arrangements and agreements (t)."
                    .into(),
            ),
        }
    }

    pub(super) fn apply_whose(&mut self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let whose = coordinator_filter::chosen(reply, ctx);
        self.show(whose, ctx)
    }

    /// List `whose` cases from the top of both lists.
    pub(super) fn show(&mut self, whose: Whose, ctx: &mut Ctx<'_>) -> Effect {
        self.whose = whose;
        self.arrangements = super::Page::default();
        self.agreements = super::Page::default();
        self.table.select(Some(0));
        self.list.select(Some(0));
        match self.load(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not load the list: {e:#}")),
        }
    }

    /// A case asked for from another screen is shown even when the filter
    /// would hide it: the filter goes back to everyone's.
    pub(super) fn show_case(&mut self, case_id: i64, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        if !ctx.store.case_is_of(self.whose.filter, case_id)? {
            self.whose = Whose::default();
            self.arrangements = super::Page::default();
            self.agreements = super::Page::default();
        }
        Ok(())
    }

    /// A list's heading: its name, and whose cases when not everyone's.
    pub(super) fn heading(&self, list: &str) -> String {
        if self.whose.is_all() {
            return list.to_string();
        }
        format!("{list} of {}", fit(&self.whose.cases(), NAME_WIDTH + "'s cases".len()))
    }

    /// A list's frame: its title, the other list's key at its right when
    /// it fits beside the title, and, when filtered, how to change the
    /// filter or show everyone's again on the bottom edge.
    pub(super) fn list_block(&self, title: String, other: &str, width: u16, theme: &Theme) -> Block<'static> {
        let hint = format!(" t: {other} ");
        let fits = title.width() + hint.width() + 2 <= width as usize;
        let mut block = Block::bordered().title(title).border_style(theme.border);
        if fits {
            block = block.title_top(Line::styled(hint, theme.muted).right_aligned());
        }
        if !self.whose.is_all() {
            block = block.title_bottom(Line::styled(" f changes · Esc shows everyone's ", theme.muted).right_aligned());
        }
        block
    }

    /// What an empty list says: `general` when every case is listed, else
    /// that the filter's cases have none, and the way back to everyone's.
    pub(super) fn empty_text(&self, nothing: &str, general: &str) -> String {
        if self.whose.is_all() {
            general.to_string()
        } else {
            format!("{nothing} among {}: Esc shows everyone's.", self.whose.cases())
        }
    }
}
