//! A letter's Markdown as a Word document (.docx): a zip of WordprocessingML
//! parts, with a styles part (so headings are Word's own Heading 1 and 2,
//! and show in the navigation pane), conditions as tables, and page numbers
//! in the footer. Several letters make one document for printing, each in
//! its own section, starting on a new page at page 1. The document
//! properties carry no personal data.

mod blocks;
mod parts;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub use blocks::xml_escape;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Build the .docx bytes for a letter. `title` is the template's title,
/// the only document property set: no names, no author, no reference.
pub fn docx_from_markdown(markdown: &str, title: &str) -> anyhow::Result<Vec<u8>> {
    docx_from_letters(&[markdown], title)
}

/// One document holding each letter in turn, each from a new page with its
/// own page numbers: the batch's copy for printing.
pub fn docx_from_letters(letters: &[&str], title: &str) -> anyhow::Result<Vec<u8>> {
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_string()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        ("word/document.xml", document_of(letters)),
        ("word/_rels/document.xml.rels", parts::DOCUMENT_RELS.to_string()),
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
    Ok(zip.finish()?.into_inner())
}

/// word/document.xml for one letter.
pub fn document_xml(markdown: &str) -> String {
    document_of(&[markdown])
}

/// Each letter's body then its section properties: the last section's in
/// the body, the others' in the paragraph that ends them.
fn document_of(letters: &[&str]) -> String {
    let mut body = String::new();
    for (i, markdown) in letters.iter().enumerate() {
        body.push_str(&blocks::body_xml(markdown));
        if i + 1 < letters.len() {
            body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", parts::SECTION));
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{}</w:body></w:document>"#,
        parts::SECTION
    )
}
