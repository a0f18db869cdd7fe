//! The contract's confirmed shapes, as JSON fixtures, read by the models and by the client's
//! operations (served by a tiny local mock), plus the tolerance the contract asks for.

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kyc_console::api::{
    AlertType, AmlChecks, CaseCommon, CaseDetails, CaseKind, Client, ClientConfig, ErrorKind,
    LmAlerts, LmCasesRequest, Members, OrgNode, SearchRequest, Secret, StepGroup, StepStatus,
};
use std::collections::HashMap;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/api/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn ok(name: &'static str) -> impl Fn() -> std::future::Ready<Response> + Clone {
    move || std::future::ready(json(StatusCode::OK, fixture(name)))
}

/// A mock serving the fixtures on the contract's paths.
async fn fixture_server() -> Client {
    let list = |Query(q): Query<HashMap<String, String>>| async move {
        assert_eq!(q.get("pageNumber").map(String::as_str), Some("2"));
        assert_eq!(q.get("pageSize").map(String::as_str), Some("25"));
        let mut headers = HeaderMap::new();
        headers.insert("X-Total-Count", 57.into());
        (
            headers,
            json(StatusCode::OK, fixture("case_list_companies.json")),
        )
    };
    let detail = |Path(id): Path<i64>| async move {
        assert_eq!(id, 1000003766);
        json(StatusCode::OK, fixture("case_detail.json"))
    };
    let router = Router::new()
        .route("/connect/token", post(ok("token.json")))
        .route("/v2/Jurisdictions", get(ok("jurisdictions.json")))
        .route("/v2/Companies/search", post(ok("search.json")))
        .route("/v2/Companies", get(list))
        .route("/v2/Companies/{id}", get(detail))
        .route("/v2/CaseSteps/{id}", get(ok("steps.json")))
        .route("/v2/Companies/{id}/org-chart", get(ok("org_chart.json")))
        .route("/v2/Companies/{id}/members", get(ok("members.json")))
        .route("/v2/Companies/{id}/amlchecks", get(ok("aml_checks.json")))
        .route("/v2/Companies/{id}/documents", get(ok("documents.json")))
        .route("/v2/Companies/lm-cases", post(ok("lm_cases.json")))
        .route("/v2/Companies/{id}/lm-alerts", get(ok("lm_alerts.json")))
        // A case detail in the wrong shape.
        .route(
            "/v2/Individuals/{id}",
            get(|| async {
                json(
                    StatusCode::OK,
                    r#"{"caseDetail":{"details":{"common":{},"stepDataSource":"oops"}}}"#.into(),
                )
            }),
        )
        .route(
            "/v2/Individuals/lm-cases",
            post(|| async { json(StatusCode::BAD_REQUEST, fixture("error_body.json")) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await.ok() });
    Client::new(ClientConfig::new(
        format!("http://{addr}"),
        "id",
        Secret::new("secret"),
    ))
    .expect("client")
}

#[tokio::test]
async fn confirmed_shapes_parse_through_the_client() {
    let client = fixture_server().await;

    let jurisdictions = client.jurisdictions().await.expect("jurisdictions");
    assert_eq!(jurisdictions.len(), 3);
    assert_eq!(jurisdictions[1].codeiso31662.as_deref(), Some("GI"));
    assert!(jurisdictions[1].isautomated, "\"true\" is a flag");
    assert!(!jurisdictions[2].isautomated);

    let hits = client
        .search_companies(&SearchRequest {
            query: "insight".into(),
            codeiso31662: "GI".into(),
        })
        .await
        .expect("search");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].name.as_deref(), Some("INSIGHT INVESTMENTS LIMITED"));
    assert_eq!(hits[0].case_common_id, None);
    assert_eq!(hits[1].case_common_id, Some(1000003766));
    assert_eq!(hits[1].registration_number.as_deref(), Some("99871"));
    assert_eq!(hits[1].country_code.as_deref(), Some("GI"));

    let page = client
        .list_cases(CaseKind::Company, 2, 25)
        .await
        .expect("case list");
    assert_eq!(page.total, Some(57));
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].name(), "INSIGHT HOLDINGS LIMITED");
    assert_eq!(page.items[1].common.case_common_id, 1000003767);
    assert!(page.items[1].common.is_closed());

    let detail = client
        .case_detail(CaseKind::Company, 1000003766)
        .await
        .expect("detail");
    assert_eq!(detail.common.status_id, Some(3));
    assert_eq!(
        detail.common.assigned_user_name.as_deref(),
        Some("a.reviewer")
    );
    assert_eq!(detail.is_case_aml_positive, Some(true));
    assert_eq!(
        detail
            .company
            .as_ref()
            .and_then(|c| c.properties.get("Registration Number")),
        Some(&serde_json::json!("99871"))
    );
    assert_eq!(
        detail
            .case_address
            .as_ref()
            .and_then(|a| a.postcode.as_deref()),
        Some("GX11 1AA")
    );
    assert_eq!(detail.step_data_source[0].data_sources.len(), 1);

    let steps = client.case_steps(1000003766).await.expect("steps");
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].steps[2].case_step_id, 7003, "string id");
    assert_eq!(steps[0].steps[1].status, StepStatus::NotReviewed);
    assert_eq!(
        steps[1].steps[0].status,
        StepStatus::NotReviewed,
        "guide spelling"
    );
    assert!(steps[1].steps[0].is_deactivated);
    assert_eq!(steps[1].steps[1].status, StepStatus::Failed);
    assert_eq!(steps[1].steps[1].linked_case_common_id, Some(1000003800));

    let chart = client.org_chart(1000003766).await.expect("org chart");
    assert_eq!(chart.officers.len(), 1);
    assert!(chart.officers[0].is_unresolved_aml);
    assert!(chart.others.is_empty(), "null array is empty");
    let nominee = &chart.shareholders[0];
    assert_eq!(nominee.shares, Some(60.0));
    assert_eq!(nominee.shareholders[0].effective_percentage, Some(60.0));
    assert!(nominee.shareholders[0].is_updated_aml);

    let members = client.members(1000003766).await.expect("members");
    let [controlling, holders, ubos, pscs] = members.groups();
    assert_eq!(controlling.1[0].member.display_name(), "Jane Doe");
    assert_eq!(holders.1[0].member.display_name(), "Insight Nominees Ltd");
    assert_eq!(holders.1[0].percentage, Some(60.0));
    assert!(ubos.1[0].is_kyced);
    assert!(pscs.1.is_empty());

    let aml = client
        .aml_checks(CaseKind::Company, 1000003766)
        .await
        .expect("aml");
    assert_eq!(aml.all().count(), 2);
    assert_eq!(aml.world_checks[0].aliases.len(), 2);
    assert_eq!(aml.lexis_nexis_checks[0].case_step_id, 7021);
    assert_eq!(aml.lexis_nexis_checks[0].match_id.as_deref(), Some("88123"));
    assert_eq!(aml.lexis_nexis_checks[0].match_score, Some(55.5));

    let docs = client
        .documents(CaseKind::Company, 1000003766)
        .await
        .expect("documents");
    let groups: Vec<&String> = docs.documents.keys().collect();
    assert_eq!(groups, ["Registry documents", "Uploaded documents"]);
    assert_eq!(
        docs.documents["Registry documents"][0]
            .document_id()
            .as_deref(),
        Some("3368")
    );

    let lm = client
        .lm_cases(CaseKind::Company, &LmCasesRequest::default())
        .await
        .expect("lm cases");
    assert_eq!(lm.item_count, 2);
    assert_eq!(lm.items[0].total_alerts(), 3);
    assert_eq!(lm.items[1].case_common_id, 1000003802);

    let alerts = client
        .lm_alerts(CaseKind::Company, 1000003766)
        .await
        .expect("lm alerts");
    assert_every_change_kind(&alerts);
}

fn assert_every_change_kind(alerts: &LmAlerts) {
    assert_eq!(alerts.case_id, 1000003766);
    let kinds: Vec<Option<AlertType>> = alerts.alerts.iter().map(|a| a.kind()).collect();
    assert_eq!(
        kinds,
        [
            Some(AlertType::CaseDetailsReview),
            Some(AlertType::Aml),
            Some(AlertType::ExpiredDocuments),
            Some(AlertType::ManualReview)
        ]
    );
    assert_eq!(alerts.alerts[2].alert_id, 903);
    let changes: Vec<_> = alerts.alerts.iter().flat_map(|a| &a.changes).collect();
    assert_eq!(changes.len(), 9);
    let c = |i: usize| changes[i];
    assert_eq!(
        c(0).property.as_ref().and_then(|p| p.old_value.as_deref()),
        Some("5 Line Wall Road")
    );
    assert_eq!(
        c(1).officer.as_ref().and_then(|o| o.role.as_deref()),
        Some("Secretary")
    );
    assert_eq!(
        c(2).shareholder
            .as_ref()
            .and_then(|s| s.shares_held.as_deref()),
        Some("400")
    );
    assert!(c(3).person_with_significant_control.is_some());
    assert!(c(4).new_document.is_some());
    assert!(c(5).updated_document.is_some());
    assert!(c(6).removed_document.is_some());
    assert_eq!(
        c(7).aml_alert
            .as_ref()
            .and_then(|a| a.aml_match_type.as_deref()),
        Some("PEP")
    );
    assert_eq!(
        c(8).expiration_alert
            .as_ref()
            .and_then(|e| e.expiration_date.as_deref()),
        Some("06/12/2026")
    );
    for change in &changes {
        assert!(change.extra.is_empty(), "every part is known: {change:?}");
    }
}

#[tokio::test]
async fn wrong_shape_is_a_decode_error_naming_the_operation() {
    let client = fixture_server().await;
    let err = client
        .case_detail(CaseKind::Individual, 5)
        .await
        .expect_err("wrong shape");
    let ErrorKind::Decode(failure) = &err.kind else {
        panic!("not a decode error: {err:?}");
    };
    assert_eq!(err.operation, "GET /v2/Individuals/{id}");
    assert_eq!(failure.path, "caseDetail.details.stepDataSource");
    assert!(failure.snippet.contains("oops"));
    let text = err.to_string();
    assert!(
        text.starts_with("GET /v2/Individuals/{id} answered in an unexpected shape"),
        "{text}"
    );
}

#[tokio::test]
async fn error_body_becomes_a_one_line_message() {
    let client = fixture_server().await;
    let err = client
        .lm_cases(CaseKind::Individual, &LmCasesRequest::default())
        .await
        .expect_err("400");
    assert_eq!(err.status, Some(400));
    assert_eq!(err.kind, ErrorKind::Http);
    assert_eq!(
        err.to_string(),
        "400 Bad Request from POST /v2/Individuals/lm-cases: More than 200 records found in \
         United Kingdom, please refine your search criteria"
    );
    assert_eq!(err.details().len(), 1);
    assert!(err.details()[0].ends_with("(30/11/2026 10:15:42)"));
}

#[test]
fn token_fixture_has_the_confirmed_fields() {
    let token: serde_json::Value =
        serde_json::from_str(&fixture("token.json")).expect("token json");
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["expires_in"], 600);
    assert_eq!(token["scope"], "PublicApi");
}

#[test]
fn fixtures_parse_into_the_models() {
    let steps: Vec<StepGroup> = serde_json::from_str(&fixture("steps.json")).expect("steps");
    assert_eq!(steps[0].total, Some(3));
    let chart: OrgNode = serde_json::from_str(&fixture("org_chart.json")).expect("chart");
    assert_eq!(chart.case_common_id, Some(1000003766));
    let members: Members = serde_json::from_str(&fixture("members.json")).expect("members");
    assert_eq!(members.ultimate_beneficial_owners.len(), 1);
    let aml: AmlChecks = serde_json::from_str(&fixture("aml_checks.json")).expect("aml");
    assert!(aml.lexis_nexis_checks[0].is_excluded);
}

#[test]
fn unknown_fields_are_kept_and_ids_may_be_strings() {
    let common: CaseCommon = serde_json::from_str(
        r#"{"caseCommonId":"1000003766","statusId":"3","brandNewField":{"a":[1,2]}}"#,
    )
    .expect("tolerant");
    assert_eq!(common.case_common_id, 1000003766);
    assert_eq!(common.status_id, Some(3));
    assert_eq!(
        common.extra.get("brandNewField"),
        Some(&serde_json::json!({"a": [1, 2]}))
    );
    // Kept fields go back out in place.
    let out = serde_json::to_value(&common).expect("serialise");
    assert_eq!(out["brandNewField"]["a"][1], 2);
}

#[test]
fn missing_fields_default() {
    let detail: CaseDetails = serde_json::from_str("{}").expect("empty object");
    assert_eq!(detail.common.case_common_id, 0);
    assert!(detail.company.is_none());
    assert!(detail.step_data_source.is_empty());
    let alerts: LmAlerts = serde_json::from_str(r#"{"alerts":null}"#).expect("null list");
    assert!(alerts.alerts.is_empty());
}
