//! What each fuzz target asserts about one input, shared word for word by
//! the fuzz targets (`fuzz/fuzz_targets/*.rs`, nightly, `cargo fuzz`) and
//! their stable twin `tests/fuzz_inputs.rs`, which runs the same checks over
//! the seed corpus and generated inputs in the normal `cargo test`.
//!
//! Each check panics, with the input, when an invariant breaks; a panic is
//! what libFuzzer records as a crash.

use casedesk::import::{
    excel_serial_date, excel_serial_of, import_csv_bytes, parse_uk_date, Checked, Outcome, PlannedCase,
};
use casedesk::store::Store;
use casedesk::tui::form::parse_user_date;
use casedesk::tui::keymap::{Context, Keymap};
use chrono::{Datelike, NaiveDate};

/// The forms a date is written back in (exports, letters, the tracker):
/// each must read back as the same day.
const WRITTEN_FORMS: &[&str] = &["%d/%m/%Y", "%Y-%m-%d", "%d-%b-%Y", "%-d %B %Y", "%d.%m.%Y", "%d/%m/%y"];

/// The date parsers: the import's UK forms, the interface's form fields and
/// the command line's `--today`/`--from`/`--to`.
pub fn date(text: &str) {
    if let Some(day) = parse_uk_date(text) {
        // Dates are stored as ISO text and compared as text in SQL, which
        // only orders correctly for four-digit years.
        assert!((1900..=9999).contains(&day.year()), "{text:?} read as {day}, outside 1900–9999");
        for form in WRITTEN_FORMS {
            let written = day.format(form).to_string();
            // Two-digit years name only 1930–2029 (Excel's rule).
            if form.ends_with("%y") && !(1930..=2029).contains(&day.year()) {
                continue;
            }
            assert_eq!(parse_uk_date(&written), Some(day), "{text:?} read as {day}, written {written:?}");
        }
        if let Some(serial) = excel_serial_of(day) {
            assert_eq!(excel_serial_date(serial), Some(day), "{text:?} read as {day}, Excel serial {serial}");
        }
        assert_eq!(parse_uk_date(&format!(" {text}\t")), Some(day), "{text:?} changed with surrounding space");
    }
    for (parser, parsed) in [("form", parse_user_date(text)), ("command line", casedesk::cli::parse_date(text).ok())] {
        let Some(day) = parsed else { continue };
        let iso = day.format("%Y-%m-%d").to_string();
        assert_eq!(iso.len(), 10, "the {parser} parser read {text:?} as {iso}, which is not stored as YYYY-MM-DD");
        if parser == "form" {
            // A form field holds dates of birth, offences and deadlines: 1900 on, as the import.
            assert!((1900..=9999).contains(&day.year()), "the form read {text:?} as {iso}");
        }
        assert_eq!(NaiveDate::parse_from_str(&iso, "%Y-%m-%d").ok(), Some(day), "{text:?} → {iso}");
        if parser == "form" {
            assert_eq!(parse_user_date(&day.format("%d/%m/%Y").to_string()), Some(day), "{text:?} → {day}");
        }
    }
}

/// A user's keymap.toml: it loads or is refused with one printable
/// sentence; a loaded map means one thing per key on every screen (an
/// action takes the keys of the most specific section binding it there).
pub fn keymap(text: &str) {
    match Keymap::load(Some(text)) {
        Ok(map) => {
            for screen in Context::screens() {
                for context in screen.stack() {
                    for (action, chords) in map.bindings_of(context) {
                        // The most specific section binding an action gives its keys on the screen.
                        if map.shadowed(screen, context, action) {
                            continue;
                        }
                        for chord in chords {
                            // The footer and help screen draw every key's name.
                            let shown = chord.to_string();
                            assert!(!shown.chars().any(char::is_control), "key shown as {shown:?}, from {text:?}");
                            assert_eq!(
                                map.lookup(screen, chord),
                                Some(action),
                                "key {chord} on the {} screen, from {text:?}",
                                screen.name()
                            );
                        }
                    }
                }
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("keymap: ") && message.len() > "keymap: ".len(), "{message:?}");
            // The message goes to the terminal: nothing in it may act on it.
            assert!(!message.chars().any(char::is_control), "control characters in {message:?} from {text:?}");
        }
    }
}

/// The date every import check runs on (the tests' fixed Friday).
pub fn import_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a real date")
}

/// A tracker file's bytes. First a dry run against a scratch database kept
/// between inputs (a dry run always rolls back, so it stays empty; this
/// keeps a run fast): the store never fails on rows the checks accepted,
/// and a refusal says why. A file the dry run would import is then imported
/// for real into a fresh database: exactly what the dry run planned is
/// stored, and the audit chain verifies.
pub fn import(bytes: &[u8]) {
    let planned = SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let store = scratch.get_or_insert_with(|| Store::open_in_memory().expect("an in-memory database"));
        let dry = run_import(store, bytes, true);
        assert_eq!(store.case_count().expect("count cases"), 0, "a dry run wrote cases");
        dry
    });
    let Some(planned) = planned else { return };
    let mut store = Store::open_in_memory().expect("an in-memory database");
    let stored = run_import(&mut store, bytes, false).expect("the dry run's import was refused for real");
    let references = |cases: &[PlannedCase]| cases.iter().map(|c| c.reference.clone()).collect::<Vec<_>>();
    assert_eq!(references(&stored), references(&planned), "the dry run planned other cases");
    assert_eq!(
        store.case_count().expect("count cases") as usize,
        stored.len(),
        "cases stored differ from rows planned"
    );
    for case in &stored {
        let found = store.saved_intake(&case.reference).expect("read a case back");
        assert!(found.is_some(), "{} was planned but is not in the database", case.reference);
    }
    let report = store.check().expect("check the database");
    assert_eq!(report.audit.fault, None, "the audit chain broke");
    assert_eq!(report.foreign_key_faults, 0, "rows point at nothing");
}

thread_local! {
    /// The database every dry run goes against; made once per thread.
    static SCRATCH: std::cell::RefCell<Option<Store>> = const { std::cell::RefCell::new(None) };
}

/// One import; the cases written (or, for a dry run, planned), or None
/// when it was refused, with a reason and nothing written.
fn run_import(store: &mut Store, bytes: &[u8], dry_run: bool) -> Option<Vec<PlannedCase>> {
    let before = store.case_count().expect("count cases");
    let checked = import_csv_bytes(store, import_today(), bytes, dry_run)
        .unwrap_or_else(|e| panic!("the store failed on rows the import accepted: {e:#}\ninput: {bytes:?}"));
    let refused = |why: &str| {
        assert_eq!(store.case_count().expect("count cases"), before, "a refused import wrote cases: {why}");
        None
    };
    match checked {
        Checked::Unmapped(problems) => {
            assert!(!problems.is_empty(), "refused without saying why");
            refused(&problems[0])
        }
        Checked::RowProblems { errors, .. } | Checked::Written { outcome: Outcome::Rejected(errors), .. } => {
            assert!(!errors.is_empty(), "refused without saying why");
            refused(&errors[0].reason)
        }
        Checked::Written { accepted, outcome: Outcome::Written(planned) } => {
            assert_eq!(planned.len(), accepted, "rows accepted but not planned");
            Some(planned)
        }
    }
}
