//! Plain vocabularies of the desk, each stored in the database as its snake
//! case name (DOMAIN.md §12.2).

/// Declares an enum that is stored in the database as its snake_case text,
/// with `ALL` (every value, in declaration order), `as_str` (the stored
/// text), `parse` (its inverse), a human `label` and `Display` (the label),
/// and serde through the stored text, so the column value, the JSON value,
/// the command line and the interface all spell each value one way.
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => ($text:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order (for pickers and exhaustive tests).
            pub const ALL: &'static [Self] = &[ $( Self::$variant ),+ ];

            /// The value stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $text ),+ }
            }

            /// The inverse of `as_str`; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $( $text => Some(Self::$variant), )+ _ => None }
            }

            /// The words shown to the user.
            pub fn label(self) -> &'static str {
                match self { $( Self::$variant => $label ),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

text_enum! {
    /// Which service a case belongs to; it also fixes the reference prefix.
    pub enum Service {
        Oocd => ("oocd", "Out-of-court disposal"),
        RestorativeJustice => ("restorative_justice", "Restorative justice"),
        Mediation => ("mediation", "Mediation"),
    }
}

impl Service {
    /// The prefix of the human reference, e.g. `RJ-2026-0042`.
    pub fn ref_prefix(self) -> &'static str {
        match self {
            Service::Oocd => "OOCD",
            Service::RestorativeJustice => "RJ",
            Service::Mediation => "MED",
        }
    }

    pub fn is_restorative(self) -> bool {
        !matches!(self, Service::Oocd)
    }
}

text_enum! {
    /// Who sends a case's letters: the OOCD unit, or the RJ & mediation
    /// service (restorative justice and mediation cases share one profile).
    pub enum Sender {
        Oocd => ("oocd", "OOCD unit"),
        Rj => ("rj", "RJ & mediation service"),
    }
}

impl Sender {
    pub fn of(service: Service) -> Sender {
        match service {
            Service::Oocd => Sender::Oocd,
            Service::RestorativeJustice | Service::Mediation => Sender::Rj,
        }
    }
}

text_enum! {
    /// One line of a service's profile; the code is also its column.
    pub enum ProfileField {
        Name => ("name", "Name"),
        Address => ("address", "Address"),
        Phone => ("phone", "Phone"),
        Email => ("email", "Email"),
        Hours => ("hours", "Opening hours"),
        Signatory => ("signatory", "Signatory"),
        Role => ("role", "Signatory's role"),
        /// How and where to pay; only letters asking for money need it.
        Payment => ("payment", "How to pay"),
    }
}

text_enum! {
    /// Where a referral came from (DOMAIN.md §12.2 rj_referral.source).
    pub enum Source {
        Police => ("police", "Police"),
        VictimSelf => ("victim_self", "Victim self-referral"),
        OffenderSelf => ("offender_self", "Offender self-referral"),
        Yot => ("yot", "Youth offending team"),
        Probation => ("probation", "Probation"),
        Prison => ("prison", "Prison"),
        VictimServices => ("victim_services", "Victim services"),
        Housing => ("housing", "Housing provider"),
        LocalAuthority => ("local_authority", "Local authority"),
        OocdCondition => ("oocd_condition", "OOCD condition"),
        CourtPresentence => ("court_presentence", "Court (pre-sentence)"),
        Other => ("other", "Other"),
    }
}

text_enum! {
    /// A person's part in a case.
    pub enum PartyRole {
        Offender => ("offender", "Responsible"),
        Harmed => ("harmed", "Harmed"),
        Witness => ("witness", "Witness"),
        Supporter => ("supporter", "Supporter"),
        AppropriateAdult => ("appropriate_adult", "Appropriate adult"),
        ParentGuardian => ("parent_guardian", "Parent / guardian"),
        Referrer => ("referrer", "Referrer"),
        Other => ("other", "Other"),
    }
}

text_enum! {
    /// DPA 2018 s.38(3): categories of data subject kept apart.
    pub enum DataSubjectCategory {
        Suspect => ("suspect", "Suspect"),
        Convicted => ("convicted", "Convicted"),
        Victim => ("victim", "Victim"),
        Witness => ("witness", "Witness"),
        Other => ("other", "Other"),
    }
}

impl PartyRole {
    /// The data-subject category a role implies unless told otherwise.
    pub fn default_category(self) -> DataSubjectCategory {
        match self {
            PartyRole::Offender => DataSubjectCategory::Suspect,
            PartyRole::Harmed => DataSubjectCategory::Victim,
            PartyRole::Witness => DataSubjectCategory::Witness,
            _ => DataSubjectCategory::Other,
        }
    }
}

text_enum! {
    /// Criminal justice stage at referral.
    pub enum CjsStage {
        NoCjsAsb => ("no_cjs_asb", "Outside CJS / ASB"),
        PreChargeOocd => ("pre_charge_oocd", "Pre-charge / OOCD"),
        PostChargePreSentence => ("post_charge_pre_sentence", "Post-charge, pre-sentence"),
        PostSentenceCommunity => ("post_sentence_community", "Post-sentence (community)"),
        PostSentenceCustody => ("post_sentence_custody", "Post-sentence (custody)"),
        Unknown => ("unknown", "Unknown"),
    }
}

text_enum! {
    /// Life of one condition of a caution or agreed action of a resolution.
    pub enum ConditionStatus {
        Draft => ("draft", "Draft"),
        Active => ("active", "Active"),
        Referred => ("referred", "Referred"),
        Booked => ("booked", "Booked"),
        InProgress => ("in_progress", "In progress"),
        Completed => ("completed", "Completed"),
        NotCompleted => ("not_completed", "Not completed"),
        Breached => ("breached", "Breached"),
        Varied => ("varied", "Varied"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

impl ConditionStatus {
    /// Still to be done: these are what Today and Deadlines watch.
    pub const OPEN: &'static [ConditionStatus] = &[
        ConditionStatus::Active,
        ConditionStatus::Referred,
        ConditionStatus::Booked,
        ConditionStatus::InProgress,
        ConditionStatus::Varied,
    ];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }
}

text_enum! {
    /// Kinds of restorative process (DOMAIN.md §9.7).
    pub enum ProcessKind {
        FaceToFaceConference => ("face_to_face_conference", "Face-to-face conference"),
        CommunityConference => ("community_conference", "Community conference"),
        ShuttleIndirect => ("shuttle_indirect", "Shuttle (indirect)"),
        LetterExchange => ("letter_exchange", "Letter exchange"),
        LetterOfApology => ("letter_of_apology", "Letter of apology"),
        RecordedMessage => ("recorded_message", "Recorded message"),
        VideoCall => ("video_call", "Video call"),
        PhoneCall => ("phone_call", "Phone call"),
        MediationJointMeeting => ("mediation_joint_meeting", "Mediation joint meeting"),
        MediationShuttle => ("mediation_shuttle", "Mediation shuttle"),
    }
}

text_enum! {
    pub enum ProcessStatus {
        Planned => ("planned", "Planned"),
        Confirmed => ("confirmed", "Confirmed"),
        Held => ("held", "Held"),
        Postponed => ("postponed", "Postponed"),
        Cancelled => ("cancelled", "Cancelled"),
    }
}

text_enum! {
    /// Items of an outcome agreement (DOMAIN.md §9.9).
    pub enum AgreementItemKind {
        Apology => ("apology", "Apology"),
        RestitutionPayment => ("restitution_payment", "Restitution payment"),
        RepairWork => ("repair_work", "Repair work"),
        CommunityWork => ("community_work", "Community work"),
        EngageSupport => ("engage_support", "Engage with support"),
        BehaviourUndertaking => ("behaviour_undertaking", "Behaviour undertaking"),
        NoContact => ("no_contact", "No contact"),
        OngoingContact => ("ongoing_contact_via_third_party", "Contact via third party"),
        Other => ("other", "Other"),
    }
}

text_enum! {
    /// Where an outcome agreement stands (`outcome_agreement.status`).
    pub enum AgreementStatus {
        Active => ("active", "Active"),
        Completed => ("completed", "Completed"),
        PartiallyCompleted => ("partially_completed", "Partly completed"),
        NotCompleted => ("not_completed", "Not completed"),
        NoneWanted => ("none_wanted", "None wanted"),
    }
}

text_enum! {
    pub enum AgreementItemStatus {
        Open => ("open", "Open"),
        Done => ("done", "Done"),
        Overdue => ("overdue", "Overdue"),
        NotDone => ("not_done", "Not done"),
        Waived => ("waived", "Waived"),
    }
}

text_enum! {
    pub enum ContactChannel {
        Phone => ("phone", "Phone"),
        Email => ("email", "Email"),
        Letter => ("letter", "Letter"),
        Visit => ("visit", "Visit"),
        Video => ("video", "Video"),
        Sms => ("sms", "SMS"),
        Other => ("other", "Other"),
    }
}

text_enum! {
    pub enum ComplianceEventType {
        Attended => ("attended", "Attended"),
        Missed => ("missed", "Missed"),
        Partial => ("partial", "Partial"),
        Payment => ("payment", "Payment"),
        Completed => ("completed", "Completed"),
        ProviderReport => ("provider_report", "Provider report"),
        NonComplianceReported => ("non_compliance_reported", "Non-compliance reported"),
        ExcuseClaimed => ("excuse_claimed", "Excuse claimed"),
        VariationRequested => ("variation_requested", "Variation requested"),
        VariationAgreed => ("variation_agreed", "Variation agreed"),
        RestrictionBreachReported => ("restriction_breach_reported", "Restriction breach reported"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_text() {
        for s in Service::ALL {
            assert_eq!(Service::parse(s.as_str()), Some(*s));
        }
        for s in ConditionStatus::ALL {
            assert_eq!(ConditionStatus::parse(s.as_str()), Some(*s));
        }
        for k in AgreementItemKind::ALL {
            assert_eq!(AgreementItemKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Service::parse("nonsense"), None);
    }

    #[test]
    fn reference_prefixes_are_distinct() {
        let prefixes: std::collections::HashSet<_> = Service::ALL.iter().map(|s| s.ref_prefix()).collect();
        assert_eq!(prefixes.len(), Service::ALL.len());
    }

    /// One macro makes every vocabulary, the statuses' as the plain ones':
    /// each is written and read back, in JSON as in the database, as its
    /// stored text, and sorts in the order it is declared.
    #[test]
    fn every_vocabulary_reads_back_its_stored_text_and_sorts_as_declared() {
        use crate::domain::status::DisposalType;
        for service in Service::ALL {
            let json = serde_json::to_string(service).unwrap();
            assert_eq!(json, format!("\"{}\"", service.as_str()));
            assert_eq!(serde_json::from_str::<Service>(&json).unwrap(), *service);
            assert_eq!(Service::parse(service.as_str()), Some(*service));
        }
        for disposal in DisposalType::ALL {
            let json = serde_json::to_string(disposal).unwrap();
            assert_eq!(json, format!("\"{}\"", disposal.as_str()));
            assert_eq!(serde_json::from_str::<DisposalType>(&json).unwrap(), *disposal);
        }
        let mut sorted = DisposalType::ALL.to_vec();
        sorted.sort();
        assert_eq!(sorted, DisposalType::ALL);
    }
}
