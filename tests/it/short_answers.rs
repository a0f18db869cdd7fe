//! Issue 15 item 3: a server may answer a change with far less than the contract's shape
//! (`200 {}`, `200 {"ok": true}`). The same flows run against full, empty and `ok` answers; each
//! asserts the screen shows what the server holds (read back) or says the outcome is unknown,
//! and never the defaults a short body leaves: "Case: 0", "step 0", "not reviewed" after a pass,
//! a `C 0` row or case 0 opened.

use crate::casework_flow::{command, open_case};
use crate::common::{self, Harness};
use crossterm::event::KeyCode;
use kyc_console::api::{CaseKind, StepStatus};
use kyc_console::app::Mode;
use kyc_console::emulator::{self, Answers};
use kyc_console::fetch::Fetcher;
use kyc_console::op::{self, Answer, Request};
use tokio::sync::mpsc;

const ALL: [Answers; 3] = [Answers::Full, Answers::Empty, Answers::Ok];

async fn harness(answers: Answers) -> Harness {
    let running = common::emulator_with(emulator::Config {
        answers,
        ..common::demo_config()
    })
    .await;
    Harness::on(running).await
}

/// What a short answer must never put on screen.
fn no_defaults(answers: Answers, screen: &str, status: &str) {
    for wrong in ["Case: 0", "step 0", "(unnamed step)", " C 0 ", " I 0 "] {
        assert!(
            !screen.contains(wrong),
            "{answers:?}: {wrong:?} on screen\n{screen}"
        );
        assert!(
            !status.contains(wrong),
            "{answers:?}: {wrong:?} in {status}"
        );
    }
}

#[tokio::test]
async fn a_passed_step_shows_what_the_server_holds() {
    for answers in ALL {
        let mut h = harness(answers).await;
        let case = open_case(&mut h, "type:entity status:open").await;
        let step = h
            .state
            .case
            .as_ref()
            .and_then(|c| c.selected_step())
            .expect("a step")
            .case_step_id;
        h.keys(&[KeyCode::Char('u')]).await;
        h.keys(&[KeyCode::Char('p')]).await;
        let server = h.client.step_details(case, step).await.expect("details");
        assert_eq!(server.status, StepStatus::Passed, "{answers:?}");
        let cv = h.state.case.as_ref().expect("case");
        assert_eq!(
            cv.selected_step().map(|s| s.status.clone()),
            Some(StepStatus::Passed),
            "{answers:?}"
        );
        let shown = cv.step_detail.data.as_ref().expect("details shown");
        assert_eq!(shown.case_step_id, step, "{answers:?}");
        assert_eq!(shown.status, StepStatus::Passed, "{answers:?}");
        let status = h.status_text();
        assert!(status.contains("passed"), "{answers:?}: {status}");
        assert!(!status.contains("not reviewed"), "{answers:?}: {status}");
        no_defaults(answers, &h.screen(80, 24), &status);
    }
}

#[tokio::test]
async fn a_note_is_saved_and_listed_from_the_server() {
    for answers in ALL {
        let mut h = harness(answers).await;
        let case = open_case(&mut h, "type:entity status:open").await;
        let step = h
            .state
            .case
            .as_ref()
            .and_then(|c| c.selected_step())
            .expect("a step")
            .case_step_id;
        h.key(KeyCode::Char('n'));
        h.type_text("Checked against the register.");
        h.ctrl('s');
        h.settle().await;
        assert!(matches!(h.state.mode, Mode::Normal), "{answers:?}");
        let notes = h.client.step_notes(case, step).await.expect("notes");
        assert!(
            notes
                .iter()
                .any(|n| n.note.as_deref() == Some("Checked against the register.")),
            "{answers:?}"
        );
        let status = h.status_text();
        assert!(status.contains("note saved"), "{answers:?}: {status}");
        no_defaults(answers, &h.screen(80, 24), &status);
    }
}

#[tokio::test]
async fn closing_and_reopening_show_the_case_as_the_server_holds_it() {
    for answers in ALL {
        let mut h = harness(answers).await;
        let id = open_case(&mut h, "Northbridge").await;
        command(&mut h, "close denied").await;
        h.keys(&[KeyCode::Char('y')]).await;
        let d = h
            .client
            .case_detail(CaseKind::Company, id)
            .await
            .expect("detail");
        assert!(d.common.is_closed(), "{answers:?}");
        let screen = h.screen(120, 40);
        assert!(screen.contains("CLOSED: Denied"), "{answers:?}\n{screen}");
        no_defaults(answers, &screen, &h.status_text());
        assert_eq!(h.state.case.as_ref().map(|c| c.id), Some(id));

        command(&mut h, "reopen").await;
        h.keys(&[KeyCode::Char('y')]).await;
        let screen = h.screen(120, 40);
        assert!(!screen.contains("CLOSED"), "{answers:?}\n{screen}");
        assert!(h.status_text().contains("reopened"), "{}", h.status_text());
        no_defaults(answers, &screen, &h.status_text());
    }
}

#[tokio::test]
async fn an_identity_change_never_shows_case_0() {
    for answers in ALL {
        let mut h = harness(answers).await;
        let id = open_case(&mut h, "type:person status:open").await;
        command(&mut h, "identity").await;
        // First name, last name, born, nationality, address lines 1 and 2, then the city.
        for _ in 0..6 {
            h.key(KeyCode::Tab);
        }
        h.ctrl('u');
        h.type_text("Leeds");
        h.ctrl('s');
        h.settle().await;
        let d = h
            .client
            .case_detail(CaseKind::Individual, id)
            .await
            .expect("detail");
        assert_eq!(
            d.case_address.and_then(|a| a.city).as_deref(),
            Some("Leeds"),
            "{answers:?}: the server took it"
        );
        let status = h.status_text();
        match answers {
            Answers::Full => assert!(status.contains("saved"), "{status}"),
            _ => assert!(status.contains("outcome unknown"), "{answers:?}: {status}"),
        }
        // Either way the overview holds the server's detail (read again after a short answer).
        let shown = h
            .state
            .case
            .as_ref()
            .and_then(|c| c.detail.data.clone())
            .expect("detail shown");
        assert_eq!(shown.common.case_common_id, id, "{answers:?}");
        assert_eq!(
            shown.case_address.and_then(|a| a.city).as_deref(),
            Some("Leeds"),
            "{answers:?}"
        );
        let screen = h.screen(120, 40);
        no_defaults(answers, &screen, &status);
        assert_eq!(h.state.case.as_ref().map(|c| c.id), Some(id));
    }
}

#[tokio::test]
async fn a_property_save_and_removal_show_the_servers_list() {
    for answers in ALL {
        let mut h = harness(answers).await;
        let id = open_case(&mut h, "Northbridge").await;
        command(&mut h, "props").await;
        h.key(KeyCode::Char('a'));
        h.type_text("Tax Number");
        h.key(KeyCode::Tab);
        h.type_text("GB 123 4567 89");
        h.keys(&[KeyCode::Enter]).await;
        let status = h.status_text();
        assert!(status.contains("saved"), "{answers:?}: {status}");
        assert!(!status.contains("outcome unknown"), "{answers:?}: {status}");
        let listed = h.state.work.props.list.data.clone().expect("listed");
        let server = h
            .client
            .properties(CaseKind::Company, id)
            .await
            .expect("properties");
        assert_eq!(listed, server, "{answers:?}: the list is the server's");

        let pos = listed
            .iter()
            .position(|p| p.data_type.as_deref() == Some("Tax Number"))
            .expect("listed");
        h.state.work.props.selected = pos;
        h.key(KeyCode::Char('d'));
        h.keys(&[KeyCode::Char('y')]).await;
        let server = h
            .client
            .properties(CaseKind::Company, id)
            .await
            .expect("properties");
        assert!(
            !server
                .iter()
                .any(|p| p.data_type.as_deref() == Some("Tax Number"))
        );
        assert!(h.status_text().contains("removed"), "{}", h.status_text());
    }
}

#[tokio::test]
async fn a_created_company_without_an_id_in_the_answer_adds_no_phantom_row() {
    for answers in ALL {
        let mut h = harness(answers).await;
        command(&mut h, "new company").await;
        h.type_text("Desert Rose Trading FZE");
        h.key(KeyCode::Tab);
        h.type_text("arab");
        // Tab picks and moves on (Enter would pick and stay).
        h.key(KeyCode::Tab);
        h.key(KeyCode::Right);
        h.ctrl('s');
        h.settle().await;
        let rows = h.state.cases.rows();
        assert!(rows.iter().all(|r| r.id != 0), "{answers:?}: a row 0");
        let found = rows
            .iter()
            .filter(|r| r.kind == CaseKind::Company && r.name.contains("Desert Rose"))
            .count();
        assert_eq!(found, 1, "{answers:?}: the list shows the new case once");
        let status = h.status_text();
        match answers {
            Answers::Full => {
                let id = h.state.case.as_ref().expect("opened").id;
                assert!(id > 0);
                assert!(status.contains("created company case"), "{status}");
            }
            _ => {
                assert!(
                    h.state.case.as_ref().is_none_or(|c| c.id != 0),
                    "{answers:?}: case 0 opened"
                );
                assert!(status.contains("outcome unknown"), "{answers:?}: {status}");
                assert!(
                    status.contains("no case id came back"),
                    "{answers:?}: {status}"
                );
            }
        }
        no_defaults(answers, &h.screen(80, 24), &status);
    }
}

/// Every change that has no pane flow here (review date, assignment, link, activation, alert
/// action, a failed step, an exclusion, a new individual) through the real fetch layer: an
/// answer is either complete (the thing it was sent for) or an "outcome unknown" failure, never
/// defaults.
#[tokio::test]
async fn every_change_answers_whole_or_says_the_outcome_is_unknown() {
    for answers in ALL {
        let mut h = harness(answers).await;
        let (tx, mut rx) = mpsc::unbounded_channel();
        let mut fetcher = Fetcher::new(h.client.clone(), tx);
        let company = open_case(&mut h, "Northbridge").await;
        let users = h
            .client
            .list_users(&Default::default())
            .await
            .expect("users");
        let user = users.last().expect("a user").user_id;
        let individual = h
            .state
            .cases
            .rows()
            .iter()
            .find(|r| r.kind == CaseKind::Individual)
            .expect("an individual")
            .id;
        let requests: Vec<Request> = vec![
            op::SetReviewDate {
                kind: CaseKind::Company,
                id: company,
                date: "01/02/2030".into(),
                from: None,
            }
            .into(),
            op::AssignUser {
                id: company,
                user,
                name: "someone".into(),
                from: None,
            }
            .into(),
            op::Link {
                kind: CaseKind::Company,
                parent: company,
                id: individual,
                request: kyc_console::api::LinkRequest {
                    relation: "Director".into(),
                    ..Default::default()
                },
            }
            .into(),
        ];
        let mut requests = requests;
        // A step to fail, a deactivated one to activate, an AML step to exclude.
        let steps = h.client.case_steps(company).await.expect("steps");
        let all: Vec<_> = steps.iter().flat_map(|g| &g.steps).collect();
        let plain = all
            .iter()
            .find(|s| !s.is_deactivated && s.step_type.as_deref() != Some("Aml"))
            .expect("a step");
        requests.push(
            op::SetStepStatus {
                id: company,
                step: plain.case_step_id,
                status: StepStatus::Failed,
                from: None,
            }
            .into(),
        );
        let off = all
            .iter()
            .find(|s| s.is_deactivated)
            .expect("a deactivated step");
        requests.push(
            op::Activate {
                id: company,
                step: off.case_step_id,
            }
            .into(),
        );
        let aml = all
            .iter()
            .find(|s| s.step_type.as_deref() == Some("Aml"))
            .expect("an AML step");
        requests.push(
            op::ExcludeAml {
                id: company,
                step: aml.case_step_id,
                reason: "other company".into(),
            }
            .into(),
        );
        requests.push(
            op::CreateIndividual {
                import: false,
                request: Box::new(kyc_console::api::CreateIndividualRequest {
                    first_name: "Amara".into(),
                    last_name: "Quist".into(),
                    ..Default::default()
                }),
            }
            .into(),
        );
        let lm = kyc_console::api::LmCasesRequest::default();
        let with_alerts = h
            .client
            .lm_cases(CaseKind::Company, &lm)
            .await
            .expect("lm cases");
        let mut alert = None;
        for c in with_alerts.items {
            let alerts = h
                .client
                .lm_alerts(CaseKind::Company, c.case_common_id)
                .await
                .expect("alerts");
            if let Some(a) = alerts.alerts.first() {
                alert = Some((c.case_common_id, a.alert_id, a.case_step_id));
                break;
            }
        }
        let (alert_case, alert_id, alert_step) = alert.expect("a company with an alert");
        requests.push(
            op::AlertAction {
                kind: CaseKind::Company,
                id: alert_case,
                request: kyc_console::api::AlertActionRequest {
                    case_common_id: alert_case,
                    alert_id,
                    action: kyc_console::api::AlertAction::Apply,
                    case_step_id: alert_step,
                },
                alert_type: None,
                reason: None,
            }
            .into(),
        );
        for (n, request) in requests.into_iter().enumerate() {
            let id = 1000 + n as u64;
            fetcher.start(id, kyc_console::app::Slot::Mutation(id), request);
            let msg = rx.recv().await.expect("an answer");
            let kyc_console::app::Msg::Done { answer, .. } = msg else {
                panic!("{answers:?}: {msg:?}");
            };
            match answer {
                Answer::SetReviewDate(_, Ok(r)) => {
                    assert_eq!(r.review_date.as_deref(), Some("01/02/2030"), "{answers:?}")
                }
                Answer::AssignUser(_, Ok(c)) => {
                    assert_eq!(c.case_common_id, company, "{answers:?}");
                    assert_eq!(c.assigned_user_id, Some(user), "{answers:?}");
                }
                Answer::Link(_, Ok(s)) => {
                    assert!(s.case_step_id > 0, "{answers:?}");
                    assert_eq!(s.linked_case_common_id, Some(individual), "{answers:?}");
                }
                Answer::SetStepStatus(op, Ok(d)) => {
                    assert_eq!(d.case_step_id, op.step, "{answers:?}");
                    assert_eq!(d.status, StepStatus::Failed, "{answers:?}");
                    assert!(d.name.is_some(), "{answers:?}: the step's name");
                }
                Answer::Activate(op, Ok(s)) => {
                    assert_eq!(s.case_step_id, op.step, "{answers:?}");
                    assert!(!s.is_deactivated && s.name.is_some(), "{answers:?}");
                }
                Answer::ExcludeAml(op, Ok(d)) => {
                    assert_eq!(d.case_step_id, op.step, "{answers:?}");
                    assert!(d.matches().all(|m| m.is_excluded), "{answers:?}");
                    assert!(d.matches().next().is_some(), "{answers:?}");
                }
                Answer::CreateIndividual(_, Ok(c)) => {
                    assert!(c.details.common.case_common_id > 0, "{answers:?}")
                }
                Answer::AlertAction(op, Ok(r)) => {
                    assert_eq!(r.alert_id, op.request.alert_id, "{answers:?}")
                }
                other => match other.failure() {
                    Some(f) => assert!(f.is_outcome_unknown(), "{answers:?}: {f:?}"),
                    None => panic!("{answers:?}: {other:?}"),
                },
            }
        }
    }
}
