//! Rendering a template to Markdown with minijinja. Undefined values are an
//! error (strict mode), so a template that refers to a field the case does
//! not have fails with that field named instead of leaving a gap. Every
//! inserted value is made inert and escaped for Markdown, so a name like
//! `**Ann** <b>` reads as typed and never as formatting or markup.

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use crate::export::safe::escape_markdown;

/// Where a template's text came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// The user's copy in the config directory.
    UserCopy(std::path::PathBuf),
}

impl Origin {
    fn describe(&self) -> String {
        match self {
            Origin::BuiltIn => "built in".to_string(),
            Origin::UserCopy(path) => format!("your copy at {}", path.display()),
        }
    }
}

/// Render `source` (the template called `name`) with `context`.
pub fn render_markdown(
    name: &str,
    source: &str,
    origin: &Origin,
    context: &impl serde::Serialize,
) -> anyhow::Result<String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Block tags on their own lines leave no blank lines behind.
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_formatter(|out, _state, value| markdown_formatter(out, value));
    env.add_template(name, source).map_err(|e| syntax_error(name, origin, &e))?;
    let template = env.get_template(name).map_err(|e| syntax_error(name, origin, &e))?;
    template.render(context).map_err(|e| render_error(name, source, origin, &e))
}

/// Print one `{{ value }}`: text and numbers escaped; nothing else is a
/// printable fact (a none is as missing as an undefined value).
fn markdown_formatter(out: &mut minijinja::Output<'_>, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::from(ErrorKind::UndefinedError));
    }
    let text = match value.kind() {
        ValueKind::String => value.as_str().unwrap_or_default().to_string(),
        ValueKind::Number | ValueKind::Bool => value.to_string(),
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "a list or a group of fields cannot be printed as text",
            ))
        }
    };
    out.write_str(&escape_markdown(&text)).map_err(Error::from)
}

fn syntax_error(name: &str, origin: &Origin, e: &Error) -> anyhow::Error {
    let line = e.line().map(|l| format!(" at line {l}")).unwrap_or_default();
    let detail = e.detail().unwrap_or("it is not a valid template");
    anyhow::anyhow!("template {name} ({}) cannot be used: {detail}{line}", origin.describe())
}

fn render_error(name: &str, source: &str, origin: &Origin, e: &Error) -> anyhow::Error {
    if e.kind() == ErrorKind::UndefinedError {
        if let Some(field) = e.range().and_then(|r| missing_field(source, r)) {
            return anyhow::anyhow!("template {name} uses {{{{ {field} }}}}, which this case does not have");
        }
        let line = e.line().map(|l| format!(" on line {l}")).unwrap_or_default();
        return anyhow::anyhow!("template {name} uses a field{line} which this case does not have");
    }
    let line = e.line().map(|l| format!(" at line {l}")).unwrap_or_default();
    let detail = e.detail().map_or_else(|| e.kind().to_string(), str::to_string);
    anyhow::anyhow!("template {name} ({}) failed{line}: {detail}", origin.describe())
}

/// The field an undefined-value error points at: the path itself when the
/// error's span is one (`condition.provider`), else the whole expression
/// around it (`condition.provider | upper`).
fn missing_field(source: &str, range: std::ops::Range<usize>) -> Option<String> {
    let span = source.get(range.clone())?.trim();
    let is_path = !span.is_empty()
        && span.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '\'' | '"'));
    // A filter's name is no field: `x | upper` fails at `upper` when x is missing.
    let is_filter = source.get(..range.start)?.trim_end().ends_with('|');
    if is_path && !is_filter {
        return Some(span.to_string());
    }
    let open = source.get(..range.start)?.rfind("{{")? + 2;
    let close = range.end + source.get(range.end..)?.find("}}")?;
    Some(source.get(open..close)?.trim().trim_start_matches('-').trim_end_matches('-').trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, context: serde_json::Value) -> anyhow::Result<String> {
        render_markdown("test_letter", source, &Origin::BuiltIn, &context)
    }

    #[test]
    fn a_missing_field_is_named() {
        let ctx = serde_json::json!({"condition": {"kind": "Unpaid work"}});
        let err = render("Due: {{ condition.provider }}.", ctx.clone()).unwrap_err().to_string();
        assert_eq!(err, "template test_letter uses {{ condition.provider }}, which this case does not have");
        let err = render("Hi\n{{ agreement.items }}", ctx.clone()).unwrap_err().to_string();
        assert!(err.contains("{{ agreement.items }}"), "{err}");
        let err = render("{{ condition.provider | upper }}", ctx.clone()).unwrap_err().to_string();
        assert!(err.contains("{{ condition.provider | upper }}"), "{err}");
        let err = render("{% for i in agreement.items %}{{ i }}{% endfor %}", ctx).unwrap_err().to_string();
        assert!(err.contains("{{ agreement.items }}"), "{err}");
    }

    #[test]
    fn an_optional_field_can_be_tested_with_is_defined() {
        let ctx = serde_json::json!({"recipient": {"name": "Ann"}});
        let source = "{{ recipient.name }}{% if recipient.address is defined %}, {{ recipient.address }}{% endif %}";
        assert_eq!(render(source, ctx).unwrap(), "Ann");
    }

    #[test]
    fn a_syntax_error_names_the_template_and_its_origin() {
        let origin = Origin::UserCopy("/tmp/letters/x.md.j2".into());
        let err = render_markdown("x", "{{ oops(", &origin, &serde_json::json!({})).unwrap_err().to_string();
        assert!(err.starts_with("template x (your copy at /tmp/letters/x.md.j2) cannot be used:"), "{err}");
    }
}
