//! The end-of-day summary (DOMAIN.md §12.5) as Markdown, CSV, JSON, html or
//! an Excel workbook. References only, unless a disclosure with names is
//! asked for and logged (DOMAIN.md §10.2, DPA 2018 s.62).

mod html;
mod json;
mod markdown;
mod names;
mod page;
pub(crate) mod sections;
mod words;
pub(crate) mod xlsx;

use std::path::Path;

use chrono::NaiveDate;

pub use names::PartyNames;

use crate::export::deliver_logged;
use crate::export::format::FileFormat;
use crate::export::safe::spreadsheet_cell;
use crate::store::summary::{DeadlineLine, Summary};
use crate::store::{AuditEntry, AuditOp, Day, Store};

/// The formats this release writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Md,
    Csv,
    Json,
    Html,
    Xlsx,
}

impl crate::export::format::FileFormat for SummaryFormat {
    const ALL: &'static [Self] =
        &[SummaryFormat::Md, SummaryFormat::Csv, SummaryFormat::Json, SummaryFormat::Html, SummaryFormat::Xlsx];
    const TERMINAL: Self = SummaryFormat::Md;

    fn extension(self) -> &'static str {
        match self {
            SummaryFormat::Md => "md",
            SummaryFormat::Csv => "csv",
            SummaryFormat::Json => "json",
            SummaryFormat::Html => "html",
            SummaryFormat::Xlsx => "xlsx",
        }
    }
}

/// Gather the summary for `date`, write it to `output` and log it, the file
/// and its audit row together: a disclosure is never written without its log
/// row, nor logged without its file. With no `output` the export is logged
/// and the document returned, for the caller to print. With `disclosure` =
/// (recipient, justification) names are included, and the log records a
/// disclosure (DPA 2018 s.62(4)).
pub fn write_summary(
    store: &mut Store,
    date: NaiveDate,
    format: SummaryFormat,
    output: Option<&Path>,
    disclosure: Option<(String, String)>,
) -> anyhow::Result<Option<Vec<u8>>> {
    if format == SummaryFormat::Xlsx && output.is_none() {
        anyhow::bail!("xlsx needs -o FILE: a workbook cannot be written to the terminal");
    }
    let disclosure = disclosure.map(|(r, j)| checked_disclosure(r, j)).transpose()?;
    let (calendar, rules) = (store.calendar()?, store.rules()?);
    let summary = store.summary(&Day::new(date, &calendar, &rules))?;
    let names = match disclosure {
        Some((recipient, justification)) => Some(PartyNames::gather(store, &summary, recipient, justification)?),
        None => None,
    };
    let bytes = render_bytes(&summary, format, names.as_ref())?;
    let entry = audit_entry(date, format, output, names.as_ref());
    deliver_logged(store, output, &entry, bytes)
}

fn checked_disclosure(recipient: String, justification: String) -> anyhow::Result<(String, String)> {
    let (recipient, justification) = (recipient.trim().to_string(), justification.trim().to_string());
    if recipient.is_empty() {
        anyhow::bail!("--recipient must say who receives the names");
    }
    if justification.is_empty() {
        anyhow::bail!("--justification must say why the names are disclosed");
    }
    Ok((recipient, justification))
}

/// One audit row: an export of references, or a disclosure of names with
/// its recipient and justification (DPA 2018 s.62(4)).
fn audit_entry(
    date: NaiveDate,
    format: SummaryFormat,
    output: Option<&Path>,
    names: Option<&PartyNames>,
) -> AuditEntry {
    let written_to = output.map_or("standard output".to_string(), |p| p.display().to_string());
    match names {
        Some(n) => {
            let mut entry = AuditEntry::new(AuditOp::Disclose, "summary", date).after(serde_json::json!({
                "format": format.extension(),
                "written_to": written_to,
                "cases_named": n.case_count(),
            }));
            entry.justification = Some(n.justification.clone());
            entry.recipient = Some(n.recipient.clone());
            entry
        }
        None => {
            let mut entry = AuditEntry::new(AuditOp::Export, "summary", date);
            entry.justification = Some(format!("end-of-day summary ({}), references only", format.extension()));
            entry.recipient = Some(written_to);
            entry
        }
    }
}

/// The summary in a text format, references only (the interface's export
/// and the tests use it). xlsx is binary: use `render_bytes`.
pub fn render(summary: &Summary, format: SummaryFormat) -> anyhow::Result<String> {
    render_text(summary, format, None)
}

/// The summary in any format, with names beside references when given.
pub fn render_bytes(summary: &Summary, format: SummaryFormat, names: Option<&PartyNames>) -> anyhow::Result<Vec<u8>> {
    match format {
        SummaryFormat::Xlsx => xlsx::render(summary, names),
        _ => Ok(render_text(summary, format, names)?.into_bytes()),
    }
}

fn render_text(summary: &Summary, format: SummaryFormat, names: Option<&PartyNames>) -> anyhow::Result<String> {
    Ok(match format {
        SummaryFormat::Md => markdown::render(summary, names),
        SummaryFormat::Csv => csv(summary, names)?,
        SummaryFormat::Json => json::render(summary, names)? + "\n",
        SummaryFormat::Html => html::render(summary, names),
        SummaryFormat::Xlsx => anyhow::bail!("xlsx is a binary format: write it to a file"),
    })
}

/// One row per fact: section, reference, detail, date, figure. Flat so any
/// spreadsheet or script can filter it.
fn rows(s: &Summary) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    let mut push = |section: &str, reference: &str, detail: &str, date: String, figure: String| {
        out.push([section.to_string(), reference.to_string(), detail.to_string(), date, figure]);
    };
    let date = s.date.to_string();
    for r in &s.referrals_received {
        push(
            "Referrals received",
            &r.reference,
            &format!("{} from {}", r.service.label(), r.source.label()),
            date.clone(),
            String::new(),
        );
    }
    for d in &s.decisions {
        push("Decisions", &d.reference, &words::decision_words(d), date.clone(), d.risk_level.as_str().to_string());
    }
    for r in &s.variations {
        push("Variations agreed", r, "variation agreed", date.clone(), String::new());
    }
    for c in &s.conditions_completed {
        push("Conditions completed", &c.reference, &words::condition_words(c), date.clone(), String::new());
    }
    for (section, lines) in [
        ("Breaches identified today", &s.breaches.new_today),
        ("Breaches awaiting decision", &s.breaches.awaiting_decision),
        ("Breach decisions today", &s.breaches.decided_today),
    ] {
        for b in lines {
            push(
                section,
                &b.reference,
                b.decision.label(),
                b.identified_on.to_string(),
                b.age_working_days.to_string(),
            );
        }
    }
    for (section, lines) in deadline_sections(s) {
        for l in lines {
            push(section, &l.reference, &l.item, l.due_on.to_string(), l.working_days_overdue.to_string());
        }
    }
    for r in &s.harmed_parties_to_inform {
        push("Harmed parties to tell", r, "outcome agreement closed", String::new(), String::new());
    }
    for c in s.referral_pipeline.iter().chain(&s.oocd_pipeline) {
        push("Open cases by status", "", &words::status_words(&c.status), date.clone(), c.cases.to_string());
    }
    push("Contacts logged", "", "contacts logged", date.clone(), s.contacts_logged.to_string());
    push("Enquiries logged", "", "enquiries logged", date.clone(), s.enquiries_logged.to_string());
    push("Records disclosed", "", "exports and disclosures", date.clone(), s.records_disclosed_today.to_string());
    push("Retention", "", "reviews due this month", date.clone(), s.retention_reviews_due_this_month.to_string());
    push(
        "Audit",
        "",
        "hash chain (newest 5,000 changes)",
        date,
        if s.audit_chain_ok { "ok" } else { "FAULT" }.to_string(),
    );
    push("Audit", "", "audit head (check later with casedesk check --head)", String::new(), s.audit_head.clone());
    out
}

fn deadline_sections(s: &Summary) -> [(&'static str, &Vec<DeadlineLine>); 7] {
    [
        ("Overdue", &s.overdue),
        ("Due today", &s.due_today),
        ("Due in the next 5 working days", &s.due_next_5_working_days),
        ("Agreement items due", &s.agreement_items_due),
        ("Meetings in the next 5 working days", &s.meetings_next_5_working_days),
        ("Victims' Code timers at risk", &s.victims_code_timers_at_risk),
        ("Tomorrow's worklist", &s.tomorrow),
    ]
}

/// With names, a sixth column holds them beside each referenced row.
fn csv(s: &Summary, names: Option<&PartyNames>) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["section", "reference", "detail", "date", "figure"];
    if names.is_some() {
        header.push("names");
    }
    w.write_record(header)?;
    for row in rows(s) {
        let mut cells: Vec<String> = row.iter().map(|c| spreadsheet_cell(c)).collect();
        if let Some(n) = names {
            cells.push(spreadsheet_cell(&n.of(&row[1])));
        }
        w.write_record(cells)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::summary::{BreachLine, Breaches};

    pub(crate) fn empty_summary() -> Summary {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        Summary {
            date,
            prepared_by: Some("Jo Desk (RJ coordinator)".into()),
            working_day: true,
            next_working_day: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            referrals_received: vec![],
            decisions: vec![],
            conditions_completed: vec![],
            compliance_events: vec![],
            breaches: Breaches { new_today: vec![], awaiting_decision: vec![], decided_today: vec![] },
            variations: vec![],
            caseloads: vec![],
            vettings_due: vec![],
            done_today: vec![],
            overdue: vec![],
            due_today: vec![],
            due_next_5_working_days: vec![],
            agreement_items_due: vec![],
            harmed_parties_to_inform: vec![],
            referral_pipeline: vec![],
            oocd_pipeline: vec![],
            sense_checks_overdue: vec![],
            awaiting_manager_signoff: vec![],
            meetings_next_5_working_days: vec![],
            victims_code_timers_at_risk: vec![],
            contacts_logged: 0,
            enquiries_logged: 0,
            retention_reviews_due_this_month: 0,
            records_disclosed_today: 0,
            audit_chain_ok: true,
            tomorrow: vec![],
            audit_head: "0:".to_string(),
        }
    }

    fn one_breach() -> Summary {
        let mut s = empty_summary();
        s.breaches.awaiting_decision.push(BreachLine {
            reference: "OOCD-2026-0001".into(),
            identified_on: s.date,
            decision: crate::domain::status::BreachDecision::Pending,
            referred_to: "<b>=1+1</b>".into(),
            age_working_days: 0,
        });
        s
    }

    fn names() -> PartyNames {
        let mut map = std::collections::BTreeMap::new();
        map.insert(
            "OOCD-2026-0001".to_string(),
            names::CaseNames { harmed: vec!["Ann <Harmed>".into()], responsible: vec!["Bob | Resp".into()] },
        );
        PartyNames::from_map("the manager", "daily review", map)
    }

    #[test]
    fn names_appear_only_when_given() {
        let s = one_breach();
        for format in [SummaryFormat::Md, SummaryFormat::Csv, SummaryFormat::Json, SummaryFormat::Html] {
            let without = String::from_utf8(render_bytes(&s, format, None).unwrap()).unwrap();
            assert!(!without.contains("Harmed&gt;") && !without.contains("Ann <Harmed>"), "{format:?}");
            let with = String::from_utf8(render_bytes(&s, format, Some(&names())).unwrap()).unwrap();
            assert!(with.contains("Ann"), "{format:?} without the name:\n{with}");
        }
    }

    #[test]
    fn markdown_escapes_a_pipe_in_a_name() {
        let md = String::from_utf8(render_bytes(&one_breach(), SummaryFormat::Md, Some(&names())).unwrap()).unwrap();
        assert!(md.contains("Bob \\| Resp"), "{md}");
    }

    #[test]
    fn xlsx_is_refused_as_text() {
        assert!(render(&empty_summary(), SummaryFormat::Xlsx).is_err());
        let bytes = render_bytes(&empty_summary(), SummaryFormat::Xlsx, None).unwrap();
        assert!(bytes.starts_with(b"PK"), "an xlsx file is a zip archive");
    }
}
