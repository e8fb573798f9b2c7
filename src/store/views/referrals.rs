//! Reads for referrals to providers and for enquiries (issue 14 §3, §4):
//! the referral still awaiting a condition's return, the provider list (per
//! provider the people referred, their due dates and the returns
//! outstanding), and the enquiries logged.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::find::initials_of;
use crate::domain::referrals::ProviderReturn;
use crate::store::{Store, StoreResult};

/// A referral sent and not yet answered for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReferral {
    pub id: i64,
    pub provider: String,
    pub sent_on: NaiveDate,
    pub booked_for: Option<NaiveDate>,
}

/// One line of the provider list: a person referred and what is awaited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderReferralRow {
    pub referral_id: i64,
    pub provider_id: i64,
    pub provider: String,
    pub case_id: i64,
    pub case_ref: String,
    /// The responsible person's initials, never the name.
    pub initials: String,
    pub condition: String,
    pub due_on: NaiveDate,
    pub sent_on: NaiveDate,
    pub booked_for: Option<NaiveDate>,
    /// Attended so far, or nothing back yet.
    pub returned: Option<ProviderReturn>,
}

/// One enquiry as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnquiryRow {
    pub id: i64,
    pub occurred_on: NaiveDate,
    pub subject: String,
    pub asked_by: String,
    pub notes: Option<String>,
    pub case_ref: Option<String>,
}

const OUTSTANDING: &str = "(r.returned IS NULL OR r.returned = 'attended')";

impl Store {
    /// The newest referral of a condition still awaiting the provider's word.
    pub fn open_referral(&self, condition_id: i64) -> StoreResult<Option<OpenReferral>> {
        let sql = format!(
            "SELECT r.id, COALESCE(p.name, '') AS provider, r.sent_on, r.booked_for
               FROM provider_referral r INDEXED BY provider_referral_outstanding
               JOIN condition c ON c.id = r.condition_id LEFT JOIN provider p ON p.id = c.provider_id
              WHERE r.condition_id = ?1 AND {OUTSTANDING} ORDER BY r.id DESC LIMIT 1"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        Ok(stmt
            .query_row(params![condition_id], |r| {
                Ok(OpenReferral {
                    id: r.get("id")?,
                    provider: r.get("provider")?,
                    sent_on: r.get("sent_on")?,
                    booked_for: r.get("booked_for")?,
                })
            })
            .optional()?)
    }

    /// The returns outstanding, per provider (one provider, or all), by
    /// provider then due date: what the list view shows and a chase asks for.
    pub fn provider_returns_outstanding(&self, provider_id: Option<i64>) -> StoreResult<Vec<ProviderReferralRow>> {
        let sql = format!(
            "SELECT r.id AS referral_id, p.id AS provider_id, p.name AS provider, c.case_id, f.ref AS case_ref,
                    c.description, c.due_on, r.sent_on, r.booked_for, r.returned,
                    (SELECT pe.given_names || char(31) || pe.family_name FROM case_party cp
                       JOIN person pe ON pe.id = cp.person_id
                      WHERE cp.case_id = c.case_id AND cp.role = 'offender' ORDER BY cp.id LIMIT 1) AS person
               FROM provider_referral r
               JOIN condition c ON c.id = r.condition_id
               JOIN provider p ON p.id = c.provider_id
               JOIN case_file f ON f.id = c.case_id
              WHERE {OUTSTANDING} AND c.status IN ('active', 'referred', 'booked', 'in_progress', 'varied')
                AND (?1 IS NULL OR p.id = ?1)
              ORDER BY p.name, p.id, c.due_on, r.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![provider_id], referral_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The enquiries logged, newest first.
    pub fn enquiries(&self, limit: usize) -> StoreResult<Vec<EnquiryRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, e.occurred_on, e.subject, e.asked_by, e.notes, f.ref AS case_ref
               FROM enquiry e LEFT JOIN case_file f ON f.id = e.case_id
              ORDER BY e.occurred_on DESC, e.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok(EnquiryRow {
                id: r.get("id")?,
                occurred_on: r.get("occurred_on")?,
                subject: r.get("subject")?,
                asked_by: r.get("asked_by")?,
                notes: r.get("notes")?,
                case_ref: r.get("case_ref")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Enquiries logged from `from` to `to`, both days counted.
    pub fn enquiries_between(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<i64> {
        let mut stmt =
            self.conn().prepare_cached("SELECT COUNT(*) FROM enquiry WHERE occurred_on BETWEEN ?1 AND ?2")?;
        Ok(stmt.query_row(params![from, to], |r| r.get(0))?)
    }
}

fn referral_row(r: &Row<'_>) -> rusqlite::Result<ProviderReferralRow> {
    let person: Option<String> = r.get("person")?;
    let initials = person
        .map(|p| {
            let (given, family) = p.split_once('\u{1f}').unwrap_or((&p, ""));
            initials_of(given, family)
        })
        .unwrap_or_default();
    let returned: Option<String> = r.get("returned")?;
    Ok(ProviderReferralRow {
        referral_id: r.get("referral_id")?,
        provider_id: r.get("provider_id")?,
        provider: r.get("provider")?,
        case_id: r.get("case_id")?,
        case_ref: r.get("case_ref")?,
        initials,
        condition: r.get("description")?,
        due_on: r.get("due_on")?,
        sent_on: r.get("sent_on")?,
        booked_for: r.get("booked_for")?,
        returned: returned.as_deref().and_then(ProviderReturn::parse),
    })
}
