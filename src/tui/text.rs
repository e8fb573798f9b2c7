//! Text measured as the terminal shows it: cut to a width in columns (a
//! wide character takes two), numbers with thousands separators, plurals,
//! and stored codes as words. Every screen uses these, so a name in Chinese
//! or with accents is cut the same way everywhere.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` columns, ending with … when cut (nothing fits in
/// no columns at all).
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut to `width` columns as `fit` does, then padded to exactly
/// `width`, for columns drawn side by side.
pub fn fit_padded(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let pad = width.saturating_sub(cut.width());
    cut + &" ".repeat(pad)
}

pub use crate::domain::numbers::thousands;

/// The word for `n` of it: "1 item" but "2 items".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// A stored status as words: "sense_check" → "sense check".
pub fn words(status: &str) -> String {
    status.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_cuts_with_an_ellipsis_by_display_width() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        assert_eq!(fit("Rehabilitative course", 10), "Rehabilit…");
        assert_eq!(fit("Zoë Ó Briain", 6), "Zoë Ó…");
        assert_eq!(fit("abc", 0), "");
    }

    /// Counting characters let wide text run past its column and lose the
    /// ellipsis: six Chinese characters are twelve columns.
    #[test]
    fn wide_text_is_cut_by_columns_and_keeps_its_ellipsis() {
        assert_eq!(fit("王小明王小明", 10), "王小明王…");
        assert_eq!(fit("王小明王小明", 10).width(), 9);
        assert_eq!(fit("王小明", 6), "王小明");
    }

    #[test]
    fn padded_fitting_fills_the_column() {
        assert_eq!(fit_padded("Kelvington", 6), "Kelvi…");
        assert_eq!(fit_padded("RJ", 4), "RJ  ");
        assert_eq!(fit_padded("Zoë", 3), "Zoë");
        assert_eq!(fit_padded("abc", 0), "");
        assert_eq!(fit_padded("王小明王", 5), "王小…");
    }

    #[test]
    fn numbers_and_words_read_well() {
        assert_eq!(thousands(5000), "5,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(plural(1, "item"), "item");
        assert_eq!(plural(2, "item"), "items");
        assert_eq!(words("sense_check"), "sense check");
    }
}
