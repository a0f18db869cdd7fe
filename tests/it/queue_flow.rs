//! Flow tests of the queue (issue 16 item 1): `]` and `[` go through the list the case was
//! opened from, on the same pane; Enter on a linked-case step and Esc back; `:case` by case
//! number; `/` matching case numbers; `assignee:me`.

use crate::casework_flow::command;
use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::{CasePane, TreeRow, View};

/// Filter the case list (Ctrl-U clears the old filter first).
fn filter_list(h: &mut Harness, text: &str) {
    h.key(KeyCode::Char('/'));
    h.ctrl('u');
    h.type_text(text);
    h.key(KeyCode::Enter);
}

/// The ids the case list shows, in order.
fn listed(h: &Harness) -> Vec<i64> {
    let l = &h.state.cases;
    l.view().iter().map(|&i| l.rows()[i].id).collect()
}

fn open_id(h: &Harness) -> Option<i64> {
    h.state.case.as_ref().map(|cv| cv.id)
}

/// The header line of an 80×24 screen.
/// The header at 120 columns, where the queue's list name has room beside the case's name (at
/// 80 the name comes first and the place stays: `columns_widths`).
fn header(h: &Harness) -> String {
    h.screen(120, 24)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn next_and_previous_keep_the_pane_and_say_where_the_reviewer_is() {
    let mut h = Harness::demo().await;
    filter_list(&mut h, "status:open aml:yes");
    let ids = listed(&h);
    assert!(
        ids.len() >= 3,
        "the demo has open cases with AML hits: {ids:?}"
    );
    h.keys(&[KeyCode::Enter]).await;
    command(&mut h, "aml").await;
    assert_eq!(h.state.view, View::Aml);
    assert_eq!(open_id(&h), Some(ids[0]));
    let n = ids.len();
    let head = header(&h);
    assert!(
        head.contains(&format!("1/{n} · status:open aml:yes")),
        "{head}"
    );

    h.keys(&[KeyCode::Char(']')]).await;
    assert_eq!(
        open_id(&h),
        Some(ids[1]),
        "the second case of the filtered list"
    );
    assert_eq!(h.state.view, View::Aml, "AML stays AML");
    assert_eq!(
        h.state.aml.as_ref().map(|a| a.case),
        Some(ids[1]),
        "the AML pane shows the new case"
    );
    let head = header(&h);
    assert!(
        head.contains(&format!("2/{n} · status:open aml:yes")),
        "{head}"
    );
    insta::assert_snapshot!("queue_aml_second_case_80x24", h.screen(80, 24));
    assert_eq!(
        h.state.cases.selected_row().map(|r| r.id),
        Some(ids[1]),
        "the list's selection follows, so Esc lands on it"
    );

    h.keys(&[KeyCode::Char('['), KeyCode::Char('[')]).await;
    assert_eq!(open_id(&h), Some(ids[0]));
    // Said about this case; the first case's sanctions exposure, which arrives later, may
    // follow it on the status line, so the log is where to look.
    assert!(
        h.state
            .messages
            .entries
            .iter()
            .any(|m| m.text.contains("first case of the list")),
        "{}",
        h.status_text()
    );

    command(&mut h, "prev").await;
    assert_eq!(open_id(&h), Some(ids[0]), "no wrap");
    h.key(KeyCode::Char('G'));
    // To the last one by command, from the steps pane: the pane kept is the case's own.
    command(&mut h, "steps").await;
    for _ in 1..n {
        command(&mut h, "next").await;
    }
    assert_eq!(open_id(&h), Some(ids[n - 1]));
    assert_eq!(h.state.view, View::Case);
    assert_eq!(
        h.state.case.as_ref().map(|c| c.focus),
        Some(CasePane::Steps)
    );
    h.keys(&[KeyCode::Char(']')]).await;
    assert_eq!(open_id(&h), Some(ids[n - 1]), "no wrap at the end");
    assert!(
        h.status_text().contains("last case of the list"),
        "{}",
        h.status_text()
    );
}

#[tokio::test]
async fn a_case_opened_from_the_inbox_follows_the_inbox_order() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    assert_eq!(h.state.view, View::Alerts);
    let order: Vec<i64> = {
        let a = &h.state.alerts;
        a.view.iter().map(|&i| a.rows[i].id()).collect()
    };
    assert!(order.len() >= 2, "the demo inbox has cases");
    h.keys(&[KeyCode::Char('o')]).await;
    assert_eq!(h.state.view, View::Case);
    assert_eq!(open_id(&h), Some(order[0]));
    let head = header(&h);
    assert!(
        head.contains(&format!("1/{} · alert inbox", order.len())),
        "{head}"
    );
    h.keys(&[KeyCode::Char(']')]).await;
    assert_eq!(open_id(&h), Some(order[1]), "the inbox's second case");
    assert_eq!(
        h.state.alerts.selected_row().map(|r| r.id()),
        Some(order[1]),
        "the inbox's selection follows"
    );
    // Esc from the steps goes back to the list the case came from: the inbox.
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Alerts);
}

#[tokio::test]
async fn enter_on_a_linked_step_opens_the_case_and_esc_comes_back() {
    let mut h = Harness::demo().await;
    // The first company whose steps link another case.
    let companies: Vec<i64> = h
        .state
        .cases
        .rows()
        .iter()
        .filter(|r| r.kind == kyc_console::api::CaseKind::Company)
        .map(|r| r.id)
        .collect();
    let mut found = None;
    for id in companies {
        command(&mut h, &format!("case {id}")).await;
        let cv = h.state.case.as_ref().expect("open");
        let row = cv.rows.iter().position(|r| match r {
            TreeRow::Step(g, s) => cv
                .steps
                .data
                .as_ref()
                .is_some_and(|groups| groups[*g].steps[*s].linked_case_common_id.is_some()),
            TreeRow::Group(_) => false,
        });
        if let Some(row) = row {
            found = Some((id, row));
            break;
        }
    }
    let (parent, row) = found.expect("a demo company links another case");
    let cv = h.state.case.as_mut().expect("open");
    cv.selected = row;
    let child = cv
        .selected_step()
        .and_then(|s| s.linked_case_common_id)
        .expect("linked");
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(open_id(&h), Some(child), "Enter opens the linked case");
    assert!(
        h.state
            .case
            .as_ref()
            .is_some_and(|c| c.detail.data.is_some())
    );

    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
    assert_eq!(open_id(&h), Some(parent), "Esc comes back to the case");
    let cv = h.state.case.as_ref().expect("open");
    assert_eq!(cv.selected, row, "on the step the link was opened from");
    assert_eq!(
        cv.selected_step().and_then(|s| s.linked_case_common_id),
        Some(child)
    );
}

#[tokio::test]
async fn case_numbers_open_and_match() {
    let mut h = Harness::demo().await;
    let row = h
        .state
        .cases
        .rows()
        .iter()
        .find(|r| !r.number.is_empty())
        .cloned()
        .expect("the demo's cases have numbers");
    command(&mut h, &format!("case {}", row.number)).await;
    assert_eq!(h.state.view, View::Case);
    assert_eq!(open_id(&h), Some(row.id));

    command(&mut h, "cases").await;
    filter_list(&mut h, &row.number.to_lowercase());
    assert_eq!(listed(&h), vec![row.id], "/ matches the case number");

    command(&mut h, "case KYC-1999-000000").await;
    assert!(
        h.status_text().contains("no loaded case has the number"),
        "{}",
        h.status_text()
    );
}

#[tokio::test]
async fn assignee_me_is_the_configured_reviewer() {
    let mut h = Harness::demo().await;
    filter_list(&mut h, "assignee:me");
    assert!(
        h.screen(80, 24).contains("reviewer ="),
        "without a reviewer it says how to set one:\n{}",
        h.screen(80, 24)
    );
    let who = h
        .state
        .cases
        .rows()
        .iter()
        .map(|r| r.assignee.clone())
        .find(|a| !a.is_empty())
        .expect("the demo assigns cases");
    h.state.cases.set_me(Some(who.clone()));
    let mine: Vec<i64> = {
        let l = &h.state.cases;
        l.rows()
            .iter()
            .filter(|r| r.assignee.to_lowercase().contains(&who.to_lowercase()))
            .map(|r| r.id)
            .collect()
    };
    let mut shown = listed(&h);
    shown.sort_unstable();
    let mut mine = mine;
    mine.sort_unstable();
    assert_eq!(shown, mine, "assignee:me is {who}'s cases");
    assert!(h.state.cases.filter_problem().is_none());
}

#[tokio::test]
async fn a_case_outside_the_list_says_so_instead_of_jumping() {
    let mut h = Harness::demo().await;
    filter_list(&mut h, "status:closed");
    let closed = listed(&h);
    let open = h
        .state
        .cases
        .rows()
        .iter()
        .find(|r| !r.closed && !r.building)
        .map(|r| r.id)
        .expect("an open case");
    assert!(!closed.contains(&open));
    command(&mut h, &format!("case {open}")).await;
    assert!(
        !header(&h).contains(" · status:closed"),
        "no place in a list that does not hold it"
    );
    h.keys(&[KeyCode::Char(']')]).await;
    assert_eq!(open_id(&h), Some(open), "stays");
    assert!(
        h.status_text()
            .contains("is not in the list (status:closed)"),
        "{}",
        h.status_text()
    );
}
