//! The words a tracker uses for casedesk's vocabularies: stored names
//! (`at_risk`), labels (`At risk`) and a few common abbreviations (`RJ`,
//! `CR`), compared case- and space-insensitively. Also money, flags and the
//! "Other people" cell.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::domain::caps::ConditionKind;
use crate::domain::closure::{WithdrawalReason, WithdrawnBy};
use crate::domain::status::{DisposalType, OffenceMode, OocdStatus, RjStatus};
use crate::domain::types::{CjsStage, ConditionStatus, PartyRole, Service, Source};
use crate::store::model::CaseFlags;

use super::dates::parse_uk_date;
use super::mapping::normalise;

/// The value whose stored name, label or abbreviation matches `text`.
fn pick<T: Copy>(text: &str, all: &[T], names: impl Fn(T) -> [&'static str; 2], extra: &[(&str, T)]) -> Option<T> {
    let key = normalise(text);
    if key.is_empty() {
        return None;
    }
    all.iter()
        .copied()
        .find(|&v| names(v).iter().any(|n| normalise(n) == key))
        .or_else(|| extra.iter().find(|(name, _)| normalise(name) == key).map(|(_, v)| *v))
}

/// The labels, for "use one of …" in error messages: a cell may hold a
/// label or a stored name, and a person reads the labels.
pub fn options<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|v| label(*v)).collect::<Vec<_>>().join(", ")
}

pub fn service(text: &str) -> Option<Service> {
    pick(
        text,
        Service::ALL,
        |s| [s.as_str(), s.label()],
        &[("rj", Service::RestorativeJustice), ("med", Service::Mediation), ("out of court", Service::Oocd)],
    )
}

pub fn source(text: &str) -> Option<Source> {
    pick(text, Source::ALL, |s| [s.as_str(), s.label()], &[("yos", Source::Yot), ("self", Source::VictimSelf)])
}

pub fn disposal_type(text: &str) -> Option<DisposalType> {
    pick(
        text,
        DisposalType::ALL,
        |d| [d.as_str(), d.label()],
        &[
            ("cr", DisposalType::CommunityResolution),
            ("acc", DisposalType::AdultConditionalCaution),
            ("ycc", DisposalType::YouthConditionalCaution),
            ("yc", DisposalType::YouthCaution),
            ("outcome 22", DisposalType::Outcome22Diversion),
        ],
    )
}

pub fn offence_mode(text: &str) -> Option<OffenceMode> {
    pick(
        text,
        OffenceMode::ALL,
        |m| [m.as_str(), m.label()],
        &[("summary only", OffenceMode::SummaryOnly), ("indictable", OffenceMode::IndictableOnly)],
    )
}

pub fn cjs_stage(text: &str) -> Option<CjsStage> {
    pick(text, CjsStage::ALL, |s| [s.as_str(), s.label()], &[])
}

pub fn oocd_status(text: &str) -> Option<OocdStatus> {
    pick(text, OocdStatus::ALL, |s| [s.as_str(), s.label()], &[])
}

pub fn rj_status(text: &str) -> Option<RjStatus> {
    pick(text, RjStatus::ALL, |s| [s.as_str(), s.label()], &[("on hold", RjStatus::Paused)])
}

pub fn withdrawn_by(text: &str) -> Option<WithdrawnBy> {
    pick(text, WithdrawnBy::ALL, |w| [w.as_str(), w.label()], &[("victim", WithdrawnBy::HarmedParty)])
}

pub fn withdrawal_reason(text: &str) -> Option<WithdrawalReason> {
    pick(text, WithdrawalReason::ALL, |w| [w.as_str(), w.label()], &[])
}

pub fn condition_kind(text: &str) -> Option<ConditionKind> {
    pick(text, ConditionKind::ALL, |k| [k.as_str(), k.label()], &[])
}

pub fn condition_status(text: &str) -> Option<ConditionStatus> {
    pick(
        text,
        ConditionStatus::ALL,
        |s| [s.as_str(), s.label()],
        &[
            ("done", ConditionStatus::Completed),
            ("complete", ConditionStatus::Completed),
            ("open", ConditionStatus::Active),
            ("breach", ConditionStatus::Breached),
        ],
    )
}

pub fn party_role(text: &str) -> Option<PartyRole> {
    pick(
        text,
        PartyRole::ALL,
        |r| [r.as_str(), r.label()],
        &[("victim", PartyRole::Harmed), ("responsible", PartyRole::Offender), ("parent", PartyRole::ParentGuardian)],
    )
}

/// A yes or no column: "yes", "y", "true", "1", "x" or "no", "n", "false", "0".
pub fn yes_no(text: &str) -> Result<bool, String> {
    match normalise(text).as_str() {
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("\"{}\" is not yes or no: write yes or no", crate::export::safe::inert(text))),
    }
}

/// The case flags written as a list: "Domestic abuse, Youth", "DA; hate crime"
/// or the codes older trackers wrote ("domestic_abuse, youth").
pub fn flags(text: &str) -> Result<CaseFlags, String> {
    let mut flags = CaseFlags::default();
    for word in text.split([',', ';']).map(str::trim).filter(|w| !w.is_empty()) {
        match normalise(word).as_str() {
            "domesticabuse" | "da" => flags.domestic_abuse = true,
            "intimatepartner" | "ipv" => flags.intimate_partner = true,
            "hatecrime" | "hate" => flags.hate_crime = true,
            "sexual" => flags.sexual = true,
            "knife" | "knifecrime" => flags.knife = true,
            "youth" => flags.youth = true,
            _ => {
                return Err(format!(
                    "\"{}\" is not a flag casedesk knows: use domestic abuse, intimate partner, hate crime, sexual, \
                     knife or youth, separated by commas",
                    crate::export::safe::inert(word)
                ))
            }
        }
    }
    Ok(flags)
}

/// The flags as the tracker writes them: in words, as people read them
/// (`flags` reads these back, and the codes older trackers hold).
pub fn flags_text(f: &CaseFlags) -> String {
    let named = [
        (f.domestic_abuse, "Domestic abuse"),
        (f.intimate_partner, "Intimate partner"),
        (f.hate_crime, "Hate crime"),
        (f.sexual, "Sexual"),
        (f.knife, "Knife"),
        (f.youth, "Youth"),
    ];
    named.iter().filter(|(on, _)| *on).map(|(_, name)| *name).collect::<Vec<_>>().join(", ")
}

/// Pounds as typed ("£25", "25.50", "1,250") into pence.
pub fn pence_from_text(text: &str) -> Option<i64> {
    let cleaned: String = text.trim().trim_start_matches('£').chars().filter(|c| *c != ',').collect();
    cleaned.trim().parse::<f64>().ok().and_then(pence_from_pounds)
}

pub fn pence_from_pounds(pounds: f64) -> Option<i64> {
    (0.0..1e12).contains(&pounds).then(|| (pounds * 100.0).round() as i64)
}

/// One entry of the "Other people" cell: roles, family name, given names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherPerson {
    pub roles: Vec<PartyRole>,
    pub family_name: String,
    pub given_names: String,
    pub dob: Option<NaiveDate>,
}

/// "witness: Smith, Ann; parent_guardian+appropriate_adult: Jones, Bea (born 1980-02-01)".
pub fn other_people(text: &str) -> Result<Vec<OtherPerson>, String> {
    let mut people = Vec::new();
    for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let shown = crate::export::safe::inert(entry);
        let (roles, name) = entry.split_once(':').ok_or_else(|| {
            format!("\"{shown}\" should read role: Family name, Given names (e.g. witness: Smith, Ann)")
        })?;
        let mut parsed = Vec::new();
        let mut seen = HashSet::new();
        for role in roles.split('+').map(str::trim) {
            let role = party_role(role).ok_or_else(|| {
                format!(
                    "\"{}\" in \"{shown}\" is not a role; use one of {}",
                    crate::export::safe::inert(role),
                    options(PartyRole::ALL, PartyRole::label)
                )
            })?;
            if seen.insert(role) {
                parsed.push(role);
            }
        }
        let (name, dob) = split_born(name).map_err(|d| format!("\"{d}\" in \"{shown}\" is not a date of birth"))?;
        let (family, given) = name
            .split_once(',')
            .map(|(f, g)| (f.trim(), g.trim()))
            .filter(|(f, g)| !f.is_empty() && !g.is_empty())
            .ok_or_else(|| format!("\"{shown}\" needs a family name and given names, as \"Smith, Ann\""))?;
        people.push(OtherPerson {
            roles: parsed,
            family_name: family.to_string(),
            given_names: given.to_string(),
            dob,
        });
    }
    Ok(people)
}

/// "Smith, Ann (born 1980-02-01)" → ("Smith, Ann", the date); the bad date's text on failure.
fn split_born(name: &str) -> Result<(&str, Option<NaiveDate>), String> {
    let Some((name, rest)) = name.trim().strip_suffix(')').and_then(|n| n.rsplit_once("(born ")) else {
        return Ok((name, None));
    };
    let dob = parse_uk_date(rest)
        .filter(|day| crate::domain::dates::in_range(*day))
        .ok_or_else(|| crate::export::safe::inert(rest))?;
    Ok((name, Some(dob)))
}

/// The "Other people" cell for a list of people.
pub fn other_people_text(people: &[OtherPerson]) -> String {
    people
        .iter()
        .map(|p| {
            // In words, as people read them; `other_people` reads these back.
            let roles: Vec<&str> = p.roles.iter().map(|r| r.label()).collect();
            let born = p.dob.map_or(String::new(), |d| format!(" (born {d})"));
            format!("{}: {}, {}{born}", roles.join("+"), p.family_name, p.given_names)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_labels_and_abbreviations_all_match() {
        assert_eq!(service("RJ"), Some(Service::RestorativeJustice));
        assert_eq!(service("Out-of-court disposal"), Some(Service::Oocd));
        assert_eq!(service("restorative_justice"), Some(Service::RestorativeJustice));
        assert_eq!(service("Probation"), None);
        assert_eq!(oocd_status("AT RISK"), Some(OocdStatus::AtRisk));
        assert_eq!(rj_status("Transferred to coordinator"), Some(RjStatus::Transferred));
        assert_eq!(disposal_type("CR"), Some(DisposalType::CommunityResolution));
        assert_eq!(condition_kind("Unpaid work"), Some(ConditionKind::UnpaidWork));
        assert_eq!(condition_status("Done"), Some(ConditionStatus::Completed));
    }

    #[test]
    fn money_reads_as_pence() {
        assert_eq!(pence_from_text("£25"), Some(2500));
        assert_eq!(pence_from_text("1,250.50"), Some(125050));
        assert_eq!(pence_from_text("-3"), None);
        assert_eq!(pence_from_text("lots"), None);
    }

    #[test]
    fn flags_read_and_write_the_same() {
        let f = flags("DA; hate crime, youth").unwrap();
        assert_eq!(flags_text(&f), "Domestic abuse, Hate crime, Youth");
        assert_eq!(flags(&flags_text(&f)).unwrap(), f);
        assert_eq!(flags("domestic_abuse, hate_crime, youth").unwrap(), f, "an older tracker's codes");
        assert!(flags("sparkly").unwrap_err().contains("not a flag"));
    }

    #[test]
    fn other_people_round_trip() {
        let text = "witness: Smith, Ann Marie; parent_guardian+appropriate_adult: de la Cruz, Bea (born 1980-02-01)";
        let people = other_people(text).unwrap();
        assert_eq!(people[1].roles, vec![PartyRole::ParentGuardian, PartyRole::AppropriateAdult]);
        assert_eq!(people[1].family_name, "de la Cruz");
        assert_eq!(people[1].given_names, "Bea");
        assert_eq!(people[1].dob, NaiveDate::from_ymd_opt(1980, 2, 1));
        assert_eq!(
            other_people("witness: Smith, Ann (born 01/02/80)").unwrap()[0].dob,
            NaiveDate::from_ymd_opt(1980, 2, 1)
        );
        assert!(other_people("witness: Smith, Ann (born soon)").unwrap_err().contains("not a date of birth"));
        let written = other_people_text(&people);
        assert_eq!(
            written,
            "Witness: Smith, Ann Marie; Parent / guardian+Appropriate adult: de la Cruz, Bea (born 1980-02-01)"
        );
        assert_eq!(other_people(&written).unwrap(), people, "the labels read back");
        assert!(other_people("Smith, Ann").is_err());
        assert!(other_people("uncle: Smith, Ann").unwrap_err().contains("not a role"));
        assert!(other_people("witness: Smith").unwrap_err().contains("family name and given names"));
    }
}
