//! `casedesk attach --case REF FILE [--title T]`: keep a document on a case.
//! The file is copied into the desk's documents folder (or, on an encrypted
//! desk, into the desk itself); the original is left where it was.

use std::path::Path;

use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::export::safe::inert;
use crate::store::documents::typed_path;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, case_ref: &str, file: &Path, title: Option<&str>) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::MustExist)?;
    let reference = case_ref.trim();
    let Some((case_id, _)) = store.case_by_ref(reference)? else {
        return Err(usage(format!(
            "There is no case with reference {}: check it with `casedesk find`.",
            inert(reference)
        )));
    };
    let path = typed_path(&file.to_string_lossy());
    store.attach_document(case_id, &path, title, desk.today)?;
    crate::tell!("Attached {} to {}.", inert(&path.display().to_string()), inert(reference));
    Ok(())
}
