//! The shape of the source: the store is the only place that speaks SQL.
//! Read from `src/` as text, so a file added tomorrow is checked too.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("src/ is readable").path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file by its path under `src/`, with its text.
fn sources() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&root, &mut files);
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(&root).expect("under src/").to_string_lossy().replace('\\', "/");
            (name, fs::read_to_string(&p).expect("source is text"))
        })
        .collect()
}

#[test]
fn import_speaks_no_sql() {
    let sql = ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", ".conn()"];
    let found: Vec<String> = sources()
        .into_iter()
        .filter(|(file, _)| file.starts_with("import/"))
        .flat_map(|(file, text)| {
            let hits: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| sql.iter().any(|s| line.contains(s)) && !line.trim_start().starts_with("//"))
                .map(|(n, line)| format!("src/{file}:{}: {}", n + 1, line.trim()))
                .collect();
            hits
        })
        .collect();
    assert!(found.is_empty(), "SQL belongs in a Tx method in src/store/writes/, not in import:\n{}", found.join("\n"));
}
