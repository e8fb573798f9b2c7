//! What the command line accepts: the commands and their arguments, as clap
//! reads them. What each command does is in `cli.rs`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::cli::commands::settings;
use crate::domain::types::{ProfileField, Sender};
use crate::domain::{dates, holidays};
use crate::export::summary::SummaryFormat;
use crate::store::manifests::AuditHead;

#[derive(Debug, Parser)]
#[command(
    name = "casedesk",
    version,
    about = "The desk for out-of-court disposals and restorative justice: one local database, triaged each morning.",
    after_help = "Run with no command to open the interface."
)]
pub struct Cli {
    /// The database file [default: $CASEDESK_DB, else casedesk.db in the platform data directory]
    #[arg(long, global = true, env = "CASEDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The date the desk believes it is, for reproducible screens and exports [default: $CASEDESK_TODAY, else the system date]
    #[arg(long, global = true, env = "CASEDESK_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill a new or empty database with realistic, invented cases
    Demo {
        /// How many cases to generate
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
        cases: u32,
        /// Seed for the generator: the same seed gives the same data
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print the Today list as plain text: each section's count and its first items
    Today {
        /// List every item of every section, not only the first of each
        #[arg(long)]
        all: bool,
    },
    /// Write the end-of-day summary (references only, no names)
    Summary {
        /// The day to summarise [default: --today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Output format [default: the output file's extension, else md]
        #[arg(long, value_enum)]
        format: Option<SummaryFormat>,
        /// Write to this file instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Include names: a disclosure, logged with its recipient and justification
        #[arg(long, requires_all = ["recipient", "justification"])]
        with_names: bool,
        /// Who receives a summary with names
        #[arg(long, value_name = "WHO")]
        recipient: Option<String>,
        /// Why names are disclosed
        #[arg(long, value_name = "WHY")]
        justification: Option<String>,
    },
    /// Check the database: integrity, schema version and audit chain
    Check {
        /// The audit head an end-of-day summary printed (POSITION:HASH): the
        /// log must still pass through it
        #[arg(long, value_name = "POSITION:HASH", value_parser = AuditHead::parse)]
        head: Option<AuditHead>,
    },
    /// Copy the database consistently, even while it is in use
    Backup {
        /// Where to write the copy
        dest: PathBuf,
    },
    /// Write a standard letter for a case (.docx or .md, by the file's extension)
    Letter {
        /// The case reference, e.g. RJ-2026-0042
        #[arg(long = "case", value_name = "REF")]
        case_ref: String,
        /// The template name (see `casedesk letter --list`)
        #[arg(long, value_name = "NAME", required_unless_present = "list")]
        template: Option<String>,
        /// Where to write the letter (.docx or .md)
        #[arg(short = 'o', long = "output", value_name = "FILE", required_unless_present = "list")]
        output: Option<PathBuf>,
        /// Who it goes to: referrer, oic, a role on the case (harmed,
        /// responsible, ...) or a person's name; the template's usual
        /// recipient if not given
        #[arg(long, value_name = "WHO")]
        to: Option<String>,
        /// With --to NAME of someone not on the case: their role
        #[arg(long = "to-role", value_name = "ROLE")]
        to_role: Option<String>,
        /// The condition the letter is about, by its number on the case (see --list)
        #[arg(long, value_name = "N")]
        condition: Option<u32>,
        /// List the templates, the case's people and conditions, and its letters
        #[arg(long)]
        list: bool,
    },
    /// Figures for a period, each with its counting definition
    Report {
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: NaiveDate,
        /// md, csv, json or xlsx [default: the output file's extension, else md]
        #[arg(long)]
        format: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// An anonymised random sample of closed cases for a scrutiny panel
    Sample {
        #[arg(long, default_value_t = 10)]
        n: usize,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: NaiveDate,
        /// Seed for the random choice: the same seed picks the same cases
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it (.xlsx or .csv)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Bring cases in from an existing tracker (.csv or .xlsx), all or nothing
    Import {
        file: PathBuf,
        /// Show what would be created, change nothing
        #[arg(long)]
        dry_run: bool,
        /// A TOML file mapping the tracker's headers to casedesk's
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
    },
    /// Write every case in the tracker layout that `import` reads (.csv or .xlsx)
    Tracker {
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Export a case's conference or meeting as an .ics calendar file
    Ics {
        #[arg(long = "case", value_name = "REF")]
        case_ref: String,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Replace the database with a verified backup (the current file is kept aside)
    Restore {
        /// The backup to restore
        src: PathBuf,
    },
    /// The change, consultation and disclosure log (DPA 2018 s.62)
    Audit {
        /// Only this case's entries, e.g. RJ-2026-0042
        #[arg(long = "case", value_name = "REF")]
        case_ref: Option<String>,
    },
    /// Test support: write numbered changes, printing each commit (used by the crash test)
    #[command(hide = true)]
    WriteStream {
        #[arg(long, default_value_t = 1_000_000)]
        count: u64,
    },
    /// Create a new, empty database (encrypted with --encrypt)
    Init {
        /// Encrypt it with a passphrase (asked twice, or $CASEDESK_PASSPHRASE); needs the `encryption` build
        #[arg(long)]
        encrypt: bool,
    },
    /// Change an encrypted database's passphrase (asks the current one, then the new one twice)
    Rekey,
    /// Benchmark support: the queries `today` or `summary` runs, as a script for the sqlite3 shell
    #[command(hide = true)]
    Sql {
        #[arg(value_enum)]
        of: QueriesOf,
    },
    /// Show who sends each service's letters (its profile), or set one field
    Settings {
        #[command(subcommand)]
        action: Option<SettingsAction>,
    },
    /// List the England & Wales bank holidays in use
    Holidays {
        /// The year [default: the year of --today]
        #[arg(long, value_parser = clap::value_parser!(i32).range(holidays::FIRST_YEAR as i64..=holidays::LAST_YEAR as i64))]
        year: Option<i32>,
    },
}

/// What `casedesk settings` does besides showing the profiles.
#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// Set one field of a service's profile, e.g. --service rj --field phone --value "01632 960200"
    Set {
        /// oocd (the OOCD unit) or rj (the RJ & mediation service)
        #[arg(long, value_name = "SERVICE", value_parser = settings::parse_sender)]
        service: Sender,
        /// name, address, phone, email, hours, signatory or role
        #[arg(long, value_name = "FIELD", value_parser = settings::parse_field)]
        field: ProfileField,
        /// The new value
        #[arg(long, value_name = "TEXT")]
        value: String,
    },
}

/// Dates are written the one unambiguous way, the year in full. chrono
/// alone reads "2-2-2" as the year 2 and "-2-2-2" as 3 BC; only the years
/// the desk accepts everywhere (`domain::dates`) are dates here.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-20"))?;
    if !dates::in_range(day) {
        return Err(format!("{text:?} is outside the years the desk accepts: give a date {}", dates::range_in_words()));
    }
    Ok(day)
}

/// Which command's queries `casedesk sql` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueriesOf {
    /// `casedesk today`
    Today,
    /// `casedesk today --all`
    TodayAll,
    /// `casedesk summary` (any format: they share one gathering)
    Summary,
}

impl QueriesOf {
    /// The store's name for these reads: `today` reads the first items of
    /// each section that the command prints.
    pub fn reads(self) -> crate::store::trace::QueriesOf {
        use crate::store::trace::QueriesOf as Reads;
        match self {
            QueriesOf::Today => Reads::Today { first_items: crate::export::today::FIRST_ITEMS },
            QueriesOf::TodayAll => Reads::TodayAll,
            QueriesOf::Summary => Reads::Summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the date fuzz target: "-2-2-2" was read as 3 BC.
    #[test]
    fn a_command_line_date_needs_a_full_year_from_1900() {
        for bad in ["-2-2-2", "2-2-2", "0026-11-20", "+12026-11-20", "1899-12-31", "20/11/2026", ""] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_date(" 2026-11-20 "), Ok(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()));
        assert_eq!(parse_date("2199-12-31"), Ok(NaiveDate::from_ymd_opt(2199, 12, 31).unwrap()));
    }

    /// `--today 9999-12-31 demo` stored dates in the year 10000.
    #[test]
    fn a_command_line_date_after_2199_is_refused() {
        let refusal = parse_date("9999-12-31").unwrap_err();
        assert!(refusal.contains("between 1900 and 2199"), "{refusal}");
        assert!(parse_date("2200-01-01").is_err());
    }
}
