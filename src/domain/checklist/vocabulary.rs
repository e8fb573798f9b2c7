//! The checklist's words: its sections, the answers an item takes, risk
//! severities and ratings, and the decisions, each with its stored form.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which part of the checklist an item belongs to (DOMAIN.md §12.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistSection {
    /// Completeness of the referral; gates leaving `SENSE_CHECK`.
    SenseCheck,
    /// Threshold questions for any restorative process (§9.4, §9.5).
    Suitability,
    /// Risk areas, each present yes/no/unknown with a severity (§9.4: dynamic,
    /// revisited at every stage).
    Risk,
}

impl ChecklistSection {
    pub const ALL: [ChecklistSection; 3] =
        [ChecklistSection::SenseCheck, ChecklistSection::Suitability, ChecklistSection::Risk];

    pub fn as_str(self) -> &'static str {
        match self {
            ChecklistSection::SenseCheck => "sense_check",
            ChecklistSection::Suitability => "suitability",
            ChecklistSection::Risk => "risk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sense_check" => Some(ChecklistSection::SenseCheck),
            "suitability" => Some(ChecklistSection::Suitability),
            "risk" => Some(ChecklistSection::Risk),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChecklistSection::SenseCheck => "Sense-check",
            ChecklistSection::Suitability => "Suitability",
            ChecklistSection::Risk => "Risk assessment",
        }
    }
}

/// An answer to one item. Risk items use yes/no/unknown only; n/a on a risk
/// item is read as "no" (the area does not arise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "no")]
    No,
    #[serde(rename = "unknown")]
    Unknown,
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Yes, Answer::No, Answer::Unknown, Answer::NotApplicable];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
            Answer::NotApplicable => "n/a",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            "unknown" => Some(Answer::Unknown),
            "n/a" => Some(Answer::NotApplicable),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::Unknown => "Unknown",
            Answer::NotApplicable => "N/A",
        }
    }

    /// The next answer for a one-key UI toggle: yes → no → unknown → n/a → yes.
    pub fn next(self) -> Self {
        match self {
            Answer::Yes => Answer::No,
            Answer::No => Answer::Unknown,
            Answer::Unknown => Answer::NotApplicable,
            Answer::NotApplicable => Answer::Yes,
        }
    }

    /// Like [`Answer::next`], but skips n/a for risk items, which §12.4 records
    /// as yes/no/unknown only.
    pub fn next_for(self, section: ChecklistSection) -> Self {
        let n = self.next();
        if section == ChecklistSection::Risk && n == Answer::NotApplicable {
            n.next()
        } else {
            n
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Severity of a risk area that is present (§12.4 "severity").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskSeverity {
    Low,
    Medium,
    High,
}

impl RiskSeverity {
    pub const ALL: [RiskSeverity; 3] = [RiskSeverity::Low, RiskSeverity::Medium, RiskSeverity::High];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskSeverity::Low => "low",
            RiskSeverity::Medium => "medium",
            RiskSeverity::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(RiskSeverity::Low),
            "medium" => Some(RiskSeverity::Medium),
            "high" => Some(RiskSeverity::High),
            _ => None,
        }
    }

    /// Points used by [`overall_risk`]: low 1, medium 2, high 3.
    pub fn weight(self) -> u32 {
        match self {
            RiskSeverity::Low => 1,
            RiskSeverity::Medium => 2,
            RiskSeverity::High => 3,
        }
    }
}

impl fmt::Display for RiskSeverity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Overall risk rating (§12.4: `low|medium|high|unsafe`). Ordered, so
/// `Low < Medium < High < Unsafe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Unsafe,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::Unsafe];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Unsafe => "unsafe",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(RiskLevel::Low),
            "medium" => Some(RiskLevel::Medium),
            "high" => Some(RiskLevel::High),
            "unsafe" => Some(RiskLevel::Unsafe),
            _ => None,
        }
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of the suitability assessment (§12.4: RISK_ASSESSMENT →
/// NOT_SUITABLE | SUITABLE, or up to a manager).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Suitable,
    NotSuitable,
    ReferToManager,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Suitable, Decision::NotSuitable, Decision::ReferToManager];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Suitable => "suitable",
            Decision::NotSuitable => "not_suitable",
            Decision::ReferToManager => "refer_to_manager",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "suitable" => Some(Decision::Suitable),
            "not_suitable" => Some(Decision::NotSuitable),
            "refer_to_manager" => Some(Decision::ReferToManager),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Suitable => "Suitable",
            Decision::NotSuitable => "Not suitable",
            Decision::ReferToManager => "Refer to manager",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
