//! Every operation of the client against the emulator (demo dataset, in-process, random port),
//! including the error paths. State changes are checked by reading back.

use crate::common;

use common::{client_for, demo_config, emulator_with};
use kyc_console::api::*;
use kyc_console::emulator::{self, Running};
use std::time::Duration;

async fn demo() -> (Running, Client) {
    let e = emulator_with(demo_config()).await;
    let c = client_for(&e);
    (e, c)
}

/// The demo on a clock that stands still until the test moves it: new cases stay building.
async fn demo_frozen() -> (Running, Client) {
    let e = emulator_with(emulator::Config {
        clock: emulator::Clock::frozen(),
        ..demo_config()
    })
    .await;
    let c = client_for(&e);
    (e, c)
}

fn status(e: &ApiError) -> Option<u16> {
    e.status
}

async fn all_cases(c: &Client, kind: CaseKind) -> Vec<CaseListItem> {
    c.list_cases(kind, 1, 1000).await.expect("list").items
}

/// A ready, open case of a kind that has a step of `step_type`, with that step.
async fn case_with_step(
    c: &Client,
    kind: CaseKind,
    step_type: &str,
    pred: impl Fn(&Step) -> bool,
) -> Option<(Id, Step)> {
    for item in all_cases(c, kind).await {
        let common = &item.common;
        if common.is_closed() || common.build_state() != BuildState::Ready {
            continue;
        }
        let Ok(groups) = c.case_steps(common.case_common_id).await else {
            continue;
        };
        for s in groups.into_iter().flat_map(|g| g.steps) {
            if s.step_type.as_deref() == Some(step_type) && pred(&s) {
                return Some((common.case_common_id, s));
            }
        }
    }
    None
}

#[tokio::test]
async fn reference_data_and_version() {
    let (_e, c) = demo().await;
    let j = c.jurisdictions().await.expect("jurisdictions");
    assert!(j.len() >= 8);
    assert!(j.iter().any(|j| j.isautomated) && j.iter().any(|j| !j.isautomated));
    assert!(!c.company_types().await.expect("types").is_empty());
    c.version().await.expect("version");
}

#[tokio::test]
async fn case_lists_page_and_count() {
    let (_e, c) = demo().await;
    let p1 = c
        .list_cases(CaseKind::Company, 1, 10)
        .await
        .expect("page 1");
    assert_eq!(p1.items.len(), 10);
    let total = p1.total.expect("X-Total-Count");
    assert!(total >= 30);
    let p2 = c
        .list_cases(CaseKind::Company, 2, 10)
        .await
        .expect("page 2");
    assert_ne!(
        p1.items[0].common.case_common_id,
        p2.items[0].common.case_common_id
    );
    let ind = c
        .list_cases(CaseKind::Individual, 1, 100)
        .await
        .expect("individuals");
    assert!(ind.items.len() >= 20);
    assert!(ind.items.iter().all(|i| i.individual.is_some()));
}

#[tokio::test]
async fn case_detail_and_unknown_cases() {
    let (_e, c) = demo().await;
    let co = all_cases(&c, CaseKind::Company).await;
    let id = co[0].common.case_common_id;
    let d = c.case_detail(CaseKind::Company, id).await.expect("detail");
    assert_eq!(d.common.case_common_id, id);
    assert!(d.company.is_some());
    let e = c
        .case_detail(CaseKind::Company, 42)
        .await
        .expect_err("unknown case");
    assert_eq!(status(&e), Some(404));
    assert!(e.to_string().contains("404"), "{e}");
    // A company is not an individual.
    let e = c
        .case_detail(CaseKind::Individual, id)
        .await
        .expect_err("wrong kind");
    assert_eq!(status(&e), Some(404));
}

#[tokio::test]
async fn properties_add_update_remove() {
    let (_e, c) = demo().await;
    let id = all_cases(&c, CaseKind::Company).await[0]
        .common
        .case_common_id;
    let before = c.properties(CaseKind::Company, id).await.expect("props");
    let after = c
        .set_properties(
            CaseKind::Company,
            id,
            &[Property::new("Internal reference", "REF-77")],
        )
        .await
        .expect("set");
    assert_eq!(after.len(), before.len() + 1);
    let again = c.properties(CaseKind::Company, id).await.expect("props");
    assert!(again.iter().any(|p| p.data.as_deref() == Some("REF-77")));
    c.delete_property(CaseKind::Company, id, "Internal reference")
        .await
        .expect("delete");
    assert_eq!(
        c.properties(CaseKind::Company, id)
            .await
            .expect("props")
            .len(),
        before.len()
    );
    let e = c
        .delete_property(CaseKind::Company, id, "No such thing")
        .await
        .expect_err("unknown");
    assert_eq!(status(&e), Some(404));
}

#[tokio::test]
async fn org_chart_and_members() {
    let (_e, c) = demo().await;
    let mut deepest = 0;
    for item in all_cases(&c, CaseKind::Company).await {
        let chart = c
            .org_chart(item.common.case_common_id)
            .await
            .expect("org chart");
        fn depth(n: &OrgNode) -> usize {
            1 + n
                .shareholders
                .iter()
                .chain(&n.joint_shareholder_members)
                .map(depth)
                .max()
                .unwrap_or(0)
        }
        deepest = deepest.max(depth(&chart));
        c.members(item.common.case_common_id)
            .await
            .expect("members");
    }
    assert!(
        deepest >= 4,
        "ownership four levels deep somewhere, got {deepest}"
    );
}

#[tokio::test]
async fn step_status_and_details_read_back() {
    let (_e, c) = demo().await;
    let (id, step) = case_with_step(&c, CaseKind::Company, "Identity", |_| true)
        .await
        .expect("identity step");
    let target = if step.status == StepStatus::Passed {
        StepStatus::Failed
    } else {
        StepStatus::Passed
    };
    let d = c
        .set_step_status(id, step.case_step_id, target.clone())
        .await
        .expect("set");
    assert_eq!(d.status, target);
    assert_eq!(
        c.step_details(id, step.case_step_id)
            .await
            .expect("details")
            .status,
        target
    );
    let listed = c.case_steps(id).await.expect("steps");
    let s = listed
        .iter()
        .flat_map(|g| &g.steps)
        .find(|s| s.case_step_id == step.case_step_id);
    assert_eq!(s.map(|s| s.status.clone()), Some(target));
    let e = c.step_details(id, 1).await.expect_err("unknown step");
    assert_eq!(status(&e), Some(404));
    let trail = c.audit_trail(CaseKind::Company, id).await.expect("audit");
    assert!(!trail.is_empty());
    assert_eq!(
        trail[0].user_name.as_deref(),
        Some("demo"),
        "newest first, by the caller"
    );
}

#[tokio::test]
async fn aml_exclusion_reads_back() {
    let (_e, c) = demo().await;
    let mut found = None;
    for kind in [CaseKind::Company, CaseKind::Individual] {
        for item in all_cases(&c, kind).await {
            let id = item.common.case_common_id;
            if item.common.build_state() != BuildState::Ready || item.common.is_closed() {
                continue;
            }
            let checks = c.aml_checks(kind, id).await.expect("aml");
            if let Some((_, m)) = checks.all().find(|(_, m)| !m.is_excluded) {
                found = Some((kind, id, m.case_step_id));
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    let (kind, id, step) = found.expect("an unexcluded match");
    let d = c
        .exclude_aml(id, step, Some("Different date of birth".into()))
        .await
        .expect("exclude");
    assert!(d.aml_match.as_ref().is_some_and(|m| m.is_excluded));
    let checks = c.aml_checks(kind, id).await.expect("aml");
    let m = checks
        .all()
        .map(|(_, m)| m)
        .find(|m| m.case_step_id == step)
        .expect("match");
    assert!(m.is_excluded);
    assert_eq!(
        m.excluded_reason.as_deref(),
        Some("Different date of birth")
    );
    // Only AML steps can be excluded.
    let (cid, s) = case_with_step(&c, CaseKind::Company, "Identity", |_| true)
        .await
        .expect("identity");
    let e = c
        .exclude_aml(cid, s.case_step_id, None)
        .await
        .expect_err("not an AML step");
    assert_eq!(status(&e), Some(400));
}

#[tokio::test]
async fn notes_add_list_delete() {
    let (_e, c) = demo().await;
    let (id, step) = case_with_step(&c, CaseKind::Company, "Identity", |_| true)
        .await
        .expect("step");
    let n = c
        .add_note(id, step.case_step_id, "Checked against the register.")
        .await
        .expect("add");
    let notes = c.step_notes(id, step.case_step_id).await.expect("notes");
    assert!(notes.iter().any(|x| x.step_note_id == n.step_note_id));
    c.delete_note(id, step.case_step_id, n.step_note_id)
        .await
        .expect("delete");
    let notes = c.step_notes(id, step.case_step_id).await.expect("notes");
    assert!(!notes.iter().any(|x| x.step_note_id == n.step_note_id));
    let e = c
        .add_note(id, step.case_step_id, "   ")
        .await
        .expect_err("blank note");
    assert_eq!(status(&e), Some(400));
}

#[tokio::test]
async fn documents_upload_download_request_prevalidate() {
    let (_e, c) = demo().await;
    let id = all_cases(&c, CaseKind::Company).await[0]
        .common
        .case_common_id;
    let docs = c.documents(CaseKind::Company, id).await.expect("documents");
    let first = docs
        .documents
        .values()
        .flatten()
        .next()
        .expect("a document")
        .clone();
    let doc_id = first.document_id().expect("id in link");
    let dl = c.download_document(&doc_id).await.expect("download");
    assert!(dl.bytes.starts_with(b"%PDF-"));
    c.mandatory_company_documents(id).await.expect("mandatory");
    let up = Upload {
        name: "Board resolution".into(),
        file_cat: "Resolution".into(),
        create_new_step: true,
        file_name: "resolution.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
    };
    let r = c
        .upload_document(CaseKind::Company, id, &up)
        .await
        .expect("upload");
    let link = r.link.clone().expect("link");
    let again = c
        .download_document(&document_id_from_link(&link).expect("id"))
        .await
        .expect("download again");
    assert_eq!(again.bytes, up.bytes);
    let docs = c.documents(CaseKind::Company, id).await.expect("documents");
    assert!(
        docs.documents
            .values()
            .flatten()
            .any(|d| d.link.as_deref() == Some(link.as_str()))
    );

    let ind = all_cases(&c, CaseKind::Individual).await[0]
        .common
        .case_common_id;
    let mand = c
        .mandatory_individual_documents(ind)
        .await
        .expect("mandatory");
    assert!(mand.iter().any(|m| m == "photoid"));
    c.prevalidate_document(&up).await.expect("prevalidate");
    let req = DocumentRequest {
        case_common_id: ind,
        documents: vec!["poa".into()],
        email: Some("olga@example.com".into()),
        ..Default::default()
    };
    assert!(
        c.request_documents(CaseKind::Individual, ind, &req)
            .await
            .expect("request")
            .access_code
            .is_some()
    );
    let bad = DocumentRequest {
        email: None,
        phone: None,
        ..req
    };
    let e = c
        .request_documents(CaseKind::Individual, ind, &bad)
        .await
        .expect_err("no contact");
    assert_eq!(status(&e), Some(400));
}

#[tokio::test]
async fn json_upload_is_415() {
    let (e, c) = demo().await;
    let id = all_cases(&c, CaseKind::Company).await[0]
        .common
        .case_common_id;
    let token = reqwest::Client::new()
        .post(format!("{}/connect/token", e.base_url()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "demo"),
            ("client_secret", "demo"),
        ])
        .send()
        .await
        .expect("token")
        .json::<serde_json::Value>()
        .await
        .expect("token json");
    let token = token["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned();
    let r = reqwest::Client::new()
        .post(format!(
            "{}/v2/Companies/{id}/documents/upload",
            e.base_url()
        ))
        .bearer_auth(token)
        .json(&serde_json::json!({"name": "x", "fileCat": "y"}))
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 415);
    let body: ErrorBody = r.json().await.expect("guide body");
    assert_eq!(body.status_code, 415);
}

#[tokio::test]
async fn reports_and_the_building_409() {
    let (_e, c) = demo_frozen().await;
    let ready = all_cases(&c, CaseKind::Company)
        .await
        .into_iter()
        .find(|i| i.common.build_state() == BuildState::Ready)
        .expect("a ready case");
    let pdf = c
        .report(CaseKind::Company, ready.common.case_common_id)
        .await
        .expect("report");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!(pdf.content_type.as_deref(), Some("application/pdf"));
    let created = c
        .create_individual(&CreateIndividualRequest {
            first_name: "Amira".into(),
            last_name: "Haddad".into(),
            birth_date: Some("1985-02-11".into()),
            ..Default::default()
        })
        .await
        .expect("create");
    let id = created.details.common.case_common_id;
    let e = c
        .report(CaseKind::Individual, id)
        .await
        .expect_err("still building");
    assert_eq!(status(&e), Some(409));
    assert!(matches!(e.kind, ErrorKind::Building));
}

#[tokio::test]
async fn create_import_identity_close_reopen_delete() {
    let (emu, c) = demo_frozen().await;
    let imp = c
        .import_company(&ImportCompanyRequest {
            entity_name: "Kestrel Analytics Ltd".into(),
            codeiso31662: "GB".into(),
            company_type: "Private Limited Company".into(),
            properties: vec![Property::new("Registration Number", "12345678")],
        })
        .await
        .expect("import");
    let id = imp.details.common.case_common_id;
    assert!(id > 0);
    let e = c
        .set_case_status(
            CaseKind::Company,
            id,
            &CaseStatusRequest {
                status: "Close".into(),
                case_decision: Some("Accepted".into()),
            },
        )
        .await
        .expect_err("a case still building cannot be closed");
    assert_eq!(status(&e), Some(400));
    emu.clock().advance(emulator::BUILD_TIME);
    let d = c
        .update_identity(
            CaseKind::Company,
            id,
            &IdentityUpdate {
                entity_name: Some("Kestrel Analytics Limited".into()),
                ..Default::default()
            },
        )
        .await
        .expect("identity");
    assert_eq!(d.name(), "Kestrel Analytics Limited");
    // The status alone closes with no decision [C] (what the vendor's client sends).
    let d = c
        .set_case_status(
            CaseKind::Company,
            id,
            &CaseStatusRequest {
                status: "Close".into(),
                case_decision: None,
            },
        )
        .await
        .expect("closed without a decision");
    assert!(d.common.is_closed());
    assert_eq!(d.common.case_decision, None);
    c.set_case_status(
        CaseKind::Company,
        id,
        &CaseStatusRequest {
            status: "Open".into(),
            case_decision: None,
        },
    )
    .await
    .expect("reopen");
    let d = c
        .set_case_status(
            CaseKind::Company,
            id,
            &CaseStatusRequest {
                status: "Close".into(),
                case_decision: Some("Denied".into()),
            },
        )
        .await
        .expect("close");
    assert!(d.common.is_closed());
    assert_eq!(
        c.case_detail(CaseKind::Company, id)
            .await
            .expect("detail")
            .common
            .case_decision
            .as_deref(),
        Some("Denied")
    );
    let d = c
        .set_case_status(
            CaseKind::Company,
            id,
            &CaseStatusRequest {
                status: "Open".into(),
                case_decision: None,
            },
        )
        .await
        .expect("reopen");
    assert!(!d.common.is_closed());
    c.delete_case(CaseKind::Company, id).await.expect("delete");
    assert_eq!(
        status(
            &c.case_detail(CaseKind::Company, id)
                .await
                .expect_err("gone")
        ),
        Some(404)
    );
    let created = c
        .create_company(&CreateCompanyRequest {
            rawname: "Unregistered Trading Co".into(),
            codeiso31662: "GB".into(),
            company_type: Some("Limited Liability Partnership".into()),
            is_registered: Some(false),
            case_processing_type: Some("AmlOnly".into()),
            ..Default::default()
        })
        .await
        .expect("create");
    assert!(created.details.common.case_common_id > 0);
    c.import_individual(&CreateIndividualRequest {
        first_name: "Lin".into(),
        last_name: "Wei".into(),
        ..Default::default()
    })
    .await
    .expect("import individual");
}

#[tokio::test]
async fn search_finds_and_refuses_broad_queries() {
    let (_e, c) = demo().await;
    let auto = c
        .jurisdictions()
        .await
        .expect("jurisdictions")
        .into_iter()
        .find(|j| j.isautomated && j.codeiso31662.as_deref() == Some("GB"))
        .expect("GB is automated");
    let code = auto.codeiso31662.clone().unwrap_or_default();
    let co = all_cases(&c, CaseKind::Company)
        .await
        .into_iter()
        .find(|i| i.country_code() == Some(code.as_str()))
        .expect("a GB company");
    let name = co.name();
    let word: String = name.split_whitespace().next().unwrap_or("").to_owned();
    let hits = c
        .search_companies(&SearchRequest {
            query: word,
            codeiso31662: code.clone(),
        })
        .await
        .expect("search");
    assert!(
        hits.iter()
            .any(|h| h.name.as_deref() == Some(name.as_str()))
    );
    let e = c
        .search_companies(&SearchRequest {
            query: "in".into(),
            codeiso31662: code,
        })
        .await
        .expect_err("too broad");
    assert_eq!(status(&e), Some(400));
    assert!(
        e.to_string().contains("More than 200 records found in"),
        "{e}"
    );
    assert!(
        e.to_string().contains("please refine your search criteria"),
        "{e}"
    );
}

#[tokio::test]
async fn link_and_activate() {
    let (_e, c) = demo().await;
    let cos = all_cases(&c, CaseKind::Company).await;
    let (parent, child) = (cos[0].common.case_common_id, cos[1].common.case_common_id);
    let step = c
        .link_case(
            CaseKind::Company,
            parent,
            child,
            &LinkRequest {
                relation: "Shareholder".into(),
                percentage: Some(12.5),
                ..Default::default()
            },
        )
        .await
        .expect("link");
    assert_eq!(step.linked_case_common_id, Some(child));
    let steps = c.case_steps(parent).await.expect("steps");
    assert!(
        steps
            .iter()
            .flat_map(|g| &g.steps)
            .any(|s| s.case_step_id == step.case_step_id)
    );
    if let Some((id, s)) =
        case_with_step(&c, CaseKind::Company, "Shareholder", |s| s.is_deactivated).await
    {
        let a = c.activate_step(id, s.case_step_id).await.expect("activate");
        assert!(!a.is_deactivated);
        let e = c
            .activate_step(id, s.case_step_id)
            .await
            .expect_err("already active");
        assert_eq!(status(&e), Some(400));
    } else {
        panic!("the demo has a deactivated shareholder step");
    }
}

#[tokio::test]
async fn live_monitoring_actions_review_date_and_assignment() {
    let (_e, c) = demo().await;
    for kind in [CaseKind::Company, CaseKind::Individual] {
        let lm = c
            .lm_cases(kind, &LmCasesRequest::default())
            .await
            .expect("lm-cases");
        assert!(
            lm.item_count > 0 && !lm.items.is_empty(),
            "{kind:?} has alerts"
        );
        let case = &lm.items[0];
        let alerts = c
            .lm_alerts(kind, case.case_common_id)
            .await
            .expect("lm-alerts");
        let alert = alerts.alerts.first().expect("an alert");
        let ty = alert.kind().expect("known alert type");
        let refused = [
            AlertAction::Apply,
            AlertAction::Exclude,
            AlertAction::Dismiss,
        ]
        .into_iter()
        .find(|a| !ty.allowed_actions().contains(a))
        .expect("some action is not allowed");
        let req = |action| AlertActionRequest {
            case_common_id: case.case_common_id,
            alert_id: alert.alert_id,
            action,
            case_step_id: None,
        };
        let e = c
            .alert_action(kind, case.case_common_id, &req(refused))
            .await
            .expect_err("not allowed");
        assert_eq!(status(&e), Some(400));
        c.alert_action(kind, case.case_common_id, &req(ty.allowed_actions()[0]))
            .await
            .expect("allowed");
        let after = c
            .lm_alerts(kind, case.case_common_id)
            .await
            .expect("lm-alerts");
        assert!(
            !after.alerts.iter().any(|a| a.alert_id == alert.alert_id),
            "actioned alert is gone"
        );

        let r = c
            .set_review_date(kind, case.case_common_id, "31/12/2027")
            .await
            .expect("date");
        assert_eq!(r.review_date.as_deref(), Some("31/12/2027"));
        c.set_review_date(kind, case.case_common_id, "6 months")
            .await
            .expect("period");
        let e = c
            .set_review_date(kind, case.case_common_id, "31/02/2027")
            .await
            .expect_err("bad date");
        assert_eq!(status(&e), Some(400));
    }
    let users = c
        .list_users(&UserListRequest::default())
        .await
        .expect("users");
    assert!(users.len() >= 8);
    let id = all_cases(&c, CaseKind::Company).await[0]
        .common
        .case_common_id;
    let common = c.assign_user(id, users[1].user_id).await.expect("assign");
    assert_eq!(common.assigned_user_id, Some(users[1].user_id));
    let d = c.case_detail(CaseKind::Company, id).await.expect("detail");
    assert_eq!(d.common.assigned_user_id, Some(users[1].user_id));
}

#[tokio::test]
async fn bad_credentials_are_rejected_clearly() {
    let e = emulator_with(demo_config()).await;
    let c = Client::new(ClientConfig::new(
        e.base_url(),
        "demo".to_owned(),
        Secret::new("wrong".to_owned()),
    ))
    .expect("client");
    let err = c.jurisdictions().await.expect_err("rejected");
    assert!(
        matches!(err.kind, ErrorKind::CredentialsRejected),
        "{err:?}"
    );
    assert!(
        !format!("{err} {err:?}").contains("wrong"),
        "the secret never shows"
    );
}

#[tokio::test]
async fn an_expired_token_is_renewed_transparently() {
    let e = emulator_with(emulator::Config {
        token_ttl: Duration::from_secs(2),
        ..demo_config()
    })
    .await;
    let c = client_for(&e);
    c.jurisdictions().await.expect("first call");
    // Expired on the server's clock while the client still holds it: the 401 is met and the
    // client renews and repeats the call by itself.
    e.clock().advance(Duration::from_secs(3));
    c.jurisdictions().await.expect("after expiry");
}
