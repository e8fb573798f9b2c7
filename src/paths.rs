//! Where casedesk keeps things on this machine: its config folder (the
//! keymap, letter templates), its data folder (the default database) and
//! the folder exports go to. One place, so the interface, the letters and
//! the command line always look in the same folders.

use std::path::{Path, PathBuf};

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

/// This machine's own settings (the export folder): a file in the config
/// directory, not the desk, because a folder is a place on one computer.
pub fn settings_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("settings.toml"))
}

/// The export folder chosen with `casedesk settings exports`, if any.
fn chosen_export_dir() -> Option<PathBuf> {
    let text = std::fs::read_to_string(settings_file()?).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    let dir = table.get(EXPORT_FOLDER_KEY)?.as_str()?.trim();
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

const EXPORT_FOLDER_KEY: &str = "export_folder";

/// Keep `dir` as the export folder in the settings file, other settings
/// left as they are. The folder must exist: a typo should not scatter
/// files into a new folder nobody looks in.
pub fn choose_export_dir(dir: &Path) -> anyhow::Result<PathBuf> {
    let dir = std::path::absolute(dir).with_context(|| format!("cannot use {} as a folder", dir.display()))?;
    anyhow::ensure!(dir.is_dir(), "{} is not a folder: create it first, or give another", dir.display());
    let file = settings_file().context("cannot find a config directory for the settings: set $CASEDESK_CONFIG_DIR")?;
    let mut table: toml::Table =
        std::fs::read_to_string(&file).ok().and_then(|t| toml::from_str(&t).ok()).unwrap_or_default();
    table.insert(EXPORT_FOLDER_KEY.into(), toml::Value::String(dir.display().to_string()));
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&file, toml::to_string(&table)?).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(dir)
}

/// Where exports go: `$CASEDESK_EXPORT_DIR` when set, else the folder chosen
/// in the settings, else the platform documents folder, else the data folder.
pub fn export_dir() -> PathBuf {
    if let Ok(dir) = std::env::var(EXPORT_DIR_ENV) {
        if !dir.trim().is_empty() {
            return PathBuf::from(dir);
        }
    }
    chosen_export_dir()
        .or_else(|| directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.join("casedesk"))))
        .or_else(|| project().map(|d| d.data_dir().join("exports")))
        .unwrap_or_else(|| PathBuf::from("exports"))
}
