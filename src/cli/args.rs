//! What the command line accepts: the commands and their arguments, as clap
//! reads them. What each command does is in `cli.rs`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use super::dates::{parse_date, written_date, WrittenDate};
use crate::cli::commands::settings;
use crate::domain::holidays;
use crate::domain::types::{ProfileField, Sender};
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

    /// The date the desk believes it is, for reproducible screens and exports: 2026-11-20, 20/11/2026, 20 Nov 2026,
    /// or counted from the local date (yesterday, -1, fri, ...) [default: $CASEDESK_TODAY, else the system date]
    #[arg(long, global = true, env = "CASEDESK_TODAY", value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
    pub today: Option<WrittenDate>,

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
        /// Fill the default database too (demo cases cannot be removed: try --db try.db instead)
        #[arg(long)]
        into_default: bool,
    },
    /// Print the Today list as plain text: each section's count and its first items
    Today {
        /// List every item of every section, not only the first of each
        #[arg(long)]
        all: bool,
    },
    /// List the cases matching words (references, names, phone numbers, ...): reference, status, service and the parties' initials
    Find {
        /// What to look for: every word must match
        #[arg(required = true, value_name = "TEXT")]
        words: Vec<String>,
        /// table or json
        #[arg(long, value_enum, default_value = "table")]
        format: super::commands::find::FindFormat,
    },
    /// Write the end-of-day summary (references only, no names)
    Summary {
        /// The day to summarise: 2026-11-20, 20/11/2026, 20 Nov 2026, yesterday, -2, +3wd, fri, ... [default: --today]
        #[arg(long, value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
        date: Option<WrittenDate>,
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
    #[command(group(clap::ArgGroup::new("which").args(["case_ref", "cases", "due_before", "provider"])))]
    Letter {
        /// The case reference, e.g. RJ-2026-0042
        #[arg(long = "case", value_name = "REF")]
        case_ref: Option<String>,
        /// Many letters at once, one per case: -o is then a folder, which gets
        /// a .docx per letter, one .docx of them all for printing, and an
        /// .eml beside each letter whose recipient has an email address
        #[arg(long, value_name = "REF,REF…", value_delimiter = ',', conflicts_with_all = ["case_ref", "due_before"])]
        cases: Vec<String>,
        /// Many letters at once, for every case with a condition or agreed
        /// action open and due before DATE (-o a folder, as with --cases)
        #[arg(long = "due-before", value_name = "DATE", value_parser = written_date, allow_hyphen_values = true, conflicts_with = "case_ref")]
        due_before: Option<WrittenDate>,
        /// The template name (see `casedesk letter --list`)
        #[arg(long, value_name = "NAME", required_unless_present = "list")]
        template: Option<String>,
        /// Where to write the letter (.docx or .md); with --cases or --due-before, the folder for the letters
        #[arg(short = 'o', long = "output", value_name = "FILE", required_unless_present = "list")]
        output: Option<PathBuf>,
        /// Who it goes to: referrer, oic, a role on the case (harmed,
        /// responsible, ...) or a person's name; the template's usual
        /// recipient if not given
        #[arg(long, value_name = "WHO", conflicts_with_all = ["cases", "due_before"])]
        to: Option<String>,
        /// With --to NAME of someone not on the case: their role
        #[arg(long = "to-role", value_name = "ROLE")]
        to_role: Option<String>,
        /// The condition the letter is about, by its number on the case (see --list)
        #[arg(long, value_name = "N", conflicts_with_all = ["cases", "due_before"])]
        condition: Option<u32>,
        /// Write it even though it is not true of the case (a notice for a
        /// condition neither breached nor overdue, say); the reason it was
        /// refused is logged with the letter
        #[arg(long, conflicts_with_all = ["cases", "due_before"])]
        force: bool,
        /// List the templates; with --case, which fit the case today and why
        /// not, its people and conditions, and its letters
        #[arg(long, conflicts_with_all = ["cases", "due_before", "provider"])]
        list: bool,
        /// With --template provider-chase: the provider (as the directory
        /// names it) to ask for the returns it still owes
        #[arg(long, value_name = "NAME", conflicts_with_all = ["case_ref", "cases", "due_before", "to", "condition"])]
        provider: Option<String>,
    },
    /// Figures for a period, each with its counting definition
    Report {
        /// The first day: 2026-01-01, 1/1/2026, 1 Jan 2026, -30 (days before --today), ...
        #[arg(long, value_name = "DATE", value_parser = written_date, allow_hyphen_values = true,
              required_unless_present_any = ["month", "quarter"])]
        from: Option<WrittenDate>,
        /// The last day, written the same ways (today, yesterday, ...)
        #[arg(long, value_name = "DATE", value_parser = written_date, allow_hyphen_values = true,
              required_unless_present_any = ["month", "quarter"])]
        to: Option<WrittenDate>,
        /// oocd-monthly (the OOCD monthly return for --month) or rj-quarterly (the RJ quarterly
        /// return for --quarter) [default: the period's figures]
        #[arg(long, value_name = "KIND", conflicts_with_all = ["from", "to"])]
        kind: Option<String>,
        /// The month of a monthly return, e.g. 2026-11
        #[arg(long, value_name = "YYYY-MM", requires = "kind", conflicts_with = "quarter")]
        month: Option<String>,
        /// The quarter of a quarterly return, e.g. 2026-Q3
        #[arg(long, value_name = "YYYY-QN", requires = "kind")]
        quarter: Option<String>,
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
        /// The first day: 2026-01-01, 1/1/2026, 1 Jan 2026, -30 (days before --today), ...
        #[arg(long, value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
        from: WrittenDate,
        /// The last day, written the same ways (today, yesterday, ...)
        #[arg(long, value_name = "DATE", value_parser = written_date, allow_hyphen_values = true)]
        to: WrittenDate,
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
    /// Print a completion script for a shell: casedesk completions bash > /etc/bash_completion.d/casedesk
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page: casedesk manpage > casedesk.1
    Manpage,
    /// Show who you are at this desk and who sends each service's letters (its profile), or set them
    Settings {
        #[command(subcommand)]
        action: Option<SettingsAction>,
        /// How screens and printed tables show dates: "Fri 20 Nov 2026" (the default), "20 Nov 2026",
        /// "20/11/2026" or "2026-11-20" (csv and json always write 2026-11-20)
        #[arg(long, value_name = "STYLE", value_parser = settings::parse_date_style)]
        date_style: Option<crate::domain::dates::DateStyle>,
    },
    /// The directory of coordinators, facilitators, providers, venues and partner agencies: list, add, retire, import
    Directory {
        #[command(subcommand)]
        action: crate::cli::commands::directory::DirectoryAction,
    },
    /// Participants' feedback after a restorative process: add, list
    Feedback {
        #[command(subcommand)]
        action: crate::cli::commands::feedback::FeedbackAction,
    },
    /// Keep a document on a case: the file is copied into the desk's documents folder
    Attach {
        /// The case reference, e.g. RJ-2026-0042
        #[arg(long = "case", value_name = "REF")]
        case_ref: String,
        /// The file to attach (a referral email, a signed agreement, a scan)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// What the document is, as the case lists it [default: its file name]
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
    },
    /// Write a meeting's minutes (.docx or .md), or list the meetings with their numbers
    Minutes {
        /// The meeting's number (see --list)
        #[arg(long, value_name = "ID", required_unless_present = "list")]
        meeting: Option<i64>,
        /// Where to write the minutes: .docx or .md, by its extension
        #[arg(short = 'o', long = "output", value_name = "FILE", required_unless_present = "list")]
        output: Option<PathBuf>,
        /// List the meetings, newest first, with their numbers
        #[arg(long, conflicts_with_all = ["meeting", "output"])]
        list: bool,
    },
    /// Open cases per coordinator, counted by status, the ones over their maximum marked
    Caseload {
        #[arg(long, value_enum, default_value = "table")]
        format: crate::export::table::TableFormat,
    },
    /// The England & Wales bank holidays in use: list (the default), add, remove, import
    Holidays {
        #[command(subcommand)]
        action: Option<crate::cli::commands::holidays::HolidaysAction>,
        /// The year listed [default: the year of --today]
        #[arg(long, value_parser = clap::value_parser!(i32).range(holidays::FIRST_YEAR as i64..=holidays::LAST_YEAR as i64))]
        year: Option<i32>,
    },
    /// List every rule the desk checks: value, source, confidence, and whether it blocks or warns
    Rules {
        #[arg(long, value_enum, default_value = "table")]
        format: RulesFormat,
    },
}

/// How `casedesk rules` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns in words
    Table,
    /// One object per rule, with its id
    Json,
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
    /// Set a service's logo for the top of its Word letters from a PNG or JPEG file, e.g. --service rj logo.png
    Logo {
        /// oocd (the OOCD unit) or rj (the RJ & mediation service)
        #[arg(long, value_name = "SERVICE", value_parser = settings::parse_sender)]
        service: Sender,
        /// The image: a .png or .jpg file of at most 256 KB
        file: std::path::PathBuf,
    },
    /// Set your name and role, recorded as who made each change, e.g. --name "Jo Bloggs" --role "RJ coordinator"
    Me {
        /// Your name as colleagues know it
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Your role, e.g. RJ coordinator or OOCD administrator
        #[arg(long, value_name = "ROLE")]
        role: String,
    },
    /// Choose the folder the desk writes its files to (summaries, letters), kept on this computer
    Exports {
        /// An existing folder
        folder: std::path::PathBuf,
    },
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
    /// `casedesk caseload` (any format)
    Caseload,
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
            QueriesOf::Caseload => Reads::Caseload,
        }
    }
}
