//! The emulator's other valid shapes (issue 15, items 3 and 4): changes answered with minimal
//! bodies (`--answers empty|ok`), and AML steps holding several matches (`--aml-shape grouped`).
//! Each test checks that the change still happened, read back from the server.

use crate::common::{client_for, demo_config, emulator_with};
use kyc_console::api::{AmlChecks, CaseKind, Id, StepGroup, StepStatus};
use kyc_console::emulator::dataset::{self, FIRST_COMPANY};
use kyc_console::emulator::{self, AmlShape, Answers, Running};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Plain HTTP with a token, to see a body exactly as sent.
struct Raw {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Raw {
    async fn to(running: &Running) -> Raw {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::new();
        let base = running.base_url();
        let t: Value = http
            .post(format!("{base}/connect/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "demo"),
                ("client_secret", "demo"),
                ("audience", "PublicApi"),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = t["access_token"].as_str().unwrap().to_owned();
        Raw { http, base, token }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut rb = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

async fn start(answers: Answers) -> Running {
    emulator_with(emulator::Config {
        answers,
        ..demo_config()
    })
    .await
}

fn minimal(answers: Answers) -> Value {
    match answers {
        Answers::Empty => json!({}),
        Answers::Ok => json!({"ok": true}),
        Answers::Full => unreachable!("full answers are not minimal"),
    }
}

/// A step of the case that is not reviewed yet.
fn unreviewed(groups: &[StepGroup]) -> Id {
    groups
        .iter()
        .flat_map(|g| &g.steps)
        .find(|s| s.status == StepStatus::NotReviewed && !s.is_deactivated)
        .map(|s| s.case_step_id)
        .expect("the demo's first company has an unreviewed step")
}

#[tokio::test]
async fn minimal_answers_still_change_the_state() {
    for answers in [Answers::Empty, Answers::Ok] {
        let running = start(answers).await;
        let raw = Raw::to(&running).await;
        let client = client_for(&running);
        let want = (StatusCode::OK, minimal(answers));
        let id = FIRST_COMPANY;

        // Step status.
        let step = unreviewed(&client.case_steps(id).await.unwrap());
        let path = format!("/v2/CaseSteps/{id}/status/{step}");
        let body = json!({"status": "Passed", "isCollapsed": false});
        assert_eq!(
            raw.send(Method::PATCH, &path, Some(body)).await,
            want,
            "{answers:?}"
        );
        let d = client.step_details(id, step).await.unwrap();
        assert_eq!(
            d.status,
            StepStatus::Passed,
            "{answers:?}: the step was passed"
        );

        // A note.
        let path = format!("/v2/CaseStepNotes/{id}/{step}");
        let body = json!({"note": "checked against the registry"});
        assert_eq!(raw.send(Method::POST, &path, Some(body)).await, want);
        let notes = client.step_notes(id, step).await.unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.note.as_deref() == Some("checked against the registry"))
        );

        // Identity, then case status.
        let path = format!("/v2/Companies/{id}/identity");
        let body = json!({"entityName": "Renamed Holdings Limited"});
        assert_eq!(raw.send(Method::PUT, &path, Some(body)).await, want);
        let path = format!("/v2/Companies/{id}/status");
        let body = json!({"status": "Close", "caseDecision": "Accepted"});
        assert_eq!(raw.send(Method::PATCH, &path, Some(body)).await, want);
        let detail = client.case_detail(CaseKind::Company, id).await.unwrap();
        assert_eq!(detail.name(), "Renamed Holdings Limited");
        assert_eq!(detail.common.status.as_deref(), Some("Closed"));

        // A created case.
        let count = || async {
            let page = client.list_cases(CaseKind::Company, 1, 1).await.unwrap();
            page.total.expect("X-Total-Count")
        };
        let before = count().await;
        let body = json!({
            "rawname": "Minimal Answers Ltd",
            "codeiso31662": "GB",
            "companyType": "Private Limited Company",
            "isRegistered": false
        });
        assert_eq!(
            raw.send(Method::POST, "/v2/Companies", Some(body)).await,
            want
        );
        assert_eq!(
            count().await,
            before + 1,
            "{answers:?}: the company was created"
        );

        // A deletion answers 200 with the body too (204 in full answers).
        let path = format!("/v2/CaseStepNotes/{id}/{step}/{}", notes[0].step_note_id);
        assert_eq!(raw.send(Method::DELETE, &path, None).await, want);
        let left = client.step_notes(id, step).await.unwrap();
        assert_eq!(
            left.len(),
            notes.len() - 1,
            "{answers:?}: the note was deleted"
        );
        running.shutdown().await.unwrap();
    }
}

#[tokio::test]
async fn minimal_answers_leave_reads_and_refusals_whole() {
    let running = start(Answers::Empty).await;
    let raw = Raw::to(&running).await;
    // POSTs that only read answer in full.
    let body = json!({"query": "insight", "codeiso31662": "GB"});
    let (s, v) = raw
        .send(Method::POST, "/v2/Companies/search", Some(body))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["companySearch"]["results"].is_array(), "{v}");
    let body = json!({"pageNumber": 1, "pageSize": 10});
    let (s, v) = raw.send(Method::POST, "/v2/User/list", Some(body)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_array().is_some_and(|a| !a.is_empty()), "{v}");
    let (s, v) = raw
        .send(Method::POST, "/v2/Companies/lm-cases", Some(json!({})))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["items"].is_array(), "{v}");
    // A refused change keeps the guide's 400 body.
    let path = format!("/v2/CaseSteps/{FIRST_COMPANY}/status/1");
    let (s, v) = raw
        .send(Method::PATCH, &path, Some(json!({"status": 7})))
        .await;
    assert!(s.is_client_error(), "{s}");
    assert_eq!(v["statusCode"], json!(s.as_u16()), "{v}");
    assert!(v["apiErrors"].is_array(), "{v}");
}

/// Every `/v2` operation but a GET is a change, except the POSTs that only read; the list the
/// answers layer works from names each kind of change the issue lists.
#[test]
fn the_route_table_knows_which_operations_change() {
    let changes: BTreeSet<(&str, String)> = emulator::changes().into_iter().collect();
    let reads = [
        "/v2/Companies/search",
        "/v2/User/list",
        "/v2/Companies/lm-cases",
        "/v2/Individuals/lm-cases",
        "/v2/Individuals/documents/prevalidate",
    ];
    for (method, path) in emulator::operations() {
        if !path.starts_with("/v2") {
            continue;
        }
        let change = method != "get" && !reads.contains(&path.as_str());
        assert_eq!(
            changes.contains(&(method, path.clone())),
            change,
            "{method} {path}"
        );
    }
    for tail in [
        "/status/{stepId}",
        "/exclude/{stepId}",
        "/v2/CaseStepNotes/{id}/{stepId}",
        "/lm-alerts-action",
        "/review-date",
        "/assign/{userId}",
        "/properties",
        "/identity",
        "/v2/Companies/{id}/status",
        "/link/{id}",
        "/activate/{caseStepId}",
        "/v2/Companies/import",
        "/documents/upload",
        "/documents/request",
    ] {
        assert!(
            changes.iter().any(|(_, p)| p.ends_with(tail)),
            "{tail} is a change"
        );
    }
}

/// The cases of the demo with more than one AML match.
fn cases_with_several_matches() -> Vec<(CaseKind, Id)> {
    dataset::demo()
        .cases
        .iter()
        .filter(|(_, r)| r.aml.world_checks.len() + r.aml.lexis_nexis_checks.len() > 1)
        .map(|(id, r)| (r.kind.unwrap_or(CaseKind::Individual), *id))
        .collect()
}

fn all(aml: &AmlChecks) -> Vec<&kyc_console::api::AmlMatch> {
    aml.world_checks
        .iter()
        .chain(&aml.lexis_nexis_checks)
        .collect()
}

#[tokio::test]
async fn grouped_aml_steps_hold_several_matches_and_exclude_them_together() {
    let cases = cases_with_several_matches();
    assert!(cases.len() >= 2, "{cases:?}");
    let running = emulator_with(emulator::Config {
        aml_shape: AmlShape::Grouped,
        ..demo_config()
    })
    .await;
    let client = client_for(&running);
    for (kind, id) in cases {
        let aml = client.aml_checks(kind, id).await.unwrap();
        let matches = all(&aml);
        let steps: BTreeSet<Id> = matches.iter().map(|m| m.case_step_id).collect();
        assert_eq!(steps.len(), 1, "case {id}: one step holds every match");
        let match_ids: BTreeSet<_> = matches.iter().map(|m| m.match_id.clone()).collect();
        assert_eq!(
            match_ids.len(),
            matches.len(),
            "case {id}: each keeps its matchId"
        );
        assert!(match_ids.iter().all(Option::is_some));
        let step = *steps.iter().next().unwrap();
        let listed = client.case_steps(id).await.unwrap();
        let aml_steps: Vec<Id> = listed
            .iter()
            .flat_map(|g| &g.steps)
            .filter(|s| s.step_type.as_deref() == Some("Aml"))
            .map(|s| s.case_step_id)
            .collect();
        assert_eq!(aml_steps, vec![step], "case {id}");
        assert_eq!(
            client.step_details(id, step).await.unwrap().case_step_id,
            step
        );

        // A closed case takes no exclusion: reopen it first.
        if client
            .case_detail(kind, id)
            .await
            .unwrap()
            .common
            .is_closed()
        {
            client
                .set_case_status(
                    kind,
                    id,
                    &kyc_console::api::CaseStatusRequest {
                        status: "Open".into(),
                        case_decision: None,
                    },
                )
                .await
                .unwrap();
        }
        // Excluding the step excludes all its matches: the API's behaviour.
        client
            .exclude_aml(id, step, Some("same name, other person".into()))
            .await
            .unwrap();
        let aml = client.aml_checks(kind, id).await.unwrap();
        assert!(
            all(&aml).iter().all(|m| m.is_excluded),
            "case {id}: {aml:?}"
        );
        let detail = client.case_detail(kind, id).await.unwrap();
        assert_eq!(detail.is_case_aml_positive, Some(false), "case {id}");
    }
}

#[tokio::test]
async fn the_default_shape_keeps_one_step_per_match() {
    let running = emulator_with(demo_config()).await;
    let client = client_for(&running);
    for (kind, id) in cases_with_several_matches() {
        let aml = client.aml_checks(kind, id).await.unwrap();
        let steps: BTreeSet<Id> = all(&aml).iter().map(|m| m.case_step_id).collect();
        assert_eq!(steps.len(), all(&aml).len(), "case {id}");
    }
}
