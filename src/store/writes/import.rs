//! The writes only an import makes, and the reads it checks against: a
//! tracker records where a case *is*, so its statuses are set directly
//! (through the audited `update`), and references it already had are kept.

use chrono::NaiveDate;
use rusqlite::params;

use super::cases::{case_cols, retention_cols};
use super::endings::{withdrawal_cols, Withdrawal};
use super::{date, opt_date, opt_text, text, Tx};
use crate::domain::case_status::CaseStatus;
use crate::domain::closure::{WithdrawalReason, WithdrawnBy};
use crate::domain::directory::{name_key, DirectoryKind};
use crate::domain::rules::Rules;
use crate::domain::types::{ConditionStatus, Service};
use crate::store::limits::check_case_lengths;
use crate::store::model::{CaseKey, NewCase};
use crate::store::{StoreError, StoreResult};

/// Where a tracker says a case is: the stored status to reach (`None`
/// leaves the first status of the service) and the dates that go with it.
pub struct ImportedStatus<'a> {
    pub status: Option<&'a str>,
    pub received_on: NaiveDate,
    pub status_changed: Option<NaiveDate>,
    pub paused_from: Option<&'a str>,
    pub closed_on: Option<NaiveDate>,
    pub closure_outcome: Option<&'a str>,
    /// Who withdrew the case, why, and what was said.
    pub withdrawal: Option<(WithdrawnBy, WithdrawalReason, Option<&'a str>)>,
}

impl Tx<'_> {
    /// Whether a case already has this reference.
    pub(crate) fn reference_exists(&self, reference: &str) -> StoreResult<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM case_file WHERE ref = ?1)";
        Ok(self.conn().query_row(sql, params![reference], |r| r.get(0))?)
    }

    /// Reference and notes of every case whose notes contain `text`.
    pub(crate) fn notes_containing(&self, text: &str) -> StoreResult<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare("SELECT ref, notes FROM case_file WHERE instr(notes, ?1) > 0")?;
        let rows = stmt.query_map(params![text], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Move the reference counter of `prefix` and `year` to at least
    /// `number`, so the references assigned later never collide with a kept
    /// one. Not audited: the counter holds no one's data.
    pub(crate) fn reserve_reference(&self, prefix: &str, year: i32, number: i64) -> StoreResult<()> {
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO ref_counter (prefix, year, last) VALUES (?1, ?2, ?3)
             ON CONFLICT (prefix, year) DO UPDATE SET last = max(last, excluded.last)",
        )?;
        stmt.execute(params![prefix, year, number])?;
        Ok(())
    }

    /// `create_case`, keeping a reference the tracker already had in
    /// casedesk's form (the counter was moved past it by `reserve_reference`).
    pub(crate) fn create_case_with_reference(&mut self, case: &NewCase, reference: &str) -> StoreResult<CaseKey> {
        check_case_lengths(case)?;
        let id = self.insert("case_file", None, case_cols(case, reference, &self.today_stamp()))?;
        Ok(CaseKey { id, reference: reference.to_string() })
    }

    /// A condition's tracker status and completion date (it was added active).
    pub(crate) fn set_imported_condition_status(
        &mut self,
        case_id: i64,
        condition_id: i64,
        status: ConditionStatus,
        completed_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        if status == ConditionStatus::Active && completed_on.is_none() {
            return Ok(());
        }
        self.update(
            "condition",
            condition_id,
            Some(case_id),
            vec![("status", text(status.as_str())), ("completed_on", opt_date(completed_on))],
        )
    }

    /// The case's tracker status, set directly (module doc), with its closure
    /// and, for a closed or withdrawn case, its retention review (DPA 2018
    /// s.39) as `close_case` and `withdraw_case` book it. Returns the status the case ends in.
    pub(crate) fn set_imported_status(
        &mut self,
        key: &CaseKey,
        to: &ImportedStatus<'_>,
        rules: &Rules,
    ) -> StoreResult<String> {
        let (service, initial, _) = self.case_status(key.id)?;
        let received = to.received_on;
        let status = to.status.map_or(initial.clone(), str::to_string);
        // The same rule as a status move on the desk: no case ends with work open.
        self.refuse_open_work(key.id, service, &status)?;
        if service == Service::Oocd {
            if let Ok(disposal) = self.disposal_type(key.id) {
                self.refuse_caution_without_conditions(key.id, disposal, &status)?;
            }
        }
        // Without a "Status changed" date, a closed case changed status when it closed.
        let closing = if status == "closed" { to.closed_on } else { None };
        let changed_on = to.status_changed.or(closing).unwrap_or(received);
        if status == initial && changed_on == received {
            return Ok(status);
        }
        let mut cols = vec![
            ("status", text(&status)),
            ("status_changed_on", date(changed_on)),
            ("paused_from", opt_text(&to.paused_from.map(str::to_string))),
            ("updated_at", text(self.today_stamp())),
        ];
        let closed_on = (status == "closed").then(|| to.closed_on.unwrap_or(changed_on));
        if let Some(on) = closed_on {
            cols.push(("closed_on", date(on)));
            cols.push(("closure_outcome", opt_text(&to.closure_outcome.map(str::to_string))));
        }
        if let Some((by, reason, note)) = to.withdrawal {
            let note = note.unwrap_or_default().to_string();
            cols.extend(withdrawal_cols(&Withdrawal { by, reason, note, on: closed_on.unwrap_or(changed_on) }));
        }
        self.update("case_file", key.id, Some(key.id), cols)?;
        // Every case that ended, closed or withdrawn, is reviewed for
        // retention, as `withdraw_case` books it on the desk.
        let terminal = CaseStatus::parse(service, &status).is_some_and(CaseStatus::is_terminal);
        if terminal {
            let ended_on = closed_on.unwrap_or(changed_on);
            self.insert("retention", Some(key.id), retention_cols(key.id, ended_on, rules))?;
        }
        Ok(status)
    }

    /// Allocate an imported referral to the coordinator the tracker names,
    /// found in the directory by name (case and spacing aside); a name not
    /// there is refused rather than added, so a typing slip in the tracker
    /// never makes a second coordinator. The tracker holds no transfer date,
    /// so the date the status last changed stands in for it: the transfer
    /// was no later.
    pub(crate) fn assign_imported_coordinator(&mut self, case_id: i64, name: &str, on: NaiveDate) -> StoreResult<()> {
        let id = self.named_in_directory(DirectoryKind::Coordinator, name)?;
        self.assign_coordinator(case_id, id, on)
    }

    /// The provider a tracker's condition names, found in the directory as
    /// a coordinator is (issue 14 §8): a name not there is refused, never
    /// added.
    pub(crate) fn imported_provider(&self, name: &str) -> StoreResult<i64> {
        self.named_in_directory(DirectoryKind::Provider, name)
    }

    /// The entry of `kind` named `name` (case and spacing aside, by the
    /// desk's name matching), the active one first; refused with how to add
    /// it when there is none.
    fn named_in_directory(&self, kind: DirectoryKind, name: &str) -> StoreResult<i64> {
        let wanted = name_key(name);
        let table = super::directory::table(kind);
        let mut stmt = self.conn().prepare_cached(&format!("SELECT id, name FROM {table} ORDER BY active DESC, id"))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, known) = row?;
            if name_key(&known) == wanted {
                return Ok(id);
            }
        }
        let (name, word, code) = (name.trim(), kind.noun(), kind.as_str());
        let them = if matches!(kind, DirectoryKind::Coordinator | DirectoryKind::Facilitator) { "them" } else { "it" };
        Err(StoreError::Invalid(format!(
            "no {word} named {name} is in the directory: add {them} first with \
             `casedesk directory add --kind {code} --name \"{name}\"`, or correct the name"
        )))
    }
}
