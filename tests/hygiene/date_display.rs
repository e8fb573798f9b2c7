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

/// Names the screens give dates; a `format!` that prints one of them as it
/// stands prints the ISO form ("marked completed on 2026-12-05"), whatever
/// the desk's style.
fn names_a_date(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    let last = last.trim_start_matches('*').trim_start_matches('&');
    last.ends_with("_on")
        || last.ends_with("_due")
        || [
            "on",
            "today",
            "due",
            "new_due",
            "follow_up",
            "date",
            "until",
            "since",
            "closed",
            "reported",
            "issued",
            "received",
            "agreed",
            "expires",
            "held",
        ]
        .contains(&last)
}

/// The text of each `format!(…)` in `code`, up to its closing bracket.
fn format_calls(code: &str) -> Vec<(usize, String)> {
    let mut calls = Vec::new();
    for (at, _) in code.match_indices("format!(") {
        let body = &code[at + "format!(".len()..];
        let (mut depth, mut in_str, mut escaped) = (1, false, false);
        let end = body.char_indices().find_map(|(i, c)| {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_str => escaped = true,
                '"' => in_str = !in_str,
                '(' | '[' | '{' if !in_str => depth += 1,
                ')' | ']' | '}' if !in_str => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(i)
        });
        let line = code[..at].lines().count();
        calls.push((line, body[..end.unwrap_or(body.len())].to_string()));
    }
    calls
}

/// The dates a format call prints raw: `{on}` in its text, or a bare date
/// name among its arguments (a call such as `day(on)` is fine).
fn raw_dates(call: &str) -> Vec<String> {
    let call = call.trim_start();
    if !call.starts_with('"') {
        return Vec::new();
    }
    let Some(text_end) = call.char_indices().skip(1).find(|(i, c)| *c == '"' && !call[..*i].ends_with('\\')) else {
        return Vec::new();
    };
    let (text, args) = (&call[..text_end.0], &call[text_end.0 + 1..]);
    // `{on}` with `on = day(on)` among the arguments is styled.
    let given = |name: &str| args.split(',').any(|a| a.trim().starts_with(&format!("{name} =")));
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split(['}', ':']).next())
        .filter(|name| !name.is_empty() && names_a_date(name) && !given(name))
        .map(|name| format!("{{{name}}}"))
        .collect();
    found.extend(
        args.split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_alphanumeric() || "_.*&".contains(c)))
            .filter(|a| names_a_date(a))
            .map(str::to_string),
    );
    found
}

#[test]
fn screens_put_no_date_into_words_unstyled() {
    let mut found = Vec::new();
    for (path, text) in super::rust_sources("src/tui").into_iter().chain(super::rust_sources("src/cli")) {
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or_default();
        for (line, call) in format_calls(code) {
            for raw in raw_dates(&call) {
                found.push(format!("{}:{line}: {raw}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a date in words goes through domain::dates::day (or long), never as it stands:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_a_raw_date_and_passes_a_styled_one() {
    assert_eq!(raw_dates(r#""Saved: {} marked {} on {on}.", n, what"#), ["{on}"]);
    assert_eq!(raw_dates(r#""due {}", c.due_on"#), ["c.due_on"]);
    assert_eq!(raw_dates(r#""follow-up on {}", day(follow_up)"#), Vec::<String>::new());
    assert_eq!(raw_dates(r#""{n} {}", thing"#), Vec::<String>::new());
    assert_eq!(raw_dates(r#""told on {on}.", on = day(on)"#), Vec::<String>::new());
}
