//! Which column holds what. The tracker layout (the headers `casedesk tracker`
//! writes), the other names trackers commonly use for the same thing, and a
//! TOML mapping file for the rest:
//!
//! ```toml
//! [columns]
//! "Crime No" = "crime_ref"          # a field name ...
//! "Victim surname" = "Harmed family name"   # ... or a layout header
//! "Officer comments" = "ignore"     # read past this column on purpose
//! ```
//!
//! Headers match case- and space-insensitively ("CRIME  REF" = "Crime ref").
//! A column casedesk does not know is an error, not silently dropped: the
//! user maps it or marks it `ignore`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::Context;

/// The parts of one condition group ("Condition 2 due" …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CondPart {
    Kind,
    Description,
    Due,
    Status,
    Completed,
    Hours,
    Amount,
    /// The provider, by its name in the directory.
    Provider,
}

impl CondPart {
    pub const ALL: [CondPart; 8] = [
        CondPart::Kind,
        CondPart::Description,
        CondPart::Due,
        CondPart::Status,
        CondPart::Completed,
        CondPart::Hours,
        CondPart::Amount,
        CondPart::Provider,
    ];

    fn word(self) -> &'static str {
        match self {
            CondPart::Kind => "kind",
            CondPart::Description => "description",
            CondPart::Due => "due",
            CondPart::Status => "status",
            CondPart::Completed => "completed",
            CondPart::Hours => "hours",
            CondPart::Amount => "amount",
            CondPart::Provider => "provider",
        }
    }

    /// The part named by the end of a normalised header ("" = the description).
    fn from_suffix(suffix: &str) -> Option<CondPart> {
        Some(match suffix {
            "kind" | "type" => CondPart::Kind,
            "" | "description" | "desc" | "details" | "detail" => CondPart::Description,
            "due" | "duedate" | "dueon" | "deadline" => CondPart::Due,
            "status" => CondPart::Status,
            "completed" | "completedon" | "datecompleted" | "completiondate" | "done" => CondPart::Completed,
            "hours" | "hoursrequired" => CondPart::Hours,
            "amount" | "amountgbp" | "amountpounds" => CondPart::Amount,
            "provider" | "providername" | "courseprovider" => CondPart::Provider,
            _ => return None,
        })
    }
}

/// The most condition groups a row may carry.
pub const MAX_CONDITIONS: u8 = 99;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Reference,
    Service,
    Source,
    Received,
    /// When the crime was reported to the police.
    ReportedOn,
    Referrer,
    ReferrerContact,
    CrimeRef,
    Offence,
    OffenceDate,
    OffenceMode,
    CjsStage,
    Flags,
    HarmSummary,
    DisposalType,
    Issued,
    CompletionDue,
    CpsDecision,
    Status,
    StatusChanged,
    PausedFrom,
    ClosedOn,
    ClosureOutcome,
    WithdrawnBy,
    WithdrawalReason,
    WithdrawalNote,
    Coordinator,
    HarmedGiven,
    HarmedFamily,
    HarmedDob,
    /// The harmed party has enhanced rights under the Victims' Code.
    HarmedEnhanced,
    ResponsibleGiven,
    ResponsibleFamily,
    ResponsibleDob,
    OtherPeople,
    Condition(u8, CondPart),
    Notes,
    /// Read past on purpose (mapped to "ignore").
    Ignore,
}

/// The fixed columns of the tracker layout, in the order `casedesk tracker`
/// writes them; the condition groups come after `OtherPeople`, then `Notes`.
/// Each: field, the name used in a mapping file, the header, other names.
const LAYOUT: &[(Field, &str, &str, &[&str])] = &[
    (Field::Reference, "reference", "Reference", &["ref", "case ref", "case reference", "case no", "case number"]),
    (Field::Service, "service", "Service", &["service type"]),
    (Field::Source, "source", "Source", &["referral source", "source of referral"]),
    (Field::Received, "received", "Received", &["date received", "received on", "referral date", "date of referral"]),
    (
        Field::ReportedOn,
        "reported_on",
        "Reported to police",
        &["reported on", "date reported", "crime reported", "report date", "reported to police on"],
    ),
    (Field::Referrer, "referrer", "Referrer", &["referrer name", "referred by"]),
    (Field::ReferrerContact, "referrer_contact", "Referrer contact", &["referrer email", "referrer phone"]),
    (Field::CrimeRef, "crime_ref", "Crime reference", &["crime ref", "crime no", "crime number", "crn", "urn"]),
    (Field::Offence, "offence", "Offence", &["offence description", "offence or issue", "issue", "offence type"]),
    (Field::OffenceDate, "offence_date", "Offence date", &["date of offence", "incident date"]),
    (Field::OffenceMode, "offence_mode", "Offence mode", &["mode of trial", "offence classification"]),
    (Field::CjsStage, "cjs_stage", "CJS stage", &["stage"]),
    (Field::Flags, "flags", "Flags", &[]),
    (Field::HarmSummary, "harm_summary", "Harm summary", &["harm"]),
    (Field::DisposalType, "disposal_type", "Disposal type", &["disposal", "oocd type", "outcome type"]),
    (Field::Issued, "issued", "Issued", &["issued on", "date issued", "issue date"]),
    (Field::CompletionDue, "completion_due", "Completion due", &["completion due date"]),
    (Field::CpsDecision, "cps_decision", "CPS decision", &["cps decision reference", "cps reference", "cps ref"]),
    (Field::Status, "status", "Status", &["case status"]),
    (Field::StatusChanged, "status_changed", "Status changed", &["status date", "status changed on"]),
    (Field::PausedFrom, "paused_from", "Paused from", &[]),
    (Field::ClosedOn, "closed_on", "Closed on", &["closed", "date closed", "closure date"]),
    (Field::ClosureOutcome, "closure_outcome", "Closure outcome", &["outcome"]),
    (Field::WithdrawnBy, "withdrawn_by", "Withdrawn by", &["who withdrew"]),
    (Field::WithdrawalReason, "withdrawal_reason", "Withdrawal reason", &["reason withdrawn", "why withdrawn"]),
    (Field::WithdrawalNote, "withdrawal_note", "Withdrawal note", &[]),
    (Field::Coordinator, "coordinator", "Coordinator", &["coordinator name", "rj coordinator", "allocated to"]),
    (
        Field::HarmedGiven,
        "harmed_given_names",
        "Harmed given names",
        &[
            "harmed given name",
            "harmed first name",
            "harmed forename",
            "victim first name",
            "victim forename",
            "victim given names",
        ],
    ),
    (
        Field::HarmedFamily,
        "harmed_family_name",
        "Harmed family name",
        &["harmed surname", "harmed last name", "victim surname", "victim family name", "victim last name"],
    ),
    (Field::HarmedDob, "harmed_dob", "Harmed DOB", &["harmed date of birth", "victim dob", "victim date of birth"]),
    (
        Field::HarmedEnhanced,
        "harmed_enhanced_rights",
        "Harmed enhanced rights",
        &["enhanced rights", "victim enhanced rights", "enhanced rights victim"],
    ),
    (
        Field::ResponsibleGiven,
        "responsible_given_names",
        "Responsible given names",
        &[
            "responsible given name",
            "responsible first name",
            "responsible forename",
            "offender first name",
            "offender forename",
            "offender given names",
        ],
    ),
    (
        Field::ResponsibleFamily,
        "responsible_family_name",
        "Responsible family name",
        &[
            "responsible surname",
            "responsible last name",
            "offender surname",
            "offender family name",
            "offender last name",
        ],
    ),
    (
        Field::ResponsibleDob,
        "responsible_dob",
        "Responsible DOB",
        &["responsible date of birth", "offender dob", "offender date of birth", "dob", "date of birth"],
    ),
    (Field::OtherPeople, "other_people", "Other people", &["others"]),
    (Field::Notes, "notes", "Notes", &["comments", "note"]),
];

/// Letters and digits only, lower case: "Crime  Ref." and "crime_ref" both
/// become "crimeref".
pub fn normalise(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

impl Field {
    /// The header `casedesk tracker` writes for this field.
    pub fn header(self) -> String {
        match self {
            Field::Condition(n, part) => format!("Condition {n} {}", part.word()),
            Field::Ignore => "(ignored)".to_string(),
            other => LAYOUT.iter().find(|(f, ..)| *f == other).map_or(String::new(), |(_, _, h, _)| h.to_string()),
        }
    }

    /// Every column of the layout for `conditions` condition groups.
    pub fn layout(conditions: u8) -> Vec<Field> {
        let fixed = LAYOUT.iter().map(|(f, ..)| *f).filter(|f| *f != Field::Notes);
        let groups = (1..=conditions).flat_map(|n| CondPart::ALL.into_iter().map(move |p| Field::Condition(n, p)));
        fixed.chain(groups).chain([Field::Notes]).collect()
    }

    /// The field a header (or a mapping file's target) names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalise(header);
        if key == "ignore" {
            return Some(Field::Ignore);
        }
        LAYOUT
            .iter()
            .find(|(_, id, h, others)| {
                normalise(id) == key || normalise(h) == key || others.iter().any(|o| normalise(o) == key)
            })
            .map(|(f, ..)| *f)
            .or_else(|| condition_field(&key))
    }
}

/// "condition2due", "cond 2 due date", "Condition 3" (its description).
fn condition_field(key: &str) -> Option<Field> {
    let rest = key.strip_prefix("condition").or_else(|| key.strip_prefix("cond"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n: u8 = digits.parse().ok().filter(|n| (1..=MAX_CONDITIONS).contains(n))?;
    CondPart::from_suffix(&rest[digits.len()..]).map(|part| Field::Condition(n, part))
}

/// The user's renames, keyed by normalised tracker header.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    renames: HashMap<String, Field>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    columns: BTreeMap<String, String>,
}

impl Mapping {
    /// Read a mapping file; every target must be a field casedesk knows.
    pub fn load(path: &Path) -> anyhow::Result<Mapping> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the mapping file {}", path.display()))?;
        Mapping::parse(&text).with_context(|| format!("in the mapping file {}", path.display()))
    }

    pub fn parse(text: &str) -> anyhow::Result<Mapping> {
        let file: MappingFile = toml::from_str(text).map_err(|e| {
            anyhow::anyhow!("it is not a mapping casedesk understands ({}); write [columns] then \"Tracker header\" = \"field\" lines", e.message())
        })?;
        let mut renames = HashMap::new();
        for (header, target) in file.columns {
            let field = Field::from_header(&target).ok_or_else(|| {
                anyhow::anyhow!(
                    "\"{header}\" is mapped to \"{target}\", which is not a casedesk column; use one of {} or \"ignore\"",
                    field_names()
                )
            })?;
            renames.insert(normalise(&header), field);
        }
        Ok(Mapping { renames })
    }

    fn field_for(&self, header: &str) -> Option<Field> {
        self.renames.get(&normalise(header)).copied().or_else(|| Field::from_header(header))
    }
}

/// The field names a mapping file may use, for error messages.
fn field_names() -> String {
    let mut names: Vec<&str> = LAYOUT.iter().map(|(_, id, ..)| *id).collect();
    names.push("condition_N_kind / _description / _due / _status / _completed / _hours / _amount");
    names.join(", ")
}

/// Where each field sits in this file, and the file's own header for it
/// (errors name the column as the user sees it).
#[derive(Debug, Clone)]
pub struct Columns {
    index: HashMap<Field, usize>,
    headers: Vec<String>,
    /// Columns with a blank header: any data under them is reported.
    pub unnamed: Vec<usize>,
}

impl Columns {
    pub fn index(&self, field: Field) -> Option<usize> {
        self.index.get(&field).copied()
    }

    /// The header as written in the file, or the layout's if the column is absent.
    pub fn header(&self, field: Field) -> String {
        self.index(field).map_or_else(|| field.header(), |i| self.headers[i].clone())
    }

    /// How many columns the header row has.
    pub fn width(&self) -> usize {
        self.headers.len()
    }

    /// The condition groups present, in order.
    pub fn condition_numbers(&self) -> Vec<u8> {
        let mut numbers: Vec<u8> = self
            .index
            .keys()
            .filter_map(|f| match f {
                Field::Condition(n, _) => Some(*n),
                _ => None,
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }
}

/// Match every header to a field. Problems with the columns themselves
/// (unknown, doubled, required but absent) come back as sentences.
pub fn resolve(headers: &[String], mapping: &Mapping) -> Result<Columns, Vec<String>> {
    let mut index: HashMap<Field, usize> = HashMap::new();
    let mut unnamed = Vec::new();
    let mut problems = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        if header.trim().is_empty() {
            unnamed.push(i);
            continue;
        }
        match mapping.field_for(header) {
            None => problems.push(format!(
                "column {} \"{}\" is not one casedesk knows: rename it, or map it in a --mapping file \
                 ([columns] \"{}\" = \"notes\", or = \"ignore\" to leave it out)",
                column_letter(i),
                crate::export::safe::inert(header),
                crate::export::safe::inert(header)
            )),
            Some(Field::Ignore) => {}
            Some(field) => {
                if let Some(&first) = index.get(&field) {
                    problems.push(format!(
                        "columns \"{}\" and \"{}\" both hold {}; keep one, or map the other to \"ignore\"",
                        crate::export::safe::inert(&headers[first]),
                        crate::export::safe::inert(header),
                        field.header()
                    ));
                } else {
                    index.insert(field, i);
                }
            }
        }
    }
    for required in [Field::Service, Field::Received] {
        if !index.contains_key(&required) {
            problems.push(format!("the file has no \"{}\" column, which every case needs", required.header()));
        }
    }
    if problems.is_empty() {
        Ok(Columns { index, headers: headers.to_vec(), unnamed })
    } else {
        Err(problems)
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_match_whatever_their_case_and_spacing() {
        assert_eq!(Field::from_header("CRIME  REF."), Some(Field::CrimeRef));
        assert_eq!(Field::from_header("Crime No"), Some(Field::CrimeRef));
        assert_eq!(Field::from_header("urn"), Some(Field::CrimeRef));
        assert_eq!(Field::from_header("crime_ref"), Some(Field::CrimeRef));
        assert_eq!(Field::from_header("Condition 2 Due Date"), Some(Field::Condition(2, CondPart::Due)));
        assert_eq!(Field::from_header("Cond 3"), Some(Field::Condition(3, CondPart::Description)));
        assert_eq!(Field::from_header("condition_12_kind"), Some(Field::Condition(12, CondPart::Kind)));
        assert_eq!(Field::from_header("Condition 0 kind"), None);
        assert_eq!(Field::from_header("Favourite colour"), None);
    }

    #[test]
    fn every_layout_header_reads_back_as_its_field() {
        for field in Field::layout(3) {
            assert_eq!(Field::from_header(&field.header()), Some(field), "{}", field.header());
        }
    }

    #[test]
    fn a_mapping_renames_and_ignores() {
        let mapping = Mapping::parse(
            "[columns]\n\"Job No\" = \"reference\"\n\"Victim\" = \"Harmed family name\"\n\"Colour\" = \"ignore\"\n",
        )
        .unwrap();
        let cols = resolve(&headers(&["Job No", "Service", "Received", "VICTIM", "Colour"]), &mapping).unwrap();
        assert_eq!(cols.index(Field::Reference), Some(0));
        assert_eq!(cols.index(Field::HarmedFamily), Some(3));
        assert_eq!(cols.header(Field::HarmedFamily), "VICTIM");
    }

    #[test]
    fn a_mapping_to_nowhere_is_refused() {
        let err = Mapping::parse("[columns]\n\"Job No\" = \"jobnumber\"\n").unwrap_err().to_string();
        assert!(err.contains("not a casedesk column"), "{err}");
        assert!(Mapping::parse("[colums]\n").is_err());
        assert!(Mapping::parse("not toml at all [").is_err());
    }

    #[test]
    fn unknown_doubled_and_missing_columns_are_named() {
        let problems = resolve(&headers(&["Crime No", "URN", "Colour"]), &Mapping::default()).unwrap_err();
        let all = problems.join("\n");
        assert!(all.contains("column C \"Colour\" is not one casedesk knows"), "{all}");
        assert!(all.contains("\"Crime No\" and \"URN\" both hold Crime reference"), "{all}");
        assert!(all.contains("no \"Service\" column"), "{all}");
        assert!(all.contains("no \"Received\" column"), "{all}");
    }

    #[test]
    fn column_letters_run_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
