//! Where casedesk keeps things on this machine: its config folder (the
//! keymap, letter templates), its data folder (the default database) and
//! the folder exports go to. One place, so the interface, the letters and
//! the command line always look in the same folders.

use std::path::PathBuf;

use anyhow::Context as _;

/// Names the config directory in place of the platform's, e.g. for tests
/// or a shared desk.
pub const CONFIG_DIR_ENV: &str = "CASEDESK_CONFIG_DIR";

/// Names the folder exports go to in place of the documents folder.
pub const EXPORT_DIR_ENV: &str = "CASEDESK_EXPORT_DIR";

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("uk", "casedesk", "casedesk")
}

/// casedesk's config directory, where keymap.toml and `letters/` live:
/// `$CASEDESK_CONFIG_DIR` when set, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => project().map(|d| d.config_dir().to_path_buf()),
    }
}

/// The config directory as a person is told of it.
pub fn config_dir_hint() -> String {
    config_dir().map_or_else(|| "the casedesk config directory".to_string(), |p| p.display().to_string())
}

/// Where the database lives when no path is given.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = project().context("cannot find a home directory for the database: pass --db PATH")?;
    Ok(dirs.data_dir().join("casedesk.db"))
}

/// Where exports go: `$CASEDESK_EXPORT_DIR` when set, else the platform
/// documents folder, else the data folder.
pub fn export_dir() -> PathBuf {
    if let Ok(dir) = std::env::var(EXPORT_DIR_ENV) {
        if !dir.trim().is_empty() {
            return PathBuf::from(dir);
        }
    }
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.join("casedesk")))
        .or_else(|| project().map(|d| d.data_dir().join("exports")))
        .unwrap_or_else(|| PathBuf::from("exports"))
}
