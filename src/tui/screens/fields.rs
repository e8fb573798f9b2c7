//! The name of each field a prompt asks, so a reply is read by name
//! (`reply.date(FieldId::NewDue)`) and a reordered prompt cannot shift
//! what is read.

/// A field of a prompt, named for what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    // Who is working at the desk (asked on first run).
    YourName,
    YourRole,
    // Completing, breaches and contacts (shared by several screens).
    Evidence,
    CompletedOn,
    WhatNotDone,
    IdentifiedOn,
    ReferredTo,
    ExcuseClaimed,
    Channel,
    Direction,
    Summary,
    Outcome,
    OccurredOn,
    FollowUpOn,
    // Deadlines.
    Matching,
    Decision,
    NewDue,
    ExcuseAssessment,
    DecidedOn,
    Reason,
    // Allocation.
    Coordinator,
    // Documents on file.
    DocumentPath,
    DocumentTitle,
    // Checklist.
    Note,
    Rationale,
    Manager,
    MoveTo,
    // Arrangements and agreements.
    Kind,
    Date,
    Time,
    Venue,
    RoomBooked,
    /// A meeting's room of the directory, and how long it lasts.
    Room,
    LengthMinutes,
    Refreshments,
    Facilitators,
    Participants,
    Status,
    WhatHappened,
    On,
    UpdateStatus,
    AgreedOn,
    SignedByHarmed,
    SignedByResponsible,
    CopiesGiven,
    ReviewOn,
    Description,
    Owner,
    DueOn,
    MonitoringMethod,
    Amount,
    ToldOn,
    /// The day the harmed party was given RJ information (Victims' Code).
    InfoGivenOn,
    OverallResult,
    // Feedback after a process.
    GivenBy,
    CollectedOn,
    Satisfaction,
    WouldRecommend,
    FeltSafe,
    Comments,
    // Case: conditions, closing, letters, retention.
    Object,
    Provider,
    Hours,
    ClosedOn,
    /// How the n-th open condition or item ends when its case does.
    Settle(u8),
    /// The evidence or reason kept with the n-th open condition or item.
    SettleReason(u8),
    /// How a deadline ended: completed, not done or waived.
    MarkedAs,
    WithdrawnBy,
    Why,
    Template,
    To,
    OrName,
    TheirRole,
    Format,
    Condition,
    NextReview,
    // Case: the disposal.
    DisposalType,
    AdmissionOn,
    ConsentOn,
    SignedDocument,
    VictimViewsSoughtOn,
    VictimViews,
    AuthorisedBy,
    CpsDecision,
    IssuedOn,
    CompletionDue,
    ExtendedExceptionally,
    OicName,
    OicContact,
    AuthorisingRank,
    YotReferredOn,
    ProceedReason,
    /// Why a due date goes beyond the time limit (disposal, variation, breach decision).
    BeyondLimit,
    // Case: editing after intake.
    EditWhat,
    Service,
    Source,
    ReceivedOn,
    ReportedOn,
    Referrer,
    ReferrerContact,
    CrimeRef,
    Offence,
    OffenceDate,
    OffenceMode,
    CjsStage,
    DomesticAbuse,
    IntimatePartner,
    HateCrime,
    Sexual,
    Knife,
    Youth,
    HarmSummary,
    Notes,
    GivenNames,
    FamilyName,
    BornOn,
    Role,
    Phone,
    Email,
    Address,
    ContactPref,
    Interpreter,
    NeedsAdult,
    // Who sends letters: a service's profile (Name, Address, Phone, Email, Hours above).
    Sender,
    Signatory,
    SignatoryRole,
    Payment,
    // The directory (Notes, Phone, Email, Address, Kind and Refreshments above).
    Name,
    Team,
    MaxCaseload,
    Courses,
    ReferralMethod,
    Cost,
    TrainedConference,
    TrainedMediation,
    TrainedShuttle,
    VettingExpires,
    Availability,
    BookingContact,
    AgencyKind,
    Capacity,
    Accessibility,
    EnhancedRights,
    // Referrals to providers and their returns (the provider is `Provider`).
    SentOn,
    BookedFor,
    Returned,
    // Who a contact was with, and enquiries (the notes are `Notes`).
    SpokeWith,
    SpokeWithName,
    Subject,
    AskedBy,
    Enquiry,
    CaseRef,
    // Case: finalising (the finalised date is `On`).
    HoOutcome,
    PoliceRecordOn,
    // Meetings and minutes (the title is `Subject`, the time `Time`).
    Attendee,
    Agenda,
    Minutes,
}

impl FieldId {
    /// Whether the field holds a date something falls due on (a condition,
    /// an agreed item or a meeting's action, a varied due date, a
    /// follow-up): one on a weekend or bank holiday is asked about once.
    pub fn is_due_date(self) -> bool {
        matches!(self, FieldId::DueOn | FieldId::NewDue | FieldId::FollowUpOn)
    }

    /// Whether the field holds running text of several lines (notes,
    /// minutes, evidence, reasons): Enter starts a new line there and a
    /// paste keeps its line breaks.
    pub fn takes_lines(self) -> bool {
        use FieldId::*;
        matches!(
            self,
            Evidence
                | WhatNotDone
                | Summary
                | Reason
                | ExcuseAssessment
                | Note
                | Rationale
                | WhatHappened
                | Why
                | SettleReason(_)
                | VictimViews
                | ProceedReason
                | BeyondLimit
                | Notes
                | Agenda
                | Minutes
        )
    }
}
