//! The Rules overlay's two calls into the store: reading the rule table,
//! and changing a local rule (audited, undoable), after which every screen
//! reads the new value.

use super::App;
use crate::tui::overlay::{Overlay, RulesView};

impl App {
    pub(super) fn open_rules(&mut self) {
        match self.store.rule_rows() {
            Ok(rows) => self.overlay = Some(Overlay::Rules(RulesView::new(rows))),
            Err(e) => self.status = Some((format!("could not read the rules: {e}"), true)),
        }
    }

    pub(super) fn set_rule(&mut self, id: &str, value: f64, reason: &str) {
        let saved = self.store.write(|tx| tx.set_rule(id, value, reason));
        let Some(Overlay::Rules(view)) = self.overlay.as_mut() else { return };
        match saved.and_then(|()| self.store.rule_rows()) {
            Ok(rows) => {
                view.reload(rows);
                if let Ok(rules) = self.store.rules() {
                    self.rules = rules;
                }
                self.status = Some(("Rule changed: undo sets it back".into(), false));
            }
            // The edit stays open with what was typed, the reason beside it.
            Err(e) => view.problem = Some(e.to_string()),
        }
    }
}
