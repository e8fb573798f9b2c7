//! The monkey test: seeded random keys and terminal sizes fed to the app over
//! a demo database. Nothing may panic, and the database must pass every check
//! afterwards (integrity, schema, audit chain).
//!
//! `CASEDESK_MONKEY_KEYS` sets how many keys (default 100,000) and
//! `CASEDESK_MONKEY_SEED` the seed (default 5), to reproduce a failure.

mod common;

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Characters typed, including the non-ASCII, wide and control-looking ones
/// a user can paste into a field.
const TYPED: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    'x', 'y', 'z', 'A', 'N', 'S', 'Y', '0', '1', '2', '5', '9', ' ', '-', '/', ':', '=', '+', '@', '?', '.', ',', '\'',
    '"', '|', '<', '>', '[', ']', 'é', 'ß', '山', '🙂', '\u{1b}', '\u{7}', '\u{0}', '\u{200b}', '\u{301}',
];

/// Terminal sizes drawn at, besides random ones: the smallest, the usual and
/// the largest we promise to survive.
const SIZES: &[(u16, u16)] = &[(1, 1), (80, 24), (300, 100), (100, 30), (2, 40), (200, 3)];

/// Draw after this many keys on average (`CASEDESK_MONKEY_KEYS_PER_DRAW`):
/// often enough to catch a layout that panics in some state, rarely enough
/// to keep the test short in a debug build.
const KEYS_PER_DRAW: u64 = 40;

fn random_key(rng: &mut ChaCha8Rng) -> KeyEvent {
    let code = match rng.random_range(0..100) {
        0..=54 => KeyCode::Char(TYPED[rng.random_range(0..TYPED.len())]),
        55..=64 => [KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace, KeyCode::Delete]
            [rng.random_range(0..6)],
        65..=84 => [
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ][rng.random_range(0..8)],
        85..=89 => KeyCode::F(rng.random_range(1..=12)),
        _ => KeyCode::Char(rng.random_range(b'a'..=b'z') as char),
    };
    let modifiers = match rng.random_range(0..20) {
        0..=1 => KeyModifiers::CONTROL,
        2 => KeyModifiers::ALT,
        3 => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, modifiers)
}

fn random_size(rng: &mut ChaCha8Rng) -> (u16, u16) {
    if rng.random_bool(0.5) {
        SIZES[rng.random_range(0..SIZES.len())]
    } else {
        (rng.random_range(1..=300), rng.random_range(1..=100))
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

#[test]
fn random_keys_and_sizes_never_panic_and_leave_the_database_intact() {
    let keys = env_number("CASEDESK_MONKEY_KEYS", 100_000);
    let seed = env_number("CASEDESK_MONKEY_SEED", 5);
    let keys_per_draw = env_number("CASEDESK_MONKEY_KEYS_PER_DRAW", KEYS_PER_DRAW).max(1);
    // Exports and letters the monkey asks for go to a scratch folder, and no
    // user's own templates or keymap are read.
    let scratch = tempfile::TempDir::new().unwrap();
    std::env::set_var("CASEDESK_EXPORT_DIR", scratch.path().join("exports"));
    std::env::set_var("CASEDESK_CONFIG_DIR", scratch.path().join("config"));
    eprintln!("monkey: {keys} keys, seed {seed} (set CASEDESK_MONKEY_KEYS / CASEDESK_MONKEY_SEED to repeat)");

    let started = Instant::now();
    let mut app = common::demo_app(60);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut quits, mut draws) = (0u32, 0u32);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for _ in 0..keys {
        app.handle_key(random_key(&mut rng));
        if app.quit {
            // Quitting is a fine outcome of a key; carry on with the same
            // state rather than start again, which explores further.
            app.quit = false;
            quits += 1;
        }
        if rng.random_range(0..keys_per_draw) == 0 {
            let (width, height) = random_size(&mut rng);
            terminal.backend_mut().resize(width, height);
            terminal.resize(ratatui::layout::Rect::new(0, 0, width, height)).unwrap();
            terminal.draw(|f| app.render(f)).unwrap();
            draws += 1;
        }
    }
    let report = app.store.check().expect("the check runs");
    assert!(report.is_ok(), "the database has faults after the monkey: {:?}", report.lines());
    eprintln!("monkey: {draws} draws, {quits} quits, {:.1?}", started.elapsed());
}
