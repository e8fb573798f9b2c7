//! The audit log as text for `casedesk audit` (being built).

use crate::store::Store;

/// `casedesk audit [--case REF]`.
pub fn cli_audit(_store: Store, _case_ref: Option<&str>) -> anyhow::Result<()> {
    anyhow::bail!("the audit listing is not in this build yet")
}
