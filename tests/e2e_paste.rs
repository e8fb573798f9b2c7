//! End to end: a referral's details pasted from an email into Intake →
//! Notes (issue 16 §1). The terminal marks the paste (bracketed paste, as
//! tmux's `paste-buffer -p` sends it), so every line stays in Notes; read
//! as keys, line 2 would land in Person 1's given names.
//!
//! Needs tmux; `.ci/run` installs it. Without tmux the test says so and
//! passes on a developer machine, but fails under CI (CI=true).

mod common;

use common::tmux::{skip_without_tmux, Tmux};

const EMAIL: &str = "From the neighbourhood team: fence panels broken on 14 Nov.\n\
                     Harmed party prefers a call after 5pm.\n\
                     Responsible party's mother\tattends any meeting.";

#[test]
fn a_three_line_email_pasted_into_notes_stays_in_notes() {
    if skip_without_tmux() {
        return;
    }
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let email = dir.path().join("email.txt");
    std::fs::write(&email, EMAIL).unwrap();
    let t = Tmux::start("paste", env!("CARGO_BIN_EXE_casedesk"), &db, dir.path(), 100, 30);
    t.wait_for("Welcome to casedesk");

    t.type_referral("CR/777112/26");
    // Offence date, mode, five flags, harm summary: on to Notes.
    t.press(&["Tab"; 9]);
    t.wait_for("Enter new line");
    t.tmux(&["load-buffer", email.to_str().unwrap()]);
    t.tmux(&["paste-buffer", "-p", "-t", t.session]);
    t.wait_for("Harmed party prefers a call after 5pm.");
    // On to the first person, who has nothing in their fields yet.
    t.press(&["Tab"]);
    t.type_two_people_and_save("Saved RJ-2026-0001");
    t.press(&["Escape", "Escape", "q"]);
    t.wait_for_exit();

    let conn = rusqlite::Connection::open(&db).unwrap();
    let notes: String = conn.query_row("SELECT notes FROM case_file", [], |r| r.get(0)).unwrap();
    assert_eq!(notes, EMAIL, "all three lines, the tab kept, in Notes");
    let mut stmt = conn.prepare("SELECT given_names, family_name FROM person ORDER BY id").unwrap();
    let people: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert_eq!(
        people,
        [("Zoë".to_string(), "Ó Briain".to_string()), ("Seán".to_string(), "Müller-Łęcka".to_string())],
        "nothing pasted landed in a person's fields"
    );
}
