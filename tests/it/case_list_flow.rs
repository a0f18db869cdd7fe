//! Flow tests of the case list's filter after a case changes in place: the filter searches what
//! the list shows now, not what it showed when the rows arrived.

use crate::casework_flow::{command, open_case};
use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::api::CaseKind;
use kyc_console::app::View;

/// Back to the list, then type a new filter (Ctrl-U clears the old one first).
fn filter_list(h: &mut Harness, text: &str) {
    h.key(KeyCode::Char('/'));
    h.ctrl('u');
    h.type_text(text);
    h.key(KeyCode::Enter);
}

/// The ids of the cases the list shows, in order.
fn listed(h: &Harness) -> Vec<i64> {
    let l = &h.state.cases;
    l.view().iter().map(|&i| l.rows()[i].id).collect()
}

#[tokio::test]
async fn a_closed_case_is_found_by_status_closed() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    command(&mut h, "close accepted").await;
    h.keys(&[KeyCode::Char('y')]).await;
    let d = h
        .client
        .case_detail(CaseKind::Company, id)
        .await
        .expect("case detail");
    assert_eq!(
        d.common.status.as_deref(),
        Some("Closed"),
        "closed on the server"
    );

    command(&mut h, "cases").await;
    assert_eq!(h.state.view, View::Cases);
    filter_list(&mut h, "status:closed Northbridge");
    assert!(listed(&h).contains(&id), "status:closed finds case {id}");
    filter_list(&mut h, "status:open Northbridge");
    assert!(!listed(&h).contains(&id), "status:open no longer finds it");
    let screen = h.screen(120, 40);
    assert!(screen.contains("no case matches the filter"), "{screen}");
}

#[tokio::test]
async fn a_renamed_case_is_found_by_its_new_name() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Whitfield").await;
    command(&mut h, "identity").await;
    // The form opens on the first name.
    h.ctrl('u');
    h.type_text("Zebedee");
    h.ctrl('s');
    h.settle().await;
    let d = h
        .client
        .case_detail(CaseKind::Individual, id)
        .await
        .expect("case detail");
    assert_eq!(d.name(), "Zebedee Whitfield", "renamed on the server");

    command(&mut h, "cases").await;
    filter_list(&mut h, "zebedee");
    assert_eq!(listed(&h), vec![id], "the new name matches");
    let screen = h.screen(120, 40);
    assert!(screen.contains("Zebedee Whitfield"), "{screen}");
    filter_list(&mut h, "james whitfield");
    assert!(!listed(&h).contains(&id), "the old name no longer does");
}

/// The server's API version is asked once at start, behind the first screen, and `?` help
/// shows it (issue 16 item 10).
#[tokio::test]
async fn the_api_version_is_asked_at_start_and_shown_in_help() {
    let mut h = Harness::demo().await;
    let version = h
        .state
        .version
        .info
        .data
        .as_ref()
        .and_then(|v| v.version.clone())
        .expect("the version is known once the start's requests settle");
    assert_eq!(h.state.view, View::Cases, "nothing opened for it");
    h.key(KeyCode::Char('?'));
    let mut seen = false;
    for _ in 0..30 {
        let screen = h.screen(80, 24);
        if screen.contains(&format!("API version: {version}")) {
            seen = true;
            break;
        }
        h.key(KeyCode::PageDown);
    }
    assert!(seen, "help names API version {version}");
}
