//! Where a passphrase comes from: `CASEDESK_PASSPHRASE` for scripts, else
//! asked on the terminal without echo (always before the interface takes
//! the terminal over). `init` and `rekey` choose new ones here.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{anyhow, bail};

use crate::store::key::{self, Passphrase};
use crate::store::Store;

/// The passphrase of an encrypted desk, for scripts and tests.
pub const PASSPHRASE_ENV: &str = "CASEDESK_PASSPHRASE";
/// The new passphrase for `casedesk rekey`, for scripts and tests.
pub const NEW_PASSPHRASE_ENV: &str = "CASEDESK_NEW_PASSPHRASE";

/// The passphrase for `path` if it may be an encrypted desk and one can be
/// had. None otherwise: a plain file needs none, and for an encrypted one
/// the store then says how to give it.
pub(super) fn passphrase_for(path: &Path) -> anyhow::Result<Option<Passphrase>> {
    if !key::AVAILABLE || !key::looks_encrypted(path) {
        return Ok(None);
    }
    if let Some(given) = from_env(PASSPHRASE_ENV)? {
        return Ok(Some(given));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    ask_hidden(&format!("Passphrase for {}: ", path.display())).map(Some)
}

/// A note when a desk was just created unencrypted although a passphrase
/// was set: only `init --encrypt` makes an encrypted one.
pub(super) fn note_if_created_plain(created: bool, store: &Store) {
    if key::AVAILABLE && created && !store.is_encrypted() && std::env::var_os(PASSPHRASE_ENV).is_some() {
        crate::tell!(
            "casedesk: note: created a new database without encryption; {PASSPHRASE_ENV} only opens desks made with \
             `casedesk init --encrypt`"
        );
    }
}

/// A passphrase being chosen: from `env`, or asked twice on the terminal.
pub(super) fn choose(env: &str, prompt: &str) -> anyhow::Result<Passphrase> {
    let chosen = match from_env(env)? {
        Some(given) => given,
        None if std::io::stdin().is_terminal() => {
            let first = ask_hidden(&format!("{prompt}: "))?;
            let again = ask_hidden("The same again, to be sure: ")?;
            if first != again {
                bail!("the two passphrases differ; nothing was changed");
            }
            first
        }
        None => {
            bail!("give the passphrase in {env}, or run this in a terminal to be asked for it; nothing was changed")
        }
    };
    chosen.check_new()?;
    Ok(chosen)
}

/// A set, non-empty variable; an empty one counts as not given, as an
/// unset variable in a script expands to one.
fn from_env(env: &str) -> anyhow::Result<Option<Passphrase>> {
    match std::env::var_os(env) {
        None => Ok(None),
        Some(value) if value.is_empty() => Ok(None),
        Some(value) => {
            value.into_string().map(|text| Some(Passphrase::new(text))).map_err(|_| anyhow!("{env} is not valid text"))
        }
    }
}

#[cfg(feature = "encryption")]
fn ask_hidden(prompt: &str) -> anyhow::Result<Passphrase> {
    use anyhow::Context as _;
    let text = rpassword::prompt_password(prompt).context("cannot read the passphrase from the terminal")?;
    Ok(Passphrase::new(text))
}

#[cfg(not(feature = "encryption"))]
fn ask_hidden(_prompt: &str) -> anyhow::Result<Passphrase> {
    bail!("{}", key::HOW_TO_BUILD)
}
