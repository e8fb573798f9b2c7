//! The .docx as Word reads it, owner-only files, and inserted markup
//! escaped in both formats.

use casedesk::export::letters::{write_letter, LetterFormat};

use super::{docx_paragraphs, docx_part, fixture, spec, Fixture};

#[test]
fn the_docx_unzips_and_its_document_names_the_case_and_recipient() {
    let Fixture { mut store, case_id, reference, config, dir } = fixture("Robin", "Fixture");
    let path = dir.path().join("reminder.docx");
    let written = write_letter(
        &mut store,
        &spec(case_id, "reminder_condition_due", Some(config.path())),
        LetterFormat::Docx,
        &path,
    )
    .unwrap();
    assert_eq!(written.recipient, "Robin Fixture (Responsible)");
    for part in ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "docProps/app.xml"] {
        roxmltree::Document::parse(&docx_part(&path, part)).unwrap_or_else(|e| panic!("{part}: {e}"));
    }
    let types = docx_part(&path, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"), "{types}");
    let paragraphs = docx_paragraphs(&docx_part(&path, "word/document.xml"));
    let texts: Vec<&str> = paragraphs.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains(&reference)), "{texts:#?}");
    assert!(texts.contains(&"Robin Fixture"), "the recipient's own line: {texts:#?}");
    assert!(texts.contains(&"12 Mill Lane, Kelvington KV1 2AB"), "{texts:#?}");
    // Headings are bold; the condition is a table; no Markdown is left.
    let heading = paragraphs.iter().find(|(t, _)| t == "Reminder: a condition is due").expect("the heading");
    assert_eq!(heading.1, heading.0, "the heading is bold");
    assert!(texts.contains(&"Condition 1") && texts.contains(&"Letter of apology"), "{texts:#?}");
    let due = paragraphs.iter().find(|(t, _)| t.contains("must be completed by")).unwrap();
    assert_eq!(due.1, "1 December 2026", "the **due date** is the bold run");
    assert!(
        texts.iter().all(|t| !t.contains("**") && !t.starts_with('#') && !t.starts_with('|') && !t.ends_with('\\')),
        "{texts:#?}"
    );
    // The document properties carry no personal data.
    let core = docx_part(&path, "docProps/core.xml");
    roxmltree::Document::parse(&core).unwrap();
    for personal in ["Robin", "Fixture", "Mill Lane", &reference, store.user()] {
        assert!(!core.contains(personal), "{personal:?} in core.xml: {core}");
    }
    assert!(core.contains("<dc:title>Reminder of a condition due</dc:title>"), "{core}");
}

#[cfg(unix)]
#[test]
fn a_letter_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let Fixture { mut store, case_id, config, dir, .. } = fixture("Robin", "Fixture");
    let path = dir.path().join("letter.md");
    write_letter(&mut store, &spec(case_id, "acknowledgement", Some(config.path())), LetterFormat::Md, &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn inserted_markup_is_escaped_in_markdown_and_in_word() {
    let Fixture { mut store, case_id, config, dir, .. } = fixture("Ann <b>&copy;", "**Lee**");
    let md_path = dir.path().join("r.md");
    let docx_path = dir.path().join("r.docx");
    let s = spec(case_id, "reminder_condition_due", Some(config.path()));
    write_letter(&mut store, &s, LetterFormat::Md, &md_path).unwrap();
    write_letter(&mut store, &s, LetterFormat::Docx, &docx_path).unwrap();

    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.contains("Dear Ann \\<b\\>\\&copy; \\*\\*Lee\\*\\*,"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("**Lee**") && !md.contains(" &copy;"), "no live markup: {md}");

    let xml = docx_part(&docx_path, "word/document.xml");
    assert!(xml.contains("Ann &lt;b&gt;&amp;copy; **Lee**"), "XML-escaped in the raw part");
    assert!(!xml.contains("<b>"), "no raw markup in the XML");
    let paragraphs = docx_paragraphs(&xml);
    let dear = paragraphs.iter().find(|(t, _)| t.starts_with("Dear ")).expect("the greeting");
    assert_eq!(dear.0, "Dear Ann <b>&copy; **Lee**,", "read back as typed");
    assert_eq!(dear.1, "", "the inserted ** does not make anything bold");
}

#[test]
fn the_docx_has_word_headings_a_conditions_table_page_numbers_and_the_address_block() {
    let Fixture { mut store, case_id, config, dir, .. } = fixture("Robin", "Fixture");
    let path = dir.path().join("reminder.docx");
    let s = spec(case_id, "reminder_condition_due", Some(config.path()));
    write_letter(&mut store, &s, LetterFormat::Docx, &path).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let xml = docx_part(&path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let style_of = |text: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name((w, "p")))
            .find(|p| {
                p.descendants().filter(|t| t.has_tag_name((w, "t"))).map(|t| t.text().unwrap_or("")).collect::<String>()
                    == text
            })
            .and_then(|p| p.descendants().find(|n| n.has_tag_name((w, "pStyle"))))
            .and_then(|s| s.attribute((w, "val")))
            .map(str::to_string)
    };
    assert_eq!(style_of("Kelvington Out-of-Court Disposals Unit").as_deref(), Some("Heading1"));
    assert_eq!(style_of("Reminder: a condition is due").as_deref(), Some("Heading2"));
    // The styles the paragraphs name are defined, as Word's own headings.
    let styles = docx_part(&path, "word/styles.xml");
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let defined: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((w, "style")))
        .filter_map(|n| n.attribute((w, "styleId")))
        .collect();
    for id in ["Heading1", "Heading2", "TableGrid", "Footer"] {
        assert!(defined.contains(&id), "{id} in {defined:?}");
    }
    // The condition is a table: its rows and cells as Word reads them.
    let table = doc.descendants().find(|n| n.has_tag_name((w, "tbl"))).expect("a table");
    let rows: Vec<Vec<String>> = table
        .children()
        .filter(|n| n.has_tag_name((w, "tr")))
        .map(|tr| {
            tr.children()
                .filter(|n| n.has_tag_name((w, "tc")))
                .map(|tc| {
                    tc.descendants().filter(|t| t.has_tag_name((w, "t"))).map(|t| t.text().unwrap_or("")).collect()
                })
                .collect()
        })
        .collect();
    assert_eq!(rows[0], vec!["Condition 1", "Letter of apology"]);
    assert!(rows.contains(&vec!["Due by".to_string(), "1 December 2026".to_string()]), "{rows:?}");
    // Page numbers: the section points at a footer holding a PAGE field.
    let rels = docx_part(&path, "word/_rels/document.xml.rels");
    assert!(rels.contains("Target=\"footer1.xml\""), "{rels}");
    assert!(xml.contains("<w:footerReference w:type=\"default\" r:id=\"rId2\"/>"), "{xml}");
    let footer = docx_part(&path, "word/footer1.xml");
    let footer = roxmltree::Document::parse(&footer).unwrap();
    let field = footer.descendants().find(|n| n.has_tag_name((w, "fldSimple"))).expect("a field");
    assert_eq!(field.attribute((w, "instr")).map(str::trim), Some("PAGE"));
    // The address block: the profile's address a line a piece, after the name.
    let paragraphs = docx_paragraphs(&xml);
    let texts: Vec<&str> = paragraphs.iter().map(|(t, _)| t.as_str()).collect();
    let at = texts.iter().position(|t| *t == "Kelvington Police Station").expect("the address block");
    assert_eq!(&texts[at..at + 3], &["Kelvington Police Station", "1 Station Road", "Kelvington KV1 1AA"]);
}

/// `soffice` on the PATH, if LibreOffice is installed.
fn soffice() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("soffice")).find(|p| p.is_file())
}

/// LibreOffice opens the letter and the copy for printing: each converts to
/// a PDF, and read back as text it holds the heading, the table's cells and
/// every letter. Skipped, saying so, only where LibreOffice is missing (CI
/// installs libreoffice-writer-nogui).
#[test]
fn libreoffice_converts_the_letters_to_pdf() {
    let Some(soffice) = soffice() else {
        eprintln!("skipped: soffice (LibreOffice) is not installed; install libreoffice-writer-nogui to run it");
        return;
    };
    let Fixture { mut store, case_id, config, dir, reference } = fixture("Robin", "Fixture");
    let letter = dir.path().join("reminder.docx");
    write_letter(
        &mut store,
        &spec(case_id, "reminder_condition_due", Some(config.path())),
        LetterFormat::Docx,
        &letter,
    )
    .unwrap();
    let convert = |file: &std::path::Path, to: &str| {
        let status = std::process::Command::new(&soffice)
            .arg(format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display()))
            .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
            .arg(dir.path())
            .arg(file)
            .output()
            .expect("soffice runs");
        assert!(status.status.success(), "soffice: {}", String::from_utf8_lossy(&status.stderr));
    };
    convert(&letter, "pdf");
    let pdf = std::fs::read(dir.path().join("reminder.pdf")).expect("a PDF beside the letter");
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 2_000, "a PDF of {} bytes", pdf.len());
    convert(&letter, "txt:Text");
    let text = std::fs::read_to_string(dir.path().join("reminder.txt")).unwrap();
    for expected in ["Reminder: a condition is due", "Letter of apology", "1 December 2026", reference.as_str()] {
        assert!(text.contains(expected), "{expected:?} as LibreOffice reads it:\n{text}");
    }
}
