//! Case: one case whole. With no case open, a paged list of cases (most
//! recently changed first); Enter opens one. An open case shows its header,
//! its people (the one screen that shows names), its letters, and a timeline
//! newest first of everything that happened to it, or its audit history.
//!
//! Opening a case is a consultation under DPA 2018 s.62, so each opening
//! writes one audit row; refreshing the case already open does not. Writing
//! a standard letter (w) is a disclosure, logged with its recipient.

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{common, disposal, retention};
use super::{Ctx, Effect, Prompt, Reply, Screen, ScreenId};
use crate::domain::caps::{self, ConditionKind, ConditionObject, Severity};
use crate::domain::status::{oocd_next, rj_next, OocdStatus, RjStatus};
use crate::domain::types::Service;
use crate::export::letters::{self as letters, LetterFormat, LetterSpec, RecipientChoice, TEMPLATES};
use crate::export::safe::inert;
use crate::store::model::NewCondition;
use crate::store::views::case::{
    status_label, AuditLine, CaseHeader, CaseListRow, CaseParties, EventKind, Page, Seek, TimelineEntry,
    CONSULT_JUSTIFICATION,
};
use crate::store::views::letters::CaseLetters;
use crate::store::StoreResult;
use crate::tui::action::Action;
use crate::tui::form::Field;
use crate::tui::theme::Theme;

/// Rows read per query: a page, never a whole table.
const PAGE: usize = 50;
/// People shown in the people panel (the rest are counted).
const PEOPLE_LIMIT: usize = 8;
/// Letters read for the Letters lines (the rest are counted).
const LETTERS_LIMIT: usize = 5;

pub const ADD_CONDITION: &str = "case_add_condition";
pub const ADVANCE_STATUS: &str = "case_advance_status";
pub const CLOSE_CONFIRM: &str = "case_close_confirm";
pub const CLOSE_CASE: &str = "case_close";
pub const WRITE_LETTER: &str = "case_write_letter";

/// What the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineView {
    /// Every kind of event, by the date it happened or falls due.
    #[default]
    Everything,
    /// The audit log of the case only (who, when, what).
    AuditOnly,
}

/// A movement through a paged list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Move {
    fn of(action: Action) -> Option<Move> {
        Some(match action {
            Action::Up => Move::Up,
            Action::Down => Move::Down,
            Action::PageUp => Move::PageUp,
            Action::PageDown => Move::PageDown,
            Action::Top => Move::Top,
            Action::Bottom => Move::Bottom,
            _ => return None,
        })
    }
}

/// Which row to select in a newly read page.
#[derive(Debug, Clone, Copy)]
enum Pick {
    First,
    Last,
    Index(usize),
}

/// One page of rows with a selection, read by keyset.
#[derive(Debug)]
struct Paged<T> {
    page: Page<T>,
    state: TableState,
    /// Rows the table showed at the last draw (for page up / down).
    visible: usize,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged { page: Page::default(), state: TableState::default(), visible: 10 }
    }
}

impl<T> Paged<T> {
    fn selected(&self) -> Option<&T> {
        self.state.selected().and_then(|i| self.page.rows.get(i))
    }

    fn set(&mut self, page: Page<T>, pick: Pick) {
        let last = page.rows.len().checked_sub(1);
        let index = match pick {
            Pick::First => last.map(|_| 0),
            Pick::Last => last,
            Pick::Index(i) => last.map(|l| i.min(l)),
        };
        self.page = page;
        self.state.select(index);
        if index.is_none() {
            *self.state.offset_mut() = 0;
        }
    }

    /// Apply a movement within the page, or say which page to read next.
    fn plan<K>(&mut self, mv: Move, key_of: impl Fn(&T) -> K) -> Option<(Seek<K>, Pick)> {
        let len = self.page.rows.len();
        let sel = self.state.selected().unwrap_or(0);
        let step = self.visible.max(1);
        let first_key = || self.page.rows.first().map(&key_of);
        let last_key = || self.page.rows.last().map(&key_of);
        match mv {
            Move::Top => return Some((Seek::First, Pick::First)),
            Move::Bottom => return Some((Seek::Last, Pick::Last)),
            _ if len == 0 => return None,
            Move::Down if sel + 1 < len => self.state.select(Some(sel + 1)),
            Move::Down if self.page.has_next() => return last_key().map(|k| (Seek::After(k), Pick::First)),
            Move::Up if sel > 0 => self.state.select(Some(sel - 1)),
            Move::Up if self.page.has_prev() => return first_key().map(|k| (Seek::Before(k), Pick::Last)),
            Move::PageDown if sel + step < len => self.state.select(Some(sel + step)),
            Move::PageDown if self.page.has_next() => {
                return last_key().map(|k| (Seek::After(k), Pick::Index((sel + step).saturating_sub(len))));
            }
            Move::PageDown => self.state.select(Some(len - 1)),
            Move::PageUp if sel >= step => self.state.select(Some(sel - step)),
            Move::PageUp if self.page.has_prev() => {
                return first_key().map(|k| (Seek::Before(k), Pick::Index(PAGE.saturating_sub(step - sel))));
            }
            Move::PageUp => self.state.select(Some(0)),
            Move::Down | Move::Up => {}
        }
        None
    }

    /// The seek that reads this page again in place: from the top when it is
    /// the first page (so new rows appear), else from its first row.
    fn again<K>(&self, key_of: impl Fn(&T) -> K) -> Seek<K> {
        match self.page.rows.first() {
            Some(first) if self.page.offset > 0 => Seek::From(key_of(first)),
            _ => Seek::First,
        }
    }

    /// "rows 1–12 of 40" for what the table shows.
    fn range_text(&self, noun: &str) -> String {
        let total = self.page.total;
        if total == 0 {
            return format!("no {noun}");
        }
        let first = self.page.offset + self.state.offset() + 1;
        let shown = self.page.rows.len().saturating_sub(self.state.offset()).min(self.visible);
        let last = (first + shown).saturating_sub(1).max(first);
        format!("{first}–{last} of {total}")
    }
}

/// The case on screen.
#[derive(Debug)]
struct OpenCase {
    header: CaseHeader,
    parties: CaseParties,
    letters: CaseLetters,
}

#[derive(Debug, Default)]
pub struct CaseScreen {
    list: Paged<CaseListRow>,
    case: Option<OpenCase>,
    view: TimelineView,
    timeline: Paged<TimelineEntry>,
    audit: Paged<AuditLine>,
    today: NaiveDate,
    retention: retention::RetentionReview,
}

impl CaseScreen {
    pub fn new() -> Self {
        CaseScreen::default()
    }

    /// The id of the case on screen, if one is open.
    pub fn open_case_id(&self) -> Option<i64> {
        self.case.as_ref().map(|c| c.header.case_id)
    }

    pub fn view(&self) -> TimelineView {
        self.view
    }

    /// The timeline entries read for the open case (the current page).
    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.timeline.page.rows
    }

    /// The audit rows read for the open case (the current page).
    pub fn audit_rows(&self) -> &[AuditLine] {
        &self.audit.page.rows
    }

    /// The cases of the list page on screen.
    pub fn list_rows(&self) -> &[CaseListRow] {
        &self.list.page.rows
    }

    /// The newest letters of the open case, as the Letters lines show them.
    pub fn letters(&self) -> Option<&CaseLetters> {
        self.case.as_ref().map(|c| &c.letters)
    }

    /// Open a case: read it, and log the consultation (DPA 2018 s.62). If the
    /// log cannot be written the case is not shown.
    fn open(&mut self, case_id: i64, ctx: &mut Ctx<'_>) -> Effect {
        let header = match ctx.store.case_header(case_id) {
            Ok(Some(h)) => h,
            Ok(None) => return Effect::Error(format!("There is no case {case_id}.")),
            Err(e) => return Effect::Error(format!("Could not read the case: {e}")),
        };
        if let Err(e) = ctx.store.write(|tx| tx.log_consult(case_id, CONSULT_JUSTIFICATION)) {
            return Effect::Error(format!("Not opened: the consultation could not be logged ({e})."));
        }
        let parties = match ctx.store.case_parties(case_id, PEOPLE_LIMIT) {
            Ok(p) => p,
            Err(e) => return Effect::Error(format!("Could not read the people of the case: {e}")),
        };
        let letters = match ctx.store.case_letters(case_id, LETTERS_LIMIT) {
            Ok(l) => l,
            Err(e) => return Effect::Error(format!("Could not read the letters of the case: {e}")),
        };
        self.case = Some(OpenCase { header, parties, letters });
        self.view = TimelineView::Everything;
        self.timeline = Paged::default();
        self.audit = Paged::default();
        match self.load_view(Seek::First, Seek::First, Pick::First, ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the timeline: {e}")),
        }
    }

    fn load_view(
        &mut self,
        timeline: Seek<crate::store::views::case::TimelineKey>,
        audit: Seek<i64>,
        pick: Pick,
        ctx: &mut Ctx<'_>,
    ) -> StoreResult<()> {
        let Some(case_id) = self.open_case_id() else { return Ok(()) };
        match self.view {
            TimelineView::Everything => {
                let page = ctx.store.case_timeline(case_id, &timeline, PAGE)?;
                self.timeline.set(page, pick);
            }
            TimelineView::AuditOnly => {
                let page = ctx.store.case_audit(case_id, &audit, PAGE)?;
                self.audit.set(page, pick);
            }
        }
        Ok(())
    }

    fn move_list(&mut self, mv: Move, ctx: &mut Ctx<'_>) -> Effect {
        let Some((seek, pick)) = self.list.plan(mv, CaseListRow::key) else { return Effect::None };
        match ctx.store.case_list(&seek, PAGE) {
            Ok(page) if !page.rows.is_empty() => self.list.set(page, pick),
            Ok(_) => {}
            Err(e) => return Effect::Error(format!("Could not read the cases: {e}")),
        }
        Effect::None
    }

    fn move_timeline(&mut self, mv: Move, ctx: &mut Ctx<'_>) -> Effect {
        let Some(case_id) = self.open_case_id() else { return Effect::None };
        let result = match self.view {
            TimelineView::Everything => match self.timeline.plan(mv, TimelineEntry::key) {
                Some((seek, pick)) => ctx.store.case_timeline(case_id, &seek, PAGE).map(|page| {
                    if !page.rows.is_empty() {
                        self.timeline.set(page, pick);
                    }
                }),
                None => Ok(()),
            },
            TimelineView::AuditOnly => match self.audit.plan(mv, |a| a.id) {
                Some((seek, pick)) => ctx.store.case_audit(case_id, &seek, PAGE).map(|page| {
                    if !page.rows.is_empty() {
                        self.audit.set(page, pick);
                    }
                }),
                None => Ok(()),
            },
        };
        match result {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the timeline: {e}")),
        }
    }

    /// Enter on a timeline entry: show it where it is worked on.
    fn open_entry(&self, case_id: i64) -> Effect {
        if self.view == TimelineView::AuditOnly {
            return Effect::None;
        }
        let Some(entry) = self.timeline.selected() else { return Effect::None };
        let (screen, entity_id) = match entry.kind {
            EventKind::ConditionSet | EventKind::ConditionDue | EventKind::ConditionCompleted => {
                (ScreenId::Deadlines, Some(entry.id))
            }
            EventKind::Compliance | EventKind::Breach | EventKind::BreachDecision => (ScreenId::Deadlines, None),
            EventKind::ItemDue | EventKind::ItemDone => (ScreenId::Agreements, Some(entry.id)),
            EventKind::Process => (ScreenId::Agreements, Some(entry.id)),
            EventKind::Agreement | EventKind::HarmedInformed => (ScreenId::Agreements, None),
            EventKind::Decision => (ScreenId::Checklist, None),
            _ => return Effect::None,
        };
        Effect::Focus { screen, case_id, entity_id }
    }

    fn add_condition_prompt(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        if !header.is_oocd() {
            return Effect::Error(
                "Conditions belong to out-of-court disposals; add an agreement item on Agreements (5) instead.".into(),
            );
        }
        if header.is_finished() {
            return Effect::Error(format!(
                "{} is {}: nothing more is added to it.",
                header.reference,
                status_label(&header.status).to_lowercase()
            ));
        }
        let Some(disposal) = header.disposal.as_ref() else {
            return Effect::Error(format!(
                "{} has no disposal recorded yet: record its type before adding conditions.",
                header.reference
            ));
        };
        let providers = match ctx.store.active_providers(200) {
            Ok(p) => p,
            Err(e) => return Effect::Error(format!("Could not read the providers: {e}")),
        };
        let kinds: Vec<(String, String)> =
            ConditionKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
        let mut objects = vec![(String::new(), "As the kind implies".to_string())];
        objects.extend(ConditionObject::ALL.iter().map(|o| (o.as_str().to_string(), o.label().to_string())));
        let mut provider_options = vec![(String::new(), "None".to_string())];
        provider_options.extend(providers.into_iter().map(|(id, name)| (id.to_string(), inert(&name))));
        let default_due = match (disposal.kind(), disposal.issued_on) {
            (Some(kind), Some(issued)) => caps::default_completion_due(ctx.rules, kind, issued).map(|(d, _)| d),
            _ => None,
        };
        let disposal_words = disposal.kind().map_or(disposal.disposal_type.clone(), |d| d.label().to_string());
        let issued = disposal.issued_on.map_or_else(|| "not yet issued".to_string(), |d| format!("issued {d}"));
        Effect::Ask(Prompt {
            title: format!("Add a condition to {}", header.reference),
            message: format!("{disposal_words}, {issued}. Caps are checked on saving; warnings are shown after."),
            fields: vec![
                Field::choice("Kind", kinds, 0),
                Field::choice("Object", objects, 0),
                Field::text("Description").required().with_hint("what must be done, e.g. attend the course"),
                Field::choice("Provider", provider_options, 0),
                Field::number("Hours").with_hint("blank: none"),
                Field::number("Amount £").with_hint("blank: none"),
                Field::date("Due on", default_due).required(),
            ],
            purpose: ADD_CONDITION,
            ids: vec![header.case_id],
        })
    }

    fn add_condition(&self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(reply) else { return Effect::Error("That case is no longer open.".into()) };
        let Some(kind) = ConditionKind::parse(reply.value(0)) else {
            return Effect::Error("Not saved: choose the kind of condition.".into());
        };
        let object = match reply.value(1) {
            "" => kind.default_object(),
            other => match ConditionObject::parse(other) {
                Some(o) => o,
                None => return Effect::Error("Not saved: choose the object of the condition.".into()),
            },
        };
        let number = |i: usize, what: &str| -> Result<Option<f64>, Effect> {
            match reply.value(i) {
                "" => Ok(None),
                text => match text.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
                    _ => Err(Effect::Error(format!("Not saved: {what} must be a number of 0 or more."))),
                },
            }
        };
        let hours = match number(4, "hours") {
            Ok(h) => h,
            Err(e) => return e,
        };
        let amount_pence = match number(5, "the amount") {
            Ok(a) => a.map(|pounds| (pounds * 100.0).round() as i64),
            Err(e) => return e,
        };
        let Some(due_on) = reply.date(6) else { return Effect::Error("Not saved: give the due date.".into()) };
        let disposal = header.disposal.as_ref();
        let mut due_rule = None;
        let mut warnings = Vec::new();
        if let Some((kind_of_disposal, issued)) = disposal.and_then(|d| Some((d.kind()?, d.issued_on?))) {
            let extended = disposal.is_some_and(|d| d.extended_exceptionally);
            let findings = caps::check_completion_due(ctx.rules, kind_of_disposal, issued, due_on, extended);
            if let Some(block) = findings.iter().find(|f| f.severity == Severity::Block) {
                return Effect::Error(format!("Not saved: {}", block.message));
            }
            warnings.extend(findings.into_iter().map(|f| f.message));
            due_rule = caps::default_completion_due(ctx.rules, kind_of_disposal, issued)
                .filter(|(d, _)| *d == due_on)
                .map(|(_, rule)| rule);
        }
        let condition = NewCondition {
            kind,
            object,
            description: reply.value(2).to_string(),
            provider_id: reply.value(3).parse().ok(),
            hours_required: hours,
            amount_pence,
            payee: None,
            restriction_until: None,
            due_on,
            due_rule,
        };
        let case_id = header.case_id;
        let rules = ctx.rules;
        match ctx.store.write(|tx| tx.add_condition(case_id, &condition, rules)) {
            Ok((_, findings)) => {
                warnings.extend(findings.into_iter().map(|f| f.message));
                let mut text = format!("Saved: {} added to {}, due {due_on}.", kind.label(), header.reference);
                if !warnings.is_empty() {
                    text.push_str(&format!(" Warning: {}.", warnings.join("; ")));
                }
                Effect::Status(text)
            }
            Err(e) => Effect::Error(format!("Not saved: {e}")),
        }
    }

    /// The statuses the case may move to next, Closed left to the close action.
    fn next_statuses(header: &CaseHeader) -> Result<Vec<(String, String)>, String> {
        let targets: Vec<&'static str> = match header.service_kind() {
            Some(Service::Oocd) => {
                let Some(disposal) = header.disposal.as_ref().and_then(|d| d.kind()) else {
                    return Err(format!(
                        "{} has no disposal recorded yet: record its type before moving its status.",
                        header.reference
                    ));
                };
                let from = OocdStatus::parse(&header.status).ok_or("the case has an unknown status")?;
                oocd_next(disposal, from).into_iter().map(OocdStatus::as_str).collect()
            }
            _ => {
                let from = RjStatus::parse(&header.status).ok_or("the case has an unknown status")?;
                let paused_from = header.paused_from.as_deref().and_then(RjStatus::parse);
                rj_next(from, paused_from).into_iter().map(RjStatus::as_str).collect()
            }
        };
        Ok(targets.into_iter().map(|s| (s.to_string(), status_label(s))).collect())
    }

    fn advance_prompt(&self, header: &CaseHeader, today: NaiveDate) -> Effect {
        let all = match Self::next_statuses(header) {
            Ok(t) => t,
            Err(e) => return Effect::Error(e),
        };
        let can_close = all.iter().any(|(s, _)| s == "closed");
        let options: Vec<(String, String)> = all.into_iter().filter(|(s, _)| s != "closed").collect();
        let from = status_label(&header.status);
        if options.is_empty() {
            let hint = if can_close { " Close it instead." } else { "" };
            return Effect::Error(format!("{} is {from}: no other status is open from here.{hint}", header.reference));
        }
        Effect::Ask(Prompt {
            title: format!("Move {} on", header.reference),
            message: format!("Now {from}. Only the moves its status machine allows are offered; closing is separate."),
            fields: vec![Field::choice("Move to", options, 0), Field::date("On", Some(today)).required()],
            purpose: ADVANCE_STATUS,
            ids: vec![header.case_id],
        })
    }

    fn advance(&self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(reply) else { return Effect::Error("That case is no longer open.".into()) };
        let on = reply.date(1).unwrap_or(ctx.today);
        if on > ctx.today {
            return Effect::Error(format!("Not saved: a status cannot change on a future date ({on})."));
        }
        let to = reply.value(0).to_string();
        let case_id = header.case_id;
        let result = ctx.store.write(|tx| tx.change_status(case_id, &to, on));
        common::result_effect(
            result,
            format!(
                "Saved: {} moved from {} to {} on {on}.",
                header.reference,
                status_label(&header.status),
                status_label(&to)
            ),
        )
    }

    fn close_confirm(&self, header: &CaseHeader) -> Effect {
        if header.status == "closed" {
            return Effect::Error(format!("{} is already closed.", header.reference));
        }
        match Self::next_statuses(header) {
            Ok(next) if next.iter().any(|(s, _)| s == "closed") => {}
            Ok(_) => {
                return Effect::Error(format!(
                    "{} is {} and cannot be closed from there; move it on first.",
                    header.reference,
                    status_label(&header.status)
                ))
            }
            Err(e) => return Effect::Error(e),
        }
        Effect::Ask(Prompt::confirm(
            "Close the case?",
            format!(
                "Close {}? Its retention review is booked on closing (DPA 2018 s.39). You will be asked for the outcome.",
                header.reference
            ),
            CLOSE_CONFIRM,
            vec![header.case_id],
        ))
    }

    fn close_outcome_prompt(&self, reply: &Reply, today: NaiveDate) -> Effect {
        let Some(header) = self.header_for(reply) else { return Effect::Error("That case is no longer open.".into()) };
        Effect::Ask(Prompt {
            title: format!("Close {}", header.reference),
            message: "How did the case end? This is kept as the closure outcome.".into(),
            fields: vec![
                Field::text("Outcome").required().with_hint("e.g. all conditions completed"),
                Field::date("Closed on", Some(today)).required(),
            ],
            purpose: CLOSE_CASE,
            ids: vec![header.case_id],
        })
    }

    fn close(&self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(reply) else { return Effect::Error("That case is no longer open.".into()) };
        let outcome = reply.value(0).to_string();
        if outcome.is_empty() {
            return Effect::Error("Not closed: say how the case ended (outcome).".into());
        }
        let on = reply.date(1).unwrap_or(ctx.today);
        if on > ctx.today {
            return Effect::Error(format!("Not closed: the closing date {on} is in the future."));
        }
        let case_id = header.case_id;
        let rules = ctx.rules;
        match ctx.store.write(|tx| tx.close_case(case_id, on, &outcome, rules)) {
            Ok(()) => {
                let review = ctx
                    .store
                    .case_header(case_id)
                    .ok()
                    .flatten()
                    .and_then(|h| h.retention_review_due)
                    .map_or(String::new(), |d| format!("; retention review due {d}"));
                Effect::Status(format!("Saved: {} closed on {on}{review}.", header.reference))
            }
            Err(e) => Effect::Error(format!("Not closed: {e}")),
        }
    }

    /// Ask which letter, to whom, in which format (and, on a case with
    /// conditions, about which condition).
    fn letter_prompt(&self, header: &CaseHeader, ctx: &mut Ctx<'_>) -> Effect {
        let Some(case) = self.case.as_ref() else { return Effect::None };
        let templates: Vec<(String, String)> =
            TEMPLATES.iter().map(|t| (t.name.to_string(), t.title.to_string())).collect();
        let mut recipients = vec![(String::new(), "As the template says".to_string())];
        recipients.extend(
            case.parties
                .people
                .iter()
                .map(|p| (format!("person:{}", p.person_id), inert(&format!("{} ({})", p.name(), p.role_label())))),
        );
        if let Some(referrer) = header.referrer_name.as_deref().filter(|r| !r.trim().is_empty()) {
            recipients.push(("referrer".into(), inert(&format!("Referrer: {referrer}"))));
        }
        if let Some(oic) = header.disposal.as_ref().and_then(|d| d.oic_name.as_deref()).filter(|o| !o.trim().is_empty())
        {
            recipients.push(("oic".into(), inert(&format!("Officer in the case: {oic}"))));
        }
        let mut fields = vec![
            Field::choice("Template", templates, 0),
            Field::choice("To", recipients, 0),
            Field::text("Or name").with_hint("someone not listed (blank: as chosen above)"),
            Field::text("Their role").with_hint("e.g. housing officer"),
            Field::choice_of("Format", &[("docx", "Word (.docx)"), ("md", "Markdown (.md)")], 0),
        ];
        let conditions = match ctx.store.letter_conditions(header.case_id) {
            Ok(c) => c,
            Err(e) => return Effect::Error(format!("Could not read the conditions: {e}")),
        };
        if !conditions.is_empty() {
            let mut options = vec![(String::new(), "The first still open".to_string())];
            options.extend(conditions.iter().map(|c| {
                let kind = ConditionKind::parse(&c.kind).map_or(c.kind.as_str(), |k| k.label());
                (c.id.to_string(), fit(&inert(&format!("{}. {kind}, due {}", c.seq, c.due_on)), 48))
            }));
            fields.push(Field::choice("Condition", options, 0));
        }
        Effect::Ask(Prompt {
            title: format!("Write a letter for {}", header.reference),
            message: "The file goes to the export folder. Sending it is a disclosure: it is listed on the case and \
                      logged with its recipient (DPA 2018 s.62)."
                .into(),
            fields,
            purpose: WRITE_LETTER,
            ids: vec![header.case_id],
        })
    }

    fn write_letter(&self, reply: &Reply, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.header_for(reply) else { return Effect::Error("That case is no longer open.".into()) };
        let Some(format) = LetterFormat::parse(reply.value(4)) else {
            return Effect::Error("Letter not written: choose Word or Markdown.".into());
        };
        let recipient = match (reply.value(2), reply.value(1)) {
            (name, _) if !name.is_empty() => {
                RecipientChoice::Named { name: name.to_string(), role: reply.value(3).to_string() }
            }
            (_, "referrer") => RecipientChoice::Referrer,
            (_, "oic") => RecipientChoice::Oic,
            (_, chosen) => match chosen.strip_prefix("person:").and_then(|id| id.parse().ok()) {
                Some(person_id) => RecipientChoice::Person(person_id),
                None => RecipientChoice::AsTemplate,
            },
        };
        let template = reply.value(0);
        let dir = common::export_dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Effect::Error(format!("Letter not written: cannot create the folder {} ({e}).", dir.display()));
        }
        let path = letters::unused_letter_path(&dir, &header.reference, template, ctx.today, format);
        let config = letters::config_dir();
        let spec = LetterSpec {
            case_id: header.case_id,
            template,
            recipient,
            condition_id: reply.value(5).parse().ok(),
            today: ctx.today,
            config_dir: config.as_deref(),
        };
        match letters::write_letter(ctx.store, &spec, format, &path) {
            Ok(written) => Effect::Status(format!("Letter written to {}", written.path.display())),
            Err(e) => Effect::Error(format!("Letter not written: {}", inert(&format!("{e:#}")))),
        }
    }

    /// The open case, if a reply is about it.
    fn header_for(&self, reply: &Reply) -> Option<&CaseHeader> {
        let header = &self.case.as_ref()?.header;
        (reply.ids.first() == Some(&header.case_id)).then_some(header)
    }

    fn handle_case(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        let Some(header) = self.case.as_ref().map(|c| c.header.clone()) else { return Effect::None };
        if let Some(mv) = Move::of(action) {
            return self.move_timeline(mv, ctx);
        }
        match action {
            Action::Back => {
                self.case = None;
                self.timeline = Paged::default();
                self.audit = Paged::default();
                let seek = self.list.again(CaseListRow::key);
                match ctx.store.case_list(&seek, PAGE) {
                    Ok(page) => {
                        let keep = self.list.state.selected().unwrap_or(0);
                        self.list.set(page, Pick::Index(keep));
                        Effect::None
                    }
                    Err(e) => Effect::Error(format!("Could not read the cases: {e}")),
                }
            }
            Action::Open => self.open_entry(header.case_id),
            Action::LogContact => Effect::Ask(common::contact_prompt(header.case_id, &header.reference, ctx.today)),
            Action::AddCondition => self.add_condition_prompt(&header, ctx),
            Action::AdvanceStatus => self.advance_prompt(&header, ctx.today),
            Action::CloseCase => self.close_confirm(&header),
            Action::Letter => self.letter_prompt(&header, ctx),
            Action::RetentionReview => self.retention.start(&header, ctx),
            Action::RecordDisposal if header.is_oocd() => match ctx.store.disposal(header.case_id) {
                Ok(current) => Effect::Ask(disposal::disposal_prompt(header.case_id, &header.reference, current)),
                Err(e) => Effect::Error(format!("Could not read the disposal: {e}")),
            },
            Action::RecordDisposal => Effect::Error("Only an out-of-court disposal has a disposal to record.".into()),
            Action::OpenChecklist => {
                Effect::Focus { screen: ScreenId::Checklist, case_id: header.case_id, entity_id: None }
            }
            Action::ToggleView => {
                self.view = match self.view {
                    TimelineView::Everything => TimelineView::AuditOnly,
                    TimelineView::AuditOnly => TimelineView::Everything,
                };
                match self.load_view(Seek::First, Seek::First, Pick::First, ctx) {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Error(format!("Could not read the timeline: {e}")),
                }
            }
            _ => Effect::None,
        }
    }
}

impl Screen for CaseScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Case
    }

    fn refresh(&mut self, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
        self.today = ctx.today;
        if let Some(case_id) = self.open_case_id() {
            match ctx.store.case_header(case_id)? {
                Some(header) => {
                    let parties = ctx.store.case_parties(case_id, PEOPLE_LIMIT)?;
                    let letters = ctx.store.case_letters(case_id, LETTERS_LIMIT)?;
                    self.case = Some(OpenCase { header, parties, letters });
                    let (tl, au) = (self.timeline.again(TimelineEntry::key), self.audit.again(|a: &AuditLine| a.id));
                    let selected = match self.view {
                        TimelineView::Everything => self.timeline.state.selected(),
                        TimelineView::AuditOnly => self.audit.state.selected(),
                    };
                    let pick = Pick::Index(selected.unwrap_or(0));
                    self.load_view(tl, au, pick, ctx)?;
                    return Ok(());
                }
                // Gone (its creation undone): back to the list.
                None => self.case = None,
            }
        }
        let page = ctx.store.case_list(&self.list.again(CaseListRow::key), PAGE)?;
        let page = if page.rows.is_empty() { ctx.store.case_list(&Seek::First, PAGE)? } else { page };
        let keep = self.list.state.selected().unwrap_or(0);
        self.list.set(page, Pick::Index(keep));
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx<'_>) -> Effect {
        self.today = ctx.today;
        if self.case.is_some() {
            return self.handle_case(action, ctx);
        }
        if let Some(mv) = Move::of(action) {
            return self.move_list(mv, ctx);
        }
        match action {
            Action::Open => match self.list.selected().map(|r| r.case_id) {
                Some(case_id) => self.open(case_id, ctx),
                None => Effect::Error("There is no case to open. Press 2 to log a referral.".into()),
            },
            Action::LogContact
            | Action::AddCondition
            | Action::AdvanceStatus
            | Action::CloseCase
            | Action::OpenChecklist
            | Action::Letter
            | Action::RecordDisposal
            | Action::RetentionReview
            | Action::ToggleView => match self.list.page.total {
                0 => Effect::Error("There are no cases yet. Press 2 to log a referral.".into()),
                _ => Effect::Error("Open a case first: Enter opens the selected case.".into()),
            },
            _ => Effect::None,
        }
    }

    fn on_reply(&mut self, reply: Reply, ctx: &mut Ctx<'_>) -> Effect {
        if let Some(effect) = common::apply_shared_reply(&reply, ctx) {
            return effect;
        }
        let reference = self.header_for(&reply).map(|h| h.reference.clone()).unwrap_or_default();
        if let Some(effect) = self.retention.on_reply(&reply, &reference, ctx) {
            return effect;
        }
        match reply.purpose {
            ADD_CONDITION => self.add_condition(&reply, ctx),
            ADVANCE_STATUS => self.advance(&reply, ctx),
            CLOSE_CONFIRM => self.close_outcome_prompt(&reply, ctx.today),
            CLOSE_CASE => self.close(&reply, ctx),
            WRITE_LETTER => self.write_letter(&reply, ctx),
            disposal::RECORD_DISPOSAL => disposal::apply_disposal_reply(&reply, ctx),
            _ => Effect::None,
        }
    }

    fn focus(&mut self, case_id: i64, _entity_id: Option<i64>, ctx: &mut Ctx<'_>) -> Effect {
        self.today = ctx.today;
        self.open(case_id, ctx)
    }

    fn footer(&self) -> Vec<Action> {
        match &self.case {
            None => vec![Action::Open, Action::Undo],
            Some(case) => {
                let mut actions = vec![Action::LogContact, Action::AdvanceStatus];
                if case.header.is_oocd() {
                    actions.extend([Action::RecordDisposal, Action::AddCondition]);
                }
                if case.header.retention_review_due.is_some_and(|due| due <= self.today) {
                    actions.insert(0, Action::RetentionReview);
                }
                actions.extend([
                    Action::Letter,
                    Action::CloseCase,
                    Action::ToggleView,
                    Action::OpenChecklist,
                    Action::Back,
                    Action::Undo,
                ]);
                actions
            }
        }
    }

    fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let today = self.today;
        match &self.case {
            None => render_list(frame, area, theme, &mut self.list),
            Some(case) => {
                let people_shown = case.parties.people.len().min(if area.height >= 26 { 5 } else { 3 });
                let letters_shown = case.letters.rows.len().min(if area.height >= 26 { 2 } else { 1 }).max(1);
                let header_lines = header_lines(&case.header, theme, area.width.saturating_sub(2) as usize);
                let [header_area, people_area, timeline_area] = area.layout(&Layout::vertical([
                    Constraint::Length(header_lines.len() as u16 + 2),
                    Constraint::Length((people_shown.max(1) + letters_shown) as u16 + 2),
                    Constraint::Fill(1),
                ]));
                let service = case.header.service_kind().map_or("Case", |s| s.label());
                let title = format!(" {} · {service} ", case.header.reference);
                frame.render_widget(
                    Paragraph::new(header_lines)
                        .block(Block::bordered().title(title).title_style(theme.title).border_style(theme.border)),
                    header_area,
                );
                render_people(frame, people_area, theme, case, (people_shown, letters_shown));
                match self.view {
                    TimelineView::Everything => render_timeline(frame, timeline_area, theme, &mut self.timeline, today),
                    TimelineView::AuditOnly => render_audit(frame, timeline_area, theme, &mut self.audit),
                }
            }
        }
    }
}

// ===================================================================== drawing

/// Cut text to `width` columns, ending with … when cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
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

/// Spans cut to `width` columns as a whole, the last visible one ending with ….
fn fit_line(parts: Vec<(String, Style)>, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut left = width;
    for (text, style) in parts {
        if left == 0 {
            break;
        }
        let cut = fit(&text, left);
        left = left.saturating_sub(cut.width());
        let was_cut = cut != text;
        spans.push(Span::styled(cut, style));
        if was_cut {
            break;
        }
    }
    Line::from(spans)
}

fn service_short(service: &str) -> &'static str {
    match service {
        "oocd" => "OOCD",
        "restorative_justice" => "RJ",
        "mediation" => "Mediation",
        _ => "?",
    }
}

fn render_list(frame: &mut Frame<'_>, area: Rect, theme: &Theme, list: &mut Paged<CaseListRow>) {
    let block = Block::bordered().border_style(theme.border);
    let inner = block.inner(area);
    if list.page.total == 0 {
        let text = vec![
            Line::styled("No cases yet.", theme.heading),
            Line::from(""),
            Line::from("Press 2 (Intake) to log the first referral; it will be listed here."),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(block.title(" Cases ").title_style(theme.title)),
            area,
        );
        return;
    }
    let [table_area, hint_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let wide = table_area.width >= 96;
    // Marker, then reference, service, status, received, (changed), offence.
    let fixed: usize = 2 + 15 + 10 + 21 + 11 + if wide { 11 } else { 0 };
    let offence_width = (table_area.width as usize).saturating_sub(fixed).max(8);
    let rows: Vec<Row> = list
        .page
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::from(r.reference.clone()).style(theme.title),
                Cell::from(service_short(&r.service)),
                Cell::from(fit(&status_label(&r.status), 20)),
                Cell::from(r.received_on.format("%Y-%m-%d").to_string()),
            ];
            if wide {
                cells.push(Cell::from(r.changed_on.format("%Y-%m-%d").to_string()).style(theme.muted));
            }
            cells.push(Cell::from(fit(&inert(&r.offence), offence_width)));
            Row::new(cells)
        })
        .collect();
    let mut widths =
        vec![Constraint::Length(14), Constraint::Length(9), Constraint::Length(20), Constraint::Length(10)];
    let mut headings = vec!["Reference", "Service", "Status", "Received"];
    if wide {
        widths.push(Constraint::Length(10));
        headings.push("Changed");
    }
    widths.push(Constraint::Fill(1));
    headings.push("Offence");
    list.visible = table_area.height.saturating_sub(1) as usize;
    let table = Table::new(rows, widths)
        .header(Row::new(headings).style(theme.heading))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(table, table_area, &mut list.state);
    let hint = match list.selected() {
        Some(r) => format!("Enter opens {} (the opening is logged: DPA 2018 s.62)", r.reference),
        None => String::new(),
    };
    frame.render_widget(Paragraph::new(fit(&hint, hint_area.width as usize)).style(theme.muted), hint_area);
    let title = format!(" Cases — most recently changed first · {} ", list.range_text("cases"));
    frame.render_widget(block.title(title).title_style(theme.title), area);
}

fn header_lines(h: &CaseHeader, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let crime =
        h.crime_ref.as_deref().map_or_else(|| "no crime ref".to_string(), |c| format!("crime ref {}", inert(c)));
    let mut lines = vec![fit_line(
        vec![
            (status_label(&h.status), theme.title),
            (format!(" since {} · received {} · {crime}", h.status_changed_on, h.received_on), theme.normal),
        ],
        width,
    )];
    let offence_detail = {
        let mode = h.offence_mode.as_deref().map(|m| m.replace('_', " "));
        let parts: Vec<String> =
            [h.offence_date.map(|d| d.to_string()), mode].into_iter().flatten().collect::<Vec<_>>();
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    };
    let flags = h.flag_words();
    let (flag_text, flag_style) =
        if flags.is_empty() { ("none".to_string(), theme.muted) } else { (flags.join(", "), theme.warning) };
    let offence = h.offence.as_deref().map_or_else(|| "not recorded".to_string(), inert);
    lines.push(fit_line(
        vec![
            ("Flags: ".to_string(), theme.muted),
            (flag_text, flag_style),
            (" · Offence: ".to_string(), theme.muted),
            (format!("{offence}{offence_detail}"), theme.normal),
        ],
        width,
    ));
    let third = if h.is_oocd() {
        match &h.disposal {
            Some(d) => {
                let kind = d.kind().map_or_else(|| d.disposal_type.replace('_', " "), |k| k.label().to_string());
                let issued = d.issued_on.map_or_else(|| "not yet issued".to_string(), |i| format!("issued {i}"));
                let due = d.completion_due.map(|c| format!(" · complete by {c}")).unwrap_or_default();
                let oic = match (&d.oic_name, &d.oic_contact) {
                    (Some(n), Some(c)) => format!(" · OIC {} ({})", inert(n), inert(c)),
                    (Some(n), None) => format!(" · OIC {}", inert(n)),
                    _ => " · OIC not recorded".to_string(),
                };
                vec![(format!("{kind} {issued}{due}{oic}"), theme.normal)]
            }
            None => vec![("No disposal recorded yet.".to_string(), theme.warning)],
        }
    } else {
        let source = crate::domain::types::Source::parse(&h.source).map_or(h.source.clone(), |s| s.label().to_string());
        let referrer = h.referrer_name.as_deref().map(|r| format!(" ({})", inert(r))).unwrap_or_default();
        let coordinator = h
            .coordinator
            .as_deref()
            .map_or_else(|| " · no coordinator yet".to_string(), |c| format!(" · coordinator {}", inert(c)));
        let paused =
            h.paused_from.as_deref().map(|p| format!(" · paused from {}", status_label(p))).unwrap_or_default();
        vec![(format!("Referred by {source}{referrer}{coordinator}{paused}"), theme.normal)]
    };
    lines.push(fit_line(third, width));
    if let Some(closed) = h.closed_on {
        let outcome = h.closure_outcome.as_deref().map_or_else(String::new, |o| format!(": {}", inert(o)));
        let review = h.retention_review_due.map(|d| format!(" · retention review due {d}")).unwrap_or_default();
        lines.push(fit_line(vec![(format!("Closed {closed}{outcome}{review}"), theme.muted)], width));
    }
    lines
}

fn render_people(frame: &mut Frame<'_>, area: Rect, theme: &Theme, case: &OpenCase, shown: (usize, usize)) {
    let (parties, letters) = (&case.parties, &case.letters);
    let (shown, letters_shown) = shown;
    let title = format!(" People ({}) ", parties.total);
    let block = Block::bordered().title(title).title_style(theme.title).border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if parties.people.is_empty() {
        lines.push(Line::styled("No people recorded on this case.", theme.muted));
    }
    let name_width = parties.people.iter().take(shown).map(|p| inert(&p.name()).width()).max().unwrap_or(0).min(26);
    for p in parties.people.iter().take(shown) {
        lines.push(fit_line(
            vec![
                (format!("{:<w$}  ", fit(&inert(&p.name()), name_width), w = name_width), theme.title),
                (format!("{:<17} ", p.role_label()), theme.normal),
                (format!("{:<9}  ", p.category_label()), theme.muted),
                (inert(&p.contact_route()), theme.normal),
            ],
            width,
        ));
    }
    let more = parties.total.saturating_sub(shown.min(parties.people.len()));
    if more > 0 && !lines.is_empty() {
        let last = lines.len() - 1;
        let note = format!("… and {more} more");
        if shown == 0 {
            lines.push(Line::styled(note, theme.muted));
        } else {
            lines[last] = fit_line(vec![(note, theme.muted)], width);
        }
    }
    lines.extend(letter_lines(letters, &case.header.reference, letters_shown, theme, width));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The Letters lines: newest first, each its date, recipient and file (the
/// template too, unless the file's name already says it); the heading
/// counts them all. The case's own reference is left off the file name.
fn letter_lines(
    letters: &CaseLetters,
    reference: &str,
    shown: usize,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    if letters.rows.is_empty() {
        return vec![fit_line(
            vec![
                ("Letters  ".to_string(), theme.heading),
                ("None yet — w writes one from a template".to_string(), theme.muted),
            ],
            width,
        )];
    }
    let heading = format!("Letters ({})  ", letters.total);
    let indent = " ".repeat(heading.width());
    letters
        .rows
        .iter()
        .take(shown.max(1))
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { heading.clone() } else { indent.clone() };
            let full = l.file_name();
            let file = full.strip_prefix(&format!("{reference}-")).unwrap_or(&full).to_string();
            let mut parts = vec![(lead, theme.heading), (format!("{}  ", l.written_on), theme.muted)];
            if !file.contains(&l.template) {
                parts.push((format!("{}  ", l.template), theme.normal));
            }
            parts.push((format!("to {}  ", inert(&l.recipient)), theme.normal));
            parts.push((inert(&file), theme.muted));
            fit_line(parts, width)
        })
        .collect()
}

fn render_timeline(
    frame: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    timeline: &mut Paged<TimelineEntry>,
    today: NaiveDate,
) {
    let block = Block::bordered().border_style(theme.border);
    let inner = block.inner(area);
    let [table_area, detail_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]));
    timeline.visible = table_area.height as usize;
    let text_width = (table_area.width as usize).saturating_sub(2 + 11 + 12);
    let rows: Vec<Row> = timeline
        .page
        .rows
        .iter()
        .map(|e| {
            let late = e.pending && e.date < today;
            let date_style = if late {
                theme.overdue
            } else if e.date > today {
                theme.muted
            } else {
                theme.normal
            };
            let tag_style = if late { theme.overdue } else { theme.heading };
            Row::new(vec![
                Cell::from(e.date.format("%Y-%m-%d").to_string()).style(date_style),
                Cell::from(e.kind.tag()).style(tag_style),
                Cell::from(fit(&inert(&e.text), text_width)),
            ])
        })
        .collect();
    let table = Table::new(rows, [Constraint::Length(10), Constraint::Length(11), Constraint::Fill(1)])
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ");
    if timeline.page.rows.is_empty() {
        frame.render_widget(Paragraph::new("Nothing has happened on this case yet.").style(theme.muted), table_area);
    } else {
        frame.render_stateful_widget(table, table_area, &mut timeline.state);
    }
    let detail = match timeline.selected() {
        Some(e) => {
            let late = if e.pending && e.date < today { " (late)" } else { "" };
            format!("{} · {}{late}: {}", e.date, e.kind.tag(), inert(&e.text))
        }
        None => String::new(),
    };
    frame.render_widget(Paragraph::new(detail).wrap(Wrap { trim: true }).style(theme.muted), detail_area);
    let title = format!(" Timeline — everything, newest first · {} ", timeline.range_text("events"));
    frame.render_widget(block.title(title).title_style(theme.title), area);
}

fn render_audit(frame: &mut Frame<'_>, area: Rect, theme: &Theme, audit: &mut Paged<AuditLine>) {
    let block = Block::bordered().border_style(theme.border);
    let inner = block.inner(area);
    let [table_area, detail_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]));
    audit.visible = table_area.height.saturating_sub(1) as usize;
    let what_width = (table_area.width as usize).saturating_sub(2 + 17 + 13 + 9);
    let rows: Vec<Row> = audit
        .page
        .rows
        .iter()
        .map(|a| {
            let op_style = if a.op == "consult" { theme.muted } else { theme.normal };
            let what = format!("{} {}", a.entity.replace('_', " "), a.entity_id);
            let why = a.justification.as_deref().map(|j| format!(" — {j}")).unwrap_or_default();
            Row::new(vec![
                Cell::from(a.when()),
                Cell::from(fit(&inert(&a.user), 12)),
                Cell::from(a.op.clone()).style(op_style),
                Cell::from(fit(&inert(&format!("{what}{why}")), what_width)),
            ])
        })
        .collect();
    let table =
        Table::new(rows, [Constraint::Length(16), Constraint::Length(12), Constraint::Length(8), Constraint::Fill(1)])
            .header(Row::new(["When (UTC)", "Who", "Did", "What"]).style(theme.heading))
            .row_highlight_style(theme.selected)
            .highlight_symbol("▶ ");
    frame.render_stateful_widget(table, table_area, &mut audit.state);
    let detail = match audit.selected() {
        Some(a) => {
            let mut text = format!("#{} {} by {}: {} {} {}", a.id, a.at_utc, a.user, a.op, a.entity, a.entity_id);
            if let Some(j) = &a.justification {
                text.push_str(&format!("; justification: {j}"));
            }
            if let Some(r) = &a.recipient {
                text.push_str(&format!("; recipient: {r}"));
            }
            inert(&text)
        }
        None => String::new(),
    };
    frame.render_widget(Paragraph::new(detail).wrap(Wrap { trim: true }).style(theme.muted), detail_area);
    let title = format!(" Audit history (DPA 2018 s.62), newest first · {} ", audit.range_text("entries"));
    frame.render_widget(block.title(title).title_style(theme.title), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_text_cuts_with_an_ellipsis_by_display_width() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        assert_eq!(fit("Zoë Ó Briain", 6), "Zoë Ó…");
    }

    #[test]
    fn paging_moves_within_a_page_then_asks_for_the_next() {
        let mut p: Paged<i64> = Paged::default();
        p.set(Page { rows: vec![5, 4, 3], offset: 0, total: 6 }, Pick::First);
        assert!(p.plan(Move::Down, |r| *r).is_none());
        assert_eq!(p.selected(), Some(&4));
        p.plan(Move::Down, |r| *r);
        match p.plan(Move::Down, |r| *r) {
            Some((Seek::After(3), Pick::First)) => {}
            other => panic!("expected the next page after 3, got {other:?}"),
        }
        assert!(matches!(p.plan(Move::Top, |r| *r), Some((Seek::First, _))));
        p.set(Page { rows: vec![2, 1, 0], offset: 3, total: 6 }, Pick::First);
        assert!(matches!(p.plan(Move::Up, |r| *r), Some((Seek::Before(2), Pick::Last))));
        assert!(matches!(p.again(|r| *r), Seek::From(2)));
    }
}
