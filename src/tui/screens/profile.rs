//! Who sends each service's letters (issue 15 §1): the service's name,
//! address, phone, email, opening hours, signatory and how to pay, filled
//! in on a form instead of one `casedesk settings set` at a time. Asked
//! from the Case screen for the case's own service, or from the Directory
//! after asking which; one save is one audited change. Undo does not take
//! it back (a logo's bytes would come back as text): it is set again here.

use crate::domain::types::{ProfileField, Sender};
use crate::tui::form::Field;

use super::{Ctx, Effect, FieldId, PendingAction, Prompt, Reply};

/// The step of filling in a profile a prompt stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Which service's profile to fill in.
    Which,
    /// The profile of this service.
    Fill(Sender),
}

/// The field of the form holding each line of the profile.
fn field_id(field: ProfileField) -> FieldId {
    match field {
        ProfileField::Name => FieldId::Name,
        ProfileField::Address => FieldId::Address,
        ProfileField::Phone => FieldId::Phone,
        ProfileField::Email => FieldId::Email,
        ProfileField::Hours => FieldId::Hours,
        ProfileField::Signatory => FieldId::Signatory,
        ProfileField::Role => FieldId::SignatoryRole,
        ProfileField::Payment => FieldId::Payment,
    }
}

fn hint(field: ProfileField) -> &'static str {
    match field {
        ProfileField::Name => "as each letter is headed",
        ProfileField::Address => "one line each: street, town, postcode",
        ProfileField::Phone => "the number a recipient rings",
        ProfileField::Email => "the address a recipient writes to",
        ProfileField::Hours => "e.g. Monday to Friday, 9am to 5pm",
        ProfileField::Signatory => "who signs the letters",
        ProfileField::Role => "e.g. service manager",
        ProfileField::Payment => "only letters asking for money: how and where to pay",
    }
}

/// Ask which service's letters to fill in, the first with something
/// missing chosen.
pub fn which_prompt(ctx: &Ctx<'_>) -> Prompt {
    let options: Vec<(String, String)> =
        Sender::ALL.iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect();
    let unfinished = Sender::ALL
        .iter()
        .position(|s| ctx.store.service_profile(*s).is_ok_and(|p| !p.missing().is_empty()))
        .unwrap_or(0);
    Prompt::new(
        "Who sends letters",
        "Letters are headed and signed by their service's profile. Which service's do you want to fill in?",
        PendingAction::Profile(Pending::Which),
    )
    .field(FieldId::Sender, Field::choice("Service", options, unfinished))
}

/// The service's profile as a form, filled with what is on file.
pub fn fill_prompt(sender: Sender, ctx: &Ctx<'_>) -> Effect {
    let profile = match ctx.store.service_profile(sender) {
        Ok(p) => p,
        Err(e) => return Effect::Error(format!("Could not read the {}'s profile: {e}", sender.label())),
    };
    let mut prompt = Prompt::new(
        format!("Who sends the {}'s letters", sender.label()),
        "Every letter of this service is headed and signed with these. A line left blank stays as it is on \
         file. Saved to the audit log.",
        PendingAction::Profile(Pending::Fill(sender)),
    );
    for field in ProfileField::ALL.iter().copied() {
        let mut input = Field::text(field.label()).with_hint(hint(field));
        if field == ProfileField::Address {
            input = input.multi_line();
        }
        if let Some(value) = profile.get(field) {
            input = input.with_value(value);
        }
        prompt = prompt.field(field_id(field), input);
    }
    Effect::Ask(prompt)
}

/// The profile's form, asked when a letter is wanted before the service's
/// profile is complete: every letter is headed and signed with it, so the
/// letter prompt would only be refused after it was answered.
pub fn fill_before_letter(sender: Sender, missing: &[ProfileField], ctx: &Ctx<'_>) -> Effect {
    match fill_prompt(sender, ctx) {
        Effect::Ask(mut prompt) => {
            let missing: Vec<String> = missing.iter().map(|f| f.label().to_lowercase()).collect();
            prompt.message = format!(
                "Letters from the {} are headed and signed with these, still missing: {}. Save them, then w \
                 writes the letter.",
                sender.label(),
                missing.join(", ")
            );
            Effect::Ask(prompt)
        }
        other => other,
    }
}

/// Act on an answer: ask the chosen service's form, or save the lines
/// that changed in one audited write.
pub fn apply_reply(step: Pending, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    match step {
        Pending::Which => match Sender::parse(reply.value(FieldId::Sender)) {
            Some(sender) => fill_prompt(sender, ctx),
            None => Effect::Error("Choose a service.".into()),
        },
        Pending::Fill(sender) => save(sender, reply, ctx),
    }
}

fn save(sender: Sender, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
    let before = match ctx.store.service_profile(sender) {
        Ok(p) => p,
        Err(e) => return Effect::Error(format!("Not saved: {e}")),
    };
    let changed: Vec<(ProfileField, &str)> = ProfileField::ALL
        .iter()
        .copied()
        .map(|f| (f, reply.value(field_id(f))))
        .filter(|(f, v)| !v.is_empty() && before.get(*f) != Some(*v))
        .collect();
    if changed.is_empty() {
        return Effect::Status(format!("Nothing changed in the {}'s profile.", sender.label()));
    }
    let saved = ctx.store.write(|tx| {
        for (field, value) in &changed {
            tx.set_profile_field(sender, *field, value)?;
        }
        tx.service_profile(sender)
    });
    match saved {
        Ok(after) => Effect::Status(saved_words(sender, &after.missing())),
        Err(e) => Effect::Error(format!("Not saved: {e}")),
    }
}

/// What the save says: done, or what letters still wait for.
fn saved_words(sender: Sender, missing: &[ProfileField]) -> String {
    if missing.is_empty() {
        return format!("Saved the {}'s profile: its letters carry it from now on.", sender.label());
    }
    let names: Vec<String> = missing.iter().map(|f| f.label().to_lowercase()).collect();
    format!("Saved. The {}'s letters still need: {}.", sender.label(), names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_save_says_what_letters_still_need_in_words() {
        assert_eq!(
            saved_words(Sender::Rj, &[ProfileField::Hours, ProfileField::Role]),
            "Saved. The RJ & mediation service's letters still need: opening hours, signatory's role."
        );
        assert!(saved_words(Sender::Oocd, &[]).starts_with("Saved the OOCD unit's profile"));
    }
}
