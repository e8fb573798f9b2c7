//! What `casedesk letter --to WHO [--to-role ROLE] [--condition N]` means
//! for one case: the recipient and the condition, chosen the way the Case
//! screen's letter form chooses them, with an error that lists what the case
//! does have when the choice matches nothing.

use super::RecipientChoice;
use crate::domain::types::PartyRole;
use crate::store::views::case::CaseParty;
use crate::store::views::letters::LetterCondition;

/// The recipient `to` names on a case with `parties`: `referrer`, `oic`, a
/// role (`harmed`, `responsible`, `witness`, ...: the first such person),
/// or a person's name as on file. With `role`, a name not on file is
/// someone else, named with that role.
pub fn recipient(
    to: Option<&str>,
    role: Option<&str>,
    parties: &[CaseParty],
    reference: &str,
) -> anyhow::Result<RecipientChoice> {
    let role = role.map(str::trim).filter(|r| !r.is_empty());
    let Some(to) = to.map(str::trim).filter(|t| !t.is_empty()) else {
        if role.is_some() {
            anyhow::bail!("--to-role needs --to NAME: the name of the person the letter goes to");
        }
        return Ok(RecipientChoice::AsTemplate);
    };
    if let Some(role) = role {
        return Ok(match person_named(to, parties, reference)? {
            Some(person_id) => RecipientChoice::Person(person_id),
            None => RecipientChoice::Named { name: to.to_string(), role: role.to_string() },
        });
    }
    match to.to_lowercase().as_str() {
        "referrer" => return Ok(RecipientChoice::Referrer),
        "oic" | "officer" => return Ok(RecipientChoice::Oic),
        _ => {}
    }
    if let Some(wanted) = role_named(to) {
        return parties.iter().find(|p| p.role == wanted).map(|p| RecipientChoice::Person(p.person_id)).ok_or_else(
            || {
                anyhow::anyhow!(
                    "{reference} has no one on file as {}; its people: {}",
                    wanted.label().to_lowercase(),
                    people(parties)
                )
            },
        );
    }
    person_named(to, parties, reference)?.map(RecipientChoice::Person).ok_or_else(|| {
        anyhow::anyhow!(
            "no one called {to:?} is on {reference} (its people: {}); for someone not on file add --to-role ROLE",
            people(parties)
        )
    })
}

/// A role word as typed: the stored word or its label ("responsible" for
/// the offender role, "harmed", "witness", "parent / guardian", ...).
fn role_named(word: &str) -> Option<PartyRole> {
    let word = word.to_lowercase();
    PartyRole::ALL
        .iter()
        .copied()
        .filter(|r| *r != PartyRole::Referrer)
        .find(|r| r.as_str() == word || r.label().to_lowercase() == word)
}

/// The person on the case whose full name is `name` (letter case and
/// spacing aside), if exactly one is.
fn person_named(name: &str, parties: &[CaseParty], reference: &str) -> anyhow::Result<Option<i64>> {
    let wanted = squeeze(name);
    let mut found = parties.iter().filter(|p| squeeze(&full_name(p)) == wanted);
    let first = found.next();
    if found.any(|p| Some(p.person_id) != first.map(|f| f.person_id)) {
        anyhow::bail!("two people on {reference} are called {name:?}: give their role with --to (e.g. --to harmed)");
    }
    Ok(first.map(|p| p.person_id))
}

/// The condition numbered `number` on the case (as `--list` shows them).
pub fn condition(number: Option<u32>, conditions: &[LetterCondition], reference: &str) -> anyhow::Result<Option<i64>> {
    let Some(number) = number else { return Ok(None) };
    conditions.iter().find(|c| c.seq == i64::from(number)).map(|c| Some(c.id)).ok_or_else(|| {
        if conditions.is_empty() {
            anyhow::anyhow!("{reference} has no conditions, so --condition cannot be used")
        } else {
            let numbers: Vec<String> = conditions.iter().map(|c| c.seq.to_string()).collect();
            anyhow::anyhow!("{reference} has no condition {number}; its conditions are numbered {}", numbers.join(", "))
        }
    })
}

/// The case's people as "Name (role)", for listings and errors.
pub fn people(parties: &[CaseParty]) -> String {
    if parties.is_empty() {
        return "none on file".to_string();
    }
    let named: Vec<String> =
        parties.iter().map(|p| format!("{} ({})", full_name(p), p.role.label().to_lowercase())).collect();
    named.join(", ")
}

fn full_name(p: &CaseParty) -> String {
    format!("{} {}", p.given_names, p.family_name)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::types::DataSubjectCategory;

    fn party(person_id: i64, given: &str, family: &str, role: &str) -> CaseParty {
        CaseParty {
            party_id: person_id,
            person_id,
            given_names: given.into(),
            family_name: family.into(),
            role: PartyRole::parse(role).expect("a stored role"),
            category: DataSubjectCategory::Other,
            contact_pref: None,
            phone: None,
            email: None,
            address: None,
            interpreter_language: None,
            needs_appropriate_adult: false,
            enhanced_rights: false,
        }
    }

    fn parties() -> Vec<CaseParty> {
        vec![party(7, "Amara", "Okafor", "harmed"), party(9, "Zoë", "Brennan", "offender")]
    }

    fn choose(to: Option<&str>, role: Option<&str>) -> anyhow::Result<RecipientChoice> {
        recipient(to, role, &parties(), "RJ-2026-0001")
    }

    #[test]
    fn words_roles_and_names_each_choose_their_recipient() {
        assert!(matches!(choose(None, None).unwrap(), RecipientChoice::AsTemplate));
        assert!(matches!(choose(Some("Referrer"), None).unwrap(), RecipientChoice::Referrer));
        assert!(matches!(choose(Some("oic"), None).unwrap(), RecipientChoice::Oic));
        assert!(matches!(choose(Some("responsible"), None).unwrap(), RecipientChoice::Person(9)));
        assert!(matches!(choose(Some("harmed"), None).unwrap(), RecipientChoice::Person(7)));
        assert!(matches!(choose(Some("  zoë   BRENNAN "), None).unwrap(), RecipientChoice::Person(9)));
        let named = choose(Some("Sam Lee"), Some("Housing officer")).unwrap();
        assert!(
            matches!(&named, RecipientChoice::Named { name, role } if name == "Sam Lee" && role == "Housing officer"),
            "{named:?}"
        );
        // A name on file stays that person even when a role is given.
        assert!(matches!(choose(Some("Amara Okafor"), Some("Friend")).unwrap(), RecipientChoice::Person(7)));
    }

    #[test]
    fn a_choice_that_matches_nothing_says_what_the_case_has() {
        let err = choose(Some("Sam Lee"), None).unwrap_err().to_string();
        assert!(err.contains("no one called \"Sam Lee\" is on RJ-2026-0001"), "{err}");
        assert!(err.contains("Amara Okafor (harmed), Zoë Brennan (responsible)"), "{err}");
        assert!(err.contains("--to-role"), "{err}");
        let err = choose(Some("witness"), None).unwrap_err().to_string();
        assert!(err.contains("RJ-2026-0001 has no one on file as witness"), "{err}");
        let err = choose(None, Some("Friend")).unwrap_err().to_string();
        assert!(err.contains("--to-role needs --to NAME"), "{err}");
    }

    #[test]
    fn two_people_of_one_name_are_not_guessed_between() {
        let mut two = parties();
        two.push(party(11, "Amara", "Okafor", "witness"));
        let err = recipient(Some("amara okafor"), None, &two, "RJ-2026-0001").unwrap_err().to_string();
        assert!(err.contains("two people on RJ-2026-0001 are called"), "{err}");
    }
}
