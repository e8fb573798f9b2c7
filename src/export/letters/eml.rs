//! A letter as an email ready to send (RFC 5322 with MIME, RFC 2045–2047):
//! addressed to the recipient, from the service's address, a short covering
//! note in plain text and the .docx attached in base64. Saved as `.eml`, it
//! opens in a mail client as a draft (`X-Unsent: 1`) to check and send.

use chrono::NaiveDate;

/// What the message carries.
pub struct Email<'a> {
    pub from_name: &'a str,
    pub from_address: &'a str,
    pub to_name: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    /// The covering note, plain text.
    pub note: &'a str,
    pub attachment_name: &'a str,
    pub attachment: &'a [u8],
    pub date: NaiveDate,
    /// Makes the boundary and message id unique to this letter.
    pub letter_id: i64,
}

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The whole message, CRLF line ends throughout.
pub fn message(e: &Email<'_>) -> String {
    let boundary = format!("casedesk-letter-{}", e.letter_id);
    let date = e.date.and_hms_opt(9, 0, 0).unwrap_or_default().format("%a, %d %b %Y %H:%M:%S +0000");
    let domain = e.from_address.rsplit('@').next().unwrap_or("casedesk.invalid");
    let mut lines = vec![
        format!("From: {}", mailbox(e.from_name, e.from_address)),
        format!("To: {}", mailbox(e.to_name, e.to_address)),
        format!("Subject: {}", header_text(e.subject)),
        format!("Date: {date}"),
        format!("Message-ID: <letter-{}@{}>", e.letter_id, one_line(domain)),
        "MIME-Version: 1.0".to_string(),
        "X-Unsent: 1".to_string(),
        format!("Content-Type: multipart/mixed; boundary=\"{boundary}\""),
        String::new(),
        format!("--{boundary}"),
        "Content-Type: text/plain; charset=utf-8".to_string(),
        "Content-Transfer-Encoding: base64".to_string(),
        String::new(),
    ];
    lines.extend(base64_lines(e.note.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes()));
    let name = header_text(e.attachment_name);
    lines.extend([
        format!("--{boundary}"),
        format!("Content-Type: {DOCX_TYPE}; name=\"{name}\""),
        format!("Content-Disposition: attachment; filename=\"{name}\""),
        "Content-Transfer-Encoding: base64".to_string(),
        String::new(),
    ]);
    lines.extend(base64_lines(e.attachment));
    lines.push(format!("--{boundary}--"));
    lines.push(String::new());
    lines.join("\r\n")
}

/// `"Name" <address>`, the name encoded when it is not plain ASCII.
fn mailbox(name: &str, address: &str) -> String {
    let address = one_line(address).replace(['<', '>', '"', ' '], "");
    let name = one_line(name);
    if name.is_empty() {
        return format!("<{address}>");
    }
    if name.is_ascii() {
        return format!("\"{}\" <{address}>", name.replace(['\\', '"'], ""));
    }
    format!("{} <{address}>", encoded_word(&name))
}

/// Header text: one line, encoded (RFC 2047) when not plain ASCII.
fn header_text(text: &str) -> String {
    let text = one_line(text);
    if text.is_ascii() {
        text.replace('"', "'")
    } else {
        encoded_word(&text)
    }
}

/// Nothing typed can add a header: line breaks and controls become spaces.
fn one_line(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn encoded_word(text: &str) -> String {
    format!("=?UTF-8?B?{}?=", base64(text.as_bytes()))
}

/// Base64 in lines of 76, as MIME wants them.
fn base64_lines(bytes: &[u8]) -> Vec<String> {
    let text = base64(bytes);
    text.as_bytes().chunks(76).map(|c| String::from_utf8_lossy(c).into_owned()).collect()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_examples() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn names_are_quoted_or_encoded_and_cannot_add_a_header() {
        assert_eq!(mailbox("Robin Fixture", "robin@example.org"), "\"Robin Fixture\" <robin@example.org>");
        assert_eq!(mailbox("Zoë", "z@example.org"), "=?UTF-8?B?Wm/Dqw==?= <z@example.org>");
        assert_eq!(header_text("Hi\r\nBcc: all@example.org"), "Hi Bcc: all@example.org");
        assert_eq!(mailbox("Eve", "eve@example.org>\r\nBcc: x@y"), "\"Eve\" <eve@example.orgBcc:x@y>");
    }
}
