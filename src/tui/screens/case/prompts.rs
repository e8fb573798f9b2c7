//! What the Case screen asks: a condition, the next status, closing, a
//! letter, the disposal and the retention review; and its `Pending`, what
//! each answer will do and on which case.

use chrono::NaiveDate;

use super::endings::{settle_fields, untold_reminder};
use super::CaseScreen;
use crate::domain::caps::{self, ConditionKind, ConditionObject};
use crate::domain::case_status::CaseStatus;
use crate::domain::closure::OpenWork;
use crate::domain::legal::{self, Rank};
use crate::domain::status::{oocd_next, rj_next, DisposalType};
use crate::export::safe::inert;
use crate::store::model::NewDisposal;
use crate::store::views::case::CaseHeader;
use crate::store::views::retention::{default_next_review, RetentionRow};
use crate::tui::form::Field;
use crate::tui::screens::common::beyond_limit_field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt};
use crate::tui::text::fit;

/// A question the Case screen asked, with the case it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    AddCondition(i64),
    Advance(i64),
    /// One step along the referral's usual path (n).
    NextStep(i64),
    /// Moving to Transferred on that day asked for: whose the case becomes.
    Transfer(i64, NaiveDate),
    /// Handing the referral to another coordinator: whom, and why.
    Reallocate(i64),
    /// A document to keep on the case: its path and title.
    AttachDocument(i64),
    /// The day the harmed party was given RJ information.
    RjInfoGiven(i64),
    /// A participant's feedback after the process.
    Feedback(i64),
    /// Closing asked for: the outcome is asked next.
    CloseConfirm(i64),
    /// The outcome, and how each of the open conditions or items ended.
    Close(i64, Vec<OpenWork>),
    /// Who withdrew and why, and how each open condition or item ended.
    Withdraw(i64, Vec<OpenWork>),
    Reopen(i64),
    WriteLetter(i64),
    Disposal(i64),
    RetentionReview(i64),
    /// Erasing asked for in a retention review: yes erases.
    EraseConfirm(i64),
    /// Which thing of the case to edit.
    EditChoose(i64),
    EditReferral(i64),
    /// A person on the case: (case, person).
    EditPerson(i64, i64),
    /// A condition of the case: (case, condition).
    EditCondition(i64, i64),
    /// An agreement item of the case: (case, item).
    EditItem(i64, i64),
}

impl CaseScreen {
    pub(super) fn add_condition_prompt(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        if !header.is_oocd() {
            return Effect::Error(
                "Conditions belong to out-of-court disposals; add an agreement item on Agreements (5) instead.".into(),
            );
        }
        if header.is_finished() {
            return Effect::Error(format!(
                "{} is {}: nothing more is added to it.",
                header.reference,
                header.status.label().to_lowercase()
            ));
        }
        let Some(disposal) = header.disposal.as_ref() else {
            return Effect::Error(format!(
                "{} has no disposal recorded yet: record its type before adding conditions.",
                header.reference
            ));
        };
        let providers = match ctx.store.active_providers(200) {
            Ok(p) => p,
            Err(e) => return Effect::Error(format!("Could not read the providers: {e}")),
        };
        let kinds: Vec<(String, String)> =
            ConditionKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
        let mut objects = vec![(String::new(), "As the kind implies".to_string())];
        objects.extend(ConditionObject::ALL.iter().map(|o| (o.as_str().to_string(), o.label().to_string())));
        let mut provider_options = vec![(String::new(), "None".to_string())];
        provider_options.extend(providers.into_iter().map(|(id, name)| (id.to_string(), inert(&name))));
        let default_due = disposal
            .issued_on
            .and_then(|issued| caps::default_completion_due(ctx.rules, disposal.disposal_type, issued))
            .map(|(d, _)| d);
        let disposal_words = disposal.disposal_type.label();
        let issue_words = disposal
            .issued_on
            .map_or_else(|| "not yet issued".to_string(), |d| format!("issued {}", crate::domain::dates::day(d)));
        let message = format!("{disposal_words}, {issue_words}. Caps are checked on saving; warnings are shown after.");
        let pending = PendingAction::Case(Pending::AddCondition(header.case_id));
        let description = Field::text("Description").required().with_hint("what must be done, e.g. attend the course");
        Effect::Ask(
            Prompt::new(format!("Add a condition to {}", header.reference), message, pending)
                .field(FieldId::Kind, Field::choice("Kind", kinds, 0))
                .field(FieldId::Object, Field::choice("Object", objects, 0))
                .field(FieldId::Description, description)
                .field(FieldId::Provider, Field::pick("Provider", provider_options, 0))
                .field(FieldId::Hours, Field::number("Hours").with_hint("blank: none"))
                .field(FieldId::Amount, Field::number("Amount £").with_hint("blank: none"))
                .field(FieldId::DueOn, Field::date("Due on", default_due).required()),
        )
    }

    /// The statuses the case may move to next, Closed left to the close action.
    pub(super) fn next_statuses(header: &CaseHeader) -> Result<Vec<(String, String)>, String> {
        let targets: Vec<CaseStatus> = match header.status {
            CaseStatus::Oocd(from) => {
                let Some(disposal) = header.disposal.as_ref().map(|d| d.disposal_type) else {
                    return Err(format!(
                        "{} has no disposal recorded yet: record its type before moving its status.",
                        header.reference
                    ));
                };
                oocd_next(disposal, from).into_iter().map(CaseStatus::Oocd).collect()
            }
            CaseStatus::Rj(from) => rj_next(from, header.paused_from).into_iter().map(CaseStatus::Rj).collect(),
        };
        Ok(targets.into_iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect())
    }

    pub(super) fn advance_prompt(&self, header: &CaseHeader, today: NaiveDate) -> Effect {
        let all = match Self::next_statuses(header) {
            Ok(t) => t,
            Err(e) => return Effect::Error(e),
        };
        let can_close = all.iter().any(|(s, _)| s == "closed");
        let options: Vec<(String, String)> = all.into_iter().filter(|(s, _)| s != "closed").collect();
        let from = header.status.label();
        if options.is_empty() {
            let hint = if can_close { " Close it instead." } else { "" };
            return Effect::Error(format!("{} is {from}: no other status is open from here.{hint}", header.reference));
        }
        let message = format!("Now {from}. Only the moves its status machine allows are offered; closing is separate.");
        let pending = PendingAction::Case(Pending::Advance(header.case_id));
        Effect::Ask(
            Prompt::new(format!("Move {} on", header.reference), message, pending)
                .field(FieldId::MoveTo, Field::choice("Move to", options, 0))
                .field(FieldId::On, Field::date("On", Some(today)).required()),
        )
    }

    pub(super) fn close_confirm(&self, header: &CaseHeader, ctx: &Ctx<'_>) -> Effect {
        if header.status.is_closed() {
            return Effect::Error(format!("{} is already closed.", header.reference));
        }
        match Self::next_statuses(header) {
            // A running disposal closes by way of completion, in the same step.
            Ok(next) if next.iter().any(|(s, _)| s == "closed" || s == "completed") => {}
            Ok(_) => {
                return Effect::Error(format!(
                    "{} is {} and cannot be closed from there; move it on first.",
                    header.reference,
                    header.status.label()
                ))
            }
            Err(e) => return Effect::Error(e),
        }
        let mut message = format!(
            "Close {}? Its retention review is booked on closing (DPA 2018 s.39). You will be asked for the outcome.",
            header.reference
        );
        if let Some(reminder) = untold_reminder(header, ctx) {
            message = format!("{reminder} {message}");
        }
        Effect::Ask(Prompt::confirm(
            "Close the case?",
            message,
            PendingAction::Case(Pending::CloseConfirm(header.case_id)),
        ))
    }

    pub(super) fn close_outcome_prompt(&self, case_id: i64, ctx: &Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(case_id) else {
            return Effect::Error("That case is no longer open.".into());
        };
        let open = match Self::open_work_for(header, ctx) {
            Ok(open) => open,
            Err(e) => return e,
        };
        let message = "How did the case end? This is kept as the closure outcome.";
        let pending = PendingAction::Case(Pending::Close(case_id, open.clone()));
        let prompt = Prompt::new(format!("Close {}", header.reference), message, pending)
            .field(FieldId::Outcome, Field::text("Outcome").required().with_hint(outcome_example(header.service)))
            .field(FieldId::ClosedOn, Field::date("Closed on", Some(ctx.today)).required());
        Effect::Ask(settle_fields(prompt, &open))
    }

    /// Ask which letter, to whom, in which format (and, on a case with
    /// conditions, about which condition).
    pub(super) fn letter_prompt(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        let Some(case) = self.case.as_ref() else { return Effect::None };
        let sender = crate::domain::types::Sender::of(header.service);
        match ctx.store.service_profile(sender) {
            Ok(profile) if !profile.missing().is_empty() => {
                return crate::tui::screens::profile::fill_before_letter(sender, &profile.missing(), ctx);
            }
            Ok(_) => {}
            Err(e) => return Effect::Error(format!("Could not read who sends the letters: {e}")),
        }
        let (templates, chosen) = match letter_choices(header, ctx) {
            Ok(choices) => choices,
            Err(e) => return Effect::Error(format!("Could not read what the case's letters need: {e}")),
        };
        let mut recipients = vec![(String::new(), "As the template says".to_string())];
        recipients.extend(
            case.parties
                .people
                .iter()
                .map(|p| (format!("person:{}", p.person_id), inert(&format!("{} ({})", p.name(), p.role_label())))),
        );
        if let Some(referrer) = header.referrer_name.as_deref().filter(|r| !r.trim().is_empty()) {
            recipients.push(("referrer".into(), inert(&format!("Referrer: {referrer}"))));
        }
        if let Some(oic) = header.disposal.as_ref().and_then(|d| d.oic_name.as_deref()).filter(|o| !o.trim().is_empty())
        {
            recipients.push(("oic".into(), inert(&format!("Officer in the case: {oic}"))));
        }
        let mut fields = vec![
            (FieldId::Template, Field::choice("Template", templates, chosen)),
            (FieldId::To, Field::choice("To", recipients, 0)),
            (FieldId::OrName, Field::text("Or name").with_hint("someone not listed (blank: as chosen above)")),
            (FieldId::TheirRole, Field::text("Their role").with_hint("e.g. housing officer")),
            (FieldId::Format, Field::choice_of("Format", &[("docx", "Word (.docx)"), ("md", "Markdown (.md)")], 0)),
        ];
        let conditions = match ctx.store.letter_conditions(header.case_id) {
            Ok(c) => c,
            Err(e) => return Effect::Error(format!("Could not read the conditions: {e}")),
        };
        if !conditions.is_empty() {
            let mut options = vec![(String::new(), "The first still open".to_string())];
            options.extend(conditions.iter().map(|c| {
                let kind = c.kind.label();
                (
                    c.id.to_string(),
                    fit(&inert(&format!("{}. {kind}, due {}", c.seq, crate::domain::dates::day(c.due_on))), 48),
                )
            }));
            fields.push((FieldId::Condition, Field::choice("Condition", options, 0)));
        }
        Effect::Ask(Prompt {
            title: format!("Write a letter for {}", header.reference),
            message: "The file goes to the export folder. Sending it is a disclosure: it is listed on the case and \
                      logged with its recipient (DPA 2018 s.62)."
                .into(),
            fields,
            pending: PendingAction::Case(Pending::WriteLetter(header.case_id)),
        })
    }
}

/// The templates that fit the case first, then the rest marked as not
/// fitting now (choosing one is refused with its reason); and the one to
/// offer first: the result letter while the harmed party is still to be
/// told an agreement's result (what closing reminds of), else the first.
fn letter_choices(header: &CaseHeader, ctx: &Ctx<'_>) -> anyhow::Result<(Vec<(String, String)>, usize)> {
    let fits = crate::export::letters::template_fits(ctx.store, header.case_id, ctx.today)?;
    let (fitting, not_now): (Vec<_>, Vec<_>) = fits.into_iter().partition(|(_, why)| why.is_none());
    let mut choices: Vec<(String, String)> =
        fitting.iter().map(|(t, _)| (t.name.to_string(), t.title.to_string())).collect();
    choices.extend(not_now.iter().map(|(t, _)| (t.name.to_string(), format!("{} (does not fit now)", t.title))));
    let untold = super::endings::untold_reminder(header, ctx).is_some();
    let result = fitting.iter().position(|(t, _)| t.name == AGREEMENT_RESULT);
    Ok((choices, if untold { result.unwrap_or(0) } else { 0 }))
}

/// The letter that tells the harmed party an agreement's result.
const AGREEMENT_RESULT: &str = "agreement_result";

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// The disposal's statutory facts (DOMAIN.md §2.1, §12.3), filled with what is
/// already recorded: the store refuses the issue until admission, consent,
/// the signed document and the victim's views are on record.
pub(super) fn disposal_prompt(header: &CaseHeader, current: Option<NewDisposal>, ctx: &Ctx<'_>) -> Prompt {
    let (case_id, reference) = (header.case_id, &header.reference);
    let mut d = current.unwrap_or_else(|| NewDisposal::new(DisposalType::CommunityResolution));
    // The police officer who referred the case is most often the one in it.
    let referrer = header.police_referrer().filter(|_| text(&d.oic_name).trim().is_empty());
    if let Some((name, contact)) = referrer {
        d.oic_name = Some(name.to_string());
        d.oic_contact = d.oic_contact.filter(|c| !c.trim().is_empty()).or(contact.map(str::to_string));
    }
    let types: Vec<(String, String)> = DisposalType::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), legal::disposal_label(*t, ctx.rules, ctx.today)))
        .collect();
    let selected = DisposalType::ALL.iter().position(|t| *t == d.disposal_type).unwrap_or(0);
    let yes_no = |b: bool| usize::from(b);
    let extended = [("no", "No"), ("yes", "Yes")];
    let mut ranks = vec![(String::new(), "Not recorded".to_string())];
    ranks.extend(Rank::ALL.iter().map(|r| (r.as_str().to_string(), r.label().to_string())));
    let rank = d.authorising_rank.and_then(|r| Rank::ALL.iter().position(|x| *x == r)).map_or(0, |i| i + 1);
    let mut message = "Issue needs admission, consent, the signed document and the victim's views sought.".to_string();
    if referrer.is_some() {
        message
            .push_str(" Officer in the case prefilled from the police referrer: change it if another officer has it.");
    }
    let oic = |field: Field| Field { prefilled: referrer.is_some() && !field.value().is_empty(), ..field };
    Prompt::new(format!("Disposal of {reference}"), message, PendingAction::Case(Pending::Disposal(case_id)))
        .field(FieldId::DisposalType, Field::choice("Disposal type", types, selected))
        .field(FieldId::AdmissionOn, Field::date("Admission recorded", d.admission_recorded_on))
        .field(FieldId::ConsentOn, Field::date("Consent recorded", d.consent_recorded_on))
        .field(FieldId::SignedDocument, Field::text("Signed document ref").with_value(text(&d.signed_document_ref)))
        .field(FieldId::VictimViewsSoughtOn, Field::date("Victim views sought", d.victim_views_sought_on))
        .field(FieldId::VictimViews, Field::text("Victim's views").with_value(text(&d.victim_views)))
        .field(FieldId::AuthorisedBy, Field::text("Authorised by").with_value(text(&d.authorised_by)))
        .field(FieldId::AuthorisingRank, Field::choice("Their rank", ranks, rank))
        .field(
            FieldId::CpsDecision,
            Field::text("CPS / DPP decision")
                .with_value(text(&d.cps_decision_ref))
                .with_hint("needed for domestic abuse, hate crime or indictable-only cautions"),
        )
        .field(FieldId::IssuedOn, Field::date("Issued on", d.issued_on))
        .field(
            FieldId::CompletionDue,
            Field::date("Completion due", d.completion_due).with_hint("blank: the rule's default from the issue date"),
        )
        .field(
            FieldId::ExtendedExceptionally,
            Field::choice_of("Extended exceptionally", &extended, yes_no(d.extended_exceptionally)),
        )
        .field(FieldId::BeyondLimit, beyond_limit_field().with_value(text(&d.time_limit_reason)))
        .field(FieldId::YotReferredOn, Field::date("Referred to YOT on", d.yot_referred_on))
        .field(
            FieldId::ProceedReason,
            Field::text("Reason to proceed")
                .with_value(text(&d.proceed_reason))
                .with_hint("only if a warning asks for one (kept in the log)"),
        )
        .field(FieldId::OicName, oic(Field::text("Officer in the case").with_value(text(&d.oic_name))))
        .field(FieldId::OicContact, oic(Field::text("OIC contact").with_value(text(&d.oic_contact))))
}

/// The review prompt: decision, reason, and the next review for a keep.
pub(super) fn review_prompt(header: &CaseHeader, row: &RetentionRow, ctx: &Ctx<'_>) -> Prompt {
    let due_words = if row.review_due <= ctx.today {
        format!("The review was due on {}.", crate::domain::dates::day(row.review_due))
    } else {
        format!(
            "The review is not due until {}; erasing is refused before then.",
            crate::domain::dates::day(row.review_due)
        )
    };
    let pending = PendingAction::Case(Pending::RetentionReview(header.case_id));
    let message = format!(
        "Closed on {}. {due_words} Keep the record, or erase its personal data?",
        crate::domain::dates::day(row.closed_on)
    );
    let next_review = default_next_review(ctx.rules, ctx.today);
    Prompt::new(format!("Retention review of {}", header.reference), message, pending)
        .field(
            FieldId::Decision,
            Field::choice_of("Decision", &[("keep", "Keep"), ("erase", "Erase personal data")], 0),
        )
        .field(FieldId::Reason, Field::text("Reason").required().with_hint("why keep or erase (kept in the audit log)"))
        .field(FieldId::NextReview, Field::date("Next review (keep)", Some(next_review)))
}

/// What a closure outcome looks like for the case's service.
fn outcome_example(service: crate::domain::types::Service) -> &'static str {
    match service {
        crate::domain::types::Service::Oocd => "e.g. all conditions completed",
        _ => "e.g. agreement completed; harmed party told",
    }
}

#[cfg(test)]
mod outcome_tests {
    use super::outcome_example;
    use crate::domain::types::Service;

    /// An RJ case has no conditions: its example speaks of its agreement.
    #[test]
    fn the_closing_example_fits_the_service() {
        assert!(outcome_example(Service::Oocd).contains("conditions"));
        for service in [Service::RestorativeJustice, Service::Mediation] {
            assert!(!outcome_example(service).contains("conditions"), "{service:?}");
        }
    }
}
