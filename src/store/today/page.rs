//! The Today list a page at a time: a section's count, and the rows after
//! or before a place in the list, crossing from one section into the next
//! with its heading, so the screen reads only the rows it draws.

use rusqlite::params_from_iter;

use super::arms::{self, Reading};
use super::keyset::{self, Seek};
use super::Day;
use crate::domain::triage::{compare, TodayItem, TodayKey, TodaySection};
use crate::store::{Store, StoreResult};

/// One line of the list: a section heading or an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayRow {
    Heading(TodaySection),
    Item(TodayItem),
}

/// A place in the list to read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayPlace {
    /// Before the first heading.
    Start,
    /// After the last item.
    End,
    /// On a section's heading.
    Heading(TodaySection),
    /// On an item, which need not still be listed: reading goes on from
    /// where it would be.
    Item(TodayKey),
}

/// Rows read from a place, in list order, and whether the list goes on
/// beyond them (after them, or before them when read backwards).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodayRows {
    pub rows: Vec<TodayRow>,
    pub more: bool,
}

impl Store {
    /// How many items a section lists, exactly. A count walks the section's
    /// covering indexes (with each item's case, to leave out closed ones).
    pub fn today_count(&self, day: &Day<'_>, section: TodaySection) -> StoreResult<usize> {
        let mut total = 0usize;
        for arm in day.arms(section) {
            let sql = keyset::count_sql(arm, keyset::span(section, arm, day), day.coordinator);
            let mut stmt = self.conn().prepare_cached(&sql.text)?;
            let n: i64 = stmt.query_row(params_from_iter(sql.values), |r| r.get(0))?;
            total += n.max(0) as usize;
        }
        Ok(total)
    }

    /// Up to `limit` rows after `place` (not including it), in list order.
    pub fn today_rows_after(&self, day: &Day<'_>, place: &TodayPlace, limit: usize) -> StoreResult<TodayRows> {
        let want = limit + 1;
        let sections = TodaySection::ALL;
        let (first, mut seek, mut heading) = match place {
            TodayPlace::Start => (0, Seek::First, true),
            TodayPlace::End => return Ok(TodayRows::default()),
            TodayPlace::Heading(s) => (index(*s), Seek::First, false),
            TodayPlace::Item(key) => (index(key.section), Seek::After(key), false),
        };
        let mut rows = Vec::new();
        for section in &sections[first..] {
            if heading {
                rows.push(TodayRow::Heading(*section));
            }
            if rows.len() >= want {
                break;
            }
            let items = self.section_items(day, *section, seek, Some(want - rows.len()))?;
            rows.extend(items.into_iter().map(TodayRow::Item));
            if rows.len() >= want {
                break;
            }
            (seek, heading) = (Seek::First, true);
        }
        let more = rows.len() > limit;
        rows.truncate(limit);
        Ok(TodayRows { rows, more })
    }

    /// Up to `limit` rows before `place` (not including it), in list order.
    pub fn today_rows_before(&self, day: &Day<'_>, place: &TodayPlace, limit: usize) -> StoreResult<TodayRows> {
        let want = limit + 1;
        let sections = TodaySection::ALL;
        // The section whose items come first going backwards, and from where.
        let (last, mut seek) = match place {
            TodayPlace::Start => return Ok(TodayRows::default()),
            TodayPlace::End => (sections.len(), Seek::Last),
            TodayPlace::Heading(s) => (index(*s), Seek::Last),
            TodayPlace::Item(key) => (index(key.section) + 1, Seek::Before(key)),
        };
        let mut rows = Vec::new();
        for section in sections[..last].iter().rev() {
            let items = self.section_items(day, *section, seek, Some(want - rows.len()))?;
            rows.extend(items.into_iter().map(TodayRow::Item));
            if rows.len() >= want {
                break;
            }
            rows.push(TodayRow::Heading(*section));
            if rows.len() >= want {
                break;
            }
            seek = Seek::Last;
        }
        let more = rows.len() > limit;
        rows.truncate(limit);
        rows.reverse();
        Ok(TodayRows { rows, more })
    }

    /// A section's items past `seek`, at most `limit` (all when None): each
    /// arm's first rows, already in list order (or its reverse, reading
    /// backwards), merged and cut to `limit`.
    pub(super) fn section_items(
        &self,
        day: &Day<'_>,
        section: TodaySection,
        seek: Seek<'_>,
        limit: Option<usize>,
    ) -> StoreResult<Vec<TodayItem>> {
        let reading = Reading::new(day, section);
        let mut runs = Vec::new();
        let limit_or_all = limit.unwrap_or(usize::MAX);
        for arm in day.arms(section) {
            let mut run = Vec::new();
            for sql in keyset::page_sql(arm, keyset::span(section, arm, day), day.coordinator, seek, limit) {
                if run.len() >= limit_or_all {
                    break;
                }
                let mut stmt = self.conn().prepare_cached(&sql.text)?;
                let mut rows = stmt.query(params_from_iter(sql.values))?;
                while let Some(row) = rows.next()? {
                    run.push(arms::read_item(arm, &reading, row)?);
                }
            }
            runs.push(run);
        }
        Ok(merge(runs, seek.backwards(), limit_or_all))
    }
}

/// Runs, each in list order (or each in its reverse), as one, up to `limit`.
fn merge(mut runs: Vec<Vec<TodayItem>>, backwards: bool, limit: usize) -> Vec<TodayItem> {
    if runs.len() == 1 {
        let mut only = runs.pop().unwrap_or_default();
        only.truncate(limit);
        return only;
    }
    let total = runs.iter().map(Vec::len).sum::<usize>().min(limit);
    // Each run's next item is its last, so taking it moves nothing else.
    runs.iter_mut().for_each(|run| run.reverse());
    let mut out = Vec::with_capacity(total);
    while out.len() < total {
        let mut best: Option<usize> = None;
        for n in 0..runs.len() {
            let Some(head) = runs[n].last() else { continue };
            let first = best.is_none_or(|b| {
                runs[b].last().is_none_or(|current| {
                    let order = compare(head, current);
                    if backwards {
                        order.is_gt()
                    } else {
                        order.is_lt()
                    }
                })
            });
            if first {
                best = Some(n);
            }
        }
        let Some(best) = best else { break };
        out.extend(runs[best].pop());
    }
    out
}

fn index(section: TodaySection) -> usize {
    TodaySection::ALL.iter().position(|s| *s == section).unwrap_or(0)
}
