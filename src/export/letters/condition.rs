//! One condition as a letter tells it: what to do, by when, with whom,
//! how to pay, what is done and still to do, in plain English.

use serde::Serialize;

use super::words::letter_date;
use crate::domain::compliance::{hours_words, number, pounds, Progress};
use crate::domain::types::ConditionStatus;
use crate::store::views::letters::{LetterBreach, LetterCondition};

#[derive(Debug, Clone, Serialize)]
pub struct ConditionFacts {
    #[serde(skip)]
    pub id: i64,
    pub number: i64,
    pub kind: String,
    pub description: String,
    pub due: String,
    pub status: String,
    /// "completed on 3 November 2026", "still open", ...
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// What is still outstanding; absent once the condition is completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    /// "6 of 20 hours done; £40 of £100 paid, £60 to pay": absent until
    /// something is recorded as done or paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// Hours recorded as done ("6"), absent when none are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_done: Option<String>,
    /// Hours still to do ("14"), when the condition requires hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_to_do: Option<String>,
    /// Paid so far ("£40"), absent when nothing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid: Option<String>,
    /// Still to pay ("£60"), when the condition has an amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
    /// The whole amount ("£100"), when the condition has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// The hours it requires ("20 hours"), when it requires hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// How to reach the provider ("01632 960300, courses@example.org").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_contact: Option<String>,
    /// "Pay the £60 still to pay online at …, quoting your reference
    /// OOCD-2026-0001.": while money is owed and the service says how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_pay: Option<String>,
    /// "Attend Kelvington Courses (01632 960300) for 20 hours, …": where
    /// the condition is done with a provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub where_to_attend: Option<String>,
}

/// What a letter about conditions knows beyond the condition itself.
pub struct Telling<'a> {
    /// The service's way to pay ("online at …, quoting your reference").
    pub payment: Option<&'a str>,
    pub reference: &'a str,
}

/// The given condition (it must belong to the case), else the first still
/// to be done by due date, else the first not completed (after a breach).
pub(super) fn choose_condition<'c>(
    conditions: &'c [LetterCondition],
    given: Option<i64>,
    reference: &str,
) -> anyhow::Result<Option<&'c LetterCondition>> {
    if let Some(id) = given {
        return conditions
            .iter()
            .find(|c| c.id == id)
            .map(Some)
            .ok_or_else(|| anyhow::anyhow!("that condition is not one of {reference}'s"));
    }
    let open = |c: &&LetterCondition| c.status.is_open();
    let earliest = |list: Vec<&'c LetterCondition>| list.into_iter().min_by_key(|c| (c.due_on, c.seq));
    let first_open = earliest(conditions.iter().filter(open).collect());
    Ok(first_open
        .or_else(|| earliest(conditions.iter().filter(|c| c.status == ConditionStatus::NotCompleted).collect())))
}

pub(super) fn condition_facts(c: &LetterCondition, breaches: &[LetterBreach], telling: &Telling<'_>) -> ConditionFacts {
    let completed = c.completed_on.filter(|_| c.status == ConditionStatus::Completed);
    let outcome = match (c.status, completed) {
        (ConditionStatus::Completed, Some(on)) => format!("completed on {}", letter_date(on)),
        (s, _) if s.is_open() => format!("due by {}", letter_date(c.due_on)),
        (s, _) => s.label().to_lowercase(),
    };
    ConditionFacts {
        id: c.id,
        number: c.seq,
        kind: c.kind.label().to_string(),
        description: c.description.clone(),
        due: letter_date(c.due_on),
        status: c.status.label().to_string(),
        outcome,
        provider: present(c.provider.as_deref()),
        missing: if completed.is_some() { None } else { Some(what_is_missing(c, breaches)) },
        progress: progress_words(c),
        hours_done: (c.hours_completed > 0.0).then(|| number(c.hours_completed)),
        hours_to_do: progress(c).hours_to_do().map(number),
        paid: (c.amount_paid_pence > 0).then(|| pounds(c.amount_paid_pence)),
        balance: progress(c).balance_pence().map(pounds),
        completed: completed.map(letter_date),
        amount: c.amount_pence.map(pounds),
        hours: c.hours_required.map(hours_words),
        provider_contact: provider_contact(c),
        how_to_pay: how_to_pay(c, telling),
        where_to_attend: where_to_attend(c),
    }
}

/// While money is owed, how to pay it: the balance, the service's own
/// words for where, and the reference to quote.
fn how_to_pay(c: &LetterCondition, telling: &Telling<'_>) -> Option<String> {
    let balance = progress(c).balance_pence().filter(|b| *b > 0)?;
    let way = telling.payment.map(str::trim).filter(|w| !w.is_empty())?;
    let way = way.trim_end_matches('.');
    Some(format!("Pay the {} still to pay {way}. Our reference is {}.", pounds(balance), telling.reference))
}

/// Where the condition is done, when a provider runs it: who, how to reach
/// them, and the hours still to do.
fn where_to_attend(c: &LetterCondition) -> Option<String> {
    let provider = present(c.provider.as_deref())?;
    let reach = provider_contact(c).map(|r| format!(" ({r})")).unwrap_or_default();
    let hours = match (c.hours_required, progress(c).hours_to_do()) {
        (Some(required), Some(to_do)) if to_do < required => {
            format!(" for the {} still to do of {}", hours_words(to_do), hours_words(required))
        }
        (Some(required), _) => format!(" for {}", hours_words(required)),
        _ => String::new(),
    };
    Some(format!("Attend {provider}{reach}{hours}, by {}. Contact them to arrange when.", letter_date(c.due_on)))
}

fn provider_contact(c: &LetterCondition) -> Option<String> {
    let parts: Vec<String> =
        [c.provider_phone.as_deref(), c.provider_email.as_deref()].into_iter().filter_map(present).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

pub(super) fn present(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// What is still outstanding on a condition, in words for the OIC: hours
/// and money as recorded, never a shortfall nothing records.
fn what_is_missing(c: &LetterCondition, breaches: &[LetterBreach]) -> String {
    let p = progress(c);
    let mut parts = Vec::new();
    if let (Some(required), Some(to_do)) = (p.hours_required, p.hours_to_do().filter(|h| *h > 0.0)) {
        parts.push(if p.hours_done > 0.0 {
            format!("{} of {} still to do ({} done)", number(to_do), hours_words(required), number(p.hours_done))
        } else {
            format!("no hours recorded as done of the {} required", hours_words(required))
        });
    }
    if let (Some(amount), Some(balance)) = (p.amount_pence, p.balance_pence().filter(|b| *b > 0)) {
        parts.push(if p.paid_pence > 0 {
            format!("{} still to pay of {}", pounds(balance), pounds(amount))
        } else {
            format!("{} still to pay (no payment recorded)", pounds(amount))
        });
    }
    for b in breaches.iter().filter(|b| b.condition_id == Some(c.id)) {
        parts.push(format!("{} (identified {})", b.description.trim(), letter_date(b.identified_on)));
    }
    if parts.is_empty() {
        parts.push("no evidence of completion has been received".to_string());
    }
    parts.join("; ")
}

/// The condition's running totals, as the compliance records keep them.
fn progress(c: &LetterCondition) -> Progress {
    Progress {
        hours_required: c.hours_required,
        hours_done: c.hours_completed,
        amount_pence: c.amount_pence,
        paid_pence: c.amount_paid_pence,
    }
}

/// "6 of 20 hours done; £40 of £100 paid, £60 to pay", once anything is
/// recorded as done or paid; absent before, so a letter claims nothing.
fn progress_words(c: &LetterCondition) -> Option<String> {
    let p = progress(c);
    (p.hours_done > 0.0 || p.paid_pence > 0).then(|| p.words().join("; ")).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::caps::ConditionKind;
    use chrono::NaiveDate;

    const TELLING: Telling<'static> = Telling { payment: None, reference: "OOCD-2026-0001" };

    #[test]
    fn what_is_missing_names_hours_money_and_breaches() {
        let c = LetterCondition {
            id: 7,
            seq: 1,
            kind: ConditionKind::UnpaidWork,
            description: "Clean the underpass".into(),
            provider: None,
            provider_phone: None,
            provider_email: None,
            hours_required: Some(10.0),
            hours_completed: 4.0,
            amount_pence: Some(5000),
            amount_paid_pence: 1250,
            due_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            status: ConditionStatus::NotCompleted,
            completed_on: None,
        };
        let breach = LetterBreach {
            condition_id: Some(7),
            identified_on: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            description: "Missed two sessions".into(),
            referred_to: None,
        };
        assert_eq!(
            what_is_missing(&c, &[breach]),
            "6 of 10 hours still to do (4 done); £37.50 still to pay of £50; Missed two sessions (identified 3 November 2026)"
        );
        let plain = LetterCondition { hours_required: None, amount_pence: None, ..c.clone() };
        assert_eq!(what_is_missing(&plain, &[]), "no evidence of completion has been received");
        // Nothing recorded: the letter does not claim hours were missed.
        let nothing = LetterCondition { hours_completed: 0.0, amount_paid_pence: 0, ..c };
        assert_eq!(
            what_is_missing(&nothing, &[]),
            "no hours recorded as done of the 10 hours required; £50 still to pay (no payment recorded)"
        );
    }

    #[test]
    fn a_reminder_reads_the_balance_from_the_records() {
        let fine = LetterCondition {
            id: 3,
            seq: 2,
            kind: ConditionKind::FinancialPenalty,
            description: "Pay a penalty".into(),
            provider: None,
            provider_phone: None,
            provider_email: None,
            hours_required: None,
            hours_completed: 0.0,
            amount_pence: Some(10_000),
            amount_paid_pence: 4_000,
            due_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            status: ConditionStatus::Active,
            completed_on: None,
        };
        let facts = condition_facts(&fine, &[], &TELLING);
        assert_eq!(facts.missing.as_deref(), Some("£60 still to pay of £100"));
        assert_eq!(facts.progress.as_deref(), Some("£40 of £100 paid, £60 to pay"));
        assert_eq!((facts.paid.as_deref(), facts.balance.as_deref()), (Some("£40"), Some("£60")));
        let unpaid = condition_facts(&LetterCondition { amount_paid_pence: 0, ..fine.clone() }, &[], &TELLING);
        assert_eq!((unpaid.progress, unpaid.paid, unpaid.balance.as_deref()), (None, None, Some("£100")));
    }

    #[test]
    fn money_owed_says_how_to_pay_and_a_provider_where_to_attend() {
        let fine = LetterCondition {
            id: 3,
            seq: 2,
            kind: ConditionKind::ReparationCompensation,
            description: "Pay compensation".into(),
            provider: None,
            provider_phone: None,
            provider_email: None,
            hours_required: None,
            hours_completed: 0.0,
            amount_pence: Some(8_500),
            amount_paid_pence: 2_500,
            due_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            status: ConditionStatus::Active,
            completed_on: None,
        };
        let telling = Telling { payment: Some("online at pay.example.org."), reference: "OOCD-2026-0001" };
        let facts = condition_facts(&fine, &[], &telling);
        assert_eq!(facts.amount.as_deref(), Some("£85"));
        assert_eq!(
            facts.how_to_pay.as_deref(),
            Some("Pay the £60 still to pay online at pay.example.org. Our reference is OOCD-2026-0001.")
        );
        // Nothing owed, nothing asked.
        let paid = condition_facts(&LetterCondition { amount_paid_pence: 8_500, ..fine.clone() }, &[], &telling);
        assert_eq!(paid.how_to_pay, None);
        let course = LetterCondition {
            kind: ConditionKind::UnpaidWork,
            provider: Some("Kelvington Community Payback".into()),
            provider_phone: Some("01632 960300".into()),
            provider_email: Some(" ".into()),
            hours_required: Some(20.0),
            hours_completed: 6.0,
            amount_pence: None,
            amount_paid_pence: 0,
            ..fine
        };
        let facts = condition_facts(&course, &[], &telling);
        assert_eq!(facts.hours.as_deref(), Some("20 hours"));
        assert_eq!(
            facts.where_to_attend.as_deref(),
            Some(
                "Attend Kelvington Community Payback (01632 960300) for the 14 hours still to do of 20 hours, \
                 by 1 December 2026. Contact them to arrange when."
            )
        );
        assert_eq!(facts.how_to_pay, None);
    }
}
