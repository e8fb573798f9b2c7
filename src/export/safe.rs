//! Making user-supplied text inert wherever it is shown or exported.

/// Remove control characters (ESC, BEL, C1 controls ...) so text typed into
/// a field can never drive the terminal that later displays it.
pub fn inert(text: &str) -> String {
    text.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect()
}

/// A spreadsheet cell that cannot be read as a formula: text starting with
/// `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe
/// (OWASP CSV injection guidance).
pub fn spreadsheet_cell(text: &str) -> String {
    let clean = inert(text);
    let risky = |t: &str| matches!(t.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    // Check the cleaned text too: removing a control character can expose a formula.
    if risky(text) || risky(&clean) {
        format!("'{clean}")
    } else {
        clean
    }
}

/// Text for a Markdown table cell: inert, with the column separator escaped.
pub fn markdown_cell(text: &str) -> String {
    inert(text).replace('|', "\\|")
}

/// Every string in a JSON value made inert, so a decoded export carries no
/// control characters either.
pub fn inert_json(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(inert(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(inert_json).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (inert(&k), inert_json(v))).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_are_removed() {
        assert_eq!(inert("a\u{1b}[2Jb\u{7}c"), "a[2Jbc");
        assert_eq!(inert("line\nbreak"), "line break");
    }

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_cell(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(spreadsheet_cell("RJ-2026-0001"), "RJ-2026-0001");
        assert_eq!(spreadsheet_cell("\u{7}=1+1"), "'=1+1");
    }

    #[test]
    fn markdown_pipes_are_escaped() {
        assert_eq!(markdown_cell("a|b"), "a\\|b");
    }
}
