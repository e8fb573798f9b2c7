//! Writing a standard letter for the case (a disclosure, logged).

use crate::domain::caps::ConditionKind;
use crate::export::letters::{self as letters, LetterFormat, LetterSpec, RecipientChoice, TEMPLATES};
use crate::export::safe::inert;
use crate::store::views::case::CaseHeader;
use crate::tui::form::Field;
use crate::tui::screens::common;
use crate::tui::screens::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

use super::{CaseScreen, Pending};
use crate::tui::text::fit;

impl CaseScreen {
    /// Ask which letter, to whom, in which format (and, on a case with
    /// conditions, about which condition).
    pub(super) fn letter_prompt(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        let Some(case) = self.case.as_ref() else { return Effect::None };
        let templates: Vec<(String, String)> =
            TEMPLATES.iter().map(|t| (t.name.to_string(), t.title.to_string())).collect();
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
            (FieldId::Template, Field::choice("Template", templates, 0)),
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
                let kind = ConditionKind::parse(&c.kind).map_or(c.kind.as_str(), |k| k.label());
                (c.id.to_string(), fit(&inert(&format!("{}. {kind}, due {}", c.seq, c.due_on)), 48))
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
        };
        match letters::write_letter(ctx.store, &spec, format, &path) {
            Ok(written) => Effect::Status(format!("Letter written to {}", written.path.display())),
            Err(e) => Effect::Error(format!("Letter not written: {}", inert(&format!("{e:#}")))),
        }
    }
}
