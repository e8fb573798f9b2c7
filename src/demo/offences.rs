//! The offences and disputes cases are made from: typical low-level OOCD
//! offences (DOMAIN.md §5), restorative justice referrals from every stage of
//! the criminal justice system (§9.5), and neighbour disputes (§9.10).

use crate::domain::status::OffenceMode;
use crate::domain::types::{CjsStage, Source};

/// A typical OOCD offence (DOMAIN.md §5: low-level offences and ASB).
pub(super) struct Offence {
    pub(super) desc: &'static str,
    pub(super) mode: OffenceMode,
    pub(super) harm: &'static str,
    pub(super) victim: Victim,
    pub(super) hate: bool,
    pub(super) familial_da: bool,
    pub(super) youth_ok: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Victim {
    Person,
    Business,
    None,
}

const fn off(desc: &'static str, mode: OffenceMode, harm: &'static str, victim: Victim, youth_ok: bool) -> Offence {
    Offence { desc, mode, harm, victim, hate: false, familial_da: false, youth_ok }
}

pub(super) const OOCD_OFFENCES: &[Offence] = &[
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
pub(super) struct RjOffence {
    pub(super) desc: &'static str,
    pub(super) mode: OffenceMode,
    pub(super) harm: &'static str,
    pub(super) stage: CjsStage,
    pub(super) sources: &'static [Source],
    pub(super) youth: bool,
    pub(super) hate: bool,
    pub(super) familial_da: bool,
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

pub(super) const RJ_OFFENCES: &[RjOffence] = &[
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
pub(super) const DISPUTES: &[(&str, &str)] = &[
    ("Neighbour noise dispute: late-night music and parties", "Sleep disrupted for months; shift worker affected"),
    ("Boundary dispute over a hedge and a replaced fence", "Arguments in the street; both households stressed"),
    ("Parking dispute over a shared driveway", "Blocked access; shouting matches"),
    ("Dispute over children's ball games and a dented car", "Children told not to play out; car damaged"),
    ("Dog barking and fouling in a shared garden", "Garden unusable; complaints to the landlord"),
    ("Shared bins and rubbish left in a communal area", "Smell and vermin; tension on the landing"),
    ("Verbal abuse between neighbours over a CCTV camera", "Both parties feel watched and threatened"),
    ("Noise from DIY and a home business in the evenings", "Young children woken; relations broken down"),
];
