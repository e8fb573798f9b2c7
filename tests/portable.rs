//! The tests must build where most police desks are, on Windows: every call
//! into `libc` (Unix only in use here) sits behind `cfg(unix)`.

use std::path::Path;

/// Rust sources under `dir`, recursively.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `text` that use `libc::` with no `cfg(unix)` (or
/// `cfg(all(…unix…))`) in the attributes and lines just above.
fn ungated_libc(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .filter(|&i| lines[i].contains("libc::"))
        .filter(|&i| {
            let from = i.saturating_sub(12);
            !lines[from..i].iter().any(|l| l.contains("#[cfg(") && l.contains("unix") && !l.contains("not(unix)"))
        })
        .map(|i| i + 1)
        .collect()
}

/// `thread_cpu_time` called `libc::clock_gettime` without `cfg(unix)`.
#[test]
fn every_libc_call_is_behind_cfg_unix() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "examples", "benches"] {
        sources(&root.join(dir), &mut files);
    }
    let this = Path::new(file!()).file_name().unwrap();
    let bad: Vec<String> = files
        .iter()
        .filter(|f| f.file_name() != Some(this))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            ungated_libc(&text).into_iter().map(move |n| format!("{}:{n}", f.strip_prefix(root).unwrap().display()))
        })
        .collect();
    assert!(bad.is_empty(), "libc used without cfg(unix): {bad:?}");
}
