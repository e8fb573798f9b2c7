//! `casedesk check [--head ...]`: integrity, the audit chain, the seals and
//! the backups' manifests; exit 1 when it finds faults.

use crate::cli::desk::Desk;
use crate::cli::failure::{one_sentence, Failure};
use crate::store::manifests::AuditHead;
use crate::store::{backup, OpenMode, StoreError, Upkeep};

pub fn run(desk: Desk<'_>, head: Option<&AuditHead>) -> Result<(), Failure> {
    let db = desk.db;
    // The day's backup waits for the check (below): a damaged desk is left
    // exactly as it was found and never pushes a good backup out.
    let store = match desk.open_with(OpenMode::MustExist, Upkeep::QuickCheckOnly) {
        Ok(store) => store,
        // A damaged file is what check is for finding: a fault (exit 1),
        // not bad input (exit 2).
        Err(e) if is_damage(&e) => {
            crate::tell!("casedesk: {}", one_sentence(&e));
            return Err(Failure::Faults);
        }
        Err(e) => return Err(e.into()),
    };
    let report = store.check_with_head(head)?;
    crate::say!("Checked {}", db.display());
    for line in report.lines() {
        crate::say!("  {line}");
    }
    // The report above says what the alarm was about: it has been read.
    store.acknowledge_audit_alarm();
    if report.is_ok() {
        crate::say!("All checks passed.");
        if let Some(warning) = backup::daily_if_due(&store, desk.today) {
            crate::tell!("casedesk: warning: {warning}");
        }
        Ok(())
    } else {
        crate::tell!(
            "casedesk: the database has faults (listed above); restore a backup or keep this file for investigation"
        );
        Err(Failure::Faults)
    }
}

fn is_damage(e: &anyhow::Error) -> bool {
    matches!(e.downcast_ref::<StoreError>(), Some(StoreError::Corrupt { .. } | StoreError::Damaged))
}
