//! The directory: the people and places of the work. Which kinds it holds,
//! when two names are the same entry, when a coordinator has more open cases
//! than they agreed to take, and when a facilitator's vetting needs renewing.

use chrono::NaiveDate;

use super::rules::Rules;

/// A kind of entry in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DirectoryKind {
    #[default]
    Coordinator,
    Facilitator,
    Provider,
    Venue,
    Agency,
}

impl DirectoryKind {
    pub const ALL: [DirectoryKind; 5] = [
        DirectoryKind::Coordinator,
        DirectoryKind::Facilitator,
        DirectoryKind::Provider,
        DirectoryKind::Venue,
        DirectoryKind::Agency,
    ];

    /// The word typed after `--kind` and read in a file's Kind column.
    pub fn as_str(self) -> &'static str {
        match self {
            DirectoryKind::Coordinator => "coordinator",
            DirectoryKind::Facilitator => "facilitator",
            DirectoryKind::Provider => "provider",
            DirectoryKind::Venue => "venue",
            DirectoryKind::Agency => "agency",
        }
    }

    /// Reads a kind from its word or its label ("Partner agency"), in any case.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(text) || k.label().eq_ignore_ascii_case(text))
    }

    pub fn label(self) -> &'static str {
        match self {
            DirectoryKind::Coordinator => "Coordinator",
            DirectoryKind::Facilitator => "Facilitator",
            DirectoryKind::Provider => "Provider",
            DirectoryKind::Venue => "Venue",
            DirectoryKind::Agency => "Partner agency",
        }
    }

    /// The same, inside a sentence ("a partner agency named …").
    pub fn noun(self) -> &'static str {
        match self {
            DirectoryKind::Agency => "partner agency",
            other => other.as_str(),
        }
    }
}

crate::text_enum! {
    /// What a facilitator is trained to facilitate.
    pub enum Training {
        Conference => ("conference", "RJ conference"),
        Mediation => ("mediation", "Mediation"),
        Shuttle => ("shuttle", "Shuttle"),
    }
}

crate::text_enum! {
    /// Which kind of partner agency an entry is.
    pub enum AgencyKind {
        VictimSupport => ("victim_support", "Victim Support"),
        Probation => ("probation", "Probation / offender management"),
        Yot => ("yot", "Youth offending team"),
        Housing => ("housing", "Housing"),
        School => ("school", "School"),
        Other => ("other", "Other agency"),
    }
}

impl AgencyKind {
    /// Reads a kind of agency from its label or a short word for it
    /// ("victim support", "YOT", "probation"), in any case.
    pub fn from_words(text: &str) -> Option<Self> {
        let key = super::spelling::fold(text).replace([' ', '_', '-', '/'], "");
        Self::ALL.iter().copied().find(|k| {
            let label = super::spelling::fold(k.label()).replace([' ', '_', '-', '/'], "");
            key == k.as_str().replace('_', "") || key == label || label.starts_with(&key) && key.len() >= 4
        })
    }
}

/// The rule holding how many days ahead a facilitator's vetting running out
/// is shown on Today: a local figure, changed like the other timers.
pub const VETTING_WARNING_RULE: &str = "VETTING_WARNING_DAYS";

/// How many days ahead a vetting running out is shown on this desk.
fn vetting_warning_days(rules: &Rules) -> i64 {
    i64::from(rules.days_or(VETTING_WARNING_RULE, 30))
}

/// A facilitator's vetting needs renewing when it has run out or runs out
/// within the rule's days of `today`.
pub fn vetting_due(expires: NaiveDate, today: NaiveDate, rules: &Rules) -> bool {
    (expires - today).num_days() <= vetting_warning_days(rules)
}

/// The last expiry date that is still shown on `today`'s list.
pub fn vetting_horizon(today: NaiveDate, rules: &Rules) -> NaiveDate {
    today + chrono::Duration::days(vetting_warning_days(rules))
}

/// A cost in pence read from what a person types: "£120", "120.50", "85".
pub fn parse_cost(text: &str) -> Option<u32> {
    let t = text.trim().trim_start_matches('£').replace(',', "");
    let (pounds, pence) = match t.split_once('.') {
        Some((p, d)) if d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()) => (p.to_string(), format!("{d:0<2}")),
        Some(_) => return None,
        None => (t.clone(), "00".to_string()),
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    pounds.parse::<u32>().ok()?.checked_mul(100)?.checked_add(pence.parse().ok()?)
}

/// A cost in pence as a person reads it: "£120.00".
pub fn cost_words(pence: u32) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
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
        assert_eq!(DirectoryKind::parse("Partner agency"), Some(DirectoryKind::Agency));
        assert_eq!(DirectoryKind::parse("room"), None);
    }

    #[test]
    fn vetting_is_due_from_thirty_days_before_it_runs_out() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rules = Rules::defaults();
        assert!(vetting_due(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(), today, &rules));
        assert!(!vetting_due(NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(), today, &rules));
        assert!(vetting_due(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), today, &rules), "run out already");
        assert_eq!(vetting_horizon(today, &rules), NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
    }

    #[test]
    fn the_vetting_window_is_the_rule_s_value() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut rule = Rules::defaults().get(VETTING_WARNING_RULE).cloned().expect("a seeded rule");
        rule.value = 60.0;
        let rules = Rules::new([rule]);
        assert!(vetting_due(NaiveDate::from_ymd_opt(2027, 1, 19).unwrap(), today, &rules));
        assert_eq!(vetting_horizon(today, &rules), NaiveDate::from_ymd_opt(2027, 1, 19).unwrap());
    }

    #[test]
    fn costs_read_as_typed_and_print_in_pounds() {
        assert_eq!(parse_cost("£120"), Some(12000));
        assert_eq!(parse_cost("85.5"), Some(8550));
        assert_eq!(parse_cost("1,250.99"), Some(125099));
        assert_eq!(parse_cost("ten"), None);
        assert_eq!(parse_cost("1.234"), None);
        assert_eq!(cost_words(8550), "£85.50");
    }

    #[test]
    fn agencies_read_from_their_usual_words() {
        assert_eq!(AgencyKind::from_words("Victim Support"), Some(AgencyKind::VictimSupport));
        assert_eq!(AgencyKind::from_words("yot"), Some(AgencyKind::Yot));
        assert_eq!(AgencyKind::from_words("probation"), Some(AgencyKind::Probation));
        assert_eq!(AgencyKind::from_words("bank"), None);
    }
}
