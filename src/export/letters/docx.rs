//! A letter's Markdown as a Word document (.docx): a zip of WordprocessingML
//! parts. Each Markdown line is one paragraph; `#` lines are headings (bold,
//! larger); `- ` lines are bullets ("• "); `**bold**` is a bold run; a
//! backslash escape gives its character literally. Every piece of text is
//! XML-escaped, and the document properties carry no personal data.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// The document part has no relationships of its own (no images, no
/// styles part); the empty list keeps strict readers content.
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

const APP_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>casedesk</Application></Properties>"#;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Body text 11 pt, headings 16 / 14 / 12 pt (sizes are in half-points).
const BODY_SIZE: u32 = 22;
const HEADING_SIZES: [u32; 3] = [32, 28, 24];

/// A4 with 2.54 cm margins (twentieths of a point): UK letter paper.
const SECTION: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>"#;

/// Build the .docx bytes for a letter. `title` is the template's title,
/// the only document property set: no names, no author, no reference.
pub fn docx_from_markdown(markdown: &str, title: &str) -> anyhow::Result<Vec<u8>> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("word/document.xml", document_xml(markdown)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("docProps/core.xml", core_xml(title)),
        ("docProps/app.xml", APP_PROPS.to_string()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(name, options)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title></cp:coreProperties>"#,
        xml_escape(title)
    )
}

/// word/document.xml: one paragraph per Markdown line.
pub fn document_xml(markdown: &str) -> String {
    let mut body = String::new();
    for line in markdown.lines() {
        body.push_str(&paragraph(line));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}"><w:body>{body}{SECTION}</w:body></w:document>"#
    )
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
            let size = HEADING_SIZES[(level - 1).min(HEADING_SIZES.len() - 1)];
            let runs: String = inline_runs(text).into_iter().map(|(t, _)| run(&t, true, size)).collect();
            format!(r#"<w:p><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr>{runs}</w:p>"#)
        }
        Block::Bullet(text) => {
            let mut runs = run("• ", false, BODY_SIZE);
            runs.extend(inline_runs(text).into_iter().map(|(t, bold)| run(&t, bold, BODY_SIZE)));
            format!(r#"<w:p><w:pPr><w:spacing w:after="60"/><w:ind w:left="567" w:hanging="283"/></w:pPr>{runs}</w:p>"#)
        }
        Block::Text(text) => {
            let runs: String = inline_runs(text).into_iter().map(|(t, bold)| run(&t, bold, BODY_SIZE)).collect();
            format!(r#"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{runs}</w:p>"#)
        }
    }
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
        r#"<w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>{bold}<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
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
    fn xml_markup_is_escaped() {
        assert_eq!(xml_escape("<b>&\"'\u{1}"), "&lt;b&gt;&amp;&quot;&apos;");
    }
}
