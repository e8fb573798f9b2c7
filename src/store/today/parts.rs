//! The SQL of one arm of a Today section, in the pieces `keyset` puts
//! together: shared by `arms` and the timers' arms (`timers`).

/// The SQL of an arm, in pieces.
pub(super) struct Parts {
    /// The walked index and the joins a count needs (`c` is the case).
    pub from: &'static str,
    /// Joins only the listed columns need.
    pub extra: &'static str,
    pub filter: &'static str,
    pub columns: &'static str,
    /// The index's order: a date column (a meeting's holds its time too),
    /// the tie column if the section has one, and the id.
    pub sort: &'static str,
    pub tie: Option<&'static str>,
    pub id: &'static str,
    /// Where a count reads instead of `from` and `filter`, when the arm's
    /// rows carry their case's liveness (`case_live`, migration 0007): one
    /// partial index range and no lookup of each row's case.
    pub counted: Option<(&'static str, &'static str)>,
}
