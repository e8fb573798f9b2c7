//! Queries behind the period reports.
