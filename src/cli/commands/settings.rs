//! `casedesk settings`: who you are at this desk and the services' letter
//! profiles (who sends each service's letters) and how dates are shown;
//! `settings me` sets your name and role, `settings set` one profile field,
//! `settings --date-style` the dates' style, each audited.

use crate::cli::desk::Desk;
use std::io::Read;
use std::path::Path;

use crate::cli::failure::{usage, Failure};
use crate::domain::dates::DateStyle;
use crate::domain::logo::MAX_LOGO_BYTES;
use crate::domain::types::{ProfileField, Sender};
use crate::store::OpenMode;

/// Print both profiles, every field by its label, and how to set one.
pub fn show(desk: Desk<'_>) -> Result<(), Failure> {
    let store = desk.open(OpenMode::ToRead)?;
    for sender in Sender::ALL.iter().copied() {
        let profile = store.service_profile(sender)?;
        crate::say!("{}", sender.label());
        for field in ProfileField::ALL.iter().copied() {
            let value = profile.get(field).unwrap_or("(not filled in)");
            crate::say!("  {:<18} {value}", field.label());
        }
        let logo = match &profile.logo {
            Some(logo) => format!(
                "{} image, {} by {} pixels, {} KB",
                logo.kind.as_str().to_uppercase(),
                logo.pixels.0,
                logo.pixels.1,
                logo.bytes.len().div_ceil(1024)
            ),
            None => "(none)".into(),
        };
        crate::say!("  {:<18} {logo}", "Logo");
    }
    let account = store.account();
    match store.desk_user() {
        Ok(Some(me)) => crate::say!("You ({account}): {}, {}", me.name, me.role),
        _ => crate::say!("You ({account}): no name given; changes are recorded as {account}"),
    }
    crate::say!("Dates are shown as {}.", store.date_style().label());
    crate::say!("Set a field with `casedesk settings set --service oocd|rj --field FIELD --value TEXT`.");
    crate::say!("Set a logo for Word letters with `casedesk settings logo --service oocd|rj FILE.png|FILE.jpg`.");
    crate::say!("Set your name with `casedesk settings me --name NAME --role ROLE`.");
    crate::say!("Set how dates are shown with `casedesk settings --date-style STYLE`, e.g. \"20/11/2026\".");
    crate::say!("Files from the desk go to {}", crate::paths::export_dir().display());
    crate::say!("Choose that folder with `casedesk settings exports FOLDER`.");
    Ok(())
}

/// Keep the folder the desk writes its files to, on this computer.
pub fn set_exports(folder: &std::path::Path) -> Result<(), Failure> {
    let dir = crate::paths::choose_export_dir(folder)?;
    crate::say!("Files from the desk now go to {}.", dir.display());
    if std::env::var_os(crate::paths::EXPORT_DIR_ENV).is_some() {
        crate::say!("While ${} is set, files go there instead.", crate::paths::EXPORT_DIR_ENV);
    }
    Ok(())
}

/// Set how screens and printed tables show dates.
pub fn set_date_style(desk: Desk<'_>, style: DateStyle) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::MustExist)?;
    store.set_date_style(style)?;
    crate::say!("Dates are now shown as {} (csv and json files still write 2026-11-20).", style.label());
    Ok(())
}

/// Set one field of one service's profile.
pub fn set(desk: Desk<'_>, sender: Sender, field: ProfileField, value: &str) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::MustExist)?;
    store.write(|tx| tx.set_profile_field(sender, field, value))?;
    crate::say!("The {}'s {} is now {}.", sender.label(), field.label().to_lowercase(), value.trim());
    Ok(())
}

/// Set a service's logo from an image file, audited.
pub fn set_logo(desk: Desk<'_>, sender: Sender, file: &Path) -> Result<(), Failure> {
    let bytes = read_logo(file)?;
    let mut store = desk.open(OpenMode::MustExist)?;
    store.write(|tx| tx.set_profile_logo(sender, &bytes))?;
    crate::say!("The {}'s Word letters now carry the logo from {}.", sender.label(), file.display());
    Ok(())
}

/// The file's bytes, read no further than a logo may be, so that a huge
/// file named by mistake is refused without being read whole.
fn read_logo(file: &Path) -> Result<Vec<u8>, Failure> {
    let opened = std::fs::File::open(file)
        .map_err(|e| usage(format!("could not read the logo {}: {e}; check the file's name", file.display())))?;
    let mut bytes = Vec::new();
    opened
        .take(MAX_LOGO_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("could not read the logo {}: {e}", file.display())))?;
    Ok(bytes)
}

/// Set the name and role this account's changes are recorded under.
pub fn set_me(desk: Desk<'_>, name: &str, role: &str) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::MustExist)?;
    let me = store.set_desk_user(name, role)?;
    crate::say!("Changes you make are now recorded as {}.", me.who());
    Ok(())
}

/// `--service`: the code the command line takes, said in words when wrong.
pub fn parse_sender(text: &str) -> Result<Sender, String> {
    Sender::parse(text.trim()).ok_or_else(|| {
        format!("{text:?} is not a service: use oocd (the OOCD unit) or rj (the RJ & mediation service)")
    })
}

/// `--field`: one of the profile's fields by its code.
pub fn parse_field(text: &str) -> Result<ProfileField, String> {
    ProfileField::parse(text.trim()).ok_or_else(|| {
        let fields: Vec<&str> = ProfileField::ALL.iter().map(|f| f.as_str()).collect();
        format!("{text:?} is not a profile field: use one of {}", fields.join(", "))
    })
}

/// `--date-style`: a style by its example ("20/11/2026") or its name (iso).
pub fn parse_date_style(text: &str) -> Result<DateStyle, String> {
    DateStyle::parse(text).ok_or_else(|| {
        let styles: Vec<String> = DateStyle::ALL.iter().map(|s| format!("\"{}\"", s.label())).collect();
        format!("{text:?} is not a date style: use one of {}", styles.join(", "))
    })
}
