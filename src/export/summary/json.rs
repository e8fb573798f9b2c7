//! The summary as JSON: the summary's fields in their own order, then the
//! recipient and names when they are disclosed. Written straight from the
//! typed summary (a force-wide one runs to 100,000 lines, and building a
//! `serde_json::Value` tree first took most of the time), then made inert
//! as text: a decoded export carries no control characters.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::names::CaseNames;
use super::PartyNames;
use crate::export::safe::{inert_char, is_live};
use crate::store::summary::Summary;
use crate::store::summary_done::Activity;

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    disclosed_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    names: Option<&'a BTreeMap<String, CaseNames>>,
}

pub fn render(summary: &Summary, names: Option<&PartyNames>) -> anyhow::Result<String> {
    let worded = letters_worded(summary);
    let summary = worded.as_ref().unwrap_or(summary);
    let document = Document {
        summary,
        disclosed_to: names.map(|n| n.recipient.as_str()),
        names: names.map(PartyNames::by_reference),
    };
    let text = serde_json::to_string_pretty(&document)?;
    Ok(match inert_strings(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    })
}

/// The summary with each letter sent named by its title, not its template's
/// file name: the JSON is read too, and no internal code reaches any output
/// (issue 15 §2). None when no letter was sent, so the summary is not copied.
fn letters_worded(summary: &Summary) -> Option<Summary> {
    if !summary.done_today.iter().any(|a| a.activity == Activity::LetterSent) {
        return None;
    }
    let mut worded = summary.clone();
    for line in worded.done_today.iter_mut().filter(|a| a.activity == Activity::LetterSent) {
        if let Ok(template) = crate::export::letters::template_info(&line.detail) {
            line.detail = template.title.to_string();
        }
    }
    Some(worded)
}

/// JSON text with every control character taken out of its strings, as
/// `safe::inert` treats text: an escaped newline or tab becomes a space and
/// any other control character (an escaped C0 one, a raw DEL or C1 one)
/// goes. Outside strings JSON text holds only punctuation and whitespace,
/// which is left alone. Text with nothing to clean is not copied.
pub(super) fn inert_strings(json: &str) -> Cow<'_, str> {
    if !has_control(json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    let mut chars = json.chars();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '\\' if in_string => match chars.next() {
                Some('n' | 't') => out.push(' '),
                Some('r' | 'b' | 'f') | None => {}
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(escaped) if is_live(escaped) => out.extend(inert_char(escaped)),
                        _ => {
                            out.push_str("\\u");
                            out.push_str(&hex);
                        }
                    }
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c if in_string && is_live(c) => out.extend(inert_char(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether any string in the JSON text holds a control character: an
/// escape other than `\"`, `\\` or `\/`, or a raw DEL, C1 or format
/// character (bidirectional overrides, line separators).
fn has_control(json: &str) -> bool {
    let bytes = json.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => {
                if !matches!(bytes.get(at + 1), Some(b'"' | b'\\' | b'/')) {
                    return true;
                }
                at += 2;
            }
            0x7f => return true,
            // Only a character beyond ASCII can be a C1 control or a format character.
            b if b >= 0x80 => match json.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_live(c) => return true,
                Some(c) => at += c.len_utf8(),
                None => at += 1,
            },
            _ => at += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::safe::inert_json;
    use crate::export::summary::tests::empty_summary;
    use crate::store::summary::DeadlineLine;

    const HOSTILE: &str =
        "a\u{1b}[2Jb\nc\td\re\u{7}f\u{7f}g\u{85}h\u{9f}i \\n \\\" / é 😀 \u{2028} \u{202E}j\u{2066}k\u{200B}";

    fn hostile_summary() -> Summary {
        let mut s = empty_summary();
        s.prepared_by = Some(HOSTILE.into());
        s.overdue.push(DeadlineLine {
            reference: format!("RJ-{HOSTILE}"),
            item: "condition".into(),
            due_on: s.date,
            working_days_overdue: 3,
        });
        s.sense_checks_overdue.push("plain".into());
        s
    }

    #[test]
    fn a_letter_sent_is_named_by_its_title() {
        let mut s = empty_summary();
        s.done_today.push(crate::store::summary_done::ActivityLine {
            reference: "RJ-2026-0001".into(),
            activity: Activity::LetterSent,
            detail: "agreement_result".into(),
        });
        let json = render(&s, None).unwrap();
        assert!(!json.contains("agreement_result"), "{json}");
        let title = crate::export::letters::template_info("agreement_result").unwrap().title;
        assert!(json.contains(&format!("\"detail\": \"{title}\"")), "{json}");
        assert!(json.contains("\"activity\": \"Letter sent\""), "{json}");
    }

    fn names() -> PartyNames {
        let mut map = BTreeMap::new();
        map.insert(
            format!("RJ-{HOSTILE}"),
            CaseNames { harmed: vec![format!("Ann {HOSTILE}")], responsible: vec!["Bob".into()] },
        );
        PartyNames::from_map(&format!("the manager {HOSTILE}"), "review", map)
    }

    /// What the export held before it was written from the typed summary:
    /// the value tree made inert string by string.
    fn by_value_tree(summary: &Summary, names: Option<&PartyNames>) -> serde_json::Value {
        let mut value = serde_json::to_value(summary).unwrap();
        if let (Some(n), Some(object)) = (names, value.as_object_mut()) {
            object.insert("disclosed_to".into(), serde_json::Value::String(n.recipient.clone()));
            object.insert("names".into(), serde_json::to_value(n.by_reference()).unwrap());
        }
        inert_json(value)
    }

    #[test]
    fn the_text_decodes_to_the_inert_value_tree() {
        let names = names();
        for (summary, names) in [(empty_summary(), None), (hostile_summary(), None), (hostile_summary(), Some(&names))]
        {
            let text = render(&summary, names).unwrap();
            let decoded: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(decoded, by_value_tree(&summary, names), "{text}");
            assert!(!decoded.to_string().chars().any(is_live));
        }
    }

    #[test]
    fn fields_keep_the_summary_order() {
        let text = render(&empty_summary(), None).unwrap();
        let at = |key: &str| text.find(&format!("\"{key}\"")).unwrap();
        assert!(
            at("date") < at("prepared_by")
                && at("prepared_by") < at("referrals_received")
                && at("audit_chain_ok") < at("tomorrow")
        );
    }

    #[test]
    fn clean_text_is_not_copied_and_escapes_that_are_not_controls_stay() {
        let clean = r#"{"a": "x \\n \" \/ é", "b": [1, 2]}"#;
        assert!(matches!(inert_strings(clean), Cow::Borrowed(_)));
        assert_eq!(inert_strings(r#"["a\nb", "c\u0007d\\n"]"#), r#"["a b", "cd\\n"]"#);
    }
}
