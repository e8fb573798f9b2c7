//! The frame around every screen: the tab bar and the footer of keys.

use super::*;

impl App {
    pub(super) fn render_tabs(&self, frame: &mut Frame<'_>, area: Rect) {
        let context = self.current.context();
        // Eight full titles need 91 columns, and the date 16 more: narrower,
        // the other screens' titles are cut to three letters, so every key
        // and the date still show.
        let date = crate::domain::dates::day(self.today);
        let full_width: usize = ScreenId::ALL.iter().map(|s| s.title().len() + 4).sum::<usize>();
        let compact = area.width as usize <= full_width + date.len();
        let titles: Vec<Line> = ScreenId::ALL
            .iter()
            .map(|s| {
                let title = if compact && *s != self.current { &s.title()[..3] } else { s.title() };
                Line::from(format!("{} {title}", self.keymap.key_label(context, s.action())))
            })
            .collect();
        let tabs = Tabs::new(titles)
            .select(self.current.index())
            .style(self.theme.tab_inactive)
            .highlight_style(self.theme.tab_active)
            .padding(" ", " ")
            .divider("");
        // The date goes at the right when there is room beside the tabs.
        let tabs_width = if compact { 7 * 7 + self.current.title().len() + 4 } else { full_width };
        let date_width = if area.width as usize > tabs_width + date.len() { date.len() as u16 + 1 } else { 0 };
        let [left, right] = area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(date_width)]));
        frame.render_widget(tabs, left);
        let date = Paragraph::new(date).style(self.theme.muted).alignment(ratatui::layout::Alignment::Right);
        frame.render_widget(date, right);
    }

    /// The keys that matter on this screen on the left, then search and quit
    /// where they fit; the palette and help always kept on the right, so a new
    /// user can find everything from the footer whatever the width.
    pub(super) fn render_footer(&self, frame: &mut Frame<'_>, area: Rect) {
        let context = self.current.context();
        // While a field takes typing, show the keys that still work there.
        let typing = self.screen(self.current).typing();
        let label = |a: Action| -> String {
            let keys = self.keymap.keys_for(context, a);
            let usable = keys.iter().find(|k| !typing || !k.is_printable());
            usable.map(|k| k.to_string()).unwrap_or_default()
        };
        let screen = self.screen(self.current);
        let pairs = |actions: Vec<Action>| -> Vec<(String, &'static str)> {
            actions
                .into_iter()
                .map(|a| (label(a), screen.footer_label(a).unwrap_or_else(|| short_label(a))))
                .filter(|(k, _)| !k.is_empty())
                .collect()
        };
        // Help and the palette always show: from them a new user finds everything else.
        let always = pairs(vec![Action::Palette, Action::Help]);
        let width_of = |items: &[(String, &str)]| -> usize {
            items.iter().map(|(k, l)| k.chars().count() + l.chars().count() + 3).sum()
        };
        let mut room = (area.width as usize).saturating_sub(width_of(&always));
        let mut shown = Vec::new();
        let mut wanted = self.screen(self.current).footer();
        wanted.extend([Action::Search, Action::Quit]);
        for (key, label) in pairs(wanted) {
            let needed = key.chars().count() + label.chars().count() + 3;
            if needed > room {
                break;
            }
            room -= needed;
            shown.push((key, label));
        }
        let spans = |items: Vec<(String, &'static str)>| -> Vec<Span<'static>> {
            items
                .into_iter()
                .flat_map(|(key, label)| [Span::styled(key, self.theme.key), Span::raw(format!(" {label}  "))])
                .collect()
        };
        let [left, right] =
            area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(width_of(&always) as u16)]));
        frame.render_widget(Paragraph::new(Line::from(spans(shown))), left);
        frame.render_widget(Paragraph::new(Line::from(spans(always))), right);
    }
}

/// A word or two for the footer, where the full description does not fit.
pub fn short_label(action: Action) -> &'static str {
    match action {
        Action::Quit => "quit",
        Action::Help => "help",
        Action::Palette => "commands",
        Action::Search => "search",
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::Rules => "rules",
        Action::Open => "open",
        Action::Back => "back",
        Action::Save => "save",
        Action::NextField => "next field",
        Action::PrevField => "prev field",
        Action::Complete => "complete",
        Action::Breach => "breach",
        Action::DecideBreach => "decide breach",
        Action::Vary => "vary",
        Action::RecordCompliance => "record",
        Action::LogContact => "log contact",
        Action::OpenCase => "case",
        Action::OpenChecklist => "checklist",
        Action::ExportSummary => "export summary",
        Action::Tag => "tag",
        Action::TagAll => "tag all",
        Action::ClearTags => "untag",
        Action::Filter => "filter",
        Action::FilterProvider => "provider",
        Action::FilterService => "service",
        Action::FilterCoordinator => "coordinator",
        Action::Chase => "chase",
        Action::Answer => "answer",
        Action::Severity => "severity",
        Action::Note => "note",
        Action::Decide => "decide",
        Action::SignOff => "sign-off",
        Action::AdvanceStatus => "next status",
        Action::NextStep => "advance",
        Action::Finalise => "finalise",
        Action::NewProcess => "arrange",
        Action::NewAgreement => "agreement",
        Action::NewItem => "add item",
        Action::InformHarmed => "told harmed",
        Action::RjInfoGiven => "RJ info given",
        Action::Feedback => "feedback",
        Action::AddCondition => "add condition",
        Action::AddPerson => "add person",
        Action::RemovePerson => "remove person",
        Action::CloseCase => "close case",
        Action::WithdrawCase => "withdraw",
        Action::ReopenCase => "reopen",
        Action::Reallocate => "reallocate",
        Action::AttachDocument => "attach",
        Action::ToggleView => "switch view",
        Action::Letter => "letter",
        Action::RecordDisposal => "disposal",
        Action::Edit => "edit",
        Action::RetentionReview => "retention review",
        Action::CalendarFile => "calendar file",
        Action::Diary => "diary",
        Action::Meetings => "meetings",
        Action::PrevWeek => "week before",
        Action::NextWeek => "week after",
        Action::ThisWeek => "this week",
        Action::Period => "period",
        Action::ReferToProvider => "refer",
        Action::ProviderReturn => "return",
        Action::LogEnquiry => "enquiry",
        Action::Enquiries => "enquiries",
        Action::Up => "up",
        Action::Down => "down",
        _ => action.label(),
    }
}
