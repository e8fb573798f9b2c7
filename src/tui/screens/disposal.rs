//! Recording an OOCD disposal's statutory facts (DOMAIN.md §2.1, §12.3):
//! admission, consent, the signed document, the victim's views, the issue
//! date and the completion date. Issuing is refused by the store until these
//! are on record, so the Case screen offers this prompt.

use chrono::NaiveDate;

use super::common::result_effect;
use super::{Ctx, Effect, Prompt, Reply};
use crate::domain::caps::default_completion_due;
use crate::domain::status::DisposalType;
use crate::store::model::NewDisposal;
use crate::tui::form::Field;

pub const RECORD_DISPOSAL: &str = "record_disposal";

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
    Prompt {
        title: format!("Disposal of {reference}"),
        message: "Issue needs admission, consent, the signed document and the victim's views sought.".into(),
        fields: vec![
            Field::choice("Disposal type", types, selected),
            Field::date("Admission recorded", d.admission_recorded_on),
            Field::date("Consent recorded", d.consent_recorded_on),
            Field::text("Signed document ref").with_value(text(&d.signed_document_ref)),
            Field::date("Victim views sought", d.victim_views_sought_on),
            Field::text("Victim's views").with_value(text(&d.victim_views)),
            Field::text("Authorised by").with_value(text(&d.authorised_by)),
            Field::text("CPS / DPP decision").with_value(text(&d.cps_decision_ref)),
            Field::date("Issued on", d.issued_on),
            Field::date("Completion due", d.completion_due).with_hint("blank: the rule's default from the issue date"),
            Field::choice_of(
                "Extended exceptionally",
                &[("no", "No"), ("yes", "Yes")],
                yes_no(d.extended_exceptionally),
            ),
            Field::text("Officer in the case").with_value(text(&d.oic_name)),
            Field::text("OIC contact").with_value(text(&d.oic_contact)),
        ],
        purpose: RECORD_DISPOSAL,
        ids: vec![case_id],
    }
}

fn optional(reply: &Reply, index: usize) -> Option<String> {
    Some(reply.value(index).to_string()).filter(|v| !v.is_empty())
}

/// Save the prompt's answers as the case's disposal, in one transaction.
pub fn apply_disposal_reply(reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let Some(case_id) = reply.ids.first().copied() else { return Effect::None };
    let kind = DisposalType::parse(reply.value(0)).unwrap_or(DisposalType::CommunityResolution);
    let mut d = NewDisposal::new(kind);
    d.admission_recorded_on = reply.date(1);
    d.consent_recorded_on = reply.date(2);
    d.signed_document_ref = optional(reply, 3);
    d.victim_views_sought_on = reply.date(4);
    d.victim_views = optional(reply, 5);
    d.authorised_by = optional(reply, 6);
    d.cps_decision_ref = optional(reply, 7);
    d.issued_on = reply.date(8);
    d.completion_due = reply.date(9);
    d.extended_exceptionally = reply.value(10) == "yes";
    d.oic_name = optional(reply, 11);
    d.oic_contact = optional(reply, 12);
    if let Some(future) =
        [d.admission_recorded_on, d.consent_recorded_on, d.issued_on].into_iter().flatten().find(|day| *day > ctx.today)
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
