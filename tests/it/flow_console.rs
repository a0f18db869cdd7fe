//! Flow tests: the real app and the emulator in one process. Keys in, wait for the answers,
//! then check the screen and read the result back from the emulator.

use crate::common;

use common::Harness;
use crossterm::event::KeyCode;
use kyc_console::api::{CaseKind, StepStatus};
use kyc_console::app::{CasePane, Mode, View};

/// Open the first ready company case that has steps; returns its id and the selected step's id.
async fn open_first_case(h: &mut Harness) -> (i64, i64) {
    // Only ready, open companies: step changes are refused while a case builds.
    h.key(KeyCode::Char('/'));
    h.type_text("type:entity status:open");
    h.key(KeyCode::Enter);
    assert!(
        !h.state.cases.view().is_empty(),
        "the demo has open companies"
    );
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    let cv = h.state.case.as_ref().expect("case open");
    let step = cv.selected_step().expect("a step is selected").case_step_id;
    (cv.id, step)
}

#[tokio::test]
async fn the_case_list_loads_companies_and_individuals() {
    let h = Harness::demo().await;
    assert!(h.state.cases.count(CaseKind::Company) >= 30);
    assert!(h.state.cases.count(CaseKind::Individual) >= 20);
    let screen = h.screen(80, 24);
    assert!(screen.contains("DEMO"), "{screen}");
    assert!(screen.contains("Cases"), "{screen}");
}

#[tokio::test]
async fn pass_a_step_and_read_it_back() {
    let mut h = Harness::demo().await;
    let (case, step) = open_first_case(&mut h).await;
    // Make sure the step is not already passed, then pass it.
    h.keys(&[KeyCode::Char('u')]).await;
    h.keys(&[KeyCode::Char('p')]).await;
    let shown = h
        .state
        .case
        .as_ref()
        .and_then(|c| c.selected_step())
        .map(|s| s.status.clone());
    assert_eq!(shown, Some(StepStatus::Passed));
    let server = h
        .client
        .step_details(case, step)
        .await
        .expect("step details");
    assert_eq!(server.status, StepStatus::Passed);
    assert!(h.screen(80, 24).contains("passed"));
}

#[tokio::test]
async fn add_and_delete_a_note() {
    let mut h = Harness::demo().await;
    let (case, step) = open_first_case(&mut h).await;
    let before = h.client.step_notes(case, step).await.expect("notes").len();
    h.key(KeyCode::Char('n'));
    h.type_text("Verified the register extract.");
    h.ctrl('s');
    h.settle().await;
    assert!(
        matches!(h.state.mode, Mode::Normal),
        "editor closes once saved"
    );
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert_eq!(notes.len(), before + 1);
    assert!(
        notes
            .iter()
            .any(|n| n.note.as_deref() == Some("Verified the register extract."))
    );
    assert!(h.state.drafts.is_empty());

    // Delete it from the notes pane: select the new note (the last), confirm.
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Notes;
    }
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char('d'));
    assert!(matches!(h.state.mode, Mode::Confirm(..)));
    h.key(KeyCode::Char('y'));
    h.settle().await;
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert_eq!(notes.len(), before);
}

#[tokio::test]
async fn a_refused_change_rolls_back_and_a_failed_note_keeps_its_draft() {
    let mut h = Harness::demo().await;
    let (case, _) = open_first_case(&mut h).await;
    let old = h
        .state
        .case
        .as_ref()
        .and_then(|c| c.selected_step())
        .map(|s| s.status.clone());
    // The case disappears behind the console's back: every change to it is now refused.
    h.client
        .delete_case(CaseKind::Company, case)
        .await
        .expect("delete");
    let target = if old == Some(StepStatus::Failed) {
        'p'
    } else {
        'f'
    };
    h.keys(&[KeyCode::Char(target)]).await;
    let now = h
        .state
        .case
        .as_ref()
        .and_then(|c| c.selected_step())
        .map(|s| s.status.clone());
    assert_eq!(now, old, "rolled back");
    assert!(
        h.status_text().contains("rolled back"),
        "{}",
        h.status_text()
    );
    assert!(h.status_text().contains("404"), "{}", h.status_text());

    h.key(KeyCode::Char('n'));
    h.type_text("This must not be lost.");
    h.ctrl('s');
    h.settle().await;
    match &h.state.mode {
        Mode::Edit(e) => assert_eq!(e.text(), "This must not be lost."),
        other => panic!("editor closed: {other:?}"),
    }
    assert_eq!(
        h.state.drafts.values().next().map(String::as_str),
        Some("This must not be lost.")
    );
    assert!(h.status_text().contains("your text is kept"));
}

#[tokio::test]
async fn other_keys_work_while_a_pane_fails() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char(':'));
    h.type_text("case 999");
    h.key(KeyCode::Enter);
    h.settle().await;
    let cv = h.state.case.as_ref().expect("case view");
    assert!(cv.detail.error.is_some(), "unknown case shows its error");
    assert!(h.status_text().contains("404"), "{}", h.status_text());
    // Esc goes back to a working list.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.view, View::Cases);
    h.key(KeyCode::Char('j'));
    assert_eq!(h.state.cases.selected, 1);
}

#[tokio::test]
async fn read_only_mode_sends_no_change() {
    let mut h = Harness::demo().await;
    h.state.session.read_only = true;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    h.fetcher = kyc_console::fetch::Fetcher::new(h.client.clone(), tx).read_only(true);
    h.rx = rx;
    let (case, step) = open_first_case(&mut h).await;
    let before = h
        .client
        .step_details(case, step)
        .await
        .expect("step")
        .status;
    let target = if before == StepStatus::Failed {
        'p'
    } else {
        'f'
    };
    h.keys(&[KeyCode::Char(target)]).await;
    assert!(h.status_text().contains("read-only"), "{}", h.status_text());
    assert_eq!(
        h.client
            .step_details(case, step)
            .await
            .expect("step")
            .status,
        before
    );
    let shown = h
        .state
        .case
        .as_ref()
        .and_then(|c| c.selected_step())
        .map(|s| s.status.clone());
    assert_eq!(shown, Some(before), "rolled back on screen too");
}

/// Issue 15, item 6: in read-only mode a note refused on Ctrl-S must not leave the editor stuck
/// on "saving…": the text is kept and Esc gets out.
#[tokio::test]
async fn a_note_refused_in_read_only_mode_does_not_trap_the_editor() {
    let mut h = Harness::demo().await;
    open_first_case(&mut h).await;
    h.key(KeyCode::Char('n'));
    // Read-only mode refuses `n` at the door (`read_only_door`); an editor already open when
    // the gate refuses is what this guards.
    h.state.session.read_only = true;
    h.type_text("checked the register");
    h.ctrl('s');
    h.settle().await;
    let Mode::Edit(e) = &h.state.mode else {
        panic!("the editor stays open with the text: {:?}", h.state.mode);
    };
    assert!(!e.saving, "not stuck on saving");
    assert_eq!(e.text(), "checked the register");
    assert!(h.status_text().contains("read-only"), "{}", h.status_text());
    // Esc asks before the text is thrown away; Enter on Discard gets back out.
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.state.mode, Mode::Confirm(..)),
        "{:?}",
        h.state.mode
    );
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    assert!(matches!(h.state.mode, Mode::Normal), "{:?}", h.state.mode);
}
