//! The shape of the source: no two files use each other (a circle means
//! neither can be read, changed or moved without the other), and the store
//! is the only place that speaks SQL. Read from `src/` as text, so a file
//! added tomorrow is checked too.

use std::collections::{BTreeMap, BTreeSet};
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

/// The module path of a file: `store/backup.rs` → [store, backup];
/// `store/mod.rs` → [store]; `lib.rs` → [].
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path written from `crate`, `super` or `self` (`crate::a::{b, c::d}`
/// gives `crate::a::b` and `crate::a::c::d`), with its segments.
fn paths_in(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !is_ident(chars[i - 1]);
        let rest: String = chars[i..chars.len().min(i + 7)].iter().collect();
        let head = ["crate::", "super::", "self::"].into_iter().find(|h| rest.starts_with(h));
        match head.filter(|_| starts_word) {
            Some(_) => {
                let end = path_end(&chars, i);
                let path: String = chars[i..end].iter().collect();
                expand(&path, &mut out);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Where a path starting at `start` ends: identifiers, `::`, spaces inside
/// braces and balanced `{…}` groups.
fn path_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    let mut depth = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let more = match c {
            '{' => {
                depth += 1;
                true
            }
            '}' if depth > 0 => {
                depth -= 1;
                true
            }
            ':' => chars.get(i + 1) == Some(&':') || chars.get(i.wrapping_sub(1)) == Some(&':'),
            c if is_ident(c) => true,
            _ => depth > 0 && c != ';',
        };
        if !more {
            break;
        }
        i += 1;
    }
    i
}

/// A use-tree as its flat paths.
fn expand(path: &str, out: &mut Vec<Vec<String>>) {
    let Some(open) = path.find('{') else {
        let segments = path
            .split("::")
            .map(|s| s.split(" as ").next().unwrap_or("").trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        out.push(segments);
        return;
    };
    let close = path.rfind('}').unwrap_or(path.len());
    let (prefix, inner) = (&path[..open], &path[open + 1..close.max(open + 1)]);
    let mut depth = 0;
    let mut item = String::new();
    for c in inner.chars().chain(std::iter::once(',')) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                if !item.trim().is_empty() {
                    expand(&format!("{prefix}{}", item.trim()), out);
                }
                item.clear();
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
}

/// The file a path leads to: the longest leading part that is a module.
fn file_of(modules: &BTreeMap<Vec<String>, String>, path: &[String]) -> Option<String> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]).cloned())
}

/// Every file each file uses, by `crate::`, `super::` and `self::` paths.
fn uses(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<Vec<String>, String> = files.keys().map(|f| (module_of(f), f.clone())).collect();
    let mut edges = BTreeMap::new();
    for (file, text) in files {
        let me = module_of(file);
        let mut used = BTreeSet::new();
        for path in paths_in(text) {
            let Some((first, mut rest)) = path.split_first().map(|(f, r)| (f.as_str(), r)) else { continue };
            let mut base = match first {
                "crate" => Vec::new(),
                "self" => me.clone(),
                _ => {
                    let mut base = me.clone();
                    base.pop();
                    while rest.first().map(String::as_str) == Some("super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base
                }
            };
            base.extend(rest.iter().cloned());
            if let Some(target) = file_of(&modules, &base).filter(|t| t != file) {
                used.insert(target);
            }
        }
        edges.insert(file.clone(), used);
    }
    edges
}

/// Every pair of files that use each other.
fn circles(files: &BTreeMap<String, String>) -> Vec<String> {
    let edges = uses(files);
    let mut pairs = Vec::new();
    for (a, used) in &edges {
        for b in used.iter().filter(|b| a < *b) {
            if edges.get(b).is_some_and(|back| back.contains(a)) {
                pairs.push(format!("src/{a} <-> src/{b}"));
            }
        }
    }
    pairs
}

#[test]
fn no_two_files_use_each_other() {
    let found: Vec<String> = circles(&sources());
    assert!(
        found.is_empty(),
        "these files use each other; move what they share to the file that owns it:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_circle_between_two_files_is_found() {
    let files: BTreeMap<String, String> = [
        ("store/mod.rs", "mod a;\nmod b;\n"),
        ("store/a.rs", "use super::b::{One, two::Two as T};\n"),
        ("store/b.rs", "use crate::store::a::Three;\n"),
        ("store/c.rs", "use super::a::Four;\n"),
    ]
    .into_iter()
    .map(|(f, t)| (f.to_string(), t.to_string()))
    .collect();
    assert_eq!(circles(&files), vec!["src/store/a.rs <-> src/store/b.rs".to_string()]);
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
