//! The disposal form (`i`): what it is filled with before anything is typed.

use casedesk::domain::types::{Service, Source};
use casedesk::store::model::NewCase;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::form::{Field, FieldKind};
use casedesk::tui::overlay::Overlay;
use crossterm::event::KeyCode;
use tui_input::Input;

use crate::common::{empty_app, key, screen, type_text};

use super::{d, open};

/// An OOCD case referred from `source` by `referrer` (name, contact), with
/// no disposal yet, open on the Case screen.
pub(super) fn referred_by(source: Source, referrer: Option<(&str, &str)>) -> App {
    let mut app = empty_app();
    let id = app
        .store
        .write(|tx| {
            let mut c = NewCase::new(Service::Oocd, source, d(2026, 11, 2));
            c.offence_desc = Some("Criminal damage to a bus shelter".into());
            c.referrer_name = referrer.map(|(name, _)| name.to_string());
            c.referrer_contact = referrer.map(|(_, contact)| contact.to_string());
            Ok(tx.create_case(&c)?.id)
        })
        .unwrap();
    open(&mut app, id);
    app.apply(Action::RecordDisposal);
    app
}

fn field<'a>(app: &'a App, label: &str) -> &'a Field {
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("no prompt is open") };
    prompt.form.fields.iter().find(|f| f.label == label).unwrap_or_else(|| panic!("no field {label}"))
}

fn focused(app: &App) -> String {
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("no prompt is open") };
    prompt.form.fields[prompt.form.focus].label.clone()
}

fn message(app: &App) -> String {
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("no prompt is open") };
    prompt.prompt.message.clone()
}

#[test]
fn a_police_referrer_is_the_officer_in_the_case_marked_prefilled_and_editable() {
    let mut app = referred_by(Source::Police, Some(("PC 4412 Dana Holt", "dana.holt@police.example")));
    let oic = field(&app, "Officer in the case");
    assert_eq!(oic.value(), "PC 4412 Dana Holt");
    assert!(oic.prefilled, "marked as put there for the user");
    assert_eq!(field(&app, "OIC contact").value(), "dana.holt@police.example");
    assert!(message(&app).contains("prefilled from the police referrer"), "{}", message(&app));

    // Editable: on the field, the first letter typed replaces the name.
    while focused(&app) != "Officer in the case" {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "DC 7788 Tom Reid");
    assert_eq!(field(&app, "Officer in the case").value(), "DC 7788 Tom Reid");
    assert!(screen(&mut app, 80, 24).contains("Disposal of OOCD-2026-0001"));
}

#[test]
fn another_referrer_is_not_the_officer_in_the_case() {
    let app = referred_by(Source::Yot, Some(("Kim Lowe", "kim.lowe@yot.example")));
    assert_eq!(field(&app, "Officer in the case").value(), "");
    assert_eq!(field(&app, "OIC contact").value(), "");
    assert!(!message(&app).contains("prefilled"));
    let app = referred_by(Source::Police, None);
    assert_eq!(field(&app, "Officer in the case").value(), "");
}

/// Set a field of the open prompt: a choice by its stored value, else text.
fn set(app: &mut App, label: &str, value: &str) {
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_mut() else { panic!("no prompt is open") };
    let field = prompt.form.fields.iter_mut().find(|f| f.label == label).expect("the field");
    match &field.kind {
        FieldKind::Choice(options) => field.choice = options.iter().position(|(v, _)| v == value).expect("option"),
        _ => field.input = Input::new(value.to_string()),
    }
}

/// A conditional caution issued with nothing else recorded: the store
/// refuses it naming all five things missing, more than the status line's
/// three lines hold at 80 columns.
pub(super) fn refused_issue() -> App {
    let mut app = referred_by(Source::Police, None);
    set(&mut app, "Disposal type", "adult_conditional_caution");
    set(&mut app, "Issued on", "2026-11-20");
    app.handle_key(key(KeyCode::Enter));
    app
}

#[test]
fn a_refusal_too_long_for_the_status_line_is_said_in_short_and_kept_whole_in_the_form() {
    let mut app = refused_issue();
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("the refused form stays open") };
    let whole = prompt.problem.clone().expect("the form says why");
    for missing in ["admission", "consent", "signed caution document", "victim's views", "no condition recorded"] {
        assert!(whole.contains(missing), "{whole}");
    }
    let text = screen(&mut app, 80, 24);
    let status: Vec<&str> = text.lines().rev().skip(1).take(2).collect();
    assert_eq!(
        status,
        ["see the form.", "Not saved: cannot issue the Adult conditional caution: 5 things to put right —"],
        "{text}"
    );
    // Wide enough, the status line says it all.
    let wide = screen(&mut app, 200, 40);
    let status = wide.lines().rev().nth(1).unwrap_or_default();
    assert!(status.trim_end().ends_with("; no condition recorded"), "{wide}");
}
