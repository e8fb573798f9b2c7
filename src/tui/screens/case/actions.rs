//! What an answered Case prompt saves: a condition, a status move, the
//! closure, a letter (a disclosure, logged) and the disposal.

use chrono::NaiveDate;

use super::endings::{settle, untold_reminder};
use super::CaseScreen;
use crate::domain::caps::{self, default_completion_due, ConditionKind, ConditionObject, Severity};
use crate::domain::case_status::CaseStatus;
use crate::domain::closure::OpenWork;
use crate::domain::dates::is_future;
use crate::domain::legal::Rank;
use crate::domain::status::{DisposalType, RjStatus};
use crate::export::letters::{self as letters, LetterFormat, LetterSpec, RecipientChoice};
use crate::export::safe::inert;
use crate::store::model::{NewCondition, NewDisposal};
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, Reply};

impl CaseScreen {
    pub(super) fn add_condition(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let Some(kind) = ConditionKind::parse(reply.value(FieldId::Kind)) else {
            return Effect::Error("Not saved: choose the kind of condition.".into());
        };
        let object = match reply.value(FieldId::Object) {
            "" => kind.default_object(),
            other => match ConditionObject::parse(other) {
                Some(o) => o,
                None => return Effect::Error("Not saved: choose the object of the condition.".into()),
            },
        };
        let hours = match read_number(reply, FieldId::Hours, "hours") {
            Ok(h) => h,
            Err(e) => return e,
        };
        let amount_pence = match read_number(reply, FieldId::Amount, "the amount") {
            Ok(a) => a.map(|pounds| (pounds * 100.0).round() as i64),
            Err(e) => return e,
        };
        let Some(due_on) = reply.date(FieldId::DueOn) else {
            return Effect::Error("Not saved: give the due date.".into());
        };
        let disposal = header.disposal.as_ref();
        let mut due_rule = None;
        let mut warnings = Vec::new();
        if let Some((kind_of_disposal, issued)) = disposal.and_then(|d| Some((d.disposal_type, d.issued_on?))) {
            let extended = disposal.is_some_and(|d| d.extended_exceptionally);
            let findings = caps::check_completion_due(ctx.rules, kind_of_disposal, issued, due_on, extended);
            if let Some(block) = findings.iter().find(|f| f.severity == Severity::Block) {
                return Effect::Error(format!("Not saved: {}", block.message));
            }
            warnings.extend(findings.into_iter().map(|f| f.message));
            due_rule = caps::default_completion_due(ctx.rules, kind_of_disposal, issued)
                .filter(|(d, _)| *d == due_on)
                .map(|(_, rule)| rule);
        }
        let condition = NewCondition {
            kind,
            object,
            description: reply.value(FieldId::Description).to_string(),
            provider_id: reply.value(FieldId::Provider).parse().ok(),
            hours_required: hours,
            amount_pence,
            payee: None,
            restriction_until: None,
            due_on,
            due_rule,
        };
        let case_id = header.case_id;
        let rules = ctx.rules;
        match ctx.store.write(|tx| tx.add_condition(case_id, &condition, rules)) {
            Ok((_, findings)) => {
                warnings.extend(findings.into_iter().map(|f| f.message));
                let mut text = format!(
                    "Saved: {} added to {}, due {}.",
                    kind.label(),
                    header.reference,
                    crate::domain::dates::day(due_on)
                );
                if !warnings.is_empty() {
                    text.push_str(&format!(" Warning: {}.", warnings.join("; ")));
                }
                Effect::Status(text)
            }
            Err(e) => Effect::Error(format!("Not saved: {e}")),
        }
    }

    pub(super) fn advance(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let on = reply.date(FieldId::On).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!(
                "Not saved: a status cannot change on a future date ({on}).",
                on = crate::domain::dates::day(on)
            ));
        }
        let to = reply.value(FieldId::MoveTo).to_string();
        if header.status.rj().is_some() && to == RjStatus::Transferred.as_str() {
            return self.transfer_prompt(header, on, ctx);
        }
        let case_id = header.case_id;
        let result = ctx.store.write(|tx| tx.change_status(case_id, &to, on));
        common::result_effect(
            result,
            format!(
                "Saved: {} moved from {} to {} on {on}.",
                header.reference,
                header.status.label(),
                CaseStatus::parse(header.service, &to).map_or(to.as_str(), |s| s.label()),
                on = crate::domain::dates::day(on)
            ),
        )
    }

    pub(super) fn close(&self, case_id: i64, open: &[OpenWork], reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let outcome = reply.value(FieldId::Outcome).to_string();
        if outcome.is_empty() {
            return Effect::Error("Not closed: say how the case ended (outcome).".into());
        }
        let on = reply.date(FieldId::ClosedOn).unwrap_or(ctx.today);
        if is_future(on, ctx.today) {
            return Effect::Error(format!(
                "Not closed: the closing date {on} is in the future.",
                on = crate::domain::dates::day(on)
            ));
        }
        let case_id = header.case_id;
        let rules = ctx.rules;
        let via_completed = Self::next_statuses(header)
            .is_ok_and(|next| !next.iter().any(|(s, _)| s == "closed") && next.iter().any(|(s, _)| s == "completed"));
        let closed = ctx.store.write(|tx| {
            settle(tx, open, reply, on)?;
            if via_completed {
                tx.change_status(case_id, "completed", on)?;
            }
            tx.close_case(case_id, on, &outcome, rules)
        });
        match closed {
            Ok(()) => {
                let review = ctx
                    .store
                    .case_header(case_id)
                    .ok()
                    .flatten()
                    .and_then(|h| h.retention_review_due)
                    .map_or(String::new(), |d| format!("; retention review due {}", crate::domain::dates::day(d)));
                // The confirmation said it in full; the status line in short.
                let still = untold_reminder(header, ctx).map_or("", |_| {
                    " Still to tell the harmed party the result: w writes the letter, h on Agreements (5) records it."
                });
                Effect::Status(format!(
                    "Saved: {} closed on {on}{review}.{still}",
                    header.reference,
                    on = crate::domain::dates::day(on)
                ))
            }
            Err(e) => Effect::Error(format!("Not closed: {e}")),
        }
    }

    pub(super) fn write_letter(&self, case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let Some(format) = LetterFormat::parse(reply.value(FieldId::Format)) else {
            return Effect::Error("Letter not written: choose Word or Markdown.".into());
        };
        let recipient = match (reply.value(FieldId::OrName), reply.value(FieldId::To)) {
            (name, _) if !name.is_empty() => {
                RecipientChoice::Named { name: name.to_string(), role: reply.value(FieldId::TheirRole).to_string() }
            }
            (_, "referrer") => RecipientChoice::Referrer,
            (_, "oic") => RecipientChoice::Oic,
            (_, chosen) => match chosen.strip_prefix("person:").and_then(|id| id.parse().ok()) {
                Some(person_id) => RecipientChoice::Person(person_id),
                None => RecipientChoice::AsTemplate,
            },
        };
        let template = reply.value(FieldId::Template);
        let dir = common::export_dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Effect::Error(format!("Letter not written: cannot create the folder {} ({e}).", dir.display()));
        }
        let path = letters::unused_letter_path(&dir, &header.reference, template, ctx.today, format);
        let config = letters::config_dir();
        let spec = LetterSpec {
            case_id: header.case_id,
            template,
            recipient,
            condition_id: reply.value(FieldId::Condition).parse().ok(),
            today: ctx.today,
            config_dir: config.as_deref(),
            // The interface writes only what is true; `casedesk letter
            // --force` is the deliberate, logged exception.
            force: false,
        };
        match letters::write_letter(ctx.store, &spec, format, &path) {
            Ok(written) => Effect::Status(format!("Letter written to {}", written.path.display())),
            Err(e) => {
                let why = inert(&format!("{e:#}"));
                // The profile is filled in here too, not only on the command line.
                let here = if why.contains("profile") { " (P fills in the profile here)" } else { "" };
                Effect::Error(format!("Letter not written{here}: {why}."))
            }
        }
    }
}

/// A number field of 0 or more, or none when left blank.
pub(super) fn read_number(reply: &Reply, id: FieldId, what: &str) -> Result<Option<f64>, Effect> {
    match reply.value(id) {
        "" => Ok(None),
        text => match text.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
            _ => Err(Effect::Error(format!("Not saved: {what} must be a number of 0 or more."))),
        },
    }
}

/// Save the prompt's answers as the case's disposal, in one transaction.
pub(super) fn apply_disposal_reply(case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let kind = DisposalType::parse(reply.value(FieldId::DisposalType)).unwrap_or(DisposalType::CommunityResolution);
    let mut d = NewDisposal::new(kind);
    d.admission_recorded_on = reply.date(FieldId::AdmissionOn);
    d.consent_recorded_on = reply.date(FieldId::ConsentOn);
    d.signed_document_ref = reply.optional(FieldId::SignedDocument);
    d.victim_views_sought_on = reply.date(FieldId::VictimViewsSoughtOn);
    d.victim_views = reply.optional(FieldId::VictimViews);
    d.authorised_by = reply.optional(FieldId::AuthorisedBy);
    d.cps_decision_ref = reply.optional(FieldId::CpsDecision);
    d.issued_on = reply.date(FieldId::IssuedOn);
    d.completion_due = reply.date(FieldId::CompletionDue);
    d.extended_exceptionally = reply.yes(FieldId::ExtendedExceptionally);
    d.oic_name = reply.optional(FieldId::OicName);
    d.oic_contact = reply.optional(FieldId::OicContact);
    d.authorising_rank = Rank::parse(reply.value(FieldId::AuthorisingRank));
    d.yot_referred_on = reply.date(FieldId::YotReferredOn);
    d.proceed_reason = reply.optional(FieldId::ProceedReason);
    d.time_limit_reason = reply.optional(FieldId::BeyondLimit);
    if let Some(future) = [d.admission_recorded_on, d.consent_recorded_on, d.issued_on, d.yot_referred_on]
        .into_iter()
        .flatten()
        .find(|day| is_future(*day, ctx.today))
    {
        return Effect::Error(format!("Not saved: {future} is in the future"));
    }
    if let (Some(issued), None) = (d.issued_on, d.completion_due) {
        if let Some((due, rule)) = default_completion_due(ctx.rules, kind, issued) {
            d.completion_due = Some(due);
            d.completion_due_rule = Some(rule);
        }
    }
    let due_words = d
        .completion_due
        .map_or(String::new(), |due: NaiveDate| format!("; completion due {}", crate::domain::dates::day(due)));
    match ctx.store.write(|tx| tx.record_disposal(case_id, &d)) {
        Ok((findings, moved_to)) => {
            let moved = moved_to.map_or(String::new(), |s| format!("; the case is now {}", s.label().to_lowercase()));
            let warnings: Vec<String> = findings.into_iter().map(|f| f.message).collect();
            let warned =
                if warnings.is_empty() { String::new() } else { format!(" Warning: {}.", warnings.join("; ")) };
            Effect::Status(format!("Saved the disposal{due_words}{moved}.{warned}"))
        }
        Err(e) => Effect::Error(format!("Not saved: {e}")),
    }
}
