//! Who is at the desk: on the interface's first run for an account, the
//! person is asked their name and role, kept in the desk (audited) and
//! recorded as "who" on every change from then on, instead of the bare
//! operating-system account. Esc leaves the account in use, and the
//! question comes back at the next start.

use super::App;
use crate::tui::form::Field;
use crate::tui::overlay::Overlay;
use crate::tui::screens::{FieldId, PendingAction, Prompt, Reply};

impl App {
    /// Ask the person's name and role when this account has given none.
    pub fn ask_who_you_are(&mut self) {
        if self.store.is_read_only() || !matches!(self.store.desk_user(), Ok(None)) {
            return;
        }
        let prompt = Prompt::new(
            "Who is working at this desk?",
            "Your name and role are recorded with every change you make and shown on each case's timeline \
             (until you give them, changes are recorded under your computer account). Change them later with \
             `casedesk settings me`.",
            PendingAction::WhoYouAre,
        )
        .field(FieldId::YourName, Field::text("Your name").required())
        .field(FieldId::YourRole, Field::text("Your role").required().with_hint("e.g. RJ coordinator"));
        self.ask(prompt);
    }

    /// Keep the name and role given; a refusal keeps the form with what was typed.
    pub(super) fn record_who(&mut self, reply: &Reply, asked: Option<Overlay>) {
        match self.store.set_desk_user(reply.value(FieldId::YourName), reply.value(FieldId::YourRole)) {
            Ok(me) => {
                let said = format!("Welcome, {}: your changes are recorded as {}.", me.name, me.who());
                self.status = Some((said, false));
            }
            Err(e) => {
                let text = format!("Not saved: {e}");
                if let Some(Overlay::Prompt(mut form)) = asked {
                    form.problem = Some(text.clone());
                    self.overlay = Some(Overlay::Prompt(form));
                }
                self.status = Some((text, true));
            }
        }
    }
}
