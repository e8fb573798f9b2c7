//! Which format a written file takes: the one `--format` names, else the
//! one its extension names, so `-o day.xlsx` is a workbook and never
//! Markdown under an .xlsx name. One rule for every command with both.

use std::path::Path;

/// A document format that has a file extension of its own.
pub trait FileFormat: Copy + PartialEq + Sized + 'static {
    /// Every format, in the order they are offered.
    const ALL: &'static [Self];
    /// What the terminal gets when no file and no format are given.
    const TERMINAL: Self;
    fn extension(self) -> &'static str;
}

/// The format to write `output` in. A `--format` that contradicts the
/// file's extension is refused, as is a file whose extension names no
/// format when `--format` is absent; with no file the format given (or the
/// terminal's) is used.
pub fn chosen<F: FileFormat>(given: Option<F>, output: Option<&Path>) -> anyhow::Result<F> {
    let Some(path) = output else { return Ok(given.unwrap_or(F::TERMINAL)) };
    match (given, of_extension::<F>(path)) {
        (Some(given), Some(named)) if given != named => anyhow::bail!(
            "--format {} contradicts the file name {}: drop --format or end the file name in .{}",
            given.extension(),
            path.display(),
            given.extension()
        ),
        (Some(given), _) => Ok(given),
        (None, Some(named)) => Ok(named),
        (None, None) => anyhow::bail!(
            "{} does not end in a format's extension: end it in {} or give --format",
            path.display(),
            extensions::<F>()
        ),
    }
}

fn of_extension<F: FileFormat>(path: &Path) -> Option<F> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let ext = if ext == "markdown" { "md".to_string() } else { ext };
    F::ALL.iter().copied().find(|f| f.extension() == ext)
}

/// ".md, .csv or .xlsx"
fn extensions<F: FileFormat>() -> String {
    let names: Vec<String> = F::ALL.iter().map(|f| format!(".{}", f.extension())).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in with the summary's formats (this file names no exporter).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum SummaryFormat {
        Md,
        Csv,
        Json,
        Html,
        Xlsx,
    }

    impl FileFormat for SummaryFormat {
        const ALL: &'static [Self] =
            &[SummaryFormat::Md, SummaryFormat::Csv, SummaryFormat::Json, SummaryFormat::Html, SummaryFormat::Xlsx];
        const TERMINAL: Self = SummaryFormat::Md;

        fn extension(self) -> &'static str {
            match self {
                SummaryFormat::Md => "md",
                SummaryFormat::Csv => "csv",
                SummaryFormat::Json => "json",
                SummaryFormat::Html => "html",
                SummaryFormat::Xlsx => "xlsx",
            }
        }
    }

    #[test]
    fn the_extension_chooses_and_a_contradiction_is_refused() {
        let xlsx = Some(Path::new("day.XLSX"));
        assert_eq!(chosen::<SummaryFormat>(None, xlsx).unwrap(), SummaryFormat::Xlsx);
        assert_eq!(chosen::<SummaryFormat>(None, Some(Path::new("day.markdown"))).unwrap(), SummaryFormat::Md);
        assert_eq!(chosen::<SummaryFormat>(None, None).unwrap(), SummaryFormat::Md);
        assert_eq!(chosen(Some(SummaryFormat::Csv), None).unwrap(), SummaryFormat::Csv);
        assert_eq!(chosen(Some(SummaryFormat::Csv), Some(Path::new("day.txt"))).unwrap(), SummaryFormat::Csv);
        let contradiction = chosen(Some(SummaryFormat::Md), xlsx).unwrap_err().to_string();
        assert!(contradiction.contains("--format md contradicts the file name day.XLSX"), "{contradiction}");
        let unknown = chosen::<SummaryFormat>(None, Some(Path::new("day.txt"))).unwrap_err().to_string();
        assert!(unknown.ends_with("end it in .md, .csv, .json, .html or .xlsx or give --format"), "{unknown}");
    }
}
