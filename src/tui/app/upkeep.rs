//! The quick check and the day's backup on the status line: "Backing up…"
//! at its right while they run after the first frame, then what they found.

use super::App;
use crate::store::{PendingUpkeep, UpkeepOutcome};

pub const BACKING_UP: &str = "Backing up…";
pub const CHECKING: &str = "Checking the desk…";

impl App {
    /// Start the upkeep the open left for after the first frame.
    pub fn start_upkeep(&mut self, pending: PendingUpkeep) {
        self.upkeep_note = Some(if pending.backup_due() { BACKING_UP } else { CHECKING });
        self.upkeep = Some(pending.start());
    }

    /// What the right of the status line says while the upkeep runs.
    pub fn upkeep_note(&self) -> Option<&'static str> {
        self.upkeep_note
    }

    /// Take in the upkeep's outcome once it is ready; true when that
    /// changed what is shown. A fault replaces whatever the status line
    /// said; "backup made" only fills an empty one.
    pub(super) fn poll_upkeep(&mut self) -> bool {
        let Some(outcome) = self.upkeep.as_mut().and_then(|run| run.poll()) else { return false };
        self.upkeep = None;
        self.upkeep_note = None;
        self.record_backup(&outcome);
        if let Some((text, is_error)) = outcome_status(&outcome) {
            if is_error || self.status.is_none() {
                self.status = Some((text, is_error));
            }
        }
        true
    }

    /// On quitting: wait for the upkeep, so a backup is never cut off
    /// half-made. A fault it found after the last frame comes back, to be
    /// said once the terminal is restored.
    pub fn finish_upkeep(&mut self) -> Option<String> {
        let outcome = self.upkeep.take()?.wait();
        self.upkeep_note = None;
        self.record_backup(&outcome);
        outcome_status(&outcome).filter(|(_, is_error)| *is_error).map(|(text, _)| text)
    }
}

impl App {
    /// The backup the thread made goes on the desk's own record of its
    /// backups (the thread's connection cannot write). Failing to record it
    /// only means `check` has one backup less to miss.
    fn record_backup(&self, outcome: &UpkeepOutcome) {
        if let Some(Ok(made)) = &outcome.backup {
            let _ = self.store.record_backup_made(made);
        }
    }
}

/// What the status line says of the upkeep's outcome, and whether it is a fault.
pub fn outcome_status(outcome: &UpkeepOutcome) -> Option<(String, bool)> {
    if let Some(detail) = &outcome.damage {
        let text = format!(
            "The desk is damaged ({detail}): close casedesk and restore a backup with `casedesk restore`; no \
             backup was made, so the older ones are kept."
        );
        return Some((text, true));
    }
    match &outcome.backup {
        Some(Ok(_)) => Some(("Today's backup is made.".to_string(), false)),
        Some(Err(why)) => Some((format!("Backup not made: {why}"), true)),
        None => None,
    }
}
