//! A case's documents on file: attaching one, logging its opening, and
//! letting them go when the case is erased. The stored file itself is the
//! business of `store::documents`; these are the audited rows.

use chrono::NaiveDate;
use rusqlite::params;

use super::{date, int, text, Tx};
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::limits::{check_lengths, TextKind};
use crate::store::{StoreError, StoreResult};

/// A document to keep on a case, its file already read and hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub case_id: i64,
    pub title: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// The day it was attached.
    pub on: NaiveDate,
}

impl Tx<'_> {
    /// Keep a document on a case. `content` is the file itself on an
    /// encrypted desk (kept inside it, once per hash), None where the file
    /// is already in the documents folder.
    pub fn add_document(&mut self, doc: &NewDocument, content: Option<&[u8]>) -> StoreResult<i64> {
        check_lengths(&[
            ("document title", TextKind::Short, Some(&doc.title)),
            ("file name", TextKind::Short, Some(&doc.file_name)),
        ])?;
        if doc.title.trim().is_empty() {
            return Err(StoreError::Invalid("Give the document a title.".into()));
        }
        self.case_status(doc.case_id)?;
        if let Some(bytes) = content {
            self.conn().execute(
                "INSERT OR IGNORE INTO document_content (sha256, content) VALUES (?1, ?2)",
                params![doc.sha256, bytes],
            )?;
        }
        let cols = vec![
            ("case_id", int(doc.case_id)),
            ("title", text(doc.title.trim())),
            ("file_name", text(doc.file_name.clone())),
            ("sha256", text(doc.sha256.clone())),
            ("size_bytes", int(doc.size_bytes)),
            ("attached_on", date(doc.on)),
            ("attached_by", text(self.user().to_string())),
        ];
        self.insert("case_document", Some(doc.case_id), cols)
    }

    /// Log that a document was opened: a consultation of the case's records
    /// (DPA 2018 s.62), naming the document.
    pub fn log_document_opened(&mut self, document_id: i64) -> StoreResult<()> {
        let (case_id, title): (i64, String) = self.conn().query_row(
            "SELECT case_id, title FROM case_document WHERE id = ?1",
            params![document_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut entry = AuditEntry::new(AuditOp::Consult, "case_document", document_id).case(case_id);
        entry.justification = Some(format!("opened the document “{title}”"));
        self.audit(&entry)
    }

    /// Remove every document of the case (retention erasure): the rows go,
    /// audited, and their files once no other row names them.
    pub(crate) fn erase_case_documents(&mut self, case_id: i64, why: &str) -> StoreResult<usize> {
        let docs: Vec<(i64, String)> = {
            let mut stmt = self.conn().prepare_cached("SELECT id, sha256 FROM case_document WHERE case_id = ?1")?;
            let rows = stmt.query_map(params![case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (id, sha256) in &docs {
            self.remove("case_document", *id, Some(case_id), why)?;
            self.released.push(sha256.clone());
        }
        Ok(docs.len())
    }
}
