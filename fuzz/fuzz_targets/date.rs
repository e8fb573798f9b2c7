//! `cargo +nightly fuzz run date`: see `checks::date` for what is asserted.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The parser takes text; other bytes never reach it.
    if let Ok(text) = std::str::from_utf8(data) {
        checks::date(text);
    }
});
