//! Recording an OOCD disposal's statutory facts (DOMAIN.md §2.1, §12.3):
//! admission, consent, the signed document, the victim's views, the issue
//! date and the completion date. Issuing is refused by the store until these
//! are on record, so the Case screen offers this prompt.

use chrono::NaiveDate;

use super::Pending;
use crate::domain::caps::default_completion_due;
use crate::domain::dates::is_future;
use crate::domain::status::DisposalType;
use crate::store::model::NewDisposal;
use crate::tui::form::Field;
use crate::tui::screens::common::result_effect;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// The prompt, filled with what is already recorded.
pub fn disposal_prompt(case_id: i64, reference: &str, current: Option<NewDisposal>) -> Prompt {
    let d = current.unwrap_or_else(|| NewDisposal::new(DisposalType::CommunityResolution));
    let types: Vec<(String, String)> =
        DisposalType::ALL.iter().map(|t| (t.as_str().to_string(), t.label().to_string())).collect();
    let selected = DisposalType::ALL.iter().position(|t| *t == d.disposal_type).unwrap_or(0);
    let yes_no = |b: bool| usize::from(b);
    let extended = [("no", "No"), ("yes", "Yes")];
    let message = "Issue needs admission, consent, the signed document and the victim's views sought.";
    Prompt::new(format!("Disposal of {reference}"), message, PendingAction::Case(Pending::Disposal(case_id)))
        .field(FieldId::DisposalType, Field::choice("Disposal type", types, selected))
        .field(FieldId::AdmissionOn, Field::date("Admission recorded", d.admission_recorded_on))
        .field(FieldId::ConsentOn, Field::date("Consent recorded", d.consent_recorded_on))
        .field(FieldId::SignedDocument, Field::text("Signed document ref").with_value(text(&d.signed_document_ref)))
        .field(FieldId::VictimViewsSoughtOn, Field::date("Victim views sought", d.victim_views_sought_on))
        .field(FieldId::VictimViews, Field::text("Victim's views").with_value(text(&d.victim_views)))
        .field(FieldId::AuthorisedBy, Field::text("Authorised by").with_value(text(&d.authorised_by)))
        .field(FieldId::CpsDecision, Field::text("CPS / DPP decision").with_value(text(&d.cps_decision_ref)))
        .field(FieldId::IssuedOn, Field::date("Issued on", d.issued_on))
        .field(
            FieldId::CompletionDue,
            Field::date("Completion due", d.completion_due).with_hint("blank: the rule's default from the issue date"),
        )
        .field(
            FieldId::ExtendedExceptionally,
            Field::choice_of("Extended exceptionally", &extended, yes_no(d.extended_exceptionally)),
        )
        .field(FieldId::OicName, Field::text("Officer in the case").with_value(text(&d.oic_name)))
        .field(FieldId::OicContact, Field::text("OIC contact").with_value(text(&d.oic_contact)))
}

/// Save the prompt's answers as the case's disposal, in one transaction.
pub fn apply_disposal_reply(case_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
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
    if let Some(future) = [d.admission_recorded_on, d.consent_recorded_on, d.issued_on]
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
    let due = d.completion_due.map_or(String::new(), |due: NaiveDate| format!("; completion due {due}"));
    result_effect(ctx.store.write(|tx| tx.set_disposal(case_id, &d)), format!("Saved the disposal{due}."))
}
