//! The facilitators in a column: every row of a page in the same form, the
//! richest that fits them all, so one long list does not leave its row by
//! surnames beside rows of full names.

use unicode_width::UnicodeWidthStr;

use crate::export::safe::inert;

use super::prompts::facilitator_list;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameForm {
    /// As typed: "Ann Byrne; Ruth Acheson (volunteer)".
    AsTyped,
    /// Without the roles in brackets: "Ann Byrne; Ruth Acheson".
    Names,
    /// Enough to recognise who in a narrow column: "Byrne, Acheson".
    Surnames,
}

impl NameForm {
    /// The richest form in which every one of `lists` fits `width`.
    pub(super) fn fitting<'a, I>(lists: I, width: usize) -> NameForm
    where
        I: Iterator<Item = &'a str> + Clone,
    {
        [NameForm::AsTyped, NameForm::Names]
            .into_iter()
            .find(|form| lists.clone().all(|list| form.show(list).width() <= width))
            .unwrap_or(NameForm::Surnames)
    }

    /// How wide `list` is in this form: `show`'s width, measured without
    /// building it (the diary measures every line of a busy week).
    pub(super) fn width(self, list: &str) -> usize {
        let clean = inert(list);
        if self == NameForm::AsTyped {
            return clean.width();
        }
        let names = clean.split([',', ';']).map(str::trim).filter(|s| !s.is_empty());
        let (count, widths) = names.fold((0usize, 0), |(count, widths), name| {
            let plain = name.split('(').next().unwrap_or(name).trim();
            let shown = match self {
                NameForm::Surnames => plain.rsplit(' ').next().unwrap_or(plain),
                _ => plain,
            };
            (count + 1, widths + shown.width())
        });
        // Each name after the first has its separator ("; " or ", ") before it.
        widths + 2 * count.saturating_sub(1)
    }

    /// `list` (names separated by commas or semicolons) in this form.
    pub(super) fn show(self, list: &str) -> String {
        let clean = inert(list);
        if self == NameForm::AsTyped {
            return clean;
        }
        let names: Vec<String> = facilitator_list(&clean)
            .iter()
            .map(|name| {
                let plain = name.split('(').next().unwrap_or(name).trim();
                match self {
                    NameForm::Surnames => plain.rsplit(' ').next().unwrap_or(plain).to_string(),
                    _ => plain.to_string(),
                }
            })
            .collect();
        names.join(if self == NameForm::Surnames { ", " } else { "; " })
    }
}

#[cfg(test)]
mod tests {
    use super::NameForm;
    use unicode_width::UnicodeWidthStr;

    const LONG: &str = "Owen Trevelyan; Ruth Acheson (volunteer facilitator)";
    const SHORT: &str = "Idris Bello; Lena Fischer (volunteer)";

    #[test]
    fn every_list_takes_the_richest_form_that_fits_them_all() {
        let lists = [SHORT, LONG];
        assert_eq!(NameForm::fitting(lists.iter().copied(), 60), NameForm::AsTyped);
        assert_eq!(NameForm::fitting(lists.iter().copied(), 43), NameForm::Names);
        assert_eq!(NameForm::fitting(lists.iter().copied(), 20), NameForm::Surnames);
        assert_eq!(NameForm::Names.show(LONG), "Owen Trevelyan; Ruth Acheson");
        assert_eq!(NameForm::Surnames.show(SHORT), "Bello, Fischer");
    }

    #[test]
    fn a_list_is_measured_as_wide_as_it_is_shown() {
        let lists =
            [LONG, SHORT, "", "Ann Byrne", " ; Zoë Ørsted (lead) ,, Ann", "(volunteer); Li Wei", "Idris\tBello"];
        for list in lists {
            for form in [NameForm::AsTyped, NameForm::Names, NameForm::Surnames] {
                assert_eq!(form.width(list), form.show(list).width(), "{form:?} of {list:?}");
            }
        }
    }
}
