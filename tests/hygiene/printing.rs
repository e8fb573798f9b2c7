//! Every line the command line prints goes through the same cleaning as
//! the screens: the code prints only with `say!` and `tell!`, never with
//! the standard macros that would print a name from the file raw.

use std::path::Path;

/// The standard printing macros, which print what they are given as is.
const RAW: [&str; 4] = ["println!(", "eprintln!(", "print!(", "eprint!("];

/// Test code (timings, fixtures) prints only for the developer.
fn is_test_code(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name == "timing.rs"
        || name == "tests.rs"
        || name.ends_with("_tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
}

fn raw_prints(found: &mut Vec<String>) {
    for (path, text) in super::rust_sources("src") {
        if is_test_code(&path) {
            continue;
        }
        // A file's own tests come last, in `mod tests`.
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let bare = |m: &&str| {
                line.match_indices(*m).any(|(at, _)| !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            };
            if RAW.iter().any(bare)
                && !line.trim_start().starts_with("//")
                && !line.contains("$crate::export::safe::printable")
            {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
}

#[test]
fn the_code_prints_only_through_the_cleaning() {
    let mut found = Vec::new();
    raw_prints(&mut found);
    assert!(found.is_empty(), "print with say! or tell!, which make the line inert:\n{}", found.join("\n"));
}
