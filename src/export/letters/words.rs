//! What a letter tells the responsible person happens if a condition is not
//! done, by the disposal they were given (DOMAIN.md §2.5, §3, §4.3–4.5, §5,
//! §7): a conditional caution or a diversionary caution may end in
//! prosecution for the original offence; a community caution in a financial
//! penalty, never prosecution; a community resolution's actions are not
//! enforceable at all. And dates as people write them.

use chrono::NaiveDate;

use crate::domain::status::DisposalType;

/// Dates in letters are written the way people write them: "20 November 2026".
pub fn letter_date(d: NaiveDate) -> String {
    crate::domain::dates::long(d)
}

/// The sentence for a disposal with conditions; None for one without
/// (a youth caution carries none).
pub fn if_not_done(disposal: DisposalType) -> Option<&'static str> {
    Some(match disposal {
        DisposalType::AdultConditionalCaution => {
            "If you do not complete this condition and have no reasonable excuse, you may be arrested and \
             prosecuted for the original offence, and the caution will no longer stand."
        }
        DisposalType::YouthConditionalCaution => {
            "If you do not complete this condition and have no reasonable excuse, you may be prosecuted for the \
             original offence."
        }
        DisposalType::DiversionaryCaution => {
            "If you do not complete this condition and have no reasonable excuse, you may be arrested and \
             prosecuted for the original offence."
        }
        DisposalType::CommunityCaution => {
            "If you do not complete this condition and have no reasonable excuse, you may be given a financial \
             penalty, which can be registered as a fine by the court if it is not paid. You will not be \
             prosecuted for the original offence."
        }
        DisposalType::CommunityResolution => {
            "This action is voluntary and you will not be prosecuted for the original offence if it is not \
             done. If it is not completed we record that and tell the officer in the case, and it may be taken \
             into account if you come to police attention again."
        }
        DisposalType::Outcome22Diversion => {
            "If you do not complete this activity, the prosecution that was put off may go ahead."
        }
        DisposalType::YouthCaution => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(letter_date(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()), "20 November 2026");
        assert_eq!(letter_date(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()), "5 January 2027");
    }

    #[test]
    fn only_the_statutory_cautions_warn_of_prosecution() {
        let prosecution = |d| if_not_done(d).is_some_and(|w| w.contains("may be") && w.contains("prosecuted for"));
        assert!(prosecution(DisposalType::AdultConditionalCaution));
        assert!(prosecution(DisposalType::YouthConditionalCaution));
        assert!(prosecution(DisposalType::DiversionaryCaution));
        let cc = if_not_done(DisposalType::CommunityCaution).unwrap();
        assert!(cc.contains("financial penalty") && cc.contains("will not be prosecuted"), "{cc}");
        let cr = if_not_done(DisposalType::CommunityResolution).unwrap();
        assert!(cr.contains("voluntary") && cr.contains("will not be prosecuted"), "{cr}");
        assert_eq!(if_not_done(DisposalType::YouthCaution), None);
    }
}
