//! The directory: who a case is handed to. Which kinds it holds, when two
//! names are the same entry, and when a coordinator has more open cases than
//! they agreed to take.

/// A kind of entry in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DirectoryKind {
    Coordinator,
    Provider,
}

impl DirectoryKind {
    pub const ALL: [DirectoryKind; 2] = [DirectoryKind::Coordinator, DirectoryKind::Provider];

    pub fn as_str(self) -> &'static str {
        match self {
            DirectoryKind::Coordinator => "coordinator",
            DirectoryKind::Provider => "provider",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            DirectoryKind::Coordinator => "Coordinator",
            DirectoryKind::Provider => "Provider",
        }
    }
}

/// Two names are one entry when they are spelt alike (`domain::spelling`):
/// "priya  shah " is Priya Shah, "Zoe Nowak" is Zoë Nowak.
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// The form of a name that `same_name` compares.
pub fn name_key(name: &str) -> String {
    super::spelling::fold(name).replace(' ', "")
}

/// A coordinator is over their maximum when they hold more open cases than
/// the most they agreed to; with no maximum recorded, never.
pub fn over_maximum(open_cases: u32, max_caseload: Option<u32>) -> bool {
    max_caseload.is_some_and(|max| open_cases > max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_their_case_and_spacing() {
        assert!(same_name("Priya Shah", " priya  SHAH "));
        assert!(same_name("Zoë Nowak", "Zoe Nowak"));
        assert!(!same_name("Priya Shah", "Priya Shaw"));
    }

    #[test]
    fn over_maximum_only_past_a_recorded_maximum() {
        assert!(!over_maximum(12, Some(12)));
        assert!(over_maximum(13, Some(12)));
        assert!(!over_maximum(500, None));
    }

    #[test]
    fn kinds_read_back_from_their_words() {
        for kind in DirectoryKind::ALL {
            assert_eq!(DirectoryKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(DirectoryKind::parse("venue"), None);
    }
}
