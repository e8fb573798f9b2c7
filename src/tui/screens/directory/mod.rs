//! The Directory: every coordinator, facilitator, provider, venue and
//! partner agency, one kind or all (`f`), found by name as spelt loosely
//! (`n`: "zoe" finds Zoë), with the selected entry's details beside the
//! list. `a` adds, `e` edits, `x` retires (never deletes: a case may name
//! it), `r` adds a room to a venue. Every change is audited and undone with
//! the desk's undo. `c` shows the caseload instead (`caseload.rs`).

mod actions;
mod caseload;
mod prompts;
mod render;

use ratatui::layout::Rect;
use ratatui::widgets::TableState;
use ratatui::Frame;

pub use prompts::Pending;

use super::{Ctx, Effect, Screen, ScreenId};
use crate::domain::directory::DirectoryKind;
use crate::store::views::directory::DirectoryEntry;
use crate::store::views::referrals::ProviderReferralRow;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct DirectoryScreen {
    /// The kind shown, or every kind.
    kind: Option<DirectoryKind>,
    /// The words a name must hold; empty for every entry.
    query: String,
    entries: Vec<DirectoryEntry>,
    table: TableState,
    /// Rows the list shows at once, for paging.
    page: usize,
    /// The caseload view, while it is shown.
    caseload: Option<caseload::CaseloadView>,
    /// The referrals still awaiting a provider's return, every provider's:
    /// the panel of a provider lists its own (issue 14 §3).
    returns: Vec<ProviderReferralRow>,
}

impl DirectoryScreen {
    pub fn new() -> Self {
        DirectoryScreen::default()
    }

    /// The entries listed (tests read them).
    pub fn entries(&self) -> &[DirectoryEntry] {
        &self.entries
    }

    fn selected(&self) -> Option<&DirectoryEntry> {
        self.table.selected().and_then(|i| self.entries.get(i))
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        if let Some(view) = self.caseload.as_mut() {
            view.load(ctx)?;
        }
        let keep = self.selected().map(|e| (e.kind, e.id));
        self.entries = ctx.store.directory_search(&self.query, self.kind)?;
        self.returns = ctx.store.provider_returns_outstanding(None)?;
        let at = keep.and_then(|k| self.entries.iter().position(|e| (e.kind, e.id) == k));
        let row = at.or(self.table.selected()).unwrap_or(0).min(self.entries.len().saturating_sub(1));
        self.table.select((!self.entries.is_empty()).then_some(row));
        Ok(())
    }

    fn move_by(&mut self, delta: isize) {
        if self.entries.is_empty() {
            return;
        }
        let current = self.table.selected().unwrap_or(0) as isize;
        self.table.select(Some((current + delta).clamp(0, self.entries.len() as isize - 1) as usize));
    }

    fn show_caseload(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let mut view = caseload::CaseloadView::default();
        if let Err(e) = view.load(ctx) {
            return Effect::Error(format!("Could not read the caseload: {e:#}"));
        }
        self.caseload = Some(view);
        Effect::None
    }

    /// The next kind shown: each in turn, then every kind again.
    fn next_kind(&mut self, ctx: &mut Ctx<'_>) -> Effect {
        let all = DirectoryKind::ALL;
        self.kind = match self.kind {
            None => Some(all[0]),
            Some(k) => all.iter().position(|x| *x == k).and_then(|i| all.get(i + 1)).copied(),
        };
        self.table.select(Some(0));
        match self.load(ctx) {
            Ok(()) => Effect::Status(format!("Showing {}.", kind_words(self.kind))),
            Err(e) => Effect::Error(format!("Could not read the directory: {e:#}")),
        }
    }
}

/// "every kind" or "facilitators".
fn kind_words(kind: Option<DirectoryKind>) -> String {
    match kind {
        None => "every kind".into(),
        Some(DirectoryKind::Agency) => "partner agencies".into(),
        Some(k) => format!("{}s", k.noun()),
    }
}

impl Screen for DirectoryScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Directory
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.load(ctx)
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        if let Some(view) = self.caseload.as_mut() {
            return match view.handle(action, self.page, ctx) {
                Some(effect) => effect,
                None => {
                    self.caseload = None;
                    Effect::Status("Showing the directory.".into())
                }
            };
        }
        let page = self.page.max(1) as isize;
        match action {
            Action::Caseload => return self.show_caseload(ctx),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::FilterKind => return self.next_kind(ctx),
            Action::FindName => return self.find_prompt(),
            Action::AddEntry => return self.add_prompt(),
            Action::EditEntry => return self.edit_prompt(),
            Action::RetireEntry => return self.retire_prompt(),
            Action::AddRoom => return self.room_prompt(),
            Action::Back if !self.query.is_empty() => {
                self.query.clear();
                return match self.load(ctx) {
                    Ok(()) => Effect::Status("Showing every name.".into()),
                    Err(e) => Effect::Error(format!("Could not read the directory: {e:#}")),
                };
            }
            _ => {}
        }
        Effect::None
    }

    /// Show one facilitator (from Today's vetting list): the case id is
    /// none, the entity the facilitator.
    fn focus(&mut self, _case_id: i64, entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        self.kind = Some(DirectoryKind::Facilitator);
        self.query.clear();
        self.caseload = None;
        if let Err(e) = self.load(ctx) {
            return Effect::Error(format!("Could not read the directory: {e:#}"));
        }
        let at = self.entries.iter().position(|e| Some(e.id) == entity_id);
        self.table.select(at.or(Some(0)).filter(|_| !self.entries.is_empty()));
        Effect::None
    }

    fn on_reply(&mut self, reply: super::Reply, ctx: &mut Ctx<'_>) -> Effect {
        let super::PendingAction::Directory(pending) = reply.pending.clone() else { return Effect::None };
        let effect = match pending {
            Pending::Find => {
                self.query = reply.value(super::FieldId::Name).to_string();
                self.table.select(Some(0));
                Effect::Status(if self.query.is_empty() {
                    "Showing every name.".to_string()
                } else {
                    format!("Showing names with \"{}\"; esc shows every name.", crate::export::safe::inert(&self.query))
                })
            }
            Pending::ChooseKind => self.chosen_kind(&reply),
            Pending::Add(kind) => self.add(kind, &reply, ctx),
            Pending::Edit(kind, id) => self.edit(kind, id, &reply, ctx),
            Pending::Retire(kind, id) => self.retire(kind, id, ctx),
            Pending::AddRoom(venue) => self.add_room(venue, &reply, ctx),
        };
        if let Err(e) = self.load(ctx) {
            return Effect::Error(format!("Could not read the directory: {e:#}"));
        }
        effect
    }

    fn footer(&self) -> Vec<Action> {
        if self.caseload.is_some() {
            return caseload::CaseloadView::footer();
        }
        vec![
            Action::AddEntry,
            Action::EditEntry,
            Action::RetireEntry,
            Action::FilterKind,
            Action::FindName,
            Action::Caseload,
            Action::AddRoom,
        ]
    }

    fn footer_label(&self, action: Action) -> Option<&'static str> {
        if let Some(view) = &self.caseload {
            return view.footer_label(action);
        }
        match action {
            Action::AddEntry => Some("add"),
            Action::EditEntry => Some("edit"),
            Action::RetireEntry => Some("retire"),
            Action::FilterKind => Some("kind"),
            Action::FindName => Some("name"),
            Action::AddRoom => Some("room"),
            Action::Caseload => Some("caseload"),
            Action::ServiceProfile => Some("letters' sender"),
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        match self.caseload.as_mut() {
            Some(view) => self.page = view.draw(frame, area, theme),
            None => self.draw(frame, area, theme),
        }
    }
}
