//! An out-of-court disposal case: the offence, the people, and the
//! disposal recorded for issue (DOMAIN.md §2, §5, §12.3). The conditions,
//! the issue that follows their agreement, completion and breach are in
//! `conditions` and `breach`.

use chrono::{Duration, NaiveDate};
use rand::seq::IndexedRandom;

use super::gen::{Gen, Parties};
use super::names::{full_name, officer_handle, AUTHORISERS, OFFICERS};
use super::offences::{Offence, Victim, OOCD_OFFENCES};
use super::plan::{OStage, Planned};
use super::sink::Desk;
use crate::domain::caps;
use crate::domain::closure::{WithdrawalReason, WithdrawnBy};
use crate::domain::legal::Rank;
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{CjsStage, ContactChannel, DataSubjectCategory, PartyRole, Service, Source};
use crate::store::model::{CaseFlags, NewCase, NewDisposal, PartyLink};
use crate::store::{StoreResult, Withdrawal};

/// An issued disposal, as the conditions that follow it need to know it.
pub(super) struct Issued {
    pub(super) id: i64,
    pub(super) disposal: DisposalType,
    pub(super) offence: &'static Offence,
    pub(super) on: NaiveDate,
    pub(super) completion_due: Option<NaiveDate>,
    pub(super) parties: Parties,
}

impl<W: Desk> Gen<'_, W> {
    pub(super) fn oocd_case(&mut self, p: &Planned, disposal: DisposalType, stage: OStage) -> StoreResult<()> {
        let offence = self.oocd_offence(disposal);
        let received = p.received;
        let offence_date = received - Duration::days(self.between(1, 20));
        let (id, officer) = self.oocd_intake(disposal, offence, received, offence_date)?;
        let issued = p.end;
        let parties = self.oocd_people(id, disposal, offence, offence_date, issued)?;
        let (draft_only, completion_due) = self.record_disposal(id, p, disposal, stage, offence, officer)?;

        if stage == OStage::Draft {
            return self.closing_contacts(id, p, parties.offender, received);
        }
        if stage == OStage::Withdrawn {
            if !draft_only {
                self.w.change_status(id, "issued", issued)?;
            }
            let on = self.add_rwd(issued, 0, 3).min(p.horizon);
            let withdrawal = Withdrawal {
                by: WithdrawnBy::ResponsibleParty,
                reason: WithdrawalReason::ConsentWithdrawn,
                note: "Offender withdrew consent to the out-of-court disposal".into(),
                on,
            };
            self.withdraw(id, &withdrawal)?;
            return self.contact(
                id,
                parties.offender,
                on,
                ContactChannel::Phone,
                false,
                "Offender withdrew consent to the out-of-court disposal",
                Some("OIC informed; file returned for a charging decision"),
                None,
            );
        }
        // Issued in `conditions_and_outcome`, once its conditions are agreed.
        let case = Issued { id, disposal, offence, on: issued, completion_due, parties };
        self.conditions_and_outcome(p, stage, &case)
    }

    /// An offence that fits the disposal: a child's offence for a youth
    /// disposal, no hate crime or familial abuse on a community resolution.
    fn oocd_offence(&mut self, disposal: DisposalType) -> &'static Offence {
        let youth = disposal.is_youth();
        loop {
            let o = OOCD_OFFENCES.choose(&mut self.rng).expect("offences");
            let fits = (!youth || o.youth_ok)
                && !(disposal == DisposalType::CommunityResolution && (o.familial_da || o.hate))
                && (disposal == DisposalType::AdultConditionalCaution || !o.familial_da);
            if fits {
                return o;
            }
        }
    }

    /// The case as the officer in the case sends it in; returns its id and the officer.
    fn oocd_intake(
        &mut self,
        disposal: DisposalType,
        offence: &Offence,
        received: NaiveDate,
        offence_date: NaiveDate,
    ) -> StoreResult<(i64, &'static str)> {
        let youth = disposal.is_youth();
        let officer = self.pick(OFFICERS);
        let crime_ref = self.crime_ref(offence_date);
        let mut case = NewCase::new(Service::Oocd, Source::Police, received);
        case.referrer_name = Some(officer.to_string());
        case.referrer_contact = Some(format!("{}@example.org", officer_handle(officer)));
        case.crime_ref = Some(crime_ref);
        case.offence_desc = Some(offence.desc.to_string());
        case.offence_date = Some(offence_date);
        case.offence_mode = Some(offence.mode);
        case.cjs_stage = CjsStage::PreChargeOocd;
        case.flags =
            CaseFlags { domestic_abuse: offence.familial_da, hate_crime: offence.hate, youth, ..CaseFlags::default() };
        case.harm_summary = Some(offence.harm.to_string());
        let key = self.w.create_case(&case)?;
        self.report.cases += 1;
        Ok((key.id, officer))
    }

    /// The offender (a child of 14–17 for a youth disposal, aged on the day
    /// of issue as the law counts it), the person harmed, and for a child a
    /// parent and appropriate adult.
    fn oocd_people(
        &mut self,
        id: i64,
        disposal: DisposalType,
        offence: &Offence,
        offence_date: NaiveDate,
        issued: NaiveDate,
    ) -> StoreResult<Parties> {
        let youth = disposal.is_youth();
        let age = if youth { self.between(14, 17) as u32 } else { self.between(18, 64) as u32 };
        let offender = self.new_person(None, Some((issued, age, age)));
        let mut parties = Parties { offender_name: full_name(&offender), ..Parties::default() };
        parties.offender = Some(self.party(id, &offender, PartyRole::Offender, DataSubjectCategory::Suspect)?);
        if youth {
            let parent = self.new_person(Some(&offender.family_name), Some((offence_date, 34, 55)));
            let parent_id = self.party(id, &parent, PartyRole::ParentGuardian, DataSubjectCategory::Other)?;
            parties.parent = Some(parent_id);
            if age <= 16 {
                if self.chance(0.7) {
                    self.w.link_party(
                        id,
                        parent_id,
                        PartyLink { role: PartyRole::AppropriateAdult, category: DataSubjectCategory::Other },
                    )?;
                } else {
                    let mut aa = self.new_person(None, None);
                    aa.address = Some("Kelvington Appropriate Adult Scheme, Civic Offices, Kelvington KV1 1AA".into());
                    self.party(id, &aa, PartyRole::AppropriateAdult, DataSubjectCategory::Other)?;
                }
            }
        }
        match offence.victim {
            Victim::Person | Victim::Business => {
                let mut harmed = self.new_person(None, Some((offence_date, 19, 82)));
                if offence.victim == Victim::Business {
                    harmed.dob = None;
                    harmed.address = Some(format!("Store manager, {}", self.address()));
                }
                parties.harmed_name =
                    if offence.victim == Victim::Business { "the store".to_string() } else { full_name(&harmed) };
                parties.harmed = Some(self.party(id, &harmed, PartyRole::Harmed, DataSubjectCategory::Victim)?);
            }
            Victim::None => {}
        }
        if self.chance(0.15) {
            let w = self.new_person(None, None);
            self.party(id, &w, PartyRole::Witness, DataSubjectCategory::Witness)?;
        }
        Ok(parties)
    }

    /// The disposal: admission, consent, signed document, victim's views
    /// (§2.1, §12.3), and the file's arrival. Returns whether it stayed a
    /// draft (never issued) and when completion is due.
    fn record_disposal(
        &mut self,
        id: i64,
        p: &Planned,
        disposal: DisposalType,
        stage: OStage,
        offence: &Offence,
        officer: &'static str,
    ) -> StoreResult<(bool, Option<NaiveDate>)> {
        let youth = disposal.is_youth();
        let received = p.received;
        let issued = p.end;
        let decided = self.day_between(received, issued);
        let mut d = NewDisposal::new(disposal);
        d.gravity_score = Some(match disposal {
            DisposalType::CommunityResolution | DisposalType::YouthCaution => self.between(1, 2) as u8,
            _ => self.between(2, 3) as u8,
        });
        d.gravity_matrix = Some(if youth { "Child Gravity Matrix (NPCC)" } else { "NPCC adult gravity matrix" }.into());
        d.decision_rationale = Some(
            self.pick(&[
                "First offence, full admission, victim supports an out-of-court outcome",
                "Low-level offence; offender remorseful and willing to put things right",
                "Gravity score and circumstances support diversion; no previous disposals in 2 years",
                "Victim's views sought; conditions address the harm and the offending behaviour",
            ])
            .into(),
        );
        d.admission_recorded_on = Some(decided);
        d.oic_name = Some(officer.to_string());
        d.oic_contact = Some(self.phone());
        let authoriser = self.pick(AUTHORISERS);
        d.authorised_by = Some(authoriser.to_string());
        d.authorising_rank = Some(if authoriser.starts_with("Sgt") { Rank::Sergeant } else { Rank::Inspector });
        if offence.victim != Victim::None {
            d.victim_views_sought_on = Some(decided);
            d.victim_views = Some(
                self.pick(&[
                    "Wants an apology and the damage put right",
                    "Happy with an out-of-court outcome; would like compensation",
                    "Does not want to go to court; wants it not to happen again",
                    "Would consider meeting the offender (RJ information given)",
                ])
                .into(),
            );
        } else {
            d.victim_views = Some("No identifiable victim".into());
        }
        // The CPS decides conditional cautions for domestic abuse, hate crime
        // and indictable-only offences (DOMAIN.md §2.1). Only the first kind
        // draws a numbered document, so the other documents keep their numbers.
        let cps_decides = offence.hate || offence.familial_da || offence.mode == OffenceMode::IndictableOnly;
        if offence.hate && disposal == DisposalType::AdultConditionalCaution {
            d.cps_decision_ref = Some(self.doc_ref("CPS/KV", decided));
        } else if cps_decides && disposal.is_conditional_caution() {
            d.cps_decision_ref = Some(format!("CPS/KV/{}/C{id:05}", decided.format("%y")));
        }
        // A caution that takes conditions is issued only with them agreed, so
        // one withdrawn is withdrawn before issue (the draw is kept, so the
        // values after it stay as they were).
        let withdrawn_early = stage == OStage::Withdrawn && (self.chance(0.6) | disposal.needs_conditions_at_issue());
        let draft_only = stage == OStage::Draft || withdrawn_early;
        if !draft_only {
            d.consent_recorded_on = Some(issued);
            d.signed_document_ref = Some(self.doc_ref("SD", issued));
            d.issued_on = Some(issued);
            if let Some((due, rule)) = caps::default_completion_due(self.rules, disposal, issued) {
                d.completion_due = Some(due);
                d.completion_due_rule = Some(rule);
            }
        }
        let completion_due = d.completion_due;
        self.w.set_disposal(id, &d)?;
        self.email_in(
            id,
            received,
            "Case file received from the officer in the case",
            "Logged for the disposal decision",
        )?;
        Ok((draft_only, completion_due))
    }
}
