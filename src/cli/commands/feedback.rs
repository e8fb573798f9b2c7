//! `casedesk feedback add|list`: participants' feedback after a restorative
//! process (issue 15 §4) from the command line, as the Case screen takes it:
//! from one of the case's people or from someone not on the case, through
//! the one audited write (undone like any change), listed in words.

use clap::Subcommand;

use crate::cli::dates::{written_date, WrittenDate};
use crate::cli::desk::Desk;
use crate::cli::failure::{usage, Failure};
use crate::domain::feedback::{satisfaction_words, FeedbackFrom, Reply};
use crate::export::safe::inert;
use crate::export::table::{Table, TableFormat};
use crate::store::views::feedback::FeedbackRow;
use crate::store::{NewFeedback, OpenMode, Store};

#[derive(Debug, Subcommand)]
pub enum FeedbackAction {
    /// Record what a participant said after the process
    Add {
        /// The case reference, e.g. RJ-2026-0042
        #[arg(long = "case", value_name = "REF")]
        case_ref: String,
        /// Who gave it: one of the case's people by name ("Zoë Nowak"), or harmed, responsible or "someone else"
        #[arg(long, value_name = "WHO")]
        party: String,
        /// 1 (very dissatisfied) to 5 (very satisfied)
        #[arg(long, value_name = "1-5", value_parser = score)]
        satisfaction: u8,
        /// Would they recommend it: yes, no or unsure
        #[arg(long, value_name = "REPLY", value_parser = reply)]
        recommend: Reply,
        /// Did they feel safe: yes, no or unsure
        #[arg(long, value_name = "REPLY", value_parser = reply)]
        felt_safe: Reply,
        /// What they said, in their words
        #[arg(long, value_name = "TEXT", default_value = "")]
        comment: String,
        /// The day it was collected [default: --today]
        #[arg(long, value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
        on: Option<WrittenDate>,
    },
    /// The feedback given, newest first, on one case or on every case
    List {
        /// Only this case, e.g. RJ-2026-0042
        #[arg(long = "case", value_name = "REF")]
        case_ref: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
}

pub fn run(desk: Desk<'_>, action: FeedbackAction) -> Result<(), Failure> {
    match action {
        FeedbackAction::Add { case_ref, party, satisfaction, recommend, felt_safe, comment, on } => {
            let collected_on = match on {
                Some(day) => day.on(desk.today).map_err(usage)?,
                None => desk.today,
            };
            let mut store = desk.open(OpenMode::MustExist)?;
            let case_id = case_id(&store, &case_ref)?;
            let (person_id, from, who) = giver(&store, case_id, &case_ref, &party)?;
            let feedback = NewFeedback {
                case_id,
                person_id,
                from,
                collected_on,
                satisfied: satisfaction,
                would_recommend: recommend,
                felt_safe,
                comments: comment,
            };
            store.write(|tx| tx.record_feedback(&feedback))?;
            crate::tell!("Recorded feedback on {} from {}.", inert(case_ref.trim()), inert(&who));
            Ok(())
        }
        FeedbackAction::List { case_ref, format } => {
            let store = desk.open(OpenMode::ToRead)?;
            let case = case_ref.as_deref().map(|r| case_id(&store, r)).transpose()?;
            let rows = store.feedback_list(case)?;
            if rows.is_empty() && format == TableFormat::Table {
                crate::say!(
                    "No feedback recorded{}.",
                    case_ref.map_or(String::new(), |r| format!(" on {}", inert(&r)))
                );
                return Ok(());
            }
            crate::say!("{}", table(&rows, format).render(format)?.trim_end_matches('\n'));
            Ok(())
        }
    }
}

fn case_id(store: &Store, reference: &str) -> Result<i64, Failure> {
    match store.case_by_ref(reference.trim())? {
        Some((id, _)) => Ok(id),
        None => Err(usage(format!(
            "There is no case with reference {}: check it with `casedesk find`.",
            inert(reference.trim())
        ))),
    }
}

/// Who gave it, read from `--party`: one of the case's people by name, or
/// a part on the case; with the words the confirmation names them by.
fn giver(
    store: &Store,
    case_id: i64,
    reference: &str,
    party: &str,
) -> Result<(Option<i64>, FeedbackFrom, String), Failure> {
    let wanted = party.trim();
    let people = store.case_parties(case_id, PEOPLE)?.people;
    if let Some(p) = people.iter().find(|p| p.name().eq_ignore_ascii_case(wanted)) {
        return Ok((Some(p.person_id), FeedbackFrom::Other, p.name()));
    }
    if let Some(from) = part(wanted) {
        return Ok((None, from, format!("the {}", from.label().to_lowercase())));
    }
    let mut names: Vec<String> = people.iter().map(|p| p.name()).collect();
    names.dedup();
    let listed = names.iter().map(|n| format!("{n}, ")).collect::<String>();
    Err(usage(inert(&format!(
        "No one called \"{wanted}\" is on {}: give one of {listed}harmed, responsible or \"someone else\".",
        reference.trim()
    ))))
}

/// Enough of a case's people to find the one named.
const PEOPLE: usize = 200;

/// A part named on the command line: "harmed", "harmed party",
/// "responsible", "someone else" or "other".
fn part(text: &str) -> Option<FeedbackFrom> {
    let text = text.to_lowercase();
    let text = text.strip_suffix(" party").unwrap_or(&text);
    if text == "someone else" {
        return Some(FeedbackFrom::Other);
    }
    FeedbackFrom::parse(text)
}

fn score(text: &str) -> Result<u8, String> {
    text.trim()
        .parse()
        .ok()
        .filter(|n| satisfaction_words(*n).is_some())
        .ok_or_else(|| "give a number from 1 (very dissatisfied) to 5 (very satisfied)".to_string())
}

fn reply(text: &str) -> Result<Reply, String> {
    Reply::parse(text).ok_or_else(|| "give yes, no or unsure".to_string())
}

/// The list in words; csv and json give dates as 2026-11-20.
fn table(rows: &[FeedbackRow], format: TableFormat) -> Table {
    let mut table =
        Table::new(vec!["Case", "Collected", "From", "Satisfaction", "Would recommend", "Felt safe", "Comments"]);
    table.rows.extend(rows.iter().map(|r| {
        let from = match &r.person {
            Some((name, role)) => format!("{name} ({})", role.label()),
            None => r.from.label().to_string(),
        };
        let satisfaction = r
            .satisfied
            .and_then(|n| satisfaction_words(n).map(|w| format!("{n} {w}")))
            .unwrap_or_else(|| "not given".into());
        vec![
            r.reference.clone(),
            match format {
                TableFormat::Table => crate::domain::dates::day(r.collected_on),
                TableFormat::Csv | TableFormat::Json => r.collected_on.to_string(),
            },
            from,
            satisfaction,
            r.would_recommend.label().to_string(),
            r.felt_safe.label().to_string(),
            r.comments.clone().unwrap_or_default(),
        ]
    }));
    table
}
