//! The status line under the screen: up to three lines of what was saved or
//! refused. A message longer than that (a refusal naming every missing item
//! at 80 columns) is said in short rather than cut mid-word: the open form
//! keeps the whole of a refusal, so the status line points there.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::App;
use crate::export::safe::inert;
use crate::tui::overlay::{wrapped_lines, Overlay};

/// The most lines the status line takes from the screen.
const MOST_LINES: usize = 3;

/// Where the whole of a shortened refusal can still be read.
const SEE_THE_FORM: &str = "see the form";

/// `text` as the status line says it in `width` columns: whole when it fits
/// in `MOST_LINES`; else, where it lists its reasons ("…: a; b; c"), its
/// opening and how many there are; else as much as fits, cut at a word.
/// `elsewhere`, when given, says where the whole text still is.
pub fn fit_status(text: &str, width: usize, elsewhere: Option<&str>) -> String {
    let fits = |s: &str| wrapped_lines(s, width.max(1)) <= MOST_LINES;
    if fits(text) {
        return text.to_string();
    }
    let pointer = elsewhere.map_or(String::new(), |place| format!(" — {place}"));
    if let Some(short) = counted(text).map(|(head, n)| format!("{head}: {n} things to put right{pointer}.")) {
        if fits(&short) {
            return short;
        }
    }
    let mut shown = String::new();
    for word in text.split_whitespace() {
        let longer = if shown.is_empty() { word.to_string() } else { format!("{shown} {word}") };
        if !fits(&format!("{longer} …{pointer}")) {
            break;
        }
        shown = longer;
    }
    format!("{shown} …{pointer}")
}

/// A refusal listing its reasons after its last colon, "; " between them:
/// the words before the list, and how many reasons it gives (two or more).
fn counted(text: &str) -> Option<(&str, usize)> {
    let list_starts = text.find("; ")?;
    let colon = text[..list_starts].rfind(": ")?;
    let n = text[colon + 2..].trim_end_matches('.').split("; ").count();
    (n > 1).then(|| (&text[..colon], n))
}

impl App {
    /// The room the status line's words have beside the upkeep note.
    fn status_room(&self, width: u16) -> usize {
        let note = self.upkeep_note.unwrap_or_default().chars().count();
        (width as usize).saturating_sub(if note == 0 { 0 } else { note + 1 }).max(1)
    }

    /// What the status line says at this width, and whether it is a
    /// refusal: the latest message, else the tamper alarm.
    fn status_shown(&self, width: u16) -> Option<(String, bool)> {
        // The tamper alarm stays whenever nothing else is being said.
        let alarm = self.alarm.as_ref().map(|text| (text, true));
        let (text, is_error) = self.status.as_ref().map(|(text, e)| (text, *e)).or(alarm)?;
        let in_form = matches!(&self.overlay, Some(Overlay::Prompt(p)) if p.problem.as_ref() == Some(text));
        let elsewhere = (is_error && in_form).then_some(SEE_THE_FORM);
        Some((fit_status(&inert(text), self.status_room(width), elsewhere), is_error))
    }

    /// Lines for the status line: a long message (where a file went, why
    /// something was refused) takes up to three rather than being cut off.
    pub(super) fn status_height(&self, width: u16) -> u16 {
        let room = self.status_room(width);
        self.status_shown(width).map_or(1, |(text, _)| wrapped_lines(&text, room).clamp(1, MOST_LINES) as u16)
    }

    pub(super) fn render_status(&self, frame: &mut Frame<'_>, area: Rect) {
        let note = self.upkeep_note.unwrap_or_default();
        let note_width = if note.is_empty() { 0 } else { note.chars().count() as u16 + 1 };
        let [left, right] = area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(note_width)]));
        if let Some((text, is_error)) = self.status_shown(area.width) {
            let style = if is_error { self.theme.status_error } else { self.theme.status_ok };
            frame.render_widget(Paragraph::new(text).style(style).wrap(Wrap { trim: true }), left);
        }
        let note = Paragraph::new(note).style(self.theme.muted).alignment(ratatui::layout::Alignment::Right);
        frame.render_widget(note, right);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUE: &str = "Not saved: cannot issue the Adult conditional caution: admission not recorded; consent \
                         to the caution not recorded; signed caution document not recorded; victim's views not \
                         sought; authorising officer not recorded; no condition recorded";

    #[test]
    fn a_message_that_fits_is_said_whole() {
        assert_eq!(fit_status("Saved the disposal.", 80, Some(SEE_THE_FORM)), "Saved the disposal.");
        assert_eq!(fit_status(ISSUE, 200, Some(SEE_THE_FORM)), ISSUE);
    }

    #[test]
    fn a_long_list_of_reasons_is_counted_and_points_to_the_form() {
        let short = fit_status(ISSUE, 60, Some(SEE_THE_FORM));
        assert_eq!(
            short,
            "Not saved: cannot issue the Adult conditional caution: 6 things to put right — see the form."
        );
        assert!(wrapped_lines(&short, 60) <= MOST_LINES);
    }

    #[test]
    fn other_long_text_is_cut_at_a_word_and_says_so() {
        let long = "word ".repeat(80);
        let short = fit_status(long.trim(), 40, None);
        assert!(short.ends_with("word …"), "{short}");
        assert!(wrapped_lines(&short, 40) <= MOST_LINES, "{short}");
        let pointed = fit_status(long.trim(), 40, Some(SEE_THE_FORM));
        assert!(pointed.ends_with("… — see the form"), "{pointed}");
        assert!(wrapped_lines(&pointed, 40) <= MOST_LINES, "{pointed}");
    }

    #[test]
    fn only_a_list_after_a_colon_is_counted() {
        assert_eq!(counted("Not saved: a; b; c"), Some(("Not saved", 3)));
        assert_eq!(counted("Not saved: only one reason"), None);
        assert_eq!(counted("a; b without a colon"), None);
    }
}
