//! Whose cases Deadlines, Today and Agreements show (issue 14 §2): a
//! picker over the coordinators, searched by typing part of a name, with
//! "All coordinators" first and "No coordinator yet" second. The screens keep the choice while
//! they are open and pass it to their reads, which filter in SQL.

use unicode_width::UnicodeWidthStr;

use super::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::export::safe::inert;
use crate::store::views::allocation::CoordinatorFilter;
use crate::tui::form::Field;

/// The value of the "No coordinator yet" choice (ids are numbers).
const NOBODY: &str = "none";

/// The filter in force and how the screen names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Whose {
    pub filter: CoordinatorFilter,
    /// The coordinator's name, as the directory had it when picked.
    pub name: String,
}

impl Whose {
    /// The heading's words: "all coordinators", "no coordinator yet", or the name.
    pub fn label(&self) -> String {
        match self.filter {
            CoordinatorFilter::All => "all coordinators".into(),
            CoordinatorFilter::Unallocated => "no coordinator yet".into(),
            CoordinatorFilter::Only(_) => inert(&self.name),
        }
    }

    /// Whose cases in a heading's words: "Priya Shah's cases", "cases no
    /// coordinator holds yet", or "everyone's cases".
    pub fn cases(&self) -> String {
        match self.filter {
            CoordinatorFilter::All => "everyone's cases".into(),
            CoordinatorFilter::Unallocated => "cases no coordinator holds yet".into(),
            CoordinatorFilter::Only(_) => format!("{}'s cases", self.label()),
        }
    }

    pub fn is_all(&self) -> bool {
        self.filter == CoordinatorFilter::All
    }
}

/// Ask whose cases to show, the current choice selected.
pub fn ask(current: &Whose, what: &str, ctx: &Ctx<'_>) -> Effect {
    let coordinators = match ctx.store.filter_coordinators() {
        Ok(c) => c,
        Err(e) => return Effect::Error(format!("Could not read the directory: {e}")),
    };
    let mut options =
        vec![(String::new(), "All coordinators".to_string()), (NOBODY.to_string(), "No coordinator yet".to_string())];
    options.extend(coordinators.iter().map(|c| {
        let retired = if c.active { "" } else { " (retired)" };
        (c.id.to_string(), format!("{}{retired}", inert(&c.name)))
    }));
    let selected = match current.filter {
        CoordinatorFilter::All => 0,
        CoordinatorFilter::Unallocated => 1,
        CoordinatorFilter::Only(id) => options.iter().position(|(v, _)| *v == id.to_string()).unwrap_or(0),
    };
    let message = format!(
        "Show the {what} of one coordinator's cases. Type part of a name; \
         \"All coordinators\" shows everyone's again."
    );
    Effect::Ask(
        Prompt::new("Whose cases?", message, PendingAction::CoordinatorFilter)
            .field(FieldId::Coordinator, Field::pick("Coordinator", options, selected)),
    )
}

/// The choice in a reply, with its name read again from the directory.
pub fn chosen(reply: &Reply, ctx: &Ctx<'_>) -> Whose {
    let value = reply.value(FieldId::Coordinator);
    if value == NOBODY {
        return Whose { filter: CoordinatorFilter::Unallocated, name: String::new() };
    }
    let Ok(id) = value.parse::<i64>() else { return Whose::default() };
    let name = ctx.store.filter_coordinators().ok().into_iter().flatten().find(|c| c.id == id).map(|c| c.name);
    Whose { filter: CoordinatorFilter::Only(id), name: name.unwrap_or_default() }
}

/// What a row shows in its coordinator column: the full name where
/// `width` allows it, else the initials ("Priya Shah" → "PS").
pub fn short_name(name: &str, width: usize) -> String {
    let clean = inert(name);
    if clean.width() <= width {
        return clean;
    }
    clean.split_whitespace().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn a_name_too_long_for_its_column_is_shown_by_initials() {
        assert_eq!(short_name("Priya Shah", 12), "Priya Shah");
        assert_eq!(short_name("Priya Shah", 4), "PS");
        assert_eq!(short_name("anne-marie o'neil", 6), "AO");
    }
}
