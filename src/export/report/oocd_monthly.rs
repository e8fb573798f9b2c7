//! The OOCD monthly return (issue 15 §4): `casedesk report --kind
//! oocd-monthly --month 2026-11`, each figure with its counting definition,
//! written by the period report's renderers.

use chrono::{Datelike, NaiveDate};

use super::{Figure, FigureValue, PeriodReport, Weekly};
use crate::domain::caps::ConditionKind;
use crate::domain::status::{DisposalType, HoOutcome};
use crate::store::views::oocd_monthly::OocdMonth;
use crate::store::{Store, StoreResult};

/// "2026-11" as its first and last days.
pub fn month_bounds(text: &str) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("{text:?} is not a month: write it as 2026-11"))?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let last = next.and_then(|n| n.pred_opt()).ok_or_else(|| anyhow::anyhow!("{text:?} is out of range"))?;
    Ok((first, last))
}

pub fn gather(store: &Store, from: NaiveDate, to: NaiveDate) -> StoreResult<PeriodReport> {
    let figures = figures(&store.oocd_month(from, to)?);
    Ok(PeriodReport { title: "OOCD monthly return", from, to, figures, weekly: Weekly::default() })
}

fn figures(m: &OocdMonth) -> Vec<Figure> {
    let mut out = Vec::new();
    let given: i64 = m.given_by_type.iter().map(|(_, n)| n).sum();
    out.push(count("given", "Disposals given", given, "Disposals whose issue date falls in the month."));
    for (stored, n) in &m.given_by_type {
        let label = DisposalType::parse(stored).map_or(stored.as_str(), |t| t.label());
        out.push(count(
            &format!("given_by_type.{stored}"),
            &format!("Given: {label}"),
            *n,
            "Disposals issued in the month, by type.",
        ));
    }
    for (stored, n) in &m.given_by_outcome_code {
        let label = HoOutcome::parse(stored).map_or_else(|| format!("Outcome {stored}"), |o| o.label().to_string());
        out.push(count(
            &format!("given_by_outcome.{stored}"),
            &format!("Given: {label}"),
            *n,
            "Disposals issued in the month, by the Home Office outcome code recorded on them.",
        ));
    }
    out.push(count("completed", "Completed", m.completed, "OOCD cases closed as completed in the month."));
    out.push(Figure {
        key: "mean_days_to_completion".into(),
        label: "Average days to completion".into(),
        value: FigureValue::WorkingDays(m.mean_days_to_completion.map(|d| (d * 10.0).round() / 10.0)),
        definition: "Mean calendar days from issue to closure, over the cases completed in the month.".into(),
    });
    out.push(count("breaches_found", "Breaches found", m.breaches_found, "Breaches identified in the month."));
    out.push(count("breaches_decided", "Breaches decided", m.breaches_decided, "Breach decisions made in the month."));
    for (stored, n) in &m.conditions_by_kind {
        let label = ConditionKind::parse(stored).map_or(stored.as_str(), |k| k.label());
        out.push(count(
            &format!("conditions_by_kind.{stored}"),
            &format!("Conditions: {label}"),
            *n,
            "Conditions on the disposals issued in the month, by kind.",
        ));
    }
    out
}

fn count(key: &str, label: &str, n: i64, definition: &str) -> Figure {
    Figure { key: key.into(), label: label.into(), value: FigureValue::Count(n), definition: definition.into() }
}
