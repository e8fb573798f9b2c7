//! Stored documents no case names any more. Undo of an attach keeps the
//! stored file, because redo brings the row back naming it; a file goes
//! once no row names it and no redo can bring one back. That sweep runs
//! with every backup (so the day's backup, at the latest, clears what an
//! undo left): listing the whole folder is too slow for every save, and a
//! backup reads the stored files anyway. Retention erasure does not wait:
//! its files go as soon as it is saved (`Store::sweep_documents`).

use std::collections::HashSet;
use std::fs;

use rusqlite::params;

use super::writes::redoable_undos;
use super::{Store, StoreResult};

/// Whether `name` is a stored document's name: a SHA-256 in hex.
pub(super) fn is_hash_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Store {
    /// Remove every stored file that no row names and no redo can bring
    /// back. Returns how many went.
    pub(crate) fn sweep_unnamed_documents(&self) -> StoreResult<usize> {
        // The day's backup in the interface reads through a connection that
        // cannot write: files beside the desk can still go, rows cannot.
        if self.read_only && self.encrypted {
            return Ok(0);
        }
        let spared = self.redoable_documents()?;
        let mut removed = 0;
        for sha256 in self.stored_hashes()? {
            if spared.contains(&sha256) || self.is_named(&sha256)? {
                continue;
            }
            let gone = if self.encrypted {
                self.conn().execute("DELETE FROM document_content WHERE sha256 = ?1", params![sha256])? > 0
            } else {
                self.documents_folder().is_some_and(|f| fs::remove_file(f.join(&sha256)).is_ok())
            };
            removed += usize::from(gone);
        }
        Ok(removed)
    }

    fn is_named(&self, sha256: &str) -> StoreResult<bool> {
        let named = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM case_document WHERE sha256 = ?1)",
            params![sha256],
            |r| r.get(0),
        )?;
        Ok(named)
    }

    /// Every hash the desk holds a file (or, encrypted, the content) for.
    fn stored_hashes(&self) -> StoreResult<Vec<String>> {
        if self.encrypted {
            let mut stmt = self.conn().prepare("SELECT sha256 FROM document_content")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            return Ok(rows.collect::<Result<_, _>>()?);
        }
        let Some(Ok(entries)) = self.documents_folder().map(fs::read_dir) else { return Ok(Vec::new()) };
        let names = entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned());
        Ok(names.filter(|n| is_hash_name(n)).collect())
    }

    /// The hashes of the documents whose attaching an undo took back and a
    /// redo can still put back.
    fn redoable_documents(&self) -> StoreResult<HashSet<String>> {
        let mut spared = HashSet::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT json_extract(before_json, '$.sha256') FROM audit_log
             WHERE txn = ?1 AND entity = 'case_document' AND op = 'erase'",
        )?;
        for undo in redoable_undos(self.conn())? {
            let rows = stmt.query_map(params![undo], |r| r.get::<_, Option<String>>(0))?;
            spared.extend(rows.filter_map(Result::ok).flatten());
        }
        Ok(spared)
    }
}
