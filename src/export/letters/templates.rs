//! The built-in templates: their names, who each writes to, and their text.

/// Who a template writes to unless told otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultRecipient {
    Referrer,
    /// The harmed party, else the responsible person.
    AnyParty,
    Responsible,
    Harmed,
    /// The officer in the case.
    Oic,
    /// The local victims' service.
    VictimSupport,
    /// The coordinator the case is allocated to, from the directory.
    Coordinator,
}

impl DefaultRecipient {
    pub fn describe(self) -> &'static str {
        match self {
            DefaultRecipient::Referrer => "the referrer",
            DefaultRecipient::AnyParty => "a party (the harmed party, else the responsible person)",
            DefaultRecipient::Responsible => "the responsible person",
            DefaultRecipient::Harmed => "the harmed party",
            DefaultRecipient::Oic => "the officer in the case",
            DefaultRecipient::VictimSupport => "Victim Support",
            DefaultRecipient::Coordinator => "the case's coordinator",
        }
    }
}

/// One standard letter.
#[derive(Debug)]
pub struct TemplateInfo {
    pub name: &'static str,
    pub title: &'static str,
    pub to: DefaultRecipient,
    /// Whether it asks the reader to pay what a condition still owes (so
    /// the service's profile must say how).
    pub asks_payment: bool,
    pub(super) builtin: &'static str,
}

impl TemplateInfo {
    /// The embedded text, as shipped.
    pub fn builtin_source(&self) -> &'static str {
        self.builtin
    }
}

pub const TEMPLATES: &[TemplateInfo] = &[
    TemplateInfo {
        name: "acknowledgement",
        title: "Acknowledgement of a referral",
        to: DefaultRecipient::Referrer,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/acknowledgement.md.j2"),
    },
    TemplateInfo {
        name: "rj_invitation",
        title: "Invitation to take part in restorative justice",
        to: DefaultRecipient::AnyParty,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/rj_invitation.md.j2"),
    },
    TemplateInfo {
        name: "reminder_condition_due",
        title: "Reminder of a condition due",
        to: DefaultRecipient::Responsible,
        asks_payment: true,
        builtin: include_str!("../../../assets/letters/reminder_condition_due.md.j2"),
    },
    TemplateInfo {
        name: "non_compliance_notice",
        title: "Notice of non-compliance",
        to: DefaultRecipient::Oic,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/non_compliance_notice.md.j2"),
    },
    TemplateInfo {
        name: "completion_confirmation",
        title: "Confirmation of completion",
        to: DefaultRecipient::Responsible,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/completion_confirmation.md.j2"),
    },
    TemplateInfo {
        name: "agreement_result",
        title: "Result of the outcome agreement",
        to: DefaultRecipient::Harmed,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/agreement_result.md.j2"),
    },
    TemplateInfo {
        name: "outcome_to_referrer",
        title: "Outcome of a referral",
        to: DefaultRecipient::Referrer,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/outcome_to_referrer.md.j2"),
    },
    TemplateInfo {
        name: "outcome_to_oic",
        title: "Outcome of the case, for the officer in the case",
        to: DefaultRecipient::Oic,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/outcome_to_oic.md.j2"),
    },
    TemplateInfo {
        name: "outcome_to_victim_support",
        title: "Outcome of the case, for Victim Support",
        to: DefaultRecipient::VictimSupport,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/outcome_to_victim_support.md.j2"),
    },
    TemplateInfo {
        name: "handover",
        title: "Handover pack for the coordinator",
        to: DefaultRecipient::Coordinator,
        asks_payment: false,
        builtin: include_str!("../../../assets/letters/handover.md.j2"),
    },
];

/// The template called `name`, or a sentence listing the ones there are.
pub fn template_info(name: &str) -> anyhow::Result<&'static TemplateInfo> {
    TEMPLATES.iter().find(|t| t.name == name.trim()).ok_or_else(|| {
        let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        anyhow::anyhow!("there is no letter template called {:?}; the templates are: {}", name, names.join(", "))
    })
}
