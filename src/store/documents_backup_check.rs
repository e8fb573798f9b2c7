//! `check` on the copies of documents kept beside each rolling backup: a
//! file of its own because it reads both the rolling backups (`rolling.rs`)
//! and the documents' copies (`documents_backup.rs`), and rotating backups
//! already removes those copies (rolling uses documents_backup).

use std::fs;

use rusqlite::OptionalExtension;

use super::documents::{folder, hash};
use super::documents_sweep::is_hash_name;
use super::{Store, StoreResult};

impl Store {
    /// Each copy of a document kept beside a rolling backup that is no
    /// longer what was backed up, in a sentence naming the case and title
    /// (as the desk knows them) and the backup. A copy the backup lacks is
    /// found by `check` on that backup once restored, or on a copy made with
    /// `casedesk backup`, whose documents sit beside it.
    pub(super) fn check_backup_documents(&self) -> StoreResult<Vec<String>> {
        let Some(db) = self.path() else { return Ok(Vec::new()) };
        let mut found = Vec::new();
        for backup in super::rolling::rolling_backups(db) {
            let Ok(entries) = fs::read_dir(folder(&backup)) else { continue };
            let shown = super::files::file_name(&backup);
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !is_hash_name(&name) || fs::read(entry.path()).is_ok_and(|b| hash(&b) == name) {
                    continue;
                }
                let what = self.document_named(&name)?;
                found.push(format!("the copy of {what} kept with the backup {shown} was changed after it was made"));
            }
        }
        Ok(found)
    }

    /// "the document “TITLE” of REF" for the first row naming `sha256`.
    fn document_named(&self, sha256: &str) -> StoreResult<String> {
        let named: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT d.title, c.ref FROM case_document d JOIN case_file c ON c.id = d.case_id
                 WHERE d.sha256 = ?1 ORDER BY d.id LIMIT 1",
                [sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match named {
            Some((title, reference)) => format!("the document “{title}” of {reference}"),
            None => "a document no case on the desk names now".to_string(),
        })
    }
}
