//! `casedesk caseload`: open cases per coordinator, counted by status, the
//! ones holding more than their maximum marked.

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::domain::directory::over_maximum;
use crate::export::table::{Table, TableFormat};
use crate::store::views::directory::Caseload;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, format: TableFormat) -> Result<(), Failure> {
    let store = desk.open(OpenMode::ToRead)?;
    let loads = store.caseloads()?;
    let mut table = Table::new(vec!["Coordinator", "Open cases", "Maximum", "Over maximum", "By status"]);
    table.rows.extend(loads.iter().map(row));
    crate::say!("{}", table.render(format)?.trim_end_matches('\n'));
    Ok(())
}

fn row(load: &Caseload) -> Vec<String> {
    let open = load.open_cases();
    let name = if load.active { load.name.clone() } else { format!("{} (retired)", load.name) };
    let by_status: Vec<String> = load.by_status.iter().map(|(status, n)| format!("{}: {n}", status.label())).collect();
    vec![
        name,
        open.to_string(),
        load.max_caseload.map_or_else(String::new, |m| m.to_string()),
        if over_maximum(open, load.max_caseload) { "Over maximum" } else { "" }.to_string(),
        by_status.join("; "),
    ]
}
