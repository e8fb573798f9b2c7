//! Enquiries (issue 14 §4): a call or question that concerns no case (an
//! officer asking for advice, a member of the public), logged with its
//! subject and who asked from Today (i), and listed there (I), where one
//! is linked to the case it turned out to be about.

use chrono::NaiveDate;

use super::common::result_effect;
use super::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};
use crate::domain::dates::is_future;
use crate::export::safe::inert;
use crate::store::views::referrals::EnquiryRow;
use crate::store::NewEnquiry;
use crate::tui::form::Field;
use crate::tui::text::{plural, thousands};

/// What an enquiry prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Log an enquiry that concerns no case.
    Log,
    /// Link the enquiry chosen to the case named.
    Link,
}

/// The answer to an enquiry prompt.
pub fn apply_reply(pending: &Pending, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    match pending {
        Pending::Log => log_enquiry(reply, ctx),
        Pending::Link => link_enquiry(reply, ctx),
    }
}

/// Enquiries offered to link, newest first.
const LISTED: usize = 200;

/// Ask for an enquiry's subject, who asked, the day and notes.
pub fn enquiry_prompt(today: NaiveDate) -> Prompt {
    let message = "A call or question about no case: advice to an officer, an enquiry from the public. \
                   It can be linked to a case later (I).";
    Prompt::new("Log an enquiry", message, PendingAction::Enquiries(Pending::Log))
        .field(
            FieldId::Subject,
            Field::text("Subject").required().with_hint("e.g. is a community resolution possible?"),
        )
        .field(
            FieldId::AskedBy,
            Field::text("Asked by").required().with_hint("e.g. PC 4471, response; a member of the public"),
        )
        .field(FieldId::OccurredOn, Field::date("On", Some(today)).required())
        .field(FieldId::Notes, Field::text("Notes").multi_line())
}

/// The enquiries logged, to look through (typing part of a subject or a
/// name finds one) and link to a case by its reference.
pub fn enquiries_prompt(ctx: &Ctx<'_>) -> Effect {
    let rows = match ctx.store.enquiries(LISTED) {
        Ok(rows) if rows.is_empty() => {
            return Effect::Error("No enquiries are logged yet: i on Today logs one.".into());
        }
        Ok(rows) => rows,
        Err(e) => return Effect::Error(format!("Could not read the enquiries: {e}")),
    };
    let unlinked = rows.iter().filter(|r| r.case_ref.is_none()).count();
    let message = format!(
        "{} {} listed, newest first; {} not linked to a case. Type part of a subject or a name to find one; \
         give a case reference to link it.",
        thousands(rows.len()),
        plural(rows.len(), "enquiry"),
        thousands(unlinked)
    );
    let options = rows.iter().map(|r| (r.id.to_string(), enquiry_words(r))).collect();
    Effect::Ask(
        Prompt::new("Enquiries", message, PendingAction::Enquiries(Pending::Link))
            .field(FieldId::Enquiry, Field::pick("Enquiry", options, 0))
            .field(FieldId::CaseRef, Field::text("Link to case").required().with_hint("e.g. OOCD-2026-0001")),
    )
}

/// "16 Nov 2026 · Is a CR possible? — PC 4471 · linked to OOCD-2026-0001".
fn enquiry_words(r: &EnquiryRow) -> String {
    let linked = r.case_ref.as_ref().map_or(String::new(), |c| format!(" · linked to {}", inert(c)));
    format!("{} · {} — {}{linked}", crate::domain::dates::day(r.occurred_on), inert(&r.subject), inert(&r.asked_by))
}

pub fn log_enquiry(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let on = reply.date(FieldId::OccurredOn).unwrap_or(ctx.today);
    if is_future(on, ctx.today) {
        return Effect::Error(format!(
            "Not saved: {on} is in the future; log an enquiry once it is made.",
            on = crate::domain::dates::day(on)
        ));
    }
    let enquiry = NewEnquiry {
        occurred_on: on,
        subject: reply.value(FieldId::Subject).to_string(),
        asked_by: reply.value(FieldId::AskedBy).to_string(),
        notes: reply.optional(FieldId::Notes),
    };
    result_effect(
        ctx.store.write(|tx| tx.log_enquiry(&enquiry)),
        format!("Saved: enquiry logged on {on}.", on = crate::domain::dates::day(on)),
    )
}

pub fn link_enquiry(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let Ok(enquiry_id) = reply.value(FieldId::Enquiry).parse::<i64>() else {
        return Effect::Error("Not saved: choose an enquiry.".into());
    };
    let reference = reply.value(FieldId::CaseRef).trim().to_uppercase();
    let case_id = match ctx.store.case_by_ref(&reference) {
        Ok(Some((id, _))) => id,
        Ok(None) => return Effect::Error(format!("Not saved: no case is {}; check the reference.", inert(&reference))),
        Err(e) => return Effect::Error(format!("Not saved: {e}")),
    };
    result_effect(
        ctx.store.write(|tx| tx.link_enquiry(enquiry_id, case_id)),
        format!("Saved: the enquiry is linked to {}.", inert(&reference)),
    )
}
