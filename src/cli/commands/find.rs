//! `casedesk find TEXT [--format table|json]`: the cases a search finds,
//! for the shell. Each case listed is logged as consulted (DPA 2018
//! s.62) before it is printed; names never leave the desk, only initials.

use std::io::Write;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::store::views::find::FoundCase;
use crate::store::OpenMode;

/// At most this many cases are listed: a search that finds more needs
/// another word.
pub const MOST_LISTED: usize = 100;

const WHY: &str = "listed by a search (casedesk find)";

/// How `find` prints its cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FindFormat {
    /// Aligned columns, for reading
    Table,
    /// A JSON array, for scripts
    Json,
}

pub fn run(desk: Desk<'_>, words: &[String], format: FindFormat) -> Result<(), Failure> {
    let mut store = desk.open(OpenMode::ToRead)?;
    let mut found = store.find_cases(&words.join(" "), MOST_LISTED + 1)?;
    let more = found.len() > MOST_LISTED;
    found.truncate(MOST_LISTED);
    store.write(|tx| found.iter().try_for_each(|case| tx.log_consult(case.case_id, WHY)))?;
    let text = match format {
        FindFormat::Table => table(&found),
        FindFormat::Json => json(&found)?,
    };
    if more {
        crate::tell!("casedesk: more than {MOST_LISTED} cases match; the newest {MOST_LISTED} are listed: add a word to narrow the search");
    }
    // A reader that stops early (`casedesk find smith | head`) is not an error.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("cannot write the list: {e}").into())
        }
        _ => Ok(()),
    }
}

/// One row a case, columns aligned; a sentence when nothing matches.
fn table(found: &[FoundCase]) -> String {
    if found.is_empty() {
        return "No case matches.\n".to_string();
    }
    let heading = ["Reference", "Status", "Service", "Parties"].map(String::from);
    let rows: Vec<[String; 4]> = std::iter::once(heading)
        .chain(found.iter().map(|c| {
            [c.reference.clone(), c.status.label().to_string(), c.service.label().to_string(), c.initials.join(", ")]
        }))
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2)];
    rows.iter()
        .map(|r| {
            let line = format!(
                "{:w0$}  {:w1$}  {:w2$}  {}",
                r[0],
                r[1],
                r[2],
                r[3],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2]
            );
            format!("{}\n", line.trim_end())
        })
        .collect()
}

/// The cases as a JSON array, the words as on screen (an empty array when
/// nothing matches).
fn json(found: &[FoundCase]) -> anyhow::Result<String> {
    let cases: Vec<serde_json::Value> = found
        .iter()
        .map(|c| {
            serde_json::json!({
                "reference": c.reference,
                "status": c.status.label(),
                "service": c.service.label(),
                "parties": c.initials,
            })
        })
        .collect();
    Ok(serde_json::to_string_pretty(&cases)? + "\n")
}
