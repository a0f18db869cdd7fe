//! Issue 15, item 1: decisions in the alert inbox are deliberate and bind to what the reviewer
//! chose. A fast second `d` lands in the confirmation and does nothing there; Esc sends
//! nothing; a confirmed dismissal carries its reason onto the alert's step and into the
//! journal; the selection stays on the case; a reload that reorders the inbox under the popup
//! does not move the action; an AML dismissal without a reason is refused; a bulk action lists
//! the cases it touches.

use crate::common;

use common::{Harness, client_for, demo_config, emulator_with};
use crossterm::event::KeyCode;
use kyc_console::api::*;
use kyc_console::app::alerts::{AlertsFocus, Popup, decide::Decision};
use kyc_console::app::{self, Mode, Session, State, View};
use kyc_console::fetch::Fetcher;
use kyc_console::journal::Journal;
use tokio::sync::mpsc;

/// The demo app whose fetcher writes to a journal in `dir`.
async fn journalled(dir: &std::path::Path) -> (Harness, Journal) {
    let emulator = emulator_with(demo_config()).await;
    let client = client_for(&emulator);
    let journal = Journal::new(dir, "DEMO");
    let (tx, rx) = mpsc::unbounded_channel();
    let fetcher = Fetcher::new(client.clone(), tx).journal(Some(journal.clone()));
    let session = Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    };
    let mut h = Harness::assemble(State::new(session), fetcher, rx, client, emulator);
    let fx = app::start(&mut h.state);
    h.apply(fx);
    h.settle().await;
    (h, journal)
}

/// A sanctions alert of the demo that names its step: (kind, case, alert, step).
async fn sanctions_alert(h: &Harness) -> (CaseKind, Id, Id, Id) {
    for kind in [CaseKind::Company, CaseKind::Individual] {
        let req = LmCasesRequest {
            alert_type: Some("Aml".into()),
            ..Default::default()
        };
        let cases = h.client.lm_cases(kind, &req).await.expect("lm cases");
        for c in cases.items {
            let alerts = h
                .client
                .lm_alerts(kind, c.case_common_id)
                .await
                .expect("lm alerts");
            let found = alerts.alerts.iter().find(|a| {
                a.changes.iter().any(|ch| {
                    ch.aml_alert
                        .as_ref()
                        .and_then(|m| m.aml_match_type.as_deref())
                        == Some("Sanctions")
                }) && a.case_step_id.is_some()
            });
            if let Some(a) = found {
                let step = a.case_step_id.expect("checked");
                return (kind, c.case_common_id, a.alert_id, step);
            }
        }
    }
    panic!("the demo has a sanctions alert with a step");
}

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

/// The inbox, all cases, with the cursor on `alert` of `case` and the alerts focused.
async fn select(h: &mut Harness, case: Id, alert: Id) {
    command(h, "alerts").await;
    let a = &h.state.alerts;
    let pos = a
        .view
        .iter()
        .position(|&i| a.rows[i].id() == case)
        .expect("the case is in the inbox");
    for _ in 0..pos {
        h.key(KeyCode::Char('j'));
    }
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.alerts.focus, AlertsFocus::Alerts);
    for _ in 0..h.state.alerts.alerts().len() {
        if h.state.alerts.selected_alert().map(|a| a.alert_id) == Some(alert) {
            return;
        }
        h.key(KeyCode::Char('j'));
    }
    panic!("alert {alert} is listed");
}

fn decision(h: &Harness) -> Option<&Decision> {
    match &h.state.mode {
        Mode::Inbox(p) => match p.as_ref() {
            Popup::Decide(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

async fn server_has(h: &Harness, kind: CaseKind, case: Id, alert: Id) -> bool {
    h.client
        .lm_alerts(kind, case)
        .await
        .expect("lm alerts")
        .alerts
        .iter()
        .any(|a| a.alert_id == alert)
}

fn selection(h: &Harness) -> (Option<Id>, Option<Id>) {
    (
        h.state.alerts.selected_row().map(|r| r.id()),
        h.state.alerts.selected_alert().map(|a| a.alert_id),
    )
}

#[tokio::test]
async fn d_d_fast_opens_one_popup_that_sends_nothing_and_esc_leaves_all_as_it_was() {
    let mut h = Harness::demo().await;
    let (kind, case, alert, _) = sanctions_alert(&h).await;
    select(&mut h, case, alert).await;
    let before = selection(&h);

    // Key repeat: the second `d` lands in the popup, which is inert to it.
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('d'));
    h.settle().await;
    let d = decision(&h).expect("one popup");
    assert_eq!(d.targets.len(), 1);
    assert_eq!(d.targets[0].0, (case, alert), "the alert chosen");
    assert!(!d.ask.ok_focused, "Cancel has the focus");
    assert_eq!(d.ask.reason.selected, None, "the `d` chose no reason");
    assert!(
        d.ask.reason.required,
        "dismissing an AML alert needs a reason"
    );
    assert!(server_has(&h, kind, case, alert).await, "nothing sent");
    assert!(h.state.alerts.outcomes.is_empty());
    let screen = h.screen(80, 24);
    let name = h.state.alerts.selected_row().expect("row").name();
    assert!(screen.contains(&name), "the popup names the case: {screen}");
    assert!(screen.contains(&case.to_string()), "{screen}");
    assert!(screen.contains(&alert.to_string()), "{screen}");
    assert!(screen.contains("Sanctions"), "what it is about: {screen}");
    assert!(
        screen.contains("removed from live monitoring list"),
        "the guide's words: {screen}"
    );

    // Enter on Cancel, then Esc on a second popup: nothing sent, nothing moved.
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    h.key(KeyCode::Char('d'));
    h.keys(&[KeyCode::Esc]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    assert!(server_has(&h, kind, case, alert).await);
    assert!(h.state.alerts.outcomes.is_empty());
    assert_eq!(selection(&h), before);
    assert!(
        h.status_text().contains("nothing was sent"),
        "{}",
        h.status_text()
    );
}

#[tokio::test]
async fn an_aml_dismissal_without_a_reason_is_refused_by_the_popup() {
    let mut h = Harness::demo().await;
    let (kind, case, alert, _) = sanctions_alert(&h).await;
    select(&mut h, case, alert).await;
    h.key(KeyCode::Char('d'));
    // Straight to the button: no reason chosen.
    h.keys(&[KeyCode::Tab, KeyCode::Enter]).await;
    let d = decision(&h).expect("the popup stays");
    assert!(
        d.ask
            .error
            .as_deref()
            .is_some_and(|e| e.contains("required"))
    );
    // "Other…" with nothing written is no reason either; "No reason" is not offered.
    assert!(d.ask.reason.choices.iter().all(|c| c != "No reason"));
    let other = d.ask.reason.choices.len();
    h.key(KeyCode::Char(
        char::from_digit(other as u32, 10).expect("digit"),
    ));
    h.keys(&[KeyCode::Enter]).await;
    assert!(decision(&h).is_some());
    assert!(
        h.screen(80, 24).contains("write the reason"),
        "{}",
        h.screen(80, 24)
    );
    assert!(server_has(&h, kind, case, alert).await, "nothing sent");
    assert!(h.state.alerts.outcomes.is_empty());
}

#[tokio::test]
async fn a_confirmed_dismissal_is_noted_on_the_step_and_journalled_with_its_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut h, journal) = journalled(dir.path()).await;
    let (kind, case, alert, step) = sanctions_alert(&h).await;
    select(&mut h, case, alert).await;

    // "Other…": a reason written by the reviewer (a `d` typed here is text, not an action).
    h.key(KeyCode::Char('d'));
    let other = decision(&h).expect("popup").ask.reason.choices.len();
    h.key(KeyCode::Char(
        char::from_digit(other as u32, 10).expect("digit"),
    ));
    h.type_text("Vessel sold in 2019, different IMO: not the subject");
    h.key(KeyCode::Tab);
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(h.state.mode, Mode::Normal));

    assert!(!server_has(&h, kind, case, alert).await, "dismissed");
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert!(
        notes.iter().any(|n| n
            .note
            .as_deref()
            .is_some_and(|t| t.contains(&format!("Dismissed alert {alert} (AML)"))
                && t.contains("different IMO: not the subject"))),
        "the reason is noted on the step: {notes:?}"
    );
    let entries = journal.read().expect("journal");
    let entry = entries
        .iter()
        .find(|e| e.operation == "alert action" && e.alert == Some(alert))
        .expect("journalled");
    let field = |k: &str| {
        entry
            .decided
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(field("action"), Some("dismiss"), "{entry:?}");
    assert_eq!(field("alert type"), Some("Aml"), "{entry:?}");
    assert_eq!(
        field("reason"),
        Some("Vessel sold in 2019, different IMO: not the subject"),
        "{entry:?}"
    );
    // The selection stays on the case the reviewer chose.
    assert_eq!(h.state.alerts.selected_row().map(|r| r.id()), Some(case));
    assert_eq!(h.state.view, View::Alerts);
}

#[tokio::test]
async fn a_reload_that_reorders_the_inbox_under_the_popup_does_not_move_the_action() {
    let mut h = Harness::demo().await;
    let (kind, case, alert, _) = sanctions_alert(&h).await;
    select(&mut h, case, alert).await;
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('1'));
    assert!(decision(&h).is_some());

    // Behind the popup: another case's alerts go elsewhere and the inbox reloads, in another
    // order, with another case selected and its alerts shown.
    let top = h.state.alerts.view[0];
    let other = h.state.alerts.rows[top].clone();
    assert_ne!(other.id(), case);
    let theirs = h
        .client
        .lm_alerts(other.kind, other.id())
        .await
        .expect("alerts")
        .alerts;
    for a in theirs.iter().skip(1) {
        let allowed = a.kind().expect("typed").allowed_actions()[0];
        h.client
            .alert_action(
                other.kind,
                other.id(),
                &AlertActionRequest {
                    case_common_id: other.id(),
                    alert_id: a.alert_id,
                    action: allowed,
                    case_step_id: None,
                },
            )
            .await
            .expect("actioned elsewhere");
    }
    let order_before: Vec<Id> = h
        .state
        .alerts
        .view
        .iter()
        .map(|&i| h.state.alerts.rows[i].id())
        .collect();
    let mut fx = Vec::new();
    kyc_console::app::alerts::load_inbox(&mut h.state, &mut fx);
    h.apply(fx);
    h.settle().await;
    let order_after: Vec<Id> = h
        .state
        .alerts
        .view
        .iter()
        .map(|&i| h.state.alerts.rows[i].id())
        .collect();
    assert_ne!(order_before, order_after, "the reload reordered the inbox");
    assert!(decision(&h).is_some(), "the popup is still open");
    let shown_alert = h.state.alerts.selected_alert().map(|a| a.alert_id);

    h.keys(&[KeyCode::Tab, KeyCode::Enter]).await;
    assert!(
        !server_has(&h, kind, case, alert).await,
        "the captured alert was dismissed"
    );
    if let (Some(shown), Some((shown_kind, shown_case))) = (shown_alert, h.state.alerts.for_case)
        && shown != alert
    {
        assert!(
            server_has(&h, shown_kind, shown_case, shown).await,
            "the alert shown at confirmation time is untouched"
        );
    }
}

#[tokio::test]
async fn a_bulk_action_lists_the_cases_it_touches_and_notes_the_reason_on_each_step() {
    let mut h = Harness::demo().await;
    // An AML alert is dismissed on a live case only (guide 3.8.3): the demo's closed cases
    // with AML alerts are reopened first.
    for kind in [CaseKind::Company, CaseKind::Individual] {
        let listed = h
            .client
            .lm_cases(
                kind,
                &kyc_console::api::LmCasesRequest {
                    alert_type: Some("Aml".into()),
                    case_status: Some("Closed".into()),
                    ..Default::default()
                },
            )
            .await
            .expect("lm cases");
        for c in listed.items {
            let reopen = kyc_console::api::CaseStatusRequest {
                status: "Open".into(),
                case_decision: None,
            };
            h.client
                .set_case_status(kind, c.case_common_id, &reopen)
                .await
                .expect("reopened");
        }
    }
    // Mark every alert of the first two cases with AML alerts.
    command(&mut h, "alerts type:aml").await;
    let cases: Vec<(CaseKind, Id, String)> = h
        .state
        .alerts
        .view
        .iter()
        .take(2)
        .map(|&i| {
            let r = &h.state.alerts.rows[i];
            (r.kind, r.id(), r.name())
        })
        .collect();
    assert_eq!(cases.len(), 2, "two cases with AML alerts in the demo");
    h.keys(&[KeyCode::Enter]).await;
    h.key(KeyCode::Char('*'));
    h.key(KeyCode::Tab);
    h.keys(&[KeyCode::Char('j'), KeyCode::Enter]).await;
    h.key(KeyCode::Char('*'));
    let marked: Vec<(Id, Id)> = h.state.alerts.marks.keys().copied().collect();
    assert!(marked.len() >= 2, "{marked:?}");

    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('d'));
    let d = decision(&h).expect("one popup for the marks");
    assert!(d.ask.reason.required, "AML alerts among them");
    let steps: Vec<((Id, Id), Id)> = d
        .targets
        .iter()
        .filter_map(|(k, m)| Some((*k, m.step?)))
        .collect();
    assert!(!steps.is_empty(), "the demo's AML alerts name their steps");
    let screen = h.screen(80, 24);
    for (_, id, name) in &cases {
        let n = marked.iter().filter(|(c, _)| c == id).count();
        let closed = h
            .state
            .alerts
            .rows
            .iter()
            .any(|r| r.id() == *id && r.closed());
        let closed = if closed { " (closed)" } else { "" };
        let line = format!("{name} — case {id}{closed}: {n} alert");
        assert!(screen.contains(&line), "{line:?} in {screen}");
    }
    assert!(h.state.alerts.outcomes.is_empty(), "nothing sent yet");

    h.keys(&[KeyCode::Char('1'), KeyCode::Tab, KeyCode::Enter])
        .await;
    for (kind, case, _) in &cases {
        let alerts = h.client.lm_alerts(*kind, *case).await.expect("alerts");
        assert!(
            alerts
                .alerts
                .iter()
                .all(|a| !marked.contains(&(*case, a.alert_id))),
            "every marked alert of case {case} dismissed"
        );
    }
    // Each alert's step carries the reason.
    for ((case, alert), step) in steps {
        let notes = h.client.step_notes(case, step).await.expect("notes");
        assert!(
            notes.iter().any(|n| n.note.as_deref().is_some_and(|t| {
                t.contains(&format!("Dismissed alert {alert} (AML)"))
                    && t.contains("False positive: not the subject")
            })),
            "{notes:?}"
        );
    }
}

/// A refresh (`r`) reloads the inbox and the case's alerts; the selection stays on the case the
/// reviewer chose (it does not jump to the top of the new order).
#[tokio::test]
async fn a_refresh_keeps_the_chosen_case_selected() {
    let mut h = Harness::demo().await;
    command(&mut h, "alerts").await;
    h.keys(&[KeyCode::Char('j'), KeyCode::Char('j')]).await;
    let chosen = h.state.alerts.selected_row().map(|r| r.id());
    assert_ne!(
        chosen,
        h.state
            .alerts
            .rows
            .get(h.state.alerts.view[0])
            .map(|r| r.id())
    );
    h.keys(&[KeyCode::Char('r')]).await;
    assert_eq!(h.state.alerts.selected_row().map(|r| r.id()), chosen);
    assert_eq!(h.state.alerts.for_case.map(|(_, id)| id), chosen);
}
