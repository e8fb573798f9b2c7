//! Configurable rule values (caps, time limits, timers) as read from the `rule`
//! table. DOMAIN.md marks many figures [P]/[U]: they are data, not code, and
//! each carries its source and confidence so the interface can say how sure it is.

use std::collections::HashMap;

/// How sure the source is of a figure (DOMAIN.md confidence markers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Verified,
    Partial,
    Unverified,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Verified => "verified",
            Confidence::Partial => "partial",
            Confidence::Unverified => "unverified",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "verified" => Some(Confidence::Verified),
            "partial" => Some(Confidence::Partial),
            "unverified" => Some(Confidence::Unverified),
            _ => None,
        }
    }
}

/// One row of the rule table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rule {
    pub id: String,
    pub value: f64,
    pub unit: String,
    pub source: String,
    pub confidence: Confidence,
}

/// The rule table in memory, keyed by rule id (e.g. `CC_ATTEND_MAX`).
#[derive(Debug, Clone, Default)]
pub struct Rules {
    by_id: HashMap<String, Rule>,
}

impl Rules {
    pub fn new(rules: impl IntoIterator<Item = Rule>) -> Self {
        Rules { by_id: rules.into_iter().map(|r| (r.id.clone(), r)).collect() }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id)
    }

    /// The value of a rule, or `default` when the table lacks it.
    pub fn value_or(&self, id: &str, default: f64) -> f64 {
        self.get(id).map_or(default, |r| r.value)
    }

    /// A whole-number rule (working days, weeks, years).
    pub fn days_or(&self, id: &str, default: u32) -> u32 {
        self.get(id).map_or(default, |r| r.value.max(0.0) as u32)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.by_id.values()
    }

    /// The seed values of DOMAIN.md, as shipped in the first migration.
    /// Tests and pure code use this; the application reads the table.
    pub fn defaults() -> Self {
        Rules::new(DEFAULT_RULES.iter().map(|(id, value, unit, source, conf)| Rule {
            id: (*id).to_string(),
            value: *value,
            unit: (*unit).to_string(),
            source: (*source).to_string(),
            confidence: *conf,
        }))
    }
}

use Confidence::{Partial as P, Unverified as U, Verified as V};

/// id, value, unit, source, confidence. The store seeds a new database's
/// `rule` table from this list; after that the table is the truth and the
/// user may change a value (DOMAIN.md: [P]/[U] figures are configurable).
pub const DEFAULT_RULES: &[(&str, f64, &str, &str, Confidence)] = &[
    ("CC_FIN_SUMMARY", 5000.0, "pence", "SI 2013/615", V),
    ("CC_FIN_EITHER", 10000.0, "pence", "SI 2013/615", V),
    ("CC_FIN_INDICTABLE", 15000.0, "pence", "SI 2013/615", V),
    ("CC_ATTEND_MAX", 20.0, "h", "CJA 2003 s.22(3B)", V),
    ("CC_TIME_NORMAL", 16.0, "weeks", "2013 Code (via Olliers)", P),
    ("CC_TIME_MAX", 20.0, "weeks", "2013 Code (via Olliers)", P),
    ("DC_UNPAID_MAX", 20.0, "h", "PCSC 2022 s.101", V),
    ("DC_ATTEND_MAX", 20.0, "h", "PCSC 2022 s.101 (text cut off)", U),
    ("COMC_UNPAID_MAX", 10.0, "h", "PCSC 2022 s.110", V),
    ("COMC_ATTEND_MAX", 10.0, "h", "PCSC 2022 s.110", P),
    ("PCSC_TIME_NORMAL", 16.0, "weeks", "by Code (not made)", U),
    ("YCC_FIN_1417_SUMMARY", 3000.0, "pence", "SI 2013/608", V),
    ("YCC_FIN_1417_EITHER", 5000.0, "pence", "SI 2013/608", V),
    ("YCC_FIN_1417_INDICTABLE", 7500.0, "pence", "SI 2013/608", V),
    ("YCC_FIN_1013_SUMMARY", 1500.0, "pence", "SI 2013/608", V),
    ("YCC_FIN_1013_EITHER", 2500.0, "pence", "SI 2013/608", V),
    ("YCC_FIN_1013_INDICTABLE", 3500.0, "pence", "SI 2013/608", V),
    ("YCC_UNPAID_MAX", 10.0, "h", "DPP YCC guidance 2010 annex A", U),
    ("YCC_ATTEND_MAX", 20.0, "h", "by analogy with CJA 2003 s.22(3B)", U),
    ("YCC_TIME_NORMAL", 16.0, "weeks", "2013 Youth Code s.9 (figure not seen)", U),
    ("CR_TIME_NORMAL", 12.0, "weeks", "local community resolution policy", U),
    ("VC_RJ_INFO_WD", 5.0, "wd", "Victims' Code 2020 para 3.6", V),
    ("VC_RJ_INFO_ENH_WD", 1.0, "wd", "Victims' Code 2020 para 3.6", V),
    ("VC_REFERRAL_WD", 2.0, "wd", "Victims' Code 2020 para 4.5", V),
    ("RETENTION_REVIEW_YEARS", 6.0, "years", "MoPI 2006 minimum six years", P),
    ("AT_RISK_WD", 5.0, "wd", "local default", U),
    ("SENSE_CHECK_WD", 2.0, "wd", "local default", U),
    ("FIRST_CONTACT_WD", 5.0, "wd", "local default", U),
    ("RISK_ASSESSMENT_WD", 10.0, "wd", "local default", U),
    ("TRANSFER_WD", 2.0, "wd", "local default", U),
    ("AGREEMENT_FOLLOWUP_WD", 5.0, "wd", "local default", U),
    ("HARMED_INFORMED_WD", 5.0, "wd", "local default", U),
    ("BREACH_CONFIRM_WD", 2.0, "wd", "local default", U),
    ("AWAITING_INFO_STALE_WD", 5.0, "wd", "local default", U),
    ("DUE_SOON_WD", 5.0, "wd", "local default", U),
    ("VETTING_WARNING_DAYS", 30.0, "days", "local default", U),
    ("BACKUP_KEEP", 7.0, "backups", "local default: daily backups kept", U),
    ("BACKUP_KEEP_WEEKLY", 4.0, "backups", "local default: weekly backups kept after the dailies", U),
];
