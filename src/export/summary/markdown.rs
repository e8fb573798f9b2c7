//! The summary as Markdown: the form the manager reads in a mail or a viewer.

use std::fmt::Write as _;

use super::PartyNames;
use crate::export::safe::escape_markdown;
use crate::store::summary::{DeadlineLine, StatusCount, Summary};

/// The page. With `names`, each reference is followed by its parties' names.
pub fn render(s: &Summary, names: Option<&PartyNames>) -> String {
    let tag = |reference: &str| names.map_or_else(|| reference.to_string(), |n| n.tagged(reference));
    let mut out = String::new();
    let day_kind = if s.working_day { "working day" } else { "not a working day" };
    let _ = writeln!(out, "# End-of-day summary: {}\n", crate::domain::dates::long_with_weekday(s.date));
    let _ = writeln!(
        out,
        "Prepared by {} · {day_kind} · next working day {}\n",
        escape_markdown(&s.user),
        s.next_working_day
    );
    let notice = match names {
        Some(n) => format!(
            "Contains names: disclosed to {} ({}), recorded in the disclosure log.",
            n.recipient, n.justification
        ),
        None => "References only: this file holds no names.".to_string(),
    };
    let _ = writeln!(out, "{}\n", escape_markdown(&notice));
    section(
        &mut out,
        "Referrals received",
        s.referrals_received
            .iter()
            .map(|r| format!("{} — {} from {}", tag(&r.reference), r.service.label(), r.source.label())),
    );
    section(
        &mut out,
        "Decisions",
        s.decisions
            .iter()
            .map(|d| format!("{} — {} (risk {})", tag(&d.reference), d.decision.label(), d.risk_level.as_str())),
    );
    section(
        &mut out,
        "Conditions completed",
        s.conditions_completed.iter().map(|c| format!("{} — {}", tag(&c.reference), super::words::condition_words(c))),
    );
    let events = super::words::total(&s.compliance_events);
    let compliance = s.compliance_events.iter().map(count_line);
    counted_section(&mut out, &format!("Compliance events ({events} in all)"), compliance);
    section(&mut out, "Breaches identified today", s.breaches.new_today.iter().map(|b| tag(&b.reference)));
    section(
        &mut out,
        "Breaches awaiting decision",
        s.breaches.awaiting_decision.iter().map(|b| {
            format!(
                "{} — identified {} ({} wd), referred to {}",
                tag(&b.reference),
                b.identified_on,
                b.age_working_days,
                or_dash(&b.referred_to)
            )
        }),
    );
    section(
        &mut out,
        "Breach decisions today",
        s.breaches.decided_today.iter().map(|b| format!("{} — {}", tag(&b.reference), b.decision.label())),
    );
    section(
        &mut out,
        "Done today",
        s.done_today.iter().map(|a| format!("{} — {}", tag(&a.reference), super::words::activity_words(a))),
    );
    deadline_table(&mut out, "Overdue", &s.overdue, names);
    deadline_table(&mut out, "Due today", &s.due_today, names);
    deadline_table(&mut out, "Due in the next 5 working days", &s.due_next_5_working_days, names);
    deadline_table(&mut out, "Agreement items due", &s.agreement_items_due, names);
    section(&mut out, "Harmed parties still to be told the result", s.harmed_parties_to_inform.iter().map(|r| tag(r)));
    let referrals = super::words::total(&s.referral_pipeline);
    let heading = format!("Referral pipeline ({referrals} open referrals)");
    counted_section(&mut out, &heading, s.referral_pipeline.iter().map(count_line));
    let oocd = super::words::total(&s.oocd_pipeline);
    let heading = format!("OOCD cases by status ({oocd} cases)");
    counted_section(&mut out, &heading, s.oocd_pipeline.iter().map(count_line));
    section(&mut out, "Sense-checks overdue", s.sense_checks_overdue.iter().map(|r| tag(r)));
    section(&mut out, "Awaiting manager sign-off", s.awaiting_manager_signoff.iter().map(|r| tag(r)));
    deadline_table(&mut out, "Meetings in the next 5 working days", &s.meetings_next_5_working_days, names);
    deadline_table(&mut out, "Victims' Code timers at risk", &s.victims_code_timers_at_risk, names);
    let _ = writeln!(out, "## Compliance and data\n");
    let _ = writeln!(out, "- Contacts logged: {}", s.contacts_logged);
    let _ = writeln!(out, "- Records exported or disclosed today: {}", s.records_disclosed_today);
    let _ = writeln!(out, "- Retention reviews due this month: {}", s.retention_reviews_due_this_month);
    let _ = writeln!(
        out,
        "- Audit hash chain (newest 5,000 changes; `casedesk check` verifies all): {}\n",
        if s.audit_chain_ok { "ok" } else { "FAULT — run casedesk check" }
    );
    deadline_table(&mut out, "Tomorrow's worklist", &s.tomorrow, names);
    let _ = writeln!(out, "Audit head: {} (check later with `casedesk check --head {}`)", s.audit_head, s.audit_head);
    out
}

fn count_line(c: &StatusCount) -> String {
    format!("{}: {}", super::words::status_words(&c.status), c.cases)
}

/// "3 over", "today" or "in 2": a count of working days a reader need not decode.
fn working_days_words(overdue: i64) -> String {
    match overdue {
        0 => "today".to_string(),
        n if n > 0 => format!("{n} over"),
        n => format!("in {}", -n),
    }
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
        let _ = writeln!(out, "- {}", escape_markdown(&line));
    }
    out.push('\n');
}

/// A section of counts: its heading says the total of what it counts, not
/// how many lines it has.
fn counted_section(out: &mut String, heading: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    let _ = writeln!(out, "## {heading}\n");
    if lines.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    for line in lines {
        let _ = writeln!(out, "- {}", escape_markdown(&line));
    }
    out.push('\n');
}

fn deadline_table(out: &mut String, heading: &str, lines: &[DeadlineLine], names: Option<&PartyNames>) {
    let _ = writeln!(out, "## {heading} ({})\n", lines.len());
    if lines.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    match names {
        Some(_) => out.push_str("| Reference | Names | Item | Date | Working days |\n|---|---|---|---|---:|\n"),
        None => out.push_str("| Reference | Item | Date | Working days |\n|---|---|---|---:|\n"),
    }
    for l in lines {
        let reference = match names {
            Some(n) => format!("{} | {}", escape_markdown(&l.reference), escape_markdown(&n.of(&l.reference))),
            None => escape_markdown(&l.reference),
        };
        let when = working_days_words(l.working_days_overdue);
        let _ = writeln!(
            out,
            "| {reference} | {} | {} | {when} |",
            escape_markdown(&l.item),
            crate::domain::dates::day(l.due_on)
        );
    }
    out.push('\n');
}
