//! What the store has to tell a watching person while it works: a long
//! backup before the desk opens, a wait for another casedesk's write. The
//! store never prints; whoever runs it (the command line) says where these
//! notes go, and without that they go nowhere.

use std::sync::OnceLock;

static SINK: OnceLock<fn(&str)> = OnceLock::new();

/// Send the store's notes to `sink` from now on. The first call wins: one
/// process, one place its notes go.
pub fn send_notes_to(sink: fn(&str)) {
    let _ = SINK.set(sink);
}

/// Pass `text` on, if anyone listens.
pub(crate) fn note(text: &str) {
    if let Some(sink) = SINK.get() {
        sink(text);
    }
}
