//! Making user-supplied text inert wherever it is shown or exported.

/// Remove control characters (ESC, BEL, C1 controls ...) so text typed into
/// a field can never drive the terminal that later displays it, and the
/// invisible format characters that could reorder or split the line it is
/// shown on (bidirectional overrides and isolates, line and paragraph
/// separators). Line breaks and tabs become spaces.
pub fn inert(text: &str) -> String {
    // Nearly all text is printable ASCII, which has nothing to remove: it is
    // copied whole, not character by character (a busy diary week shows
    // hundreds of names on every keypress).
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.to_owned();
    }
    text.chars().filter_map(inert_char).collect()
}

/// One character as `inert` leaves it: a space for a line break or tab,
/// nothing for a control or format character, else itself.
pub fn inert_char(c: char) -> Option<char> {
    match c {
        '\n' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
        c if c.is_control() || is_format(c) => None,
        c => Some(c),
    }
}

/// Unicode general category Cf (format): invisible characters that steer
/// how text around them is shown. Among them U+202A–202E and U+2066–2069
/// make "gnp.exe" of "exe.png" and move text across columns, and U+200B–200F
/// hide or join what is typed. The list is the whole category as of
/// Unicode 16 (DerivedGeneralCategory.txt); ordinary letters and accents
/// are never in it. The zero-width joiner goes too, so a joined emoji shows
/// as its parts.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Whether `inert` would change the character.
pub fn is_live(c: char) -> bool {
    inert_char(c) != Some(c)
}

/// Text printed for a person to read: every line inert, the line breaks
/// between them kept. Everything the command line prints goes through it
/// (the `say!` and `tell!` macros).
pub fn printable(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(inert).collect();
    lines.join("\n")
}

/// Print a line on standard output, made inert.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::export::safe::printable(&format!($($arg)*)))
    };
}

/// Print a line on standard error, made inert.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::export::safe::printable(&format!($($arg)*)))
    };
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

/// Text as Markdown shows it literally: control characters removed, and
/// every character Markdown could read as formatting, a link, HTML or an
/// entity escaped with a backslash (`&` only where an entity could start). A value that begins a line cannot start
/// a heading, list or quote either.
pub fn escape_markdown(text: &str) -> String {
    let clean = inert(text);
    let mut out = String::with_capacity(clean.len() + 8);
    let chars: Vec<char> = clean.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let always = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!');
        // `&` starts an entity only when a name or number follows it.
        let entity = c == '&' && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        let at_start = i == 0 && matches!(c, '-' | '+' | '=');
        if always || entity || at_start {
            out.push('\\');
        }
        out.push(c);
    }
    escape_leading_number(out)
}

/// "12. High Street" at the start of a line would begin a numbered list.
fn escape_leading_number(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
        _ => text,
    }
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
    fn format_characters_that_reorder_or_split_a_line_are_removed() {
        let hostile = "a\u{202E}gnp.exe\u{2066}b\u{2069}\u{200B}c\u{2028}d\u{2029}e\u{FEFF}\u{E0041}";
        assert_eq!(inert(hostile), "agnp.exebc d e");
        assert_eq!(inert("Zoë Ó Briain, 李小龍, Ünal"), "Zoë Ó Briain, 李小龍, Ünal");
        assert_eq!(printable("one\u{1b}]52;c;eA==\u{7}\ntwo\r"), "one]52;c;eA==\ntwo");
    }

    #[test]
    fn control_sequences_are_removed() {
        assert_eq!(inert("a\u{1b}[2Jb\u{7}c"), "a[2Jbc");
        // Plain ASCII but for one control is not taken as plain.
        assert_eq!(inert("Ann\u{7f} Lee\u{0}"), "Ann Lee");
        assert_eq!(inert("Ann Lee ~ (lead)"), "Ann Lee ~ (lead)");
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
        assert_eq!(escape_markdown("a|b"), "a\\|b");
    }

    #[test]
    fn markdown_control_characters_are_escaped() {
        assert_eq!(escape_markdown("Ann **Lee** <b>&amp;"), "Ann \\*\\*Lee\\*\\* \\<b\\>\\&amp;");
        assert_eq!(escape_markdown("Justice & Mediation &#169;"), "Justice & Mediation \\&\\#169;");
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("- not a bullet"), "\\- not a bullet");
        assert_eq!(escape_markdown("12. High Street"), "12\\. High Street");
        assert_eq!(escape_markdown("OOCD-2026-0001"), "OOCD-2026-0001");
        assert_eq!(escape_markdown("line\u{1b}[2J\nbreak"), "line\\[2J break");
    }
}
