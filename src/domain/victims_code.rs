//! The Victims' Code clock (Code of Practice for Victims of Crime 2020,
//! para 3.6; DOMAIN.md §9.8 and §12.4): a harmed party referred to the RJ or
//! mediation service is given information about restorative justice within
//! VC_RJ_INFO_WD working days, or VC_RJ_INFO_ENH_WD for a victim with
//! enhanced rights. The desk starts the clock when it records a
//! new referral with a harmed party, counted from the day it came in, and
//! stops it when the information is recorded as given.

use chrono::NaiveDate;

use super::rules::Rules;
use super::types::Service;
use super::workdays::WorkCalendar;

/// What the clock needs to know about a case.
#[derive(Debug, Clone, Copy)]
pub struct ClockCase<'a> {
    pub service: Service,
    pub status: &'a str,
    pub received_on: NaiveDate,
    /// When the crime was reported to the police, if known.
    pub reported_on: Option<NaiveDate>,
    pub has_harmed_party: bool,
    /// A harmed party has enhanced rights (most serious crime, persistently
    /// targeted, vulnerable or intimidated).
    pub enhanced: bool,
}

/// When the RJ information falls due for `case`, or None when the clock
/// does not run: an OOCD case (the police's own duty, not the service's),
/// no harmed party yet, or a referral already past its first steps (a case
/// imported mid-flight: whether the information was given is not known).
pub fn rj_info_due(case: &ClockCase<'_>, calendar: &WorkCalendar, rules: &Rules) -> Option<NaiveDate> {
    let new_referral = matches!(case.status, "received" | "sense_check" | "awaiting_info");
    let runs = case.service != Service::Oocd && case.has_harmed_party && new_referral;
    runs.then(|| info_due(case.reported_on.unwrap_or(case.received_on), case.enhanced, calendar, rules))
}

/// The day the RJ information falls due, counted from `from`: the day the
/// crime was reported when known (para 3.6 "of reporting the crime"), else
/// the day the referral came in. Also how a running clock is counted again
/// when those dates or the harmed party's enhanced rights are corrected.
pub fn info_due(from: NaiveDate, enhanced: bool, calendar: &WorkCalendar, rules: &Rules) -> NaiveDate {
    let days = if enhanced { rules.days_or("VC_RJ_INFO_ENH_WD", 1) } else { rules.days_or("VC_RJ_INFO_WD", 5) };
    calendar.add_working_days(from, days)
}

/// Whether the referral came in within VC_REFERRAL_WD working days of the
/// crime being reported (para 4.5: referral to support services, RJ
/// included, within 2 working days): None when the report date is not
/// known. Returns (in time, working days taken, the limit).
pub fn referral_timing(
    reported_on: Option<NaiveDate>,
    received_on: NaiveDate,
    calendar: &WorkCalendar,
    rules: &Rules,
) -> Option<(bool, i64, u32)> {
    let reported = reported_on?;
    let limit = rules.days_or("VC_REFERRAL_WD", 2);
    let taken = calendar.working_days_between(reported, received_on);
    Some((received_on <= calendar.add_working_days(reported, limit), taken, limit))
}

/// Why a report date cannot stand beside the received date, if it cannot:
/// the referral cannot come in before the crime was reported.
pub fn reported_problem(reported_on: Option<NaiveDate>, received_on: NaiveDate) -> Option<String> {
    let reported = reported_on?;
    (reported > received_on).then(|| {
        format!("the crime was reported on {reported}, after the referral came in on {received_on}: check both dates")
    })
}

/// Why `on` cannot be the day the RJ information was given, if it cannot:
/// before the referral came in, or after today.
pub fn info_given_problem(received_on: NaiveDate, on: NaiveDate, today: NaiveDate) -> Option<String> {
    if on < received_on {
        return Some(format!("the referral came in on {received_on}: the information cannot have been given before"));
    }
    (on > today).then(|| format!("{on} is still to come: record the information once it has been given"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn case(service: Service, status: &str, has_harmed_party: bool) -> ClockCase<'_> {
        ClockCase { service, status, received_on: day(22), reported_on: None, has_harmed_party, enhanced: false }
    }

    #[test]
    fn a_new_referral_with_a_harmed_party_is_due_five_working_days_on() {
        let calendar = WorkCalendar::england_and_wales();
        let rules = Rules::defaults();
        // Tue 22 Dec 2026: 23, 24, 29, 30, 31 December (25 and 28 are holidays).
        let due = rj_info_due(&case(Service::RestorativeJustice, "received", true), &calendar, &rules);
        assert_eq!(due, Some(day(31)));
        assert!(rj_info_due(&case(Service::Mediation, "sense_check", true), &calendar, &rules).is_some());
    }

    #[test]
    fn an_enhanced_rights_victim_is_due_the_information_the_next_working_day() {
        let calendar = WorkCalendar::england_and_wales();
        let rules = Rules::defaults();
        let enhanced = ClockCase { enhanced: true, ..case(Service::RestorativeJustice, "received", true) };
        // Tue 22 Dec 2026: the next working day is Wed 23.
        assert_eq!(rj_info_due(&enhanced, &calendar, &rules), Some(day(23)));
        let rules = Rules::new(rules.iter().cloned().map(|mut r| {
            if r.id == "VC_RJ_INFO_ENH_WD" {
                r.value = 2.0;
            }
            r
        }));
        // Thu 24, then 25 and 28 December are holidays (and a weekend between).
        assert_eq!(rj_info_due(&enhanced, &calendar, &rules), Some(day(24)));
    }

    #[test]
    fn the_clock_counts_from_the_report_when_known_and_the_referral_is_timed_from_it() {
        let calendar = WorkCalendar::england_and_wales();
        let rules = Rules::defaults();
        // Reported Thu 17 Dec, referred Tue 22 Dec: the information is due
        // five working days after the report (18, 21, 22, 23, 24 December).
        let reported = ClockCase { reported_on: Some(day(17)), ..case(Service::RestorativeJustice, "received", true) };
        assert_eq!(rj_info_due(&reported, &calendar, &rules), Some(day(24)));
        // 18, 21 and 22 December: three working days, over the two allowed.
        assert_eq!(referral_timing(Some(day(17)), day(22), &calendar, &rules), Some((false, 3, 2)));
        assert_eq!(referral_timing(Some(day(18)), day(22), &calendar, &rules), Some((true, 2, 2)));
        assert_eq!(referral_timing(None, day(22), &calendar, &rules), None);
        assert!(reported_problem(Some(day(23)), day(22)).unwrap().contains("after the referral came in"));
        assert_eq!(reported_problem(Some(day(22)), day(22)), None);
    }

    #[test]
    fn the_clock_does_not_run_without_a_harmed_party_for_oocd_or_mid_flight() {
        let calendar = WorkCalendar::england_and_wales();
        let rules = Rules::defaults();
        assert_eq!(rj_info_due(&case(Service::RestorativeJustice, "received", false), &calendar, &rules), None);
        assert_eq!(rj_info_due(&case(Service::Oocd, "draft", true), &calendar, &rules), None);
        assert_eq!(rj_info_due(&case(Service::RestorativeJustice, "preparation", true), &calendar, &rules), None);
    }

    #[test]
    fn information_is_given_between_the_referral_and_today() {
        assert!(info_given_problem(day(22), day(22), day(23)).is_none());
        assert!(info_given_problem(day(22), day(21), day(23)).unwrap().contains("before"));
        assert!(info_given_problem(day(22), day(24), day(23)).unwrap().contains("still to come"));
    }
}
