//! Saving the referral: the case, its disposal and its people, in one
//! transaction.

use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{Service, Source};
use crate::store::model::{CaseFlags, NewCase, NewDisposal, NewPerson, PartyLink};
use crate::store::views::intake::normalise_crime_ref;
use crate::tui::screens::{Ctx, Effect, Screen};

use super::{
    IntakeScreen, Saved, ADDRESS, CRIME_REF, DISPOSAL, DOB, EMAIL, FAMILY, FLAG_DA, FLAG_HATE, FLAG_IP, FLAG_SEXUAL,
    FLAG_YOUTH, GIVEN, HARM, NOTES, OFFENCE, OFFENCE_DATE, OFFENCE_MODE, PHONE, RECEIVED, REFERRER, REFERRER_CONTACT,
    REPORTED, SERVICE, SOURCE,
};

impl IntakeScreen {
    // ---------- saving ----------

    fn new_case(&self) -> NewCase {
        let service = Service::parse(&self.value(SERVICE)).unwrap_or(Service::RestorativeJustice);
        let source = Source::parse(&self.value(SOURCE)).unwrap_or(Source::Other);
        let received = self.date(RECEIVED).unwrap_or(self.today);
        let mut case = NewCase::new(service, source, received);
        case.reported_on = self.date(REPORTED);
        case.referrer_name = self.text(REFERRER);
        case.referrer_contact = self.text(REFERRER_CONTACT);
        case.crime_ref = self.text(CRIME_REF).map(|c| normalise_crime_ref(&c));
        case.offence_desc = self.text(OFFENCE);
        case.offence_date = self.date(OFFENCE_DATE);
        case.offence_mode = OffenceMode::parse(&self.value(OFFENCE_MODE));
        let yes = |i: usize| self.value(i) == "yes";
        case.flags = CaseFlags {
            domestic_abuse: yes(FLAG_DA),
            intimate_partner: yes(FLAG_IP),
            hate_crime: yes(FLAG_HATE),
            sexual: yes(FLAG_SEXUAL),
            knife: false,
            youth: yes(FLAG_YOUTH),
        };
        case.harm_summary = self.text(HARM);
        case.notes = self.text(NOTES);
        case
    }

    /// The people rows with something typed in them, with their links.
    fn new_people(&self) -> Vec<(NewPerson, PartyLink)> {
        (0..self.people())
            .filter(|p| self.person_has_detail(*p))
            .map(|p| {
                let f = |o: usize| Self::person_field(p, o);
                let mut person = NewPerson::named(&self.value(f(GIVEN)), &self.value(f(FAMILY)));
                person.dob = self.date(f(DOB));
                person.phone = self.text(f(PHONE));
                person.email = self.text(f(EMAIL));
                person.address = self.text(f(ADDRESS));
                person.enhanced_rights = self.enhanced(p);
                let role = self.role(p);
                (person, PartyLink { role, category: role.default_category() })
            })
            .collect()
    }

    pub(super) fn save(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        if !self.has_unsaved() {
            return Effect::Error("Nothing typed yet: fill in the referral, then press Ctrl-S to save it.".into());
        }
        let problems = self.problems();
        if !problems.is_empty() {
            // The cursor goes to the first field to put right.
            if let Some(first) = (0..self.form.fields.len()).find(|i| self.problem(*i).is_some()) {
                self.form.focus = first;
            }
            let count = if problems.len() == 1 { "1 field".to_string() } else { format!("{} fields", problems.len()) };
            return Effect::Error(format!("Not saved: fix {count} marked ✗ — {}", problems.join("; ")));
        }
        self.checked = None;
        self.check_duplicates(ctx);
        let warnings = self.warnings();
        let case = self.new_case();
        let people = self.new_people();
        let disposal = case.service.eq(&Service::Oocd).then(|| DisposalType::parse(&self.value(DISPOSAL))).flatten();
        let (calendar, rules) = (ctx.calendar, ctx.rules);
        let result = ctx.store.write(|tx| {
            let key = tx.create_case(&case)?;
            for (person, link) in &people {
                tx.add_party(key.id, person, *link)?;
            }
            tx.start_victim_info_clock(key.id, calendar, rules)?;
            if let Some(disposal) = disposal {
                tx.set_disposal(key.id, &NewDisposal::new(disposal))?;
            }
            Ok(key)
        });
        match result {
            Ok(key) => {
                let n = people.len();
                let who = match n {
                    0 => "no people yet".to_string(),
                    1 => "1 person".to_string(),
                    n => format!("{n} people"),
                };
                let saved = Saved { key, service: case.service, warnings };
                let mut message = format!("Saved {} with {who}. {}.", saved.key.reference, saved.next_step().1);
                if !saved.warnings.is_empty() {
                    message.push_str(&format!(" Possible duplicate: {}.", saved.warnings.join("; ")));
                }
                self.reset();
                self.saved = Some(saved);
                Effect::Status(message)
            }
            Err(e) => Effect::Error(format!("Not saved: {e}")),
        }
    }

    /// The just-saved case, while the fresh form is untouched.
    pub(super) fn fresh_save(&self) -> Option<&Saved> {
        self.saved.as_ref().filter(|_| !self.has_unsaved())
    }
}
