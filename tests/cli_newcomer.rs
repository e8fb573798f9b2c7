//! What a newcomer meets first: demo data kept out of the real desk, shell
//! completions and the man page.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{casedesk, stderr_of, stdout_of, TODAY};
use tempfile::TempDir;

/// casedesk with a home of its own, so the default database is a file in
/// `home` and never the developer's.
fn casedesk_at_home(home: &Path) -> assert_cmd::Command {
    let mut cmd = casedesk();
    cmd.env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("APPDATA", home.join("data")).env("LOCALAPPDATA", home.join("data"));
    cmd
}

/// Every file under `dir`, however deep.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().flat_map(|e| if e.path().is_dir() { files_under(&e.path()) } else { vec![e.path()] }).collect()
}

#[test]
fn demo_refuses_the_default_database_and_says_what_to_type() {
    let home = TempDir::new().unwrap();
    let refused = casedesk_at_home(home.path()).args(["--today", TODAY, "demo", "--cases", "5"]).assert().code(2);
    let stderr = stderr_of(&refused);
    assert!(stderr.contains("casedesk --db try.db demo") && stderr.contains("--into-default"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(files_under(home.path()).iter().all(|f| f.extension().is_none_or(|e| e != "db")), "a database was made");
}

#[test]
fn demo_into_the_default_database_when_asked() {
    let home = TempDir::new().unwrap();
    let args = ["--today", TODAY, "demo", "--cases", "5", "--into-default"];
    let out = stdout_of(&casedesk_at_home(home.path()).args(args).assert().success());
    assert!(out.contains("Wrote 5 invented cases"), "{out}");
    assert!(files_under(home.path()).iter().any(|f| f.ends_with("casedesk.db")));
}

#[test]
fn demo_into_a_named_file_needs_no_asking() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("try.db");
    casedesk_at_home(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", TODAY, "demo", "--cases", "5"])
        .assert()
        .success();
    assert!(db.exists());
}

#[test]
fn completions_are_written_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(&casedesk().args(["completions", shell]).assert().success());
        assert!(out.contains("summary") && out.contains("casedesk"), "{shell}: {out}");
    }
    casedesk().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_is_roff_naming_the_commands() {
    let out = stdout_of(&casedesk().arg("manpage").assert().success());
    // clap_mangen opens with two roff lines defining the apostrophe, then the title.
    let title = out.lines().find(|l| !l.starts_with(".ie") && !l.starts_with(".el")).unwrap_or_default();
    assert!(title.starts_with(".TH casedesk 1"), "{}", &out[..out.len().min(200)]);
    for command in ["summary", "demo", "completions"] {
        assert!(out.contains(command), "{command} missing from the man page");
    }
}

/// Issue 16 §7: the settings choose the folder the desk's files go to, kept
/// on this computer; `settings` says where they go; a folder that does not
/// exist is refused in a sentence.
#[test]
fn the_export_folder_is_chosen_in_the_settings_and_shown() {
    let home = TempDir::new().unwrap();
    let db = home.path().join("desk.db");
    let at_home = || {
        let mut cmd = casedesk_at_home(home.path());
        cmd.env_remove("CASEDESK_EXPORT_DIR").arg("--db").arg(&db).args(["--today", TODAY]);
        cmd
    };
    at_home().arg("init").assert().success();
    let chosen = home.path().join("Shared").join("casedesk out");
    std::fs::create_dir_all(&chosen).unwrap();

    let said = stdout_of(&at_home().args(["settings", "exports"]).arg(&chosen).assert().success());
    assert!(said.contains(&format!("Files from the desk now go to {}.", chosen.display())), "{said}");
    let shown = stdout_of(&at_home().arg("settings").assert().success());
    assert!(shown.contains(&format!("Files from the desk go to {}", chosen.display())), "{shown}");

    let missing = home.path().join("no such folder");
    let refused = at_home().args(["settings", "exports"]).arg(&missing).assert().code(2);
    let stderr = stderr_of(&refused);
    assert!(stderr.contains("is not a folder: create it first"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    // The refusal left the earlier choice in place.
    let shown = stdout_of(&at_home().arg("settings").assert().success());
    assert!(shown.contains(&format!("Files from the desk go to {}", chosen.display())), "{shown}");
}
