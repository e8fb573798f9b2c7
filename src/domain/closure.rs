//! How a case ends and comes back (issue 13 §2): nothing is left open when
//! a case completes, closes or is withdrawn; a withdrawal says who and why,
//! and the reasons that are really outcomes close the case instead, so it
//! is reviewed for retention like any other; a reopened case goes back to
//! the status it left from.
//!
//! Plain rules over plain values: the store calls them from its one status
//! write, so every path (screens, undo, import) meets the same checks.

use super::rules::Rules;
use super::status::{OocdStatus, RjStatus};
use super::types::{AgreementStatus, Service};
use crate::text_enum;
use chrono::NaiveDate;

/// Working days after an agreement's last item closes within which the
/// harmed party is told the result (DOMAIN.md §9.9 and the timers of §12.4:
/// a local default, not law). Today's timer and the Agreements screen's
/// "due by" both read it here.
pub fn harmed_told_within(rules: &Rules) -> u32 {
    rules.days_or("HARMED_INFORMED_WD", 5)
}

text_enum! {
    /// Who withdrew from the case (`case_file.withdrawn_by`).
    pub enum WithdrawnBy {
        HarmedParty => ("harmed_party", "Harmed party"),
        ResponsibleParty => ("responsible_party", "Responsible party"),
        Referrer => ("referrer", "Referrer"),
        /// The service itself, e.g. for safety (DOMAIN.md §12.4).
        Service => ("service", "Service"),
    }
}

text_enum! {
    /// Why a case was withdrawn (`case_file.withdrawal_reason`).
    pub enum WithdrawalReason {
        HarmedPartyDeclines => ("harmed_party_declines", "Harmed party declines"),
        NotContactable => ("not_contactable", "Not contactable"),
        NotSuitable => ("not_suitable", "Not suitable"),
        ConsentWithdrawn => ("consent_withdrawn", "Consent withdrawn"),
        SafetyConcern => ("safety_concern", "Safety concern"),
        ReferrerWithdrew => ("referrer_withdrew", "Referral withdrawn by the referrer"),
        Other => ("other", "Other"),
    }
}

impl WithdrawalReason {
    /// Whether this reason is really how the case turned out, not a
    /// withdrawal: a harmed party who declines, a party who cannot be
    /// reached, a case found unsuitable. These end as closed cases with the
    /// reason as their outcome.
    pub fn closes_case(self) -> bool {
        matches!(
            self,
            WithdrawalReason::HarmedPartyDeclines | WithdrawalReason::NotContactable | WithdrawalReason::NotSuitable
        )
    }
}

text_enum! {
    /// How an open condition or agreement item ends when its case does.
    pub enum WorkEnd {
        Completed => ("completed", "Completed"),
        NotDone => ("not_done", "Not done"),
        Waived => ("waived", "Waived"),
    }
}

/// What is still open on a case: a condition or an agreement item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenWork {
    pub kind: WorkKind,
    pub id: i64,
    /// Its number on the case (conditions) or agreement (items).
    pub seq: i64,
    /// The condition's kind or the item's description, in words.
    pub name: String,
    pub due: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkKind {
    Condition,
    AgreementItem,
}

impl OpenWork {
    /// The words shown to the user, e.g. "condition 1, Letter of apology, due 2026-11-27".
    pub fn label(&self) -> String {
        let what = match self.kind {
            WorkKind::Condition => "condition",
            WorkKind::AgreementItem => "agreement item",
        };
        format!("{what} {}, {}, due {}", self.seq, self.name, self.due)
    }

    /// As short as a form label: "1. Letter of apology".
    pub fn short_label(&self) -> String {
        format!("{}. {}", self.seq, self.name)
    }
}

/// The statuses that end a case: nothing may be left open when it gets there.
pub fn is_ending(service: Service, status: &str) -> bool {
    match service {
        Service::Oocd => matches!(
            OocdStatus::parse(status),
            Some(OocdStatus::Completed | OocdStatus::Closed | OocdStatus::Withdrawn)
        ),
        _ => matches!(RjStatus::parse(status), Some(RjStatus::Closed | RjStatus::Withdrawn)),
    }
}

/// Refuses a move into an ending status while conditions or agreement items
/// are open, naming each, so the user knows what to settle first.
pub fn check_nothing_open(service: Service, to: &str, open: &[OpenWork]) -> Result<(), String> {
    if !is_ending(service, to) || open.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = open.iter().map(OpenWork::label).collect();
    Err(format!("mark each open item completed, not done or waived before the case ends: {}", names.join("; ")))
}

/// The live status to remember when a case moves from `from` to `to`: the
/// status it left, when the move ends a live case. A completed case that is
/// then closed keeps the live status it completed from.
pub fn closed_from(service: Service, from: &str, to: &str) -> Option<String> {
    (is_ending(service, to) && !is_ending(service, from)).then(|| from.to_string())
}

/// Where a reopened case goes: back to the status it left from, or, for a
/// case ended before that was recorded, the service's working status
/// (monitoring for a disposal, contacting the parties for a referral).
pub fn reopen_target(service: Service, status: &str, closed_from: Option<&str>) -> Result<String, String> {
    if !is_ending(service, status) {
        return Err("only a completed, closed or withdrawn case can be reopened".into());
    }
    let recorded = closed_from.filter(|s| !is_ending(service, s) && known_status(service, s));
    Ok(recorded.map_or_else(|| fallback_status(service).to_string(), str::to_string))
}

fn known_status(service: Service, status: &str) -> bool {
    match service {
        Service::Oocd => OocdStatus::parse(status).is_some(),
        _ => RjStatus::parse(status).is_some(),
    }
}

fn fallback_status(service: Service) -> &'static str {
    match service {
        Service::Oocd => OocdStatus::Active.as_str(),
        _ => RjStatus::ContactingParties.as_str(),
    }
}

/// The status a withdrawal ends in: closed, with the reason as the outcome,
/// when the reason is really an outcome; else withdrawn.
pub fn withdrawal_status(reason: WithdrawalReason) -> &'static str {
    if reason.closes_case() {
        OocdStatus::Closed.as_str()
    } else {
        OocdStatus::Withdrawn.as_str()
    }
}

/// An outcome agreement of a case, as far as telling the harmed party its
/// result goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementTelling {
    pub status: AgreementStatus,
    pub told_on: Option<NaiveDate>,
}

/// How many of a case's outcome agreements still owe the harmed party their
/// result (Victims' Code: the harmed person is told the outcome; DOMAIN.md
/// §9.9). Closing does not wait for it, but the one closing should hear it:
/// the summary lists such a case as still to be told. An agreement nobody
/// wanted has no result to tell; an out-of-court disposal has none at all.
pub fn harmed_still_to_tell(service: Service, agreements: &[AgreementTelling]) -> usize {
    if service == Service::Oocd {
        return 0;
    }
    agreements.iter().filter(|a| a.status != AgreementStatus::NoneWanted && a.told_on.is_none()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, name: &str) -> OpenWork {
        OpenWork { kind: WorkKind::AgreementItem, id, seq: 1, name: name.into(), due: "2026-12-18".into() }
    }

    #[test]
    fn an_ending_with_open_work_is_refused_and_names_it() {
        let open = [item(1, "Repair the fence")];
        for (service, to) in [
            (Service::Oocd, "completed"),
            (Service::Oocd, "closed"),
            (Service::Oocd, "withdrawn"),
            (Service::RestorativeJustice, "closed"),
            (Service::Mediation, "withdrawn"),
        ] {
            let refused = check_nothing_open(service, to, &open).unwrap_err();
            assert!(refused.contains("agreement item 1, Repair the fence, due 2026-12-18"), "{refused}");
        }
    }

    #[test]
    fn live_moves_and_empty_lists_pass() {
        let open = [item(1, "x")];
        assert!(check_nothing_open(Service::Oocd, "active", &open).is_ok());
        assert!(check_nothing_open(Service::RestorativeJustice, "agreement_monitoring", &open).is_ok());
        assert!(check_nothing_open(Service::Oocd, "closed", &[]).is_ok());
    }

    #[test]
    fn the_live_status_is_remembered_once() {
        assert_eq!(closed_from(Service::Oocd, "at_risk", "completed").as_deref(), Some("at_risk"));
        assert_eq!(closed_from(Service::Oocd, "completed", "closed"), None);
        assert_eq!(closed_from(Service::Oocd, "issued", "active"), None);
        assert_eq!(
            closed_from(Service::RestorativeJustice, "contacting_parties", "withdrawn").as_deref(),
            Some("contacting_parties")
        );
    }

    #[test]
    fn reopening_goes_back_where_it_left() {
        assert_eq!(reopen_target(Service::Oocd, "closed", Some("at_risk")).unwrap(), "at_risk");
        assert_eq!(
            reopen_target(Service::RestorativeJustice, "withdrawn", Some("preparation")).unwrap(),
            "preparation"
        );
        // Ended before the status was recorded, or recorded as an ending.
        assert_eq!(reopen_target(Service::Oocd, "completed", None).unwrap(), "active");
        assert_eq!(reopen_target(Service::Oocd, "closed", Some("completed")).unwrap(), "active");
        assert_eq!(reopen_target(Service::Mediation, "closed", None).unwrap(), "contacting_parties");
        assert!(reopen_target(Service::Oocd, "active", None).is_err());
    }

    #[test]
    fn outcomes_close_and_true_withdrawals_withdraw() {
        let closing: Vec<_> = WithdrawalReason::ALL.iter().filter(|r| r.closes_case()).collect();
        assert_eq!(
            closing,
            [&WithdrawalReason::HarmedPartyDeclines, &WithdrawalReason::NotContactable, &WithdrawalReason::NotSuitable]
        );
        assert_eq!(withdrawal_status(WithdrawalReason::HarmedPartyDeclines), "closed");
        assert_eq!(withdrawal_status(WithdrawalReason::ConsentWithdrawn), "withdrawn");
    }

    #[test]
    fn labels_are_words_not_codes() {
        for label in WithdrawnBy::ALL.iter().map(|w| w.label()).chain(WithdrawalReason::ALL.iter().map(|r| r.label())) {
            assert!(!label.contains('_'), "{label}");
        }
    }

    #[test]
    fn the_harmed_party_is_owed_each_wanted_agreements_result_until_told() {
        let told = Some(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
        let a = |status, told_on| AgreementTelling { status, told_on };
        let agreements = [
            a(AgreementStatus::Completed, None),
            a(AgreementStatus::PartiallyCompleted, told),
            a(AgreementStatus::NoneWanted, None),
            a(AgreementStatus::Active, None),
        ];
        assert_eq!(harmed_still_to_tell(Service::RestorativeJustice, &agreements), 2);
        assert_eq!(harmed_still_to_tell(Service::Mediation, &agreements[1..3]), 0);
        assert_eq!(harmed_still_to_tell(Service::Oocd, &agreements), 0);
        assert_eq!(harmed_still_to_tell(Service::RestorativeJustice, &[]), 0);
    }
}
