//! One case's checklist: opening it, moving through its items, and saving
//! each answer, severity and note the moment it is given.

use ratatui::widgets::ListState;

use crate::domain::checklist::{self, Answer, AnswerEntry, ChecklistSection, RiskSeverity, ITEMS};
use crate::domain::status::RjStatus;
use crate::store::model::ChecklistEntry;
use crate::tui::action::Action;
use crate::tui::screens::common::result_effect;
use crate::tui::screens::{Ctx, Effect, ScreenId};

use super::{ChecklistScreen, OpenCase};

impl ChecklistScreen {
    // ---------- one case ----------

    pub(super) fn load_case(&mut self, case_id: i64, ctx: &mut Ctx<'_>) -> anyhow::Result<bool> {
        let Some(case) = ctx.store.checklist_case(case_id)? else {
            return Ok(false);
        };
        let answers = ctx.store.checklist_answers(case_id)?;
        let earlier = ctx.store.earlier_assessments(case_id)?;
        let prefilled = checklist::prefill(&ctx.store.checklist_intake_facts(&case)?, &answers);
        let decision = ctx.store.latest_decision(case_id)?;
        let constraints = checklist::constraints(&answers, &case.rule_flags());
        let (since, limit) = match case.status.rj() {
            Some(RjStatus::Received | RjStatus::SenseCheck) => {
                (case.received_on, ctx.rules.days_or("SENSE_CHECK_WD", 2))
            }
            Some(RjStatus::AwaitingInfo) => (case.status_changed_on, ctx.rules.days_or("AWAITING_INFO_STALE_WD", 5)),
            Some(RjStatus::RiskAssessment) => (case.status_changed_on, ctx.rules.days_or("RISK_ASSESSMENT_WD", 10)),
            _ => (case.status_changed_on, u32::MAX),
        };
        let age = ctx.calendar.working_days_between(since, ctx.today);
        let late = age > i64::from(limit);
        let (cursor, state, viewing) = match self.open.take() {
            Some(old) if old.case.case_id == case_id => {
                (old.cursor, old.state, old.viewing.filter(|i| *i < earlier.len()))
            }
            _ => {
                // Showing a case's risk assessment is a consultation (DPA 2018 s.62).
                ctx.store.write(|tx| tx.log_consult(case_id, "opened on the Checklist screen"))?;
                // Start at the first item with no answer yet.
                let first_open = ITEMS.iter().position(|i| answers.get(i.code).is_none()).unwrap_or(0);
                (first_open, ListState::default(), None)
            }
        };
        self.open = Some(OpenCase {
            case,
            answers,
            prefilled,
            constraints,
            decision,
            earlier,
            viewing,
            age,
            late,
            cursor,
            state,
        });
        Ok(true)
    }

    pub(super) fn handle_case(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_mut() else { return Effect::None };
        let page = self.page.max(1) as isize;
        let last = ITEMS.len() as isize - 1;
        let step = |open: &mut OpenCase, delta: isize| {
            open.cursor = (open.cursor as isize + delta).clamp(0, last) as usize;
        };
        match action {
            Action::Up => step(open, -1),
            Action::Down => step(open, 1),
            Action::PageUp => step(open, -page),
            Action::PageDown => step(open, page),
            Action::Top => open.cursor = 0,
            Action::Bottom => open.cursor = ITEMS.len() - 1,
            Action::Back => {
                self.open = None;
                return match self.reload_queue(ctx) {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Error(format!("Could not read the list: {e:#}")),
                };
            }
            Action::OpenCase => {
                return Effect::Focus { screen: ScreenId::Case, case_id: open.case.case_id, entity_id: None };
            }
            a if open.is_oocd() && (changes_answers(a) || matches!(a, Action::Decide | Action::SignOff)) => {
                return Effect::Error(format!(
                    "{} is an OOCD case: OOCD cases have no RJ suitability checklist. Press o for the Case screen.",
                    open.case.reference
                ));
            }
            Action::ToggleView => {
                open.viewing = match open.viewing {
                    None if !open.earlier.is_empty() => Some(open.earlier.len() - 1),
                    Some(0) | None => None,
                    Some(i) => Some(i - 1),
                };
            }
            a if open.viewing.is_some() && changes_answers(a) => {
                return Effect::Error(
                    "This is an earlier assessment, kept as it stood: press t until the current one shows to change it."
                        .into(),
                );
            }
            Action::NewAssessment => return self.new_assessment_prompt(),
            Action::Answer => return self.cycle_answer(ctx),
            Action::AnswerYes => return self.answer_and_move(Answer::Yes, ctx),
            Action::AnswerNo => return self.answer_and_move(Answer::No, ctx),
            Action::AnswerUnknown => return self.answer_and_move(Answer::Unknown, ctx),
            Action::AnswerNotApplicable => return self.answer_and_move(Answer::NotApplicable, ctx),
            Action::Severity => return self.cycle_severity(ctx),
            Action::Note => return self.note_prompt(),
            Action::Decide => return self.decision_prompt(false),
            Action::SignOff => return self.decision_prompt(true),
            Action::AdvanceStatus => return self.advance(ctx),
            _ => {}
        }
        Effect::None
    }

    /// Save one item's entry and say what changed, the risk level included.
    pub(super) fn save_entry(&mut self, entry: ChecklistEntry, said: String, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let case_id = open.case.case_id;
        let before = open.constraints.risk;
        let mut after_answers = open.answers.clone();
        let _ = after_answers.set(
            &entry.item_code,
            AnswerEntry { answer: entry.answer, severity: entry.severity, note: entry.note.clone() },
        );
        let after = checklist::overall_risk(&after_answers);
        let today = ctx.today;
        let risk = if after == before {
            String::new()
        } else {
            format!(" — overall risk {} → {}", before.as_str(), after.as_str())
        };
        result_effect(ctx.store.write(|tx| tx.answer_checklist(case_id, &entry, today)), format!("{said}{risk}"))
    }

    fn cycle_answer(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        // A first press says yes; after that the answer cycles
        // (yes → no → unknown → n/a, without n/a on risk areas).
        let answer = open.answers.get(item.code).map_or(Answer::Yes, |e| e.answer.next_for(item.section));
        self.save_answer(answer, ctx)
    }

    /// Answer the selected item and, once saved, move to the next, as a
    /// conversation goes: y, n, u, a down the list.
    fn answer_and_move(&mut self, answer: Answer, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        if answer == Answer::NotApplicable && open.item().section == ChecklistSection::Risk {
            return Effect::Error(
                "A risk area is present, absent or not known: answer y, n or u (n/a is for the other items).".into(),
            );
        }
        let effect = self.save_answer(answer, ctx);
        if let (Effect::Status(_), Some(open)) = (&effect, self.open.as_mut()) {
            open.cursor = (open.cursor + 1).min(ITEMS.len() - 1);
        }
        effect
    }

    /// Save `answer` on the selected item, keeping its severity and note,
    /// and say it as a sentence.
    fn save_answer(&mut self, answer: Answer, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        let current = open.answers.get(item.code).cloned();
        let entry = ChecklistEntry {
            item_code: item.code.to_string(),
            answer,
            severity: current.as_ref().and_then(|e| e.severity),
            note: current.map(|e| e.note).unwrap_or_default(),
        };
        let shown = AnswerEntry { answer, severity: entry.severity, note: String::new() };
        let said = format!("Saved {}", crate::domain::checklist::sentence(item, Some(&shown)));
        self.save_entry(entry, said, ctx)
    }

    fn cycle_severity(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let Some(open) = self.open.as_ref() else { return Effect::None };
        let item = open.item();
        if item.section != ChecklistSection::Risk {
            return Effect::Error("Severity is for risk areas: move down to the Risk assessment section.".into());
        }
        let Some(current) = open.answers.get(item.code).filter(|e| e.answer == Answer::Yes).cloned() else {
            return Effect::Error(format!(
                "Severity applies to a risk that is present: answer {} yes first (y).",
                item.label
            ));
        };
        let severity = match current.severity {
            None => RiskSeverity::Low,
            Some(RiskSeverity::Low) => RiskSeverity::Medium,
            Some(RiskSeverity::Medium) => RiskSeverity::High,
            Some(RiskSeverity::High) => RiskSeverity::Low,
        };
        let entry = ChecklistEntry {
            item_code: item.code.to_string(),
            answer: current.answer,
            severity: Some(severity),
            note: current.note,
        };
        let said = format!("Saved {}: severity {}", item.label, severity.as_str());
        self.save_entry(entry, said, ctx)
    }
}

/// The keys that change the answers (or keep them as an earlier assessment).
fn changes_answers(action: Action) -> bool {
    matches!(
        action,
        Action::Answer
            | Action::AnswerYes
            | Action::AnswerNo
            | Action::AnswerUnknown
            | Action::AnswerNotApplicable
            | Action::Severity
            | Action::Note
            | Action::NewAssessment
    )
}
