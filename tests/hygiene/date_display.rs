//! One date style everywhere: a date becomes words only in
//! `src/domain/date_style.rs` (`domain::dates::shown` and its helpers). Any
//! other `.format("%…")` is a machine form (stored text, csv, calendar and
//! email headers, file names), never a date for a person to read; and the
//! screens format no dates at all.

/// The machine forms, each with what writes it.
const MACHINE: [&str; 12] = [
    "%Y-%m-%d",                    // stored dates, csv and json, file names
    "%Y-%m-%dT%H:%M",              // a meeting's stored time
    "%Y-%m-%dT%H:%M:%SZ",          // timestamps in UTC
    "%Y-%m-%dT%H:%M:%S%.6fZ",      // the audit log's timestamps
    "%Y%m%dT%H%M%SZ",              // calendar files (RFC 5545)
    "%Y%m%dT%H%M%S",               // calendar files (RFC 5545)
    "%Y%m%d-%H%M%S",               // the file set aside before a restore
    "%Y-%m-%d %H:%M:%S %:z",       // the audit export's local time with its offset
    "%a, %d %b %Y %H:%M:%S +0000", // an email's Date header (RFC 5322)
    "%d/%m/%Y",                    // the directory's file, which its import reads back
    "%m-%d",                       // a bank holiday's day in its year
    "%y",                          // the year in an invented CPS reference
];

const THE_ONE_MODULE: &str = "date_style.rs";

fn formats_in(line: &str) -> Vec<String> {
    line.match_indices(".format(\"%")
        .filter_map(|(at, m)| {
            let rest = &line[at + m.len() - 1..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[test]
fn dates_are_shown_only_through_the_one_date_module() {
    let mut found = Vec::new();
    for (path, text) in super::rust_sources("src") {
        if path.file_name().is_some_and(|n| n == THE_ONE_MODULE) {
            continue;
        }
        let on_screen = path.components().any(|c| c.as_os_str() == "tui");
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            for pattern in formats_in(line) {
                if on_screen || !MACHINE.contains(&pattern.as_str()) {
                    found.push(format!("{}:{}: {pattern}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "show a date with domain::dates::day (or shown, long, iso), not a format of its own:\n{}",
        found.join("\n")
    );
}
