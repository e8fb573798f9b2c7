use super::*;

#[test]
fn every_template_is_named_once_and_has_its_field_comment() {
    let mut names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), TEMPLATES.len());
    for t in TEMPLATES {
        assert!(t.builtin.starts_with("{#"), "{} starts with its header comment", t.name);
        assert!(t.builtin.contains("Fields used:"), "{} lists its fields", t.name);
        assert!(t.builtin.contains(t.name), "{} names itself in its comment", t.name);
    }
}

#[test]
fn the_format_follows_the_extension() {
    assert_eq!(LetterFormat::from_path(Path::new("a/b.DOCX")).unwrap(), LetterFormat::Docx);
    assert_eq!(LetterFormat::from_path(Path::new("b.md")).unwrap(), LetterFormat::Md);
    let err = LetterFormat::from_path(Path::new("b.pdf")).unwrap_err().to_string();
    assert!(err.contains("must end in .docx or .md"), "{err}");
}

#[test]
fn file_names_carry_reference_template_and_date() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert_eq!(
        letter_file_name("RJ-2026-0042", "rj_invitation", day, LetterFormat::Docx),
        "RJ-2026-0042 - Invitation to take part in restorative justice - 2026-11-20.docx"
    );
    assert_eq!(letter_file_name("A/B", "x_y", day, LetterFormat::Md), "A_B - x y - 2026-11-20.md");
    // No template's code reaches a name a person reads.
    for t in TEMPLATES {
        assert!(!letter_file_name("X", t.name, day, LetterFormat::Md).contains('_'), "{}", t.name);
    }
}

#[test]
fn an_unknown_template_lists_the_known_ones() {
    let err = template_info("nope").unwrap_err().to_string();
    assert!(err.contains("acknowledgement") && err.contains("agreement_result"), "{err}");
}
