//! Undo and redo from any screen: undo names the change it will reverse, in
//! the words of the screens, and asks before reversing it (after a restart
//! too, when the change may not be the one the user remembers); redo puts
//! back the last undo. Both go through the store's one write path, and
//! afterwards the rows they brought back are selected where they are shown.

use super::App;
use crate::store::Reversed;
use crate::tui::screens::{Effect, PendingAction, Prompt};

impl App {
    /// Name the newest change not yet undone and ask before undoing it.
    pub(super) fn ask_undo(&mut self) {
        match self.store.next_undo() {
            Ok(Some(next)) => {
                self.ask(Prompt::confirm("Undo", format!("Undo: {}?", next.words), PendingAction::Undo(next.txn)))
            }
            Ok(None) => self.status = Some(("Nothing to undo.".into(), false)),
            Err(e) => self.status = Some((format!("Could not undo: {e}"), true)),
        }
    }

    /// Undo the change `txn`, as the user agreed to.
    pub(super) fn undo(&mut self, txn: i64) {
        match self.store.undo_change(txn) {
            Ok(reversed) => self.after_reversal(format!("Undone: {}.", reversed.words), &reversed),
            Err(e) => self.status = Some((format!("Could not undo: {e}"), true)),
        }
    }

    /// Put back the last change undone, unless something was saved since.
    pub(super) fn redo(&mut self) {
        match self.store.redo_last() {
            Ok(Some(reversed)) => self.after_reversal(format!("Redone: {}.", reversed.words), &reversed),
            Ok(None) => self.status = Some(("Nothing to redo.".into(), false)),
            Err(e) => self.status = Some((format!("Could not redo: {e}"), true)),
        }
    }

    /// Say what was done, show the screen afresh, and let it select the
    /// rows brought back that it lists (each screen knows its own rows).
    fn after_reversal(&mut self, said: String, reversed: &Reversed) {
        self.apply_effect(Effect::Status(said.clone()));
        let screen = self.current;
        let effect = self.with_screen(screen, |s, ctx| s.select_restored(&reversed.records, ctx));
        self.apply_effect(effect);
        // Selecting may say something of its own; what was undone is what matters.
        if self.status.as_ref().is_none_or(|(_, error)| !error) {
            self.status = Some((said, false));
        }
    }
}
