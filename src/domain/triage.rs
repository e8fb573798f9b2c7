//! The morning triage list: which section an item belongs in, and the order
//! the administrator works down it.

use std::cmp::{Ordering, Reverse};

use chrono::NaiveDate;
use serde::Serialize;

use super::workdays::WorkCalendar;

/// Sections of the Today screen, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TodaySection {
    NewReferrals,
    Checklists,
    Overdue,
    DueToday,
    DueSoon,
    FollowUps,
    /// Local timers of DOMAIN.md §12.4 that have run out (`store::today::timers`).
    Timers,
    Meetings,
    ReadyToFinalise,
    PoliceRecord,
    RetentionReviews,
    /// Facilitators whose vetting has run out or runs out within 30 days.
    Vetting,
}

impl TodaySection {
    pub const ALL: &'static [TodaySection] = &[
        TodaySection::NewReferrals,
        TodaySection::Checklists,
        TodaySection::Overdue,
        TodaySection::DueToday,
        TodaySection::DueSoon,
        TodaySection::FollowUps,
        TodaySection::Timers,
        TodaySection::Meetings,
        TodaySection::ReadyToFinalise,
        TodaySection::PoliceRecord,
        TodaySection::RetentionReviews,
        TodaySection::Vetting,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            TodaySection::NewReferrals => "Referrals awaiting sense-check",
            TodaySection::Checklists => "Checklists incomplete or awaiting sign-off",
            TodaySection::Overdue => "Overdue conditions and agreement items",
            TodaySection::DueToday => "Due today",
            TodaySection::DueSoon => "Due in the next 5 working days",
            TodaySection::FollowUps => "Follow-ups due",
            TodaySection::Timers => "Waiting too long: contact, transfer, follow-up, breach, no progress",
            TodaySection::Meetings => "Conferences and meetings: today and next working day",
            TodaySection::ReadyToFinalise => "Ready to finalise: conditions all done",
            TodaySection::PoliceRecord => "Police record to update",
            TodaySection::RetentionReviews => "Retention reviews due",
            TodaySection::Vetting => "Facilitators' vetting to renew: run out or within 30 days",
        }
    }
}

/// What an entry on the list points at, so Enter can open it where it is handled.
/// Ordered as the Today queries run, which breaks the last ties in `order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Referral,
    Checklist,
    Condition,
    AgreementItem,
    FollowUp,
    Meeting,
    Retention,
    /// A disposal ready to finalise (its id is the disposal's).
    Finalise,
    /// A finalised disposal whose police record is still to update.
    PoliceRecord,
    /// A referral with no contact logged (FIRST_CONTACT_WD).
    FirstContact,
    /// A referral logged but not transferred (TRANSFER_WD).
    Transfer,
    /// An agreement item past its due date and the follow-up after it
    /// (AGREEMENT_FOLLOWUP_WD).
    AgreementFollowUp,
    /// A breach awaiting its decision (BREACH_CONFIRM_WD).
    BreachDecision,
    /// A referral with no progress recorded (AT_RISK_WD).
    AtRisk,
    /// A facilitator's vetting run out or running out (its id is the
    /// facilitator's; it has no case).
    Vetting,
    /// An agreement whose items are all closed, its harmed party not yet
    /// told the result (HARMED_INFORMED_WD).
    HarmedInformed,
    /// An action agreed at a meeting, not yet done (its id is the
    /// action's; it has a case only when the action names one).
    MeetingAction,
}

/// One line of the Today list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayItem {
    pub section: TodaySection,
    pub kind: ItemKind,
    /// Row id of the thing itself (condition, agreement item, contact, ...).
    pub entity_id: i64,
    pub case_id: i64,
    pub case_ref: String,
    pub title: String,
    /// The date that orders the item: received, due, follow-up, meeting or review date.
    pub date: NaiveDate,
    /// Age in working days (referrals) or working days overdue (deadlines).
    pub working_days: i64,
    /// Past its time limit: shown as overdue.
    pub late: bool,
    /// A meeting's time as stored after its date (it orders a day's
    /// meetings); empty for every other item.
    #[serde(skip)]
    pub time: String,
}

impl TodayItem {
    /// What the list shows in its reference column: the case's reference,
    /// or "Facilitator" for a vetting to renew, which concerns no case.
    pub fn reference(&self) -> &str {
        match self.kind {
            ItemKind::Vetting => super::directory::DirectoryKind::Facilitator.label(),
            ItemKind::MeetingAction if self.case_ref.is_empty() => "Meeting",
            _ => &self.case_ref,
        }
    }

    /// What orders items of one day and lateness before kind and id: the
    /// case reference for checklists and the time for meetings, the order
    /// the indexes they are read from hold them in; nothing for the rest.
    pub fn tie(&self) -> &str {
        match self.section {
            TodaySection::Checklists => &self.case_ref,
            TodaySection::Meetings => &self.time,
            _ => "",
        }
    }

    /// The item's place in the list order, as a value of its own.
    pub fn key(&self) -> TodayKey {
        TodayKey {
            section: self.section,
            date: self.date,
            late: self.late,
            tie: self.tie().to_string(),
            kind: self.kind,
            id: self.entity_id,
        }
    }
}

/// Where an item sits in the list: what `order` sorts by. Kind and id name
/// an item, so no two items share a key. Reading "after" a key finds the
/// next item even when the item itself has since gone (done, or moved).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TodayKey {
    pub section: TodaySection,
    pub date: NaiveDate,
    pub late: bool,
    pub tie: String,
    pub kind: ItemKind,
    pub id: i64,
}

impl TodayKey {
    /// The place just before this key: nothing can sit between the two
    /// (ids are whole numbers), so reading after it starts with the item
    /// itself while it is still listed.
    pub fn just_before(&self) -> TodayKey {
        TodayKey { id: self.id.saturating_sub(1), ..self.clone() }
    }

    fn order_fields(&self) -> (TodaySection, NaiveDate, Reverse<bool>, &str, ItemKind, i64) {
        (self.section, self.date, Reverse(self.late), &self.tie, self.kind, self.id)
    }
}

impl Ord for TodayKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_fields().cmp(&other.order_fields())
    }
}

impl PartialOrd for TodayKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The list order of two items (as their keys compare, without building them).
pub fn compare(a: &TodayItem, b: &TodayItem) -> Ordering {
    a.section
        .cmp(&b.section)
        .then(a.date.cmp(&b.date))
        .then(b.late.cmp(&a.late))
        .then_with(|| a.tie().cmp(b.tie()))
        .then(a.kind.cmp(&b.kind))
        .then(a.entity_id.cmp(&b.entity_id))
}

/// Where a deadline falls relative to today, given the last day that counts
/// as due soon (`due_soon_horizon`, worked out once for a whole list).
pub fn deadline_section(due: NaiveDate, today: NaiveDate, horizon: NaiveDate) -> Option<TodaySection> {
    if due < today {
        Some(TodaySection::Overdue)
    } else if due == today {
        Some(TodaySection::DueToday)
    } else if due <= horizon {
        Some(TodaySection::DueSoon)
    } else {
        None
    }
}

/// The last day that counts as "due soon": the Nth working day after today.
pub fn due_soon_horizon(today: NaiveDate, calendar: &WorkCalendar, due_soon_wd: u32) -> NaiveDate {
    calendar.add_working_days(today, due_soon_wd)
}

/// Sort for working down the list: by section, then the oldest (or soonest)
/// date first, late items before others on the same day, then `tie`, then
/// kind and id. Each section is read page by page in this order straight
/// from its indexes (by due date and id, say), so it is the order those
/// indexes hold; a case reference, kept on the case, orders only checklists.
pub fn order(items: &mut [TodayItem]) {
    // Kind and id name an item uniquely, so the order is total and the
    // faster unstable sort gives the one answer.
    items.sort_unstable_by(compare);
}

/// The list grouped by section, every section present (possibly empty).
/// Items are moved, not copied: the list runs to tens of thousands of lines
/// on a force-wide desk.
pub fn group(mut items: Vec<TodayItem>) -> Vec<(TodaySection, Vec<TodayItem>)> {
    order(&mut items);
    let mut grouped: Vec<(TodaySection, Vec<TodayItem>)> = TodaySection::ALL.iter().map(|s| (*s, Vec::new())).collect();
    for item in items {
        // Sections are listed in their sort order, so this finds the slot.
        if let Some((_, entries)) = grouped.iter_mut().find(|(s, _)| *s == item.section) {
            entries.push(item);
        }
    }
    grouped
}

/// Each section with its items, every section present (possibly empty),
/// borrowed from a list already in `order`'s order: no copy of the list.
pub fn sections(ordered: &[TodayItem]) -> impl Iterator<Item = (TodaySection, &[TodayItem])> {
    let mut rest = ordered;
    TodaySection::ALL.iter().map(move |section| {
        // Skip anything out of place rather than repeat or lose a section.
        let start = rest.iter().position(|i| i.section >= *section).unwrap_or(rest.len());
        let len = rest[start..].iter().take_while(|i| i.section == *section).count();
        let (these, after) = rest[start..].split_at(len);
        rest = after;
        (*section, these)
    })
}

/// A condition of case 1 in `section`, for tests: no title, no working days.
#[cfg(test)]
pub(crate) fn test_item(section: TodaySection, reference: &str, date: NaiveDate, late: bool) -> TodayItem {
    TodayItem {
        section,
        kind: ItemKind::Condition,
        entity_id: 1,
        case_id: 1,
        case_ref: reference.into(),
        title: String::new(),
        date,
        working_days: 0,
        late,
        time: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn item(section: TodaySection, date: &str, reference: &str, late: bool) -> TodayItem {
        test_item(section, reference, d(date), late)
    }

    #[test]
    fn deadlines_fall_into_overdue_today_and_soon() {
        let cal = WorkCalendar::england_and_wales();
        let today = d("2026-11-20"); // a Friday
                                     // Five working days after Fri 20 Nov is Fri 27 Nov.
        let horizon = due_soon_horizon(today, &cal, 5);
        assert_eq!(horizon, d("2026-11-27"));
        assert_eq!(deadline_section(d("2026-11-19"), today, horizon), Some(TodaySection::Overdue));
        assert_eq!(deadline_section(today, today, horizon), Some(TodaySection::DueToday));
        assert_eq!(deadline_section(d("2026-11-27"), today, horizon), Some(TodaySection::DueSoon));
        assert_eq!(deadline_section(d("2026-11-30"), today, horizon), None);
    }

    #[test]
    fn due_soon_stretches_over_christmas_bank_holidays() {
        let cal = WorkCalendar::england_and_wales();
        // Thu 24 Dec 2026: 25 Dec, the 28 Dec substitute and 1 Jan are not working days.
        assert_eq!(due_soon_horizon(d("2026-12-24"), &cal, 5), d("2027-01-05"));
    }

    #[test]
    fn oldest_first_within_a_section_and_sections_in_screen_order() {
        let mut items = vec![
            item(TodaySection::DueSoon, "2026-11-22", "OOCD-2026-0002", false),
            item(TodaySection::Overdue, "2026-11-10", "OOCD-2026-0003", true),
            item(TodaySection::Overdue, "2026-11-01", "OOCD-2026-0004", true),
            item(TodaySection::NewReferrals, "2026-11-18", "RJ-2026-0001", false),
        ];
        order(&mut items);
        let refs: Vec<_> = items.iter().map(|i| i.case_ref.as_str()).collect();
        assert_eq!(refs, ["RJ-2026-0001", "OOCD-2026-0004", "OOCD-2026-0003", "OOCD-2026-0002"]);
    }

    #[test]
    fn items_alike_but_for_kind_and_id_have_one_order_whatever_came_first() {
        let mut agreement = item(TodaySection::Overdue, "2026-11-10", "RJ-2026-0001", true);
        agreement.kind = ItemKind::AgreementItem;
        let condition = item(TodaySection::Overdue, "2026-11-10", "RJ-2026-0001", true);
        let mut later_id = condition.clone();
        later_id.entity_id = 2;
        for mut items in [
            vec![agreement.clone(), later_id.clone(), condition.clone()],
            vec![later_id.clone(), condition.clone(), agreement.clone()],
        ] {
            order(&mut items);
            let seen: Vec<_> = items.iter().map(|i| (i.kind, i.entity_id)).collect();
            assert_eq!(seen, [(ItemKind::Condition, 1), (ItemKind::Condition, 2), (ItemKind::AgreementItem, 1)]);
        }
    }

    #[test]
    fn a_days_ties_follow_the_index_order_of_each_section() {
        // Deadlines: kind then id, whatever the case reference.
        let mut a = item(TodaySection::DueToday, "2026-11-20", "RJ-2026-0001", false);
        a.entity_id = 1;
        let mut b = item(TodaySection::DueToday, "2026-11-20", "MED-2026-0009", false);
        b.entity_id = 2;
        let mut items = vec![b.clone(), a.clone()];
        order(&mut items);
        assert_eq!(items, [a, b]);
        // Checklists: by case reference (one per case).
        let mut a = item(TodaySection::Checklists, "2026-11-02", "RJ-2026-0001", false);
        a.kind = ItemKind::Checklist;
        a.entity_id = 1;
        let mut b = item(TodaySection::Checklists, "2026-11-02", "MED-2026-0009", false);
        b.kind = ItemKind::Checklist;
        b.entity_id = 2;
        let mut items = vec![a.clone(), b.clone()];
        order(&mut items);
        assert_eq!(items, [b, a]);
        // Meetings: late (no room) first, then by time.
        let meeting = |id: i64, time: &str, late: bool| TodayItem {
            kind: ItemKind::Meeting,
            entity_id: id,
            time: time.into(),
            ..item(TodaySection::Meetings, "2026-11-20", "RJ-2026-0001", late)
        };
        let mut items = vec![meeting(1, " 09:00", false), meeting(2, " 14:00", true), meeting(3, " 10:00", true)];
        order(&mut items);
        let ids: Vec<i64> = items.iter().map(|i| i.entity_id).collect();
        assert_eq!(ids, [3, 2, 1]);
        assert!(items.windows(2).all(|w| w[0].key() < w[1].key()), "keys compare as items sort");
        assert!(items[1].key().just_before() > items[0].key() && items[1].key().just_before() < items[1].key());
    }

    #[test]
    fn late_items_come_before_others_on_the_same_day() {
        let mut items = vec![
            item(TodaySection::NewReferrals, "2026-11-10", "RJ-2026-0001", false),
            item(TodaySection::NewReferrals, "2026-11-10", "RJ-2026-0002", true),
        ];
        order(&mut items);
        assert_eq!(items[0].case_ref, "RJ-2026-0002");
    }

    #[test]
    fn sections_borrow_the_ordered_list_in_screen_order() {
        let mut items = vec![
            item(TodaySection::RetentionReviews, "2026-11-20", "OOCD-2020-0001", false),
            item(TodaySection::Overdue, "2026-11-02", "OOCD-2026-0002", true),
            item(TodaySection::Overdue, "2026-11-01", "OOCD-2026-0003", true),
        ];
        order(&mut items);
        let seen: Vec<_> = sections(&items).map(|(s, these)| (s, these.len())).collect();
        let expected: Vec<_> = TodaySection::ALL
            .iter()
            .map(|s| {
                (
                    *s,
                    [TodaySection::Overdue, TodaySection::Overdue, TodaySection::RetentionReviews]
                        .iter()
                        .filter(|x| *x == s)
                        .count(),
                )
            })
            .collect();
        assert_eq!(seen, expected);
        let grouped = group(items.clone());
        assert!(sections(&items).zip(&grouped).all(|((s, a), (t, b))| s == *t && a == b.as_slice()));
    }

    #[test]
    fn grouping_keeps_every_section_even_when_empty() {
        let grouped = group(vec![
            item(TodaySection::Meetings, "2026-11-20", "RJ-2026-0001", false),
            item(TodaySection::Overdue, "2026-11-02", "OOCD-2026-0002", true),
            item(TodaySection::Overdue, "2026-11-01", "OOCD-2026-0003", true),
        ]);
        let sections: Vec<_> = grouped.iter().map(|(s, _)| *s).collect();
        assert_eq!(sections, TodaySection::ALL);
        let counts: Vec<_> = grouped.iter().map(|(_, v)| v.len()).collect();
        assert_eq!(counts, [0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
        let overdue: Vec<_> = grouped[2].1.iter().map(|i| i.case_ref.as_str()).collect();
        assert_eq!(overdue, ["OOCD-2026-0003", "OOCD-2026-0002"], "oldest first within a section");
    }
}
