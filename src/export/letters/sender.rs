//! Who a letter comes from: the profile of the case's service (the OOCD
//! unit, or the RJ & mediation service), with its contact details and the
//! person who signs it. A letter for a service whose profile is not filled
//! in is refused, naming what to fill in and how.

use serde::Serialize;

use crate::domain::types::{ProfileField, Sender, Service};
use crate::store::views::profile::ServiceProfile;
use crate::store::Store;

/// The profile as templates see it: `sender.name`, `sender.phone`, ...
#[derive(Debug, Clone, Serialize)]
pub struct SenderFacts {
    /// Which service it is, in words ("OOCD unit").
    pub service: &'static str,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
    pub signatory: String,
    pub role: String,
}

/// The sender of a letter on a case of `service`.
pub fn sender_for(store: &Store, service: Service) -> anyhow::Result<SenderFacts> {
    let sender = Sender::of(service);
    let profile = store.service_profile(sender)?;
    facts(sender, &profile)
}

fn facts(sender: Sender, profile: &ServiceProfile) -> anyhow::Result<SenderFacts> {
    let missing = profile.missing();
    if !missing.is_empty() {
        let missing: Vec<String> = missing.iter().map(|f| f.label().to_lowercase()).collect();
        let fields: Vec<&str> = ProfileField::ALL.iter().map(|f| f.as_str()).collect();
        anyhow::bail!(
            "letters from the {} need its profile filled in first (missing: {}): set each with \
             `casedesk settings set --service {} --field FIELD --value TEXT`, FIELD being one of {}",
            sender.label(),
            missing.join(", "),
            sender.as_str(),
            fields.join(", ")
        );
    }
    let get = |field| profile.get(field).unwrap_or_default().to_string();
    Ok(SenderFacts {
        service: sender.label(),
        name: get(ProfileField::Name),
        address: get(ProfileField::Address),
        phone: get(ProfileField::Phone),
        email: get(ProfileField::Email),
        hours: get(ProfileField::Hours),
        signatory: get(ProfileField::Signatory),
        role: get(ProfileField::Role),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_half_filled_profile_names_what_is_missing_and_the_command() {
        let profile = ServiceProfile { name: Some("Unit".into()), phone: Some(" ".into()), ..Default::default() };
        let refusal = facts(Sender::Oocd, &profile).unwrap_err().to_string();
        assert!(refusal.starts_with("letters from the OOCD unit need its profile filled in first"), "{refusal}");
        assert!(refusal.contains("(missing: address, phone, email, opening hours, signatory, signatory's role)"));
        assert!(refusal.contains("`casedesk settings set --service oocd --field FIELD --value TEXT`"), "{refusal}");
    }
}
