//! Every timer in the rule table is either read by the desk or listed as
//! not used yet, so the Rules view never says a timer works when it does not.

use std::fs;
use std::path::Path;

use casedesk::domain::rule_book::NOT_YET_USED;
use casedesk::domain::rules::DEFAULT_RULES;

/// Every Rust source under `dir`, except the two files that list the rules
/// and the demo (which invents dates with them; the desk does not read them).
fn sources(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.ends_with("demo") {
            continue;
        }
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path.ends_with("domain/rules.rs")
            && !path.ends_with("domain/rule_book.rs")
        {
            out.push_str(&fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn each_timer_is_read_or_said_to_be_unused() {
    let mut code = String::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut code);
    for (id, _, unit, _, _) in DEFAULT_RULES.iter().filter(|r| r.2 == "wd") {
        // Rule values are read through `Rules::days_or` / `value_or`.
        let read = code.contains(&format!("_or(\"{id}\""));
        let unused = NOT_YET_USED.contains(id);
        assert!(read != unused, "{id} ({unit}): read {read}, listed as not used yet {unused}");
    }
}
