//! The real binary in a real terminal: a tmux server of the test's own, keys
//! sent as a person types them, the screen read back by polling (never a
//! fixed sleep). Needs tmux; `.ci/run` installs it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    pub session: &'static str,
}

impl Tmux {
    /// `casedesk --db DB --today 2026-11-20` in a `width` × `height`
    /// terminal. `name` keeps tests that run at once on separate servers.
    /// The desk gets `home` as its home and config directory, so a
    /// developer's own keymap.toml or templates cannot change what it does.
    pub fn start(name: &str, binary: &str, db: &Path, home: &Path, width: u16, height: u16) -> Tmux {
        Tmux::start_on(name, binary, db, home, "2026-11-20", width, height)
    }

    /// `start` on another day. The binary replaces the shell (`exec`), so
    /// the pane's process is casedesk itself and a kill reaches it.
    pub fn start_on(name: &str, binary: &str, db: &Path, home: &Path, today: &str, width: u16, height: u16) -> Tmux {
        // The desk is made first (when it is not there already) and told
        // who is at it, so the first-run question (who are you?) does not
        // take the keys a test sends; `start_unnamed` leaves it to be asked.
        let desk = format!("{binary} --db '{}' --today {today}", db.display());
        let before = format!(
            "{desk} init >/dev/null 2>&1; {desk} settings me --name 'Pat Tester' --role Tester >/dev/null 2>&1; "
        );
        Tmux::open(name, &command_line(&before, &desk, home), width, height)
    }

    /// `start`, without naming the person at the desk: the interface asks.
    pub fn start_unnamed(name: &str, binary: &str, db: &Path, home: &Path, width: u16, height: u16) -> Tmux {
        let desk = format!("{binary} --db '{}' --today 2026-11-20", db.display());
        Tmux::open(name, &command_line("", &desk, home), width, height)
    }

    fn open(name: &str, command: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("casedesk-e2e-{}-{name}", std::process::id());
        let status = Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-s", "e2e", "-x", &width.to_string(), "-y"])
            .arg(height.to_string())
            .arg(command)
            .env_remove("NO_COLOR")
            .env_remove("CASEDESK_DB")
            .env_remove("CASEDESK_TODAY")
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        Tmux { socket, session: "e2e" }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Type literal text (UTF-8 included).
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", self.session, "-l", text]);
    }

    /// Press named keys (Tab, Enter, C-s, Escape ...). After an Escape the
    /// next key waits a moment: an ESC byte followed at once by `q` is read
    /// by the terminal as Alt-q, as a person's keyboard never sends it.
    pub fn press(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", self.session, k]);
            if *k == "Escape" {
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", self.session])
    }

    /// Wait until the screen shows `text`, polling; fail with the screen.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {text:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The process running in the pane (casedesk itself, see `start_with`).
    pub fn pane_pid(&self) -> u32 {
        let text = self.tmux(&["list-panes", "-t", self.session, "-F", "#{pane_pid}"]);
        text.trim().parse().unwrap_or_else(|_| panic!("no pane process: {text:?}"))
    }

    pub fn is_running(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", self.session])
            .status()
            .is_ok_and(|s| s.success())
    }

    /// On Intake, type a referral's referrer, crime reference and offence
    /// (non-ASCII included), leaving the cursor in the offence.
    pub fn type_referral(&self, crime_ref: &str) {
        self.press(&["2"]);
        self.wait_for("Received on");
        // Past the received and reported dates to the referrer.
        self.press(&["Tab", "Tab", "Tab", "Tab"]);
        self.type_text("PC Łucja Nowak");
        self.press(&["Tab", "Tab"]);
        self.type_text(crime_ref);
        self.press(&["Tab"]);
        self.type_text("Criminal damage to a garden fence");
    }

    /// From Person 1's given names, type two people's names and save.
    pub fn type_two_people_and_save(&self, saved: &str) {
        self.type_text("Zoë");
        self.press(&["Tab"]);
        self.type_text("Ó Briain");
        // Date of birth, role, phone, email, address, enhanced rights: on to
        // the second person.
        self.press(&["Tab"; 7]);
        self.type_text("Seán");
        self.press(&["Tab"]);
        self.type_text("Müller-Łęcka");
        self.wait_for("Müller-Łęcka");
        self.press(&["C-s"]);
        self.wait_for(saved);
    }

    pub fn wait_for_exit(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.is_running() {
            assert!(Instant::now() < deadline, "casedesk did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

/// The shell line a session runs: the desk's own folders under `home`
/// (set in the command itself: a tmux server already running would not
/// pass this process's environment on), `before`, then the desk itself.
fn command_line(before: &str, desk: &str, home: &Path) -> String {
    let home = home.display();
    format!(
        "export HOME='{home}' XDG_CONFIG_HOME='{home}/.config' XDG_DATA_HOME='{home}/.local/share' \
         CASEDESK_CONFIG_DIR='{home}/config'; {before}exec {desk}"
    )
}

pub fn tmux_available() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// True when a test cannot run here: no tmux on a developer machine (it
/// says so). Under CI a missing tmux fails instead.
pub fn skip_without_tmux() -> bool {
    if tmux_available() {
        return false;
    }
    assert!(std::env::var_os("CI").is_none(), "tmux is required in CI: .ci/run installs it");
    eprintln!("SKIPPED: tmux is not installed (apt-get install tmux to run this end-to-end test)");
    true
}
