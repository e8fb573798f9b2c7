//! The desk's vocabularies as SQL values: each enum is stored as its snake
//! case text (`as_str`) and read back through `parse`, so a read model holds
//! the enum itself and no screen has to parse a column again.
//!
//! A stored value the enum does not know is an error naming that value,
//! never a quiet default: the schema's CHECK constraints keep such values
//! out, so meeting one means the file was altered outside the desk.

use crate::domain::types::AgreementStatus;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, Type, ValueRef};
use rusqlite::Row;

use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::case_status::CaseStatus;
use crate::domain::checklist::{Answer, ChecklistSection, Decision, RiskLevel, RiskSeverity};
use crate::domain::directory::AgencyKind;
use crate::domain::rules::Confidence;
use crate::domain::status::{BreachDecision, DisposalType, OffenceMode, OocdStatus, Regime, RjStatus};
use crate::domain::types::{
    AgreementItemKind, AgreementItemStatus, CjsStage, ComplianceEventType, ConditionStatus, ContactChannel,
    DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus, Service, Source,
};

/// A stored text the vocabulary does not hold.
#[derive(Debug)]
pub struct UnknownValue {
    vocabulary: &'static str,
    value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the stored value {:?} is not a known {}", self.value, self.vocabulary)
    }
}

impl std::error::Error for UnknownValue {}

/// Reads one text column through a vocabulary's `parse`.
fn parse_column<T>(value: ValueRef<'_>, vocabulary: &'static str, parse: fn(&str) -> Option<T>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    parse(text).ok_or_else(|| FromSqlError::Other(Box::new(UnknownValue { vocabulary, value: text.to_string() })))
}

macro_rules! sql_text {
    ($($name:ident => $vocabulary:literal),+ $(,)?) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                parse_column(value, $vocabulary, $name::parse)
            }
        }
    )+};
}

sql_text! {
    Service => "service",
    Source => "referral source",
    PartyRole => "role",
    DataSubjectCategory => "data-subject category",
    CjsStage => "justice stage",
    ConditionStatus => "condition status",
    ProcessKind => "process kind",
    ProcessStatus => "process status",
    AgreementItemKind => "agreement item kind",
    AgreementItemStatus => "agreement item status",
    AgreementStatus => "agreement status",
    ContactChannel => "contact channel",
    ComplianceEventType => "compliance event",
    OocdStatus => "case status",
    RjStatus => "referral status",
    DisposalType => "disposal type",
    Regime => "regime",
    OffenceMode => "mode of trial",
    BreachDecision => "breach decision",
    ConditionKind => "condition kind",
    ConditionObject => "condition object",
    Answer => "checklist answer",
    ChecklistSection => "checklist section",
    Decision => "suitability decision",
    RiskLevel => "risk level",
    RiskSeverity => "risk severity",
    Confidence => "confidence",
    AgencyKind => "kind of agency",
}

impl ToSql for CaseStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// A case's status read from the `status_column` of a row, through the machine
/// of the service in its `service_column`: the text alone cannot say which.
pub(crate) fn case_status(row: &Row<'_>, service_column: &str, status_column: &str) -> rusqlite::Result<CaseStatus> {
    let service: Service = row.get(service_column)?;
    let text: String = row.get(status_column)?;
    CaseStatus::parse(service, &text).ok_or_else(|| {
        let unknown = UnknownValue { vocabulary: "case status", value: text };
        let index = row.as_ref().column_index(status_column).unwrap_or(0);
        rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(unknown))
    })
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    #[test]
    fn every_value_is_stored_as_its_text_and_read_back() {
        let conn = Connection::open_in_memory().unwrap();
        for &status in ConditionStatus::ALL {
            let text: String = conn.query_row("SELECT ?1", [status], |r| r.get(0)).unwrap();
            assert_eq!(text, status.as_str());
            let back: ConditionStatus = conn.query_row("SELECT ?1", [text], |r| r.get(0)).unwrap();
            assert_eq!(back, status);
        }
    }

    #[test]
    fn an_unknown_stored_value_is_an_error_naming_it() {
        let conn = Connection::open_in_memory().unwrap();
        let err = conn.query_row("SELECT 'teleported'", [], |r| r.get::<_, Service>(0)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("\"teleported\"") && message.contains("service"), "{message}");
    }

    #[test]
    fn a_case_status_is_read_through_its_service() {
        let conn = Connection::open_in_memory().unwrap();
        let read = |sql: &str| conn.query_row(sql, [], |r| case_status(r, "service", "status"));
        assert_eq!(read("SELECT 'oocd' AS service, 'closed' AS status").unwrap(), CaseStatus::Oocd(OocdStatus::Closed));
        assert_eq!(
            read("SELECT 'mediation' AS service, 'paused' AS status").unwrap(),
            CaseStatus::Rj(RjStatus::Paused)
        );
        let message = read("SELECT 'oocd' AS service, 'paused' AS status").unwrap_err().to_string();
        assert!(message.contains("\"paused\""), "{message}");
    }

    #[test]
    fn a_missing_value_reads_as_none() {
        let conn = Connection::open_in_memory().unwrap();
        let none: Option<OffenceMode> = conn.query_row("SELECT NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(none, None);
    }
}
