//! Adding a condition to an out-of-court disposal, its caps checked.

use crate::domain::caps::{self, ConditionKind, ConditionObject, Severity};
use crate::export::safe::inert;
use crate::store::model::NewCondition;
use crate::store::views::case::{status_label, CaseHeader};
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

use super::{CaseScreen, Pending};

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
                status_label(&header.status).to_lowercase()
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
        let default_due = match (disposal.kind(), disposal.issued_on) {
            (Some(kind), Some(issued)) => caps::default_completion_due(ctx.rules, kind, issued).map(|(d, _)| d),
            _ => None,
        };
        let disposal_words = disposal.kind().map_or(disposal.disposal_type.clone(), |d| d.label().to_string());
        let issued = disposal.issued_on.map_or_else(|| "not yet issued".to_string(), |d| format!("issued {d}"));
        let message = format!("{disposal_words}, {issued}. Caps are checked on saving; warnings are shown after.");
        let pending = PendingAction::Case(Pending::AddCondition(header.case_id));
        let description = Field::text("Description").required().with_hint("what must be done, e.g. attend the course");
        Effect::Ask(
            Prompt::new(format!("Add a condition to {}", header.reference), message, pending)
                .field(FieldId::Kind, Field::choice("Kind", kinds, 0))
                .field(FieldId::Object, Field::choice("Object", objects, 0))
                .field(FieldId::Description, description)
                .field(FieldId::Provider, Field::choice("Provider", provider_options, 0))
                .field(FieldId::Hours, Field::number("Hours").with_hint("blank: none"))
                .field(FieldId::Amount, Field::number("Amount £").with_hint("blank: none"))
                .field(FieldId::DueOn, Field::date("Due on", default_due).required()),
        )
    }

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
        let number = |id: FieldId, what: &str| -> Result<Option<f64>, Effect> {
            match reply.value(id) {
                "" => Ok(None),
                text => match text.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
                    _ => Err(Effect::Error(format!("Not saved: {what} must be a number of 0 or more."))),
                },
            }
        };
        let hours = match number(FieldId::Hours, "hours") {
            Ok(h) => h,
            Err(e) => return e,
        };
        let amount_pence = match number(FieldId::Amount, "the amount") {
            Ok(a) => a.map(|pounds| (pounds * 100.0).round() as i64),
            Err(e) => return e,
        };
        let Some(due_on) = reply.date(FieldId::DueOn) else {
            return Effect::Error("Not saved: give the due date.".into());
        };
        let disposal = header.disposal.as_ref();
        let mut due_rule = None;
        let mut warnings = Vec::new();
        if let Some((kind_of_disposal, issued)) = disposal.and_then(|d| Some((d.kind()?, d.issued_on?))) {
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
                let mut text = format!("Saved: {} added to {}, due {due_on}.", kind.label(), header.reference);
                if !warnings.is_empty() {
                    text.push_str(&format!(" Warning: {}.", warnings.join("; ")));
                }
                Effect::Status(text)
            }
            Err(e) => Effect::Error(format!("Not saved: {e}")),
        }
    }
}
