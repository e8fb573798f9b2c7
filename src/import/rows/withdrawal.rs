//! Who withdrew a case and why, as the desk's withdraw form records them
//! (issue 13 §2): a withdrawn case must say both; a case closed because the
//! harmed party declined, could not be reached or was not suitable may say
//! them too (the desk ends those as closed); no other case has them.

use super::{ImportRow, RowReader};
use crate::domain::closure::{WithdrawalReason, WithdrawnBy};
use crate::import::mapping::Field;
use crate::import::values::{self, options};
use crate::store::limits::TextKind;

/// A withdrawal as the tracker gives it.
#[derive(Debug, Clone)]
pub struct ImportWithdrawal {
    pub by: WithdrawnBy,
    pub reason: WithdrawalReason,
    pub note: Option<String>,
}

pub(super) fn read_withdrawal(r: &mut RowReader<'_>, row: &ImportRow) -> Option<ImportWithdrawal> {
    let by = r.choice(Field::WithdrawnBy, values::withdrawn_by, |t| {
        format!("unknown \"{t}\": use one of {}", options(WithdrawnBy::ALL, WithdrawnBy::label))
    });
    let reason = r.choice(Field::WithdrawalReason, values::withdrawal_reason, |t| {
        format!("unknown reason \"{t}\": use one of {}", options(WithdrawalReason::ALL, WithdrawalReason::label))
    });
    let note = r.limited_text(Field::WithdrawalNote, "withdrawal note", TextKind::Long);
    let given =
        [Field::WithdrawnBy, Field::WithdrawalReason, Field::WithdrawalNote].into_iter().find(|f| r.present(*f));
    match row.status.as_deref() {
        Some("withdrawn") => {
            require(
                r,
                by.is_some() || r.present(Field::WithdrawnBy),
                reason.is_some() || r.present(Field::WithdrawalReason),
                "a withdrawn case",
            );
            if let Some(reason) = reason.filter(|r| r.closes_case()) {
                r.fail(
                    Field::WithdrawalReason,
                    format!("\"{}\" ends a case as closed, not withdrawn: give the status Closed", reason.label()),
                );
            }
        }
        Some("closed") if given.is_some() => {
            require(
                r,
                by.is_some() || r.present(Field::WithdrawnBy),
                reason.is_some() || r.present(Field::WithdrawalReason),
                "a case closed as withdrawn",
            );
            if let Some(reason) = reason.filter(|r| !r.closes_case()) {
                r.fail(
                    Field::WithdrawalReason,
                    format!("a case withdrawn for \"{}\" stays withdrawn: give the status Withdrawn", reason.label()),
                );
            }
        }
        _ => {
            if let Some(field) = given {
                r.fail(field, "only a withdrawn case (or one closed as withdrawn) says who withdrew it and why");
            }
            return None;
        }
    }
    Some(ImportWithdrawal { by: by?, reason: reason?, note })
}

/// Both who withdrew and why, as the withdraw form asks.
fn require(r: &mut RowReader<'_>, has_by: bool, has_reason: bool, what: &str) {
    if !has_by {
        let why = format!(
            "{what} needs who withdrew it ({}), as the desk's withdraw form asks",
            options(WithdrawnBy::ALL, WithdrawnBy::label)
        );
        r.missing(Field::WithdrawnBy, &why);
    }
    if !has_reason {
        let why = format!(
            "{what} needs why it was withdrawn ({}), as the desk's withdraw form asks",
            options(WithdrawalReason::ALL, WithdrawalReason::label)
        );
        r.missing(Field::WithdrawalReason, &why);
    }
}
