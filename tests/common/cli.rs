//! Running the built `casedesk` binary as a user would, with none of the
//! developer's own settings leaking into the test.

use std::path::Path;

use assert_cmd::assert::Assert;
use assert_cmd::Command;

/// The day every command-line test runs on (a Friday).
pub const TODAY: &str = "2026-11-20";

/// The binary, without the environment variables that would point it at
/// the developer's own database, day or templates.
pub fn casedesk() -> Command {
    let mut cmd = Command::cargo_bin("casedesk").expect("binary built");
    cmd.env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY").env_remove("CASEDESK_CONFIG_DIR");
    cmd
}

/// `casedesk --db DB --today TODAY ARGS…`, to assert on.
pub fn run(db: &Path, args: &[&str]) -> Assert {
    casedesk().arg("--db").arg(db).args(["--today", TODAY]).args(args).assert()
}

/// What a command wrote to standard output (always UTF-8).
pub fn stdout_of(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("standard output is UTF-8")
}

/// What a command wrote to standard error.
pub fn stderr_of(assert: &Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}
