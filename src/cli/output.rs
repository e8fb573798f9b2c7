//! What the commands print beside their lines of text.

use std::path::Path;

use anyhow::Context as _;

/// A document the library returned goes to standard output as it is (its
/// every field is already inert); one it wrote to `output` is said on
/// standard error, in the words `wrote` gives. `failed` says what could not
/// be done if the printing fails.
pub(super) fn print_or_say_written(
    document: Option<Vec<u8>>,
    output: Option<&Path>,
    failed: &'static str,
    wrote: impl FnOnce(&Path) -> String,
) -> anyhow::Result<()> {
    match (document, output) {
        (Some(document), _) => std::io::Write::write_all(&mut std::io::stdout(), &document).context(failed),
        (None, Some(path)) => {
            crate::tell!("{}", wrote(path));
            Ok(())
        }
        (None, None) => Ok(()),
    }
}
