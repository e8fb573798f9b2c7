//! The bulk path: the same generator, its cases staged in memory in their
//! final state on one thread while the store writes the finished ones on
//! another (the machine's second core), all in one transaction.

use std::path::Path;
use std::sync::mpsc::sync_channel;

use super::{gen, DemoOptions, DemoReport};
use crate::store::bulk::{self, Staging};
use crate::store::{Store, StoreError, StoreResult};

/// Batches (of a few thousand rows each) staged ahead of the writer: enough
/// to keep both cores busy, few enough that memory stays small.
const AHEAD: usize = 8;

/// Fill `store` (which should hold no cases) with `opts.cases` invented
/// cases in bulk: the same cases `generate` makes, in one transaction, with
/// one audit row per case. Undo will not take such a load apart.
pub fn generate_bulk(store: &mut Store, opts: &DemoOptions) -> StoreResult<DemoReport> {
    // The invented work is logged as done on the demo's day.
    store.set_desk_day(opts.today);
    store.write(|tx| super::pcsc_in_force(tx, opts.today))?;
    store.write(super::profiles::fill)?;
    store.write(|tx| super::directory::fill(tx, opts.seed, opts.today))?;
    super::record_meetings(store, opts.today)?;
    let rules = store.rules()?;
    let calendar = store.calendar()?;
    store.bulk_load(|loader| {
        let (out, finished) = sync_channel(AHEAD);
        let start = loader.start();
        std::thread::scope(|scope| {
            let generator = scope.spawn(|| {
                let mut staging = Staging::new(start, out);
                let report = gen::run(&mut staging, &rules, &calendar, opts)?;
                staging.finish()?;
                Ok::<_, StoreError>(report)
            });
            // The first failure wins: a write error stops the generator (its
            // next hand-over fails), a generator error ends the batches.
            let written = finished.iter().try_for_each(|batch| loader.write(batch));
            drop(finished);
            let generated = generator
                .join()
                .unwrap_or_else(|_| Err(StoreError::Invalid("the demo generator stopped unexpectedly".into())));
            written.and(generated)
        })
    })
}

/// Make a new database at `path` (which must not exist) holding
/// `opts.cases` invented cases, loaded in bulk. It is built as
/// `<path>.partial` and renamed only when complete, so a failure or a crash
/// never leaves a half-made database at `path`.
pub fn create_database(path: &Path, opts: &DemoOptions) -> StoreResult<DemoReport> {
    bulk::build_new_file(path, |store| generate_bulk(store, opts))
}
