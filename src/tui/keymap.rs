//! Keys to actions. The default map is `assets/keymap.toml`, embedded; the
//! user's `keymap.toml` in the config directory is merged over it, and a key
//! that would mean two things on one screen is refused with both names.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Form,
    Today,
    Intake,
    Checklist,
    Deadlines,
    Agreements,
    Case,
    Reports,
    Directory,
}

impl Context {
    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::List,
        Context::Form,
        Context::Today,
        Context::Intake,
        Context::Checklist,
        Context::Deadlines,
        Context::Agreements,
        Context::Case,
        Context::Reports,
        Context::Directory,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
            Context::Today => "today",
            Context::Intake => "intake",
            Context::Checklist => "checklist",
            Context::Deadlines => "deadlines",
            Context::Agreements => "agreements",
            Context::Case => "case",
            Context::Reports => "reports",
            Context::Directory => "directory",
        }
    }

    fn parse(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// The contexts active together on a screen, most specific first.
    pub fn stack(self) -> [Context; 3] {
        let middle = if self == Context::Intake { Context::Form } else { Context::List };
        [self, middle, Context::Global]
    }

    /// The context of each screen, in tab order (`ScreenId::context`
    /// maps each screen to its own; the keymap needs no screen to know them).
    pub fn screens() -> [Context; 8] {
        // `ALL` lists the shared contexts first, then each screen's in tab order.
        let mut screens = [Context::Today; 8];
        screens.copy_from_slice(&Context::ALL[3..]);
        screens
    }
}

/// One key with its modifiers, normalised so Shift on a character is carried
/// by the character itself ("G", not shift-g) across platforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Some terminals report ctrl-S for ctrl-s: bindings use lower case.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyChord { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        KeyChord::new(event.code, event.modifiers)
    }

    /// Parse "ctrl-s", "G", "?", "pagedown", "f1", "space".
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            // A control character is no key a terminal reports as a character
            // (Esc arrives as esc), and would act on the terminal when shown.
            s if s.chars().count() == 1 && !s.chars().any(char::is_control) => {
                KeyCode::Char(s.chars().next().unwrap_or(' '))
            }
            _ => return Err(format!("{text:?} is not a key name")),
        };
        Ok(KeyChord::new(code, mods))
    }

    /// Whether typing this key into a text field would insert it.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Syntax(String),
    // Escaped: the name comes from the user's file and the message goes to the terminal.
    #[error("keymap: [{}] is not a section (use one of global, list, form, today, intake, checklist, deadlines, agreements, case, reports)", .section.escape_debug())]
    UnknownSection { section: String },
    #[error("keymap: {action:?} in [{section}] is not an action (see the help screen for the names)")]
    UnknownAction { section: String, action: String },
    #[error("keymap: {0}")]
    BadKey(String),
    /// One key bound to two actions on one screen; the text names both.
    #[error("keymap: {0}")]
    Conflict(String),
}

type Sections = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// The merged bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<Context, Vec<(Action, Vec<KeyChord>)>>,
}

impl Default for Keymap {
    fn default() -> Self {
        // The embedded map is tested to load; fall back to empty rather than panic.
        Keymap::load(None).unwrap_or(Keymap { bindings: HashMap::new() })
    }
}

impl Keymap {
    /// The default map with an optional user map merged over it.
    pub fn load(user: Option<&str>) -> Result<Keymap, KeymapError> {
        let mut sections = parse_sections(DEFAULT_KEYMAP)?;
        if let Some(user) = user {
            for (section, actions) in parse_sections(user)? {
                let entry = sections.entry(section).or_default();
                entry.extend(actions);
            }
        }
        let keymap = Keymap::from_sections(&sections)?;
        keymap.check_conflicts()?;
        Ok(keymap)
    }

    fn from_sections(sections: &Sections) -> Result<Keymap, KeymapError> {
        let mut bindings: HashMap<Context, Vec<(Action, Vec<KeyChord>)>> = HashMap::new();
        for (section, actions) in sections {
            let context =
                Context::parse(section).ok_or_else(|| KeymapError::UnknownSection { section: section.clone() })?;
            for (name, keys) in actions {
                let action = Action::parse(name)
                    .ok_or_else(|| KeymapError::UnknownAction { section: section.clone(), action: name.clone() })?;
                let chords = keys
                    .iter()
                    .map(|k| KeyChord::parse(k).map_err(|e| KeymapError::BadKey(format!("[{section}] {name}: {e}"))))
                    .collect::<Result<Vec<_>, _>>()?;
                bindings.entry(context).or_default().push((action, chords));
            }
        }
        Ok(Keymap { bindings })
    }

    /// The bindings in force on a screen, most specific context first. An
    /// action a screen's section binds takes only those keys there: its
    /// keys from the shared sections are set aside on that screen (the
    /// checklist answers "u" for unknown, and undoes with Ctrl-Z).
    fn in_force(&self, screen: Context) -> Vec<(Context, Action, &[KeyChord])> {
        let mut out: Vec<(Context, Action, &[KeyChord])> = Vec::new();
        for context in screen.stack() {
            for (action, chords) in self.bindings.get(&context).into_iter().flatten() {
                if !out.iter().any(|(c, a, _)| a == action && *c != context) {
                    out.push((context, *action, chords.as_slice()));
                }
            }
        }
        out
    }

    fn check_conflicts(&self) -> Result<(), KeymapError> {
        for screen in Context::screens() {
            let mut seen: HashMap<KeyChord, (Action, Context)> = HashMap::new();
            for (context, action, chords) in self.in_force(screen) {
                for chord in chords {
                    match seen.get(chord) {
                        Some((other, other_ctx)) if *other != action => {
                            return Err(KeymapError::Conflict(format!(
                                "key {chord} would mean both {} ([{}]) and {} ([{}]) on the {} screen; \
                                 bind one of them to another key",
                                other.as_str(),
                                other_ctx.name(),
                                action.as_str(),
                                context.name(),
                                screen.name()
                            )))
                        }
                        _ => {
                            seen.insert(*chord, (action, context));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The action a key means on a screen, most specific context first.
    pub fn lookup(&self, screen: Context, chord: KeyChord) -> Option<Action> {
        self.in_force(screen).into_iter().find(|(_, _, chords)| chords.contains(&chord)).map(|(_, a, _)| a)
    }

    pub fn lookup_in(&self, context: Context, chord: KeyChord) -> Option<Action> {
        self.bindings.get(&context)?.iter().find(|(_, chords)| chords.contains(&chord)).map(|(action, _)| *action)
    }

    /// The keys for an action on a screen, for the footer and help.
    pub fn keys_for(&self, screen: Context, action: Action) -> Vec<KeyChord> {
        self.in_force(screen)
            .into_iter()
            .filter(|(_, a, _)| *a == action)
            .flat_map(|(_, _, chords)| chords.iter().copied())
            .collect()
    }

    /// Whether `action`'s keys in `context` are set aside on `screen`
    /// because a more specific section there binds it (see `in_force`).
    pub fn shadowed(&self, screen: Context, context: Context, action: Action) -> bool {
        screen
            .stack()
            .into_iter()
            .take_while(|c| *c != context)
            .any(|c| self.bindings.get(&c).is_some_and(|b| b.iter().any(|(a, _)| *a == action)))
    }

    /// The first key for an action, displayed ("" when unbound).
    pub fn key_label(&self, screen: Context, action: Action) -> String {
        self.keys_for(screen, action).first().map(|k| k.to_string()).unwrap_or_default()
    }

    /// Every binding of a context, in keymap order, for the help screen.
    pub fn bindings_of(&self, context: Context) -> Vec<(Action, Vec<KeyChord>)> {
        self.bindings.get(&context).cloned().unwrap_or_default()
    }
}

fn parse_sections(text: &str) -> Result<Sections, KeymapError> {
    toml::from_str::<Sections>(text).map_err(|e| KeymapError::Syntax(e.message().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(s: &str) -> KeyChord {
        KeyChord::parse(s).unwrap()
    }

    #[test]
    fn the_default_keymap_loads_without_conflicts() {
        let map = Keymap::load(None).unwrap();
        assert_eq!(map.lookup(Context::Today, chord("c")), Some(Action::Complete));
        assert_eq!(map.lookup(Context::Today, chord("q")), Some(Action::Quit));
        assert_eq!(map.lookup(Context::Intake, chord("ctrl-s")), Some(Action::Save));
        assert_eq!(map.lookup(Context::Deadlines, chord("space")), Some(Action::Tag));
    }

    #[test]
    fn every_action_has_a_key_somewhere() {
        let map = Keymap::load(None).unwrap();
        for action in Action::ALL {
            let bound = Context::screens().iter().any(|s| !map.keys_for(*s, *action).is_empty());
            assert!(bound, "{} has no key", action.as_str());
        }
    }

    #[test]
    fn a_user_binding_replaces_the_default_for_that_action() {
        let map = Keymap::load(Some("[today]\ncomplete = [\"x\"]\n")).unwrap();
        assert_eq!(map.lookup(Context::Today, chord("x")), Some(Action::Complete));
        assert_eq!(map.lookup(Context::Today, chord("c")), None);
    }

    #[test]
    fn a_conflicting_binding_is_refused_naming_both_actions() {
        let err = Keymap::load(Some("[today]\ncomplete = [\"q\"]\n")).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("quit") && text.contains("complete"), "{text}");
        assert!(matches!(err, KeymapError::Conflict(_)));
    }

    /// Issue 16: the checklist answers with u, so it binds undo itself
    /// (Ctrl-Z); Deadlines keeps U for its tags and redoes with Ctrl-Y.
    #[test]
    fn a_screen_binding_a_shared_action_takes_only_its_own_keys_there() {
        let map = Keymap::load(None).unwrap();
        assert_eq!(map.lookup(Context::Checklist, chord("u")), Some(Action::AnswerUnknown));
        assert_eq!(map.keys_for(Context::Checklist, Action::Undo), vec![chord("ctrl-z")]);
        assert_eq!(map.lookup(Context::Today, chord("u")), Some(Action::Undo));
        assert_eq!(map.lookup(Context::Deadlines, chord("U")), Some(Action::ClearTags));
        assert_eq!(map.keys_for(Context::Deadlines, Action::Redo), vec![chord("ctrl-y")]);
        assert_eq!(map.lookup(Context::Today, chord("U")), Some(Action::Redo));
        assert!(map.shadowed(Context::Checklist, Context::Global, Action::Undo));
        assert!(!map.shadowed(Context::Today, Context::Global, Action::Undo));
    }

    #[test]
    fn unknown_names_are_refused_clearly() {
        assert!(matches!(Keymap::load(Some("[today]\nfly = [\"z\"]\n")), Err(KeymapError::UnknownAction { .. })));
        assert!(matches!(Keymap::load(Some("[moon]\nquit = [\"z\"]\n")), Err(KeymapError::UnknownSection { .. })));
        assert!(matches!(Keymap::load(Some("[today]\nquit = [\"hyper-z\"]\n")), Err(KeymapError::BadKey(_))));
        assert!(matches!(Keymap::load(Some("not toml [")), Err(KeymapError::Syntax(_))));
    }

    /// Found by `tests/fuzz_inputs.rs` (the keymap fuzz checks): a section
    /// name with an escape sequence went to the terminal as it was.
    #[test]
    fn a_refusal_never_carries_control_characters_to_the_terminal() {
        let err = Keymap::load(Some("[\"\\u001b[2J\"]\nquit = [\"z\"]\n")).unwrap_err().to_string();
        assert!(!err.chars().any(char::is_control), "{err:?}");
        assert!(err.contains(r"[\u{1b}[2J]"), "shown visibly escaped: {err}");
        // Found by the same checks: a key named by a control character.
        let key = Keymap::load(Some("[form]\nsave = [\"\\u001b\"]\nquit = [\"\\u001b\"]\n")).unwrap_err();
        assert!(matches!(key, KeymapError::BadKey(_)), "{key:?}");
        assert!(!key.to_string().chars().any(char::is_control), "{key:?}");
        let plain = Keymap::load(Some("[moon]\nquit = [\"z\"]\n")).unwrap_err().to_string();
        assert!(plain.starts_with("keymap: [moon] is not a section"), "{plain}");
    }

    #[test]
    fn shift_is_carried_by_the_character() {
        let from_terminal = KeyChord::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(from_terminal, chord("G"));
        assert_eq!(KeyChord::new(KeyCode::BackTab, KeyModifiers::SHIFT), chord("backtab"));
        assert_eq!(KeyChord::new(KeyCode::Char('S'), KeyModifiers::CONTROL), chord("ctrl-s"));
    }

    #[test]
    fn form_keys_cannot_be_typed() {
        let map = Keymap::load(None).unwrap();
        for (action, chords) in map.bindings_of(Context::Form) {
            for c in chords {
                assert!(!c.is_printable(), "{} on {c} would swallow typing", action.as_str());
            }
        }
    }

    #[test]
    fn keys_display_readably() {
        assert_eq!(chord("ctrl-s").to_string(), "Ctrl-S");
        assert_eq!(chord("space").to_string(), "Space");
        assert_eq!(chord("pagedown").to_string(), "PgDn");
    }
}
