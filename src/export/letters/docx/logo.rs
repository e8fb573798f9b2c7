//! The service's logo at the top of each letter: the image as a part of
//! the package (`word/media/`), its relationship, and the inline picture
//! that shows it, 2 cm high at its own proportions, right-aligned.

use super::parts::TEXT_WIDTH;
use crate::store::views::profile::Logo;

/// English Metric Units per twentieth of a point, and a logo's height.
const EMU_PER_TWIP: u64 = 635;
const HEIGHT_EMU: u64 = 720_000;

/// The logos a document holds, each once, and which one each letter shows.
pub(super) struct Logos<'a> {
    pub distinct: Vec<&'a Logo>,
    pub of_letter: Vec<Option<usize>>,
}

impl<'a> Logos<'a> {
    pub fn of(letters: &[(&str, Option<&'a Logo>)]) -> Self {
        let mut distinct: Vec<&Logo> = Vec::new();
        let mut of_letter = Vec::new();
        for (_, logo) in letters {
            of_letter.push(logo.map(|logo| match distinct.iter().position(|d| *d == logo) {
                Some(at) => at,
                None => {
                    distinct.push(logo);
                    distinct.len() - 1
                }
            }));
        }
        Logos { distinct, of_letter }
    }

    /// `word/media/logoN.ext` for each logo, with its bytes.
    pub fn media(&self) -> Vec<(String, &'a [u8])> {
        self.distinct.iter().enumerate().map(|(n, l)| (format!("word/{}", target(n, l)), l.bytes.as_slice())).collect()
    }

    /// The content types to declare: one per kind of image held.
    pub fn content_types(&self) -> String {
        let mut kinds: Vec<_> = self.distinct.iter().map(|l| l.kind).collect();
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        kinds
            .iter()
            .map(|k| format!(r#"<Default Extension="{}" ContentType="{}"/>"#, k.as_str(), k.content_type()))
            .collect()
    }

    /// The document's relationships to its logos.
    pub fn relationships(&self) -> String {
        self.distinct
            .iter()
            .enumerate()
            .map(|(n, l)| {
                format!(
                    r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{}"/>"#,
                    rel_id(n),
                    target(n, l)
                )
            })
            .collect()
    }

    /// The paragraph showing letter `i`'s logo, or nothing.
    pub fn paragraph(&self, i: usize) -> String {
        let Some(n) = self.of_letter.get(i).copied().flatten() else { return String::new() };
        let logo = self.distinct[n];
        let (cx, cy) = extent(logo.pixels);
        let id = i + 1;
        format!(
            r#"<w:p><w:pPr><w:jc w:val="right"/><w:spacing w:after="240"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Logo {id}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="{id}" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
            rel = rel_id(n)
        )
    }
}

fn rel_id(n: usize) -> String {
    format!("rIdLogo{}", n + 1)
}

fn target(n: usize, logo: &Logo) -> String {
    format!("media/logo{}.{}", n + 1, logo.kind.as_str())
}

/// The logo's size on the page: 2 cm high, or narrower to fit the text width.
fn extent((w, h): (u32, u32)) -> (u64, u64) {
    let (w, h) = (u64::from(w.max(1)), u64::from(h.max(1)));
    let widest = u64::from(TEXT_WIDTH) * EMU_PER_TWIP;
    let cx = HEIGHT_EMU * w / h;
    if cx <= widest {
        (cx, HEIGHT_EMU)
    } else {
        (widest, widest * h / w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_is_two_centimetres_high_unless_too_wide_for_the_page() {
        assert_eq!(extent((600, 200)), (2_160_000, 720_000));
        let (cx, cy) = extent((6000, 100));
        assert_eq!(cx, u64::from(TEXT_WIDTH) * EMU_PER_TWIP);
        assert!(cy < 720_000);
    }
}
