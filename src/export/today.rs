//! The Today list as plain text, for `casedesk today` and for cron mail.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::triage::{group, TodayItem, TodaySection};
use crate::export::safe::inert;

pub fn render(today: NaiveDate, working_day: bool, items: Vec<TodayItem>) -> String {
    let mut out = String::new();
    let day_kind = if working_day { "working day" } else { "not a working day" };
    let _ = writeln!(out, "Today: {} ({day_kind})", today.format("%A %-d %B %Y"));
    for (section, entries) in group(items) {
        let _ = writeln!(out, "\n{} ({})", section.heading(), entries.len());
        if entries.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for item in entries {
            let _ = writeln!(out, "  {}", line(section, &item));
        }
    }
    out
}

fn line(section: TodaySection, item: &TodayItem) -> String {
    let flag = if item.late { "LATE" } else { "    " };
    let when = match section {
        TodaySection::NewReferrals | TodaySection::Checklists => {
            format!("since {} ({} wd)", item.date, item.working_days)
        }
        TodaySection::Overdue => format!("due {} ({} wd over)", item.date, item.working_days),
        TodaySection::DueSoon => format!("due {} (in {} wd)", item.date, -item.working_days),
        TodaySection::Meetings => format!("on {}", item.date.format("%a %d %b")),
        _ => format!("due {}", item.date),
    };
    format!("{:<15} {flag} {:<28} {}", item.case_ref, when, inert(&item.title))
}
