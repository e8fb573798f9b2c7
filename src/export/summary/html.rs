//! The end-of-day summary as one self-contained html page: no scripts, no
//! external styles or fonts, every inserted text escaped.

use std::fmt::Write as _;

use super::sections::{sections, Section};
use super::PartyNames;
use crate::export::safe::inert;
use crate::store::summary::Summary;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:60em}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}\
th{background:#f0f0f0}td.n{text-align:right}.notice{font-style:italic}.none{color:#666}";

/// The page. With `names`, a notice says who the names were disclosed to.
pub fn render(s: &Summary, names: Option<&PartyNames>) -> String {
    let title = format!("End-of-day summary: {}", crate::domain::dates::long_with_weekday(s.date));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    let day_kind = if s.working_day { "working day" } else { "not a working day" };
    let _ = writeln!(
        out,
        "<p>Prepared by {} · {day_kind} · next working day {}</p>",
        escape(&s.user),
        crate::domain::dates::long(s.next_working_day)
    );
    let notice = match names {
        Some(n) => format!(
            "Contains names: disclosed to {} ({}), recorded in the disclosure log.",
            n.recipient, n.justification
        ),
        None => "References only: this file holds no names.".to_string(),
    };
    let _ = writeln!(out, "<p class=\"notice\">{}</p>", escape(&notice));
    // The header facts are already said above; the rest get a section each.
    for section in sections(s, names).iter().skip(1) {
        write_section(&mut out, section);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn write_section(out: &mut String, section: &Section) {
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2>{} ({})</h2>",
        anchor(section.sheet),
        escape(section.heading),
        section.rows.len()
    );
    if section.rows.is_empty() {
        out.push_str("<p class=\"none\">None.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr>");
    for column in &section.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &section.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if matches!(cell, super::sections::Cell::Number(_)) { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(&cell.display()));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
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

/// A fixed sheet name as an id: lower case, words joined by hyphens.
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
        assert_eq!(anchor("Due next 5 working days"), "due-next-5-working-days");
        assert_eq!(anchor("Sense-checks overdue"), "sense-checks-overdue");
    }
}
