//! Filters that say when they do not understand (issue 16 item 11): an unknown key is an error
//! in the case list's filter line, while `/` is typed, after `:filter`, and in the inbox's
//! filter line and `:alerts`, with the nearest known key; it never silently widens the list.

use crate::casework_flow::command;
use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::{Mode, View};

const SUGGESTION: &str = "stauts: is not a filter key — did you mean status:?";

#[tokio::test]
async fn an_unknown_key_is_an_error_while_typed_in_the_filter_line_and_after_filter() {
    let mut h = Harness::demo().await;
    let all = h.state.cases.view().len();

    h.key(KeyCode::Char('/'));
    h.type_text("stauts:open");
    let typing = h.screen(80, 24);
    assert!(
        typing.contains(&format!("✘ {SUGGESTION}")),
        "said while typed:\n{typing}"
    );
    insta::assert_snapshot!("filter_unknown_key_typed_80x24", typing);
    assert_eq!(
        h.state.cases.view().len(),
        all,
        "the key filters nothing out"
    );

    h.key(KeyCode::Enter);
    assert!(h.status_text().contains(SUGGESTION), "{}", h.status_text());
    let kept = h.screen(80, 24);
    assert!(
        kept.lines()
            .nth(1)
            .is_some_and(|l| l.contains("did you mean status:?")),
        "the list's filter line says it:\n{kept}"
    );

    // Esc clears; the command line's :filter says the same.
    h.key(KeyCode::Esc);
    command(&mut h, "filter asignee:ana").await;
    assert_eq!(h.state.view, View::Cases);
    assert!(
        h.status_text()
            .contains("asignee: is not a filter key — did you mean assignee:?"),
        "{}",
        h.status_text()
    );

    // A value a token cannot take is said too.
    command(&mut h, "filter aml:maybe").await;
    assert!(h.status_text().contains("aml: takes yes or no"));

    // Understood: no error.
    command(&mut h, "filter status:open").await;
    assert!(h.state.cases.filter_problem().is_none());
    assert!(!h.screen(80, 24).contains('✘'));
}

#[tokio::test]
async fn the_inbox_filter_line_says_what_it_does_not_understand() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    let before = h.state.alerts.filters.clone();
    h.key(KeyCode::Char('/'));
    h.ctrl('u');
    h.type_text("stauts:open");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("stauts: is not an inbox filter — did you mean status:?"),
        "said in the popup as typed:\n{screen}"
    );
    h.keys(&[KeyCode::Enter]).await;
    assert!(
        matches!(h.state.mode, Mode::Inbox(_)),
        "the line stays open to fix"
    );
    assert!(h.status_text().contains("did you mean status:?"));
    assert_eq!(h.state.alerts.filters, before, "nothing applied");
    h.key(KeyCode::Esc);

    command(&mut h, "alerts kindd:entity").await;
    assert!(
        h.status_text()
            .contains("kindd: is not an inbox filter — did you mean kind:?"),
        "{}",
        h.status_text()
    );
}
