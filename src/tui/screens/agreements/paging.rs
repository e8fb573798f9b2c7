//! Loading the two lists a page at a time and moving through them: a move
//! past either end of a page reads the next one (keyset pagination).

use crate::domain::closure::harmed_told_within;
use crate::store::views::agreements::{AgreementEntry, ArrangementRow, CappedCount, ListKey};
use crate::store::views::allocation::CoordinatorFilter;
use crate::tui::screens::{Ctx, Effect};

use super::{AgreementLine, AgreementsScreen, Page, View, Want, AGREEMENT_PAGE, ARRANGEMENT_PAGE, ROOM_WARNING_WD};

impl AgreementsScreen {
    // ------------------------------------------------------------------ loading

    pub(super) fn load(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.today = ctx.today;
        self.room_deadline = ctx.calendar.add_working_days(ctx.today, ROOM_WARNING_WD);
        if !self.loaded && self.want.is_none() {
            self.open_where_the_work_is(ctx)?;
        }
        self.loaded = true;
        match self.view {
            View::Arrangements => self.load_arrangements(ctx),
            View::Agreements => self.load_agreements(ctx),
            View::Week => self.load_week(ctx),
            View::Meetings => self.load_meetings(ctx),
        }
    }

    /// Opened for the first time with nothing to arrange or hold but
    /// agreements to monitor, the screen shows the agreements, not an
    /// empty list that sends the user to `t`.
    fn open_where_the_work_is(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        if self.view != View::Arrangements {
            return Ok(());
        }
        let arrangements = ctx.store.arrangement_counts(self.whose.filter)?;
        if arrangements.processes.count + arrangements.to_arrange.count > 0 {
            return Ok(());
        }
        let agreements = ctx.store.agreement_counts(self.whose.filter)?;
        if agreements.to_record.count + agreements.agreements.count > 0 {
            self.view = View::Agreements;
        }
        Ok(())
    }

    fn load_arrangements(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let whose = self.whose.filter;
        self.arrangement_counts = ctx.store.arrangement_counts(whose)?;
        let nothing = self.arrangement_counts.processes.count + self.arrangement_counts.to_arrange.count == 0;
        self.before_preparation = if nothing { ctx.store.held_before_preparation(whose)? } else { 0 };
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
        let mut page = read_arrangements(ctx, whose, self.arrangements.start.clone())?;
        if let Some(key) = &want_key {
            if !page.rows.iter().any(|r| &r.key == key) {
                page = read_arrangements(ctx, whose, Some(key.clone()))?;
            }
        }
        if page.rows.is_empty() && page.start.is_some() {
            page = read_arrangements(ctx, whose, None)?;
        }
        let select = want_key
            .and_then(|k| page.rows.iter().position(|r| r.key == k))
            .or_else(|| keep.and_then(|k| page.rows.iter().position(|r| arrangement_identity(r) == k)))
            .or_else(|| (!page.rows.is_empty()).then(|| keep_index.min(page.rows.len() - 1)));
        let cases: Vec<i64> = page.rows.iter().map(|r| r.case_id).collect();
        self.coordinators = ctx.store.coordinators_of(&cases)?;
        self.arrangements = page;
        self.table.select(select);
        Ok(())
    }

    fn load_agreements(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let whose = self.whose.filter;
        self.agreement_counts = ctx.store.agreement_counts(whose)?;
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
        let mut page = read_agreements(ctx, whose, self.agreements.start.clone())?;
        if let Some(key) = &want_key {
            if !page.rows.iter().any(|r| &r.key == key) {
                page = read_agreements(ctx, whose, Some(key.clone()))?;
            }
        }
        if page.rows.is_empty() && page.start.is_some() {
            page = read_agreements(ctx, whose, None)?;
        }
        let cases: Vec<i64> = page.rows.iter().map(|r| r.case_id).collect();
        self.coordinators = ctx.store.coordinators_of(&cases)?;
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
        let within = harmed_told_within(ctx.rules);
        self.tell_by =
            page.rows.iter().map(|e| e.all_closed_on().map(|d| ctx.calendar.add_working_days(d, within))).collect();
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

    pub(super) fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Effect {
        let result = match self.view {
            View::Arrangements => self.move_arrangements(delta, ctx),
            View::Agreements => self.move_agreements(delta, ctx),
            // The week moves in `week.rs`, the meetings in `meetings_view.rs`.
            View::Week | View::Meetings => Ok(()),
        };
        match result {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the next page: {e:#}")),
        }
    }

    fn move_arrangements(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let whose = self.whose.filter;
        let len = self.arrangements.rows.len();
        if len == 0 {
            self.table.select(None);
            return Ok(());
        }
        let current = self.table.selected().unwrap_or(0) as isize;
        let target = current + delta;
        if target >= len as isize {
            if let Some(next) = self.arrangements.next.clone() {
                self.arrangements = read_arrangements(ctx, whose, Some(next))?;
                self.table.select(Some(0));
                return Ok(());
            }
        } else if target < 0 && self.arrangements.offset.count > 0 {
            if let Some(first) = self.arrangements.rows.first().map(|r| r.key.clone()) {
                let before = ctx.store.arrangements_before(whose, &first, ARRANGEMENT_PAGE)?;
                let start = before.first().map(|r| r.key.clone());
                self.arrangements = read_arrangements(ctx, whose, start)?;
                let last = self.arrangements.rows.len().saturating_sub(1);
                self.table.select(Some(last));
                return Ok(());
            }
        }
        self.table.select(Some(target.clamp(0, len as isize - 1) as usize));
        Ok(())
    }

    fn move_agreements(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        let whose = self.whose.filter;
        let len = self.lines.len();
        if len == 0 {
            self.list.select(None);
            return Ok(());
        }
        let current = self.list.selected().unwrap_or(0) as isize;
        let target = current + delta;
        if target >= len as isize {
            if let Some(next) = self.agreements.next.clone() {
                let page = read_agreements(ctx, whose, Some(next))?;
                self.set_agreement_page(page, ctx);
                self.list.select(Some(0));
                return Ok(());
            }
        } else if target < 0 && self.agreements.offset.count > 0 {
            if let Some(first) = self.agreements.rows.first().map(|r| r.key.clone()) {
                let before = ctx.store.agreements_before(whose, &first, AGREEMENT_PAGE)?;
                let start = before.first().map(|r| r.key.clone());
                let page = read_agreements(ctx, whose, start)?;
                self.set_agreement_page(page, ctx);
                self.list.select(Some(self.lines.len().saturating_sub(1)));
                return Ok(());
            }
        }
        self.list.select(Some(target.clamp(0, len as isize - 1) as usize));
        Ok(())
    }

    pub(super) fn go_top(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let whose = self.whose.filter;
        let result = match self.view {
            View::Arrangements => read_arrangements(ctx, whose, None).map(|page| {
                self.arrangements = page;
                self.table.select((!self.arrangements.rows.is_empty()).then_some(0));
            }),
            View::Agreements => read_agreements(ctx, whose, None).map(|page| {
                self.set_agreement_page(page, ctx);
                self.list.select((!self.lines.is_empty()).then_some(0));
            }),
            View::Week | View::Meetings => Ok(()),
        };
        result.map_or_else(|e| Effect::Error(format!("Could not read the list: {e:#}")), |_| Effect::None)
    }

    /// The last page of the list, last row selected.
    pub(super) fn go_bottom(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let whose = self.whose.filter;
        let result = (|| -> anyhow::Result<()> {
            match self.view {
                View::Arrangements => {
                    let end = ListKey { group: i64::MAX, sort: String::new(), id: 0 };
                    let before = ctx.store.arrangements_before(whose, &end, ARRANGEMENT_PAGE)?;
                    self.arrangements = read_arrangements(ctx, whose, before.first().map(|r| r.key.clone()))?;
                    self.table.select(self.arrangements.rows.len().checked_sub(1));
                }
                View::Agreements => {
                    let end = ListKey { group: i64::MAX, sort: String::new(), id: 0 };
                    let before = ctx.store.agreements_before(whose, &end, AGREEMENT_PAGE)?;
                    let page = read_agreements(ctx, whose, before.first().map(|r| r.key.clone()))?;
                    self.set_agreement_page(page, ctx);
                    self.list.select(self.lines.len().checked_sub(1));
                }
                View::Week | View::Meetings => {}
            }
            Ok(())
        })();
        result.map_or_else(|e| Effect::Error(format!("Could not read the list: {e:#}")), |_| Effect::None)
    }

    pub(super) fn toggle(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        self.view = match self.view {
            View::Arrangements => View::Agreements,
            View::Agreements | View::Week | View::Meetings => View::Arrangements,
        };
        match self.load(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not load the list: {e:#}")),
        }
    }
}

/// The page of `whose` rows from `start`, with the key of the next.
fn read_arrangements(
    ctx: &mut Ctx<'_>,
    whose: CoordinatorFilter,
    start: Option<ListKey>,
) -> anyhow::Result<Page<ArrangementRow>> {
    let mut rows = ctx.store.arrangements_from(whose, start.as_ref(), ARRANGEMENT_PAGE + 1)?;
    let next = (rows.len() > ARRANGEMENT_PAGE).then(|| rows.pop().map(|r| r.key)).flatten();
    // The start of the list has nothing before it: no count needed.
    let offset = match (&start, rows.first()) {
        (Some(_), Some(first)) => ctx.store.arrangements_before_count(whose, &first.key)?,
        _ => CappedCount::default(),
    };
    Ok(Page { rows, start, next, offset })
}

fn read_agreements(
    ctx: &mut Ctx<'_>,
    whose: CoordinatorFilter,
    start: Option<ListKey>,
) -> anyhow::Result<Page<AgreementEntry>> {
    let mut rows = ctx.store.agreements_from(whose, start.as_ref(), AGREEMENT_PAGE + 1)?;
    let next = (rows.len() > AGREEMENT_PAGE).then(|| rows.pop().map(|r| r.key)).flatten();
    let offset = match (&start, rows.first()) {
        (Some(_), Some(first)) => ctx.store.agreements_before_count(whose, &first.key)?,
        _ => CappedCount::default(),
    };
    Ok(Page { rows, start, next, offset })
}

/// A held process still waiting for its agreement, as the list shows it.
pub(super) fn held_entry(ctx: &mut Ctx<'_>, process_id: i64) -> anyhow::Result<Option<AgreementEntry>> {
    let Some(row) = ctx.store.process_row(process_id)? else { return Ok(None) };
    let Some(key) = ctx.store.agreement_key(row.case_id, None)? else { return Ok(None) };
    // Everyone's: the process was named, whoever holds its case.
    let mut entries = ctx.store.agreements_from(CoordinatorFilter::All, Some(&key), 50)?;
    entries.retain(|e| e.agreement_id.is_none() && e.process_id == process_id);
    Ok(entries.into_iter().next())
}

fn arrangement_identity(r: &ArrangementRow) -> (Option<i64>, i64) {
    (r.process_id, r.case_id)
}

pub(super) fn case_ref(ctx: &Ctx<'_>, case_id: i64) -> String {
    ctx.store.case_brief(case_id).ok().flatten().map_or_else(|| format!("case {case_id}"), |(r, _, _)| r)
}

/// " · 51–100 of 240" when the list is longer than one page. Counts stop at
/// a cap, so the total may read "1000+", and a page that starts beyond the
/// cap says so (" · past row 500 of 1000+") rather than number its rows.
pub(super) fn position<T>(page: &Page<T>, total: CappedCount) -> String {
    if page.offset.count == 0 && page.next.is_none() {
        return String::new();
    }
    if page.offset.capped {
        return format!(" · past row {} of {total}", page.offset.count);
    }
    let first = page.offset.count + 1;
    let last = page.offset.count + page.rows.len();
    format!(" · {first}–{last} of {total}")
}
