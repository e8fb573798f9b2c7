//! After an undo or redo: the deadlines it brought back are read into the
//! page, tagged (the selection bulk actions take, so what a bulk undo
//! brought back is what the next bulk action acts on), scrolled into view
//! together where they fit, with the cursor on the first of them.

use super::{key_of, DeadlinesScreen, Filters, Tag, PAGE};
use crate::store::views::deadlines::{DeadlineKey, DeadlineSource};
use crate::store::StoreError;
use crate::tui::screens::{Ctx, Effect};

/// The (table, id, case) records an undo or redo reports.
type Records<'a> = &'a [(&'static str, i64, Option<i64>)];

impl DeadlinesScreen {
    pub(super) fn show_restored(&mut self, records: Records<'_>, ctx: &mut Ctx<'_>) -> Effect {
        match self.try_show_restored(records, ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the deadlines: {e}")),
        }
    }

    fn try_show_restored(&mut self, records: Records<'_>, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let keys = listed_keys(records, ctx)?;
        let Some(first) = keys.first().copied() else { return Ok(()) };
        self.read_around(first, ctx)?;
        if !self.rows.iter().any(|r| r.key == first) {
            // The filter in force hides what came back: show everything.
            self.filters = Filters::default();
            self.read_around(first, ctx)?;
        }
        if keys.len() > 1 {
            self.tagged =
                keys.iter().filter_map(|k| key_of(k.source, k.id)).collect::<std::collections::BTreeSet<Tag>>();
        }
        let at: Vec<usize> =
            self.rows.iter().enumerate().filter(|(_, r)| keys.contains(&r.key)).map(|(i, _)| i).collect();
        if let (Some(&top), Some(&bottom)) = (at.first(), at.last()) {
            self.select(top);
            *self.state.offset_mut() = offset_showing(top, bottom, self.view_rows);
        }
        Ok(())
    }

    fn read_around(&mut self, key: DeadlineKey, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let filter = self.store_filter(ctx.today);
        let page = ctx.store.deadline_page_around(&filter, key, PAGE)?;
        self.set_page(page, ctx);
        self.recount(ctx)
    }
}

/// The open deadlines among the records, in list order.
fn listed_keys(records: Records<'_>, ctx: &Ctx<'_>) -> Result<Vec<DeadlineKey>, StoreError> {
    let mut keys = Vec::new();
    for (table, id, _) in records {
        let source = match *table {
            "condition" => DeadlineSource::Condition,
            "agreement_item" => DeadlineSource::AgreementItem,
            "meeting_action" => DeadlineSource::MeetingAction,
            _ => continue,
        };
        if let Some(key) = ctx.store.deadline_key_of(source, *id)? {
            keys.push(key);
        }
    }
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// The first row to draw so rows `top` to `bottom` are all in a view of
/// `height` rows, centred where there is room; the top one when they do
/// not all fit.
fn offset_showing(top: usize, bottom: usize, height: usize) -> usize {
    let span = bottom - top + 1;
    if span >= height {
        return top;
    }
    top.saturating_sub((height - span) / 2)
}

#[cfg(test)]
mod tests {
    use super::offset_showing;

    #[test]
    fn rows_brought_back_are_drawn_together_where_they_fit() {
        assert_eq!(offset_showing(40, 41, 20), 31);
        assert_eq!(offset_showing(3, 4, 20), 0);
        assert_eq!(offset_showing(40, 70, 20), 40);
    }
}
