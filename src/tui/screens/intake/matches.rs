//! Possible duplicates, looked up as you type: the same crime reference,
//! or the same person by name and date of birth. They warn, never block.

use crate::store::views::intake::{normalise_crime_ref, CrimeRefMatches};
use crate::tui::screens::Ctx;
use crate::tui::text::words;

use super::{DuplicateKey, IntakeScreen, CRIME_REF, DOB, FAMILY, GIVEN, MATCHES_SHOWN};

impl IntakeScreen {
    // ---------- duplicates ----------

    fn duplicate_key(&self) -> DuplicateKey {
        let people = (0..self.people())
            .map(|p| {
                let given = self.value(Self::person_field(p, GIVEN));
                let family = self.value(Self::person_field(p, FAMILY));
                let dob = self.date(Self::person_field(p, DOB))?;
                (!given.is_empty() && !family.is_empty()).then_some((given, family, dob))
            })
            .collect();
        (normalise_crime_ref(&self.value(CRIME_REF)), people)
    }

    /// Look for the crime reference and the people already on file, unless
    /// nothing they depend on changed since the last look.
    pub(super) fn check_duplicates(&mut self, ctx: &mut Ctx<'_>) {
        let key = self.duplicate_key();
        if self.checked.as_ref() == Some(&key) {
            return;
        }
        let (crime_ref, people) = &key;
        let mut error = None;
        self.crime_matches = ctx.store.cases_with_crime_ref(crime_ref, MATCHES_SHOWN).unwrap_or_else(|e| {
            error = Some(e.to_string());
            CrimeRefMatches::default()
        });
        self.person_matches = people
            .iter()
            .map(|p| match p {
                Some((given, family, dob)) => {
                    ctx.store.people_matching(given, family, *dob, MATCHES_SHOWN + 1).unwrap_or_else(|e| {
                        error = Some(e.to_string());
                        Vec::new()
                    })
                }
                None => Vec::new(),
            })
            .collect();
        self.lookup_error = error;
        self.checked = Some(key);
    }

    /// One sentence per possible duplicate, naming the cases.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.crime_matches.total > 0 {
            out.push(format!(
                "Crime reference {} is already on {}",
                normalise_crime_ref(&self.value(CRIME_REF)),
                name_cases(
                    self.crime_matches.cases.iter().map(|c| format!("{} ({})", c.reference, words(c.status.as_str()))),
                    self.crime_matches.total as usize
                )
            ));
        }
        for (person, matches) in self.person_matches.iter().enumerate() {
            if matches.is_empty() || person >= self.people() {
                continue;
            }
            let name = format!(
                "{} {}",
                self.value(Self::person_field(person, GIVEN)),
                self.value(Self::person_field(person, FAMILY))
            );
            let born = self.value(Self::person_field(person, DOB));
            let shown = matches.iter().take(MATCHES_SHOWN).map(|m| {
                let role = m.role.label().to_lowercase();
                format!("{} ({role}, {})", m.reference, words(m.status.as_str()))
            });
            out.push(format!(
                "Person {} {name} (born {born}) is already on {}",
                person + 1,
                name_cases(shown, matches.len())
            ));
        }
        out
    }

    /// The short note beside a field that has a possible duplicate.
    pub(super) fn field_warning(&self, index: usize) -> Option<String> {
        if index == CRIME_REF && self.crime_matches.total > 0 {
            let first = self.crime_matches.cases.first().map_or(String::new(), |c| c.reference.clone());
            let more = self.crime_matches.total - 1;
            return Some(if more > 0 { format!("on file: {first} +{more}") } else { format!("on file: {first}") });
        }
        match Self::person_of(index) {
            Some((p, DOB)) => {
                let matches = self.person_matches.get(p)?;
                let first = matches.first()?;
                let more = matches.len() - 1;
                Some(if more > 0 {
                    format!("on file: {} +{more}", first.reference)
                } else {
                    format!("on file: {}", first.reference)
                })
            }
            _ => None,
        }
    }
}

/// "RJ-2026-0003 (received), OOCD-2026-0001 (active) and 2 more".
fn name_cases(shown: impl Iterator<Item = String>, total: usize) -> String {
    let shown: Vec<String> = shown.take(MATCHES_SHOWN).collect();
    let more = total.saturating_sub(shown.len());
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}
