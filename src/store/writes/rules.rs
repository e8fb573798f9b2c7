//! Changing a local rule: a minimum authorising rank, a local timer. Verified
//! law is refused whatever the reason; a local figure is changed with the
//! reason kept on its audit row, and undo sets the old value back.

use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::Tx;
use crate::domain::rule_book;
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::{StoreError, StoreResult};

impl Tx<'_> {
    /// Set rule `id` to `value`, saying why. Refused for a rule set by law,
    /// a rule the table lacks, a value below zero or a blank reason.
    pub fn set_rule(&mut self, id: &str, value: f64, reason: &str) -> StoreResult<()> {
        let rules = self.rules()?;
        let rule = rules
            .get(id)
            .ok_or_else(|| StoreError::Invalid(format!("there is no rule called {id}; `casedesk rules` lists them")))?;
        if let Some(why_not) = rule_book::refusal(rule) {
            return Err(StoreError::Invalid(why_not));
        }
        if !value.is_finite() || value < 0.0 {
            return Err(StoreError::Invalid("give the rule a value of zero or more".into()));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid("give the reason for changing the rule".into()));
        }
        self.conn().execute("UPDATE rule SET value = ?1 WHERE id = ?2", params![value, id])?;
        let mut entry = AuditEntry::new(AuditOp::Alter, "rule", id).before(json!({ "value": rule.value }));
        entry.after = Some(json!({ "value": value }));
        entry.justification = Some(format!("{}: {reason}", rule_book::name(id)));
        self.audit(&entry)
    }

    /// Undo's side of `set_rule` (and of a rule added by `add_rule_if_absent`):
    /// rules are keyed by text, so they are put back here rather than by row id.
    pub(super) fn reverse_rule(
        &mut self,
        op: &str,
        id: &str,
        before: Option<&serde_json::Value>,
        why: &str,
    ) -> StoreResult<()> {
        let current: Option<f64> =
            self.conn().query_row("SELECT value FROM rule WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
        let Some(current) = current else {
            return Err(StoreError::Invalid(format!(
                "cannot undo: the rule {} has since been removed",
                rule_book::name(id)
            )));
        };
        let mut entry = match (op, before.and_then(|b| b.get("value")).and_then(|v| v.as_f64())) {
            ("collect", _) => {
                self.conn().execute("DELETE FROM rule WHERE id = ?1", params![id])?;
                AuditEntry::new(AuditOp::Erase, "rule", id)
            }
            ("alter", Some(old)) => {
                self.conn().execute("UPDATE rule SET value = ?1 WHERE id = ?2", params![old, id])?;
                let mut e = AuditEntry::new(AuditOp::Alter, "rule", id);
                e.after = Some(json!({ "value": old }));
                e
            }
            _ => return Err(StoreError::Invalid("this change has no earlier state to go back to".into())),
        };
        entry.before = Some(json!({ "value": current }));
        entry.justification = Some(why.to_string());
        self.audit(&entry)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    fn value(store: &Store, id: &str) -> f64 {
        store.rules().unwrap().get(id).unwrap().value
    }

    fn newest_audit(store: &Store) -> (String, String, Option<String>) {
        store
            .conn()
            .query_row(
                "SELECT entity, entity_id, justification FROM audit_log WHERE op = 'alter' ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    }

    #[test]
    fn a_local_rule_is_changed_with_its_reason_audited_and_undone() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| tx.set_rule("AT_RISK_WD", 3.0, "the force's new policy")).unwrap();
        assert_eq!(value(&store, "AT_RISK_WD"), 3.0);
        let (entity, id, why) = newest_audit(&store);
        assert_eq!((entity.as_str(), id.as_str()), ("rule", "AT_RISK_WD"));
        assert!(why.unwrap().contains("the force's new policy"));

        let undone = store.undo_last().unwrap().unwrap();
        assert_eq!(value(&store, "AT_RISK_WD"), 5.0);
        assert!(undone.contains("Case at risk after"), "{undone}");
    }

    #[test]
    fn a_rule_set_by_law_is_refused_whatever_the_reason() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store.write(|tx| tx.set_rule("CC_FIN_SUMMARY", 9000.0, "we would like more")).unwrap_err();
        assert!(err.to_string().contains("set by law (SI 2013/615)"), "{err}");
        assert_eq!(value(&store, "CC_FIN_SUMMARY"), 5000.0);
    }

    #[test]
    fn a_blank_reason_or_an_unknown_rule_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.write(|tx| tx.set_rule("AT_RISK_WD", 3.0, "  ")).is_err());
        assert!(store.write(|tx| tx.set_rule("NO_SUCH_RULE", 3.0, "why")).is_err());
        assert_eq!(value(&store, "AT_RISK_WD"), 5.0);
    }
}
