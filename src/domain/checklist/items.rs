//! The checklist items of DOMAIN.md §12.4, in display order.

use serde::Serialize;

use super::ChecklistSection;

/// One checklist question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Stable code stored in the database (e.g. `SU_ACCEPTS`).
    pub code: &'static str,
    pub section: ChecklistSection,
    /// Short label for the checklist pane (kept to 45 columns or fewer).
    pub label: &'static str,
    /// One-line help text shown under the focused item.
    pub help: &'static str,
    /// Answers and notes are likely *sensitive processing* (health data,
    /// DPA 2018 s.35; DOMAIN.md §10.2), so the UI and exports treat them with care.
    pub sensitive: bool,
}

const fn sc(code: &'static str, label: &'static str, help: &'static str) -> ChecklistItem {
    ChecklistItem { code, section: ChecklistSection::SenseCheck, label, help, sensitive: false }
}

const fn su(code: &'static str, label: &'static str, help: &'static str) -> ChecklistItem {
    ChecklistItem { code, section: ChecklistSection::Suitability, label, help, sensitive: false }
}

const fn rk(code: &'static str, label: &'static str, help: &'static str, sensitive: bool) -> ChecklistItem {
    ChecklistItem { code, section: ChecklistSection::Risk, label, help, sensitive }
}

/// Every checklist item, in display order: 8 sense-check, 8 suitability and
/// 16 risk codes, as listed in DOMAIN.md §12.4. (§12.4 counts 15 risk areas;
/// safeguarding is one area with separate child and adult codes.)
pub const ITEMS: &[ChecklistItem] = &[
    // Sense-check (§12.4): all must be yes or n/a to leave SENSE_CHECK.
    sc(
        "SC_REF",
        "Crime/incident or ASB reference present",
        "Crime/incident reference or ASB log number present (n/a for a self-referral with no report).",
    ),
    sc(
        "SC_PARTIES",
        "Harmed and responsible parties identified",
        "Harmed and responsible parties identified, each with a contact route.",
    ),
    sc("SC_STAGE", "CJS stage known", "Criminal justice stage known; for pre-sentence cases the court/OIC is aware."),
    sc(
        "SC_CONSENT_SHARE",
        "Referral made with consent to share",
        "Referral made with the party's knowledge/consent to share their details.",
    ),
    sc("SC_OFFENCE", "Offence/issue described, date known", "Offence or issue described and its date known."),
    sc(
        "SC_AGE",
        "Ages of the parties known",
        "Ages known; an under-18 party means YOT involvement (Victims' Code YOT route, §9.8).",
    ),
    sc("SC_NO_CONFLICT", "No conflict of interest", "No conflict of interest for the service or the coordinator."),
    sc(
        "SC_DUPLICATE",
        "Not already open here or on partner system",
        "Not already open on this or a partner system (myRJ / FIRsT / E-CINS).",
    ),
    // Suitability (§12.4, from §9.4 and §9.5).
    su(
        "SU_ACCEPTS",
        "Responsible party acknowledges the harm",
        "Responsible party acknowledges causing the harm; no acknowledgement means not suitable (§9.4).",
    ),
    su(
        "SU_WILLING_HARMED",
        "Harmed party informed and willing",
        "Harmed party informed and willing, and knows they can withdraw at any point (§9.2).",
    ),
    su(
        "SU_WILLING_RESP",
        "Responsible party willing, genuine motive",
        "Responsible party willing; motivation is not solely self-interest (e.g. hoping for leniency).",
    ),
    su(
        "SU_CAPACITY",
        "Capacity to take part; needs identified",
        "Both have capacity to take part; communication/learning needs and any interpreter identified.",
    ),
    su(
        "SU_PROCEEDINGS",
        "No live proceedings RJ could prejudice",
        "No live investigation/trial RJ could prejudice; bail/court conditions allow contact (or indirect only).",
    ),
    su(
        "SU_ORDERS",
        "No order or licence prohibiting contact",
        "No non-molestation/restraining order or licence condition prohibiting contact (or indirect only).",
    ),
    su(
        "SU_METHOD",
        "At least one safe method available",
        "At least one safe method (direct or indirect) is available.",
    ),
    su(
        "SU_FACILITATOR",
        "Suitably trained facilitator available",
        "Trained facilitator available; a sensitive/complex case needs an advanced practitioner and co-worker.",
    ),
    // Risk areas (§12.4). `sensitive` marks likely health data (DPA 2018 s.35, §10.2).
    rk(
        "RK_DA",
        "Domestic abuse (partner / familial)",
        "Domestic abuse, intimate partner or familial: specialist DA policy route (§9.6).",
        false,
    ),
    rk(
        "RK_SEXUAL",
        "Sexual offence / harmful sexual behaviour",
        "Sexual offence or harmful sexual behaviour: specialist risk tools (e.g. AIM) and co-working (§9.6).",
        false,
    ),
    rk(
        "RK_HATE",
        "Hate crime / incident",
        "Hate crime or incident: local policy often requires specialist or supervisor sign-off (§9.6).",
        false,
    ),
    rk(
        "RK_SAFEGUARD_CHILD",
        "Safeguarding concern: child",
        "Safeguarding concern for a child; link to the child's wider plan (§9.4).",
        false,
    ),
    rk(
        "RK_SAFEGUARD_ADULT",
        "Safeguarding concern: adult at risk",
        "Safeguarding concern for an adult at risk.",
        false,
    ),
    rk("RK_MH", "Mental health", "Mental health concerns (health data: sensitive processing, DPA 2018 s.35).", true),
    rk(
        "RK_SUBSTANCE",
        "Substance misuse",
        "Substance misuse (health data: sensitive processing, DPA 2018 s.35).",
        true,
    ),
    rk(
        "RK_LD",
        "Learning disability / communication needs",
        "Learning disability, neurodivergence or communication needs (sensitive processing, DPA 2018 s.35).",
        true,
    ),
    rk(
        "RK_POWER",
        "Power imbalance, coercion or intimidation",
        "Power imbalance between the parties, coercion or intimidation.",
        false,
    ),
    rk(
        "RK_REVICT",
        "Re-victimisation or retaliation",
        "Risk of re-victimisation or retaliation, including encounters after the meeting.",
        false,
    ),
    rk(
        "RK_VIOLENCE",
        "Violence to participants or facilitators",
        "Risk of violence to participants or facilitators; offender risk level / MAPPA.",
        false,
    ),
    rk(
        "RK_GANG",
        "Organised crime / gang links, exploitation",
        "Organised crime or gang links, or exploitation of either party.",
        false,
    ),
    rk(
        "RK_SUPPORTERS",
        "Supporters' suitability",
        "Suitability of supporters; supporters are risk-assessed too (§9.7).",
        false,
    ),
    rk("RK_VENUE", "Venue / travel safety", "Safety of the venue and of travel to and from it.", false),
    rk(
        "RK_EMOTIONAL",
        "Emotional harm / unrealistic expectations",
        "Risk of emotional harm or unrealistic expectations (e.g. wants an outcome the other party cannot give).",
        false,
    ),
    rk("RK_MEDIA", "Publicity / social media", "Publicity or social media risk.", false),
];

/// Look up an item by its code (exact match).
pub fn item(code: &str) -> Option<&'static ChecklistItem> {
    ITEMS.iter().find(|i| i.code == code)
}

/// The items of one section, in display order.
pub fn items_in(section: ChecklistSection) -> impl Iterator<Item = &'static ChecklistItem> {
    ITEMS.iter().filter(move |i| i.section == section)
}
