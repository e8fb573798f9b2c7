//! A letter's Markdown as a Word document (.docx): a zip of WordprocessingML
//! parts, with a styles part (so headings are Word's own Heading 1 and 2,
//! and show in the navigation pane), conditions as tables, and page numbers
//! in the footer. Several letters make one document for printing, each in
//! its own section, starting on a new page at page 1. The document
//! properties carry no personal data.

mod blocks;
mod logo;
mod parts;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub use blocks::xml_escape;
use logo::Logos;

use crate::store::views::profile::Logo;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Build the .docx bytes for a letter, headed by its service's logo if it
/// has one. `title` is the template's title, the only document property
/// set: no names, no author, no reference.
pub fn docx_from_markdown(markdown: &str, title: &str, logo: Option<&Logo>) -> anyhow::Result<Vec<u8>> {
    docx_from_letters(&[(markdown, logo)], title)
}

/// One document holding each letter in turn (with its logo), each from a
/// new page with its own page numbers: the batch's copy for printing.
pub fn docx_from_letters(letters: &[(&str, Option<&Logo>)], title: &str) -> anyhow::Result<Vec<u8>> {
    let logos = Logos::of(letters);
    let types = parts::CONTENT_TYPES.replacen("<Default ", &format!("{}<Default ", logos.content_types()), 1);
    let rels = parts::DOCUMENT_RELS.replace("</Relationships>", &format!("{}</Relationships>", logos.relationships()));
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", types),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        ("word/document.xml", document_of(letters, &logos)),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", parts::STYLES.to_string()),
        ("word/footer1.xml", parts::FOOTER.to_string()),
        ("docProps/core.xml", parts::core_xml(title)),
        ("docProps/app.xml", parts::APP_PROPS.to_string()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(name, options)?;
        zip.write_all(body.as_bytes())?;
    }
    // Images are compressed already.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in logos.media() {
        zip.start_file(name, stored)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// word/document.xml for one letter.
pub fn document_xml(markdown: &str) -> String {
    let letters = [(markdown, None)];
    document_of(&letters, &Logos::of(&letters))
}

/// Each letter's logo and body then its section properties: the last
/// section's in the body, the others' in the paragraph that ends them.
fn document_of(letters: &[(&str, Option<&Logo>)], logos: &Logos<'_>) -> String {
    let mut body = String::new();
    for (i, (markdown, _)) in letters.iter().enumerate() {
        body.push_str(&logos.paragraph(i));
        body.push_str(&blocks::body_xml(markdown));
        if i + 1 < letters.len() {
            body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", parts::SECTION));
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="{WP_NS}"><w:body>{body}{}</w:body></w:document>"#,
        parts::SECTION
    )
}
