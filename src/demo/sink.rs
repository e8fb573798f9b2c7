//! Where the generator's records go. `Desk` names the store writes the
//! generator uses; the store's audited transaction (`Tx`) takes them one by
//! each case's final rows to write in bulk. Both take the same calls, so one
//! generator (one plan, one mix) serves both.

use chrono::NaiveDate;

use crate::domain::caps::CapFinding;
use crate::domain::rules::Rules;
use crate::domain::status::HoOutcome;
use crate::domain::types::{ComplianceEventType, ProcessStatus};
use crate::store::bulk::Staging;
use crate::store::model::{
    BreachOutcome, CaseKey, ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition,
    NewContact, NewDecision, NewDisposal, NewPerson, NewProcess, NewProvider, PartyLink,
};
use crate::store::{StoreResult, Tx, Withdrawal};

/// The calls the generator makes, declared once and handed as one token
/// tree to `$then!`, which makes the trait or a writer's implementation.
macro_rules! with_desk_calls {
    ($then:ident!($($args:tt)*)) => {
        $then!($($args)* {
            fn add_provider(&mut self, provider: &NewProvider) -> i64;
            fn add_coordinator(&mut self, name: &str, organisation: &str, level: &str) -> i64;
            fn create_case(&mut self, case: &NewCase) -> CaseKey;
            fn add_party(&mut self, case_id: i64, person: &NewPerson, link: PartyLink) -> i64;
            fn link_party(&mut self, case_id: i64, person_id: i64, link: PartyLink) -> i64;
            fn change_status(&mut self, case_id: i64, to: &str, on: NaiveDate) -> ();
            fn log_contact(&mut self, contact: &NewContact) -> i64;
            fn close_case(&mut self, case_id: i64, on: NaiveDate, outcome: &str, rules: &Rules) -> ();
            fn withdraw_case(&mut self, case_id: i64, withdrawal: &Withdrawal, rules: &Rules) -> &'static str;
            fn assign_coordinator(&mut self, case_id: i64, coordinator_id: i64, on: NaiveDate) -> ();
            fn set_victim_info_timer(&mut self, case_id: i64, due: NaiveDate, given_on: Option<NaiveDate>) -> ();
            fn set_disposal(&mut self, case_id: i64, disposal: &NewDisposal) -> i64;
            fn add_condition(&mut self, case_id: i64, condition: &NewCondition, rules: &Rules) -> (i64, Vec<CapFinding>);
            fn complete_condition(&mut self, condition_id: i64, on: NaiveDate, evidence: &str) -> ();
            fn finalise_case(&mut self, case_id: i64, outcome: HoOutcome, on: NaiveDate, police_record_updated_on: Option<NaiveDate>) -> ();
            fn add_compliance_event(&mut self, condition_id: i64, on: NaiveDate, kind: ComplianceEventType, note: &str) -> i64;
            fn vary_condition_due_beyond_limit(
                &mut self,
                condition_id: i64,
                new_due: NaiveDate,
                reason: &str,
                on: NaiveDate,
                rules: &Rules,
                beyond_limit: Option<&str>
            ) -> Vec<CapFinding>;
            fn record_breach(&mut self, breach: &NewBreach, on: NaiveDate) -> i64;
            fn decide_breach(&mut self, breach_id: i64, outcome: &BreachOutcome, rules: &Rules) -> ();
            fn answer_checklist(&mut self, case_id: i64, entry: &ChecklistEntry, on: NaiveDate) -> ();
            fn record_decision(&mut self, case_id: i64, decision: &NewDecision) -> i64;
            fn add_process(&mut self, case_id: i64, process: &NewProcess) -> i64;
            fn set_process_status(&mut self, process_id: i64, status: ProcessStatus, on: NaiveDate, reason: Option<String>) -> ();
            fn add_agreement(&mut self, agreement: &NewAgreement) -> i64;
            fn add_agreement_item(&mut self, agreement_id: i64, item: &NewAgreementItem) -> i64;
            fn complete_agreement_item(&mut self, item_id: i64, on: NaiveDate, evidence: &str) -> ();
            fn mark_harmed_informed(&mut self, agreement_id: i64, on: NaiveDate, overall: &str) -> ();
        });
    };
}

macro_rules! desk_trait {
    ({ $( fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $ret:ty; )* }) => {
        /// The writes a generated case is made of (see `store::writes`).
        pub(crate) trait Desk {
            $( fn $name(&mut self $(, $arg: $ty)*) -> StoreResult<$ret>; )*
            /// Everything about the current case has been written.
            fn end_case(&mut self) -> StoreResult<()>;
        }
    };
}

/// A writer's implementation: each call goes to its own method of the same
/// name (an inherent method is found before the trait's, so this never
/// calls itself).
macro_rules! desk_impl {
    ($writer:ty, $end:item, { $( fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $ret:ty; )* }) => {
        impl Desk for $writer {
            $( fn $name(&mut self $(, $arg: $ty)*) -> StoreResult<$ret> { Self::$name(self $(, $arg)*) } )*
            $end
        }
    };
}

with_desk_calls!(desk_trait!());
with_desk_calls!(desk_impl!(
    Tx<'_>,
    fn end_case(&mut self) -> StoreResult<()> {
        Ok(())
    },
));
with_desk_calls!(desk_impl!(
    Staging,
    fn end_case(&mut self) -> StoreResult<()> {
        Self::end_case(self)
    },
));
