//! Names as people spell them (issue 16 §5): "Zoe Nowak" is "Zoë Nowak",
//! "yilmaz" is "Yılmaz", "oconnor" is "O'Connor". One folding, used by the
//! duplicate check, the directory and (in SQL, `assets/migrations`) the
//! search index: Unicode compatibility decomposition with the accents
//! dropped, the letters that do not decompose transliterated, case folded,
//! apostrophes dropped and any other punctuation read as a space.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Letters with no decomposition, as they are usually written in ASCII.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "i",
        'ø' | 'Ø' => "o",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        'ŋ' | 'Ŋ' => "n",
        _ => return None,
    })
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// `text` folded: "O'Connor-Yılmaz  Zoë" → "oconnor yilmaz zoe".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) || is_apostrophe(c) {
            continue;
        }
        if let Some(ascii) = transliterate(c) {
            out.push_str(ascii);
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Two names are one when they fold alike, spaces and hyphens aside:
/// "Anne-Marie" is "Anne Marie" is "annemarie".
pub fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| fold(s).replace(' ', "");
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_apostrophes_fold_away() {
        assert_eq!(fold("Zoë  NOWAK"), "zoe nowak");
        assert_eq!(fold("O'Connor"), "oconnor");
        assert_eq!(fold("O’Brien-Smith"), "obrien smith");
        assert_eq!(fold("Ó Briain"), "o briain");
    }

    #[test]
    fn letters_without_a_decomposition_are_transliterated() {
        assert_eq!(fold("Yılmaz"), "yilmaz");
        assert_eq!(fold("Søren Strauß"), "soren strauss");
        assert_eq!(fold("Ærø Łukasz Œuvre"), "aero lukasz oeuvre");
        assert_eq!(fold("ﬁona"), "fiona", "compatibility forms decompose");
    }

    #[test]
    fn names_are_the_same_whatever_their_spelling() {
        assert!(same_name("Zoe Nowak", "Zoë Nowak"));
        assert!(same_name("yilmaz", "Yılmaz"));
        assert!(same_name("oconnor", "O'Connor"));
        assert!(same_name("Anne-Marie", "anne marie"));
        assert!(!same_name("Zoe Nowak", "Zoe Novak"));
    }
}
