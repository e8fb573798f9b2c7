//! The end-of-day summary as Markdown, CSV or JSON. References only.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::export::safe::{markdown_cell, spreadsheet_cell};
use crate::export::write_file_atomically;
use crate::store::summary::{DeadlineLine, StatusCount, Summary};
use crate::store::{AuditEntry, AuditOp, Day, Store};

/// The formats this release writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Md,
    Csv,
    Json,
}

/// `casedesk summary`: gather, render, write, and log the export. With
/// `disclosure` = (recipient, justification) names are included, and the log
/// records a disclosure (DPA 2018 s.62(4)).
pub fn cli_summary(
    mut store: Store,
    date: NaiveDate,
    format: SummaryFormat,
    output: Option<&Path>,
    disclosure: Option<(String, String)>,
) -> anyhow::Result<()> {
    if disclosure.is_some() {
        anyhow::bail!("summaries with names are not in this build yet; leave out --with-names");
    }
    let (calendar, rules) = (store.calendar()?, store.rules()?);
    let summary = store.summary(&Day { today: date, calendar: &calendar, rules: &rules })?;
    let text = render(&summary, format)?;
    match output {
        Some(path) => write_file_atomically(path, text.as_bytes())?,
        None => print!("{text}"),
    }
    // Each export is logged (DOMAIN.md §12.5; DPA 2018 s.62 disclosure log).
    let recipient = output.map_or("standard output".to_string(), |p| p.display().to_string());
    let mut entry = AuditEntry::new(AuditOp::Export, "summary", date);
    entry.justification = Some(format!("end-of-day summary ({format:?}), references only"));
    entry.recipient = Some(recipient);
    store.write(|tx| tx.audit(&entry))?;
    if let Some(path) = output {
        eprintln!("Wrote the summary for {date} to {}", path.display());
    }
    Ok(())
}

pub fn render(summary: &Summary, format: SummaryFormat) -> anyhow::Result<String> {
    Ok(match format {
        SummaryFormat::Md => markdown(summary),
        SummaryFormat::Csv => csv(summary)?,
        SummaryFormat::Json => serde_json::to_string_pretty(summary)? + "\n",
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
            "referrals_received",
            &r.reference,
            &format!("{} from {}", r.service, r.source),
            date.clone(),
            String::new(),
        );
    }
    for d in &s.decisions {
        push("decisions", &d.reference, &d.decision, date.clone(), d.risk_level.clone());
    }
    for c in &s.conditions_completed {
        push("conditions_completed", &c.reference, &c.condition, date.clone(), String::new());
    }
    for (section, lines) in [
        ("breaches_new", &s.breaches.new_today),
        ("breaches_awaiting_decision", &s.breaches.awaiting_decision),
        ("breaches_decided", &s.breaches.decided_today),
    ] {
        for b in lines {
            push(section, &b.reference, &b.decision, b.identified_on.to_string(), b.age_working_days.to_string());
        }
    }
    for (section, lines) in deadline_sections(s) {
        for l in lines {
            push(section, &l.reference, &l.item, l.due_on.to_string(), l.working_days_overdue.to_string());
        }
    }
    for r in &s.harmed_parties_to_inform {
        push("harmed_parties_to_inform", r, "outcome agreement closed", String::new(), String::new());
    }
    for c in s.referral_pipeline.iter().chain(&s.oocd_pipeline) {
        push("pipeline", "", &c.status, date.clone(), c.cases.to_string());
    }
    push("contacts_logged", "", "contacts logged", date.clone(), s.contacts_logged.to_string());
    push("records_disclosed", "", "exports and disclosures", date.clone(), s.records_disclosed_today.to_string());
    push("retention", "", "reviews due this month", date.clone(), s.retention_reviews_due_this_month.to_string());
    push("audit", "", "hash chain", date, if s.audit_chain_ok { "ok" } else { "FAULT" }.to_string());
    out
}

fn deadline_sections(s: &Summary) -> [(&'static str, &Vec<DeadlineLine>); 7] {
    [
        ("overdue", &s.overdue),
        ("due_today", &s.due_today),
        ("due_next_5_working_days", &s.due_next_5_working_days),
        ("agreement_items_due", &s.agreement_items_due),
        ("meetings_next_5_working_days", &s.meetings_next_5_working_days),
        ("victims_code_timers_at_risk", &s.victims_code_timers_at_risk),
        ("tomorrow", &s.tomorrow),
    ]
}

fn csv(s: &Summary) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "reference", "detail", "date", "figure"])?;
    for row in rows(s) {
        w.write_record(row.iter().map(|c| spreadsheet_cell(c)))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn markdown(s: &Summary) -> String {
    let mut out = String::new();
    let day_kind = if s.working_day { "working day" } else { "not a working day" };
    let _ = writeln!(out, "# End-of-day summary: {}\n", s.date.format("%A %-d %B %Y"));
    let _ = writeln!(
        out,
        "Prepared by {} · {day_kind} · next working day {}\n",
        markdown_cell(&s.user),
        s.next_working_day
    );
    let _ = writeln!(out, "References only: this file holds no names.\n");
    section(
        &mut out,
        "Referrals received",
        s.referrals_received.iter().map(|r| format!("{} — {} from {}", r.reference, r.service, r.source)),
    );
    section(
        &mut out,
        "Decisions",
        s.decisions.iter().map(|d| format!("{} — {} (risk {})", d.reference, d.decision, d.risk_level)),
    );
    section(
        &mut out,
        "Conditions completed",
        s.conditions_completed.iter().map(|c| format!("{} — {}", c.reference, c.condition)),
    );
    let compliance = s.compliance_events.iter().map(count_line);
    section(&mut out, "Compliance events", compliance);
    section(&mut out, "Breaches identified today", s.breaches.new_today.iter().map(|b| b.reference.clone()));
    section(
        &mut out,
        "Breaches awaiting decision",
        s.breaches.awaiting_decision.iter().map(|b| {
            format!(
                "{} — identified {} ({} wd), referred to {}",
                b.reference,
                b.identified_on,
                b.age_working_days,
                or_dash(&b.referred_to)
            )
        }),
    );
    section(
        &mut out,
        "Breach decisions today",
        s.breaches.decided_today.iter().map(|b| format!("{} — {}", b.reference, b.decision)),
    );
    deadline_table(&mut out, "Overdue", &s.overdue);
    deadline_table(&mut out, "Due today", &s.due_today);
    deadline_table(&mut out, "Due in the next 5 working days", &s.due_next_5_working_days);
    deadline_table(&mut out, "Agreement items due", &s.agreement_items_due);
    section(&mut out, "Harmed parties still to be told the result", s.harmed_parties_to_inform.iter().cloned());
    section(&mut out, "Referral pipeline", s.referral_pipeline.iter().map(count_line));
    section(&mut out, "OOCD cases by status", s.oocd_pipeline.iter().map(count_line));
    section(&mut out, "Sense-checks overdue", s.sense_checks_overdue.iter().cloned());
    section(&mut out, "Awaiting manager sign-off", s.awaiting_manager_signoff.iter().cloned());
    deadline_table(&mut out, "Meetings in the next 5 working days", &s.meetings_next_5_working_days);
    deadline_table(&mut out, "Victims' Code timers at risk", &s.victims_code_timers_at_risk);
    let _ = writeln!(out, "## Compliance and data\n");
    let _ = writeln!(out, "- Contacts logged: {}", s.contacts_logged);
    let _ = writeln!(out, "- Records exported or disclosed today: {}", s.records_disclosed_today);
    let _ = writeln!(out, "- Retention reviews due this month: {}", s.retention_reviews_due_this_month);
    let _ =
        writeln!(out, "- Audit hash chain: {}\n", if s.audit_chain_ok { "ok" } else { "FAULT — run casedesk check" });
    deadline_table(&mut out, "Tomorrow's worklist", &s.tomorrow);
    out
}

fn count_line(c: &StatusCount) -> String {
    format!("{}: {}", c.status.replace('_', " "), c.cases)
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

fn section(out: &mut String, heading: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    let _ = writeln!(out, "## {heading} ({})\n", lines.len());
    if lines.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    for line in lines {
        let _ = writeln!(out, "- {}", markdown_cell(&line));
    }
    out.push('\n');
}

fn deadline_table(out: &mut String, heading: &str, lines: &[DeadlineLine]) {
    let _ = writeln!(out, "## {heading} ({})\n", lines.len());
    if lines.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(out, "| Reference | Item | Date | Working days over |\n|---|---|---|---:|");
    for l in lines {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            markdown_cell(&l.reference),
            markdown_cell(&l.item),
            l.due_on,
            l.working_days_overdue
        );
    }
    out.push('\n');
}
