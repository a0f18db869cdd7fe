//! Flow tests of the alert inbox: the real app, fetch layer, client and emulator in one process.
//! Every action on every alert type (allowed ones reach the server, refused ones never leave
//! the app), a bulk action on 200 alerts with failures and a retry, the review date and the
//! assignment read back from the server, and the server-side filters.

use crate::common;

use common::{Harness, demo_config};
use crossterm::event::KeyCode;
use kyc_console::api::*;
use kyc_console::app::alerts::{AlertsFocus, INBOX_PAGE, Outcome, Popup};
use kyc_console::app::{Mode, View};
use kyc_console::emulator::{self, DatasetSpec};
use std::time::Instant;

/// A case of the demo with an alert of type `t`: (kind, case, alert).
async fn find_alert(h: &Harness, t: AlertType) -> (CaseKind, Id, Id) {
    for kind in [CaseKind::Company, CaseKind::Individual] {
        let req = LmCasesRequest {
            alert_type: Some(t.as_str().into()),
            ..Default::default()
        };
        let cases = h.client.lm_cases(kind, &req).await.expect("lm cases");
        for c in cases.items {
            let alerts = h
                .client
                .lm_alerts(kind, c.case_common_id)
                .await
                .expect("lm alerts");
            if let Some(a) = alerts.alerts.iter().find(|a| a.kind() == Some(t)) {
                return (kind, c.case_common_id, a.alert_id);
            }
        }
    }
    panic!("the demo has a {t:?} alert");
}

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.key(KeyCode::Enter);
    h.settle().await;
}

/// Show one case's alerts with the cursor on `alert`.
async fn select_alert(h: &mut Harness, case: Id, alert: Id) {
    command(h, &format!("alerts case:{case}")).await;
    assert_eq!(h.state.view, View::Alerts);
    assert_eq!(
        h.state.alerts.selected_row().map(|r| r.id()),
        Some(case),
        "{}",
        h.screen(80, 24)
    );
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

async fn server_has(h: &Harness, kind: CaseKind, case: Id, alert: Id) -> bool {
    h.client
        .lm_alerts(kind, case)
        .await
        .expect("lm alerts")
        .alerts
        .iter()
        .any(|a| a.alert_id == alert)
}

/// In the decision popup (if one opened): the first reason ("No reason" where a reason is
/// optional), Tab to the action's button, Enter.
async fn confirm_first_reason(h: &mut Harness) {
    if matches!(h.state.mode, Mode::Inbox(_)) {
        h.keys(&[KeyCode::Char('1'), KeyCode::Tab, KeyCode::Enter])
            .await;
    }
}

fn key_of(action: AlertAction) -> char {
    match action {
        AlertAction::Apply => 'a',
        AlertAction::Exclude => 'x',
        AlertAction::Dismiss => 'd',
    }
}

/// For one alert type: each refused action says why and leaves the alert; each allowed one
/// (on a fresh demo, so every action meets an alert) removes it on the server.
async fn every_action_on(t: AlertType) {
    for action in [
        AlertAction::Apply,
        AlertAction::Exclude,
        AlertAction::Dismiss,
    ] {
        let mut h = Harness::demo().await;
        h.key(KeyCode::Char('!'));
        h.settle().await;
        let (kind, case, alert) = find_alert(&h, t).await;
        select_alert(&mut h, case, alert).await;
        h.keys(&[KeyCode::Char(key_of(action))]).await;
        confirm_first_reason(&mut h).await;
        let allowed = t.allowed_actions().contains(&action);
        let still = server_has(&h, kind, case, alert).await;
        if allowed {
            assert!(!still, "{t:?} {action:?}: the alert is gone on the server");
            assert_eq!(
                h.state.alerts.outcomes.get(&(case, alert)),
                Some(&Outcome::Done(action))
            );
            assert!(
                h.state.alerts.alerts().iter().all(|a| a.alert_id != alert),
                "and from the list"
            );
        } else {
            assert!(still, "{t:?} {action:?}: refused in the app, nothing sent");
            assert!(
                h.status_text().contains("not allowed"),
                "{t:?} {action:?}: {}",
                h.status_text()
            );
            assert!(h.state.alerts.outcomes.is_empty());
        }
    }
}

#[tokio::test]
async fn case_details_review_alerts() {
    every_action_on(AlertType::CaseDetailsReview).await;
}

#[tokio::test]
async fn expired_document_alerts() {
    every_action_on(AlertType::ExpiredDocuments).await;
}

#[tokio::test]
async fn manual_review_alerts() {
    every_action_on(AlertType::ManualReview).await;
}

#[tokio::test]
async fn aml_alerts() {
    every_action_on(AlertType::Aml).await;
}

#[tokio::test]
async fn the_inbox_lists_both_kinds_and_stays_on_the_case_after_an_action() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    let a = &h.state.alerts;
    assert!(a.rows.iter().any(|r| r.kind == CaseKind::Company));
    assert!(a.rows.iter().any(|r| r.kind == CaseKind::Individual));
    let expected: i64 = {
        let mut n = 0;
        for kind in [CaseKind::Company, CaseKind::Individual] {
            let l = h
                .client
                .lm_cases(kind, &LmCasesRequest::default())
                .await
                .expect("lm cases");
            n += l.items.iter().map(LmCase::total_alerts).sum::<i64>();
        }
        n
    };
    assert_eq!(h.state.alerts.type_total(None), expected);
    // The first case (most alerts first) has two alerts; apply the one the cursor is on.
    h.keys(&[KeyCode::Enter]).await;
    let case = h.state.alerts.selected_row().map(|r| r.id());
    let first = h.state.alerts.selected_alert().expect("an alert").clone();
    let allowed = first.kind().expect("typed").allowed_actions()[0];
    h.key(KeyCode::Char(key_of(allowed)));
    assert_eq!(
        h.state.alerts.selected_alert().map(|a| a.alert_id),
        Some(first.alert_id),
        "asking moves nothing"
    );
    confirm_first_reason(&mut h).await;
    assert_eq!(h.state.alerts.selected_row().map(|r| r.id()), case);
    assert!(
        h.state
            .alerts
            .alerts()
            .iter()
            .all(|a| a.alert_id != first.alert_id),
        "the actioned alert left the list"
    );

    // The last alert of the case: the selection stays on the case, the counts go down, and
    // the status line says how to go on.
    assert_eq!(
        h.state.alerts.alerts().len(),
        1,
        "the first case has two alerts"
    );
    let last = h.state.alerts.selected_alert().expect("an alert").clone();
    let allowed = last.kind().expect("typed").allowed_actions()[0];
    h.keys(&[KeyCode::Char(key_of(allowed))]).await;
    confirm_first_reason(&mut h).await;
    assert_eq!(h.state.alerts.selected_row().map(|r| r.id()), case);
    assert_eq!(h.state.alerts.for_case.map(|(_, id)| id), case);
    assert!(
        h.status_text().contains("no alerts left") || h.status_text().contains("noted"),
        "{}",
        h.status_text()
    );
    let cleared = h
        .state
        .alerts
        .rows
        .iter()
        .find(|r| Some(r.id()) == case)
        .expect("still listed");
    assert_eq!(cleared.case.total_alerts(), 0);
    assert_eq!(h.state.alerts.type_total(None), expected - 2);
}

/// 200 alerts on one case: 150 expired documents (Dismiss allowed), 50 manual reviews (Dismiss
/// refused); 10 of the expired ones vanish behind the app's back (404). One confirmation with a
/// reason, then
/// 140 done and 60 failed and still marked; a retry with Apply clears the manual ones.
#[tokio::test]
async fn bulk_dismiss_of_200_alerts_with_failures_and_a_retry() {
    let mut store = DatasetSpec::Demo.build();
    let case = store
        .cases
        .iter()
        .find(|(_, r)| r.kind == Some(CaseKind::Company) && r.alerts.is_empty() && !r.deleted)
        .map(|(id, _)| *id)
        .expect("a company without alerts");
    let rec = store.cases.get_mut(&case).expect("case");
    for i in 0..200 {
        let expired = i % 4 != 3;
        rec.alerts.push(Alert {
            alert_id: 9_000_000 + i,
            alert_type: Some(
                if expired {
                    "ExpiredDocuments"
                } else {
                    "ManualReview"
                }
                .into(),
            ),
            created_on: Some(format!("2026-05-{:02}T10:00:00Z", 1 + i % 28)),
            changes: vec![Change {
                change_id: 9_500_000 + i,
                expiration_alert: expired.then(|| ExpirationAlert {
                    explanation: Some("Expired document found".into()),
                    expiration: Some("0".into()),
                    name: Some(format!("Passport {i}")),
                    expiration_date: Some("01/05/2026".into()),
                }),
                ..Change::default()
            }],
            ..Alert::default()
        });
    }
    let running = emulator::spawn_with_store(demo_config(), store)
        .await
        .expect("emulator");
    let mut h = Harness::on(running).await;
    command(&mut h, &format!("alerts case:{case}")).await;
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.alerts.alerts().len(), 200);
    h.key(KeyCode::Char('*'));
    assert_eq!(h.state.alerts.marks.len(), 200);

    // Ten expired-document alerts disappear behind the app's back.
    for i in 0..10 {
        let id = 9_000_000 + i * 4;
        h.client
            .alert_action(
                CaseKind::Company,
                case,
                &AlertActionRequest {
                    case_common_id: case,
                    alert_id: id,
                    action: AlertAction::Dismiss,
                    case_step_id: None,
                },
            )
            .await
            .expect("dismissed elsewhere");
    }

    h.key(KeyCode::Char('d'));
    let Mode::Inbox(p) = &h.state.mode else {
        panic!("one confirmation first");
    };
    let Popup::Decide(d) = p.as_ref() else {
        panic!("the decision popup: {p:?}");
    };
    assert!(d.message.contains("200 marked alerts"), "{}", d.message);
    assert!(d.message.contains("50 of them"), "{}", d.message);
    assert!(
        d.message.contains("journal only"),
        "no step named: {}",
        d.message
    );
    assert!(!d.ask.ok_focused, "Cancel has the focus");
    assert!(!d.ask.reason.required, "no AML alert among them");
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Tab);
    let t0 = Instant::now();
    h.key(KeyCode::Enter);
    assert!(
        h.status_text().contains("dismissing"),
        "{}",
        h.status_text()
    );
    h.settle().await;
    eprintln!("bulk dismiss of 200 alerts: {:?}", t0.elapsed());

    let a = &h.state.alerts;
    let failed = a
        .outcomes
        .values()
        .filter(|o| matches!(o, Outcome::Failed(..)))
        .count();
    let done = a
        .outcomes
        .values()
        .filter(|o| matches!(o, Outcome::Done(_)))
        .count();
    assert_eq!((done, failed), (140, 60));
    assert_eq!(a.marks.len(), 60, "the failed ones stay marked");
    assert!(a.bulk.is_none());
    assert!(
        h.status_text().contains("140 done, 60 failed"),
        "{}",
        h.status_text()
    );
    let not_found = a
        .outcomes
        .values()
        .filter(|o| matches!(o, Outcome::Failed(_, why) if why.contains("404")))
        .count();
    assert_eq!(
        not_found, 10,
        "the vanished ones failed with the server's reason"
    );
    let left = h
        .client
        .lm_alerts(CaseKind::Company, case)
        .await
        .expect("alerts")
        .alerts;
    assert_eq!(left.len(), 50);
    assert_eq!(h.state.alerts.alerts().len(), 60, "failed ones stay listed");
    let screen = h.screen(80, 24);
    assert!(screen.contains("60 marked"), "{screen}");
    assert!(screen.contains("failed"), "{screen}");

    // Retry the marked ones with Apply: the manual reviews go, the vanished ones fail again.
    h.key(KeyCode::Char('a'));
    h.keys(&[KeyCode::Char('1'), KeyCode::Tab, KeyCode::Enter])
        .await;
    assert_eq!(h.state.alerts.marks.len(), 10);
    assert!(
        h.status_text().contains("50 done, 10 failed"),
        "{}",
        h.status_text()
    );
    let left = h
        .client
        .lm_alerts(CaseKind::Company, case)
        .await
        .expect("alerts")
        .alerts;
    assert!(left.is_empty());
}

#[tokio::test]
async fn review_date_and_assignment_are_read_back() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    let row = h.state.alerts.selected_row().expect("a case").clone();
    let (kind, case) = (row.kind, row.id());

    // A typed date that is not a day of the calendar is refused before it is sent.
    h.key(KeyCode::Char('R'));
    // Typed as dates are shown (YYYY-MM-DD by default); sent as the API takes them.
    h.type_text("2027-02-31");
    h.keys(&[KeyCode::Enter]).await;
    assert!(
        matches!(h.state.mode, kyc_console::app::Mode::Inbox(_)),
        "the chooser stays open"
    );
    let d = h.client.case_detail(kind, case).await.expect("detail");
    assert_ne!(
        d.common.scheduled_review_date.as_deref(),
        Some("31/02/2027")
    );
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("2027-03-15");
    h.keys(&[KeyCode::Enter]).await;
    assert!(!matches!(h.state.mode, kyc_console::app::Mode::Inbox(_)));
    let d = h.client.case_detail(kind, case).await.expect("detail");
    assert_eq!(
        d.common.scheduled_review_date.as_deref(),
        Some("15/03/2027")
    );

    // A period: "1 year" is the sixth row; nothing is chosen until the first Down.
    h.key(KeyCode::Char('R'));
    for _ in 0..6 {
        h.key(KeyCode::Down);
    }
    h.keys(&[KeyCode::Enter]).await;
    let want = chrono::Utc::now()
        .date_naive()
        .checked_add_months(chrono::Months::new(12))
        .expect("date")
        .format("%d/%m/%Y")
        .to_string();
    let d = h.client.case_detail(kind, case).await.expect("detail");
    assert_eq!(
        d.common.scheduled_review_date.as_deref(),
        Some(want.as_str())
    );
    assert!(h.status_text().contains(&want), "{}", h.status_text());

    // Assign: filter the picker, Enter.
    h.keys(&[KeyCode::Char('A')]).await;
    h.type_text("aoife");
    assert!(h.screen(80, 24).contains("Aoife Byrne"));
    h.keys(&[KeyCode::Enter]).await;
    let d = h.client.case_detail(kind, case).await.expect("detail");
    assert_eq!(d.common.assigned_user_id, Some(103));
    assert!(
        h.status_text().contains("Aoife Byrne"),
        "{}",
        h.status_text()
    );
}

#[tokio::test]
async fn filters_go_to_the_server_and_sorts_apply() {
    let mut h = Harness::demo().await;
    command(&mut h, "alerts type:aml").await;
    let a = &h.state.alerts;
    assert!(!a.rows.is_empty());
    assert!(a.rows.iter().all(|r| r.case.aml_alert_count > 0));

    command(&mut h, "alerts kind:individual status:closed").await;
    let a = &h.state.alerts;
    assert!(!a.rows.is_empty());
    assert!(
        a.rows
            .iter()
            .all(|r| r.kind == CaseKind::Individual && r.closed())
    );

    command(&mut h, "alerts aml:updated assignee:all").await;
    let a = &h.state.alerts;
    assert!(!a.rows.is_empty());
    assert!(a.rows.iter().all(|r| r.case.aml_alert_count > 0));
    command(&mut h, "alerts assignee:nobody-here").await;
    assert!(
        h.status_text().contains("no user matches"),
        "{}",
        h.status_text()
    );
    command(&mut h, "alerts assignee:sarah").await;
    assert_eq!(h.state.alerts.filters.assignee, Some(101));
    command(&mut h, "alerts level:sub").await;
    assert!(h.state.alerts.error.is_none());
    assert_eq!(h.state.alerts.filters.level, Some("Sub"));

    // The filter popup: `/`, type, Enter; a bad token is refused with the list of words.
    h.key(KeyCode::Char('/'));
    for _ in 0..80 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("status:sometimes");
    h.keys(&[KeyCode::Enter]).await;
    assert!(
        h.status_text().contains("not a filter"),
        "{}",
        h.status_text()
    );
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("kind:entity");
    h.keys(&[KeyCode::Enter]).await;
    assert!(!matches!(h.state.mode, kyc_console::app::Mode::Inbox(_)));
    assert!(
        h.state
            .alerts
            .rows
            .iter()
            .all(|r| r.kind == CaseKind::Company)
    );

    // Tabs by alert type: `t` steps through them.
    command(&mut h, "alerts").await;
    h.keys(&[KeyCode::Char('t')]).await;
    assert_eq!(
        h.state.alerts.filters.alert_type,
        Some(AlertType::CaseDetailsReview)
    );
    assert!(
        h.state
            .alerts
            .rows
            .iter()
            .all(|r| r.case.review_alert_count > 0)
    );

    // Sorts: name, then oldest alert (which loads every case's alert dates).
    command(&mut h, "alerts all").await;
    h.keys(&[KeyCode::Char('s')]).await;
    let names: Vec<String> = h
        .state
        .alerts
        .view
        .iter()
        .map(|&i| h.state.alerts.rows[i].name().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    h.keys(&[KeyCode::Char('s')]).await;
    let a = &h.state.alerts;
    let dates: Vec<&String> = a
        .view
        .iter()
        .map(|&i| a.oldest.get(&a.rows[i].id()).expect("dates loaded"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // Esc: from the alerts to the inbox, from the inbox back where the user came from.
    h.keys(&[KeyCode::Enter]).await;
    h.key(KeyCode::Esc);
    assert_eq!(h.state.alerts.focus, AlertsFocus::Inbox);
    assert_eq!(h.state.view, View::Alerts);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.view, View::Cases);
}

/// A synthetic dataset with hundreds of cases with alerts: the inbox pages until it has them all.
#[tokio::test]
async fn a_large_inbox_loads_every_page() {
    let cfg = emulator::Config {
        dataset: DatasetSpec::Synthetic { n: 5000, seed: 7 },
        ..demo_config()
    };
    let running = emulator::spawn(cfg).await.expect("emulator");
    let mut h = Harness::on(running).await;
    let t0 = Instant::now();
    h.keys(&[KeyCode::Char('!')]).await;
    eprintln!(
        "inbox of {} cases loaded in {:?}",
        h.state.alerts.rows.len(),
        t0.elapsed()
    );
    let a = &h.state.alerts;
    let companies = a
        .rows
        .iter()
        .filter(|r| r.kind == CaseKind::Company)
        .count();
    assert!(
        companies > INBOX_PAGE as usize,
        "more than a page: {companies}"
    );
    let total: i64 = a.totals.iter().flatten().sum();
    assert_eq!(a.rows.len() as i64, total);
    let mut ids: Vec<Id> = a.rows.iter().map(|r| r.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.rows.len(), "no page loaded twice");
}

#[tokio::test]
async fn the_selected_case_stays_selected_across_sorts() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    h.keys(&[KeyCode::Char('j'), KeyCode::Char('j')]).await;
    let before = h.state.alerts.selected_row().map(|r| r.id());
    for _ in 0..3 {
        h.keys(&[KeyCode::Char('s')]).await;
        assert_eq!(h.state.alerts.selected_row().map(|r| r.id()), before);
        assert_eq!(h.state.alerts.for_case.map(|(_, id)| id), before);
    }
}

/// Issue 15, item 9: the chooser shows the case's current review date and starts with nothing
/// chosen (Enter then only says so); a typed date before today is refused before sending, today
/// is accepted.
#[tokio::test]
async fn review_date_starts_with_nothing_chosen_and_refuses_a_past_day() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    let row = h.state.alerts.selected_row().expect("a case").clone();
    let (kind, case) = (row.kind, row.id());
    let before = h
        .client
        .case_detail(kind, case)
        .await
        .expect("detail")
        .common
        .scheduled_review_date;

    h.key(KeyCode::Char('R'));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Current review date"), "{screen}");
    assert!(!screen.contains('▶'), "nothing is chosen: {screen}");
    h.keys(&[KeyCode::Enter]).await;
    assert!(
        matches!(h.state.mode, kyc_console::app::Mode::Inbox(_)),
        "Enter with nothing chosen keeps the chooser open"
    );
    assert!(
        h.screen(80, 24).contains("nothing chosen"),
        "{}",
        h.screen(80, 24)
    );

    let today = h.state.today.expect("the runtime sent today");
    let yesterday = today.pred_opt().expect("a day before").format("%Y-%m-%d");
    h.type_text(&yesterday.to_string());
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(h.state.mode, kyc_console::app::Mode::Inbox(_)));
    assert!(
        h.screen(80, 24).contains("today or later"),
        "{}",
        h.screen(80, 24)
    );
    let d = h.client.case_detail(kind, case).await.expect("detail");
    assert_eq!(d.common.scheduled_review_date, before, "nothing was sent");

    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&today.format("%Y-%m-%d").to_string());
    let today = today.format("%d/%m/%Y").to_string();
    h.keys(&[KeyCode::Enter]).await;
    assert!(!matches!(h.state.mode, kyc_console::app::Mode::Inbox(_)));
    let d = h.client.case_detail(kind, case).await.expect("detail");
    assert_eq!(
        d.common.scheduled_review_date.as_deref(),
        Some(today.as_str())
    );
    // The chooser opened again shows the date now set.
    h.key(KeyCode::Char('R'));
    assert!(h.screen(80, 24).contains(&today), "{}", h.screen(80, 24));
}

/// The inbox reads well (issue 16 item 8): the tabs keep their counts whichever is chosen,
/// case ids stand beside case numbers, countries are ISO codes at 80 columns, and a count
/// agrees with its word.
#[tokio::test]
async fn the_inbox_reads_well() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Char('!')]).await;
    let tabs = |h: &Harness| {
        h.screen(80, 24)
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    let all_types = tabs(&h);
    let total = h.state.alerts.type_total(None);
    assert!(all_types.contains(&format!("All {total}")), "{all_types}");
    let cases = h.state.alerts.view.len();
    assert!(cases > 1);
    for _ in 0..4 {
        h.keys(&[KeyCode::Char('t')]).await;
        assert!(h.state.alerts.filters.alert_type.is_some());
        assert_eq!(tabs(&h), all_types, "a chosen tab changes no count");
    }

    let screen = h.screen(80, 24);
    let row = h.state.alerts.selected_row().cloned().expect("a case");
    let number = row.case.case_number.clone().expect("a case number");
    assert!(
        screen.contains(&format!("{number} {}", row.id())),
        "the id beside the number:\n{screen}"
    );
    assert!(
        screen.contains(" GB ") && !screen.contains("United Kin"),
        "ISO codes where the column is narrow:\n{screen}"
    );

    command(&mut h, &format!("alerts case:{}", row.id())).await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("Alert inbox 1 case ·"), "{screen}");
    command(&mut h, "alerts case:all").await;
    assert!(
        h.screen(80, 24)
            .contains(&format!("Alert inbox {cases} cases ·"))
    );
}
