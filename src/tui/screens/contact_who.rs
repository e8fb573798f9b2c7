//! Who a contact was with (issue 14 §4): picked by typing part of a name
//! from the people on the case and the directory's coordinators, providers
//! and agencies, or typed in when it is someone else.

use crate::domain::directory::DirectoryKind;
use crate::domain::referrals::SpokeWithKind;
use crate::export::safe::inert;
use crate::store::SpokeWith;
use crate::tui::form::Field;
use crate::tui::screens::{Ctx, FieldId, Reply};

/// The option meaning "someone not listed": their name is typed below.
const SOMEONE_ELSE: &str = "other:";

/// The stored kind of a directory entry a contact can name.
fn kind_of(kind: DirectoryKind) -> Option<SpokeWithKind> {
    match kind {
        DirectoryKind::Coordinator => Some(SpokeWithKind::Coordinator),
        DirectoryKind::Provider => Some(SpokeWithKind::Provider),
        DirectoryKind::Agency => Some(SpokeWithKind::Agency),
        _ => None,
    }
}

/// Everyone a contact on `case_id` may have been with, each labelled with
/// what they are: "Bob Stone (responsible)", "Northgate Courses (a provider)".
pub fn spoke_with_options(ctx: &Ctx<'_>, case_id: i64) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "Not said".to_string())];
    if let Ok(parties) = ctx.store.case_parties(case_id, 20) {
        options.extend(parties.people.iter().map(|p| {
            let name = format!("{} {}", p.given_names, p.family_name);
            (option_value(SpokeWithKind::Party, &name), format!("{} ({})", inert(&name), p.role.label().to_lowercase()))
        }));
    }
    let entries = ctx.store.directory(None).unwrap_or_default();
    for e in entries.iter().filter(|e| e.active) {
        if let Some(kind) = kind_of(e.kind) {
            options
                .push((option_value(kind, &e.name), format!("{} ({})", inert(&e.name), kind.label().to_lowercase())));
        }
    }
    options.push((SOMEONE_ELSE.to_string(), "Someone else (type the name)".to_string()));
    options
}

fn option_value(kind: SpokeWithKind, name: &str) -> String {
    format!("{}:{name}", kind.as_str())
}

/// The fields a contact prompt asks for who it was with.
pub fn spoke_with_fields(options: Vec<(String, String)>) -> [(FieldId, Field); 2] {
    [
        (FieldId::SpokeWith, Field::pick("Spoke with", options, 0)),
        (FieldId::SpokeWithName, Field::text("Their name").with_hint("if someone else: name, role or collar number")),
    ]
}

/// Who the reply says the contact was with, if anyone.
pub fn spoke_with(reply: &Reply) -> Option<SpokeWith> {
    let typed_only = format!("{SOMEONE_ELSE}{}", reply.value(FieldId::SpokeWithName));
    let picked = match reply.value(FieldId::SpokeWith) {
        "" => typed_only.as_str(),
        picked => picked,
    };
    let (kind, name) = picked.split_once(':')?;
    let kind = SpokeWithKind::parse(kind)?;
    let name = match (kind, reply.value(FieldId::SpokeWithName).trim()) {
        (SpokeWithKind::Other, typed) => typed.to_string(),
        (_, _) => name.to_string(),
    };
    (!name.trim().is_empty()).then_some(SpokeWith { kind, name })
}
