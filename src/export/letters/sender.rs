//! Who a letter comes from: the profile of the case's service (the OOCD
//! unit, or the RJ & mediation service), with its contact details and the
//! person who signs it. A letter for a service whose profile is not filled
//! in is refused, naming what to fill in and how.

use serde::Serialize;

use crate::domain::types::{ProfileField, Sender, Service};
use crate::store::views::profile::{Logo, ServiceProfile};
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
    /// The address one line a piece (split at newlines and commas), for
    /// the address block.
    pub address_lines: Vec<String>,
    /// How and where to pay, in the service's words; absent until set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment: Option<String>,
    /// The settings code of the service, for the sentence asking for a field.
    #[serde(skip)]
    code: &'static str,
    /// The logo at the top of its Word letters, if one is set.
    #[serde(skip)]
    pub logo: Option<Logo>,
}

impl SenderFacts {
    /// A letter asking for money says how to pay it: refused, naming the
    /// field and the command, while the profile does not say.
    pub fn payment_given(&self) -> anyhow::Result<()> {
        if self.payment.is_some() {
            return Ok(());
        }
        anyhow::bail!(
            "this letter asks for a payment, so the {}'s profile must say how to pay first: set it with \
             `casedesk settings set --service {} --field {} --value TEXT` (e.g. \"online at …, quoting your reference\")",
            self.service,
            self.code,
            ProfileField::Payment.as_str()
        )
    }
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
    let address = get(ProfileField::Address);
    Ok(SenderFacts {
        service: sender.label(),
        name: get(ProfileField::Name),
        address_lines: address_lines(&address),
        address,
        phone: get(ProfileField::Phone),
        email: get(ProfileField::Email),
        hours: get(ProfileField::Hours),
        signatory: get(ProfileField::Signatory),
        role: get(ProfileField::Role),
        payment: profile.get(ProfileField::Payment).map(str::to_string),
        code: sender.as_str(),
        logo: profile.logo.clone(),
    })
}

/// "1 Station Road, Kelvington KV1 1AA" as its lines.
fn address_lines(address: &str) -> Vec<String> {
    address.split(['\n', ',']).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_laid_out_a_line_a_piece_and_payment_is_asked_for_by_name() {
        let full = ServiceProfile {
            name: Some("Unit".into()),
            address: Some("1 Station Road,\n Kelvington KV1 1AA".into()),
            phone: Some("01632 960100".into()),
            email: Some("unit@example.org".into()),
            hours: Some("9 to 5".into()),
            signatory: Some("Sam Okafor".into()),
            role: Some("Coordinator".into()),
            payment: None,
            logo: None,
        };
        let facts = facts(Sender::Oocd, &full).unwrap();
        assert_eq!(facts.address_lines, vec!["1 Station Road", "Kelvington KV1 1AA"]);
        let refusal = facts.payment_given().unwrap_err().to_string();
        assert!(refusal.contains("the OOCD unit's profile must say how to pay first"), "{refusal}");
        assert!(refusal.contains("--service oocd --field payment"), "{refusal}");
    }

    #[test]
    fn a_half_filled_profile_names_what_is_missing_and_the_command() {
        let profile = ServiceProfile { name: Some("Unit".into()), phone: Some(" ".into()), ..Default::default() };
        let refusal = facts(Sender::Oocd, &profile).unwrap_err().to_string();
        assert!(refusal.starts_with("letters from the OOCD unit need its profile filled in first"), "{refusal}");
        assert!(refusal.contains("(missing: address, phone, email, opening hours, signatory, signatory's role)"));
        assert!(refusal.contains("`casedesk settings set --service oocd --field FIELD --value TEXT`"), "{refusal}");
    }
}
