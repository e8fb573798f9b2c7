//! The generating side of a bulk load: takes the same calls as the audited
//! writes (`store::writes`), with the same columns (their builders are
//! shared), and keeps the current case's rows in memory in their final state.
//! The status machines and caps are not checked again here: the audited path
//! runs the same generator through them, and a test holds the two paths to
//! the same data. At the end of each case its rows and one audit row go to
//! the loader as a `Batch`.

use std::collections::BTreeMap;
use std::sync::mpsc::SyncSender;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::ValueRef;
use serde_json::{json, Map, Value as Json};

use super::{Batch, Staged, Start, Table, BULK_LOAD};
use crate::domain::caps::CapFinding;
use crate::domain::checklist::{self, AnswerEntry, Answers};
use crate::domain::closure::withdrawal_status;
use crate::domain::rules::Rules;
use crate::domain::status::{finalise_path, BreachDecision, DisposalType, HoOutcome, OocdStatus};
use crate::domain::types::{ComplianceEventType, ProcessStatus, Service};
use crate::store::audit::{AuditEntry, AuditOp, ReadyRow};
use crate::store::model::{
    BreachOutcome, CaseKey, ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition,
    NewContact, NewDecision, NewDisposal, NewPerson, NewProcess, NewProvider, PartyLink,
};
use crate::store::writes::cases::{self, closure_cols, retention_cols, status_cols};
use crate::store::writes::endings::{ending_cols, Withdrawal};
use crate::store::writes::finalise::finalising_cols;
use crate::store::writes::legal::note_with_reason;
use crate::store::writes::oocd::{self, VARIED_AFTER_BREACH};
use crate::store::writes::{day_text, int, json_of, rj, Cols};
use crate::store::{StoreError, StoreResult};

/// What the generator has recorded so far of the case in hand.
struct CaseState {
    id: i64,
    reference: String,
    service: Service,
    status: String,
    disposal: Option<DisposalType>,
    disposal_id: Option<i64>,
    flags: checklist::CaseFlags,
    answers: Answers,
    answer_ids: Vec<(String, i64)>,
    conditions: i64,
    /// (agreement id, its last item number)
    item_seqs: Vec<(i64, i64)>,
    /// (breach id, the condition it is about)
    breaches: Vec<(i64, Option<i64>)>,
    /// (day, from, to) of every status change, oldest first.
    history: Vec<(NaiveDate, String, String)>,
}

pub(crate) struct Staging {
    start: Start,
    now: String,
    /// The rows of the case in hand (before the first case, reference rows).
    rows: Vec<Staged>,
    case: Option<CaseState>,
    /// Finished rows not yet handed over.
    pending: Batch,
    out: SyncSender<Batch>,
}

impl Staging {
    pub(crate) fn new(start: Start, out: SyncSender<Batch>) -> Staging {
        Staging { start, now: stamp(), rows: Vec::new(), case: None, pending: Batch::default(), out }
    }

    /// Hand over what is left, with the reference counters.
    pub(crate) fn finish(mut self) -> StoreResult<()> {
        self.pack_reference_rows();
        self.pending.counters = std::mem::take(&mut self.start.counters);
        let last = std::mem::take(&mut self.pending);
        self.out.send(last).map_err(|_| stopped())
    }

    /// Move the rows of the case in hand (and its audit row) to the pending
    /// batch, handing the batch over when it is full.
    fn pack(&mut self, audit: ReadyRow) -> StoreResult<()> {
        // Taken out and put back, to keep its room for the next case.
        let mut rows = std::mem::take(&mut self.rows);
        for row in rows.drain(..) {
            self.push_sealed(row);
        }
        self.rows = rows;
        self.pending.audit.push(audit);
        if self.pending.is_full() {
            let full = std::mem::take(&mut self.pending);
            self.out.send(full).map_err(|_| stopped())?;
        }
        Ok(())
    }

    /// A finished row into the pending batch, with its seal.
    fn push_sealed(&mut self, row: Staged) {
        let seal = super::seals::seal_staged(&self.start.columns[row.table.index()], &row);
        self.pending.add_seal(row.table, row.id, &seal);
        self.pending.push(row);
    }

    /// The next number of a reference series, as `ref_counter` counts them.
    fn next_number(&mut self, prefix: &str, year: i32) -> i64 {
        let counters = &mut self.start.counters;
        let at = match counters.iter().position(|(p, y, _)| p == prefix && *y == year) {
            Some(at) => at,
            None => {
                counters.push((prefix.to_string(), year, 0));
                counters.len() - 1
            }
        };
        counters[at].2 += 1;
        counters[at].2
    }

    fn next_id(&mut self, table: Table) -> i64 {
        let slot = &mut self.start.next_ids[table.index()];
        *slot += 1;
        *slot - 1
    }

    fn stage(&mut self, table: Table, cols: Cols) -> i64 {
        let id = self.next_id(table);
        self.rows.push(Staged::new(table, id, cols));
        id
    }

    /// Change a staged row of the case in hand, as an UPDATE would.
    fn change(&mut self, table: Table, id: i64, cols: Cols) -> StoreResult<()> {
        let row = self.rows.iter_mut().rev().find(|r| r.table == table && r.id == id);
        row.ok_or_else(|| StoreError::NotFound(format!("{} {id}", table.name())))?.set(cols);
        Ok(())
    }

    fn case(&mut self, case_id: i64) -> StoreResult<&mut CaseState> {
        self.case.as_mut().filter(|c| c.id == case_id).ok_or_else(|| StoreError::NotFound(format!("case {case_id}")))
    }

    /// Rows staged before any case (providers, coordinators), each with its
    /// own audit row, as the audited writes would log them.
    fn pack_reference_rows(&mut self) {
        for row in std::mem::take(&mut self.rows) {
            let mut entry = AuditEntry::new(AuditOp::Collect, row.table.name(), row.id).after(row_json(&row));
            entry.justification = Some(BULK_LOAD.to_string());
            self.pending.audit.push(ReadyRow::of(&entry));
            self.push_sealed(row);
        }
    }

    // ---- cases, people, statuses, contacts ----

    pub(crate) fn add_provider(&mut self, provider: &NewProvider) -> StoreResult<i64> {
        Ok(self.stage(Table::Provider, cases::provider_cols(provider)))
    }

    pub(crate) fn add_coordinator(&mut self, name: &str, organisation: &str, level: &str) -> StoreResult<i64> {
        Ok(self.stage(Table::Coordinator, cases::coordinator_cols(name, organisation, level)))
    }

    pub(crate) fn create_case(&mut self, case: &NewCase) -> StoreResult<CaseKey> {
        if self.case.is_some() {
            return Err(StoreError::Invalid("a case was begun before the last one ended".into()));
        }
        self.pack_reference_rows();
        self.now = stamp();
        let prefix = case.service.ref_prefix();
        let year = case.received_on.year();
        let reference = cases::reference(prefix, year, self.next_number(prefix, year));
        let id = self.stage(Table::CaseFile, cases::case_cols(case, &reference, &self.now));
        let f = &case.flags;
        self.case = Some(CaseState {
            id,
            reference: reference.clone(),
            service: case.service,
            status: cases::initial_status(case.service).to_string(),
            disposal: None,
            disposal_id: None,
            flags: checklist::CaseFlags {
                domestic_abuse: f.domestic_abuse,
                sexual: f.sexual,
                hate_crime: f.hate_crime,
            },
            answers: Answers::new(),
            answer_ids: Vec::new(),
            conditions: 0,
            item_seqs: Vec::new(),
            breaches: Vec::new(),
            history: Vec::new(),
        });
        Ok(CaseKey { id, reference })
    }

    pub(crate) fn add_party(&mut self, case_id: i64, person: &NewPerson, link: PartyLink) -> StoreResult<i64> {
        self.case(case_id)?;
        let person_id = self.stage(Table::Person, cases::person_cols(person, &self.now));
        self.link_party(case_id, person_id, link)?;
        Ok(person_id)
    }

    pub(crate) fn link_party(&mut self, case_id: i64, person_id: i64, link: PartyLink) -> StoreResult<i64> {
        self.case(case_id)?;
        Ok(self.stage(Table::CaseParty, cases::party_cols(case_id, person_id, link)))
    }

    pub(crate) fn change_status(&mut self, case_id: i64, to: &str, on: NaiveDate) -> StoreResult<()> {
        let now = self.now.clone();
        let case = self.case(case_id)?;
        let from = std::mem::replace(&mut case.status, to.to_string());
        let sense_checked = case.history.iter().any(|(_, f, t)| cases::ends_sense_check(f, t));
        let cols = status_cols(case.service, &from, to, on, &now, sense_checked);
        case.history.push((on, from, to.to_string()));
        self.change(Table::CaseFile, case_id, cols)
    }

    pub(crate) fn log_contact(&mut self, contact: &NewContact) -> StoreResult<i64> {
        self.case(contact.case_id)?;
        Ok(self.stage(Table::ContactLog, cases::contact_cols(contact)))
    }

    pub(crate) fn close_case(&mut self, case_id: i64, on: NaiveDate, outcome: &str, rules: &Rules) -> StoreResult<()> {
        if self.case(case_id)?.status != "closed" {
            self.change_status(case_id, "closed", on)?;
        }
        self.change(Table::CaseFile, case_id, closure_cols(on, outcome))?;
        self.stage(Table::Retention, retention_cols(case_id, on, rules));
        Ok(())
    }

    /// As `Tx::withdraw_case`: who withdrew and why, the status the reason
    /// ends in, and the retention review.
    pub(crate) fn withdraw_case(&mut self, case_id: i64, w: &Withdrawal, rules: &Rules) -> StoreResult<&'static str> {
        let to = withdrawal_status(w.reason);
        self.change_status(case_id, to, w.on)?;
        self.change(Table::CaseFile, case_id, ending_cols(w))?;
        self.stage(Table::Retention, retention_cols(case_id, w.on, rules));
        Ok(to)
    }

    pub(crate) fn assign_coordinator(&mut self, case_id: i64, coordinator_id: i64, on: NaiveDate) -> StoreResult<()> {
        self.change(Table::CaseFile, case_id, cases::assignment_cols(coordinator_id, on))
    }

    pub(crate) fn set_victim_info_timer(
        &mut self,
        case_id: i64,
        due: NaiveDate,
        given_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        self.change(Table::CaseFile, case_id, cases::victim_timer_cols(due, given_on))
    }

    // ---- disposals, conditions, breaches ----

    pub(crate) fn set_disposal(&mut self, case_id: i64, d: &NewDisposal) -> StoreResult<i64> {
        let case = self.case(case_id)?;
        if case.disposal.replace(d.disposal_type).is_some() {
            return Err(StoreError::Invalid("a generated case records its disposal once".into()));
        }
        let mut cols = vec![("case_id", int(case_id))];
        cols.extend(oocd::disposal_cols(d));
        let id = self.stage(Table::OocdDisposal, cols);
        self.case(case_id)?.disposal_id = Some(id);
        Ok(id)
    }

    /// As `Tx::finalise_case`, for the generator's cases (whose conditions it
    /// has already settled): along the path to completed, then the outcome.
    pub(crate) fn finalise_case(
        &mut self,
        case_id: i64,
        outcome: HoOutcome,
        on: NaiveDate,
        police_record_updated_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        let case = self.case(case_id)?;
        let (status, disposal_id) = (case.status.clone(), case.disposal_id);
        let path = OocdStatus::parse(&status).and_then(finalise_path);
        let (Some(path), Some(disposal_id)) = (path, disposal_id) else {
            return Err(StoreError::Invalid(format!("a generated case that is {status} cannot be finalised")));
        };
        for to in path {
            self.change_status(case_id, to.as_str(), on)?;
        }
        self.change(Table::OocdDisposal, disposal_id, finalising_cols(outcome, on, police_record_updated_on))
    }

    pub(crate) fn add_condition(
        &mut self,
        case_id: i64,
        c: &NewCondition,
        _rules: &Rules,
    ) -> StoreResult<(i64, Vec<CapFinding>)> {
        let case = self.case(case_id)?;
        let disposal = case.disposal.ok_or_else(|| StoreError::Invalid("record the disposal first".into()))?;
        case.conditions += 1;
        let seq = case.conditions;
        Ok((self.stage(Table::Condition, oocd::condition_cols(case_id, seq, c, disposal)), Vec::new()))
    }

    pub(crate) fn complete_condition(&mut self, condition_id: i64, on: NaiveDate, evidence: &str) -> StoreResult<()> {
        self.add_compliance_event(condition_id, on, ComplianceEventType::Completed, evidence)?;
        self.change(Table::Condition, condition_id, oocd::condition_done_cols(on, evidence))
    }

    pub(crate) fn add_compliance_event(
        &mut self,
        condition_id: i64,
        on: NaiveDate,
        kind: ComplianceEventType,
        note: &str,
    ) -> StoreResult<i64> {
        Ok(self.stage(Table::ComplianceEvent, oocd::compliance_cols(condition_id, on, kind, note)))
    }

    pub(crate) fn vary_condition_due_beyond_limit(
        &mut self,
        condition_id: i64,
        new_due: NaiveDate,
        reason: &str,
        on: NaiveDate,
        _rules: &Rules,
        beyond_limit: Option<&str>,
    ) -> StoreResult<Vec<CapFinding>> {
        let note = note_with_reason(reason, beyond_limit);
        self.add_compliance_event(condition_id, on, ComplianceEventType::VariationAgreed, &note)?;
        self.change(Table::Condition, condition_id, oocd::condition_varied_cols(new_due))?;
        Ok(Vec::new())
    }

    pub(crate) fn record_breach(&mut self, b: &NewBreach, on: NaiveDate) -> StoreResult<i64> {
        let status = self.case(b.case_id)?.status.clone();
        if let Some(condition_id) = b.condition_id {
            self.change(Table::Condition, condition_id, oocd::condition_missed_cols())?;
        }
        let id = self.stage(Table::Breach, oocd::breach_cols(b));
        self.case(b.case_id)?.breaches.push((id, b.condition_id));
        for to in oocd::statuses_after_breach_found(&status, b) {
            self.change_status(b.case_id, to, on)?;
        }
        Ok(id)
    }

    pub(crate) fn decide_breach(&mut self, breach_id: i64, outcome: &BreachOutcome, rules: &Rules) -> StoreResult<()> {
        let case = self.case.as_ref().ok_or_else(|| StoreError::NotFound(format!("breach {breach_id}")))?;
        let case_id = case.id;
        let (_, condition_id) = *case
            .breaches
            .iter()
            .find(|(id, _)| *id == breach_id)
            .ok_or_else(|| StoreError::NotFound(format!("breach {breach_id}")))?;
        self.change(Table::Breach, breach_id, oocd::breach_decision_cols(outcome))?;
        if let (Some(condition_id), Some(new_due)) = (condition_id, outcome.new_due_on) {
            let (on, beyond) = (outcome.decision_on, outcome.time_limit_reason.as_deref());
            self.vary_condition_due_beyond_limit(condition_id, new_due, VARIED_AFTER_BREACH, on, rules, beyond)?;
        }
        let status = self.case(case_id)?.status.clone();
        for to in oocd::statuses_after_breach_decision(&status, outcome.decision) {
            self.change_status(case_id, to, outcome.decision_on)?;
        }
        if outcome.decision == BreachDecision::NoFurtherAction {
            self.close_case(case_id, outcome.decision_on, oocd::NO_FURTHER_ACTION, rules)?;
        }
        Ok(())
    }

    // ---- checklists, decisions, processes, agreements ----

    pub(crate) fn answer_checklist(&mut self, case_id: i64, entry: &ChecklistEntry, on: NaiveDate) -> StoreResult<()> {
        let cols = rj::answer_cols(entry, &self.start.user, on);
        let case = self.case(case_id)?;
        let stored =
            AnswerEntry { answer: entry.answer, severity: entry.severity, note: entry.note.trim().to_string() };
        // An item this version does not know is refused by the audited write.
        case.answers
            .set(&entry.item_code, stored)
            .map_err(|_| StoreError::Invalid(format!("{} is not a checklist item", entry.item_code)))?;
        match case.answer_ids.iter().find(|(code, _)| *code == entry.item_code).map(|(_, id)| *id) {
            Some(id) => self.change(Table::ChecklistAnswer, id, cols),
            None => {
                let id = self.stage(Table::ChecklistAnswer, rj::new_answer_cols(case_id, entry, cols));
                self.case(case_id)?.answer_ids.push((entry.item_code.clone(), id));
                Ok(())
            }
        }
    }

    pub(crate) fn record_decision(&mut self, case_id: i64, d: &NewDecision) -> StoreResult<i64> {
        let case = self.case(case_id)?;
        let constraints = checklist::constraints(&case.answers, &case.flags);
        let moves_to = rj::status_after_decision(&case.status, d.decision);
        let cols = rj::decision_cols(case_id, d, &constraints, &self.start.user);
        let id = self.stage(Table::Decision, cols);
        if let Some(to) = moves_to {
            self.change_status(case_id, to, d.decided_on)?;
        }
        Ok(id)
    }

    pub(crate) fn add_process(&mut self, case_id: i64, p: &NewProcess) -> StoreResult<i64> {
        self.case(case_id)?;
        Ok(self.stage(Table::RjProcess, rj::process_cols(case_id, p)))
    }

    pub(crate) fn set_process_status(
        &mut self,
        process_id: i64,
        status: ProcessStatus,
        on: NaiveDate,
        reason: Option<String>,
    ) -> StoreResult<()> {
        self.change(Table::RjProcess, process_id, rj::process_status_cols(status, on, reason))
    }

    pub(crate) fn add_agreement(&mut self, a: &NewAgreement) -> StoreResult<i64> {
        let id = self.stage(Table::OutcomeAgreement, rj::agreement_cols(a));
        if let Some(case) = self.case.as_mut() {
            case.item_seqs.push((id, 0));
        }
        Ok(id)
    }

    pub(crate) fn add_agreement_item(&mut self, agreement_id: i64, item: &NewAgreementItem) -> StoreResult<i64> {
        let seqs = self.case.as_mut().map(|c| &mut c.item_seqs);
        let seq = seqs
            .and_then(|s| s.iter_mut().find(|(a, _)| *a == agreement_id))
            .map(|(_, last)| {
                *last += 1;
                *last
            })
            .ok_or_else(|| StoreError::NotFound(format!("agreement {agreement_id}")))?;
        Ok(self.stage(Table::AgreementItem, rj::item_cols(agreement_id, seq, item)))
    }

    pub(crate) fn complete_agreement_item(&mut self, item_id: i64, on: NaiveDate, evidence: &str) -> StoreResult<()> {
        self.change(Table::AgreementItem, item_id, rj::item_done_cols(on, evidence))
    }

    pub(crate) fn mark_harmed_informed(&mut self, agreement_id: i64, on: NaiveDate, overall: &str) -> StoreResult<()> {
        self.change(Table::OutcomeAgreement, agreement_id, rj::informed_cols(on, overall))
    }

    /// Hand the case over: its rows, and the one audit row that records
    /// their collection.
    pub(crate) fn end_case(&mut self) -> StoreResult<()> {
        let Some(case) = self.case.take() else { return Ok(()) };
        let mut entry = AuditEntry::new(AuditOp::Collect, "case_file", case.id)
            .case(case.id)
            .after(case_summary(&case, &self.rows));
        entry.justification = Some(BULK_LOAD.to_string());
        self.pack(ReadyRow::of(&entry))
    }
}

/// What the audit row of a generated case says: which case, the records
/// loaded with it (by table, as runs of ids [first, last]), and its status
/// history as [day, from, to] (the Case timeline shows it as status changes).
fn case_summary(case: &CaseState, rows: &[Staged]) -> Json {
    let mut records: BTreeMap<&str, Vec<[i64; 2]>> = BTreeMap::new();
    for row in rows {
        let runs = records.entry(row.table.name()).or_default();
        match runs.last_mut() {
            Some(run) if run[1] + 1 == row.id => run[1] = row.id,
            _ => runs.push([row.id, row.id]),
        }
    }
    let history: Vec<Json> = case.history.iter().map(|(on, from, to)| json!([day_text(*on), from, to])).collect();
    json!({
        "loaded_by": "casedesk demo",
        "ref": case.reference,
        "status": case.status,
        "records": records,
        "status_history": history,
    })
}

/// A staged row as the audit log keeps a collected row: its columns by name.
fn row_json(row: &Staged) -> Json {
    let mut map = Map::new();
    map.insert("id".into(), Json::from(row.id));
    for (name, value) in row.base.iter().chain(&row.extra) {
        map.insert(name.to_string(), json_of(ValueRef::from(value)));
    }
    Json::Object(map)
}

fn stopped() -> StoreError {
    StoreError::Invalid("the bulk load stopped before the generator".into())
}

fn stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
