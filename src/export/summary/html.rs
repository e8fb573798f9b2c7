//! The end-of-day summary as one self-contained html page: no scripts, no
//! external styles or fonts, every inserted text escaped.

use std::fmt::Write as _;

use super::markdown::references;
use super::page::{page, Line};
use super::PartyNames;
use crate::export::safe::inert;
use crate::store::summary::Summary;

/// Compact enough that the page prints on one A4 sheet at normal size: the
/// reference lists are cut (see `page::CUT`) and the print rules drop the
/// screen margins.
const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:50em;font-size:11pt}\
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:1em 0 .3em;border-bottom:1px solid #ccc}\
ul{margin:0;padding-left:1.2em}li{margin:.15em 0}.refs{color:#555;font-size:.9em}\
.notice{font-style:italic}footer{margin-top:1em;font-size:.85em;color:#444}\
@page{size:A4;margin:12mm}@media print{body{margin:0;max-width:none;font-size:10pt}}";

/// The page. With `names`, a notice says who the names were disclosed to.
pub fn render(s: &Summary, names: Option<&PartyNames>) -> String {
    let p = page(s, names);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&p.title),
        escape(&p.title)
    );
    let _ = writeln!(out, "<p>{}</p>", escape(&p.prepared));
    let _ = writeln!(out, "<p class=\"notice\">{}</p>", escape(&p.notice));
    write_section(&mut out, "What happened today", &p.happened);
    write_section(&mut out, "What needs attention", &p.attention);
    out.push_str("<footer>\n");
    for line in &p.foot {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

fn write_section(out: &mut String, heading: &str, lines: &[Line]) {
    let _ = writeln!(out, "<section id=\"{}\">\n<h2>{}</h2>\n<ul>", anchor(heading), escape(heading));
    for line in lines {
        let _ = write!(out, "<li>{}", escape(&line.headline));
        if !line.references.is_empty() {
            let _ = write!(out, "<br><span class=\"refs\">{}</span>", escape(&references(line)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

/// Text made safe for html element content and attribute values, with
/// control characters removed first.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in inert(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A fixed heading as an id: lower case, words joined by hyphens.
fn anchor(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1b}[2Jb"), "a[2Jb");
    }

    #[test]
    fn anchors_are_plain() {
        assert_eq!(anchor("What happened today"), "what-happened-today");
        assert_eq!(anchor("What needs attention"), "what-needs-attention");
    }
}
