//! `Tab` and `Shift-Tab` cycle through the command line's candidates; in forms, `Enter` on a
//! picker picks and stays on the field, and `Tab` moves on.

use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::Mode;

fn line(h: &Harness) -> String {
    match &h.state.mode {
        Mode::Command(l) => l.to_string(),
        other => panic!("not on the command line: {other:?}"),
    }
}

#[tokio::test]
async fn tab_and_shift_tab_cycle_through_command_candidates() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char(':'));
    h.type_text("ca");
    // The common part first, as a shell does.
    h.key(KeyCode::Tab);
    assert_eq!(line(&h), "case");
    let candidates = kyc_console::app::command::candidates("case");
    assert!(candidates.len() > 1, "{candidates:?}");
    // Then each candidate in turn, round to the first again.
    let mut seen = Vec::new();
    for _ in 0..candidates.len() {
        h.key(KeyCode::Tab);
        seen.push(line(&h));
    }
    assert_ne!(
        seen[0], "case",
        "the first Tab of the cycle changes the line"
    );
    let mut sorted = seen.clone();
    sorted.sort();
    let mut all: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
    all.sort();
    assert_eq!(sorted, all, "every candidate once");
    h.key(KeyCode::Tab);
    assert_eq!(line(&h), seen[0], "round again");
    // Shift-Tab goes back.
    h.key(KeyCode::BackTab);
    assert_eq!(line(&h), seen[seen.len() - 1]);
    // The hint under the line keeps listing them all while Tab steps through them.
    let status = h.screen(80, 24);
    let bottom = status.lines().nth(22).unwrap_or_default();
    for c in &candidates {
        assert!(bottom.contains(c), "{c} in the hint: {bottom}");
    }
    // Typing ends the cycle: Tab completes what is typed now.
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.type_text("lo");
    h.key(KeyCode::Tab);
    assert_eq!(line(&h), "close ");
}

#[tokio::test]
async fn shift_tab_starts_from_the_last_candidate() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char(':'));
    h.type_text("c");
    let candidates = kyc_console::app::command::candidates("c");
    h.key(KeyCode::BackTab);
    assert_eq!(line(&h), candidates[candidates.len() - 1]);
}

fn focus(h: &Harness) -> (usize, String) {
    match &h.state.mode {
        Mode::Create(p) => (p.form.focus, p.form.fields[p.form.focus].label.to_string()),
        other => panic!("no form: {other:?}"),
    }
}

#[tokio::test]
async fn enter_on_a_picker_picks_and_stays_and_tab_moves_on() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char(':'));
    h.type_text("new company");
    h.keys(&[KeyCode::Enter]).await;
    h.type_text("Stays Put Ltd");
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h).1, "Jurisdiction");
    h.type_text("united k");
    h.key(KeyCode::Enter);
    assert_eq!(focus(&h).1, "Jurisdiction", "Enter picks and stays");
    let Mode::Create(p) = &h.state.mode else {
        panic!("no form");
    };
    assert_eq!(p.form.value("codeiso31662"), "GB");
    assert!(p.form.open_choice().is_none(), "the list is closed");
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h).1, "Company type", "Tab moves on");
    // Tab on an open list picks and moves on.
    h.key(KeyCode::BackTab);
    h.type_text("germ");
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h).1, "Company type");
    let Mode::Create(p) = &h.state.mode else {
        panic!("no form");
    };
    assert_eq!(p.form.value("codeiso31662"), "DE");
}
