//! Saves on a large desk (issue 13, "Speed"): every save runs the domain's
//! checks (caps, time limits, the legal checks), so one save is timed as the
//! screens make it, commit included, and so are two bulk actions of 500
//! items from Deadlines as its prompts make them (one transaction each).
//!
//!     SAVES_BIG_DB=/path/copy.db cargo bench --bench big_desk
//!
//! It writes to the database: use a copy. Figures are wall time (a save
//! waits for its commit) with the thread's CPU time beside it.

use std::time::{Duration, Instant};

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::store::model::NewCondition;
use casedesk::store::views::deadlines::DeadlineSource;
use casedesk::store::Store;
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OpenFlags};

use crate::clock::{spread, thread_cpu_time};

/// Single saves of each kind; the median and the worst are printed.
const SAVES: usize = 101;
/// The size of a bulk action, as the issue sets it.
const BULK: usize = 500;

pub fn run(path: &str) {
    let today = crate::demo_day();
    let cases = ids(path, RECENT_CAUTIONS, SAVES);
    let conditions = ids(path, RECENT_OPEN_CONDITIONS, 2 * BULK + SAVES).split_off(2 * BULK);
    println!("{} cases on the desk", cases_on_desk(path));
    let mut store = crate::open(path);
    single_saves(&mut store, &cases, &conditions, today);
    bulk_actions(&mut store, path, today);
}

/// Wall and CPU time of `f`.
fn clocked<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu) = (Instant::now(), thread_cpu_time());
    let out = f();
    (out, wall.elapsed(), thread_cpu_time() - cpu)
}

fn single_saves(store: &mut Store, cases: &[i64], conditions: &[i64], today: NaiveDate) {
    let rules = store.rules().unwrap();
    let mut times = Times::default();
    for &case_id in cases.iter().take(SAVES) {
        let c = NewCondition::new(
            ConditionKind::RehabCourse,
            ConditionObject::Rehabilitation,
            "timing: attend a course",
            today + Days::new(14),
        );
        times.add(clocked(|| store.write(|tx| tx.add_condition(case_id, &c, &rules)).is_ok()));
    }
    times.report("add a condition");
    let mut times = Times::default();
    for &id in conditions.iter().take(SAVES) {
        let save =
            || store.write(|tx| tx.vary_condition_due(id, today + Days::new(7), "timing", today, &rules)).is_ok();
        times.add(clocked(save));
    }
    times.report("vary a condition's due date");
    // The floor: a save no check reads, on the same cases. What a save costs
    // beyond it is the checks.
    let mut times = Times::default();
    for &case_id in cases.iter().take(SAVES) {
        let contact = crate::timing_contact(case_id, today);
        times.add(clocked(|| store.write(|tx| tx.log_contact(&contact)).is_ok()));
    }
    times.report("log a contact (no checks)");
}

/// The times of single saves, and how many the checks refused (a refused
/// save ran every check too, so it is timed with the rest).
#[derive(Default)]
struct Times {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    refused: usize,
}

impl Times {
    fn add(&mut self, (saved, wall, cpu): (bool, Duration, Duration)) {
        self.wall.push(wall);
        self.cpu.push(cpu);
        self.refused += usize::from(!saved);
    }

    fn report(self, what: &str) {
        let n = self.wall.len();
        let (wall_median, wall_worst) = spread(self.wall);
        let (cpu_median, cpu_worst) = spread(self.cpu);
        println!(
            "{what:28} {n} saves ({} refused by a check): median {wall_median:?} wall ({cpu_median:?} CPU), \
             worst {wall_worst:?} wall ({cpu_worst:?} CPU)",
            self.refused
        );
    }
}

/// 500 open deadlines varied, then 500 others completed, each in one
/// transaction as the Deadlines screen writes them (`apply_vary`,
/// `apply_complete_mixed`): a refusal would roll the whole action back, so
/// the conditions are of disposals issued lately, well inside their limits.
fn bulk_actions(store: &mut Store, path: &str, today: NaiveDate) {
    let rules = store.rules().unwrap();
    let conditions = ids(path, RECENT_OPEN_CONDITIONS, 2 * BULK);
    assert_eq!(conditions.len(), 2 * BULK, "the desk has too few open conditions of recent disposals");
    let (vary, complete) = conditions.split_at(BULK);
    let new_due = today + Days::new(10);
    let (result, wall, cpu) = clocked(|| {
        store.write(|tx| {
            vary.iter().try_for_each(|&id| {
                tx.deadline_brief(DeadlineSource::Condition, id)?;
                tx.vary_condition_due(id, new_due, "timing: bulk vary", today, &rules).map(drop)
            })
        })
    });
    result.unwrap();
    println!("bulk vary of {BULK} conditions: {wall:?} wall ({cpu:?} CPU)");
    let (result, wall, cpu) = clocked(|| {
        store.write(|tx| complete.iter().try_for_each(|&id| tx.complete_condition(id, today, "timing: bulk complete")))
    });
    result.unwrap();
    println!("bulk complete of {BULK} conditions: {wall:?} wall ({cpu:?} CPU)");
}

fn read_only(path: &str) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn cases_on_desk(path: &str) -> i64 {
    read_only(path).query_row("SELECT COUNT(*) FROM case_file", [], |r| r.get(0)).unwrap()
}

/// Issued adult conditional cautions with room for one more course: a
/// condition that no cap refuses, spread over the desk.
const RECENT_CAUTIONS: &str = "SELECT c.id FROM case_file c JOIN oocd_disposal d ON d.case_id = c.id
     WHERE d.disposal_type = 'adult_conditional_caution' AND d.issued_on >= date('2026-11-20', '-56 days')
       AND c.status IN ('issued', 'active')
     ORDER BY (c.id * 7919) % 100003 LIMIT ?1";

/// Open conditions of disposals issued in the last eight weeks, spread
/// over the desk: a new due date ten days ahead is inside every time limit.
const RECENT_OPEN_CONDITIONS: &str = "SELECT k.id FROM condition k JOIN oocd_disposal d ON d.case_id = k.case_id
     WHERE k.status = 'active' AND d.issued_on >= date('2026-11-20', '-56 days')
       AND d.disposal_type IN ('adult_conditional_caution', 'community_resolution')
     ORDER BY (k.id * 7919) % 100003 LIMIT ?1";

fn ids(path: &str, sql: &str, limit: usize) -> Vec<i64> {
    let conn = read_only(path);
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([limit as i64], |r| r.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}
