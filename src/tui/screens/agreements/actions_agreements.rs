//! What the keys and replies do in the Agreements view: recording the
//! outcome agreement, adding its items, and telling the harmed party.

use crate::domain::dates::{day, is_future};
use crate::domain::status::RjStatus;
use crate::domain::types::AgreementItemKind;
use crate::domain::types::AgreementStatus;
use crate::store::model::{NewAgreement, NewAgreementItem};
use crate::tui::action::Action;
use crate::tui::screens::common::{self, DeadlineKey};
use crate::tui::screens::{Ctx, Effect, FieldId, Reply, ScreenId};

use super::paging::held_entry;
use super::prompts::{
    again, agreement_prompt, inform_prompt, item_prompt, optional, pounds_to_pence, store_problem,
    wrong_view_arrangements,
};
use super::words::{agreement_status_word, item_status_word, long_date};
use super::{AgreementsScreen, Want};

impl AgreementsScreen {
    pub(super) fn agreements_action(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some((entry, item)) = self.selected_agreement().map(|(e, i)| (e.clone(), i.cloned())) else {
            return match action {
                Action::NewAgreement
                | Action::NewItem
                | Action::Complete
                | Action::InformHarmed
                | Action::OpenCase
                | Action::Open => Effect::Error(
                    "No agreements yet: record what happened at a process in Arrangements (t) first.".into(),
                ),
                Action::NewProcess => wrong_view_arrangements(),
                _ => Effect::None,
            };
        };
        match action {
            Action::NewAgreement => match entry.agreement_id {
                None => Effect::Ask(agreement_prompt(&entry, ctx)),
                Some(_) => Effect::Error(format!(
                    "{} already has its outcome agreement: i adds an item to it.",
                    entry.case_ref
                )),
            },
            Action::NewItem => match entry.agreement_id {
                None => Effect::Error(format!("Record the outcome agreement for {} first (a).", entry.case_ref)),
                Some(_) if entry.status != Some(AgreementStatus::Active) || entry.harmed_informed_on.is_some() => {
                    Effect::Error(format!(
                        "The agreement for {} is closed ({}): no more items.",
                        entry.case_ref,
                        agreement_status_word(entry.status)
                    ))
                }
                Some(id) => Effect::Ask(item_prompt(id, &entry)),
            },
            Action::Complete => match item {
                Some(item) if item.is_open() => {
                    let what = format!("{} item {} — {}", entry.case_ref, item.seq, item.description);
                    Effect::Ask(common::complete_prompt(vec![DeadlineKey::Item(item.id)], ctx.today, &what))
                }
                Some(item) => {
                    Effect::Error(format!("Item {} is {} already.", item.seq, item_status_word(&item, ctx.today)))
                }
                None => Effect::Error("Select an item (↓) to mark it complete.".into()),
            },
            Action::InformHarmed => match entry.agreement_id {
                None => Effect::Error(format!("Record the outcome agreement for {} first (a).", entry.case_ref)),
                Some(_) if entry.harmed_informed_on.is_some() => Effect::Error(format!(
                    "The harmed party was told the result on {} (u undoes that).",
                    entry.harmed_informed_on.map(long_date).unwrap_or_default()
                )),
                Some(id) => Effect::Ask(inform_prompt(id, &entry, ctx.today)),
            },
            Action::OpenCase | Action::Open => {
                Effect::Focus { screen: ScreenId::Case, case_id: entry.case_id, entity_id: None }
            }
            Action::NewProcess => wrong_view_arrangements(),
            _ => Effect::None,
        }
    }

    pub(super) fn record_agreement(&mut self, process_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Ok(Some(entry)) = held_entry(ctx, process_id) else {
            return Effect::Error("That process is no longer waiting for an agreement.".into());
        };
        let base = agreement_prompt(&entry, ctx);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(agreed_on) = reply.date(FieldId::AgreedOn) else { return reprompt("give the date it was agreed") };
        if is_future(agreed_on, ctx.today) {
            return reprompt("the agreement date cannot be in the future");
        }
        if let Some(held) = entry.held_on.filter(|h| agreed_on < *h) {
            return reprompt(&format!("the process was held on {}: the agreement cannot be earlier", day(held)));
        }
        let review_on = match reply.value(FieldId::ReviewOn) {
            "" => None,
            _ => match reply.date(FieldId::ReviewOn) {
                Some(d) if d < agreed_on => return reprompt("the review date is before the agreement"),
                Some(d) => Some(d),
                None => return reprompt("the review date is not a date"),
            },
        };
        let agreement = NewAgreement {
            process_id,
            agreed_on,
            signed_by_harmed: reply.value(FieldId::SignedByHarmed) == "yes",
            signed_by_responsible: reply.value(FieldId::SignedByResponsible) == "yes",
            copies_given: reply.value(FieldId::CopiesGiven) == "yes",
            review_on,
        };
        let case_id = entry.case_id;
        let result = ctx.store.write(|tx| {
            let id = tx.add_agreement(&agreement)?;
            let (_, status, _) = tx.case_status(case_id)?;
            let moved = status == RjStatus::ProcessHeld.as_str();
            if moved {
                tx.change_status(case_id, RjStatus::AgreementMonitoring.as_str(), agreed_on)?;
            }
            Ok((id, moved))
        });
        match result {
            Ok((id, moved)) => {
                self.want = Some(Want::Agreement(id));
                let mut text =
                    format!("Saved: agreement for {} of {}", entry.case_ref, crate::domain::dates::day(agreed_on));
                if moved {
                    text.push_str("; case now Agreement monitoring");
                }
                text.push_str(". i adds its items.");
                Effect::Status(text)
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    pub(super) fn add_item(&mut self, agreement_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Ok(Some(entry)) = ctx.store.agreement_entry(agreement_id) else {
            return Effect::Error("That agreement is no longer there.".into());
        };
        let base = item_prompt(agreement_id, &entry);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(due_on) = reply.date(FieldId::DueOn) else { return reprompt("give the due date") };
        if let Some(agreed) = entry.agreed_on.filter(|a| due_on < *a) {
            return reprompt(&format!("the agreement is of {}: an item cannot be due before it", day(agreed)));
        }
        let amount_pence = match reply.value(FieldId::Amount) {
            "" => None,
            text => match pounds_to_pence(text) {
                Some(p) => Some(p),
                None => return reprompt("the amount is pounds and pence, e.g. 25.00"),
            },
        };
        let item = NewAgreementItem {
            description: reply.value(FieldId::Description).to_string(),
            kind: AgreementItemKind::parse(reply.value(FieldId::Kind)).unwrap_or(AgreementItemKind::Other),
            owner: reply.value(FieldId::Owner).to_string(),
            responsible_person_id: None,
            amount_pence,
            due_on,
            monitoring_method: optional(reply.value(FieldId::MonitoringMethod)),
        };
        match ctx.store.write(|tx| tx.add_agreement_item(agreement_id, &item)) {
            Ok(id) => {
                self.want = Some(Want::Item(id));
                Effect::Status(format!(
                    "Saved: item {} for {}, owner {}, due {}.",
                    entry.items.len() + 1,
                    entry.case_ref,
                    item.owner,
                    long_date(due_on)
                ))
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }

    pub(super) fn inform_harmed(&mut self, agreement_id: i64, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Ok(Some(entry)) = ctx.store.agreement_entry(agreement_id) else {
            return Effect::Error("That agreement is no longer there.".into());
        };
        let base = inform_prompt(agreement_id, &entry, ctx.today);
        let reprompt = |problem: &str| again(reply, base.clone(), problem);
        let Some(on) = reply.date(FieldId::ToldOn) else { return reprompt("give the date they were told") };
        if is_future(on, ctx.today) {
            return reprompt("the date cannot be in the future");
        }
        if let Some(agreed) = entry.agreed_on.filter(|a| on < *a) {
            return reprompt(&format!("the agreement is of {}: they cannot have been told earlier", day(agreed)));
        }
        let overall = reply.value(FieldId::OverallResult).to_string();
        let open = entry.open_items();
        if overall == "completed" && open > 0 {
            return reprompt(&format!(
                "{open} item{} still open: complete {} first, or choose partly / not completed",
                if open == 1 { " is" } else { "s are" },
                if open == 1 { "it" } else { "them" }
            ));
        }
        match ctx.store.write(|tx| tx.mark_harmed_informed(agreement_id, on, &overall)) {
            Ok(()) => {
                self.want = Some(Want::Agreement(agreement_id));
                Effect::Status(format!(
                    "Saved: harmed party for {} told on {on}: {}.",
                    entry.case_ref,
                    agreement_status_word(AgreementStatus::parse(&overall)),
                    on = crate::domain::dates::day(on)
                ))
            }
            Err(e) => reprompt(&store_problem(&e)),
        }
    }
}
