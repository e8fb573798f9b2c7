//! The clock the timings read.

use std::time::Duration;

/// The calling thread's own CPU time.
#[cfg(unix)]
pub fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere (Windows) there is no per-thread clock in the standard
/// library: wall time since the first call stands in, only noisier.
#[cfg(not(unix))]
pub fn thread_cpu_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// Run `f` five times and keep the least thread CPU time (with the last result).
pub fn best_of_five<T>(mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..5 {
        let t = thread_cpu_time();
        out = Some(f());
        best = best.min(thread_cpu_time() - t);
    }
    (out.expect("five runs"), best)
}

/// The least of `runs` times that `f` measures itself.
pub fn least(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| f()).min().unwrap()
}

/// The thread CPU time of `f`.
pub fn timed(f: impl FnOnce()) -> Duration {
    let t = thread_cpu_time();
    f();
    thread_cpu_time() - t
}

/// Median and worst of some times.
pub fn spread(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}
