//! `casedesk rules [--format table|json]`: every rule the desk checks, with
//! its value, source, confidence, effective dates, and whether it blocks or
//! warns.

use crate::cli::args::RulesFormat;
use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::domain::rule_book::{self, Effect};
use crate::domain::rules::Rules;
use crate::store::views::rules::RuleRow;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, db_given: bool, format: RulesFormat) -> Result<(), Failure> {
    // With no desk yet, the rules a new desk would start with.
    let mut rows = if db_given || desk.db.exists() {
        desk.open(OpenMode::ToRead)?.rule_rows()?
    } else {
        Rules::defaults()
            .iter()
            .map(|rule| RuleRow { rule: rule.clone(), effective_from: None, effective_to: None })
            .collect()
    };
    rows.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
    match format {
        RulesFormat::Table => table(&rows),
        RulesFormat::Json => crate::say!("{}", json(&rows)),
    }
    Ok(())
}

const HEADINGS: [&str; 7] = ["Rule", "Value", "When crossed", "Kind", "Source", "Confidence", "In effect"];

fn table(rows: &[RuleRow]) {
    let mut cells: Vec<[String; 7]> = rows.iter().map(cells).collect();
    cells.sort_by(|a, b| a[0].cmp(&b[0]));
    let mut widths = HEADINGS.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    crate::say!("{}", line(&HEADINGS.map(str::to_string), &widths));
    for row in &cells {
        crate::say!("{}", line(row, &widths));
    }
}

fn line(cells: &[String; 7], widths: &[usize; 7]) -> String {
    let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
    padded.join("  ").trim_end().to_string()
}

fn cells(row: &RuleRow) -> [String; 7] {
    let r = &row.rule;
    [
        rule_book::name(&r.id),
        rule_book::value_text(r),
        rule_book::effect(r).label().to_string(),
        changeable(r).to_string(),
        r.source.clone(),
        rule_book::confidence_text(r.confidence).to_string(),
        rule_book::in_effect(row.effective_from, row.effective_to),
    ]
}

fn changeable(rule: &crate::domain::rules::Rule) -> &'static str {
    if rule_book::is_local(rule) {
        "local"
    } else {
        "set by law"
    }
}

fn json(rows: &[RuleRow]) -> String {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let r = &row.rule;
            let effect: Effect = rule_book::effect(r);
            serde_json::json!({
                "id": r.id,
                "name": rule_book::name(&r.id),
                "value": r.value,
                "unit": r.unit,
                "value_text": rule_book::value_text(r),
                "effect": effect,
                "local": rule_book::is_local(r),
                "source": r.source,
                "confidence": r.confidence,
                "effective_from": row.effective_from,
                "effective_to": row.effective_to,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}
