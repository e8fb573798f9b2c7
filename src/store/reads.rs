//! Small reads shared by the screens and exports: the calendar, counts, a
//! case's disposal and conditions, and the date helpers every query uses.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;

use super::{Store, StoreResult};
use crate::domain::holidays;
use crate::domain::workdays::WorkCalendar;

pub(crate) fn day_text(d: NaiveDate) -> String {
    crate::domain::dates::iso(d)
}

pub(crate) fn parse_day(s: &str) -> NaiveDate {
    // Dates are written by this program as YYYY-MM-DD (or a datetime that
    // starts so). Lists parse tens of thousands of them, so the digits are
    // read directly; anything else goes through chrono's parser.
    let text = s.get(..10).unwrap_or(s);
    fast_day(text.as_bytes()).or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).unwrap_or_default()
}

/// A time as this program writes it ("YYYY-MM-DDTHH:MM", or with seconds);
/// the diary reads hundreds a week, so the usual form is read digit by
/// digit and only anything else goes through chrono's parser.
pub(crate) fn parse_stamp(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    let fast = (b.len() == 16 && b[10] == b'T' && b[13] == b':')
        .then(|| {
            let time = NaiveTime::from_hms_opt(two_digits(&b[11..13])?, two_digits(&b[14..16])?, 0)?;
            Some(fast_day(&b[..10])?.and_time(time))
        })
        .flatten();
    fast.or_else(|| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .ok()
    })
}

fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [x, y] if x.is_ascii_digit() && y.is_ascii_digit() => Some(u32::from(x - b'0') * 10 + u32::from(y - b'0')),
        _ => None,
    }
}

/// `YYYY-MM-DD` exactly, as four, two and two ASCII digits.
fn fast_day(b: &[u8]) -> Option<NaiveDate> {
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(0..4)?).ok()?, digits(5..7)?, digits(8..10)?)
}

/// One bank holiday as `casedesk holidays list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HolidayRow {
    pub date: NaiveDate,
    pub name: String,
    /// Added on this desk (by hand or from the GOV.UK list), not computed.
    pub added: bool,
}

impl Store {
    /// England & Wales holidays computed from the rules, less any the user
    /// removed (a day moved), plus any added by hand or imported from the
    /// GOV.UK list into `bank_holiday`: every working-day count reads this.
    pub fn calendar(&self) -> StoreResult<WorkCalendar> {
        calendar_of(self.conn())
    }

    /// The computed holidays the user removed.
    fn removed_holidays(&self) -> StoreResult<std::collections::HashSet<NaiveDate>> {
        removed_holidays(self.conn())
    }

    /// The bank holidays of `year` the desk counts, in date order, each
    /// with its name and where it comes from.
    pub fn holiday_list(&self, year: i32) -> StoreResult<Vec<HolidayRow>> {
        let removed = self.removed_holidays()?;
        let mut rows: Vec<HolidayRow> = holidays::bank_holidays(year)
            .into_iter()
            .filter(|h| !removed.contains(&h.date))
            .map(|h| HolidayRow { date: h.date, name: h.name, added: false })
            .collect();
        let mut stmt = self.conn().prepare("SELECT date, name FROM bank_holiday WHERE date LIKE ?1 ORDER BY date")?;
        let added = stmt.query_map(params![format!("{year:04}-%")], |r| {
            Ok(HolidayRow { date: parse_day(&r.get::<_, String>(0)?), name: r.get(1)?, added: true })
        })?;
        for row in added {
            let row = row?;
            if !rows.iter().any(|r| r.date == row.date) {
                rows.push(row);
            }
        }
        rows.sort_by_key(|r| r.date);
        Ok(rows)
    }

    /// How many cases the database holds.
    pub fn case_count(&self) -> StoreResult<i64> {
        Ok(self.conn().query_row("SELECT COUNT(*) FROM case_file", [], |r| r.get(0))?)
    }

    /// Whether the database holds any case at all (one row read, not a count).
    pub fn has_cases(&self) -> StoreResult<bool> {
        Ok(self.conn().query_row("SELECT EXISTS (SELECT 1 FROM case_file LIMIT 1)", [], |r| r.get(0))?)
    }

    /// The disposal recorded on an OOCD case, if any.
    pub fn disposal(&self, case_id: i64) -> StoreResult<Option<crate::store::model::NewDisposal>> {
        disposal_in(self.conn(), case_id)
    }

    /// A case's id and status by its reference.
    pub fn case_by_ref(&self, reference: &str) -> StoreResult<Option<(i64, String)>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row("SELECT id, status FROM case_file WHERE ref = ?1", params![reference], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// A case's conditions in order: (id, kind, status, due date).
    pub fn conditions_of(&self, case_id: i64) -> StoreResult<Vec<(i64, String, String, NaiveDate)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, kind, status, due_on FROM condition WHERE case_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![case_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, parse_day(&r.get::<_, String>(3)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Rows in a table that belong to a case (tests and checks).
    pub fn count_for_case(&self, table: &'static str, case_id: i64) -> StoreResult<i64> {
        let sql = match table {
            "agreement_item" => {
                "SELECT COUNT(*) FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                                 JOIN rj_process p ON p.id = a.process_id WHERE p.case_id = ?1"
                    .to_string()
            }
            other => format!("SELECT COUNT(*) FROM {other} WHERE case_id = ?1"),
        };
        Ok(self.conn().query_row(&sql, params![case_id], |r| r.get(0))?)
    }

    /// The stored status of one condition.
    pub fn condition_status(&self, condition_id: i64) -> StoreResult<String> {
        Ok(self.conn().query_row("SELECT status FROM condition WHERE id = ?1", params![condition_id], |r| r.get(0))?)
    }

    /// How many contacts are logged in all.
    pub fn contact_count(&self) -> StoreResult<i64> {
        Ok(self.conn().query_row("SELECT COUNT(*) FROM contact_log", [], |r| r.get(0))?)
    }
}

/// Stored snake_case values read as words.
pub(crate) fn kind_word(kind: &str) -> String {
    kind.replace('_', " ")
}

/// The disposal recorded on an OOCD case, if any, read in any transaction.
pub(crate) fn disposal_in(
    conn: &rusqlite::Connection,
    case_id: i64,
) -> StoreResult<Option<crate::store::model::NewDisposal>> {
    use crate::domain::legal::Rank;
    use crate::domain::status::DisposalType;
    use rusqlite::OptionalExtension;
    let day = |s: Option<String>| s.map(|s| parse_day(&s));
    Ok(conn
        .query_row(
            "SELECT disposal_type, gravity_score, gravity_matrix, decision_rationale, admission_recorded_on,
                        consent_recorded_on, signed_document_ref, victim_views_sought_on, victim_views, authorised_by,
                        cps_decision_ref, issued_on, completion_due, completion_due_rule, extended_exceptionally,
                        oic_name, oic_contact, authorising_rank, yot_referred_on, proceed_reason, time_limit_reason
                 FROM oocd_disposal WHERE case_id = ?1",
            params![case_id],
            |r| {
                let kind: DisposalType = r.get("disposal_type")?;
                let mut d = crate::store::model::NewDisposal::new(kind);
                d.gravity_score = r.get::<_, Option<i64>>(1)?.and_then(|g| u8::try_from(g).ok());
                d.gravity_matrix = r.get(2)?;
                d.decision_rationale = r.get(3)?;
                d.admission_recorded_on = day(r.get(4)?);
                d.consent_recorded_on = day(r.get(5)?);
                d.signed_document_ref = r.get(6)?;
                d.victim_views_sought_on = day(r.get(7)?);
                d.victim_views = r.get(8)?;
                d.authorised_by = r.get(9)?;
                d.cps_decision_ref = r.get(10)?;
                d.issued_on = day(r.get(11)?);
                d.completion_due = day(r.get(12)?);
                d.completion_due_rule = r.get(13)?;
                d.extended_exceptionally = r.get(14)?;
                d.oic_name = r.get(15)?;
                d.oic_contact = r.get(16)?;
                d.authorising_rank = r.get::<_, Option<String>>(17)?.as_deref().and_then(Rank::parse);
                d.yot_referred_on = day(r.get(18)?);
                d.proceed_reason = r.get(19)?;
                d.time_limit_reason = r.get(20)?;
                Ok(d)
            },
        )
        .optional()?)
}

/// `Store::calendar`, on any connection: a write that counts working days
/// (the Victims' Code clock after an edit) reads it inside its transaction.
pub(crate) fn calendar_of(conn: &rusqlite::Connection) -> StoreResult<WorkCalendar> {
    let mut stmt = conn.prepare("SELECT date, name FROM bank_holiday")?;
    let added: Vec<(NaiveDate, String)> = stmt
        .query_map([], |r| Ok((parse_day(&r.get::<_, String>(0)?), r.get::<_, String>(1)?)))?
        .collect::<Result<_, _>>()?;
    let removed = removed_holidays(conn)?;
    let computed = (holidays::FIRST_YEAR..=holidays::LAST_YEAR)
        .flat_map(|y| holidays::bank_holidays(y).into_iter().map(|h| h.date))
        .filter(|d| !removed.contains(d));
    let calendar = WorkCalendar::from_holidays(computed.chain(added.iter().map(|(d, _)| *d)));
    Ok(calendar.with_names(added))
}

fn removed_holidays(conn: &rusqlite::Connection) -> StoreResult<std::collections::HashSet<NaiveDate>> {
    let mut stmt = conn.prepare("SELECT date FROM bank_holiday_removed")?;
    let days = stmt.query_map([], |r| r.get::<_, String>(0))?.map(|r| r.map(|s| parse_day(&s)));
    Ok(days.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_from_dates_and_datetimes() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(parse_day("2026-11-20"), day);
        assert_eq!(parse_day("2026-11-20T09:30"), day);
        assert_eq!(parse_day("2026-11-20 09:30:00"), day);
    }

    #[test]
    fn anything_else_falls_back_to_chrono_and_then_the_default() {
        // chrono accepts an unpadded month; the fast path does not.
        assert_eq!(parse_day("2026-1-05"), NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        assert_eq!(parse_day("2026-02-30"), NaiveDate::default());
        assert_eq!(parse_day("not a day"), NaiveDate::default());
        assert_eq!(parse_day(""), NaiveDate::default());
    }

    #[test]
    fn times_parse_by_their_digits_as_chrono_would() {
        let at =
            |d: u32, h: u32, m: u32, sec: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, m, sec);
        assert_eq!(parse_stamp("2026-11-23T10:00"), at(23, 10, 0, 0));
        assert_eq!(parse_stamp("2026-11-23T23:59"), at(23, 23, 59, 0));
        assert_eq!(parse_stamp("2026-11-23T09:30:15"), at(23, 9, 30, 15));
        for bad in ["2026-11-23T24:00", "2026-11-23T10:60", "2026-02-30T10:00", "2026-11-23 10:00", "", "2026-11-23"] {
            let chrono = NaiveDateTime::parse_from_str(bad, "%Y-%m-%dT%H:%M").ok();
            assert_eq!(parse_stamp(bad), chrono, "{bad:?}");
            assert_eq!(parse_stamp(bad), None, "{bad:?}");
        }
    }
}
