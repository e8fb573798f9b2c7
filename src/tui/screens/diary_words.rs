//! The diary's clashes in words (issue 14 §5), one place for every screen
//! that names them: the warning before a case's meeting is saved, the week
//! view, and the note after a meeting of no case is recorded.

use crate::domain::dates;
use crate::domain::diary::{Clash, Slot};
use crate::export::safe::inert;

/// One clash in words: "Priya Shah facilitates RJ-2026-0003 Mon 23 Nov 10:00–12:00".
pub fn clash_words(clash: &Clash) -> String {
    match clash {
        Clash::Room { room, case_ref, at } => {
            format!("{} is booked for {} {}", inert(room), inert(case_ref), span_text(at))
        }
        Clash::Facilitator { name, case_ref, at } => {
            format!("{} facilitates {} {}", inert(name), inert(case_ref), span_text(at))
        }
        Clash::VettingExpired { name, expires } => {
            format!("{}'s vetting runs out on {}", inert(name), dates::day(*expires))
        }
    }
}

/// "Mon 23 Nov 10:00–12:00".
pub fn span_text(at: &Slot) -> String {
    format!("{} {}–{}", dates::day_short(at.start.date()), dates::time_of_day(at.start), dates::time_of_day(at.end()))
}

/// " Note: …." naming each clash, to follow what was saved; empty when
/// nothing clashes.
pub fn clash_note(clashes: &[Clash]) -> String {
    if clashes.is_empty() {
        return String::new();
    }
    let words: Vec<String> = clashes.iter().map(clash_words).collect();
    format!(" Note: {}.", words.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn monday_at_ten(minutes: u32) -> Slot {
        let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(10, 0, 0).unwrap();
        Slot { start, minutes }
    }

    #[test]
    fn a_note_names_each_clash_as_the_diary_does() {
        let room =
            Clash::Room { room: "Town Hall — Room 1".into(), case_ref: "Youth panel".into(), at: monday_at_ten(60) };
        let runs =
            Clash::Facilitator { name: "Priya Shah".into(), case_ref: "RJ-2026-0003".into(), at: monday_at_ten(120) };
        let expires = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let vetting = Clash::VettingExpired { name: "Ana Ruiz".into(), expires };
        let note = clash_note(&[room, runs, vetting]);
        assert!(note.starts_with(" Note: Town Hall — Room 1 is booked for Youth panel "), "{note}");
        assert!(note.contains(" 10:00–11:00; Priya Shah facilitates RJ-2026-0003 "), "{note}");
        assert!(note.contains(" 10:00–12:00; Ana Ruiz's vetting runs out on "), "{note}");
        assert!(note.ends_with('.'), "{note}");
        assert_eq!(clash_note(&[]), "");
    }
}
