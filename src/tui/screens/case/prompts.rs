//! What each prompt of the Case screen does once answered, and on which case.

/// A question the Case screen asked, with the case it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    AddCondition(i64),
    Advance(i64),
    /// Closing asked for: the outcome is asked next.
    CloseConfirm(i64),
    Close(i64),
    WriteLetter(i64),
    Disposal(i64),
    RetentionReview(i64),
    /// Erasing asked for in a retention review: yes erases.
    EraseConfirm(i64),
}
