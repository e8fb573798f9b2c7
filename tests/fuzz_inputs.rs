//! The fuzz targets' checks on the stable toolchain, so every `cargo test`
//! (and CI, which has no nightly) runs them: over the committed seed corpus
//! (`fuzz/corpus/<target>/`), over inputs shaped like the real thing
//! (dates, keymaps, trackers) and over arbitrary text and bytes. The checks
//! themselves live in `fuzz/checks.rs`, shared with `cargo fuzz`.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::PathBuf;

use proptest::prelude::*;

/// Every file of one target's seed corpus (there must be some).
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the seed corpus {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a corpus entry").path();
            let bytes = std::fs::read(&path).expect("a corpus file");
            (path, bytes)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 3, "the {target} seed corpus has only {} files", files.len());
    files
}

fn text_of(path: &std::path::Path, bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| panic!("{} is not UTF-8", path.display()))
}

#[test]
fn the_date_seed_corpus_passes_the_date_checks() {
    for (path, bytes) in corpus("date") {
        checks::date(&text_of(&path, &bytes));
    }
}

#[test]
fn the_keymap_seed_corpus_passes_the_keymap_checks() {
    for (path, bytes) in corpus("keymap") {
        checks::keymap(&text_of(&path, &bytes));
    }
}

#[test]
fn the_import_seed_corpus_passes_the_import_checks() {
    let mut imported = 0;
    for (_, bytes) in corpus("import") {
        checks::import(&bytes);
        let mut store = casedesk::store::Store::open_in_memory().unwrap();
        let checked = casedesk::import::import_csv_bytes(&mut store, checks::import_today(), &bytes, true).unwrap();
        if matches!(checked, casedesk::import::Checked::Written { outcome: casedesk::import::Outcome::Written(_), .. })
        {
            imported += 1;
        }
    }
    // At least one seed must get all the way through, or the fuzzer would
    // rarely reach the write at all.
    assert!(imported >= 1, "no seed tracker imports cleanly");
}

/// Text that looks like a date: day, month (number or name), year, with
/// the separators spreadsheets use, sometimes with a time or a suffix.
fn date_like() -> impl Strategy<Value = String> {
    let day = prop_oneof![Just("0".to_string()), (0u32..40).prop_map(|d| d.to_string()), Just("21st".to_string())];
    let month = prop_oneof![
        (0u32..14).prop_map(|m| format!("{m:02}")),
        prop::sample::select(vec!["Jan", "feb", "SEPT", "September", "Novem", "Mar.", "dec"]).prop_map(String::from),
    ];
    let year = prop_oneof![
        (0i32..100).prop_map(|y| format!("{y:02}")),
        (1800i32..10_100).prop_map(|y| y.to_string()),
        Just("+12026".to_string()),
        Just("-2026".to_string()),
    ];
    let sep = prop::sample::select(vec!["/", "-", ".", " ", "  ", "/ ", "T"]);
    let tail = prop::sample::select(vec!["", " 00:00:00", "T00:00", " ", "\t", "x"]);
    (day, month, year, sep.clone(), sep, tail, any::<bool>()).prop_map(|(d, m, y, s1, s2, tail, iso)| {
        if iso {
            format!("{y}{s1}{m}{s2}{d}{tail}")
        } else {
            format!("{d}{s1}{m}{s2}{y}{tail}")
        }
    })
}

/// A keymap.toml: known and unknown sections, actions and key names.
fn keymap_like() -> impl Strategy<Value = String> {
    let section = prop::sample::select(vec![
        "global",
        "list",
        "form",
        "today",
        "intake",
        "case",
        "reports",
        "moon",
        "Today",
        "\u{1b}[2J",
    ]);
    let action = prop::sample::select(vec![
        "quit",
        "help",
        "complete",
        "save",
        "tag",
        "undo",
        "screen_today",
        "fly",
        "next_screen",
        "palette",
    ]);
    let key = prop::sample::select(vec![
        "q",
        "c",
        "G",
        "?",
        "space",
        "ctrl-s",
        "alt-x",
        "ctrl-alt-k",
        "f1",
        "f13",
        "f0",
        "enter",
        "esc",
        "backtab",
        "hyper-z",
        "",
        "ff",
        "é",
        "\u{1b}",
    ]);
    let binding = (action, prop::collection::vec(key, 0..3)).prop_map(|(a, keys)| {
        let keys: Vec<String> = keys.iter().map(|k| toml_string(k)).collect();
        format!("{a} = [{}]\n", keys.join(", "))
    });
    let block = (section, prop::collection::vec(binding, 0..4))
        .prop_map(|(s, b)| format!("[{}]\n{}", toml_string(s), b.concat()));
    prop::collection::vec(block, 0..4).prop_map(|blocks| blocks.concat())
}

/// `text` as a TOML basic string (JSON's escapes are TOML's).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// Values a tracker's column plausibly holds: mostly ones the import
/// knows, some it refuses, so generated files reach the write often.
fn plausible(header: &str) -> Vec<&'static str> {
    const DATES: [&str; 6] = ["10/11/2026", "2026-11-01", "01-Nov-26", "46300", "31/02/2026", "21/11/2027"];
    match header {
        "Reference" => vec!["", "", "OOCD-2026-0007", "RJ-2026-0001", "MED-2026-0003", "T/1", "rj-2026-0099"],
        "Service" => vec!["oocd", "rj", "mediation", "Restorative justice", "Out-of-court disposal", "parking"],
        "Source" => vec!["police", "Police", "housing", "self", "school", "moon"],
        "Status" => vec!["", "active", "closed", "draft", "received", "Agreement monitoring", "paused", "issued"],
        "Disposal type" => vec!["", "community_resolution", "adult_conditional_caution", "youth_caution", "x"],
        "Offence mode" => vec!["", "summary", "either_way", "indictable", "Either way"],
        "Closure outcome" => vec!["", "completed", "not completed", "withdrawn"],
        "Condition 1 kind" => vec!["", "financial_penalty", "reparation_apology_letter", "rehab_course", "juggling"],
        "Condition 1 status" => vec!["", "active", "completed", "breached", "maybe"],
        "Condition 1 amount" => vec!["", "£50", "£500", "50", "a tenner"],
        "Condition 1 hours" => vec!["", "2", "20", "lots"],
        "Harmed given names" | "Responsible given names" => vec!["", "Ann", "Zoë", "Łucja", "Bob"],
        "Harmed family name" | "Responsible family name" => vec!["", "Smith", "Ó Briain", "Nowak"],
        "Other people" => vec!["", "parent_guardian: Nowak, Ioana (born 1972-04-21)", "uncle: Smith, Ann"],
        "Crime reference" => vec!["", "CR/100/26", "cr/778899/26"],
        _ if header.contains("DOB") || header.contains("due") || header.contains("date") => DATES.to_vec(),
        "Received" | "Issued" | "Closed on" | "Status changed" | "Completion due" => DATES.to_vec(),
        _ => vec!["", "Theft from a shop", "=1+1", "'=SUM(A1)", "a line\nbreak"],
    }
}

/// The columns of a generated tracker, and three rows that import cleanly
/// (a restorative justice referral, a mediation, an out-of-court disposal
/// with a condition) for the generator to start from.
#[rustfmt::skip]
const TRACKER_COLUMNS: [&str; 16] = [
    "Reference",
    "Service",
    "Source",
    "Received",
    "Offence",
    "Offence mode",
    "Disposal type",
    "Issued",
    "Status",
    "Harmed given names",
    "Harmed family name",
    "Responsible given names",
    "Responsible family name",
    "Condition 1 kind",
    "Condition 1 due",
    "Notes",
];
#[rustfmt::skip]
const CLEAN_ROWS: [[&str; 16]; 3] = [
    ["", "rj", "police", "10/11/2026", "Theft", "", "", "", "", "Ann", "Smith", "Bob", "Jones", "", "", "Notes"],
    ["", "mediation", "housing", "2026-11-02", "Noise", "", "", "", "", "Zoë", "Nowak", "", "", "", "", ""],
    [
        "",
        "oocd",
        "police",
        "10/11/2026",
        "Criminal damage",
        "either_way",
        "community_resolution",
        "12/11/2026",
        "",
        "",
        "",
        "Dan",
        "Okafor",
        "reparation_apology_letter",
        "10/12/2026",
        "",
    ],
];

/// A tracker: each row one of the clean rows with up to three cells
/// changed, usually to another plausible value, sometimes to awkward text
/// (control characters and all) or a field far over its length limit.
fn tracker_like() -> impl Strategy<Value = Vec<u8>> {
    let change = (0..TRACKER_COLUMNS.len(), any::<prop::sample::Index>(), 0u8..10, "\\PC{0,8}").prop_map(
        |(column, pick, kind, junk)| {
            let value = match kind {
                0..=7 => {
                    let values = plausible(TRACKER_COLUMNS[column]);
                    values[pick.index(values.len())].to_string()
                }
                8 => junk,
                _ => "x".repeat(2_100),
            };
            (column, value)
        },
    );
    let row = (0..CLEAN_ROWS.len(), prop::collection::vec(change, 0..4)).prop_map(|(base, changes)| {
        let mut row: Vec<String> = CLEAN_ROWS[base].iter().map(|c| c.to_string()).collect();
        for (column, value) in changes {
            row[column] = value;
        }
        row
    });
    prop::collection::vec(row, 1..4).prop_map(|rows| {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(TRACKER_COLUMNS).unwrap();
        for row in rows {
            out.write_record(&row).unwrap();
        }
        out.into_inner().unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn date_like_text_passes_the_date_checks(text in date_like()) {
        checks::date(&text);
    }

    #[test]
    fn any_text_passes_the_date_checks(text in "\\PC{0,24}") {
        checks::date(&text);
    }

    #[test]
    fn keymap_like_text_passes_the_keymap_checks(text in keymap_like()) {
        checks::keymap(&text);
    }

    #[test]
    fn any_text_passes_the_keymap_checks(text in "[\\[\\]=\"a-z_ \n-]{0,40}|\\PC{0,40}") {
        checks::keymap(&text);
    }
}

proptest! {
    // Each import opens a fresh database, so fewer cases.
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn tracker_like_files_pass_the_import_checks(bytes in tracker_like()) {
        checks::import(&bytes);
    }

    #[test]
    fn any_bytes_pass_the_import_checks(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        checks::import(&bytes);
    }
}
