//! A restorative justice or mediation referral as it arrives: the offence or
//! dispute, who referred it, the people, and the Victims' Code timer
//! (DOMAIN.md §9). Its walk through the statuses is in `walk`.

use chrono::{Datelike, Duration};
use rand::seq::IndexedRandom;

use super::checklist::RjCtx;
use super::gen::{Gen, Parties};
use super::names::{full_name, officer_handle, OFFICERS};
use super::offences::{DISPUTES, RJ_OFFENCES};
use super::plan::{Clock, Planned, RStage};
use super::sink::Desk;
use crate::domain::checklist::Answers;
use crate::domain::types::{CjsStage, DataSubjectCategory, PartyRole, Service, Source};
use crate::store::model::{CaseFlags, NewCase};
use crate::store::StoreResult;

impl<W: Desk> Gen<'_, W> {
    pub(super) fn rj_case(&mut self, p: &Planned, service: Service, stage: RStage) -> StoreResult<()> {
        let received = p.received;
        let mediation = service == Service::Mediation;
        let mut case;
        let youth;
        let (hate, da);
        let offence_date;
        if mediation {
            let (desc, harm) = self.pick(DISPUTES);
            let source = self.pick(&[
                Source::Housing,
                Source::Housing,
                Source::LocalAuthority,
                Source::Police,
                Source::VictimSelf,
            ]);
            case = NewCase::new(service, source, received);
            let (referrer, contact) = match source {
                Source::Housing => (
                    self.pick(&[
                        "Dana Royle, housing officer (Kelvington Homes)",
                        "Femi Adeyemi, tenancy officer (Riverside HA)",
                    ]),
                    "housing.asb@example.org",
                ),
                Source::LocalAuthority => ("Gail Prentice, ASB officer (Kelvington Council)", "asb.team@example.org"),
                Source::Police => ("PCSO 6032 Ravi Chaudhry", "neighbourhood.northgate@example.org"),
                _ => ("Self-referral (web form)", "mediation@example.org"),
            };
            case.referrer_name = Some(referrer.to_string());
            case.referrer_contact = Some(contact.to_string());
            offence_date = received - Duration::days(self.between(14, 200));
            if source != Source::VictimSelf {
                case.crime_ref = Some(format!("ASB/{:02}/{:04}", received.year() % 100, self.between(1, 9999)));
            }
            case.offence_desc = Some(desc.to_string());
            case.offence_date = Some(offence_date);
            case.cjs_stage = CjsStage::NoCjsAsb;
            case.harm_summary = Some(harm.to_string());
            youth = false;
            hate = false;
            da = false;
        } else {
            let o = RJ_OFFENCES.choose(&mut self.rng).expect("offences");
            let source = self.pick(o.sources);
            case = NewCase::new(service, source, received);
            let post_sentence = matches!(
                o.stage,
                CjsStage::PostSentenceCommunity | CjsStage::PostSentenceCustody | CjsStage::PostChargePreSentence
            );
            offence_date =
                received - Duration::days(if post_sentence { self.between(90, 420) } else { self.between(2, 30) });
            let (referrer, contact) = match source {
                Source::Police | Source::OocdCondition => {
                    let o = self.pick(OFFICERS);
                    (o.to_string(), format!("{}@example.org", officer_handle(o)))
                }
                Source::Yot => (
                    "Priya Nair, case manager (Kelvington Youth Justice Service)".into(),
                    "yjs.referrals@example.org".into(),
                ),
                Source::Probation => {
                    ("Gareth Mwangi, probation practitioner".into(), "probation.kelvington@example.org".into())
                }
                Source::Prison => {
                    ("Victim liaison, HMP Kelvington Moor".into(), "vlo.kelvingtonmoor@example.org".into())
                }
                Source::VictimServices => ("Harbourside Victim Care Hub".into(), "victimcare@example.org".into()),
                Source::CourtPresentence => {
                    ("Kelvington Magistrates' Court (deferred sentence)".into(), "listing.office@example.org".into())
                }
                _ => ("Self-referral (phone)".into(), "rj.service@example.org".into()),
            };
            case.referrer_name = Some(referrer);
            case.referrer_contact = Some(contact);
            if source != Source::VictimSelf || self.chance(0.5) {
                case.crime_ref = Some(self.crime_ref(offence_date));
            }
            case.offence_desc = Some(o.desc.to_string());
            case.offence_date = Some(offence_date);
            case.offence_mode = Some(o.mode);
            case.cjs_stage = o.stage;
            case.harm_summary = Some(o.harm.to_string());
            youth = o.youth;
            hate = o.hate;
            da = o.familial_da;
        }
        case.flags = CaseFlags { domestic_abuse: da, hate_crime: hate, youth, ..CaseFlags::default() };
        if self.chance(0.2) {
            case.notes = Some(
                self.pick(&[
                    "Harmed party prefers contact after 5pm",
                    "Referrer says both parties have been told about the service",
                    "Possible interpreter needed; to confirm at first contact",
                    "Linked to an earlier referral that closed without contact",
                ])
                .to_string(),
            );
        }
        let has_crime_ref = case.crime_ref.is_some();
        let source = case.source;
        let cjs = case.cjs_stage;
        let key = self.w.create_case(&case)?;
        self.report.cases += 1;
        let id = key.id;

        // People.
        let mut parties = Parties::default();
        let harmed = self.new_person(None, Some((received, 19, 84)));
        let harmed_cat = if mediation { DataSubjectCategory::Other } else { DataSubjectCategory::Victim };
        parties.harmed_name = full_name(&harmed);
        parties.harmed = Some(self.party(id, &harmed, PartyRole::Harmed, harmed_cat)?);
        let resp_age = if youth { self.between(14, 17) as u32 } else { self.between(18, 70) as u32 };
        let resp = self.new_person(None, Some((offence_date, resp_age, resp_age)));
        let resp_cat = match (mediation, cjs) {
            (true, _) => DataSubjectCategory::Other,
            (_, CjsStage::PostSentenceCommunity | CjsStage::PostSentenceCustody) => DataSubjectCategory::Convicted,
            _ => DataSubjectCategory::Suspect,
        };
        parties.offender_name = full_name(&resp);
        parties.offender = Some(self.party(id, &resp, PartyRole::Offender, resp_cat)?);
        if youth {
            let parent = self.new_person(Some(&resp.family_name), Some((received, 34, 55)));
            parties.parent = Some(self.party(id, &parent, PartyRole::ParentGuardian, DataSubjectCategory::Other)?);
        }

        self.email_in(
            id,
            received,
            if mediation { "Mediation referral received" } else { "RJ referral form received" },
            "Acknowledged to the referrer",
        )?;

        // Victims' Code para 3.6: RJ information within 5 working days (1 for
        // enhanced rights) of the crime report, when the service is asked to give it.
        let recent = received - offence_date <= Duration::days(45);
        if !mediation
            && !p.archived
            && has_crime_ref
            && recent
            && matches!(source, Source::Police | Source::VictimServices)
        {
            let wd = if hate || da {
                self.rules.days_or("VC_RJ_INFO_ENH_WD", 1)
            } else {
                self.rules.days_or("VC_RJ_INFO_WD", 5)
            };
            let due = self.add_wd(offence_date, wd);
            let given = if due < self.sub_wd(self.today, 2) && self.chance(0.9) {
                Some(self.sub_rwd(due, 0, 2).max(offence_date))
            } else {
                None
            };
            self.w.set_victim_info_timer(id, due, given)?;
        }

        let mut clk = Clock { at: received, end: p.end };
        let coordinator = self.coordinator().1;
        let mut rc =
            RjCtx { id, mediation, youth, hate, da, has_crime_ref, coordinator, parties, answers: Answers::new() };
        self.rj_walk(p, &mut rc, &mut clk, stage)
    }

    pub(super) fn coordinator(&mut self) -> (i64, &'static str) {
        self.pick(&self.coordinators.clone())
    }
}
