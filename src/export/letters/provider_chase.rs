//! A chase to a provider for the returns it still owes (issue 14 §3): one
//! letter, headed by the OOCD unit's profile, listing each person referred
//! by case reference and initials (never by name), the condition, when it
//! was sent and the place booked, and asking for the attendance or
//! completion of each. It names several cases, so writing it is logged as a
//! disclosure to the provider on each of them, with the file, in one
//! transaction.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::docx::docx_from_markdown;
use super::sender::{sender_for, SenderFacts};
use super::words::letter_date;
use super::LetterFormat;
use crate::domain::directory::DirectoryKind;
use crate::domain::types::Service;
use crate::export::output::write_recorded;
use crate::export::safe::escape_markdown;
use crate::store::views::letters::NewLetter;
use crate::store::views::referrals::ProviderReferralRow;
use crate::store::Store;

/// The template's name, as `letter --template` takes it and the letter log keeps it.
pub const PROVIDER_CHASE: &str = "provider-chase";

/// What was written: where, to whom, and on how many cases it was logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChaseWritten {
    pub path: PathBuf,
    pub provider: String,
    pub referrals: usize,
    pub cases: usize,
}

/// Write the chase to the provider named (as the directory spells it, any case).
pub fn write_provider_chase(
    store: &mut Store,
    provider_name: &str,
    today: NaiveDate,
    path: &Path,
) -> anyhow::Result<ChaseWritten> {
    let format = LetterFormat::from_path(path)?;
    let wanted = provider_name.trim();
    let provider = store
        .directory(Some(DirectoryKind::Provider))?
        .into_iter()
        .find(|p| p.name.trim().eq_ignore_ascii_case(wanted))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no provider is named \"{wanted}\" in the directory: see `casedesk directory list --kind provider`"
            )
        })?;
    let rows = store.provider_returns_outstanding(Some(provider.id))?;
    if rows.is_empty() {
        anyhow::bail!("nothing is outstanding from {}: no referral to it awaits its return", provider.name);
    }
    let sender = sender_for(store, Service::Oocd)?;
    let markdown = chase_markdown(&sender, &provider.name, &rows, today);
    let bytes = match format {
        LetterFormat::Md => markdown.into_bytes(),
        LetterFormat::Docx => docx_from_markdown(&markdown, "Returns outstanding", sender.logo.as_ref())?,
    };
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let cases: BTreeSet<i64> = rows.iter().map(|r| r.case_id).collect();
    let (user, path_text) = (store.user().to_string(), path.display().to_string());
    write_recorded(store, &path, |tx| {
        for case_id in &cases {
            tx.record_letter(&NewLetter {
                case_id: *case_id,
                template: PROVIDER_CHASE,
                recipient: &provider.name,
                format: format.as_str(),
                path: &path_text,
                written_on: today,
                written_by: &user,
                overridden: None,
            })?;
        }
        Ok(((), bytes))
    })?;
    Ok(ChaseWritten { path, provider: provider.name, referrals: rows.len(), cases: cases.len() })
}

fn chase_markdown(sender: &SenderFacts, provider: &str, rows: &[ProviderReferralRow], today: NaiveDate) -> String {
    let mut out = String::new();
    out.push_str(&format!("**{}**\n\n", escape_markdown(&sender.name)));
    for line in &sender.address_lines {
        out.push_str(&format!("{}  \n", escape_markdown(line)));
    }
    out.push_str(&format!("{} · {}\n\n", escape_markdown(&sender.phone), escape_markdown(&sender.email)));
    out.push_str(&format!("{}\n\n", letter_date(today)));
    out.push_str(&format!("To: {}\n\n", escape_markdown(provider)));
    out.push_str("# Returns outstanding\n\n");
    out.push_str(
        "We referred the people below to you and have not yet had your return. For each, please tell us \
         whether they attended, did not attend, or completed, and on what date.\n\n",
    );
    for r in rows {
        let booked = r.booked_for.map_or(String::new(), |d| format!(", place booked for {}", letter_date(d)));
        let so_far = if r.returned.is_some() { "; attendance reported, completion awaited" } else { "" };
        out.push_str(&format!(
            "- {} ({}): {} — referred {}{booked}; to be completed by {}{so_far}\n",
            escape_markdown(&r.case_ref),
            escape_markdown(&r.initials),
            escape_markdown(&r.condition),
            letter_date(r.sent_on),
            letter_date(r.due_on)
        ));
    }
    out.push_str(&format!(
        "\nPlease reply to {} quoting each reference.\n\nYours faithfully,\n\n{}  \n{}\n",
        escape_markdown(&sender.email),
        escape_markdown(&sender.signatory),
        escape_markdown(&sender.role)
    ));
    out
}
