//! `casedesk rules`: every rule in words, as a table or json, and the exit
//! codes of bad input.

mod common;

use casedesk::domain::rules::DEFAULT_RULES;
use casedesk::store::{OpenMode, Store};
use common::cli::{casedesk, run, stdout_of};
use tempfile::TempDir;

/// A word made of capitals and underscores, or lower case and underscores:
/// an internal code a person should not have to read.
fn looks_like_a_code(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
    word.contains('_') && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[test]
fn the_table_lists_every_rule_in_words_with_what_it_does() {
    let out = stdout_of(&casedesk().args(["rules"]).assert().success());
    let mut lines = out.lines();
    let heading = lines.next().unwrap();
    for column in ["Rule", "Value", "When crossed", "Kind", "Source", "Confidence", "In effect"] {
        assert!(heading.contains(column), "{heading}");
    }
    assert_eq!(lines.count(), DEFAULT_RULES.len(), "{out}");
    let codes: Vec<&str> = out.split_whitespace().filter(|w| looks_like_a_code(w)).collect();
    assert!(codes.is_empty(), "codes in the table: {codes:?}\n{out}");
    let summary_fine = out.lines().find(|l| l.starts_with("Conditional caution fine, summary offence")).unwrap();
    for part in ["£50", "blocks", "set by law", "SI 2013/615", "verified", "always"] {
        assert!(summary_fine.contains(part), "{summary_fine}");
    }
    let at_risk = out.lines().find(|l| l.starts_with("Case at risk after")).unwrap();
    for part in ["5 working days", "sets a timer", "local", "not verified"] {
        assert!(at_risk.contains(part), "{at_risk}");
    }
    // Today reads the harmed-party-told timer (issue 13 §5).
    let told = out.lines().find(|l| l.starts_with("Harmed party told the result within")).unwrap();
    assert!(told.contains("sets a timer"), "{told}");
    // The facilitators' vetting window is a local rule too (issue 14 §1).
    let vetting = out.lines().find(|l| l.starts_with("Facilitator's vetting to renew")).unwrap();
    for part in ["30 days", "sets a timer", "local"] {
        assert!(vetting.contains(part), "{vetting}");
    }
    let referral = out.lines().find(|l| l.starts_with("Victims' Code: referral to the")).unwrap();
    assert!(referral.contains("sets a timer"), "{referral}");
    assert!(!out.contains("not used yet"), "every timer is read: {out}");
}

#[test]
fn json_gives_each_rule_with_its_id_and_a_changed_value_shows() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store.write(|tx| tx.set_rule("AT_RISK_WD", 3.0, "local policy from January")).unwrap();
    drop(store);

    let out = stdout_of(&run(&db, &["rules", "--format", "json"]).success());
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rules.len(), DEFAULT_RULES.len());
    let at_risk = rules.iter().find(|r| r["id"] == "AT_RISK_WD").unwrap();
    assert_eq!(at_risk["value"], 3.0);
    assert_eq!(at_risk["value_text"], "3 working days");
    assert_eq!(at_risk["effect"], "timer");
    assert_eq!(at_risk["local"], true);
    let fine = rules.iter().find(|r| r["id"] == "CC_FIN_SUMMARY").unwrap();
    assert_eq!((fine["effect"].as_str(), fine["local"].as_bool()), (Some("blocks"), Some(false)));
    assert_eq!(fine["confidence"], "verified");
}

#[test]
fn an_unknown_format_or_a_missing_named_desk_is_bad_input() {
    casedesk().args(["rules", "--format", "xml"]).assert().code(2);
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nowhere.db");
    run(&missing, &["rules"]).code(2);
    assert!(!missing.exists());
}
