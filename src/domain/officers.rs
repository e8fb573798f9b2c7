//! An officer as a references-only document may name them (issue 15 §2):
//! by rank, role and collar number, never by name. "DC 7788 Tom Reid"
//! becomes "DC 7788"; "OOCD decision maker (Insp)" stays as it is; text
//! with nothing of a rank, a role or a number in it becomes "an officer".

/// Words of ranks and roles, compared without case or brackets.
const ROLE_WORDS: &[&str] = &[
    "pc",
    "dc",
    "ps",
    "ds",
    "sgt",
    "sergeant",
    "insp",
    "inspector",
    "di",
    "dci",
    "ci",
    "supt",
    "superintendent",
    "chief",
    "constable",
    "detective",
    "acting",
    "temporary",
    "custody",
    "officer",
    "in",
    "the",
    "of",
    "case",
    "oic",
    "oocd",
    "decision",
    "maker",
    "dm",
    "police",
    "staff",
    "team",
    "unit",
    "manager",
    "hub",
    "cps",
    "yot",
    "probation",
    "lead",
    "duty",
    "and",
    "&",
    "/",
    "-",
];

/// `text` with every word that is not a rank, a role or a number left out.
pub fn officer_reference(text: &str) -> String {
    let kept: Vec<&str> = text
        .split_whitespace()
        .filter(|word| {
            let bare: String =
                word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':')).to_lowercase();
            bare.chars().any(|c| c.is_ascii_digit()) || ROLE_WORDS.contains(&bare.as_str())
        })
        .collect();
    let meaningful =
        kept.iter().any(|w| !matches!(w.to_lowercase().as_str(), "in" | "the" | "of" | "and" | "&" | "/" | "-"));
    if meaningful {
        kept.join(" ")
    } else if text.trim().is_empty() {
        String::new()
    } else {
        "an officer".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::officer_reference;

    #[test]
    fn names_are_left_out_ranks_roles_and_numbers_kept() {
        assert_eq!(officer_reference("DC 7788 Tom Reid"), "DC 7788");
        assert_eq!(officer_reference("OOCD decision maker (Insp)"), "OOCD decision maker (Insp)");
        assert_eq!(officer_reference("Custody sergeant"), "Custody sergeant");
        assert_eq!(officer_reference("Officer in the case"), "Officer in the case");
        assert_eq!(officer_reference("DM Shah"), "DM");
        assert_eq!(officer_reference("Priya Shah"), "an officer");
        assert_eq!(officer_reference("Insp. Jane Doe, 4512"), "Insp. 4512");
        assert_eq!(officer_reference(""), "");
    }
}
