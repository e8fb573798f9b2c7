//! The stretch of the Today list the screen holds: the rows around the
//! selection, read a page at a time from the store as the selection moves
//! (keyset pagination), and each section's count, read when its heading
//! comes near the selection.

use std::collections::HashMap;

use crate::domain::triage::{TodayKey, TodaySection};
use crate::store::{TodayPlace, TodayRow, TodayRows};
use crate::tui::screens::Ctx;

use super::TodayScreen;

/// Rows kept read on either side of the selection, at least: more than a
/// screenful, so a frame never reaches past what has been read.
const MIN_REACH: usize = 30;

/// The rows held, and what is known about the list beyond them.
#[derive(Debug, Default)]
pub(super) struct Stretch {
    pub rows: Vec<TodayRow>,
    /// Whether the list goes on before the first row / after the last.
    pub more_before: bool,
    pub more_after: bool,
    /// Each section's count, read as its heading comes near the selection,
    /// kept until the desk changes.
    pub counts: HashMap<TodaySection, usize>,
}

fn place_of(row: &TodayRow) -> TodayPlace {
    match row {
        TodayRow::Heading(section) => TodayPlace::Heading(*section),
        TodayRow::Item(item) => TodayPlace::Item(item.key()),
    }
}

impl TodayScreen {
    /// Rows to keep read on either side of the selection.
    pub(super) fn reach(&self) -> usize {
        self.page.max(MIN_REACH)
    }

    fn is_item(&self, at: usize) -> bool {
        matches!(self.stretch.rows.get(at), Some(TodayRow::Item(_)))
    }

    /// The top of the list, its first item selected.
    pub(super) fn load_top(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let got = ctx.store.today_rows_after(&self.day(ctx), &TodayPlace::Start, 2 * self.reach())?;
        self.replace(got, TodayRows::default());
        self.offset = 0;
        self.select_from(0, true, ctx)?;
        self.fill(ctx)
    }

    /// The end of the list, its last item selected.
    pub(super) fn load_bottom(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let got = ctx.store.today_rows_before(&self.day(ctx), &TodayPlace::End, 2 * self.reach())?;
        self.replace(TodayRows::default(), got);
        let last = self.stretch.rows.len().saturating_sub(1);
        self.select_from(last, false, ctx)?;
        self.offset = self.stretch.rows.len().saturating_sub(self.page.max(1));
        self.fill(ctx)
    }

    /// The list read again around where `key` was, after a change: the item
    /// itself selected if it is still there, else the one now in its place
    /// (or, at the end of the list, the one before), kept on the same line
    /// of the screen.
    pub(super) fn load_around(&mut self, key: &TodayKey, line: usize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let reach = 2 * self.reach();
        let day = self.day(ctx);
        let before = ctx.store.today_rows_before(&day, &TodayPlace::Item(key.clone()), reach)?;
        let after = ctx.store.today_rows_after(&day, &TodayPlace::Item(key.just_before()), reach)?;
        let split = before.rows.len();
        self.replace(after, before);
        let next = (split..self.stretch.rows.len()).find(|at| self.is_item(*at));
        match next {
            Some(at) => self.state.select(Some(at)),
            None => self.select_from(split.saturating_sub(1), false, ctx)?,
        }
        self.offset = self.state.selected().unwrap_or(0).saturating_sub(line);
        self.fill(ctx)
    }

    /// Hold `before` then `after` (as read from one place), nothing selected.
    fn replace(&mut self, after: TodayRows, mut before: TodayRows) {
        before.rows.extend(after.rows);
        self.stretch.rows = before.rows;
        self.stretch.more_before = before.more;
        self.stretch.more_after = after.more;
        self.state.select(None);
    }

    /// Select the nearest item from row `at` on (forward) or back, reading
    /// on if the rows held are headings only; nothing if the list has none.
    fn select_from(&mut self, at: usize, forward: bool, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let mut at = at;
        loop {
            let found = if forward {
                (at..self.stretch.rows.len()).find(|i| self.is_item(*i))
            } else {
                (0..=at.min(self.stretch.rows.len().saturating_sub(1))).rev().find(|i| self.is_item(*i))
            };
            if let Some(found) = found {
                self.state.select(Some(found));
                return Ok(());
            }
            let (more, read) = if forward {
                (self.stretch.more_after, self.read_after(self.reach(), ctx)?)
            } else {
                (self.stretch.more_before, self.read_before(self.reach(), ctx)?)
            };
            if !more || read == 0 {
                self.state.select(None);
                return Ok(());
            }
            at = if forward { self.stretch.rows.len() - read } else { read.saturating_sub(1) };
        }
    }

    /// Read up to `n` rows after the last one held; how many came.
    fn read_after(&mut self, n: usize, ctx: &mut Ctx<'_>) -> anyhow::Result<usize> {
        if !self.stretch.more_after {
            return Ok(0);
        }
        let place = self.stretch.rows.last().map_or(TodayPlace::Start, place_of);
        let got = ctx.store.today_rows_after(&self.day(ctx), &place, n)?;
        self.stretch.more_after = got.more;
        let read = got.rows.len();
        self.stretch.rows.extend(got.rows);
        Ok(read)
    }

    /// Read up to `n` rows before the first one held; how many came. The
    /// selection and the first row drawn stay on the same rows.
    fn read_before(&mut self, n: usize, ctx: &mut Ctx<'_>) -> anyhow::Result<usize> {
        if !self.stretch.more_before {
            return Ok(0);
        }
        let place = self.stretch.rows.first().map_or(TodayPlace::End, place_of);
        let got = ctx.store.today_rows_before(&self.day(ctx), &place, n)?;
        self.stretch.more_before = got.more;
        let read = got.rows.len();
        self.stretch.rows.splice(0..0, got.rows);
        self.state.select(self.state.selected().map(|s| s + read));
        self.offset += read;
        Ok(read)
    }

    /// Move the selection by `delta` items, skipping headings, reading on
    /// as far as the move needs.
    pub(super) fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let Some(mut at) = self.state.selected() else { return Ok(()) };
        let mut left = delta.unsigned_abs();
        while left > 0 {
            let next = if delta > 0 {
                (at + 1..self.stretch.rows.len()).find(|i| self.is_item(*i))
            } else {
                (0..at).rev().find(|i| self.is_item(*i))
            };
            match next {
                Some(next) => {
                    at = next;
                    left -= 1;
                }
                None => {
                    let want = left + self.reach();
                    let read = if delta > 0 { self.read_after(want, ctx)? } else { self.read_before(want, ctx)? };
                    if read == 0 {
                        break;
                    }
                    if delta < 0 {
                        at += read;
                    }
                }
            }
        }
        self.state.select(Some(at));
        self.fill(ctx)
    }

    /// Keep a screenful and more read either side of the selection, drop
    /// rows far from it, and read the counts of the headings near it.
    pub(super) fn fill(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let reach = self.reach();
        let at = self.state.selected().unwrap_or(self.offset);
        if self.stretch.rows.len().saturating_sub(at + 1) < reach {
            self.read_after(2 * reach, ctx)?;
        }
        let at = self.state.selected().unwrap_or(self.offset);
        if at < reach {
            self.read_before(2 * reach, ctx)?;
        }
        self.trim(reach);
        self.read_coordinators(ctx);
        self.read_for = reach;
        self.count_headings(ctx)
    }

    /// Forget rows more than a few screens from the selection, so a long
    /// walk down the list holds no more than a walk of one page.
    fn trim(&mut self, reach: usize) {
        let Some(at) = self.state.selected() else { return };
        let keep = 3 * reach;
        if self.stretch.rows.len() > at + keep + 1 {
            self.stretch.rows.truncate(at + keep + 1);
            self.stretch.more_after = true;
        }
        if at > keep {
            let cut = at - keep;
            self.stretch.rows.drain(..cut);
            self.stretch.more_before = true;
            self.state.select(Some(at - cut));
            self.offset = self.offset.saturating_sub(cut);
        }
    }

    /// Read the count of each heading a frame could show: those within a
    /// screenful of the selection. A count walks its whole section (about
    /// 10 ms for 20,000 items), so headings held further off wait until
    /// the selection comes near.
    fn count_headings(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let day = self.day(ctx);
        let reach = self.reach();
        let at = self.state.selected().unwrap_or(self.offset);
        let end = (at + reach + 1).min(self.stretch.rows.len());
        let near = at.saturating_sub(reach).min(end)..end;
        for row in &self.stretch.rows[near] {
            if let TodayRow::Heading(section) = row {
                if !self.stretch.counts.contains_key(section) {
                    let n = ctx.store.today_count(&day, *section)?;
                    self.stretch.counts.insert(*section, n);
                }
            }
        }
        Ok(())
    }
}
