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

/// Open agreement items of live cases by due date, with `columns`: the
/// deadline sections' arm and the agreement follow-up timer walk the same
/// index.
pub(super) fn open_agreement_items(columns: &'static str) -> Parts {
    Parts {
        from: "agreement_item i INDEXED BY agreement_item_open_due
               CROSS JOIN outcome_agreement a INDEXED BY outcome_agreement_to_process ON a.id = i.agreement_id
               CROSS JOIN rj_process p INDEXED BY rj_process_to_case ON p.id = a.process_id
               CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = p.case_id",
        extra: "",
        filter: "i.status IN ('open', 'overdue') AND c.status NOT IN ('closed', 'withdrawn')",
        columns,
        sort: "i.due_on",
        tie: None,
        id: "i.id",
        counted: Some((
            "agreement_item i INDEXED BY agreement_item_live_due",
            "i.case_live = 1 AND i.status IN ('open', 'overdue')",
        )),
    }
}
