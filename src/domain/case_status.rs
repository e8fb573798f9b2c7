//! A case's status whichever machine it runs on: `case_file.status` holds an
//! OOCD status for an out-of-court disposal and an RJ status for a
//! restorative referral, and some words ("closed", "withdrawn") are in both,
//! so the service decides how the text is read.

use super::status::{OocdStatus, RjStatus};
use super::types::Service;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseStatus {
    Oocd(OocdStatus),
    Rj(RjStatus),
}

impl CaseStatus {
    /// The status of a case of `service` stored as `text`; `None` when that
    /// service's machine has no such status.
    pub fn parse(service: Service, text: &str) -> Option<Self> {
        match service {
            Service::Oocd => OocdStatus::parse(text).map(CaseStatus::Oocd),
            Service::RestorativeJustice | Service::Mediation => RjStatus::parse(text).map(CaseStatus::Rj),
        }
    }

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Oocd(s) => s.as_str(),
            CaseStatus::Rj(s) => s.as_str(),
        }
    }

    /// The words shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Oocd(s) => s.label(),
            CaseStatus::Rj(s) => s.label(),
        }
    }

    /// Closed or withdrawn: nothing leaves these, and nothing more is added to the case.
    pub fn is_terminal(self) -> bool {
        match self {
            CaseStatus::Oocd(s) => s.is_terminal(),
            CaseStatus::Rj(s) => s.is_terminal(),
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, CaseStatus::Oocd(OocdStatus::Closed) | CaseStatus::Rj(RjStatus::Closed))
    }

    /// The RJ status, for the screens that only work restorative referrals.
    pub fn rj(self) -> Option<RjStatus> {
        match self {
            CaseStatus::Rj(s) => Some(s),
            CaseStatus::Oocd(_) => None,
        }
    }

    /// The OOCD status, for the moves only a disposal has.
    pub fn oocd(self) -> Option<OocdStatus> {
        match self {
            CaseStatus::Oocd(s) => Some(s),
            CaseStatus::Rj(_) => None,
        }
    }
}

impl std::fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl serde::Serialize for CaseStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_decides_which_machine_reads_the_text() {
        assert_eq!(CaseStatus::parse(Service::Oocd, "closed"), Some(CaseStatus::Oocd(OocdStatus::Closed)));
        assert_eq!(CaseStatus::parse(Service::Mediation, "closed"), Some(CaseStatus::Rj(RjStatus::Closed)));
        assert_eq!(CaseStatus::parse(Service::Oocd, "sense_check"), None);
        assert_eq!(
            CaseStatus::parse(Service::RestorativeJustice, "sense_check").map(CaseStatus::label),
            Some("Sense check")
        );
    }
}
