//! Read models for the screens: each returns counts plus one page of rows,
//! never a whole table. A screen's own writes that are not general store
//! operations live beside its reads, as `impl Tx` blocks.

pub mod agreements;
pub mod case;
pub mod checklist;
pub mod deadlines;
pub mod intake;
pub mod letters;
pub mod reports;
pub mod retention;
pub mod sample;
mod search;

pub use search::SearchHit;

use rusqlite::OptionalExtension;

use crate::store::{Store, StoreResult};

impl Store {
    /// A mark that moves whenever the desk's data changes: the newest audit
    /// row recording a change (every write is audited; looking at a case
    /// changes nothing). What a screen read at one mark holds until it moves.
    pub fn change_mark(&self) -> StoreResult<i64> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id FROM audit_log WHERE op <> 'consult' ORDER BY id DESC LIMIT 1")?;
        Ok(stmt.query_row([], |r| r.get(0)).optional()?.unwrap_or(0))
    }
}

/// The calling thread's own CPU time, for the timing tests run by hand on
/// large databases: on a busy machine, wall time measures the neighbours.
#[cfg(all(test, unix))]
pub(crate) fn thread_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere (Windows) there is no per-thread clock in the standard
/// library: wall time since the first call stands in, so the timing tests
/// still build and run, only noisier.
#[cfg(all(test, not(unix)))]
pub(crate) fn thread_cpu_time() -> std::time::Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// Run `f` five times and keep the least thread CPU time (with the last
/// result), for the same timing tests.
#[cfg(test)]
pub(crate) fn best_of_five<T>(mut f: impl FnMut() -> T) -> (T, std::time::Duration) {
    let mut best = std::time::Duration::MAX;
    let mut out = None;
    for _ in 0..5 {
        let t = thread_cpu_time();
        out = Some(f());
        best = best.min(thread_cpu_time() - t);
    }
    (out.expect("five runs"), best)
}
