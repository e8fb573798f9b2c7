//! The audit log as text for `casedesk audit`: one line per row, oldest
//! first, streamed from the database as it is read.
//!
//! Looking at the log is itself processing of personal data (the log names
//! cases, recipients and reasons), so every listing is first recorded as a
//! consultation (DPA 2018 s.62(1)(c)): with `--case`, against that case;
//! without, against the log as a whole. The record is written before the
//! listing, so it appears as the listing's last line.

use std::io::Write;

use anyhow::Context;
use chrono::{Local, TimeZone};

use crate::export::safe::inert;
use crate::store::backup::AuditLine;
use crate::store::{AuditEntry, AuditOp, Store};

/// Why a listing was made, as recorded in the consultation row.
const CASE_LISTING: &str = "viewed the case's audit log (casedesk audit --case)";
const FULL_LISTING: &str = "viewed the whole audit log (casedesk audit)";

/// Record a consultation of the log, of the case `case_ref` or of the whole
/// log, before it is listed; returns the case's id, for `write_listing`.
pub fn consult(store: &mut Store, case_ref: Option<&str>) -> anyhow::Result<Option<i64>> {
    let case_id = match case_ref {
        Some(reference) => Some(case_id_of(store, reference)?),
        None => None,
    };
    record_consultation(store, case_id)?;
    Ok(case_id)
}

fn case_id_of(store: &Store, reference: &str) -> anyhow::Result<i64> {
    let reference = reference.trim();
    let found = store.case_by_ref(reference).context("looking up the case")?;
    match found {
        Some((id, _status)) => Ok(id),
        None => anyhow::bail!("there is no case with reference {:?}; nothing was listed", inert(reference)),
    }
}

fn record_consultation(store: &mut Store, case_id: Option<i64>) -> anyhow::Result<()> {
    store
        .write(|tx| match case_id {
            Some(id) => tx.log_consult(id, CASE_LISTING),
            None => {
                let mut entry = AuditEntry::new(AuditOp::Consult, "audit_log", "all");
                entry.justification = Some(FULL_LISTING.to_string());
                tx.audit(&entry)
            }
        })
        .context("recording the consultation of the audit log")?;
    Ok(())
}

/// Write the listing to `out`; a closed pipe (`casedesk audit | head`) ends
/// it quietly, any other write error is reported.
pub fn write_listing(store: &Store, case_id: Option<i64>, out: &mut impl Write) -> anyhow::Result<()> {
    let mut write_error = None;
    store.each_audit_line(case_id, |line| match writeln!(out, "{}", format_line(line)) {
        Ok(()) => true,
        Err(e) => {
            write_error = Some(e);
            false
        }
    })?;
    let flushed = match write_error {
        Some(e) => Err(e),
        None => out.flush(),
    };
    match flushed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing the audit listing"),
        _ => Ok(()),
    }
}

/// `2026-11-20 01:14:03 -08:00  alice  disclose  letter 4  RJ-2026-0042  to: … why: …`,
/// the time in the desk's local time.
pub fn format_line(line: &AuditLine) -> String {
    format_line_in(line, &Local)
}

/// `format_line` with times in `zone`. Every stored text is shown inert:
/// the log may hold whatever was typed.
fn format_line_in<Z: TimeZone>(line: &AuditLine, zone: &Z) -> String
where
    Z::Offset: std::fmt::Display,
{
    let mut text = format!(
        "{}  {}  {}  {} {}  {}",
        time_in(&line.at_utc, zone),
        inert(&line.user),
        inert(&line.op),
        inert(&line.entity),
        inert(&line.entity_id),
        line.case_ref.as_deref().map_or_else(|| "-".to_string(), inert),
    );
    if let Some(recipient) = &line.recipient {
        text.push_str(&format!("  to: {}", inert(recipient)));
    }
    if let Some(why) = &line.justification {
        text.push_str(&format!("  why: {}", inert(why)));
    }
    text
}

/// `2026-11-20T09:14:03.123456Z` → `2026-11-20 01:14:03 -08:00` in Los
/// Angeles: the log keeps UTC, a person reads the desk's own clock, and the
/// offset keeps an hour that a clock change repeats unambiguous. Seconds
/// are enough to read.
fn time_in<Z: TimeZone>(stamp: &str, zone: &Z) -> String
where
    Z::Offset: std::fmt::Display,
{
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(at) => at.with_timezone(zone).format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        Err(_) => inert(stamp),
    }
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use super::*;

    fn los_angeles_in_winter() -> FixedOffset {
        FixedOffset::west_opt(8 * 3600).unwrap()
    }

    fn line() -> AuditLine {
        AuditLine {
            at_utc: "2026-11-20T09:14:03.123456Z".into(),
            user: "alice".into(),
            op: "disclose".into(),
            entity: "letter".into(),
            entity_id: "4".into(),
            case_ref: Some("RJ-2026-0042".into()),
            recipient: Some("Victim \u{1b}[2Jliaison".into()),
            justification: Some("outcome letter".into()),
        }
    }

    #[test]
    fn a_disclosure_line_names_recipient_and_reason_inertly() {
        assert_eq!(
            format_line_in(&line(), &chrono::Utc),
            "2026-11-20 09:14:03 +00:00  alice  disclose  letter 4  RJ-2026-0042  to: Victim [2Jliaison  why: outcome letter"
        );
    }

    #[test]
    fn a_row_without_a_case_shows_a_dash() {
        let mut row = line();
        row.case_ref = None;
        row.recipient = None;
        row.justification = None;
        assert_eq!(format_line_in(&row, &chrono::Utc), "2026-11-20 09:14:03 +00:00  alice  disclose  letter 4  -");
    }

    #[test]
    fn a_time_is_shown_in_the_desks_zone_with_its_offset() {
        let mut row = line();
        row.at_utc = "2026-11-21T07:23:00.000001Z".into();
        let shown = format_line_in(&row, &los_angeles_in_winter());
        assert!(shown.starts_with("2026-11-20 23:23:00 -08:00  alice"), "{shown}");
    }

    #[test]
    fn a_stamp_that_is_not_a_time_is_shown_as_it_is() {
        let mut row = line();
        row.at_utc = "yesterday\u{1b}]52".into();
        assert!(format_line_in(&row, &chrono::Utc).starts_with("yesterday]52  alice"));
    }
}
