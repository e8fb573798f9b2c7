//! The layers depend one way: `store` speaks only SQL and domain types. It
//! never reaches up into the interface, the exports, the import or the
//! command line, and never prints: what it has to say it returns, and the
//! command prints it.

/// What a store file must not name: the layers above it, the command-line
/// parser, and the printing macros.
const ABOVE: [&str; 7] = ["crate::tui", "crate::export", "crate::cli", "crate::import", "clap", "say!(", "tell!("];

#[test]
fn the_store_names_nothing_above_it() {
    let mut found = Vec::new();
    for (path, text) in super::rust_sources("src/store") {
        for (n, line) in text.lines().enumerate() {
            if let Some(name) = ABOVE.iter().find(|name| line.contains(*name)) {
                found.push(format!("{}:{}: {name}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the store returns values and its callers use them; it names nothing above it:\n{}",
        found.join("\n")
    );
}
