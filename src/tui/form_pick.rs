//! A choice searched by typing: a long list (the directory's providers,
//! coordinators, agencies) is picked by typing part of a name, the choice
//! jumping to the first option whose label holds what was typed; ← and →
//! then step through those that match only. The typed words stay in the
//! field's `Input` and are shown beside the choice.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Field, FieldKind};
use crate::export::safe::inert;

impl Field {
    /// A choice over `options` searched by typing part of a label.
    pub fn pick(label: &str, options: Vec<(String, String)>, selected: usize) -> Field {
        let mut f = Field::choice(label, options, selected);
        f.search = true;
        f.hint = "type part of a name".into();
        f
    }

    /// The indexes of the options whose label holds the words typed: those
    /// with a word starting with them first ("vic" finds "Victim Support"
    /// before "Drug Service"), then the rest, each in list order.
    fn matching(&self) -> Vec<usize> {
        let FieldKind::Choice(options) = &self.kind else { return Vec::new() };
        let typed = self.input.value().trim().to_lowercase();
        let label = |i: usize| options[i].1.to_lowercase();
        let starts_word = |i: usize| label(i).split_whitespace().any(|w| w.starts_with(&typed)) || typed.is_empty();
        let holding: Vec<usize> = (0..options.len()).filter(|i| label(*i).contains(&typed)).collect();
        let (first, rest): (Vec<usize>, Vec<usize>) = holding.into_iter().partition(|i| starts_word(*i));
        first.into_iter().chain(rest).collect()
    }

    /// A key in a searched choice: characters narrow, Backspace widens,
    /// ← → step through what matches. None when the key is not the field's.
    pub(super) fn pick_key(&mut self, key: &KeyEvent) -> Option<bool> {
        if !self.search {
            return None;
        }
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => {
                let mut typed = self.input.value().to_string();
                typed.push(c);
                self.input = typed.into();
                self.jump_to_match();
            }
            KeyCode::Backspace => {
                let mut typed = self.input.value().to_string();
                typed.pop();
                self.input = typed.into();
                self.jump_to_match();
            }
            KeyCode::Right | KeyCode::Left => {
                let found = self.matching();
                let at = found.iter().position(|i| *i == self.choice);
                let n = found.len();
                if n > 0 {
                    let next = match (key.code, at) {
                        (KeyCode::Right, Some(k)) => (k + 1) % n,
                        (KeyCode::Left, Some(k)) => (k + n - 1) % n,
                        _ => 0,
                    };
                    self.choice = found[next];
                }
            }
            _ => return Some(false),
        }
        Some(true)
    }

    fn jump_to_match(&mut self) {
        if let Some(first) = self.matching().first() {
            self.choice = *first;
        }
    }

    /// The words typed to search, as shown beside the choice.
    pub(super) fn pick_note(&self) -> String {
        let typed = self.input.value();
        if !self.search || typed.is_empty() {
            return String::new();
        }
        if self.matching().is_empty() {
            format!("  nothing matches “{}”", inert(typed))
        } else {
            format!("  matching “{}”", inert(typed))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn providers() -> Field {
        let names = [
            "None",
            "Change Grow Live",
            "Drug Service",
            "Turning Point",
            "Victim Awareness Ltd",
            "Point Blank Courses",
        ];
        Field::pick("Provider", names.iter().enumerate().map(|(i, n)| (i.to_string(), n.to_string())).collect(), 0)
    }

    #[test]
    fn typing_part_of_a_name_picks_the_first_that_holds_it() {
        let mut f = providers();
        for c in "point".chars() {
            assert!(f.type_key(&key(KeyCode::Char(c))));
        }
        assert_eq!(f.value(), "3", "Turning Point holds “point” first");
        f.type_key(&key(KeyCode::Right));
        assert_eq!(f.value(), "5", "→ steps to the next that matches");
        f.type_key(&key(KeyCode::Right));
        assert_eq!(f.value(), "3", "and round again, past those that do not");
        assert_eq!(f.pick_note(), "  matching “point”");
    }

    #[test]
    fn a_word_starting_with_the_letters_comes_before_one_holding_them() {
        let mut f = providers();
        for c in "vic".chars() {
            f.type_key(&key(KeyCode::Char(c)));
        }
        assert_eq!(f.value(), "4", "Victim Awareness before Drug Ser-vic-e");
        f.type_key(&key(KeyCode::Right));
        assert_eq!(f.value(), "2", "then the one that only holds it");
    }

    #[test]
    fn a_space_is_typed_not_a_step_and_backspace_widens() {
        let mut f = providers();
        for c in "grow l".chars() {
            f.type_key(&key(KeyCode::Char(c)));
        }
        assert_eq!(f.value(), "1");
        f.type_key(&key(KeyCode::Char('z')));
        assert_eq!(f.value(), "1", "no match keeps the choice");
        assert!(f.pick_note().contains("nothing matches"));
        f.type_key(&key(KeyCode::Backspace));
        assert_eq!(f.pick_note(), "  matching “grow l”");
    }
}
