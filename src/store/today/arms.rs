//! Where each section of the Today list is read from. A section is read
//! from one or more arms; each arm walks one covering index (migration 0004)
//! in the section's own order, so a page is a seek and `LIMIT n` rows, never
//! a sort (`keyset` writes the queries). Sections with more than one arm
//! (conditions beside agreement items, say) are merged in Rust, as the
//! Deadlines list merges its arms.

use chrono::NaiveDate;
use rusqlite::Row;

use super::parts::open_agreement_items;
pub(super) use super::parts::Parts;
use super::timers::Timer;
use super::{day_at, finalise, service_word, text, title, Day};
use crate::domain::caps::ConditionKind;
use crate::domain::triage::{ItemKind, TodayItem, TodaySection};
use crate::domain::types::{ContactChannel, ProcessKind};
use crate::store::reads::{kind_word, parse_day};

/// Where one arm's rows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Arm {
    Referrals,
    /// Cases at risk assessment of one service: the status index holds them
    /// by service first, so each service is walked on its own and merged.
    Checklists(&'static str),
    Conditions,
    AgreementItems,
    /// Actions agreed at meetings, not yet done (issue 14 §6).
    MeetingActions,
    FollowUps,
    /// Meetings whose room is booked or not: unbooked ones are late, and
    /// come first on their day, so each kind is walked on its own.
    Meetings {
        room_booked: bool,
    },
    Retention,
    /// Disposals issued, their conditions all done, not yet finalised.
    ToFinalise,
    /// Disposals finalised, their police record not yet updated.
    PoliceRecord,
    /// A local timer run out (`timers`).
    Timer(Timer),
    /// A facilitator's vetting to renew.
    Vetting,
}

/// The arms of a section, in no particular order (they are merged).
pub(super) fn arms(section: TodaySection) -> &'static [Arm] {
    match section {
        TodaySection::NewReferrals => &[Arm::Referrals],
        TodaySection::Checklists => {
            &[Arm::Checklists("oocd"), Arm::Checklists("restorative_justice"), Arm::Checklists("mediation")]
        }
        TodaySection::Overdue | TodaySection::DueToday | TodaySection::DueSoon => {
            &[Arm::Conditions, Arm::AgreementItems, Arm::MeetingActions]
        }
        TodaySection::FollowUps => &[Arm::FollowUps],
        TodaySection::Timers => &[
            Arm::Timer(Timer::FirstContact),
            Arm::Timer(Timer::Transfer),
            Arm::Timer(Timer::AgreementFollowUp),
            Arm::Timer(Timer::BreachDecision),
            Arm::Timer(Timer::AtRisk),
            Arm::Timer(Timer::HarmedInformed),
        ],
        TodaySection::Meetings => &[Arm::Meetings { room_booked: false }, Arm::Meetings { room_booked: true }],
        TodaySection::RetentionReviews => &[Arm::Retention],
        TodaySection::ReadyToFinalise => &[Arm::ToFinalise],
        TodaySection::PoliceRecord => &[Arm::PoliceRecord],
        TodaySection::Vetting => &[Arm::Vetting],
    }
}

impl Arm {
    pub fn kind(self) -> ItemKind {
        match self {
            Arm::Referrals => ItemKind::Referral,
            Arm::Checklists(_) => ItemKind::Checklist,
            Arm::Conditions => ItemKind::Condition,
            Arm::AgreementItems => ItemKind::AgreementItem,
            Arm::MeetingActions => ItemKind::MeetingAction,
            Arm::FollowUps => ItemKind::FollowUp,
            Arm::Meetings { .. } => ItemKind::Meeting,
            Arm::Retention => ItemKind::Retention,
            Arm::ToFinalise => ItemKind::Finalise,
            Arm::PoliceRecord => ItemKind::PoliceRecord,
            Arm::Timer(timer) => timer.kind(),
            Arm::Vetting => ItemKind::Vetting,
        }
    }

    /// Whether the arm's rows are a case's (its SQL naming the case `c`): a
    /// facilitator's vetting is nobody's case, nor is a meeting's action as
    /// a rule (the service's work, not a coordinator's), so a list of one
    /// coordinator's cases leaves them out.
    pub fn has_case(self) -> bool {
        !matches!(self, Arm::Vetting | Arm::MeetingActions)
    }

    /// The lateness every row of the arm shares, when it is not simply
    /// that of the day (as it is in every section but meetings).
    pub fn late(self) -> Option<bool> {
        match self {
            Arm::Meetings { room_booked } => Some(!room_booked),
            _ => None,
        }
    }

    pub fn parts(self) -> Parts {
        match self {
            Arm::Referrals => Parts {
                from: "case_file c INDEXED BY case_file_new_referrals",
                extra: "",
                filter: "c.service IN ('restorative_justice', 'mediation') AND c.status IN ('received', 'sense_check')",
                columns: "c.id, c.id, c.ref, c.received_on, c.service, COALESCE(c.offence_desc, '')",
                sort: "c.received_on",
                tie: None,
                id: "c.id",
                counted: None,
            },
            Arm::Checklists(service) => Parts {
                from: "case_file c INDEXED BY case_file_status",
                extra: "",
                filter: match service {
                    "oocd" => "c.status = 'risk_assessment' AND c.service = 'oocd'",
                    "restorative_justice" => "c.status = 'risk_assessment' AND c.service = 'restorative_justice'",
                    _ => "c.status = 'risk_assessment' AND c.service = 'mediation'",
                },
                columns: "c.id, c.id, c.ref, c.status_changed_on,
                    (SELECT d.decision = 'refer_to_manager' AND d.manager_signoff_by IS NULL
                     FROM decision d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1)",
                sort: "c.status_changed_on",
                tie: Some("c.ref"),
                id: "c.id",
                counted: None,
            },
            Arm::Conditions => Parts {
                from: "condition k INDEXED BY condition_open_due
                       CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = k.case_id",
                extra: " LEFT JOIN provider p ON p.id = k.provider_id",
                filter: "k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied')
                         AND c.status NOT IN ('closed', 'withdrawn')",
                columns: "k.id, k.case_id, c.ref, k.due_on, k.kind, k.description, COALESCE(p.name, '')",
                sort: "k.due_on",
                tie: None,
                id: "k.id",
                counted: Some((
                    "condition k INDEXED BY condition_live_due",
                    "k.case_live = 1 AND k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied')",
                )),
            },
            Arm::AgreementItems => {
                open_agreement_items("i.id, p.case_id, c.ref, i.due_on, i.kind, i.description, COALESCE(i.owner, '')")
            }
            // An action may concern no case: its case id is then 0 and its
            // reference empty, as a vetting's.
            Arm::MeetingActions => Parts {
                from: "meeting_action x INDEXED BY meeting_action_open_due",
                extra: " LEFT JOIN case_file c INDEXED BY case_file_live ON c.id = x.case_id",
                filter: "x.done_on IS NULL",
                columns: "x.id, COALESCE(x.case_id, 0), COALESCE(c.ref, ''), x.due_on, x.what, x.owner",
                sort: "x.due_on",
                tie: None,
                id: "x.id",
                counted: None,
            },
            Arm::FollowUps => Parts {
                from: "contact_log l INDEXED BY contact_log_follow_up
                       CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = l.case_id",
                extra: "",
                filter:
                    "l.follow_up_done = 0 AND l.follow_up_on IS NOT NULL AND c.status NOT IN ('closed', 'withdrawn')",
                columns: "l.id, l.case_id, c.ref, l.follow_up_on, l.channel, l.summary, l.direction, \
                          COALESCE(l.spoke_with, '')",
                sort: "l.follow_up_on",
                tie: None,
                id: "l.id",
                counted: Some((
                    "contact_log l INDEXED BY contact_log_live_follow_up",
                    "l.case_live = 1 AND l.follow_up_done = 0 AND l.follow_up_on IS NOT NULL",
                )),
            },
            Arm::Meetings { room_booked } => Parts {
                from: "rj_process m INDEXED BY rj_process_scheduled
                       CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = m.case_id",
                extra: "",
                filter: if room_booked {
                    "m.status IN ('planned', 'confirmed') AND m.room_booked <> 0 AND c.status NOT IN ('closed', 'withdrawn')"
                } else {
                    "m.status IN ('planned', 'confirmed') AND m.room_booked = 0 AND c.status NOT IN ('closed', 'withdrawn')"
                },
                columns: "m.id, m.case_id, c.ref, m.scheduled_for, m.kind, COALESCE(m.venue, ''), m.room_booked",
                sort: "m.scheduled_for",
                tie: None,
                id: "m.id",
                counted: None,
            },
            Arm::Retention => Parts {
                from: "retention t INDEXED BY retention_due
                       CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = t.case_id",
                extra: "",
                filter: "t.decision IS NULL",
                columns: "t.id, t.case_id, c.ref, t.review_due, t.closed_on",
                sort: "t.review_due",
                tie: None,
                id: "t.id",
                // Every review has its case: the count needs no join.
                counted: Some(("retention t INDEXED BY retention_due", "t.decision IS NULL")),
            },
            Arm::ToFinalise => Parts {
                from: finalise::READY_FROM,
                extra: "",
                filter: finalise::READY_FILTER,
                columns: finalise::READY_COLUMNS,
                sort: "d.issued_on",
                tie: None,
                id: "d.id",
                counted: None,
            },
            Arm::PoliceRecord => Parts {
                from: finalise::POLICE_FROM,
                extra: "",
                filter: finalise::POLICE_FILTER,
                columns: finalise::POLICE_COLUMNS,
                sort: "d.finalised_on",
                tie: None,
                id: "d.id",
                counted: Some((finalise::POLICE_COUNTED, finalise::POLICE_FILTER)),
            },
            Arm::Timer(timer) => timer.parts(),
            // No case: its case id is 0 and its reference empty.
            Arm::Vetting => Parts {
                from: "facilitator f INDEXED BY facilitator_vetting",
                extra: "",
                filter: "f.active = 1 AND f.vetting_expires IS NOT NULL",
                columns: "f.id, 0, '', f.vetting_expires, f.name",
                sort: "f.vetting_expires",
                tie: None,
                id: "f.id",
                counted: None,
            },
        }
    }
}

/// What a row of any arm needs to become an item.
pub(super) struct Reading<'a> {
    day: &'a Day<'a>,
    section: TodaySection,
    /// Working days a referral or checklist may wait before it is late.
    limit: i64,
}

impl<'a> Reading<'a> {
    pub fn new(day: &'a Day<'a>, section: TodaySection) -> Self {
        let limit = match section {
            TodaySection::NewReferrals => day.rules.days_or("SENSE_CHECK_WD", 2),
            TodaySection::Checklists => day.rules.days_or("RISK_ASSESSMENT_WD", 10),
            _ => 0,
        };
        Reading { day, section, limit: i64::from(limit) }
    }
}

/// One row of `arm` (its columns as `parts` lists them) as a list item.
pub(super) fn read_item(arm: Arm, at: &Reading<'_>, r: &Row<'_>) -> rusqlite::Result<TodayItem> {
    let day = at.day;
    let base = |date: NaiveDate, working_days: i64, late: bool, title: String| -> rusqlite::Result<TodayItem> {
        Ok(TodayItem {
            section: at.section,
            kind: arm.kind(),
            entity_id: r.get(0)?,
            case_id: r.get(1)?,
            case_ref: r.get(2)?,
            title,
            date,
            working_days,
            late,
            time: String::new(),
        })
    };
    match arm {
        Arm::Referrals => {
            let received = day_at(r, 3)?;
            let age = day.age(received);
            base(received, age, age > at.limit, title(service_word(text(r, 4)?), &[" referral: ", text(r, 5)?], ""))
        }
        Arm::Checklists(_) => {
            let since = day_at(r, 3)?;
            let awaiting_manager: Option<bool> = r.get(4)?;
            let age = day.age(since);
            let title = if awaiting_manager == Some(true) {
                "awaiting manager sign-off"
            } else {
                "suitability and risk checklist incomplete"
            };
            base(since, age, age > at.limit, title.to_string())
        }
        Arm::Conditions | Arm::AgreementItems | Arm::MeetingActions => {
            let due = day_at(r, 3)?;
            let overdue_by =
                if due < day.today { day.age(due) } else { -day.calendar.working_days_between(day.today, due) };
            let title = match arm {
                Arm::Conditions => title(condition_word(text(r, 4)?), &[": ", text(r, 5)?], text(r, 6)?),
                Arm::MeetingActions => title("Meeting action: ", &[text(r, 4)?], text(r, 5)?),
                _ => title("Agreement: ", &[text(r, 5)?], text(r, 6)?),
            };
            base(due, overdue_by, at.section == TodaySection::Overdue, title)
        }
        Arm::FollowUps => {
            let due = day_at(r, 3)?;
            let what = follow_up_words(text(r, 4)?, text(r, 6)? == "out", text(r, 7)?);
            let title = title("follow up ", &[&what, ": ", text(r, 5)?], "");
            base(due, day.age(due), due < day.today, title)
        }
        Arm::Meetings { .. } => {
            let at_text = text(r, 3)?;
            let room_booked: bool = r.get(6)?;
            let time = at_text.get(11..16).unwrap_or("");
            let room = if room_booked { "" } else { " (room not booked)" };
            let kind = text(r, 4)?;
            let kind = ProcessKind::parse(kind).map_or_else(|| kind_word(kind), |k| k.label().to_string());
            // An indirect process, or one arranged without a venue, is at no place.
            let place = Some(text(r, 5)?).filter(|p| !p.is_empty()).map_or(String::new(), |p| format!(" at {p}"));
            let title = format!("{time} {kind}{place}{room}");
            let mut item = base(parse_day(at_text), 0, !room_booked, title)?;
            item.time = at_text.get(10..).unwrap_or("").to_string();
            Ok(item)
        }
        Arm::Retention => {
            let due = day_at(r, 3)?;
            let title = title("closed ", &[text(r, 4)?, ": review whether to keep"], "");
            base(due, day.age(due), due < day.today, title)
        }
        Arm::ToFinalise | Arm::PoliceRecord => {
            let since = day_at(r, 3)?;
            base(since, day.age(since), false, finalise::title(arm == Arm::ToFinalise, text(r, 4)?))
        }
        Arm::Timer(timer) => {
            let since = day_at(r, 3)?;
            base(since, day.age(since), true, timer.title(r)?)
        }
        Arm::Vetting => {
            let expires = day_at(r, 3)?;
            let lapsed = expires < day.today;
            let said = if lapsed { "'s vetting has run out" } else { "'s vetting runs out soon" };
            base(expires, 0, lapsed, title(text(r, 4)?, &[said], ""))
        }
    }
}

/// A condition's kind as the screens name it ("Compensation to victim"),
/// not its stored code read with spaces ("reparation compensation").
/// The contact a follow-up is for, as a person would write it: "the call
/// with PC Amir Khan", "the email to the school", "the letter".
fn follow_up_words(channel: &str, outgoing: bool, who: &str) -> String {
    let (what, written) = match ContactChannel::parse(channel) {
        Some(ContactChannel::Phone) => ("the call", false),
        Some(ContactChannel::Email) => ("the email", true),
        Some(ContactChannel::Letter) => ("the letter", true),
        Some(ContactChannel::Visit) => ("the visit", false),
        Some(ContactChannel::Video) => ("the video call", false),
        Some(ContactChannel::Sms) => ("the text message", true),
        Some(ContactChannel::Other) | None => ("the contact", false),
    };
    let with = match (written, outgoing) {
        (false, _) => "with",
        (true, true) => "to",
        (true, false) => "from",
    };
    let who = who.trim();
    if who.is_empty() {
        what.to_string()
    } else {
        format!("{what} {with} {who}")
    }
}

fn condition_word(stored: &str) -> &str {
    ConditionKind::parse(stored).map_or(stored, |kind| kind.label())
}
