//! The tracker's own reference: kept when it is already in casedesk's form
//! for the row's service, else noted and replaced.

use super::{RefPlan, RowReader};
use crate::domain::types::Service;
use crate::import::mapping::Field;

pub(super) fn read_reference(r: &mut RowReader<'_>, service: Service) -> RefPlan {
    let Some(text) = r.text(Field::Reference) else {
        return RefPlan::Assign { tracker_ref: None };
    };
    let upper = text.to_uppercase();
    let Some((prefix, year, number)) = our_reference(&upper) else {
        return RefPlan::Assign { tracker_ref: Some(text) };
    };
    if prefix != service.ref_prefix() {
        r.fail(
            Field::Reference,
            format!(
                "{upper} has the {prefix}- prefix but the row's service is {}, whose references start {}-",
                service.label(),
                service.ref_prefix()
            ),
        );
    }
    RefPlan::Keep { reference: upper, prefix: service.ref_prefix(), year, number }
}

/// `OOCD-2026-0107` → ("OOCD", 2026, 107), only in exactly the form casedesk writes.
pub fn our_reference(text: &str) -> Option<(&'static str, i32, i64)> {
    let mut parts = text.split('-');
    let (prefix, year, number) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || number.len() < 4 {
        return None;
    }
    let prefix = Service::ALL.iter().map(|s| s.ref_prefix()).find(|p| *p == prefix)?;
    let year: i32 = year.parse().ok()?;
    let n: i64 = number.parse().ok()?;
    (format!("{n:04}") == number && n > 0).then_some((prefix, year, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_exact_reference_form_is_kept() {
        assert_eq!(our_reference("RJ-2026-0042"), Some(("RJ", 2026, 42)));
        assert_eq!(our_reference("OOCD-2025-12345"), Some(("OOCD", 2025, 12345)));
        assert_eq!(our_reference("RJ-2026-42"), None);
        assert_eq!(our_reference("RJ-2026-0000"), None);
        assert_eq!(our_reference("XX-2026-0042"), None);
        assert_eq!(our_reference("RJ-26-0042"), None);
        assert_eq!(our_reference("T/0042"), None);
    }
}
