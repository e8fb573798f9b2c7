//! A keyset-paged list with its selection: moving within the page, or
//! saying which page to read next.

use ratatui::widgets::TableState;

use crate::store::views::case::{Page, Seek};
use crate::tui::action::Action;

use super::PAGE;

/// A movement through a paged list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Move {
    pub(super) fn of(action: Action) -> Option<Move> {
        Some(match action {
            Action::Up => Move::Up,
            Action::Down => Move::Down,
            Action::PageUp => Move::PageUp,
            Action::PageDown => Move::PageDown,
            Action::Top => Move::Top,
            Action::Bottom => Move::Bottom,
            _ => return None,
        })
    }
}

/// Which row to select in a newly read page.
#[derive(Debug, Clone, Copy)]
pub(super) enum Pick {
    First,
    Last,
    Index(usize),
}

/// One page of rows with a selection, read by keyset.
#[derive(Debug)]
pub(super) struct Paged<T> {
    pub(super) page: Page<T>,
    pub(super) state: TableState,
    /// Rows the table showed at the last draw (for page up / down).
    pub(super) visible: usize,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged { page: Page::default(), state: TableState::default(), visible: 10 }
    }
}

impl<T> Paged<T> {
    pub(super) fn selected(&self) -> Option<&T> {
        self.state.selected().and_then(|i| self.page.rows.get(i))
    }

    pub(super) fn set(&mut self, page: Page<T>, pick: Pick) {
        let last = page.rows.len().checked_sub(1);
        let index = match pick {
            Pick::First => last.map(|_| 0),
            Pick::Last => last,
            Pick::Index(i) => last.map(|l| i.min(l)),
        };
        self.page = page;
        self.state.select(index);
        if index.is_none() {
            *self.state.offset_mut() = 0;
        }
    }

    /// Apply a movement within the page, or say which page to read next.
    pub(super) fn plan<K>(&mut self, mv: Move, key_of: impl Fn(&T) -> K) -> Option<(Seek<K>, Pick)> {
        let len = self.page.rows.len();
        let sel = self.state.selected().unwrap_or(0);
        let step = self.visible.max(1);
        let first_key = || self.page.rows.first().map(&key_of);
        let last_key = || self.page.rows.last().map(&key_of);
        match mv {
            Move::Top => return Some((Seek::First, Pick::First)),
            Move::Bottom => return Some((Seek::Last, Pick::Last)),
            _ if len == 0 => return None,
            Move::Down if sel + 1 < len => self.state.select(Some(sel + 1)),
            Move::Down if self.page.has_next() => return last_key().map(|k| (Seek::After(k), Pick::First)),
            Move::Up if sel > 0 => self.state.select(Some(sel - 1)),
            Move::Up if self.page.has_prev() => return first_key().map(|k| (Seek::Before(k), Pick::Last)),
            Move::PageDown if sel + step < len => self.state.select(Some(sel + step)),
            Move::PageDown if self.page.has_next() => {
                return last_key().map(|k| (Seek::After(k), Pick::Index((sel + step).saturating_sub(len))));
            }
            Move::PageDown => self.state.select(Some(len - 1)),
            Move::PageUp if sel >= step => self.state.select(Some(sel - step)),
            Move::PageUp if self.page.has_prev() => {
                return first_key().map(|k| (Seek::Before(k), Pick::Index(PAGE.saturating_sub(step - sel))));
            }
            Move::PageUp => self.state.select(Some(0)),
            Move::Down | Move::Up => {}
        }
        None
    }

    /// The seek that reads this page again in place: from the top when it is
    /// the first page (so new rows appear), else from its first row.
    pub(super) fn again<K>(&self, key_of: impl Fn(&T) -> K) -> Seek<K> {
        match self.page.rows.first() {
            Some(first) if self.page.offset > 0 => Seek::From(key_of(first)),
            _ => Seek::First,
        }
    }

    /// "rows 1–12 of 40" for what the table shows.
    pub(super) fn range_text(&self, noun: &str) -> String {
        let total = self.page.total;
        if total == 0 {
            return format!("no {noun}");
        }
        let first = self.page.offset + self.state.offset() + 1;
        let shown = self.page.rows.len().saturating_sub(self.state.offset()).min(self.visible);
        let last = (first + shown).saturating_sub(1).max(first);
        format!("{first}–{last} of {total}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_moves_within_a_page_then_asks_for_the_next() {
        let mut p: Paged<i64> = Paged::default();
        p.set(Page { rows: vec![5, 4, 3], offset: 0, total: 6 }, Pick::First);
        assert!(p.plan(Move::Down, |r| *r).is_none());
        assert_eq!(p.selected(), Some(&4));
        p.plan(Move::Down, |r| *r);
        match p.plan(Move::Down, |r| *r) {
            Some((Seek::After(3), Pick::First)) => {}
            other => panic!("expected the next page after 3, got {other:?}"),
        }
        assert!(matches!(p.plan(Move::Top, |r| *r), Some((Seek::First, _))));
        p.set(Page { rows: vec![2, 1, 0], offset: 3, total: 6 }, Pick::First);
        assert!(matches!(p.plan(Move::Up, |r| *r), Some((Seek::Before(2), Pick::Last))));
        assert!(matches!(p.again(|r| *r), Seek::From(2)));
    }
}
