//! Synthetic demonstration data: invented but realistic cases for a police
//! force's out-of-court disposals desk and its restorative justice / mediation
//! service (DOMAIN.md §2, §5, §9, §12).
//!
//! Everything is invented: people, streets (in the fictional town of
//! Kelvington), phone numbers in Ofcom's drama ranges, `@example.org` email
//! addresses, crime references, providers and officers. Every case is walked
//! through its statuses with the store's own write methods, so the status
//! machines, the caps, the checklist rules and the audit log all apply exactly
//! as they do for a real user.
//!
//! Deterministic: the same seed, case count and `today` give the same cases,
//! people, dates, conditions, agreements and statuses. (The instants the store
//! itself stamps from the clock, `created_at` and the audit log's `at_utc`,
//! differ between runs.) No date is taken from the clock; all derive from
//! `today`.
//!
//! One exception to "every step through the real store functions" is worth
//! knowing: a case left in VARIED keeps its breach undecided, because the
//! store's breach decision moves a varied case straight back to ACTIVE. The first cases generated are a fixed coverage list so that, from
//! about 50 cases, every section of the Today list and of the end-of-day
//! summary has something in it.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::caps::{self, ConditionKind as K, ConditionObject as O};
use crate::domain::checklist::{self, Answer, AnswerEntry, Answers, ChecklistSection, Decision, RiskSeverity};
use crate::domain::rules::Rules;
use crate::domain::status::{BreachDecision, DisposalType, OffenceMode, RjStatus};
use crate::domain::types::{
    AgreementItemKind, CjsStage, ContactChannel, DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus, Service,
    Source,
};
use crate::domain::workdays::WorkCalendar;
use crate::store::model::{
    BreachOutcome, CaseFlags, ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition,
    NewContact, NewDecision, NewDisposal, NewPerson, NewProcess, NewProvider, PartyLink,
};
use crate::store::{Store, StoreResult, Tx};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub cases: u32,
    pub seed: u64,
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub cases: u32,
    pub people: u32,
    pub conditions: u32,
    pub agreement_items: u32,
    pub contacts: u32,
    pub processes: u32,
    pub breaches: u32,
    /// Cases closed (each with a retention review booked).
    pub closed: u32,
}

/// Fill `store` with `opts.cases` invented cases as of `opts.today`, in one
/// transaction (all or nothing).
pub fn generate(store: &mut Store, opts: &DemoOptions) -> StoreResult<DemoReport> {
    let rules = store.rules()?;
    let calendar = store.calendar()?;
    let today = opts.today;
    let next_wd = calendar.next_working_day(today);
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let plans = plan_cases(&mut rng, opts.cases, today, &calendar);
    store.write(|tx| {
        let mut g = Gen {
            tx,
            rng,
            cal: &calendar,
            rules: &rules,
            today,
            next_wd,
            providers: Providers::default(),
            coordinators: Vec::new(),
            used_refs: HashSet::new(),
            doc_seq: 0,
            report: DemoReport::default(),
        };
        g.reference_data()?;
        for p in &plans {
            match p.plan {
                Plan::Oocd(d, s) => g.oocd_case(p, d, s)?,
                Plan::Rj(service, s) => g.rj_case(p, service, s)?,
            }
        }
        Ok(g.report)
    })
}

// ============================================================== vocabulary

const GIVEN: &[&str] = &[
    "Amira", "Ben", "Chloe", "Dariusz", "Ebony", "Farhan", "Grace", "Hamza", "Isla", "Jamal", "Kasia", "Liam", "Mei",
    "Nathan", "Olu", "Priya", "Quinn", "Rhys", "Siobhan", "Tariq", "Una", "Viktor", "Wanjiru", "Xander", "Yasmin",
    "Zoltan", "Aisha", "Callum", "Deepa", "Eilidh", "Femi", "Gethin", "Hana", "Ioana", "Jack", "Keisha", "Lukas",
    "Maryam", "Niamh", "Oscar", "Precious", "Ryan", "Sana", "Tyler",
];

const FAMILY: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Bhatt",
    "Brennan",
    "Carvalho",
    "Chowdhury",
    "Dlamini",
    "Doherty",
    "Evans",
    "Fenwick",
    "Gallagher",
    "Gill",
    "Haddad",
    "Hughes",
    "Ibrahim",
    "Jankowski",
    "Kaur",
    "Kelly",
    "Lindqvist",
    "Lowe",
    "Mahmood",
    "Marsh",
    "Nowak",
    "Nwosu",
    "O'Connell",
    "Okafor",
    "Patel",
    "Pritchard",
    "Quayle",
    "Rahman",
    "Rossi",
    "Sandhu",
    "Szabo",
    "Thorne",
    "Uddin",
    "Vasquez",
    "Walsh",
    "Whitfield",
    "Yilmaz",
    "Zielinski",
    "Mensah",
    "Popescu",
];

const STREETS: &[&str] = &[
    "Larkspur Road",
    "Tannery Lane",
    "Quarry Hill",
    "Mill Race Close",
    "Ashdown Terrace",
    "Foundry Street",
    "Beacon Walk",
    "Kestrel Way",
    "Orchard Rise",
    "Canal Row",
    "Weavers Court",
    "Linnet Drive",
    "Pennant Avenue",
    "Saltings Road",
    "Hopfield Crescent",
    "Brindle Street",
    "Cobbler's Yard",
    "Fennel Grove",
    "Wharf Road",
    "Stonebridge Lane",
];

/// Districts of the invented town; KV is not a real postcode area.
const AREAS: &[(&str, u8)] =
    &[("Northgate", 1), ("Riverside", 2), ("Eastfield", 3), ("Old Town", 4), ("Harbour End", 5), ("Westmoor", 6)];

const LANGUAGES: &[&str] = &["Polish", "Romanian", "Urdu", "Punjabi", "Arabic", "Portuguese", "Somali", "Tigrinya"];

const OFFICERS: &[&str] = &[
    "PC 1187 Hannah Osei",
    "PC 2417 Daniel Achterberg",
    "DC Marcus Lindqvist",
    "PCSO 6032 Ravi Chaudhry",
    "Sgt 904 Bethan Lloyd",
    "PC 3350 Kerry-Ann Baptiste",
    "DC Fiona McAllister",
    "PC 1762 Josef Horvath",
];

const AUTHORISERS: &[&str] = &["Sgt 904 Bethan Lloyd", "Insp Joanna Brightwater", "Sgt 655 Adeel Qureshi"];

const MANAGER: &str = "Helen Adebayo (RJ service manager)";

const CO_FACILITATORS: &[&str] =
    &["Ruth Acheson (volunteer facilitator)", "Kwame Boateng (volunteer facilitator)", "Lena Fischer (volunteer)"];

const VENUES: &[&str] = &[
    "Kelvington Community Centre, Room 2",
    "Eastfield Library meeting room",
    "Northgate Police Station, family room",
    "Riverside Methodist Hall, side room",
    "Kelvington Civic Offices, interview suite B",
];

const REFRESHMENTS: &[&str] = &["tea, coffee and biscuits", "water and fruit", "tea and coffee (ordered)", "none"];

/// A typical OOCD offence (DOMAIN.md §5: low-level offences and ASB).
struct Offence {
    desc: &'static str,
    mode: OffenceMode,
    harm: &'static str,
    victim: Victim,
    hate: bool,
    familial_da: bool,
    youth_ok: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Victim {
    Person,
    Business,
    None,
}

const fn off(desc: &'static str, mode: OffenceMode, harm: &'static str, victim: Victim, youth_ok: bool) -> Offence {
    Offence { desc, mode, harm, victim, hate: false, familial_da: false, youth_ok }
}

const OOCD_OFFENCES: &[Offence] = &[
    off(
        "Criminal damage: dented the door panel of a neighbour's car",
        OffenceMode::EitherWay,
        "Dent to driver's door; repair quote £180",
        Victim::Person,
        true,
    ),
    off(
        "Shoplifting: food and toiletries (under £200) from a convenience store",
        OffenceMode::SummaryOnly,
        "Goods worth £46 taken; most recovered",
        Victim::Business,
        true,
    ),
    off(
        "Common assault: pushed a man during an argument outside a takeaway",
        OffenceMode::SummaryOnly,
        "Bruised arm; victim shaken",
        Victim::Person,
        true,
    ),
    off(
        "Theft from a motor vehicle: sat-nav taken from an unlocked van",
        OffenceMode::EitherWay,
        "Sat-nav worth £120 not recovered",
        Victim::Person,
        false,
    ),
    off(
        "Public order (s.4): threatening words to a bus driver",
        OffenceMode::SummaryOnly,
        "Driver frightened; service delayed 20 minutes",
        Victim::Person,
        true,
    ),
    off(
        "Public order (s.5): shouting abuse in the town centre late at night",
        OffenceMode::SummaryOnly,
        "Alarm and distress to a passer-by",
        Victim::Person,
        true,
    ),
    off(
        "Harassment: repeated unwanted messages to a former friend",
        OffenceMode::SummaryOnly,
        "Anxiety; victim changed phone number",
        Victim::Person,
        true,
    ),
    off(
        "Criminal damage: graffiti tags on a community centre wall",
        OffenceMode::EitherWay,
        "Cleaning cost £240",
        Victim::Business,
        true,
    ),
    off(
        "Making off without payment: £38 of fuel",
        OffenceMode::EitherWay,
        "Loss of £38 to the filling station",
        Victim::Business,
        false,
    ),
    off(
        "Theft of a pedal cycle from outside a college",
        OffenceMode::EitherWay,
        "Bike worth £300 recovered with a bent wheel",
        Victim::Person,
        true,
    ),
    off(
        "Possession of cannabis (small amount, personal use)",
        OffenceMode::EitherWay,
        "No direct victim",
        Victim::None,
        true,
    ),
    off(
        "Assault by beating: slapped a door supervisor",
        OffenceMode::SummaryOnly,
        "Reddening to the face; no lasting injury",
        Victim::Person,
        false,
    ),
    off(
        "Drunk and disorderly outside licensed premises",
        OffenceMode::SummaryOnly,
        "No direct victim",
        Victim::None,
        false,
    ),
    off(
        "Malicious communications: abusive social media posts about a neighbour",
        OffenceMode::EitherWay,
        "Distress; victim reluctant to leave home",
        Victim::Person,
        true,
    ),
    Offence {
        desc: "Racially aggravated public order (s.4A): abuse towards a shop worker",
        mode: OffenceMode::EitherWay,
        harm: "Shop worker upset and took two days off work",
        victim: Victim::Person,
        hate: true,
        familial_da: false,
        youth_ok: false,
    },
    Offence {
        desc: "Criminal damage: smashed a window at a parent's home during an argument",
        mode: OffenceMode::EitherWay,
        harm: "Broken window (£150); parent frightened",
        victim: Victim::Person,
        hate: false,
        familial_da: true,
        youth_ok: false,
    },
];

/// A restorative justice referral (DOMAIN.md §9.5: any stage of the CJS).
struct RjOffence {
    desc: &'static str,
    mode: OffenceMode,
    harm: &'static str,
    stage: CjsStage,
    sources: &'static [Source],
    youth: bool,
    hate: bool,
    familial_da: bool,
}

const fn rj(
    desc: &'static str,
    mode: OffenceMode,
    harm: &'static str,
    stage: CjsStage,
    sources: &'static [Source],
    youth: bool,
) -> RjOffence {
    RjOffence { desc, mode, harm, stage, sources, youth, hate: false, familial_da: false }
}

const RJ_OFFENCES: &[RjOffence] = &[
    rj(
        "Burglary of a dwelling: rear door forced, laptop and jewellery taken",
        OffenceMode::EitherWay,
        "Loss of a late mother's rings; family no longer feels safe at home",
        CjsStage::PostSentenceCommunity,
        &[Source::Probation, Source::VictimSelf, Source::VictimServices],
        false,
    ),
    rj(
        "Robbery of a mobile phone from a teenager at a bus stop",
        OffenceMode::IndictableOnly,
        "Young victim anxious about travelling alone",
        CjsStage::PostSentenceCustody,
        &[Source::Prison, Source::VictimServices],
        false,
    ),
    rj(
        "Assault occasioning actual bodily harm after a road-rage incident",
        OffenceMode::EitherWay,
        "Broken nose; time off work",
        CjsStage::PostChargePreSentence,
        &[Source::CourtPresentence, Source::Police],
        false,
    ),
    rj(
        "Criminal damage to a village hall during a party",
        OffenceMode::EitherWay,
        "Repairs of about £900 for a volunteer-run hall",
        CjsStage::PreChargeOocd,
        &[Source::Police, Source::OocdCondition],
        false,
    ),
    rj(
        "Theft by an employee from a corner shop till",
        OffenceMode::EitherWay,
        "£420 taken over six weeks; owner feels betrayed",
        CjsStage::PreChargeOocd,
        &[Source::Police, Source::OocdCondition],
        false,
    ),
    rj(
        "Arson: set fire to a wheelie bin pushed against a garage",
        OffenceMode::EitherWay,
        "Scorched garage door; family's car nearly caught",
        CjsStage::PreChargeOocd,
        &[Source::Yot, Source::Police],
        true,
    ),
    rj(
        "Dangerous driving: car left the road and demolished a garden wall",
        OffenceMode::EitherWay,
        "Wall and shrubs destroyed; elderly owner shaken",
        CjsStage::PostSentenceCommunity,
        &[Source::Probation],
        false,
    ),
    rj(
        "Theft of a charity collection box from a café counter",
        OffenceMode::EitherWay,
        "About £60 of donations lost",
        CjsStage::PreChargeOocd,
        &[Source::Yot, Source::Police],
        true,
    ),
    rj(
        "Anti-social behaviour: stones thrown at a bus",
        OffenceMode::SummaryOnly,
        "Cracked window; driver and passengers frightened",
        CjsStage::PreChargeOocd,
        &[Source::Yot, Source::Police],
        true,
    ),
    rj(
        "Burglary of a garden shed: power tools taken",
        OffenceMode::EitherWay,
        "Tools worth £650 needed for work",
        CjsStage::PostSentenceCommunity,
        &[Source::Police, Source::VictimSelf, Source::Probation],
        false,
    ),
    RjOffence {
        desc: "Racially aggravated harassment of a takeaway owner",
        mode: OffenceMode::EitherWay,
        harm: "Owner and staff fearful; business lost evening trade",
        stage: CjsStage::PostSentenceCommunity,
        sources: &[Source::VictimServices, Source::Police],
        youth: false,
        hate: true,
        familial_da: false,
    },
    RjOffence {
        desc: "Assault on a parent during a family argument (familial)",
        mode: OffenceMode::SummaryOnly,
        harm: "Bruising; parent wants the relationship repaired",
        stage: CjsStage::PreChargeOocd,
        sources: &[Source::VictimSelf],
        youth: false,
        hate: false,
        familial_da: true,
    },
];

/// Neighbour and community disputes (DOMAIN.md §9.10).
const DISPUTES: &[(&str, &str)] = &[
    ("Neighbour noise dispute: late-night music and parties", "Sleep disrupted for months; shift worker affected"),
    ("Boundary dispute over a hedge and a replaced fence", "Arguments in the street; both households stressed"),
    ("Parking dispute over a shared driveway", "Blocked access; shouting matches"),
    ("Dispute over children's ball games and a dented car", "Children told not to play out; car damaged"),
    ("Dog barking and fouling in a shared garden", "Garden unusable; complaints to the landlord"),
    ("Shared bins and rubbish left in a communal area", "Smell and vermin; tension on the landing"),
    ("Verbal abuse between neighbours over a CCTV camera", "Both parties feel watched and threatened"),
    ("Noise from DIY and a home business in the evenings", "Young children woken; relations broken down"),
];

// ================================================================= planning

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OStage {
    Draft,
    Issued,
    Active,
    AtRisk,
    BreachSuspected,
    BreachReferred,
    /// Left in VARIED: the variation is agreed, the restart not yet recorded.
    Varied,
    /// Breach decided "vary conditions": back to ACTIVE with a new due date.
    VariedRestarted,
    Prosecution,
    Completed,
    Closed,
    ClosedNfa,
    ClosedProsecuted,
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RStage {
    Received,
    SenseCheck,
    AwaitingInfo,
    RiskIncomplete,
    RiskReferToManager,
    Suitable,
    NotSuitableClosed,
    Logged,
    Transferred,
    Contacting,
    Preparation,
    Arranged,
    Held,
    Monitoring,
    Closed,
    Withdrawn,
    Paused,
}

#[derive(Debug, Clone, Copy)]
enum Plan {
    Oocd(DisposalType, OStage),
    Rj(Service, RStage),
}

/// One case to make. For an OOCD case `end` is the issue date (the date
/// received for a draft); for a referral it is the date of its last status change.
#[derive(Debug, Clone)]
struct Planned {
    plan: Plan,
    received: NaiveDate,
    end: NaiveDate,
    /// Nothing about the case happens after this day (today, or the closure
    /// date of a case closed years ago).
    horizon: NaiveDate,
    /// Its today-event happens today (received / decided / completed / breach
    /// found / meeting), with a contact logged today.
    anchor: bool,
    /// It has a follow-up due on or before today.
    follow_up: bool,
    archived: bool,
}

/// Cases that make every Today section and every summary line non-empty;
/// generated first, in this order, so even a small demo covers the most.
const COVERAGE: &[(Plan, bool)] = {
    use DisposalType as D;
    use Plan::{Oocd, Rj};
    use Service::{Mediation as M, RestorativeJustice as R};
    &[
        (Rj(R, RStage::Received), true),
        (Oocd(D::AdultConditionalCaution, OStage::Active), true),
        (Rj(R, RStage::Monitoring), true),
        (Rj(R, RStage::Arranged), true),
        (Oocd(D::CommunityResolution, OStage::Closed), false), // archived (see plan_cases)
        (Rj(R, RStage::RiskReferToManager), true),
        (Rj(M, RStage::SenseCheck), false),
        (Rj(M, RStage::Arranged), true),
        (Oocd(D::AdultConditionalCaution, OStage::BreachSuspected), true),
        (Rj(R, RStage::Suitable), true),
        (Rj(R, RStage::Closed), false), // archived
        (Oocd(D::CommunityResolution, OStage::Active), true),
        (Oocd(D::YouthConditionalCaution, OStage::Active), false),
        (Oocd(D::AdultConditionalCaution, OStage::Completed), true),
        (Rj(R, RStage::RiskIncomplete), false),
        (Oocd(D::AdultConditionalCaution, OStage::BreachReferred), false),
        (Oocd(D::CommunityResolution, OStage::AtRisk), false),
        (Oocd(D::AdultConditionalCaution, OStage::VariedRestarted), true),
        (Oocd(D::YouthConditionalCaution, OStage::Varied), false),
        (Rj(M, RStage::Monitoring), false),
        (Oocd(D::CommunityResolution, OStage::Closed), false),
        (Oocd(D::AdultConditionalCaution, OStage::Closed), false),
        (Oocd(D::AdultConditionalCaution, OStage::ClosedProsecuted), false),
        (Oocd(D::CommunityResolution, OStage::Draft), false),
        (Oocd(D::AdultConditionalCaution, OStage::Issued), false),
        (Oocd(D::CommunityResolution, OStage::Withdrawn), false),
        (Oocd(D::YouthCaution, OStage::Closed), false),
        (Oocd(D::DiversionaryCaution, OStage::Active), false),
        (Oocd(D::CommunityCaution, OStage::Active), false),
        (Rj(R, RStage::AwaitingInfo), false),
        (Rj(R, RStage::NotSuitableClosed), false),
        (Rj(R, RStage::Logged), false),
        (Rj(R, RStage::Transferred), false),
        (Rj(R, RStage::Contacting), false),
        (Rj(M, RStage::Preparation), false),
        (Rj(R, RStage::Held), false),
        (Rj(M, RStage::Closed), false),
        (Rj(R, RStage::Withdrawn), false),
        (Rj(M, RStage::Paused), false),
        (Oocd(D::YouthConditionalCaution, OStage::Completed), false),
        (Oocd(D::AdultConditionalCaution, OStage::ClosedNfa), false),
        (Rj(M, RStage::Received), true),
        (Oocd(D::AdultConditionalCaution, OStage::Prosecution), false),
        (Oocd(D::CommunityResolution, OStage::Completed), false),
        (Oocd(D::YouthConditionalCaution, OStage::Closed), false),
        (Rj(R, RStage::Preparation), false),
    ]
};

/// Indexes into COVERAGE of the cases closed six or more years ago.
const COVERAGE_ARCHIVED: &[usize] = &[4, 10];

fn weighted<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (value, weight) in table {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    table[0].0
}

fn random_plan(rng: &mut ChaCha8Rng) -> (Plan, bool) {
    use DisposalType as D;
    let service = weighted(rng, &[(0u8, 55), (1, 30), (2, 13), (3, 2)]);
    match service {
        0 => {
            let disposal = weighted(
                rng,
                &[
                    (D::CommunityResolution, 45),
                    (D::AdultConditionalCaution, 30),
                    (D::YouthConditionalCaution, 15),
                    (D::YouthCaution, 4),
                    (D::DiversionaryCaution, 3),
                    (D::CommunityCaution, 3),
                ],
            );
            let mut stage = weighted(
                rng,
                &[
                    (OStage::Draft, 5),
                    (OStage::Issued, 5),
                    (OStage::Active, 25),
                    (OStage::AtRisk, 8),
                    (OStage::BreachSuspected, 5),
                    (OStage::BreachReferred, 5),
                    (OStage::Varied, 2),
                    (OStage::VariedRestarted, 3),
                    (OStage::Prosecution, 1),
                    (OStage::Completed, 10),
                    (OStage::Closed, 25),
                    (OStage::ClosedNfa, 2),
                    (OStage::ClosedProsecuted, 2),
                    (OStage::Withdrawn, 4),
                ],
            );
            if !disposal.has_breach_workflow() && breach_stage(stage) {
                stage = if stage == OStage::ClosedProsecuted || stage == OStage::ClosedNfa {
                    OStage::Closed
                } else {
                    OStage::Active
                };
            }
            if disposal == D::CommunityCaution && matches!(stage, OStage::Prosecution | OStage::ClosedProsecuted) {
                stage = OStage::ClosedNfa;
            }
            if disposal == D::YouthCaution && !matches!(stage, OStage::Draft | OStage::Issued | OStage::Withdrawn) {
                stage = OStage::Closed;
            }
            (Plan::Oocd(disposal, stage), false)
        }
        1 | 2 => {
            let svc = if service == 1 { Service::RestorativeJustice } else { Service::Mediation };
            let stage = weighted(
                rng,
                &[
                    (RStage::Received, 4),
                    (RStage::SenseCheck, 4),
                    (RStage::AwaitingInfo, 4),
                    (RStage::RiskIncomplete, 4),
                    (RStage::RiskReferToManager, 3),
                    (RStage::Suitable, 3),
                    (RStage::NotSuitableClosed, 5),
                    (RStage::Logged, 3),
                    (RStage::Transferred, 4),
                    (RStage::Contacting, 7),
                    (RStage::Preparation, 7),
                    (RStage::Arranged, 6),
                    (RStage::Held, 3),
                    (RStage::Monitoring, 10),
                    (RStage::Closed, 25),
                    (RStage::Withdrawn, 7),
                    (RStage::Paused, 3),
                ],
            );
            (Plan::Rj(svc, stage), false)
        }
        _ => {
            let plan = match rng.random_range(0..4) {
                0 => Plan::Oocd(D::AdultConditionalCaution, OStage::Closed),
                1 => Plan::Oocd(D::CommunityResolution, OStage::Closed),
                2 => Plan::Rj(Service::Mediation, RStage::Closed),
                _ => Plan::Rj(Service::RestorativeJustice, RStage::Closed),
            };
            (plan, true)
        }
    }
}

fn breach_stage(s: OStage) -> bool {
    matches!(
        s,
        OStage::BreachSuspected
            | OStage::BreachReferred
            | OStage::Varied
            | OStage::VariedRestarted
            | OStage::Prosecution
            | OStage::ClosedNfa
            | OStage::ClosedProsecuted
    )
}

/// Nominal working days from receipt to the last status change of a referral.
fn rj_span(stage: RStage) -> u32 {
    match stage {
        RStage::Received => 0,
        RStage::SenseCheck => 1,
        RStage::AwaitingInfo => 3,
        RStage::RiskIncomplete => 5,
        RStage::RiskReferToManager => 8,
        RStage::Suitable | RStage::NotSuitableClosed => 10,
        RStage::Logged => 12,
        RStage::Transferred => 14,
        RStage::Withdrawn => 18,
        RStage::Contacting => 20,
        RStage::Paused => 25,
        RStage::Preparation => 30,
        RStage::Arranged => 40,
        RStage::Held | RStage::Monitoring => 50,
        RStage::Closed => 70,
    }
}

fn plan_cases(rng: &mut ChaCha8Rng, n: u32, today: NaiveDate, cal: &WorkCalendar) -> Vec<Planned> {
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n as usize {
        let (plan, anchor, archived) = match COVERAGE.get(i) {
            Some(&(plan, anchor)) => (plan, anchor, COVERAGE_ARCHIVED.contains(&i)),
            None => {
                let (plan, archived) = random_plan(rng);
                (plan, false, archived)
            }
        };
        out.push(plan_dates(rng, plan, anchor, archived, today, cal));
    }
    // Cases arrive in date order, so references number upwards with time.
    out.sort_by_key(|p| p.received);
    out
}

fn plan_dates(
    rng: &mut ChaCha8Rng,
    plan: Plan,
    anchor: bool,
    archived: bool,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Planned {
    // Old closed cases: closed six years ago or more, so the retention review is due.
    let horizon = if archived {
        let six_years_ago = today.with_year(today.year() - 6).unwrap_or(today - Duration::days(6 * 365));
        wd_on_or_before(cal, six_years_ago - Duration::days(rng.random_range(3..400)))
    } else {
        today
    };
    let sub = |rng: &mut ChaCha8Rng, d: NaiveDate, lo: u32, hi: u32| sub_wd(cal, d, rng.random_range(lo..=hi));
    let (received, end) = match plan {
        Plan::Oocd(_, stage) => match stage {
            OStage::Draft => {
                let r = if anchor { today } else { sub(rng, today, 0, 8) };
                (r, r)
            }
            OStage::Withdrawn => {
                let r = wd_on_or_before(cal, today - Duration::days(rng.random_range(10..200)));
                (r, add_wd(cal, r, rng.random_range(2..=8)).min(today))
            }
            OStage::Issued => {
                let i = if anchor { today } else { sub(rng, today, 0, 3) };
                (sub(rng, i, 2, 12), i)
            }
            OStage::Active
            | OStage::AtRisk
            | OStage::BreachSuspected
            | OStage::BreachReferred
            | OStage::Varied
            | OStage::VariedRestarted => {
                let i = sub(rng, today, 12, 70);
                (sub(rng, i, 2, 15), i)
            }
            OStage::Completed => {
                let i = sub(rng, today, 15, 70);
                (sub(rng, i, 2, 15), i)
            }
            OStage::Prosecution | OStage::Closed | OStage::ClosedNfa | OStage::ClosedProsecuted => {
                let back = if archived { rng.random_range(60..120) } else { rng.random_range(50..230) };
                let i = wd_on_or_before(cal, horizon - Duration::days(back));
                (sub(rng, i, 2, 15), i)
            }
        },
        Plan::Rj(_, stage) => {
            let end = match stage {
                RStage::Closed | RStage::NotSuitableClosed | RStage::Withdrawn => {
                    let back = if archived { 0 } else { rng.random_range(0..200) };
                    wd_on_or_before(cal, horizon - Duration::days(back))
                }
                // A meeting is arranged, and an agreement monitored, for a while
                // before today; their today-events are the meeting and the due items.
                RStage::Paused | RStage::Monitoring => sub(rng, today, 5, 40),
                RStage::Arranged => sub(rng, today, 1, 10),
                _ if anchor => today,
                RStage::Received | RStage::SenseCheck => sub(rng, today, 0, 4),
                _ => sub(rng, today, 0, 10),
            };
            let span = rj_span(stage);
            let received = if span == 0 { end } else { sub(rng, end, span, span + span / 2) };
            (received, end)
        }
    };
    let terminal = matches!(
        plan,
        Plan::Oocd(_, OStage::Closed | OStage::ClosedNfa | OStage::ClosedProsecuted | OStage::Withdrawn)
            | Plan::Rj(_, RStage::Closed | RStage::NotSuitableClosed | RStage::Withdrawn)
    );
    let follow_up = !terminal && (anchor || rng.random_bool(0.12));
    Planned { plan, received, end: end.max(received), horizon, anchor, follow_up, archived }
}

// ============================================================ working days
//
// Stepping day by day: the gaps used here are a few working days, for which
// this is much cheaper than the calendar's binary search over all time.

fn add_wd(cal: &WorkCalendar, mut d: NaiveDate, n: u32) -> NaiveDate {
    let mut k = 0;
    while k < n {
        d = d.succ_opt().unwrap_or(d);
        if cal.is_working_day(d) {
            k += 1;
        }
    }
    d
}

fn sub_wd(cal: &WorkCalendar, mut d: NaiveDate, n: u32) -> NaiveDate {
    let mut k = 0;
    while k < n {
        d = d.pred_opt().unwrap_or(d);
        if cal.is_working_day(d) {
            k += 1;
        }
    }
    d
}

fn wd_on_or_before(cal: &WorkCalendar, mut d: NaiveDate) -> NaiveDate {
    while !cal.is_working_day(d) {
        d = d.pred_opt().unwrap_or(d);
    }
    d
}

/// Walks a case forward from receipt in working-day steps, never past `end`.
struct Clock {
    at: NaiveDate,
    end: NaiveDate,
}

impl Clock {
    fn tick(&mut self, cal: &WorkCalendar, wd: u32) -> NaiveDate {
        self.at = add_wd(cal, self.at, wd).min(self.end).max(self.at);
        self.at
    }

    fn finish(&mut self) -> NaiveDate {
        self.at = self.end.max(self.at);
        self.at
    }
}

// ============================================================== generation

#[derive(Default)]
struct Providers {
    alcohol: i64,
    drugs: i64,
    unpaid: i64,
    victim_awareness: i64,
    anger: i64,
    yot: i64,
}

struct Gen<'g, 'tx> {
    tx: &'g mut Tx<'tx>,
    rng: ChaCha8Rng,
    cal: &'g WorkCalendar,
    rules: &'g Rules,
    today: NaiveDate,
    next_wd: NaiveDate,
    providers: Providers,
    coordinators: Vec<(i64, &'static str)>,
    used_refs: HashSet<String>,
    doc_seq: u32,
    report: DemoReport,
}

/// The people of a case, by role.
#[derive(Default)]
struct Parties {
    offender: Option<i64>,
    offender_name: String,
    harmed: Option<i64>,
    harmed_name: String,
    parent: Option<i64>,
}

/// When a condition falls due, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    Done,
    /// Done, and completed today.
    DoneToday,
    Overdue,
    Today,
    Soon,
    Later,
    /// Missed: a breach is recorded against it.
    Breach,
}

impl Gen<'_, '_> {
    // ---- small random helpers ----

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        *xs.choose(&mut self.rng).expect("non-empty list")
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        self.rng.random_range(lo..=hi)
    }

    fn add_wd(&self, d: NaiveDate, n: u32) -> NaiveDate {
        add_wd(self.cal, d, n)
    }

    fn sub_wd(&self, d: NaiveDate, n: u32) -> NaiveDate {
        sub_wd(self.cal, d, n)
    }

    /// `d` plus a random number of working days from lo to hi.
    fn add_rwd(&mut self, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
        let n = self.rng.random_range(lo..=hi);
        add_wd(self.cal, d, n)
    }

    fn sub_rwd(&mut self, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
        let n = self.rng.random_range(lo..=hi);
        sub_wd(self.cal, d, n)
    }

    /// A working day chosen evenly in [lo, hi] (lo if the range is empty).
    fn day_between(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        if hi <= lo {
            return lo;
        }
        let d = lo + Duration::days(self.between(0, (hi - lo).num_days()));
        wd_on_or_before(self.cal, d).max(lo)
    }

    fn phone(&mut self) -> String {
        format!("07700 900{:03}", self.between(0, 999))
    }

    fn crime_ref(&mut self, offence_date: NaiveDate) -> String {
        loop {
            let r = format!("CR/{:06}/{:02}", self.between(1, 999_999), offence_date.year() % 100);
            if self.used_refs.insert(r.clone()) {
                return r;
            }
        }
    }

    fn doc_ref(&mut self, prefix: &str, on: NaiveDate) -> String {
        self.doc_seq += 1;
        format!("{prefix}/{:02}/{:05}", on.year() % 100, self.doc_seq)
    }

    fn address(&mut self) -> String {
        let (area, district) = self.pick(AREAS);
        let street = self.pick(STREETS);
        let number = self.between(1, 140);
        let letters = b"ABDEFGHJLNPQRSTUWXYZ";
        let l1 = letters[self.between(0, letters.len() as i64 - 1) as usize] as char;
        let l2 = letters[self.between(0, letters.len() as i64 - 1) as usize] as char;
        format!("{number} {street}, {area}, Kelvington KV{district} {}{l1}{l2}", self.between(1, 9))
    }

    /// An invented person; `age_at` gives an age (from lo to hi) on a date.
    fn new_person(&mut self, family: Option<&str>, age_at: Option<(NaiveDate, u32, u32)>) -> NewPerson {
        let given = self.pick(GIVEN);
        let family = family.unwrap_or_else(|| self.pick(FAMILY)).to_string();
        let mut p = NewPerson::named(given, &family);
        p.dob = age_at.map(|(on, lo, hi)| {
            let age = self.rng.random_range(lo..=hi);
            let anniversary = on.with_year(on.year() - age as i32).unwrap_or(on - Duration::days(365 * age as i64));
            anniversary - Duration::days(self.between(1, 360))
        });
        p.phone = Some(self.phone());
        let handle: String = family.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        p.email = self
            .chance(0.8)
            .then(|| format!("{}.{}{}@example.org", given.to_lowercase(), handle.to_lowercase(), self.between(1, 99)));
        p.address = Some(self.address());
        p.contact_pref = Some(self.pick(&["phone", "phone", "email", "letter", "sms"]).to_string());
        if self.chance(0.05) {
            p.interpreter_language = Some(self.pick(LANGUAGES).to_string());
        }
        p
    }

    fn party(
        &mut self,
        case_id: i64,
        p: &NewPerson,
        role: PartyRole,
        category: DataSubjectCategory,
    ) -> StoreResult<i64> {
        self.report.people += 1;
        self.tx.add_party(case_id, p, PartyLink { role, category })
    }

    #[allow(clippy::too_many_arguments)]
    fn contact(
        &mut self,
        case_id: i64,
        person_id: Option<i64>,
        on: NaiveDate,
        channel: ContactChannel,
        outgoing: bool,
        summary: &str,
        outcome: Option<&str>,
        follow_up_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        self.report.contacts += 1;
        self.tx
            .log_contact(&NewContact {
                case_id,
                person_id,
                occurred_on: on,
                channel,
                outgoing,
                summary: summary.to_string(),
                outcome: outcome.map(str::to_string),
                follow_up_on,
            })
            .map(|_| ())
    }

    /// The follow-up (and today's call) that leaves an open case on the Today list.
    fn closing_contacts(&mut self, case_id: i64, p: &Planned, person: Option<i64>, last: NaiveDate) -> StoreResult<()> {
        if p.anchor {
            let (summary, outcome) = self.pick(&[
                ("Phoned to confirm the next step", "Confirmed; will call back if anything changes"),
                ("Called to check on progress", "Left voicemail; text sent"),
                ("Email update sent and acknowledged", "Acknowledged the same day"),
            ]);
            self.contact(case_id, person, self.today, ContactChannel::Phone, true, summary, Some(outcome), None)?;
        }
        if p.follow_up {
            let due = if p.anchor || self.chance(0.3) { self.today } else { self.sub_rwd(self.today, 1, 6) };
            let on = self.sub_rwd(due, 1, 5).max(p.received).min(self.today);
            let (channel, summary, outcome) = self.pick(&[
                (ContactChannel::Phone, "Left a voicemail asking for a call back", "No answer"),
                (ContactChannel::Letter, "Letter sent asking to confirm availability", "Awaiting reply"),
                (ContactChannel::Phone, "Spoke briefly; asked to ring back after work", "Call back agreed"),
                (ContactChannel::Sms, "Texted a reminder with the desk's number", "Delivered; no reply yet"),
                (ContactChannel::Email, "Emailed the referrer for an update", "Awaiting reply"),
            ]);
            self.contact(case_id, person, on, channel, true, summary, Some(outcome), Some(due))?;
        } else if !p.archived && self.chance(0.3) {
            let due = self.add_rwd(self.today, 2, 12);
            let on = last.min(self.today);
            self.contact(
                case_id,
                person,
                on,
                ContactChannel::Email,
                true,
                "Sent a reminder of the next appointment",
                Some("Read receipt received"),
                Some(due),
            )?;
        }
        Ok(())
    }

    // ---- reference data ----

    fn reference_data(&mut self) -> StoreResult<()> {
        fn provider(tx: &mut Tx<'_>, name: &str, kind: &str, sla: u32, mail: &str, phone: &str) -> StoreResult<i64> {
            tx.add_provider(&NewProvider {
                name: name.to_string(),
                kind: kind.to_string(),
                email: Some(format!("{mail}@example.org")),
                phone: Some(phone.to_string()),
                sla_ack_working_days: sla,
            })
        }
        let tx = &mut *self.tx;
        self.providers = Providers {
            alcohol: provider(
                tx,
                "Northgate Alcohol Awareness",
                "substance_misuse",
                5,
                "alcohol.awareness",
                "01632 960114",
            )?,
            drugs: provider(
                tx,
                "Compass Drug & Alcohol Service",
                "substance_misuse",
                3,
                "referrals.compass",
                "01632 960220",
            )?,
            unpaid: provider(tx, "Riverside Unpaid Work Team", "unpaid_work", 5, "unpaid.work", "01632 960305")?,
            victim_awareness: provider(
                tx,
                "Victim Awareness Course (Eastfield)",
                "course",
                5,
                "victim.awareness",
                "01632 960418",
            )?,
            anger: provider(tx, "Anger Management Programme (Northgate)", "course", 10, "thinkfirst", "01632 960532")?,
            yot: provider(tx, "Kelvington Youth Justice Service", "yot", 2, "yjs.referrals", "01632 960647")?,
        };
        provider(tx, "Kelvington Community Mediation", "mediation", 5, "mediation", "01632 960761")?;
        provider(tx, "Harbourside Victim Care Hub", "other", 2, "victimcare", "01632 960873")?;
        for (name, org, level) in [
            ("Sarah Whitcombe", "Kelvington Restorative Justice Service", "advanced"),
            ("Idris Bello", "Kelvington Restorative Justice Service", "intermediate"),
            ("Magda Kowalczyk", "Kelvington Community Mediation", "advanced"),
            ("Owen Trevelyan", "Kelvington Restorative Justice Service", "foundation"),
        ] {
            let id = self.tx.add_coordinator(name, org, level)?;
            self.coordinators.push((id, name));
        }
        Ok(())
    }

    // ================================================================ OOCD

    fn oocd_case(&mut self, p: &Planned, disposal: DisposalType, stage: OStage) -> StoreResult<()> {
        let youth = disposal.is_youth();
        let offence = loop {
            let o = OOCD_OFFENCES.choose(&mut self.rng).expect("offences");
            let fits = (!youth || o.youth_ok)
                && !(disposal == DisposalType::CommunityResolution && (o.familial_da || o.hate))
                && (disposal == DisposalType::AdultConditionalCaution || !o.familial_da);
            if fits {
                break o;
            }
        };
        let received = p.received;
        let offence_date = received - Duration::days(self.between(1, 20));
        let officer = self.pick(OFFICERS);
        let crime_ref = self.crime_ref(offence_date);
        let mut case = NewCase::new(Service::Oocd, Source::Police, received);
        case.referrer_name = Some(officer.to_string());
        case.referrer_contact = Some(format!("{}@example.org", officer_handle(officer)));
        case.crime_ref = Some(crime_ref);
        case.offence_desc = Some(offence.desc.to_string());
        case.offence_date = Some(offence_date);
        case.offence_mode = Some(offence.mode);
        case.cjs_stage = CjsStage::PreChargeOocd;
        case.flags =
            CaseFlags { domestic_abuse: offence.familial_da, hate_crime: offence.hate, youth, ..CaseFlags::default() };
        case.harm_summary = Some(offence.harm.to_string());
        let key = self.tx.create_case(&case)?;
        self.report.cases += 1;
        let id = key.id;

        // People: the offender (a child of 14–17 for a youth disposal), the
        // person harmed, and for a child a parent and appropriate adult.
        let age = if youth { self.between(14, 17) as u32 } else { self.between(18, 64) as u32 };
        let offender = self.new_person(None, Some((offence_date, age, age)));
        let mut parties = Parties { offender_name: full_name(&offender), ..Parties::default() };
        parties.offender = Some(self.party(id, &offender, PartyRole::Offender, DataSubjectCategory::Suspect)?);
        if youth {
            let parent = self.new_person(Some(&offender.family_name), Some((offence_date, 34, 55)));
            let parent_id = self.party(id, &parent, PartyRole::ParentGuardian, DataSubjectCategory::Other)?;
            parties.parent = Some(parent_id);
            if age <= 16 {
                if self.chance(0.7) {
                    self.tx.link_party(
                        id,
                        parent_id,
                        PartyLink { role: PartyRole::AppropriateAdult, category: DataSubjectCategory::Other },
                    )?;
                } else {
                    let mut aa = self.new_person(None, None);
                    aa.address = Some("Kelvington Appropriate Adult Scheme, Civic Offices, Kelvington KV1 1AA".into());
                    self.party(id, &aa, PartyRole::AppropriateAdult, DataSubjectCategory::Other)?;
                }
            }
        }
        match offence.victim {
            Victim::Person | Victim::Business => {
                let mut harmed = self.new_person(None, Some((offence_date, 19, 82)));
                if offence.victim == Victim::Business {
                    harmed.dob = None;
                    harmed.address = Some(format!("Store manager, {}", self.address()));
                }
                parties.harmed_name =
                    if offence.victim == Victim::Business { "the store".to_string() } else { full_name(&harmed) };
                parties.harmed = Some(self.party(id, &harmed, PartyRole::Harmed, DataSubjectCategory::Victim)?);
            }
            Victim::None => {}
        }
        if self.chance(0.15) {
            let w = self.new_person(None, None);
            self.party(id, &w, PartyRole::Witness, DataSubjectCategory::Witness)?;
        }

        // The disposal: admission, consent, signed document, victim's views (§2.1, §12.3).
        let issued = p.end;
        let decided = self.day_between(received, issued);
        let mut d = NewDisposal::new(disposal);
        d.gravity_score = Some(match disposal {
            DisposalType::CommunityResolution | DisposalType::YouthCaution => self.between(1, 2) as u8,
            _ => self.between(2, 3) as u8,
        });
        d.gravity_matrix = Some(if youth { "Child Gravity Matrix (NPCC)" } else { "NPCC adult gravity matrix" }.into());
        d.decision_rationale = Some(
            self.pick(&[
                "First offence, full admission, victim supports an out-of-court outcome",
                "Low-level offence; offender remorseful and willing to put things right",
                "Gravity score and circumstances support diversion; no previous disposals in 2 years",
                "Victim's views sought; conditions address the harm and the offending behaviour",
            ])
            .into(),
        );
        d.admission_recorded_on = Some(decided);
        d.oic_name = Some(officer.to_string());
        d.oic_contact = Some(self.phone());
        d.authorised_by = Some(self.pick(AUTHORISERS).to_string());
        if offence.victim != Victim::None {
            d.victim_views_sought_on = Some(decided);
            d.victim_views = Some(
                self.pick(&[
                    "Wants an apology and the damage put right",
                    "Happy with an out-of-court outcome; would like compensation",
                    "Does not want to go to court; wants it not to happen again",
                    "Would consider meeting the offender (RJ information given)",
                ])
                .into(),
            );
        } else {
            d.victim_views = Some("No identifiable victim".into());
        }
        if offence.hate && disposal == DisposalType::AdultConditionalCaution {
            d.cps_decision_ref = Some(self.doc_ref("CPS/KV", decided));
        }
        let draft_only = stage == OStage::Draft || (stage == OStage::Withdrawn && self.chance(0.6));
        if !draft_only {
            d.consent_recorded_on = Some(issued);
            d.signed_document_ref = Some(self.doc_ref("SD", issued));
            d.issued_on = Some(issued);
            if let Some((due, rule)) = caps::default_completion_due(self.rules, disposal, issued) {
                d.completion_due = Some(due);
                d.completion_due_rule = Some(rule);
            }
        }
        let completion_due = d.completion_due;
        self.tx.set_disposal(id, &d)?;
        self.contact(
            id,
            None,
            received,
            ContactChannel::Email,
            false,
            "Case file received from the officer in the case",
            Some("Logged for the disposal decision"),
            None,
        )?;

        if stage == OStage::Draft {
            return self.closing_contacts(id, p, parties.offender, received);
        }
        if stage == OStage::Withdrawn {
            if !draft_only {
                self.tx.change_status(id, "issued", issued)?;
            }
            let on = self.add_rwd(issued, 0, 3).min(p.horizon);
            self.tx.change_status(id, "withdrawn", on)?;
            return self.contact(
                id,
                parties.offender,
                on,
                ContactChannel::Phone,
                false,
                "Offender withdrew consent to the out-of-court disposal",
                Some("OIC informed; file returned for a charging decision"),
                None,
            );
        }
        self.tx.change_status(id, "issued", issued)?;

        // Conditions and when each falls due.
        let mut dues: Vec<Due> = match stage {
            OStage::Draft | OStage::Withdrawn => vec![],
            OStage::Issued => vec![Due::Later; self.between(1, 2) as usize],
            OStage::Completed | OStage::Closed if disposal == DisposalType::YouthCaution => vec![],
            OStage::Completed | OStage::Closed => {
                let mut v = vec![Due::Done; self.between(1, 3) as usize];
                if p.anchor {
                    v[0] = Due::DoneToday;
                }
                v
            }
            OStage::Active | OStage::AtRisk => {
                if p.anchor {
                    vec![Due::DoneToday, Due::Overdue, Due::Today, Due::Soon, Due::Later]
                } else {
                    let n = self.between(1, 3);
                    let mut v: Vec<Due> = (0..n).map(|_| self.random_due()).collect();
                    if stage == OStage::AtRisk {
                        v[0] = if self.chance(0.3) { Due::Today } else { Due::Soon };
                    }
                    v
                }
            }
            OStage::BreachSuspected | OStage::BreachReferred | OStage::Varied | OStage::VariedRestarted => {
                let n = self.between(0, 2);
                let mut v = vec![Due::Breach];
                v.extend((0..n).map(|_| self.random_due()));
                v
            }
            OStage::Prosecution | OStage::ClosedNfa | OStage::ClosedProsecuted => {
                let n = self.between(0, 2) as usize;
                let mut v = vec![Due::Breach];
                v.extend(std::iter::repeat_n(Due::Done, n));
                v
            }
        };
        if disposal == DisposalType::YouthCaution {
            dues.clear();
        }
        let templates = condition_templates(disposal);
        let chosen: Vec<usize> = {
            let mut idx: Vec<usize> = (0..templates.len()).collect();
            idx.shuffle(&mut self.rng);
            idx.truncate(dues.len().min(templates.len()));
            idx
        };
        dues.truncate(chosen.len());

        if stage == OStage::Issued {
            for (slot, _) in chosen.iter().zip(&dues) {
                let due = (issued + Duration::days(self.between(28, 90))).min(completion_due.unwrap_or(NaiveDate::MAX));
                self.add_condition(id, disposal, offence.mode, templates[*slot], due, &parties)?;
            }
            self.contact(
                id,
                parties.offender,
                issued,
                ContactChannel::Visit,
                true,
                "Caution administered at the station; conditions explained",
                Some("Signed; copy of conditions given"),
                None,
            )?;
            return self.closing_contacts(id, p, parties.offender, issued);
        }
        self.tx.change_status(id, "active", issued)?;

        // The last day anything happens in this case's own history.
        let horizon = p.horizon;
        let mut last_done = issued;
        let mut breached: Option<(i64, NaiveDate)> = None;
        let mut open_soon = false;
        for (slot, due_kind) in chosen.iter().zip(dues.iter().copied()) {
            let template = templates[*slot];
            let (mut due, done_on) = self.due_dates(due_kind, issued, horizon, completion_due);
            if due_kind == Due::Breach
                && matches!(stage, OStage::Prosecution | OStage::ClosedNfa | OStage::ClosedProsecuted)
            {
                // A breach dealt with long ago: missed a few weeks after issue.
                let latest = (horizon - Duration::days(25)).max(issued + Duration::days(7));
                due = (issued + Duration::days(self.between(20, 60))).min(latest);
            }
            if matches!(due_kind, Due::Today | Due::Soon) {
                open_soon = true;
            }
            let cid = self.add_condition(id, disposal, offence.mode, template, due, &parties)?;
            if let Some(done) = done_on {
                if template.0 == K::RehabCourse && self.chance(0.5) {
                    self.tx.add_compliance_event(
                        cid,
                        done,
                        crate::domain::types::ComplianceEventType::Attended,
                        "Provider confirmed attendance",
                    )?;
                }
                self.tx.complete_condition(cid, done, evidence_for(template.0))?;
                last_done = last_done.max(done);
            }
            if due_kind == Due::Breach {
                breached = Some((cid, due));
            }
        }

        match stage {
            OStage::Active => {}
            OStage::AtRisk => {
                let on = self.sub_rwd(self.today, 0, 2).max(issued);
                if open_soon {
                    self.tx.change_status(id, "at_risk", on)?;
                }
            }
            OStage::Completed | OStage::Closed => {
                let completed = if disposal == DisposalType::YouthCaution {
                    issued
                } else if p.anchor {
                    self.today
                } else {
                    last_done
                };
                self.tx.change_status(id, "completed", completed)?;
                if stage == OStage::Closed {
                    let on = self.add_rwd(completed, 0, 8).min(horizon).max(completed);
                    let outcome = match disposal {
                        DisposalType::CommunityResolution => "Agreed actions completed (HO outcome 8)",
                        DisposalType::YouthConditionalCaution | DisposalType::YouthCaution => {
                            "Youth disposal completed (HO outcome 2)"
                        }
                        DisposalType::AdultConditionalCaution => "All conditions complied with (HO outcome 3)",
                        _ => "Caution completed",
                    };
                    self.close(id, on, outcome)?;
                }
            }
            _ => {
                let (cid, due) = breached.expect("a breach stage has a breached condition");
                self.breach_path(p, id, disposal, stage, cid, due, issued)?;
            }
        }
        let last = last_done.max(issued);
        if !matches!(stage, OStage::Closed | OStage::ClosedNfa | OStage::ClosedProsecuted) {
            self.closing_contacts(id, p, parties.offender, last)?;
        }
        Ok(())
    }

    fn close(&mut self, id: i64, on: NaiveDate, outcome: &str) -> StoreResult<()> {
        self.report.closed += 1;
        self.tx.close_case(id, on, outcome, self.rules)
    }

    fn random_due(&mut self) -> Due {
        weighted(
            &mut self.rng,
            &[(Due::Done, 25), (Due::Overdue, 12), (Due::Today, 6), (Due::Soon, 17), (Due::Later, 40)],
        )
    }

    /// The due date of a condition and, if done, the day it was completed.
    fn due_dates(
        &mut self,
        kind: Due,
        issued: NaiveDate,
        horizon: NaiveDate,
        completion_due: Option<NaiveDate>,
    ) -> (NaiveDate, Option<NaiveDate>) {
        let today = self.today;
        let limit = completion_due.unwrap_or(issued + Duration::days(112));
        match kind {
            Due::Done => {
                let due = issued + Duration::days(self.between(14, 84));
                let latest = due.min(horizon);
                let first = (issued + Duration::days(1)).min(latest);
                let done = self.day_between(first, latest);
                (due, Some(done))
            }
            Due::DoneToday => (today + Duration::days(self.between(0, 30)), Some(today)),
            Due::Overdue | Due::Breach => {
                let earliest = issued + Duration::days(7);
                let latest = today - Duration::days(if kind == Due::Breach { 3 } else { 1 });
                let due = today - Duration::days(self.between(1, 20));
                (due.max(earliest).min(latest).max(issued), None)
            }
            Due::Today => (today, None),
            Due::Soon => (self.add_rwd(today, 1, 5), None),
            Due::Later => {
                let due = today + Duration::days(self.between(12, 50));
                let floor = today + Duration::days(12);
                (if limit > floor { due.min(limit) } else { due }, None)
            }
        }
    }

    fn add_condition(
        &mut self,
        case_id: i64,
        disposal: DisposalType,
        mode: OffenceMode,
        t: CondTemplate,
        due: NaiveDate,
        parties: &Parties,
    ) -> StoreResult<i64> {
        let (kind, object, what) = t;
        let mut c = NewCondition {
            kind,
            object,
            description: String::new(),
            provider_id: None,
            hours_required: None,
            amount_pence: None,
            payee: None,
            restriction_until: None,
            due_on: due,
            due_rule: None,
        };
        let harmed =
            if parties.harmed_name.is_empty() { "the person harmed".to_string() } else { parties.harmed_name.clone() };
        let youth = disposal.is_youth();
        c.description = match kind {
            K::RehabCourse => {
                let (provider, name, hours) = match what {
                    "alcohol" => (self.providers.alcohol, "Northgate Alcohol Awareness", self.between(3, 6)),
                    "anger" => (self.providers.anger, "Anger Management Programme (Northgate)", self.between(8, 12)),
                    _ if youth => (self.providers.yot, "victim awareness sessions (Youth Justice Service)", 3),
                    _ => (self.providers.victim_awareness, "Victim Awareness Course (Eastfield)", 3),
                };
                c.provider_id = Some(provider);
                c.hours_required = Some(hours as f64);
                format!("Attend and complete {name} ({hours} hours)")
            }
            K::RehabReferralSupport => {
                c.provider_id = Some(if youth { self.providers.yot } else { self.providers.drugs });
                c.hours_required = Some(2.0);
                "Attend an assessment and two support sessions about drug and alcohol use".to_string()
            }
            K::UnpaidWork => {
                let cap = match disposal {
                    DisposalType::DiversionaryCaution => 20,
                    DisposalType::CommunityCaution | DisposalType::YouthConditionalCaution => 8,
                    _ => 10,
                };
                let hours = self.between(cap / 2, cap);
                c.hours_required = Some(hours as f64);
                c.provider_id = Some(if youth { self.providers.yot } else { self.providers.unpaid });
                if youth {
                    format!("Complete {hours} hours of reparation activity arranged by the youth justice service")
                } else {
                    format!("Complete {hours} hours of unpaid work with the Riverside Unpaid Work Team")
                }
            }
            K::Attendance => {
                let hours = self.between(2, 6);
                c.hours_required = Some(hours as f64);
                format!("Attend {hours} hours of supervised reparation at the Eastfield community garden")
            }
            K::ReparationApologyLetter => {
                format!("Write a letter of apology to {harmed}, checked by the officer first")
            }
            K::ReparationRepairDamage => "Repair or clean off the damage caused, supervised by the council".to_string(),
            K::ReparationCompensation => {
                let pounds = if youth { self.between(2, 6) * 10 } else { self.between(2, 25) * 10 };
                c.amount_pence = Some(pounds * 100);
                c.payee = Some(harmed.clone());
                format!("Pay £{pounds} compensation to {harmed}")
            }
            K::FinancialPenalty => {
                let cap_pounds = match mode {
                    OffenceMode::SummaryOnly => 50,
                    OffenceMode::EitherWay => 100,
                    OffenceMode::IndictableOnly => 150,
                };
                let pounds = self.between(cap_pounds / 20, cap_pounds / 10) * 10;
                c.amount_pence = Some(pounds * 100);
                c.payee = Some("Kelvington Police (financial penalty account)".into());
                format!("Pay a financial penalty of £{pounds}")
            }
            K::RestrictiveNoContact => {
                c.restriction_until = Some(due);
                format!("Not contact {harmed} directly or indirectly until {due}")
            }
            K::AcceptableBehaviourContract => {
                "Sign and keep to a three-month acceptable behaviour contract".to_string()
            }
            K::ReparationRjParticipation => {
                "Take part in a restorative meeting with the person harmed if they wish".to_string()
            }
            _ => "Other agreed action".to_string(),
        };
        self.report.conditions += 1;
        let (cid, _warnings) = self.tx.add_condition(case_id, &c, self.rules)?;
        Ok(cid)
    }

    #[allow(clippy::too_many_arguments)]
    fn breach_path(
        &mut self,
        p: &Planned,
        id: i64,
        disposal: DisposalType,
        stage: OStage,
        cid: i64,
        due: NaiveDate,
        issued: NaiveDate,
    ) -> StoreResult<()> {
        let horizon = p.horizon;
        let identified = if p.anchor && stage == OStage::BreachSuspected {
            self.today
        } else {
            self.add_rwd(due, 1, 4).min(horizon)
        };
        self.tx.add_compliance_event(
            cid,
            identified,
            crate::domain::types::ComplianceEventType::NonComplianceReported,
            "Provider reports the condition was not completed by the due date",
        )?;
        let excuse = self.chance(0.3);
        let referred = stage != OStage::BreachSuspected;
        let referred_on = self.add_rwd(identified, 0, 2).min(horizon);
        let referred_to = self.pick(&["Officer in the case", "Custody sergeant", "OOCD decision maker (Insp)"]);
        self.report.breaches += 1;
        let breach_id = self.tx.record_breach(
            &NewBreach {
                case_id: id,
                condition_id: Some(cid),
                identified_on: identified,
                description: "Condition not completed by its due date; no contact from the offender".into(),
                reasonable_excuse_claimed: excuse,
                referred_to: referred.then(|| referred_to.to_string()),
                referred_on: referred.then_some(referred_on),
            },
            identified,
        )?;
        let decided_on = if p.anchor { self.today } else { self.add_rwd(referred_on, 1, 6).min(horizon) };
        let decide = |decision, new_due_on, assessment: &str| BreachOutcome {
            decision,
            decision_on: decided_on,
            new_due_on,
            excuse_assessment: Some(assessment.to_string()),
        };
        match stage {
            OStage::BreachSuspected | OStage::BreachReferred => {}
            OStage::Varied => {
                let on = self.add_rwd(referred_on, 1, 4).min(self.today);
                self.tx.change_status(id, "varied", on)?;
                let new_due = self.variation_due(on, issued);
                self.tx.vary_condition_due(
                    cid,
                    new_due,
                    "Variation agreed by the decision maker; signed variation awaited before restart",
                    on,
                    self.rules,
                )?;
            }
            OStage::VariedRestarted => {
                let new_due = self.variation_due(decided_on, issued);
                let outcome = decide(
                    BreachDecision::VaryConditions,
                    Some(new_due),
                    "Reasonable excuse partly accepted (hospital appointment); new date set",
                );
                self.tx.decide_breach(breach_id, &outcome, self.rules)?;
            }
            OStage::ClosedNfa => {
                let assessment = "Reasonable excuse accepted: evidence of illness provided";
                self.tx.decide_breach(
                    breach_id,
                    &decide(BreachDecision::NoFurtherAction, None, assessment),
                    self.rules,
                )?;
                let on = self.add_rwd(decided_on, 0, 5).min(horizon);
                self.close(id, on, "Breach: no further action; caution completed")?;
            }
            OStage::Prosecution | OStage::ClosedProsecuted => {
                let decision = if disposal == DisposalType::CommunityCaution {
                    BreachDecision::FinancialPenaltyImposed
                } else {
                    BreachDecision::ProsecuteOriginalOffence
                };
                let assessment = "No reasonable excuse; offender did not engage after two reminders";
                self.tx.decide_breach(breach_id, &decide(decision, None, assessment), self.rules)?;
                if stage == OStage::ClosedProsecuted {
                    let on = self.add_rwd(decided_on, 5, 25).min(horizon);
                    let outcome = if decision == BreachDecision::ProsecuteOriginalOffence {
                        "Prosecuted for the original offence after breach (HO outcome 1)"
                    } else {
                        "Financial penalty imposed for non-compliance"
                    };
                    self.close(id, on, outcome)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A new due date after a variation: a few weeks on, within the 20-week
    /// ceiling where the issue date still allows it (§2.4).
    fn variation_due(&mut self, from: NaiveDate, issued: NaiveDate) -> NaiveDate {
        let due = from + Duration::days(self.between(10, 35));
        let ceiling = issued + Duration::days(140);
        if ceiling >= from + Duration::days(10) {
            due.min(ceiling)
        } else {
            due
        }
    }

    // ================================================================== RJ

    fn rj_case(&mut self, p: &Planned, service: Service, stage: RStage) -> StoreResult<()> {
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
        let key = self.tx.create_case(&case)?;
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

        self.contact(
            id,
            None,
            received,
            ContactChannel::Email,
            false,
            if mediation { "Mediation referral received" } else { "RJ referral form received" },
            Some("Acknowledged to the referrer"),
            None,
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
            self.tx.set_victim_info_timer(id, due, given)?;
        }

        let mut clk = Clock { at: received, end: p.end };
        let coordinator = self.coordinator().1;
        let mut rc = RjCtx { id, mediation, youth, hate, da, has_crime_ref, coordinator, answers: Answers::new() };
        self.rj_walk(p, &mut rc, &mut clk, stage, &parties)?;
        Ok(())
    }

    fn coordinator(&mut self) -> (i64, &'static str) {
        self.pick(&self.coordinators.clone())
    }

    fn answer(
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
        self.tx.answer_checklist(
            rc.id,
            &ChecklistEntry { item_code: code.to_string(), answer, severity: sev, note: note.to_string() },
            on,
        )
    }

    /// Answer the sense-check items: all yes / n/a, or (incomplete) some left open.
    fn sense_check(&mut self, rc: &mut RjCtx, on: NaiveDate, complete: bool) -> StoreResult<()> {
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
    fn assess(&mut self, rc: &mut RjCtx, on: NaiveDate, variant: u8) -> StoreResult<()> {
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

    fn decide(&mut self, rc: &mut RjCtx, on: NaiveDate, decision: Decision) -> StoreResult<()> {
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
        self.tx.record_decision(
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

    fn status(&mut self, rc: &RjCtx, to: RjStatus, on: NaiveDate) -> StoreResult<()> {
        self.tx.change_status(rc.id, to.as_str(), on)
    }

    fn rj_walk(
        &mut self,
        p: &Planned,
        rc: &mut RjCtx,
        clk: &mut Clock,
        stage: RStage,
        parties: &Parties,
    ) -> StoreResult<()> {
        let cal = self.cal;
        let harmed = parties.harmed;
        let resp = parties.offender;
        // Where a withdrawn or paused referral stops.
        let stop = match stage {
            RStage::Withdrawn => self.pick(&[
                RStage::SenseCheck,
                RStage::Contacting,
                RStage::Preparation,
                RStage::Preparation,
                RStage::Arranged,
            ]),
            RStage::Paused => self.pick(&[RStage::Contacting, RStage::Preparation]),
            s => s,
        };
        let fin = |clk: &mut Clock, last: bool, wd: u32| if last { clk.finish() } else { clk.tick(cal, wd) };

        if stop == RStage::Received {
            return self.closing_contacts(rc.id, p, None, clk.at);
        }
        // Sense-check, with a detour for missing information on some.
        let last = stop == RStage::SenseCheck && stage == stop;
        let on = fin(clk, last, 1);
        self.status(rc, RjStatus::SenseCheck, on)?;
        if stop == RStage::SenseCheck {
            self.sense_check(rc, on, false)?;
            return self.end_rj(p, rc, stage, clk, resp);
        }
        if stop == RStage::AwaitingInfo || self.chance(0.2) {
            self.sense_check(rc, on, false)?;
            let on = fin(clk, stop == RStage::AwaitingInfo, 1);
            self.status(rc, RjStatus::AwaitingInfo, on)?;
            self.contact(
                rc.id,
                None,
                on,
                ContactChannel::Email,
                true,
                "Asked the referrer for dates of birth and consent to share",
                Some("Awaiting reply"),
                if stop == RStage::AwaitingInfo { Some(self.add_wd(on, 3)) } else { None },
            )?;
            if stop == RStage::AwaitingInfo {
                return self.end_rj(p, rc, stage, clk, None);
            }
            let on = clk.tick(cal, 3);
            self.status(rc, RjStatus::SenseCheck, on)?;
        }
        let on = clk.tick(cal, 1);
        self.sense_check(rc, on, true)?;
        let risk_last = stop == RStage::RiskIncomplete;
        let on = fin(clk, risk_last, 2);
        self.status(rc, RjStatus::RiskAssessment, on)?;
        match stop {
            RStage::RiskIncomplete => {
                for code in ["SU_ACCEPTS", "SU_WILLING_HARMED", "SU_CAPACITY"] {
                    self.answer(rc, code, Answer::Yes, None, on)?;
                }
                self.answer(rc, "SU_WILLING_RESP", Answer::Unknown, None, on)?;
                self.answer(rc, "RK_VIOLENCE", Answer::Unknown, None, on)?;
                return self.end_rj(p, rc, stage, clk, harmed);
            }
            RStage::RiskReferToManager => {
                let on = clk.finish();
                self.assess(rc, on, 1)?;
                self.decide(rc, on, Decision::ReferToManager)?;
                return self.end_rj(p, rc, stage, clk, None);
            }
            RStage::NotSuitableClosed => {
                let on = clk.tick(cal, 4);
                self.assess(rc, on, 2)?;
                self.decide(rc, on, Decision::NotSuitable)?;
                let on = clk.finish();
                self.contact(
                    rc.id,
                    None,
                    on,
                    ContactChannel::Letter,
                    true,
                    "Wrote to the referrer explaining the referral cannot go ahead",
                    None,
                    None,
                )?;
                return self.close(rc.id, on, "Not suitable for a restorative process");
            }
            _ => {}
        }
        let on = fin(clk, stop == RStage::Suitable, 4);
        self.assess(rc, on, 0)?;
        self.decide(rc, on, Decision::Suitable)?;
        if stop == RStage::Suitable {
            return self.end_rj(p, rc, stage, clk, None);
        }
        let on = fin(clk, stop == RStage::Logged, 1);
        self.status(rc, RjStatus::Logged, on)?;
        if stop == RStage::Logged {
            return self.end_rj(p, rc, stage, clk, None);
        }
        let on = fin(clk, stop == RStage::Transferred, 1);
        let coord_id = self.coordinators.iter().find(|c| c.1 == rc.coordinator).map_or(0, |c| c.0);
        self.tx.assign_coordinator(rc.id, coord_id, on)?;
        self.status(rc, RjStatus::Transferred, on)?;
        if stop == RStage::Transferred {
            return self.end_rj(p, rc, stage, clk, None);
        }
        let on = fin(clk, stop == RStage::Contacting && stage == stop, 3);
        self.status(rc, RjStatus::ContactingParties, on)?;
        let reply =
            self.pick(&["Interested; wants to think it over", "Keen to go ahead", "Asked for information by letter"]);
        self.contact(
            rc.id,
            harmed,
            on,
            ContactChannel::Phone,
            true,
            "First contact with the harmed party; explained the process and that it is voluntary",
            Some(reply),
            None,
        )?;
        let reply = self.pick(&["Willing to take part", "Wants to apologise", "Will decide after a home visit"]);
        self.contact(
            rc.id,
            resp,
            on,
            ContactChannel::Phone,
            true,
            "First contact with the responsible party",
            Some(reply),
            None,
        )?;
        if stop == RStage::Contacting {
            return self.end_rj(p, rc, stage, clk, harmed);
        }
        let on = fin(clk, stop == RStage::Preparation && stage == stop, 8);
        self.status(rc, RjStatus::Preparation, on)?;
        self.contact(
            rc.id,
            harmed,
            on,
            ContactChannel::Visit,
            true,
            "Preparation home visit",
            Some("Ground rules discussed"),
            None,
        )?;
        if self.chance(0.6) {
            let s = self.new_person(None, None);
            self.party(rc.id, &s, PartyRole::Supporter, DataSubjectCategory::Other)?;
        }
        if stop == RStage::Preparation {
            return self.end_rj(p, rc, stage, clk, resp);
        }

        // Arrange the meeting (or indirect process).
        let direct = rc.mediation || p.anchor || self.chance(0.7);
        let kind = match (rc.mediation, direct) {
            (true, true) => ProcessKind::MediationJointMeeting,
            (true, false) => ProcessKind::MediationShuttle,
            (false, true) => self.pick(&[
                ProcessKind::FaceToFaceConference,
                ProcessKind::FaceToFaceConference,
                ProcessKind::CommunityConference,
            ]),
            (false, false) => {
                self.pick(&[ProcessKind::ShuttleIndirect, ProcessKind::LetterOfApology, ProcessKind::VideoCall])
            }
        };
        let arranged_on = fin(clk, stop == RStage::Arranged && stage == stop, 8);
        let holding = matches!(stage, RStage::Held | RStage::Monitoring | RStage::Closed);
        let (held_on, scheduled) = if holding {
            let held = fin(clk, matches!(stage, RStage::Held | RStage::Monitoring), 8);
            (Some(held), held)
        } else if stage == RStage::Arranged && p.anchor {
            let today_ok = self.cal.is_working_day(self.today) && self.chance(0.5);
            (None, if today_ok { self.today } else { self.next_wd })
        } else if stage == RStage::Arranged {
            (None, self.add_rwd(self.today, 1, 15))
        } else {
            (None, self.add_rwd(arranged_on, 5, 10))
        };
        let time = if rc.mediation && self.chance(0.5) {
            NaiveTime::from_hms_opt(18, 0, 0)
        } else {
            NaiveTime::from_hms_opt(self.pick(&[10, 11, 14]) as u32, self.pick(&[0, 30]) as u32, 0)
        }
        .unwrap_or_default();
        // Two facilitators: the coordinator and a colleague or volunteer (§9.7, §9.10).
        let (_, second) = self.coordinator();
        let co = if second == rc.coordinator { self.pick(CO_FACILITATORS) } else { second };
        let room_booked = !(p.anchor && rc.mediation) && self.chance(0.85);
        let venue = self.pick(VENUES).to_string();
        let refreshments = self.pick(REFRESHMENTS).to_string();
        let status = if self.chance(0.6) { ProcessStatus::Confirmed } else { ProcessStatus::Planned };
        let process = NewProcess {
            kind,
            // Letters and shuttle messages have no meeting time until they are done.
            scheduled_for: (held_on.is_some()
                || !matches!(
                    kind,
                    ProcessKind::LetterOfApology | ProcessKind::ShuttleIndirect | ProcessKind::MediationShuttle
                ))
            .then(|| scheduled.and_time(time)),
            venue: direct.then_some(venue),
            room_booked: direct && room_booked,
            refreshments: direct.then_some(refreshments),
            facilitators: format!("{}; {co}", rc.coordinator),
            participants: if parties.parent.is_some() {
                "harmed party and supporter; responsible party and parent".into()
            } else {
                "harmed party and supporter; responsible party".into()
            },
            status,
        };
        let process_id = self.tx.add_process(rc.id, &process)?;
        self.report.processes += 1;
        self.status(rc, RjStatus::ProcessArranged, arranged_on)?;
        if stop == RStage::Arranged {
            if stage == RStage::Withdrawn {
                self.tx.set_process_status(
                    process_id,
                    ProcessStatus::Cancelled,
                    clk.end,
                    Some("Harmed party withdrew consent".into()),
                )?;
            }
            return self.end_rj(p, rc, stage, clk, harmed);
        }
        let held_on = held_on.unwrap_or(arranged_on);
        self.tx.set_process_status(process_id, ProcessStatus::Held, held_on, None)?;
        self.status(rc, RjStatus::ProcessHeld, held_on)?;
        let with_agreement = stage == RStage::Monitoring || (stage == RStage::Closed && self.chance(0.65));
        if stage == RStage::Held || !with_agreement {
            if stage == RStage::Closed {
                let on = clk.finish();
                self.contact(
                    rc.id,
                    harmed,
                    on,
                    ContactChannel::Phone,
                    true,
                    "Post-meeting follow-up call",
                    Some("Satisfied"),
                    None,
                )?;
                return self.close(rc.id, on, "Process held; no agreement wanted");
            }
            return self.end_rj(p, rc, stage, clk, harmed);
        }

        // The outcome agreement (§9.9): SMART items, each with an owner and a date.
        let review = self.add_wd(held_on, 20);
        let agreement = self.tx.add_agreement(&NewAgreement {
            process_id,
            agreed_on: held_on,
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: Some(review),
        })?;
        self.status(rc, RjStatus::AgreementMonitoring, held_on)?;
        let n = self.between(2, 4) as usize;
        // Some agreements are all done, and the harmed party still to be told (§9.9).
        let mut plan: Vec<Due> = if stage == RStage::Closed || (!p.anchor && self.chance(0.15)) {
            vec![Due::Done; n]
        } else if p.anchor {
            vec![Due::Done, Due::Overdue, Due::Today, Due::Soon]
        } else {
            (0..n)
                .map(|_| {
                    weighted(
                        &mut self.rng,
                        &[(Due::Done, 30), (Due::Overdue, 15), (Due::Today, 5), (Due::Soon, 20), (Due::Later, 30)],
                    )
                })
                .collect()
        };
        plan.truncate(4);
        let horizon = if stage == RStage::Closed { clk.end } else { self.today };
        let mut kinds = if rc.mediation { MEDIATION_AGREEMENT_ITEMS.to_vec() } else { RJ_AGREEMENT_ITEMS.to_vec() };
        kinds.shuffle(&mut self.rng);
        for (due_kind, (kind, text, by_harmed)) in plan.iter().copied().zip(kinds) {
            let (due, done) = match due_kind {
                Due::Done => {
                    let due = held_on + Duration::days(self.between(7, 35));
                    let latest = due.min(horizon).max(held_on);
                    (due, Some(self.day_between(held_on, latest)))
                }
                Due::Overdue => {
                    let due = (self.today - Duration::days(self.between(1, 15))).max(held_on + Duration::days(1));
                    (due.min(self.today - Duration::days(1)), None)
                }
                Due::Today => (self.today, None),
                Due::Soon => (self.add_rwd(self.today, 1, 5), None),
                _ => (self.today + Duration::days(self.between(12, 45)), None),
            };
            let (owner_id, owner_name) =
                if by_harmed { (harmed, parties.harmed_name.as_str()) } else { (resp, parties.offender_name.as_str()) };
            let amount = (kind == AgreementItemKind::RestitutionPayment).then(|| self.between(3, 20) * 1000);
            let description = match amount {
                Some(a) => format!("{text} (£{})", a / 100),
                None => text.to_string(),
            };
            let method = self.pick(&[
                "Coordinator phone check",
                "Receipt or photo sent to the coordinator",
                "Provider confirms",
            ]);
            let new_item = NewAgreementItem {
                description,
                kind,
                owner: owner_name.to_string(),
                responsible_person_id: owner_id,
                amount_pence: amount,
                due_on: due,
                monitoring_method: Some(method.to_string()),
            };
            let item = self.tx.add_agreement_item(agreement, &new_item)?;
            self.report.agreement_items += 1;
            if let Some(done) = done {
                self.tx.complete_agreement_item(item, done, "Confirmed by the coordinator")?;
            }
        }
        if stage == RStage::Closed {
            let on = clk.finish();
            self.tx.mark_harmed_informed(agreement, on, "completed")?;
            self.contact(
                rc.id,
                harmed,
                on,
                ContactChannel::Phone,
                true,
                "Told the harmed party every agreed action is done",
                Some("Thanked the service"),
                None,
            )?;
            return self.close(rc.id, on, "Agreement completed; harmed party informed");
        }
        self.end_rj(p, rc, stage, clk, resp)
    }

    /// Finish a referral at its planned status: withdraw or pause it if that
    /// is the plan, then the follow-up contacts an open referral carries.
    fn end_rj(
        &mut self,
        p: &Planned,
        rc: &RjCtx,
        stage: RStage,
        clk: &mut Clock,
        person: Option<i64>,
    ) -> StoreResult<()> {
        match stage {
            RStage::Withdrawn => {
                let on = clk.finish();
                self.status(rc, RjStatus::Withdrawn, on)?;
                let why = self.pick(&[
                    "Harmed party decided not to take part",
                    "Responsible party withdrew consent",
                    "Withdrawn by the service: safety concerns after new information",
                ]);
                self.contact(rc.id, person, on, ContactChannel::Phone, false, why, Some("Referrer informed"), None)
            }
            RStage::Paused => {
                let on = clk.finish();
                self.status(rc, RjStatus::Paused, on)?;
                self.contact(
                    rc.id,
                    None,
                    on,
                    ContactChannel::Email,
                    false,
                    "Paused pending the outcome of related court proceedings",
                    Some("Review after the trial date"),
                    None,
                )?;
                self.closing_contacts(rc.id, p, person, on)
            }
            _ => {
                let at = clk.at;
                self.closing_contacts(rc.id, p, person, at)
            }
        }
    }
}

struct RjCtx {
    id: i64,
    mediation: bool,
    youth: bool,
    hate: bool,
    da: bool,
    has_crime_ref: bool,
    /// The coordinator the referral was transferred to: the lead facilitator.
    coordinator: &'static str,
    answers: Answers,
}

/// Outcome agreement items after an RJ conference (§9.9): kind, text,
/// whether the harmed party (rather than the responsible party) owns it.
const RJ_AGREEMENT_ITEMS: &[(AgreementItemKind, &str, bool)] = &[
    (AgreementItemKind::Apology, "Write a letter of apology, passed on by the coordinator", false),
    (AgreementItemKind::RestitutionPayment, "Pay towards the cost of the loss in monthly instalments", false),
    (AgreementItemKind::RepairWork, "Help put right the damage on an agreed Saturday, supervised", false),
    (AgreementItemKind::EngageSupport, "Attend two sessions with Compass Drug & Alcohol Service", false),
    (AgreementItemKind::CommunityWork, "Volunteer four hours at the Eastfield community garden", false),
    (AgreementItemKind::NoContact, "Not approach the harmed party's home or workplace", false),
    (AgreementItemKind::OngoingContact, "Send any further questions through the coordinator", true),
];

/// Written mediation agreements between neighbours (§9.10).
const MEDIATION_AGREEMENT_ITEMS: &[(AgreementItemKind, &str, bool)] = &[
    (AgreementItemKind::BehaviourUndertaking, "Keep music and TV down after 10pm on weeknights", false),
    (AgreementItemKind::BehaviourUndertaking, "Keep to the agreed parking arrangement for the shared drive", false),
    (AgreementItemKind::BehaviourUndertaking, "Put bins out only on collection day and bring them back in", true),
    (
        AgreementItemKind::OngoingContact,
        "Raise any new concern through the mediator before contacting the council",
        true,
    ),
    (AgreementItemKind::RepairWork, "Share the cost of trimming the boundary hedge", false),
    (AgreementItemKind::Other, "Text a day ahead before any noisy DIY or building work", false),
];

/// A condition template: kind, object, and a hint for the provider.
type CondTemplate = (K, O, &'static str);

fn condition_templates(d: DisposalType) -> &'static [CondTemplate] {
    match d {
        DisposalType::CommunityResolution => &[
            (K::ReparationApologyLetter, O::Reparation, ""),
            (K::ReparationRepairDamage, O::Reparation, ""),
            (K::ReparationCompensation, O::Reparation, ""),
            (K::RehabReferralSupport, O::Rehabilitation, ""),
            (K::AcceptableBehaviourContract, O::Restriction, ""),
            (K::RehabCourse, O::Rehabilitation, "victim"),
        ],
        DisposalType::AdultConditionalCaution => &[
            (K::RehabCourse, O::Rehabilitation, "alcohol"),
            (K::RehabCourse, O::Rehabilitation, "victim"),
            (K::UnpaidWork, O::Reparation, ""),
            (K::ReparationCompensation, O::Reparation, ""),
            (K::FinancialPenalty, O::Punishment, ""),
            (K::ReparationApologyLetter, O::Reparation, ""),
            (K::RestrictiveNoContact, O::Restriction, ""),
            (K::RehabCourse, O::Rehabilitation, "anger"),
        ],
        DisposalType::YouthConditionalCaution => &[
            (K::RehabCourse, O::Rehabilitation, "victim"),
            (K::UnpaidWork, O::Reparation, ""),
            (K::ReparationApologyLetter, O::Reparation, ""),
            (K::RehabReferralSupport, O::Rehabilitation, ""),
            (K::ReparationCompensation, O::Reparation, ""),
        ],
        DisposalType::DiversionaryCaution => &[
            (K::UnpaidWork, O::Reparation, ""),
            (K::RehabCourse, O::Rehabilitation, "alcohol"),
            (K::ReparationCompensation, O::Reparation, ""),
            (K::ReparationApologyLetter, O::Reparation, ""),
        ],
        DisposalType::CommunityCaution => &[
            (K::UnpaidWork, O::Reparation, ""),
            (K::ReparationApologyLetter, O::Reparation, ""),
            (K::Attendance, O::Reparation, ""),
            (K::RehabCourse, O::Rehabilitation, "victim"),
        ],
        DisposalType::YouthCaution | DisposalType::Outcome22Diversion => &[],
    }
}

fn evidence_for(kind: K) -> &'static str {
    match kind {
        K::RehabCourse | K::RehabReferralSupport | K::Attendance => "Provider attendance report received",
        K::UnpaidWork => "Hours confirmed by the unpaid work supervisor",
        K::ReparationApologyLetter => "Letter checked by the OIC and passed to the victim",
        K::ReparationCompensation | K::FinancialPenalty => "Payment receipt seen",
        K::ReparationRepairDamage => "Photos of the repaired damage received",
        K::RestrictiveNoContact | K::AcceptableBehaviourContract => "Period ended with no reported breach",
        _ => "Confirmed by the officer in the case",
    }
}

fn note_for(code: &str, answer: Answer) -> &'static str {
    match (code, answer) {
        ("SC_REF", Answer::NotApplicable) => "Self-referral; no crime report",
        ("SC_REF", _) => "Reference on the referral form",
        ("SC_PARTIES", _) => "Both named with phone numbers",
        ("SC_AGE", Answer::Unknown) => "Responsible party's date of birth missing",
        ("SU_ACCEPTS", Answer::No) => "Denies responsibility",
        ("SU_WILLING_HARMED", Answer::No) => "Harmed party does not wish to take part",
        ("SU_WILLING_RESP", Answer::No) => "Responsible party declined",
        ("SU_WILLING_RESP", Answer::Unknown) => "Not yet spoken to",
        ("RK_VIOLENCE", Answer::Unknown) => "Awaiting police intelligence check",
        (_, Answer::Yes) if code.starts_with("RK_") => "See risk narrative; mitigations agreed",
        _ => "",
    }
}

fn full_name(p: &NewPerson) -> String {
    format!("{} {}", p.given_names, p.family_name)
}

fn officer_handle(officer: &str) -> String {
    let words: Vec<&str> =
        officer.split_whitespace().filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '-')).collect();
    let name: Vec<String> = words.iter().skip(1).map(|w| w.to_lowercase()).collect();
    if name.is_empty() {
        "desk".to_string()
    } else {
        name.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::TodaySection;
    use crate::store::Day;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn generated(cases: u32, seed: u64, today: NaiveDate) -> (Store, DemoReport) {
        let mut store = Store::open_in_memory().unwrap();
        let report = generate(&mut store, &DemoOptions { cases, seed, today }).unwrap();
        (store, report)
    }

    /// Every case's reference, service, status, received date and closure, in reference order.
    fn dump(store: &mut Store) -> Vec<String> {
        store
            .write(|tx| {
                let mut stmt = tx.conn().prepare(
                    "SELECT ref, service, status, received_on, COALESCE(closed_on, ''),
                            (SELECT COUNT(*) FROM condition k WHERE k.case_id = c.id),
                            (SELECT COUNT(*) FROM case_party p WHERE p.case_id = c.id)
                     FROM case_file c ORDER BY ref",
                )?;
                let rows = stmt.query_map([], |r| {
                    Ok(format!(
                        "{} {} {} {} {} {} {}",
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, i64>(6)?
                    ))
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .unwrap()
    }

    fn count(store: &mut Store, sql: &'static str) -> i64 {
        store.write(|tx| Ok(tx.conn().query_row(sql, [], |r| r.get(0))?)).unwrap()
    }

    #[test]
    fn same_seed_gives_the_same_cases() {
        let today = d("2026-11-20");
        let (mut a, ra) = generated(120, 7, today);
        let (mut b, rb) = generated(120, 7, today);
        assert_eq!(ra, rb);
        assert_eq!(dump(&mut a), dump(&mut b));
    }

    #[test]
    fn different_seed_gives_different_cases() {
        let today = d("2026-11-20");
        let (mut a, _) = generated(120, 7, today);
        let (mut b, _) = generated(120, 8, today);
        assert_ne!(dump(&mut a), dump(&mut b));
    }

    #[test]
    fn every_today_section_has_entries_and_the_database_checks_out() {
        let today = d("2026-11-20");
        let (mut store, report) = generated(200, 42, today);
        assert_eq!(report.cases, 200);
        assert_eq!(count(&mut store, "SELECT COUNT(*) FROM case_file"), 200);
        assert_eq!(i64::from(report.people), count(&mut store, "SELECT COUNT(*) FROM person"));
        assert_eq!(i64::from(report.conditions), count(&mut store, "SELECT COUNT(*) FROM condition"));
        assert_eq!(i64::from(report.agreement_items), count(&mut store, "SELECT COUNT(*) FROM agreement_item"));
        assert_eq!(i64::from(report.contacts), count(&mut store, "SELECT COUNT(*) FROM contact_log"));
        assert_eq!(i64::from(report.closed), count(&mut store, "SELECT COUNT(*) FROM retention"));

        let (cal, rules) = (store.calendar().unwrap(), store.rules().unwrap());
        let items = store.today_items(&Day { today, calendar: &cal, rules: &rules }).unwrap();
        for section in TodaySection::ALL {
            let n = items.iter().filter(|i| i.section == *section).count();
            assert!(n >= 1, "Today section {section:?} is empty");
        }
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn fifty_cases_fill_every_today_section_and_the_summary() {
        let today = d("2026-11-20");
        let (store, _) = generated(50, 1, today);
        let (cal, rules) = (store.calendar().unwrap(), store.rules().unwrap());
        let day = Day { today, calendar: &cal, rules: &rules };
        let items = store.today_items(&day).unwrap();
        for section in TodaySection::ALL {
            assert!(items.iter().any(|i| i.section == *section), "Today section {section:?} is empty");
        }
        let s = store.summary(&day).unwrap();
        assert!(!s.referrals_received.is_empty(), "no referral received today");
        assert!(!s.decisions.is_empty(), "no decision made today");
        assert!(!s.conditions_completed.is_empty(), "no condition completed today");
        assert!(!s.breaches.new_today.is_empty(), "no breach identified today");
        assert!(!s.breaches.awaiting_decision.is_empty());
        assert!(!s.breaches.decided_today.is_empty());
        assert!(s.contacts_logged > 0, "no contact logged today");
        assert!(!s.awaiting_manager_signoff.is_empty());
        assert!(!s.meetings_next_5_working_days.is_empty());
    }

    #[test]
    fn every_status_of_both_machines_appears() {
        let today = d("2026-11-20");
        let (mut store, _) = generated(200, 3, today);
        let statuses: HashSet<String> =
            dump(&mut store).iter().map(|l| l.split(' ').nth(2).unwrap().to_string()).collect();
        for s in [
            "draft",
            "issued",
            "active",
            "at_risk",
            "breach_suspected",
            "breach_referred",
            "varied",
            "prosecution",
            "completed",
            "closed",
            "withdrawn",
            "received",
            "sense_check",
            "awaiting_info",
            "risk_assessment",
            "suitable",
            "logged",
            "transferred",
            "contacting_parties",
            "preparation",
            "process_arranged",
            "process_held",
            "agreement_monitoring",
            "paused",
        ] {
            assert!(statuses.contains(s), "no case is {s}");
        }
    }

    #[test]
    fn youth_offenders_are_14_to_17_and_old_cases_await_retention_review() {
        let today = d("2026-11-20");
        let (mut store, _) = generated(200, 5, today);
        let bad_youth = count(
            &mut store,
            "SELECT COUNT(*) FROM oocd_disposal o JOIN case_file c ON c.id = o.case_id
             JOIN case_party cp ON cp.case_id = c.id AND cp.role = 'offender' JOIN person p ON p.id = cp.person_id
             WHERE o.disposal_type IN ('youth_conditional_caution', 'youth_caution')
               AND (CAST((julianday(c.offence_date) - julianday(p.dob)) / 365.25 AS INTEGER) NOT BETWEEN 14 AND 17)",
        );
        assert_eq!(bad_youth, 0);
        let old = count(&mut store, "SELECT COUNT(*) FROM retention WHERE review_due <= '2026-11-20'");
        assert!(old >= 2);
        let future_received = count(&mut store, "SELECT COUNT(*) FROM case_file WHERE received_on > '2026-11-20'");
        assert_eq!(future_received, 0);
    }

    #[test]
    fn tiny_and_empty_demos_work() {
        let today = d("2026-11-21"); // a Saturday
        let (_, r0) = generated(0, 1, today);
        assert_eq!(r0.cases, 0);
        let (store, r3) = generated(3, 1, today);
        assert_eq!(r3.cases, 3);
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn a_bank_holiday_today_still_fills_every_section() {
        let today = d("2026-12-25"); // Christmas Day; next working day Tue 29 Dec
        let (store, _) = generated(60, 9, today);
        let (cal, rules) = (store.calendar().unwrap(), store.rules().unwrap());
        let items = store.today_items(&Day { today, calendar: &cal, rules: &rules }).unwrap();
        for section in TodaySection::ALL {
            assert!(items.iter().any(|i| i.section == *section), "Today section {section:?} is empty");
        }
        assert!(store.check().unwrap().is_ok());
    }
}
