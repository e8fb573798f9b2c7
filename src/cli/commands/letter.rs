//! `casedesk letter`: write a letter from a template, or list the templates
//! and the case's letters.

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::export::letters::{list_for, template_info, write_requested, LetterRequest};
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, request: &LetterRequest<'_>, list: bool) -> Result<(), Failure> {
    desk.guard_output(request.output.filter(|_| !list))?;
    let mut store = desk.open(OpenMode::MustExist)?;
    if list {
        let text = list_for(&store, request.case_ref, desk.today)?;
        crate::say!("{}", text.trim_end_matches('\n'));
        return Ok(());
    }
    let written = write_requested(&mut store, desk.today, request)?;
    let title = request.template.and_then(|t| template_info(t.trim()).ok()).map_or("Letter", |t| t.title);
    crate::say!(
        "Wrote \"{}\" for {} to {}; the disclosure to {} is logged.",
        title,
        request.case_ref.trim(),
        written.path.display(),
        written.recipient
    );
    Ok(())
}
