//! The RJ quarterly return a PCC-commissioned restorative justice service
//! makes (issue 15 §4): `casedesk report --kind rj-quarterly --quarter
//! 2026-Q3`, each figure with its counting definition, written by the
//! period report's renderers.

use chrono::NaiveDate;

use super::{Figure, FigureValue, PeriodReport, Weekly};
use crate::domain::types::{ProcessKind, Source};
use crate::store::summary::status_words;
use crate::store::views::rj_quarterly::{FeedbackFacts, RjQuarter};
use crate::store::{Store, StoreResult};

const ACCEPTED: &str = "write the quarter as 2026-Q3 (Q1 is January to March)";

/// "2026-Q3" as its first and last days.
pub fn quarter_bounds(text: &str) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let bad = || anyhow::anyhow!("{text:?} is not a quarter: {ACCEPTED}");
    let (year, q) = text.trim().split_once(['-', ' ']).ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let q: u32 =
        q.strip_prefix(['Q', 'q']).and_then(|n| n.parse().ok()).filter(|n| (1..=4).contains(n)).ok_or_else(bad)?;
    let first = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1).ok_or_else(bad)?;
    let next =
        if q == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, 3 * q + 1, 1) };
    let last = next.and_then(|n| n.pred_opt()).ok_or_else(bad)?;
    Ok((first, last))
}

pub fn gather(store: &Store, from: NaiveDate, to: NaiveDate) -> StoreResult<PeriodReport> {
    let figures = figures(&store.rj_quarter(from, to)?);
    Ok(PeriodReport { title: "RJ quarterly return", from, to, figures, weekly: Weekly::default() })
}

const RECEIVED: &str = "Restorative justice and mediation referrals received in the quarter, by received date";

fn figures(q: &RjQuarter) -> Vec<Figure> {
    let mut out = vec![count("referrals", "Referrals received", q.referrals, &format!("{RECEIVED}."))];
    referrals(&mut out, q);
    for (stored, n) in &q.closed_by_outcome {
        let label = if stored.is_empty() { "no outcome recorded".to_string() } else { status_words(stored) };
        out.push(count(
            &format!("outcome.{stored}"),
            &format!("Closed: {label}"),
            *n,
            "Restorative justice and mediation cases closed in the quarter, by closing date, by the outcome recorded on closing.",
        ));
    }
    processes(&mut out, q);
    out.push(count(
        "agreements_completed",
        "Agreements completed",
        q.agreements_completed,
        "Outcome agreements completed, counted on the day the harmed party was told the result, in the quarter.",
    ));
    feedback(&mut out, &q.feedback);
    out
}

fn referrals(out: &mut Vec<Figure>, q: &RjQuarter) {
    for (stored, n) in &q.referrals_by_source {
        let label = Source::parse(stored).map_or(stored.as_str(), |s| s.label());
        out.push(count(
            &format!("by_source.{stored}"),
            &format!("From: {label}"),
            *n,
            &format!("{RECEIVED}, by source."),
        ));
    }
    for (stored, n) in &q.referrals_by_flag {
        let label = flag_label(stored);
        out.push(count(
            &format!("by_offence_group.{stored}"),
            &format!("Offence group: {label}"),
            *n,
            &format!("{RECEIVED}, by the offence flags on the case: a case with two flags counts under each."),
        ));
    }
    let from = |sources: &[Source]| {
        q.referrals_by_source.iter().filter(|(s, _)| sources.iter().any(|x| x.as_str() == s)).map(|(_, n)| n).sum()
    };
    out.push(count(
        "victim_initiated",
        "Victim-initiated",
        from(&[Source::VictimSelf, Source::VictimServices]),
        &format!("{RECEIVED}, referred by the victim themselves or by victim services."),
    ));
    out.push(count(
        "offender_initiated",
        "Offender-initiated",
        from(&[Source::OffenderSelf]),
        &format!("{RECEIVED}, referred by the responsible party themselves."),
    ));
}

fn flag_label(stored: &str) -> &str {
    match stored {
        "domestic_abuse" => "Domestic abuse",
        "hate_crime" => "Hate crime",
        "sexual" => "Sexual offence",
        "knife" => "Knife crime",
        "youth" => "Youth",
        _ => "No offence flag",
    }
}

/// Direct meetings: the parties together, in a room or on a screen.
fn is_conference(kind: ProcessKind) -> bool {
    matches!(
        kind,
        ProcessKind::FaceToFaceConference
            | ProcessKind::CommunityConference
            | ProcessKind::VideoCall
            | ProcessKind::MediationJointMeeting
    )
}

fn processes(out: &mut Vec<Figure>, q: &RjQuarter) {
    const HELD: &str = "Processes held in the quarter, by the day held";
    let kinds: Vec<(ProcessKind, i64)> =
        q.processes_held_by_kind.iter().filter_map(|(s, n)| ProcessKind::parse(s).map(|k| (k, *n))).collect();
    let direct = kinds.iter().filter(|(k, _)| is_conference(*k)).map(|(_, n)| n).sum();
    let indirect = kinds.iter().filter(|(k, _)| !is_conference(*k)).map(|(_, n)| n).sum();
    out.push(count(
        "conferences",
        "Conferences and direct meetings held",
        direct,
        &format!("{HELD}: face-to-face and community conferences, video calls and joint mediation meetings."),
    ));
    out.push(count(
        "indirect",
        "Indirect processes held",
        indirect,
        &format!("{HELD}: shuttle, letters, recorded messages, phone calls and mediation shuttle."),
    ));
    for (kind, n) in kinds {
        out.push(count(
            &format!("held.{}", kind.as_str()),
            &format!("Held: {}", kind.label()),
            n,
            &format!("{HELD}, by kind."),
        ));
    }
}

fn feedback(out: &mut Vec<Figure>, f: &FeedbackFacts) {
    const COLLECTED: &str = "Participants' feedback collected in the quarter, by the day collected";
    out.push(count("feedback", "Feedback received", f.given, &format!("{COLLECTED}.")));
    out.push(measure(
        "mean_satisfaction",
        "Mean satisfaction (1 to 5)",
        f.mean_satisfaction.map(one_place),
        &format!("{COLLECTED}: the mean score, 1 very dissatisfied to 5 very satisfied; blank if none."),
    ));
    let share = |n: i64| (f.given > 0).then(|| one_place(100.0 * n as f64 / f.given as f64));
    out.push(measure(
        "would_recommend",
        "Would recommend (%)",
        share(f.would_recommend),
        &format!("{COLLECTED}: the share answering yes (no and unsure count against); blank if none."),
    ));
    out.push(measure(
        "felt_safe",
        "Felt safe (%)",
        share(f.felt_safe),
        &format!("{COLLECTED}: the share answering yes (no and unsure count against); blank if none."),
    ));
}

fn one_place(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn count(key: &str, label: &str, n: i64, definition: &str) -> Figure {
    Figure { key: key.into(), label: label.into(), value: FigureValue::Count(n), definition: definition.into() }
}

fn measure(key: &str, label: &str, x: Option<f64>, definition: &str) -> Figure {
    Figure { key: key.into(), label: label.into(), value: FigureValue::Number(x), definition: definition.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_is_its_three_months() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(quarter_bounds("2026-Q3").unwrap(), (d("2026-07-01"), d("2026-09-30")));
        assert_eq!(quarter_bounds("2026-q4").unwrap(), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(quarter_bounds("2024-Q1").unwrap(), (d("2024-01-01"), d("2024-03-31")));
        for bad in ["2026-Q5", "Q3", "2026-Q0", "2026-3", ""] {
            let said = quarter_bounds(bad).unwrap_err().to_string();
            assert!(said.ends_with("write the quarter as 2026-Q3 (Q1 is January to March)"), "{said}");
        }
    }
}
