//! The summary as Markdown: the one page the manager reads in a mail or a
//! viewer, drawn from `page`.

use std::fmt::Write as _;

use super::page::{page, Line};
use super::PartyNames;
use crate::export::safe::escape_markdown;
use crate::store::summary::Summary;

/// The page. With `names`, each reference is followed by its parties' names.
pub fn render(s: &Summary, names: Option<&PartyNames>) -> String {
    let p = page(s, names);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(&p.title));
    let _ = writeln!(out, "{}\n", escape_markdown(&p.prepared));
    let _ = writeln!(out, "{}\n", escape_markdown(&p.notice));
    section(&mut out, "What happened today", &p.happened);
    section(&mut out, "What needs attention", &p.attention);
    out.push_str("---\n\n");
    for line in &p.foot {
        let _ = writeln!(out, "{}\n", escape_markdown(line));
    }
    out
}

fn section(out: &mut String, heading: &str, lines: &[Line]) {
    let _ = writeln!(out, "## {heading}\n");
    for line in lines {
        let _ = writeln!(out, "- {}", escape_markdown(&line.headline));
        if !line.references.is_empty() {
            let _ = writeln!(out, "  {}", escape_markdown(&references(line)));
        }
    }
    out.push('\n');
}

/// "RJ-2026-0001, RJ-2026-0002 and 3 more".
pub(super) fn references(line: &Line) -> String {
    let listed = line.references.join(", ");
    match line.more {
        0 => listed,
        n => format!("{listed} and {n} more"),
    }
}
