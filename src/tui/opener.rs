//! Handing a file to the system's opener (xdg-open, open, start), without
//! waiting for it: the interface goes on while the document is read. Tests
//! put a hook in its place, so no program is launched.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// What opens a file instead of the system's opener (tests).
pub type Hook = fn(&Path) -> Result<(), String>;

static HOOK: Mutex<Option<Hook>> = Mutex::new(None);

/// From now on, `open` calls `hook` instead of launching a program.
pub fn use_instead(hook: Hook) {
    *HOOK.lock().unwrap_or_else(|e| e.into_inner()) = Some(hook);
}

/// Open `path` with the system's opener; an error says in words why not.
pub fn open(path: &Path) -> Result<(), String> {
    if let Some(hook) = *HOOK.lock().unwrap_or_else(|e| e.into_inner()) {
        return hook(path);
    }
    let mut command = system_opener(path);
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Reaped in the background: the interface never waits for the viewer.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("No program to open documents was found on this machine".into())
        }
        Err(e) => Err(format!("The system's opener could not be started ({e})")),
    }
}

#[cfg(target_os = "macos")]
fn system_opener(path: &Path) -> Command {
    let mut command = Command::new("open");
    command.arg(path);
    command
}

#[cfg(windows)]
fn system_opener(path: &Path) -> Command {
    let mut command = Command::new("cmd");
    command.args(["/C", "start", ""]).arg(path);
    command
}

#[cfg(all(unix, not(target_os = "macos")))]
fn system_opener(path: &Path) -> Command {
    let mut command = Command::new("xdg-open");
    command.arg(path);
    command
}
