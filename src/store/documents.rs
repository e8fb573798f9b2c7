//! Documents kept on a case (a referral email, a signed outcome agreement, a
//! scanned letter). Each file is stored once, named by its SHA-256, in an
//! owner-only folder beside the desk; on an encrypted desk it goes inside the
//! encrypted file instead (`document_content`), so it is never on disk in
//! the clear. A stored file goes when no row names it any more: retention
//! erasure hands the hashes it let go to `Store::write` to sweep once the
//! change is saved; undo keeps the file for redo, and the next backup
//! sweeps it once no redo can bring its row back (`documents_sweep`).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::files::{create_private_file, db_stem, ensure_private_dir, parent_dir};
use super::writes::NewDocument;
use super::{Store, StoreError, StoreResult};

const MB: u64 = 1024 * 1024;
/// The largest file a case keeps: a scan or an email, not a video.
pub const MAX_DOCUMENT_BYTES: u64 = 50 * MB;

/// The folder beside the desk `db` that holds its documents.
pub fn folder(db: &Path) -> PathBuf {
    parent_dir(db).join(format!("{}-documents", db_stem(db)))
}

/// A file read in to be attached: its bytes, hash and name as it was.
pub struct Incoming {
    bytes: Vec<u8>,
    sha256: String,
    file_name: String,
}

/// The path as typed or pasted, without the quotes a file manager puts
/// round a dragged or copied path.
pub fn typed_path(typed: &str) -> PathBuf {
    let t = typed.trim();
    let unquoted =
        ['"', '\''].iter().find_map(|q| t.strip_prefix(*q).and_then(|rest| rest.strip_suffix(*q))).unwrap_or(t);
    PathBuf::from(unquoted.strip_prefix("file://").unwrap_or(unquoted))
}

/// Read a regular file of at most `MAX_DOCUMENT_BYTES`; a device, a FIFO or
/// a folder is refused before it is opened for reading.
pub fn read_incoming(path: &Path) -> StoreResult<Incoming> {
    let shown = path.display();
    let meta = fs::metadata(path)
        .map_err(|_| StoreError::Invalid(format!("No file is at {shown}: check the path and try again.")))?;
    if !meta.is_file() {
        return Err(StoreError::Invalid(format!("{shown} is not a file: give the path of a document to attach.")));
    }
    let too_big = || {
        StoreError::Invalid(format!(
            "{shown} is larger than {} MB, the most a case keeps: attach a smaller copy.",
            MAX_DOCUMENT_BYTES / MB
        ))
    };
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_big());
    }
    let file = fs::File::open(path).map_err(|e| StoreError::Invalid(format!("Cannot read {shown}: {e}.")))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Bounded again while reading: the file may grow after it was measured.
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::Invalid(format!("Cannot read {shown}: {e}.")))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_big());
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Incoming { sha256: hash(&bytes), bytes, file_name })
}

pub(super) fn hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Store `bytes` as `folder/sha256`, owner-only, unless it is there already.
/// Written to a private temporary name first, so a half-written file never
/// carries the hash's name.
fn shelve(folder: &Path, sha256: &str, bytes: &[u8]) -> StoreResult<()> {
    ensure_private_dir(folder)?;
    let target = folder.join(sha256);
    if target.is_file() && fs::read(&target).map(|b| hash(&b) == sha256).unwrap_or(false) {
        return Ok(());
    }
    let part = folder.join(format!("{sha256}.part"));
    let _ = fs::remove_file(&part);
    create_private_file(&part)?;
    let failed =
        |e: std::io::Error| StoreError::Invalid(format!("Cannot store the document in {}: {e}.", folder.display()));
    let mut out = fs::OpenOptions::new().write(true).open(&part).map_err(failed)?;
    out.write_all(bytes).and_then(|_| out.sync_all()).map_err(failed)?;
    fs::rename(&part, &target).map_err(failed)
}

impl Store {
    /// The folder this desk's documents are kept in, if it is a file.
    pub fn documents_folder(&self) -> Option<PathBuf> {
        self.path().map(folder)
    }

    /// Attach the file at `path` to the case on `on`, under `title` (its
    /// file name when none is given). Returns the new row's id.
    pub fn attach_document(
        &mut self,
        case_id: i64,
        path: &Path,
        title: Option<&str>,
        on: NaiveDate,
    ) -> StoreResult<i64> {
        let Some(folder) = self.documents_folder() else {
            return Err(StoreError::Invalid(
                "Documents are kept beside a desk file: open a desk saved on disk.".into(),
            ));
        };
        let incoming = read_incoming(path)?;
        let title = title.map(str::trim).filter(|t| !t.is_empty()).unwrap_or(&incoming.file_name).to_string();
        let doc = NewDocument {
            case_id,
            title,
            file_name: incoming.file_name.clone(),
            sha256: incoming.sha256.clone(),
            size_bytes: incoming.bytes.len() as i64,
            on,
        };
        if self.encrypted {
            return self.write(|tx| tx.add_document(&doc, Some(&incoming.bytes)));
        }
        shelve(&folder, &incoming.sha256, &incoming.bytes)?;
        self.write(|tx| tx.add_document(&doc, None))
    }

    /// The document's file to hand to the system's opener, its opening
    /// logged as a consultation of the case (DPA 2018 s.62). On an encrypted
    /// desk this is a decrypted copy in a private temporary folder, removed
    /// when casedesk quits.
    pub fn open_document(&mut self, document_id: i64) -> StoreResult<PathBuf> {
        let (sha256, file_name): (String, String) = self
            .conn()
            .query_row("SELECT sha256, file_name FROM case_document WHERE id = ?1", params![document_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("document {document_id}")))?;
        let path = if self.encrypted { self.private_copy(&sha256, &file_name)? } else { self.stored_path(&sha256)? };
        self.write(|tx| tx.log_document_opened(document_id))?;
        Ok(path)
    }

    fn stored_path(&self, sha256: &str) -> StoreResult<PathBuf> {
        let folder = self.documents_folder().unwrap_or_default();
        let path = folder.join(sha256);
        if !path.is_file() {
            return Err(StoreError::Invalid(format!(
                "The document's file is missing from {}: restore it from a backup, then run `casedesk check`.",
                folder.display()
            )));
        }
        Ok(path)
    }

    /// A decrypted copy for the opener, owner-only in this session's private
    /// folder, which goes when casedesk quits (see `opened`).
    fn private_copy(&mut self, sha256: &str, file_name: &str) -> StoreResult<PathBuf> {
        let bytes = self.stored_content(sha256)?.ok_or_else(|| {
            StoreError::Invalid("The document's content is missing from the desk: restore it from a backup.".into())
        })?;
        if self.opened.is_none() {
            self.opened = Some(super::opened::Session::start(&std::env::temp_dir())?);
        }
        let dir = self.opened.as_ref().map(|s| s.folder().to_path_buf()).unwrap_or_default();
        let path = dir.join(file_name.replace(['/', '\\'], "_"));
        let _ = fs::remove_file(&path);
        create_private_file(&path)?;
        fs::write(&path, bytes).map_err(|e| StoreError::Invalid(format!("Cannot write {}: {e}.", path.display())))?;
        Ok(path)
    }

    fn stored_content(&self, sha256: &str) -> StoreResult<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .query_row("SELECT content FROM document_content WHERE sha256 = ?1", params![sha256], |r| r.get(0))
            .optional()?)
    }

    /// Remove each stored file of `released` that no row names any more.
    /// Best effort: a file left behind is only a file no case lists.
    pub(super) fn sweep_documents(&mut self, released: &[String]) {
        for sha256 in released {
            let named: bool = self
                .conn()
                .query_row("SELECT EXISTS (SELECT 1 FROM case_document WHERE sha256 = ?1)", params![sha256], |r| {
                    r.get(0)
                })
                .unwrap_or(true);
            if named {
                continue;
            }
            if self.encrypted {
                let _ = self.conn().execute("DELETE FROM document_content WHERE sha256 = ?1", params![sha256]);
            } else if let Some(folder) = self.documents_folder() {
                let _ = fs::remove_file(folder.join(sha256));
            }
        }
    }

    /// Each document whose stored file is missing or no longer what was
    /// attached, in a sentence naming the case and the title.
    pub fn check_documents(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT d.sha256, d.title, c.ref FROM case_document d JOIN case_file c ON c.id = d.case_id ORDER BY d.id",
        )?;
        let rows: Vec<(String, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        let mut found = Vec::new();
        for (sha256, title, reference) in rows {
            let bytes = if self.encrypted {
                self.stored_content(&sha256)?
            } else {
                self.documents_folder().and_then(|f| fs::read(f.join(&sha256)).ok())
            };
            match bytes {
                None => {
                    found.push(format!("the document “{title}” of {reference} is missing from the documents folder"))
                }
                Some(b) if hash(&b) != sha256 => {
                    found.push(format!("the document “{title}” of {reference} was changed after it was attached"))
                }
                Some(_) => {}
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quotes_a_file_manager_adds_are_not_part_of_the_path() {
        for typed in
            ["/home/a/scan 1.pdf", "'/home/a/scan 1.pdf'", "\"/home/a/scan 1.pdf\"", "  file:///home/a/scan 1.pdf\n"]
        {
            assert_eq!(typed_path(typed), PathBuf::from("/home/a/scan 1.pdf"), "{typed:?}");
        }
        // A quote that does not close is kept: it may be part of the name.
        assert_eq!(typed_path("'scan.pdf"), PathBuf::from("'scan.pdf"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::TempDir::new().unwrap();
        let big = dir.path().join("big.bin");
        fs::File::create(&big).unwrap().set_len(MAX_DOCUMENT_BYTES + 1).unwrap();
        let Err(e) = read_incoming(&big) else { panic!("a file over the limit was read") };
        assert!(e.to_string().contains("larger than 50 MB, the most a case keeps: attach a smaller copy"), "{e}");
    }
}
