//! Reports screen (being built).

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::{Ctx, Effect, Screen, ScreenId};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct ReportsScreen;

impl ReportsScreen {
    pub fn new() -> Self {
        ReportsScreen
    }
}

impl Screen for ReportsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Reports
    }

    fn refresh(&mut self, _ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        Ok(())
    }

    fn handle(&mut self, _action: Action, _ctx: &mut Ctx<'_>) -> Effect {
        Effect::None
    }

    fn footer(&self) -> Vec<Action> {
        Vec::new()
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        frame.render_widget(Paragraph::new("").block(Block::bordered().title(" Reports ").border_style(theme.border)), area);
    }
}
