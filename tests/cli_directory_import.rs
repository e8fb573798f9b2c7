//! `casedesk directory import`: a list of entries from CSV or XLSX, all
//! added in one transaction or none, problems named by row and column, and
//! the list `directory list --format csv` writes read back as it was.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{run, stderr_of, stdout_of};
use tempfile::TempDir;

fn new_desk(dir: &TempDir, name: &str) -> PathBuf {
    let db = dir.path().join(name);
    run(&db, &["init"]).success();
    db
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn list_csv(db: &Path) -> String {
    stdout_of(&run(db, &["directory", "list", "--format", "csv"]).success())
}

const GOOD: &str = "Kind,Name,Email,Team,Maximum,Trained in,Vetting expires,Address,Rooms,Kind of agency,Status
Coordinator,Priya Shah,priya@example.org,North,12,,,,,,
Facilitator,Zoë Nowak,,,,\"RJ conference, Mediation\",31/03/2027,,,,
Venue,Town Hall,,,,,,1 High St,\"Hall (30 people, step-free, refreshments); Side room\",,
Partner agency,YOT East,,,,,,,,YOT,Retired
";

#[test]
fn a_good_file_adds_every_row_and_a_dry_run_adds_none() {
    let dir = TempDir::new().unwrap();
    let db = new_desk(&dir, "desk.db");
    let file = write(&dir, "people.csv", GOOD);
    let before = list_csv(&db);
    let dry = stdout_of(&run(&db, &["directory", "import", file.to_str().unwrap(), "--dry-run"]).success());
    assert!(dry.starts_with("Dry run of people.csv: nothing was changed. Importing it would add 4 entries"), "{dry}");
    assert_eq!(list_csv(&db), before, "a dry run changed the directory");

    let done = stdout_of(&run(&db, &["directory", "import", file.to_str().unwrap()]).success());
    assert!(
        done.contains("row 4: Town Hall, Venue, 2 rooms") && done.contains("row 5: YOT East, Partner agency, retired")
    );
    let listed = list_csv(&db);
    assert!(
        listed.contains("Facilitator,Zoë Nowak,,,,,,Active,,,,,\"RJ conference, Mediation\",31/03/2027,"),
        "{listed}"
    );
    assert!(listed.contains("\"Hall (30 people, step-free, refreshments); Side room\""), "{listed}");
    assert!(listed.contains("Partner agency,YOT East,,,,,,Retired,") && listed.contains(",Youth offending team,"));
}

#[test]
fn problems_are_listed_by_row_and_column_and_nothing_is_added() {
    let dir = TempDir::new().unwrap();
    let db = new_desk(&dir, "desk.db");
    run(&db, &["directory", "add", "--kind", "coordinator", "--name", "Priya Shah"]).success();
    let bad = "Kind,Name,Courses,Vetting expires,Maximum
Coordinator,Tom Hale,,,
Provider,Pathways,Victim awareness,,
Venue,Hall,Cookery,,
Facilitator,Ann Lee,,next year,
Coordinator,priya  shah,,,
Coordinator,Tom Hale,,,lots
Wizard,Merlin,,,
";
    let file = write(&dir, "bad.csv", bad);
    let before = list_csv(&db);
    let out = run(&db, &["directory", "import", file.to_str().unwrap()]).code(2);
    let stderr = stderr_of(&out);
    for needle in [
        "row 4, column \"Courses\": a venue has no courses",
        "row 5, column \"Vetting expires\": \"next year\" is not a date",
        "row 6, column \"Name\": priya  shah is already in the directory",
        "row 7, column \"Maximum\": \"lots\" is not a whole number",
        "row 8, column \"Kind\": \"Wizard\" is not a kind of entry",
        "5 problems in bad.csv (listed above); nothing was imported",
    ] {
        assert!(stderr.contains(needle), "{needle:?} missing:\n{stderr}");
    }
    assert_eq!(list_csv(&db), before, "nothing may be added when a row has a problem");

    let odd = write(&dir, "odd.csv", "Kind,Name,Shoe size\nCoordinator,Tom Hale,9\n");
    let stderr = stderr_of(&run(&db, &["directory", "import", odd.to_str().unwrap()]).code(2));
    assert!(stderr.contains("the column \"Shoe size\" is not one the directory keeps"), "{stderr}");
}

#[test]
fn the_list_a_desk_writes_is_read_back_by_another_desk() {
    let dir = TempDir::new().unwrap();
    let first = new_desk(&dir, "first.db");
    let file = write(&dir, "people.csv", GOOD);
    run(&first, &["directory", "import", file.to_str().unwrap()]).success();
    let written = write(&dir, "listed.csv", &list_csv(&first));
    let second = new_desk(&dir, "second.db");
    run(&second, &["directory", "import", written.to_str().unwrap()]).success();
    assert_eq!(list_csv(&second), list_csv(&first));
}

#[test]
fn an_xlsx_file_is_read_like_a_csv() {
    let dir = TempDir::new().unwrap();
    let db = new_desk(&dir, "desk.db");
    let path = dir.path().join("people.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, heading) in ["Kind", "Name", "Cost per place", "Vetting expires"].iter().enumerate() {
        sheet.write_string(0, col as u16, *heading).unwrap();
    }
    sheet.write_string(1, 0, "Provider").unwrap();
    sheet.write_string(1, 1, "Pathways").unwrap();
    sheet.write_number(1, 2, 120).unwrap();
    sheet.write_string(2, 0, "facilitator").unwrap();
    sheet.write_string(2, 1, "Ann Lee").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2027, 1, 15).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_datetime_with_format(2, 3, &date, &format).unwrap();
    book.save(&path).unwrap();
    run(&db, &["directory", "import", path.to_str().unwrap()]).success();
    let listed = list_csv(&db);
    assert!(listed.contains("Provider,Pathways,") && listed.contains(",£120.00,"), "{listed}");
    assert!(listed.contains("Facilitator,Ann Lee,") && listed.contains(",15/01/2027,"), "{listed}");
}
