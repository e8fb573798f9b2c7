//! The tracker's status, checked against the status machines: a status the
//! machine could never reach for the case's type is a row error.
use chrono::NaiveDate;

use super::{ImportRow, RowReader};
use crate::domain::status::{oocd_next, rj_next, DisposalType, OocdStatus, RjStatus};
use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::import::mapping::Field;
use crate::import::values::{self, options};
use crate::store::limits::TextKind;

pub(super) fn read_status(r: &mut RowReader<'_>, row: &mut ImportRow) {
    let received = row.case.received_on;
    row.status_changed = r.date(Field::StatusChanged);
    if let Some(on) = row.status_changed.filter(|d| *d < received) {
        r.fail(Field::StatusChanged, format!("the status changed on {on}, before the case was received ({received})"));
    }
    row.closed_on = r.date(Field::ClosedOn);
    row.closure_outcome = r.text(Field::ClosureOutcome);
    let status_text = r.text(Field::Status);
    let paused_text = r.text(Field::PausedFrom);
    let service = row.case.service;
    let (status, paused_from) = match (service, row.disposal) {
        (Service::Oocd, Some(d)) => (status_text.and_then(|t| oocd_status(r, d, &t, row.issued_on)), None),
        (Service::Oocd, None) => (None, None),
        _ => rj_status(r, status_text.as_deref(), paused_text.as_deref()),
    };
    if service == Service::Oocd && paused_text.is_some() {
        r.fail(Field::PausedFrom, "only a paused restorative justice or mediation referral has this");
    }
    let closed = status.as_deref() == Some("closed");
    if row.closure_outcome.is_some() && !closed {
        r.fail(Field::ClosureOutcome, "a closure outcome needs the status closed");
    }
    if let Some(on) = row.closed_on {
        if !closed {
            r.fail(Field::ClosedOn, "a closed-on date needs the status closed");
        } else if on < received {
            r.fail(Field::ClosedOn, format!("the case closed on {on}, before it was received ({received})"));
        }
    }
    row.status = status;
    row.paused_from = paused_from;
    row.withdrawal = super::withdrawal::read_withdrawal(r, row);
    row.coordinator = read_coordinator(r, service, row.status.as_deref(), row.paused_from.as_deref());
}

/// The coordinator's name. A referral transferred to a coordinator, or
/// further on (paused there included), must say whose it is, as the desk's
/// own transfer does; an out-of-court disposal has none.
fn read_coordinator(
    r: &mut RowReader<'_>,
    service: Service,
    status: Option<&str>,
    paused: Option<&str>,
) -> Option<String> {
    let name = r.limited_text(Field::Coordinator, "coordinator's name", TextKind::Name);
    if service == Service::Oocd {
        if name.is_some() {
            r.fail(Field::Coordinator, "only a restorative justice or mediation referral has a coordinator");
        }
        return None;
    }
    let live = match status.and_then(RjStatus::parse) {
        Some(RjStatus::Paused) => paused.and_then(RjStatus::parse),
        other => other,
    };
    if let Some(at) = live.filter(|s| s.is_with_coordinator()).filter(|_| name.is_none()) {
        let why = format!(
            "a referral at {} has been transferred, so it needs the coordinator's name as it is in the directory",
            at.label()
        );
        r.missing(Field::Coordinator, &why);
    }
    name
}

fn oocd_status(
    r: &mut RowReader<'_>,
    disposal: DisposalType,
    text: &str,
    row_issued: Option<NaiveDate>,
) -> Option<String> {
    let Some(status) = values::oocd_status(text) else {
        let choices = options(OocdStatus::ALL, OocdStatus::label);
        r.fail(
            Field::Status,
            format!("unknown status \"{}\" for an out-of-court disposal: use one of {choices}", inert(text)),
        );
        return None;
    };
    if !oocd_reachable(disposal, status) {
        r.fail(
            Field::Status,
            format!(
                "a {} can never be {} (its status machine has no way there)",
                disposal.label().to_lowercase(),
                status.label()
            ),
        );
        return None;
    }
    if row_issued.is_none() && !oocd_reachable_unissued(disposal, status) {
        r.fail(
            Field::Issued,
            format!(
                "missing required field: a case at {} has been issued, so it needs the date it was issued",
                status.label()
            ),
        );
    }
    Some(status.as_str().to_string())
}

/// Status and paused-from of a referral. A paused referral must say where it
/// paused, or it could never resume (`rj_transition` resumes only there).
fn rj_status(r: &mut RowReader<'_>, text: Option<&str>, paused: Option<&str>) -> (Option<String>, Option<String>) {
    let choices = || options(RjStatus::ALL, RjStatus::label);
    let status = text.and_then(|t| {
        let s = values::rj_status(t);
        if s.is_none() {
            r.fail(Field::Status, format!("unknown status \"{}\" for a referral: use one of {}", inert(t), choices()));
        }
        s
    });
    let paused_from = paused.and_then(|t| {
        let s = values::rj_status(t).filter(|s| s.is_active() && rj_reachable(*s));
        if s.is_none() {
            r.fail(Field::PausedFrom, format!("\"{}\" is not a status a referral can be paused from", inert(t)));
        }
        s
    });
    match (status, paused_from, paused.is_some()) {
        (Some(RjStatus::Paused), None, false) => {
            r.missing(Field::PausedFrom, "a paused referral needs the status it was paused from, to resume there");
            (None, None)
        }
        (Some(RjStatus::Paused), from, _) => (Some("paused".into()), from.map(|s| s.as_str().to_string())),
        (Some(_), _, true) | (None, _, true) => {
            r.fail(Field::PausedFrom, "only a paused referral has a paused-from status");
            (status.map(|s| s.as_str().to_string()), None)
        }
        (Some(s), _, false) => (Some(s.as_str().to_string()), None),
        (None, _, false) => (None, None),
    }
}

/// Whether walking the OOCD machine from draft can ever reach `target`.
pub fn oocd_reachable(disposal: DisposalType, target: OocdStatus) -> bool {
    oocd_walk(disposal, |_| true).contains(&target)
}

/// Whether `target` can be reached from draft without the case being
/// issued: only draft and withdrawn can, so any other status claims an
/// issue, and an issue has its date.
pub fn oocd_reachable_unissued(disposal: DisposalType, target: OocdStatus) -> bool {
    oocd_walk(disposal, |s| s != OocdStatus::Issued).contains(&target)
}

/// Every status reached from draft through the statuses `through` allows.
fn oocd_walk(disposal: DisposalType, through: impl Fn(OocdStatus) -> bool) -> Vec<OocdStatus> {
    let mut seen = vec![OocdStatus::Draft];
    let mut i = 0;
    while i < seen.len() {
        for next in oocd_next(disposal, seen[i]).into_iter().filter(|s| through(*s)) {
            if !seen.contains(&next) {
                seen.push(next);
            }
        }
        i += 1;
    }
    seen
}

/// Whether walking the referral machine from received can ever reach `target`.
pub fn rj_reachable(target: RjStatus) -> bool {
    let mut seen = vec![RjStatus::Received];
    let mut i = 0;
    while i < seen.len() {
        for next in rj_next(seen[i], None) {
            if !seen.contains(&next) {
                seen.push(next);
            }
        }
        i += 1;
    }
    seen.contains(&target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machines_reach_what_the_law_allows_and_no_more() {
        assert!(oocd_reachable(DisposalType::AdultConditionalCaution, OocdStatus::Prosecution));
        assert!(!oocd_reachable(DisposalType::CommunityResolution, OocdStatus::BreachSuspected));
        assert!(!oocd_reachable(DisposalType::CommunityCaution, OocdStatus::Prosecution));
        assert!(oocd_reachable_unissued(DisposalType::CommunityResolution, OocdStatus::Withdrawn));
        assert!(!oocd_reachable_unissued(DisposalType::CommunityResolution, OocdStatus::Closed));
        assert!(!oocd_reachable_unissued(DisposalType::AdultConditionalCaution, OocdStatus::Completed));
        for s in RjStatus::ALL {
            assert!(rj_reachable(*s), "{s:?}");
        }
    }
}
