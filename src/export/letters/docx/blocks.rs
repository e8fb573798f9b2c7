//! A letter's Markdown lines as WordprocessingML: each line one paragraph;
//! `#` lines headings (Word's Heading 1 to 3); `- ` lines bullets ("• ");
//! `|` lines a table (the first row its header, the `|---|` row dropped);
//! `**bold**` a bold run; a backslash escape gives its character literally.
//! Every piece of text is XML-escaped.

use super::parts::TEXT_WIDTH;

/// Body text 11 pt, headings 16 / 14 / 12 pt (sizes are in half-points);
/// set on the runs too, so a reader that ignores styles still sees them.
const BODY_SIZE: u32 = 22;
const HEADING_SIZES: [u32; 3] = [32, 28, 24];

/// The paragraphs and tables of one letter.
pub fn body_xml(markdown: &str) -> String {
    let mut body = String::new();
    let mut table: Vec<&str> = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with('|') {
            table.push(line);
            continue;
        }
        if !table.is_empty() {
            body.push_str(&table_xml(&std::mem::take(&mut table)));
        }
        body.push_str(&paragraph(line));
    }
    if !table.is_empty() {
        body.push_str(&table_xml(&table));
    }
    body
}

/// What a Markdown line is.
#[derive(Debug, PartialEq, Eq)]
enum Block<'a> {
    Heading(usize, &'a str),
    Bullet(&'a str),
    Text(&'a str),
}

fn classify(line: &str) -> Block<'_> {
    let trimmed = line.trim_start();
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        return Block::Heading(hashes, trimmed[hashes..].trim());
    }
    if let Some(rest) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
        return Block::Bullet(rest);
    }
    Block::Text(line)
}

fn paragraph(line: &str) -> String {
    let line = strip_hard_break(line);
    match classify(line) {
        Block::Heading(level, text) => {
            let level = level.min(HEADING_SIZES.len());
            let size = HEADING_SIZES[level - 1];
            let runs: String = inline_runs(text).into_iter().map(|(t, _)| run(&t, true, size)).collect();
            format!(r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>{runs}</w:p>"#)
        }
        Block::Bullet(text) => {
            let mut runs = run("• ", false, BODY_SIZE);
            runs.extend(inline_runs(text).into_iter().map(|(t, bold)| run(&t, bold, BODY_SIZE)));
            format!(r#"<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>{runs}</w:p>"#)
        }
        Block::Text(text) => format!("<w:p>{}</w:p>", text_runs(text, false)),
    }
}

fn text_runs(text: &str, bold: bool) -> String {
    inline_runs(text).into_iter().map(|(t, b)| run(&t, b || bold, BODY_SIZE)).collect()
}

/// A Markdown table as a Word table across the text width: the header row
/// bold and repeated on a new page, the `---` row dropped.
fn table_xml(lines: &[&str]) -> String {
    let rows: Vec<Vec<String>> = lines.iter().filter(|l| !is_rule_row(l)).map(|l| cells(l)).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = TEXT_WIDTH / columns as u32;
    let grid: String = (0..columns).map(|_| format!(r#"<w:gridCol w:w="{width}"/>"#)).collect();
    let mut xml = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    for (i, row) in rows.iter().enumerate() {
        let header = if i == 0 { "<w:trPr><w:tblHeader/></w:trPr>" } else { "" };
        xml.push_str(&format!("<w:tr>{header}"));
        for c in 0..columns {
            let text = row.get(c).map_or("", String::as_str);
            xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{}</w:p></w:tc>"#,
                text_runs(text, i == 0)
            ));
        }
        xml.push_str("</w:tr>");
    }
    // A paragraph after a table keeps it apart from what follows.
    xml.push_str("</w:tbl><w:p/>");
    xml
}

/// `|---|:--:|`: the line under a Markdown table's header.
fn is_rule_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A table row's cells, split at unescaped `|`, each still in Markdown.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().strip_prefix('|').unwrap_or(line.trim());
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push(c);
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '|' => cells.push(std::mem::take(&mut current).trim().to_string()),
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        cells.push(current.trim().to_string());
    }
    cells
}

/// A trailing backslash is a Markdown hard line break; in Word the line is
/// its own paragraph already. An escaped backslash (`\\`) is kept.
fn strip_hard_break(line: &str) -> &str {
    let trailing = line.len() - line.trim_end_matches('\\').len();
    if trailing % 2 == 1 {
        &line[..line.len() - 1]
    } else {
        line
    }
}

fn run(text: &str, bold: bool, size: u32) -> String {
    let bold = if bold { "<w:b/>" } else { "" };
    format!(
        r#"<w:r><w:rPr>{bold}<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        xml_escape(text)
    )
}

/// Split a line into (text, bold) runs at unescaped `**`, resolving
/// backslash escapes to the characters they stand for.
fn inline_runs(line: &str) -> Vec<(String, bool)> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut bold = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(next) if next.is_ascii_punctuation() => {
                    current.push(*next);
                    chars.next();
                }
                _ => current.push('\\'),
            },
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if !current.is_empty() {
                    runs.push((std::mem::take(&mut current), bold));
                }
                bold = !bold;
            }
            other => current.push(other),
        }
    }
    if !current.is_empty() {
        runs.push((current, bold));
    }
    runs
}

/// Text as XML character data: the five markup characters escaped and
/// characters XML 1.0 forbids dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified_as_headings_bullets_or_text() {
        assert_eq!(classify("# Title"), Block::Heading(1, "Title"));
        assert_eq!(classify("## Sub"), Block::Heading(2, "Sub"));
        assert_eq!(classify("- item"), Block::Bullet("item"));
        assert_eq!(classify("#hashtag"), Block::Text("#hashtag"));
        assert_eq!(classify("\\# escaped"), Block::Text("\\# escaped"));
    }

    #[test]
    fn bold_runs_and_escapes_resolve() {
        assert_eq!(
            inline_runs("a **b** \\*\\*c\\*\\* \\<d\\>"),
            vec![("a ".to_string(), false), ("b".to_string(), true), (" **c** <d>".to_string(), false)]
        );
    }

    #[test]
    fn hard_breaks_are_stripped_but_escaped_backslashes_kept() {
        assert_eq!(strip_hard_break("name\\"), "name");
        assert_eq!(strip_hard_break("path\\\\"), "path\\\\");
        assert_eq!(strip_hard_break("plain"), "plain");
    }

    #[test]
    fn a_table_keeps_escaped_bars_in_its_cells_and_drops_the_rule_row() {
        assert_eq!(cells("| a | b \\| c | d |"), vec!["a", "b \\| c", "d"]);
        assert!(is_rule_row("|---|:--:|"));
        assert!(!is_rule_row("| - | x |"));
        let xml = table_xml(&["| Condition 1 | Unpaid work |", "|---|---|", "| Due by | 1 December 2026 |"]);
        assert_eq!(xml.matches("<w:tr>").count(), 2, "{xml}");
        assert_eq!(xml.matches("<w:tc>").count(), 4, "{xml}");
        assert!(xml.contains("<w:tblHeader/>"), "{xml}");
    }

    #[test]
    fn xml_markup_is_escaped() {
        assert_eq!(xml_escape("<b>&\"'\u{1}"), "&lt;b&gt;&amp;&quot;&apos;");
    }
}
