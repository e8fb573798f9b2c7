//! The referral's checklist (sense-check, suitability, risk) and the
//! suitability decision, answered through the store so its rules apply
//! (DOMAIN.md §12.4).

use chrono::NaiveDate;

use super::gen::{Gen, Parties};
use super::names::MANAGER;
use super::remedies::note_for;
use super::sink::Desk;
use crate::domain::checklist::{self, Answer, AnswerEntry, Answers, ChecklistSection, Decision, RiskSeverity};
use crate::domain::status::RjStatus;
use crate::store::model::{ChecklistEntry, NewDecision};
use crate::store::StoreResult;

/// A referral being walked through its statuses.
pub(super) struct RjCtx {
    pub(super) id: i64,
    pub(super) mediation: bool,
    pub(super) youth: bool,
    pub(super) hate: bool,
    pub(super) da: bool,
    pub(super) has_crime_ref: bool,
    /// The coordinator the referral was transferred to: the lead facilitator.
    pub(super) coordinator: &'static str,
    pub(super) parties: Parties,
    pub(super) answers: Answers,
}

impl<W: Desk> Gen<'_, W> {
    pub(super) fn answer(
        &mut self,
        rc: &mut RjCtx,
        code: &'static str,
        answer: Answer,
        sev: Option<RiskSeverity>,
        on: NaiveDate,
    ) -> StoreResult<()> {
        let note = note_for(code, answer);
        let mut entry = AnswerEntry::new(answer).with_note(note);
        entry.severity = sev;
        let _ = rc.answers.set(code, entry);
        self.w.answer_checklist(
            rc.id,
            &ChecklistEntry { item_code: code.to_string(), answer, severity: sev, note: note.to_string() },
            on,
        )
    }

    /// Answer the sense-check items: all yes / n/a, or (incomplete) some left open.
    pub(super) fn sense_check(&mut self, rc: &mut RjCtx, on: NaiveDate, complete: bool) -> StoreResult<()> {
        let items: Vec<&'static str> = checklist::items_in(ChecklistSection::SenseCheck).map(|i| i.code).collect();
        for (n, code) in items.into_iter().enumerate() {
            if !complete && n >= 4 {
                let a = if code == "SC_AGE" { Answer::Unknown } else { continue };
                self.answer(rc, code, a, None, on)?;
                continue;
            }
            let a = if code == "SC_REF" && !rc.has_crime_ref { Answer::NotApplicable } else { Answer::Yes };
            self.answer(rc, code, a, None, on)?;
        }
        Ok(())
    }

    /// Answer suitability and risk. `variant`: 0 suitable, 1 refer to manager
    /// (high risk), 2 not suitable.
    pub(super) fn assess(&mut self, rc: &mut RjCtx, on: NaiveDate, variant: u8) -> StoreResult<()> {
        let su: Vec<&'static str> = checklist::items_in(ChecklistSection::Suitability).map(|i| i.code).collect();
        let refuse =
            if variant == 2 { Some(self.pick(&["SU_ACCEPTS", "SU_WILLING_HARMED", "SU_WILLING_RESP"])) } else { None };
        for code in su {
            let a = if Some(code) == refuse { Answer::No } else { Answer::Yes };
            self.answer(rc, code, a, None, on)?;
        }
        let rk: Vec<&'static str> = checklist::items_in(ChecklistSection::Risk).map(|i| i.code).collect();
        for code in rk {
            let (a, sev) = match code {
                "RK_DA" if rc.da => (Answer::Yes, Some(RiskSeverity::Medium)),
                "RK_HATE" if rc.hate => (Answer::Yes, Some(RiskSeverity::Medium)),
                "RK_SAFEGUARD_CHILD" if rc.youth => (Answer::Yes, Some(RiskSeverity::Low)),
                "RK_VIOLENCE" | "RK_REVICT" if variant == 1 => (Answer::Yes, Some(RiskSeverity::Medium)),
                "RK_POWER" if variant == 1 => (Answer::Yes, Some(RiskSeverity::Medium)),
                "RK_REVICT" if rc.mediation => (Answer::Yes, Some(RiskSeverity::Low)),
                "RK_MH" if self.chance(0.15) => {
                    (Answer::Yes, Some(self.pick(&[RiskSeverity::Low, RiskSeverity::Medium])))
                }
                "RK_SUBSTANCE" if self.chance(0.15) => (Answer::Yes, Some(RiskSeverity::Low)),
                "RK_LD" if self.chance(0.05) => (Answer::Yes, Some(RiskSeverity::Low)),
                "RK_EMOTIONAL" if self.chance(0.15) => (Answer::Yes, Some(RiskSeverity::Low)),
                "RK_VENUE" if self.chance(0.08) => (Answer::Yes, Some(RiskSeverity::Low)),
                _ => (Answer::No, None),
            };
            self.answer(rc, code, a, sev, on)?;
        }
        Ok(())
    }

    pub(super) fn decide(&mut self, rc: &mut RjCtx, on: NaiveDate, decision: Decision) -> StoreResult<()> {
        let flags = checklist::CaseFlags { domestic_abuse: rc.da, sexual: false, hate_crime: rc.hate };
        let c = checklist::constraints(&rc.answers, &flags);
        let signoff = decision == Decision::Suitable && !c.manager_review.is_empty();
        let rationale = match decision {
            Decision::Suitable if signoff => {
                "Suitable with safeguards; specialist route agreed with the service manager"
            }
            Decision::Suitable => "Both parties willing, harm acknowledged, safe method available",
            Decision::NotSuitable => "Not suitable: threshold not met (see suitability answers)",
            Decision::ReferToManager => "Risk rated high: referred to the service manager before any contact",
        };
        self.w.record_decision(
            rc.id,
            &NewDecision {
                decided_on: on,
                decision,
                risk_level: c.risk,
                rationale: rationale.to_string(),
                manager_signoff_by: signoff.then(|| MANAGER.to_string()),
                manager_signoff_on: signoff.then_some(on),
            },
        )?;
        Ok(())
    }

    pub(super) fn status(&mut self, rc: &RjCtx, to: RjStatus, on: NaiveDate) -> StoreResult<()> {
        self.w.change_status(rc.id, to.as_str(), on)
    }
}
