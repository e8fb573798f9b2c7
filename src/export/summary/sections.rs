//! The summary as typed tables, one per heading of DOMAIN.md §12.5: what the
//! html page and the workbook are drawn from, so both hold the same facts.

use chrono::NaiveDate;

use super::PartyNames;
use crate::store::summary::{BreachLine, DeadlineLine, StatusCount, Summary};

/// One cell, typed so a workbook writes dates as dates and numbers as numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    /// A month, stored as its first day (samples say when, not which day).
    Month(NaiveDate),
    Number(i64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as words, for the html page.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => crate::domain::dates::day(*d),
            Cell::Month(d) => crate::domain::dates::iso_month(*d),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// One section: a heading, its column names, its rows.
#[derive(Debug, Clone)]
pub struct Section {
    /// The worksheet name: at most 31 characters, none of `[]:*?/\`.
    pub sheet: &'static str,
    pub heading: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every section in the order of the Markdown summary. With `names`, each
/// section keyed by a case reference gets a "Names" column beside it.
pub fn sections(s: &Summary, names: Option<&PartyNames>) -> Vec<Section> {
    let mut out = vec![front(s, names)];
    out.push(referenced(
        ("Referrals received", "Referrals received"),
        &["Service", "Source"],
        s.referrals_received
            .iter()
            .map(|r| (r.reference.as_str(), vec![Cell::text(r.service.label()), Cell::text(r.source.label())])),
        names,
    ));
    out.push(referenced(
        ("Decisions", "Decisions"),
        &["Decision", "Risk level"],
        s.decisions.iter().map(|d| {
            (d.reference.as_str(), vec![Cell::text(super::words::decision_words(d)), Cell::text(d.risk_level.as_str())])
        }),
        names,
    ));
    out.push(referenced(
        ("Conditions completed", "Conditions completed"),
        &["Condition"],
        s.conditions_completed
            .iter()
            .map(|c| (c.reference.as_str(), vec![Cell::text(super::words::condition_words(c))])),
        names,
    ));
    out.push(counts(("Compliance events", "Compliance events"), "Event", &s.compliance_events));
    out.push(references(("Variations", "Variations agreed"), &s.variations, names));
    out.push(breaches(("Breaches new", "Breaches identified today"), &s.breaches.new_today, names));
    out.push(breaches(
        ("Breaches awaiting decision", "Breaches awaiting decision"),
        &s.breaches.awaiting_decision,
        names,
    ));
    out.push(breaches(("Breach decisions", "Breach decisions today"), &s.breaches.decided_today, names));
    out.push(referenced(
        ("Done today", "Done today"),
        &["Done"],
        s.done_today.iter().map(|a| (a.reference.as_str(), vec![Cell::text(super::words::activity_words(a))])),
        names,
    ));
    out.push(deadlines(("Overdue", "Overdue"), &s.overdue, names));
    out.push(deadlines(("Due today", "Due today"), &s.due_today, names));
    out.push(deadlines(
        ("Due next 5 working days", "Due in the next 5 working days"),
        &s.due_next_5_working_days,
        names,
    ));
    out.push(deadlines(("Agreement items due", "Agreement items due"), &s.agreement_items_due, names));
    out.push(references(
        ("Harmed parties to inform", "Harmed parties still to be told the result"),
        &s.harmed_parties_to_inform,
        names,
    ));
    out.push(counts(("Referral pipeline", "Referral pipeline"), "Status", &s.referral_pipeline));
    out.push(counts(("OOCD by status", "OOCD cases by status"), "Status", &s.oocd_pipeline));
    out.push(references(("Sense-checks overdue", "Sense-checks overdue"), &s.sense_checks_overdue, names));
    out.push(references(("Awaiting sign-off", "Awaiting manager sign-off"), &s.awaiting_manager_signoff, names));
    out.push(deadlines(
        ("Meetings next 5 working days", "Meetings in the next 5 working days"),
        &s.meetings_next_5_working_days,
        names,
    ));
    // No apostrophe in the sheet name: Excel refuses one at either end and
    // quoting rules for names with one trip up formulas users write.
    out.push(deadlines(
        ("Victims Code timers at risk", "Victims' Code timers at risk"),
        &s.victims_code_timers_at_risk,
        names,
    ));
    out.extend(people(s));
    out.push(compliance_and_data(s));
    out.push(deadlines(("Tomorrow", "Tomorrow's worklist"), &s.tomorrow, names));
    out
}

/// The front sheet, laid out like the page: each line of it in a row, its
/// references (cut as on the page) beside it.
fn front(s: &Summary, names: Option<&PartyNames>) -> Section {
    let p = super::page::page(s, names);
    let mut rows = vec![
        vec![Cell::text("Date"), Cell::Date(s.date)],
        vec![Cell::Text(p.prepared), Cell::text("")],
        vec![Cell::Text(p.notice), Cell::text("")],
    ];
    for (heading, lines) in [("What happened today", &p.happened), ("What needs attention", &p.attention)] {
        rows.push(vec![Cell::text(heading), Cell::text("")]);
        rows.extend(lines.iter().map(|l| vec![Cell::text(&l.headline), Cell::Text(super::markdown::references(l))]));
    }
    rows.extend(p.foot.into_iter().map(|f| vec![Cell::Text(f), Cell::text("")]));
    Section { sheet: "Summary", heading: "End-of-day summary", columns: vec!["Summary", "References"], rows }
}

/// The full lists the page cuts short: people by their directory number.
fn people(s: &Summary) -> [Section; 2] {
    [
        Section {
            sheet: "Caseloads",
            heading: "Caseload per coordinator",
            columns: vec!["Coordinator", "Open cases", "Maximum"],
            rows: s
                .caseloads
                .iter()
                .map(|c| {
                    vec![
                        Cell::Text(format!("Coordinator {}", c.coordinator)),
                        Cell::Number(c.open_cases),
                        c.max_caseload.map_or_else(|| Cell::text("not set"), Cell::Number),
                    ]
                })
                .collect(),
        },
        Section {
            sheet: "Vetting",
            heading: "Facilitators' vetting run out or running out",
            columns: vec!["Facilitator", "Vetting expires"],
            rows: s
                .vettings_due
                .iter()
                .map(|v| vec![Cell::Text(format!("Facilitator {}", v.facilitator)), Cell::Date(v.expires)])
                .collect(),
        },
    ]
}

fn compliance_and_data(s: &Summary) -> Section {
    Section {
        sheet: "Compliance and data",
        heading: "Compliance and data",
        columns: vec!["Fact", "Value"],
        rows: vec![
            vec![Cell::text("Contacts logged"), Cell::Number(s.contacts_logged)],
            vec![Cell::text("Enquiries logged"), Cell::Number(s.enquiries_logged)],
            vec![Cell::text("Records exported or disclosed today"), Cell::Number(s.records_disclosed_today)],
            vec![Cell::text("Retention reviews due this month"), Cell::Number(s.retention_reviews_due_this_month)],
            vec![
                Cell::text("Audit hash chain (newest 5,000 changes)"),
                Cell::text(if s.audit_chain_ok { "ok" } else { "FAULT: run casedesk check" }),
            ],
            vec![Cell::text("Audit head (casedesk check --head)"), Cell::text(&s.audit_head)],
        ],
    }
}

/// A section whose rows each start with a case reference (and its names).
fn referenced<'a>(
    (sheet, heading): (&'static str, &'static str),
    columns: &[&'static str],
    rows: impl Iterator<Item = (&'a str, Vec<Cell>)>,
    names: Option<&PartyNames>,
) -> Section {
    let mut all_columns = vec!["Reference"];
    if names.is_some() {
        all_columns.push("Names");
    }
    all_columns.extend_from_slice(columns);
    let rows = rows
        .map(|(reference, rest)| {
            let mut row = vec![Cell::text(reference)];
            if let Some(n) = names {
                row.push(Cell::Text(n.of(reference)));
            }
            row.extend(rest);
            row
        })
        .collect();
    Section { sheet, heading, columns: all_columns, rows }
}

fn references(titles: (&'static str, &'static str), refs: &[String], names: Option<&PartyNames>) -> Section {
    referenced(titles, &[], refs.iter().map(|r| (r.as_str(), Vec::new())), names)
}

fn deadlines(titles: (&'static str, &'static str), lines: &[DeadlineLine], names: Option<&PartyNames>) -> Section {
    referenced(
        titles,
        &["Item", "Date", "Working days over"],
        lines.iter().map(|l| {
            (
                l.reference.as_str(),
                vec![Cell::text(&l.item), Cell::Date(l.due_on), Cell::Number(l.working_days_overdue)],
            )
        }),
        names,
    )
}

fn breaches(titles: (&'static str, &'static str), lines: &[BreachLine], names: Option<&PartyNames>) -> Section {
    referenced(
        titles,
        &["Identified on", "Decision", "Referred to", "Age (working days)"],
        lines.iter().map(|b| {
            (
                b.reference.as_str(),
                vec![
                    Cell::Date(b.identified_on),
                    Cell::text(b.decision.label()),
                    Cell::text(&b.referred_to),
                    Cell::Number(b.age_working_days),
                ],
            )
        }),
        names,
    )
}

fn counts((sheet, heading): (&'static str, &'static str), what: &'static str, lines: &[StatusCount]) -> Section {
    Section {
        sheet,
        heading,
        columns: vec![what, "Cases"],
        rows: lines
            .iter()
            .map(|c| vec![Cell::Text(super::words::status_words(&c.status)), Cell::Number(c.cases)])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let summary = crate::export::summary::tests::empty_summary();
        let all = sections(&summary, None);
        let mut seen = std::collections::HashSet::new();
        for s in &all {
            assert!(s.sheet.chars().count() <= 31, "{} is too long for a sheet name", s.sheet);
            assert!(!s.sheet.contains(['[', ']', ':', '*', '?', '/', '\\']), "{}", s.sheet);
            assert!(seen.insert(s.sheet.to_lowercase()), "{} twice", s.sheet);
        }
    }
}
