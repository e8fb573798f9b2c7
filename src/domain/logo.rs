//! A service's logo for the top of its Word letters: which images are
//! taken (PNG and JPEG, told by their first bytes, not the file's name),
//! how large a file may be, and the picture's size in pixels, so that the
//! letter shows it at its own proportions.

/// The most a logo may weigh: it is kept in the desk (and in each change's
/// audit row), so a letterhead image, not a photograph.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

/// The kinds of image Word shows in a letter that a logo may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    /// What the desk stores, and the file extension inside the .docx.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpeg",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "png" => Some(ImageKind::Png),
            "jpeg" => Some(ImageKind::Jpeg),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
        }
    }

    /// The kind of image these bytes are, by their signature.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else {
            None
        }
    }
}

/// Why a file cannot be a logo, in a sentence saying what to do, or its
/// kind and size in pixels.
pub fn check_logo(bytes: &[u8]) -> Result<(ImageKind, (u32, u32)), String> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(format!(
            "the logo is {} KB, more than the {} KB a logo may be: save a smaller copy (a letterhead needs about \
             600 pixels across) and set that",
            bytes.len().div_ceil(1024),
            MAX_LOGO_BYTES / 1024
        ));
    }
    let kind = ImageKind::sniff(bytes)
        .ok_or_else(|| "the logo is not a PNG or JPEG image: save it as .png or .jpg and set that".to_string())?;
    let size = pixel_size(kind, bytes)
        .filter(|(w, h)| *w > 0 && *h > 0)
        .ok_or_else(|| "the logo's image could not be read: save it again as .png or .jpg and set that".to_string())?;
    Ok((kind, size))
}

/// Width and height in pixels, from the PNG header or the JPEG frame.
pub fn pixel_size(kind: ImageKind, bytes: &[u8]) -> Option<(u32, u32)> {
    match kind {
        ImageKind::Png => {
            let be = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
            Some((be(16)?, be(20)?))
        }
        ImageKind::Jpeg => jpeg_size(bytes),
    }
}

/// The size in a JPEG's start-of-frame segment, walking the segments.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let frame = bytes.get(at + 5..at + 9)?;
            let height = u32::from(u16::from_be_bytes([frame[0], frame[1]]));
            let width = u32::from(u16::from_be_bytes([frame[2], frame[3]]));
            return Some((width, height));
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of a PNG of `w` by `h` pixels: its header chunk.
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn a_png_and_a_jpeg_are_told_by_their_bytes_with_their_size() {
        assert_eq!(check_logo(&png_header(600, 200)), Ok((ImageKind::Png, (600, 200))));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, // APP0, 2 bytes of data
            0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x64, 0x01, 0x2C, 0x03, // SOF0: 100 high, 300 wide
        ];
        assert_eq!(check_logo(&jpeg), Ok((ImageKind::Jpeg, (300, 100))));
    }

    #[test]
    fn anything_else_or_too_large_is_refused_saying_what_to_do() {
        assert!(check_logo(b"GIF89a....").unwrap_err().contains("not a PNG or JPEG"));
        let mut big = png_header(600, 200);
        big.resize(MAX_LOGO_BYTES + 1, 0);
        let said = check_logo(&big).unwrap_err();
        assert!(said.contains("more than the 256 KB") && said.contains("save a smaller copy"), "{said}");
    }
}
