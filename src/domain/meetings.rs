//! Meetings and minutes (issue 14 §6): the partnership meetings, case panels
//! and team meetings the administrator attends and minutes. Who an attendee
//! or an action's owner is, and when an action may fall due.

use chrono::NaiveDate;

crate::text_enum! {
    /// Where a person at a meeting comes from: one of the directory's
    /// people, or a name typed in.
    pub enum PersonKind {
        Coordinator => ("coordinator", "Coordinator"),
        Facilitator => ("facilitator", "Facilitator"),
        Provider => ("provider", "Provider"),
        Agency => ("agency", "Partner agency"),
        Typed => ("typed", "Not in the directory"),
    }
}

/// An attendee, or an action's owner: the directory's entry (kind and id)
/// or a name typed in, with the role they came in when one is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub kind: PersonKind,
    /// The entry's id in the directory; none for a typed name.
    pub directory_id: Option<i64>,
    pub name: String,
    pub role: Option<String>,
}

impl Who {
    /// A name typed in, with its role if any.
    pub fn typed(name: &str, role: Option<&str>) -> Self {
        let role = role.map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
        Who { kind: PersonKind::Typed, directory_id: None, name: name.trim().to_string(), role }
    }

    /// How the minutes name them: "Sam Patel (Victim Support)".
    pub fn described(&self) -> String {
        match &self.role {
            Some(role) => format!("{} ({role})", self.name),
            None => self.name.clone(),
        }
    }
}

/// Whether an action may be due on `due`: not before the meeting that set it.
pub fn check_action_due(held_on: NaiveDate, due: NaiveDate) -> Result<(), String> {
    if due < held_on {
        return Err("An action cannot fall due before the meeting that agreed it: give a later due date.".into());
    }
    Ok(())
}

/// Whether an action may be marked done on `on`: not before the meeting.
pub fn check_action_done(held_on: NaiveDate, on: NaiveDate) -> Result<(), String> {
    if on < held_on {
        return Err("An action cannot be done before the meeting that agreed it: give a later date.".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_action_falls_due_on_or_after_its_meeting() {
        assert!(check_action_due(d("2026-11-20"), d("2026-11-20")).is_ok());
        assert!(check_action_due(d("2026-11-20"), d("2026-11-19")).is_err());
        assert!(check_action_done(d("2026-11-20"), d("2026-11-19")).is_err());
    }

    #[test]
    fn a_typed_name_keeps_its_role_only_when_given() {
        assert_eq!(Who::typed(" Sam Patel ", Some("Victim Support")).described(), "Sam Patel (Victim Support)");
        assert_eq!(Who::typed("Sam Patel", Some("  ")).described(), "Sam Patel");
        assert_eq!(PersonKind::parse("typed"), Some(PersonKind::Typed));
    }
}
