//! How much an import will read. A tracker of a few hundred thousand cases
//! fits well inside these; a file that does not is refused in one sentence
//! before it can take the machine's memory or time (a 3.9 MB zip bomb once
//! took 9 GB and 85 s). docs/performance.md (import on hostile and large files) says the same figures.

use std::io::{Read, Seek};

const MB: u64 = 1024 * 1024;

/// The file as it lies on disk.
pub const MAX_FILE_BYTES: u64 = 50 * MB;
/// All the parts of a workbook together, as unpacked from its zip.
pub const MAX_UNPACKED_BYTES: u64 = 200 * MB;
/// Rows under the header.
pub const MAX_ROWS: usize = 200_000;
/// Columns: a tracker has a few dozen.
pub const MAX_COLUMNS: usize = 200;
/// Cells holding anything, over the whole sheet: 150,000 cases of 20
/// filled columns, within 256 MB of memory however the cells are written.
pub const MAX_CELLS: usize = 3_000_000;
/// Characters in one cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Problems listed one by one; the rest are counted.
pub const PROBLEMS_LISTED: usize = 100;

/// Refuse a file larger than an import reads.
pub fn check_file_size(shown: &str, bytes: u64) -> anyhow::Result<()> {
    if bytes > MAX_FILE_BYTES {
        anyhow::bail!(
            "{shown} is {} MB; an import reads files of up to {} MB: split the tracker into smaller files",
            bytes / MB,
            MAX_FILE_BYTES / MB
        );
    }
    Ok(())
}

/// Refuse a workbook whose parts unpack to more than an import reads: first
/// by the sizes its zip declares, then by actually unpacking each part with
/// a bound (a zip can declare less than it holds), before calamine, which
/// trusts neither, sees it.
pub fn check_unpacked_size<R: Read + Seek>(shown: &str, reader: R) -> anyhow::Result<()> {
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|e| anyhow::anyhow!("{shown} is not an Excel workbook casedesk can read ({e})"))?;
    let declared = (0..zip.len()).try_fold(0u64, |sum, i| {
        zip.by_index_raw(i).map(|part| sum.saturating_add(part.size())).map_err(anyhow::Error::from)
    });
    if declared.map_err(|e| anyhow::anyhow!("{shown} is not an Excel workbook casedesk can read ({e})"))?
        > MAX_UNPACKED_BYTES
    {
        return Err(too_large(shown));
    }
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let part =
            zip.by_index(i).map_err(|e| anyhow::anyhow!("{shown} is not an Excel workbook casedesk can read ({e})"))?;
        let room = MAX_UNPACKED_BYTES - unpacked;
        unpacked += std::io::copy(&mut part.take(room + 1), &mut std::io::sink())
            .map_err(|e| anyhow::anyhow!("{shown} is not an Excel workbook casedesk can read ({e})"))?;
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(too_large(shown));
        }
    }
    Ok(())
}

fn too_large(shown: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{shown} unpacks to more than {} MB, more than any tracker needs; nothing was imported: \
         save the sheet alone as a new workbook or as CSV",
        MAX_UNPACKED_BYTES / MB
    )
}

/// Counts rows and cells as a sheet is read, and stops the read at a limit.
#[derive(Debug, Default)]
pub struct Budget {
    rows: usize,
    cells: usize,
}

impl Budget {
    /// One more row that holds something (the header included).
    pub fn row(&mut self, shown: &str) -> anyhow::Result<()> {
        self.rows += 1;
        if self.rows > MAX_ROWS + 1 {
            anyhow::bail!(
                "{shown} has more than {MAX_ROWS} rows; an import reads at most {MAX_ROWS} cases: \
                 split the tracker into smaller files"
            );
        }
        Ok(())
    }

    /// One more cell holding something, in column `column` (0 = A).
    pub fn cell(&mut self, shown: &str, column: usize) -> anyhow::Result<()> {
        if column >= MAX_COLUMNS {
            anyhow::bail!(
                "{shown} has something in column {}; an import reads the first {MAX_COLUMNS} columns only: \
                 delete what lies to the right of the tracker",
                column + 1
            );
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            anyhow::bail!("{shown} has more than {MAX_CELLS} filled cells; split the tracker into smaller files");
        }
        Ok(())
    }
}

/// Text longer than a cell may hold is not kept: the cell says so instead.
pub fn cell_too_long(text: &str) -> Option<String> {
    let chars = text.chars().count();
    (chars > MAX_CELL_CHARS)
        .then(|| format!("the cell holds {chars} characters; a cell may hold at most {MAX_CELL_CHARS}"))
}
