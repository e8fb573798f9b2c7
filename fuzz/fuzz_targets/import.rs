//! `cargo +nightly fuzz run import`: see `checks::import` for what is asserted.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Raw bytes: a tracker that is not UTF-8 must be refused, not crash.
    checks::import(data);
});
