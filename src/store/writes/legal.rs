//! The one place the store checks a change to a disposal, a condition or a
//! due date against the law (DOMAIN.md §2–§5): issuing or editing a
//! disposal, adding a condition, varying a due date, a breach decision, and
//! the import, which writes through the same `Tx` methods. The rules
//! themselves are in `domain::caps` and `domain::legal`; this gathers the
//! facts of the case, runs every rule the change could break, refuses the
//! change if any blocks and hands the warnings back.

use chrono::NaiveDate;
use rusqlite::params;

use super::Tx;
use crate::domain::caps::{self, CapContext, CapFinding, ConditionSpec, Severity};
use crate::domain::dates::age_on;
use crate::domain::legal::{self, CaseFacts, DisposalFacts, Rank};
use crate::domain::rules::{Rule, Rules};
use crate::domain::status::{DisposalType, OffenceMode};
use crate::store::model::{BreachOutcome, NewCondition, NewDisposal};
use crate::store::{AuditEntry, AuditOp, StoreError, StoreResult};

/// What is about to change.
pub(crate) enum Change<'a> {
    /// The disposal recorded, or what was recorded changed.
    Disposal(&'a NewDisposal),
    /// A condition added to the disposal on file.
    Condition(&'a NewCondition),
    /// A condition's due date moved, with the reason for going beyond the
    /// time limit if it does.
    Due { new_due: NaiveDate, beyond_limit: Option<&'a str> },
    /// A breach decided.
    BreachDecision(&'a BreachOutcome),
}

/// The disposal on file, as far as the checks care.
struct OnFile {
    disposal: DisposalType,
    issued_on: Option<NaiveDate>,
    time_limit_reason: Option<String>,
}

impl Tx<'_> {
    /// Checks `change` to case `case_id` against every rule it could break:
    /// refused with every blocking finding in one sentence, or allowed with
    /// the warnings to show.
    pub(crate) fn check_change(
        &self,
        case_id: i64,
        change: &Change<'_>,
        rules: &Rules,
    ) -> StoreResult<Vec<CapFinding>> {
        let findings = match change {
            Change::Disposal(d) => self.disposal_findings(case_id, d, rules)?,
            Change::Condition(c) => self.condition_findings(case_id, c, rules)?,
            Change::Due { new_due, beyond_limit } => {
                let on_file = self.on_file(case_id)?;
                let reason = beyond_limit.or(on_file.time_limit_reason.as_deref());
                due_findings(rules, on_file.disposal, on_file.issued_on, *new_due, reason)
            }
            Change::BreachDecision(outcome) => legal::check_breach_decision(outcome.decision, outcome.new_due_on)
                .err()
                .map(|why| vec![blocking(why)])
                .unwrap_or_default(),
        };
        refuse_if_blocking(&findings)?;
        Ok(findings)
    }

    fn disposal_findings(&self, case_id: i64, d: &NewDisposal, rules: &Rules) -> StoreResult<Vec<CapFinding>> {
        let decided_on = d.issued_on.unwrap_or(self.day);
        let case = self.case_facts(case_id, decided_on)?;
        let conditions = self.open_condition_specs(case_id)?;
        let facts = DisposalFacts {
            disposal: d.disposal_type,
            cps_decision_ref: d.cps_decision_ref.as_deref(),
            authorised_by: d.authorised_by.as_deref(),
            authorising_rank: d.authorising_rank,
            issued_on: d.issued_on,
            decided_on,
            yot_referred_on: d.yot_referred_on,
            proceed_reason: d.proceed_reason.as_deref(),
            conditions: conditions.len(),
        };
        let mut out = legal::check_disposal(rules, &case, &facts);
        // A disposal changed after its conditions were set is held to its
        // own caps: a penalty fit for a caution is no fit for a resolution.
        if !conditions.is_empty() {
            out.extend(caps::check_conditions(rules, &cap_context(d.disposal_type, &case), &conditions));
        }
        if let Some(due) = d.completion_due {
            out.extend(due_findings(rules, d.disposal_type, d.issued_on, due, d.time_limit_reason.as_deref()));
        }
        Ok(out)
    }

    fn condition_findings(&self, case_id: i64, c: &NewCondition, rules: &Rules) -> StoreResult<Vec<CapFinding>> {
        let on_file = self.on_file(case_id)?;
        if on_file.disposal == DisposalType::YouthCaution {
            return Ok(vec![legal::no_conditions_on_youth_caution()]);
        }
        let case = self.case_facts(case_id, on_file.issued_on.unwrap_or(self.day))?;
        let mut specs = self.open_condition_specs(case_id)?;
        specs.push(ConditionSpec {
            kind: c.kind,
            object: c.object,
            hours: c.hours_required,
            amount_pence: c.amount_pence,
        });
        // The time limits are on the disposal's completion date and on
        // variations of it (DOMAIN.md §2.4), not on each condition as set.
        Ok(caps::check_conditions(rules, &cap_context(on_file.disposal, &case), &specs))
    }

    fn on_file(&self, case_id: i64) -> StoreResult<OnFile> {
        let disposal = self.disposal_type(case_id)?;
        let (issued_on, time_limit_reason): (Option<NaiveDate>, Option<String>) = self.conn().query_row(
            "SELECT issued_on, time_limit_reason FROM oocd_disposal WHERE case_id = ?1",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(OnFile { disposal, issued_on, time_limit_reason })
    }

    /// The case's offence and flags, and the offender's age on `decided_on`:
    /// the law asks how old they are when the disposal is given, not when
    /// they offended (a child who offended at 13 and is cautioned at 14 is
    /// cautioned as a 14-year-old).
    fn case_facts(&self, case_id: i64, decided_on: NaiveDate) -> StoreResult<CaseFacts> {
        let row: (Option<String>, bool, bool, bool, Option<NaiveDate>) = self.conn().query_row(
            "SELECT c.offence_mode, c.flag_domestic_abuse, c.flag_intimate_partner, c.flag_hate_crime,
                    (SELECT p.dob FROM case_party cp JOIN person p ON p.id = cp.person_id
                     WHERE cp.case_id = c.id AND cp.role = 'offender' AND p.dob IS NOT NULL LIMIT 1)
             FROM case_file c WHERE c.id = ?1",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let (mode, domestic_abuse, intimate_partner, hate_crime, born) = row;
        Ok(CaseFacts {
            offence_mode: mode.as_deref().and_then(OffenceMode::parse),
            domestic_abuse,
            intimate_partner,
            hate_crime,
            age_at_decision: born.and_then(|b| age_on(b, decided_on)).and_then(|y| u8::try_from(y).ok()),
        })
    }

    /// The conditions that count towards the caps: all but the withdrawn.
    fn open_condition_specs(&self, case_id: i64) -> StoreResult<Vec<ConditionSpec>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT kind, object, hours_required, amount_pence FROM condition
             WHERE case_id = ?1 AND status NOT IN ('withdrawn')",
        )?;
        let rows = stmt.query_map(params![case_id], |r| {
            Ok(ConditionSpec {
                kind: r.get("kind")?,
                object: r.get("object")?,
                hours: r.get("hours_required")?,
                amount_pence: r.get("amount_pence")?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The rule table as it stands in this transaction.
    pub(crate) fn rules(&self) -> StoreResult<Rules> {
        crate::store::rules_in(self.conn())
    }
}

/// An unknown offence mode is checked against the strictest (summary) caps.
fn cap_context(disposal: DisposalType, case: &CaseFacts) -> CapContext {
    CapContext {
        disposal,
        offence_mode: case.offence_mode.unwrap_or(OffenceMode::SummaryOnly),
        age: case.age_at_decision,
    }
}

/// A due date against the time limits, counted from the issue date; before
/// issue there is nothing to count from.
fn due_findings(
    rules: &Rules,
    disposal: DisposalType,
    issued_on: Option<NaiveDate>,
    due: NaiveDate,
    beyond_limit: Option<&str>,
) -> Vec<CapFinding> {
    issued_on.map_or_else(Vec::new, |issued| legal::check_due(rules, disposal, issued, due, beyond_limit))
}

fn blocking(message: String) -> CapFinding {
    CapFinding { severity: Severity::Block, rule_id: "REFUSED".into(), message }
}

/// Every blocking finding, as one sentence the user can act on.
pub(crate) fn refuse_if_blocking(findings: &[CapFinding]) -> StoreResult<()> {
    let blocks: Vec<&str> =
        findings.iter().filter(|f| f.severity == Severity::Block).map(|f| f.message.as_str()).collect();
    if blocks.is_empty() {
        return Ok(());
    }
    Err(StoreError::Invalid(blocks.join("; ")))
}

/// The reason for going beyond the time limit, kept with a variation's note
/// so the audit log holds it.
pub(crate) fn note_with_reason(note: &str, beyond_limit: Option<&str>) -> String {
    match beyond_limit.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => format!("{}; beyond the time limit because: {reason}", note.trim()),
        None => note.trim().to_string(),
    }
}

/// The rank as stored.
pub(crate) fn rank_text(rank: Option<Rank>) -> Option<String> {
    rank.map(|r| r.as_str().to_string())
}

impl Tx<'_> {
    /// Add a rule the table lacks (a local minimum rank, a commencement
    /// date), logged like any change; a rule already there is left as it is.
    /// Returns whether it was added.
    pub fn add_rule_if_absent(&mut self, rule: &Rule) -> StoreResult<bool> {
        let added = self.conn().execute(
            "INSERT INTO rule (id, key, value, unit, source, confidence) VALUES (?1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO NOTHING",
            params![rule.id, rule.value, rule.unit, rule.source, rule.confidence.as_str()],
        )? == 1;
        if added {
            let mut entry = AuditEntry::new(AuditOp::Collect, "rule", &rule.id);
            entry.after = serde_json::to_value(rule).ok();
            entry.justification = Some(format!("a rule added: {} {} ({})", rule.value, rule.unit, rule.source));
            self.audit(&entry)?;
        }
        Ok(added)
    }
}
