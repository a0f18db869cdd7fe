//! The emulator over HTTP: every route, state read back after mutations, and the error paths,
//! against a small hand-built store (independent of the demo dataset).

use kyc_console::api::*;
use kyc_console::emulator::store::{
    Blob, CaseRecord, Holding, HoldingGroup, Party, PartyInfo, RegistryEntry, Store,
};
use kyc_console::emulator::{BUILD_TIME, Clock, Config, Running, TokenResponse, spawn_with_store};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const ACME: Id = 1001;
const ACME_SUB: Id = 1002;
const JANE: Id = 1003;
const IDENTITY_STEP: Id = 2001;
const AML_STEP: Id = 2002;
const DOC_STEP: Id = 2003;
const OFFICER_STEP: Id = 2004;
const SUB_STEP: Id = 2101;

fn jurisdiction(code: &str, name: &str, automated: bool) -> Jurisdiction {
    Jurisdiction {
        name: Some(name.into()),
        codeiso31662: Some(code.into()),
        isautomated: automated,
        ..Jurisdiction::default()
    }
}

fn step(id: Id, name: &str, kind: &str) -> Step {
    Step {
        name: Some(name.into()),
        step_type: Some(kind.into()),
        case_step_id: id,
        ..Step::default()
    }
}

fn group(name: &str, steps: Vec<Step>) -> StepGroup {
    StepGroup {
        group: Some(name.into()),
        total: Some(steps.len() as i64),
        steps,
        ..StepGroup::default()
    }
}

fn common(id: Id, status: &str) -> CaseCommon {
    CaseCommon {
        case_common_id: id,
        case_customer_id: Some(format!("CUST-{id}")),
        status: Some(status.into()),
        status_id: Some(3),
        status_name: Some("Ready".into()),
        country_name: Some("United Kingdom".into()),
        ..CaseCommon::default()
    }
}

fn company(id: Id, name: &str) -> CaseDetails {
    CaseDetails {
        common: common(id, "Open"),
        company: Some(CompanyInfo {
            entity_name: Some(name.into()),
            country_code: Some("GB".into()),
            ..CompanyInfo::default()
        }),
        case_address: Some(CaseAddress {
            address: Some("1 High Street, London".into()),
            ..CaseAddress::default()
        }),
        is_case_aml_positive: Some(false),
        ..CaseDetails::default()
    }
}

fn person(name: &str) -> Party {
    Party::Person(PartyInfo {
        name: name.into(),
        ..PartyInfo::default()
    })
}

fn alert(id: Id, kind: &str, change: Change) -> Alert {
    Alert {
        alert_id: id,
        alert_type: Some(kind.into()),
        created_on: Some("2024-05-01T10:00:00Z".into()),
        changes: vec![change],
        ..Alert::default()
    }
}

fn aml_match() -> AmlMatch {
    AmlMatch {
        case_step_id: AML_STEP,
        match_id: Some("WC-1".into()),
        category: Some("PEP".into()),
        name: Some("Acme Holdings".into()),
        match_score: Some(88.0),
        ..AmlMatch::default()
    }
}

fn store() -> Store {
    let mut s = Store {
        jurisdictions: vec![
            jurisdiction("GB", "United Kingdom", true),
            jurisdiction("GI", "Gibraltar", true),
            jurisdiction("KY", "Cayman Islands", false),
        ],
        users: vec![
            User {
                user_id: 7,
                user_name: Some("alice".into()),
                email: Some("alice@example.com".into()),
                is_active: true,
                ..User::default()
            },
            User {
                user_id: 8,
                user_name: Some("bob".into()),
                email: Some("bob@example.com".into()),
                is_active: true,
                ..User::default()
            },
        ],
        company_types: vec![
            CompanyType {
                company_type_id: 1,
                name: Some("Private Limited Company".into()),
                codeiso31662: Some("GB".into()),
                ..CompanyType::default()
            },
            CompanyType {
                company_type_id: 2,
                name: Some("Exempted Company".into()),
                codeiso31662: Some("KY".into()),
                ..CompanyType::default()
            },
            CompanyType {
                company_type_id: 3,
                name: Some("Ltd".into()),
                codeiso31662: Some("GI".into()),
                ..CompanyType::default()
            },
        ],
        next_id: 10_000,
        ..Store::default()
    };
    s.registry.push(RegistryEntry {
        result: SearchResult {
            name: Some("ACME WIDGETS LIMITED".into()),
            registration_number: Some("01234567".into()),
            country_code: Some("GB".into()),
            raw_address: Some("2 Low Road, Leeds".into()),
            ..SearchResult::default()
        },
    });
    for i in 0..250 {
        s.registry.push(RegistryEntry {
            result: SearchResult {
                name: Some(format!("BULK TRADING {i} LIMITED")),
                country_code: Some("GB".into()),
                ..SearchResult::default()
            },
        });
    }
    s.blobs.insert(
        "4001".into(),
        Blob {
            content_type: "application/pdf".into(),
            file_name: "certificate.pdf".into(),
            bytes: b"%PDF-1.4 certificate".to_vec(),
        },
    );

    let mut acme = CaseRecord {
        kind: Some(CaseKind::Company),
        detail: company(ACME, "Acme Holdings Ltd"),
        properties: vec![Property::new("Registration Number", "00000001")],
        steps: vec![
            group(
                "Identity",
                vec![step(IDENTITY_STEP, "Identity", "Identity")],
            ),
            group(
                "AML screening",
                vec![step(AML_STEP, "AML: Acme Holdings", "Aml")],
            ),
            group("Documents", vec![step(DOC_STEP, "Certificate", "Document")]),
            group(
                "Officers",
                vec![Step {
                    is_deactivated: true,
                    ..step(OFFICER_STEP, "John Smith", "Officer")
                }],
            ),
        ],
        mandatory_company: vec![MandatoryDocument {
            mandatory_document: Some("Certificate".into()),
            ..MandatoryDocument::default()
        }],
        holders: vec![
            Holding {
                role: "Shareholder".into(),
                parties: vec![Party::Case(ACME_SUB)],
                shares: Some(60.0),
                group: HoldingGroup::Shareholders,
                ..Holding::default()
            },
            Holding {
                role: "Shareholder".into(),
                parties: vec![person("Ann Joint"), person("Ben Joint")],
                shares: Some(40.0),
                group: HoldingGroup::Shareholders,
                ..Holding::default()
            },
            Holding {
                role: "Director".into(),
                parties: vec![person("John Smith")],
                case_step_id: Some(OFFICER_STEP),
                group: HoldingGroup::Officers,
                ..Holding::default()
            },
        ],
        alerts: vec![
            alert(
                3001,
                "CaseDetailsReview",
                Change {
                    change_id: 1,
                    property: Some(PropertyChange {
                        property_name: Some("Registration Number".into()),
                        new_value: Some("99999999".into()),
                        old_value: Some("00000001".into()),
                    }),
                    ..Change::default()
                },
            ),
            alert(3002, "ManualReview", Change::default()),
            alert(
                3003,
                "Aml",
                Change {
                    change_id: 2,
                    aml_alert: Some(AmlAlert {
                        name: Some("Acme Sanctioned".into()),
                        aml_match_type: Some("Sanctions".into()),
                        is_new: true,
                        ..AmlAlert::default()
                    }),
                    ..Change::default()
                },
            ),
            alert(3004, "ExpiredDocuments", Change::default()),
        ],
        ..CaseRecord::default()
    };
    acme.detail.is_case_aml_positive = Some(true);
    acme.aml.world_checks.push(aml_match());
    acme.step_details.insert(
        AML_STEP,
        StepDetails {
            case_step_id: AML_STEP,
            name: Some("AML: Acme Holdings".into()),
            step_type: Some("Aml".into()),
            aml_match: Some(aml_match()),
            ..StepDetails::default()
        },
    );
    acme.documents.documents.insert(
        "Company Identity Documents".into(),
        vec![DocumentRef {
            link: Some("http://example.invalid/v2/Documents/4001".into()),
            category: Some("Certificate".into()),
            name: Some("Certificate".into()),
            ..DocumentRef::default()
        }],
    );

    let sub = CaseRecord {
        kind: Some(CaseKind::Company),
        detail: company(ACME_SUB, "Acme Sub Ltd"),
        steps: vec![group(
            "Identity",
            vec![step(SUB_STEP, "Identity", "Identity")],
        )],
        // A cycle: the subsidiary holds a stake in its parent.
        holders: vec![
            Holding {
                role: "Shareholder".into(),
                parties: vec![Party::Case(ACME)],
                shares: Some(10.0),
                group: HoldingGroup::Shareholders,
                ..Holding::default()
            },
            Holding {
                role: "UltimateBeneficialOwner".into(),
                parties: vec![Party::Case(JANE)],
                shares: Some(90.0),
                group: HoldingGroup::Shareholders,
                ..Holding::default()
            },
        ],
        parent_case: Some(ACME),
        ..CaseRecord::default()
    };
    // Open: the tests write to Jane, and a closed case refuses writes (emulator_rules).
    let jane_common = common(JANE, "Open");
    let jane = CaseRecord {
        kind: Some(CaseKind::Individual),
        detail: CaseDetails {
            common: jane_common,
            individual: Some(IndividualInfo {
                first_name: Some("Jane".into()),
                last_name: Some("Doe".into()),
                country_code: Some("GB".into()),
                ..IndividualInfo::default()
            }),
            ..CaseDetails::default()
        },
        alerts: vec![alert(
            3101,
            "Aml",
            Change {
                change_id: 3,
                aml_alert: Some(AmlAlert {
                    name: Some("Jane Doe".into()),
                    aml_match_type: Some("PEP".into()),
                    is_new: false,
                    ..AmlAlert::default()
                }),
                ..Change::default()
            },
        )],
        ..CaseRecord::default()
    };
    s.cases.insert(ACME, acme);
    s.cases.insert(ACME_SUB, sub);
    s.cases.insert(JANE, jane);
    s
}

struct Emu {
    running: Running,
    http: reqwest::Client,
    token: String,
}

impl Emu {
    async fn start() -> Emu {
        Self::with(Config {
            search_time_scale: 0.0,
            ..Config::default()
        })
        .await
    }

    async fn with(config: Config) -> Emu {
        let running = spawn_with_store(config, store()).await.unwrap();
        let http = client();
        let mut emu = Emu {
            running,
            http,
            token: String::new(),
        };
        emu.token = emu.fetch_token().await;
        emu
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base_url())
    }

    async fn fetch_token(&self) -> String {
        let r = self
            .http
            .post(self.url("/connect/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "demo"),
                ("client_secret", "demo"),
                ("audience", "PublicApi"),
                ("scope", "PublicApi"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let t: Value = r.json().await.unwrap();
        t["access_token"].as_str().unwrap().to_owned()
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .bearer_auth(&self.token)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        send(self.req(reqwest::Method::GET, path)).await
    }

    async fn json(&self, method: &str, path: &str, body: Value) -> (StatusCode, Value) {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        send(self.req(m, path).json(&body)).await
    }

    async fn delete(&self, path: &str) -> StatusCode {
        self.req(reqwest::Method::DELETE, path)
            .send()
            .await
            .unwrap()
            .status()
    }

    async fn audit(&self, kind: &str, id: Id) -> Vec<AuditEntry> {
        let (s, v) = self.get(&format!("/v2/{kind}/{id}/audittrail")).await;
        assert_eq!(s, StatusCode::OK);
        serde_json::from_value(v).unwrap()
    }
}

/// A client for plain HTTP (the crate builds reqwest without a default TLS provider).
fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

async fn send(rb: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let r = rb.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    let v = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    };
    (status, v)
}

/// The guide's error body, naming the problem.
fn assert_error(status: StatusCode, v: &Value, expected: StatusCode, needle: &str) {
    assert_eq!(status, expected, "{v}");
    assert_eq!(v["statusCode"], json!(expected.as_u16()), "{v}");
    let description = v["apiErrors"][0]["description"].as_str().unwrap();
    assert!(
        description.contains(needle),
        "{description:?} should contain {needle:?}"
    );
    let stamp = v["apiErrors"][0]["timeStamp"].as_str().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%d/%m/%Y %H:%M:%S").is_ok(),
        "{stamp}"
    );
    assert!(v["message"].is_string());
}

#[tokio::test]
async fn token_by_form_and_basic_and_rejections() {
    let emu = Emu::start().await;
    // Basic client authentication, ISO-8859-1.
    let r = emu
        .http
        .post(emu.url("/connect/token"))
        .basic_auth("demo", Some("demo"))
        .form(&[("grant_type", "client_credentials"), ("scope", "PublicApi")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let t: TokenResponse = r.json().await.unwrap();
    assert_eq!(t.token_type, "Bearer");
    assert_eq!(t.expires_in, 600);
    assert_eq!(t.scope, "PublicApi");
    assert!(!t.access_token.is_empty());

    let (s, v) = send(emu.http.post(emu.url("/connect/token")).form(&[
        ("grant_type", "client_credentials"),
        ("client_id", "demo"),
        ("client_secret", "wrong"),
    ]))
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["statusCode"], 401);
    assert!(v["message"].is_string());

    // No token, unknown token.
    let (s, v) = send(emu.http.get(emu.url("/v2/Companies"))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["statusCode"], 401);
    let (s, _) = send(
        emu.http
            .get(emu.url("/v2/Companies"))
            .bearer_auth("nonsense"),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn latin1_basic_credentials() {
    use base64::Engine;
    let running = spawn_with_store(
        Config {
            client_id: "zoë".into(),
            client_secret: "pässword".into(),
            ..Config::default()
        },
        Store::default(),
    )
    .await
    .unwrap();
    let latin1: Vec<u8> = "zoë:pässword".chars().map(|c| c as u8).collect();
    let header = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(latin1)
    );
    let (s, v) = send(
        client()
            .post(format!("{}/connect/token", running.base_url()))
            .header("authorization", header)
            .form(&[
                ("grant_type", "client_credentials"),
                ("audience", "PublicApi"),
            ]),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["access_token"].is_string());
}

#[tokio::test]
async fn expired_token_is_rejected() {
    let emu = Emu::with(Config {
        token_ttl: Duration::from_secs(1),
        ..Config::default()
    })
    .await;
    let (s, _) = emu.get("/v2/Version").await;
    assert_eq!(s, StatusCode::OK);
    emu.running.clock().advance(Duration::from_secs(1));
    let (s, v) = emu.get("/v2/Version").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(v["message"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn reference_users_and_assignment() {
    let emu = Emu::start().await;
    let (s, v) = emu.get("/v2/Jurisdictions").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["jurisdictions"]["jurisdiction"][0]["codeiso31662"], "GB");
    let (_, v) = emu.get("/v2/CompanyTypes").await;
    assert_eq!(v[0]["name"], "Private Limited Company");
    // A plain JSON string, as the vendor's client reads it [C].
    let (_, v) = emu.get("/v2/Version").await;
    assert!(v.as_str().is_some_and(|s| s.starts_with("2.")), "{v}");

    let (s, v) = emu
        .json(
            "POST",
            "/v2/User/list",
            json!({"pageNumber": 1, "pageSize": 10, "search": "BOB"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["userName"], "bob");

    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/AssignUser/{ACME}/assign/7"),
            json!(null),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["assignedUserId"], 7);
    assert_eq!(v["assignedUserName"], "alice");
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(
        v["caseDetail"]["details"]["common"]["assignedUserName"],
        "alice"
    );
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/AssignUser/{ACME}/assign/99"),
            json!(null),
        )
        .await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "User 99");
    let trail = emu.audit("Companies", ACME).await;
    assert_eq!(trail[0].action.as_deref(), Some("Case assigned"));
}

#[tokio::test]
async fn case_list_detail_and_lookup_errors() {
    let emu = Emu::start().await;
    let r = emu
        .req(
            reqwest::Method::GET,
            "/v2/Companies?pageNumber=2&pageSize=1",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["X-Total-Count"], "2");
    let page: Vec<CaseListItem> = r.json().await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].common.case_common_id, ACME_SUB);
    let (_, all) = emu.get("/v2/Companies").await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let (_, people) = emu.get("/v2/Individuals").await;
    assert_eq!(people[0]["individual"]["firstName"], "Jane");

    let (s, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(s, StatusCode::OK);
    let env: CaseDetailEnvelope = serde_json::from_value(v).unwrap();
    assert_eq!(env.case_detail.details.name(), "Acme Holdings Ltd");

    let (s, v) = emu.get(&format!("/v2/Individuals/{ACME}")).await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "1001");
    let (s, v) = emu.get("/v2/Companies/424242").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "424242");
    let (s, v) = emu.get("/v2/Companies/abc").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "abc");
    let (s, v) = emu.get("/v2/Companies?pageNumber=x").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "pageNumber");
    let (s, v) = emu.get("/v2/Nowhere").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "/v2/Nowhere");
}

#[tokio::test]
async fn properties_identity_status_and_delete() {
    let emu = Emu::start().await;
    let path = format!("/v2/Companies/{ACME}/properties");
    let (s, v) = emu
        .json("POST", &path, json!([{"dataType": "LEI", "data": "5493001"}, {"dataType": "Registration Number", "data": "42"}]))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 2);
    let (_, v) = emu.get(&path).await;
    assert_eq!(v[0]["data"], "42");
    assert_eq!(v[1]["dataType"], "LEI");
    assert_eq!(
        emu.delete(&format!("{path}/LEI")).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        emu.delete(&format!("{path}/LEI")).await,
        StatusCode::NOT_FOUND
    );
    let (_, v) = emu.get(&path).await;
    assert_eq!(v.as_array().unwrap().len(), 1);

    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/Companies/{ACME}/identity"),
            json!({"entityName": "Acme Group plc", "city": "York"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v["caseDetail"]["details"]["company"]["entityName"],
        "Acme Group plc"
    );
    assert_eq!(v["caseDetail"]["details"]["caseAddress"]["city"], "York");
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/Individuals/{JANE}/identity"),
            json!({"lastName": "Roe"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["caseDetail"]["details"]["individual"]["lastName"], "Roe");
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/Companies/{ACME}/identity"),
            json!({"firstName": "X"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "firstName");

    let status = format!("/v2/Companies/{ACME}/status");
    // Closing with the status alone is what the vendor's client sends [C]: no decision is made up.
    let (s, v) = emu.json("PATCH", &status, json!({"status": "Close"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["caseDetail"]["details"]["common"]["status"], "Closed");
    assert!(v["caseDetail"]["details"]["common"]["caseDecision"].is_null());
    let (s, _) = emu.json("PATCH", &status, json!({"status": "Open"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = emu
        .json(
            "PATCH",
            &status,
            json!({"status": "Close", "caseDecision": "Accepted"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["caseDetail"]["details"]["common"]["status"], "Closed");
    assert_eq!(
        v["caseDetail"]["details"]["common"]["caseDecision"],
        "Accepted"
    );
    let (_, v) = emu.json("PATCH", &status, json!({"status": "Open"})).await;
    assert_eq!(v["caseDetail"]["details"]["common"]["status"], "Open");
    assert!(v["caseDetail"]["details"]["common"]["caseDecision"].is_null());

    let trail = emu.audit("Companies", ACME).await;
    let actions: Vec<_> = trail.iter().filter_map(|a| a.action.as_deref()).collect();
    assert_eq!(
        actions,
        [
            "Case status changed",
            "Case status changed",
            "Case status changed",
            "Case status changed",
            "Identity updated",
            "Property removed",
            "Properties updated"
        ]
    );
    for a in &trail {
        assert_eq!(a.user_name.as_deref(), Some("demo"));
        let ts = a.time_stamp.as_deref().unwrap();
        assert!(
            chrono::NaiveDateTime::parse_from_str(ts, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
            "{ts}"
        );
    }
    assert!(trail.windows(2).all(|w| w[0].audit_id > w[1].audit_id));

    assert_eq!(
        emu.delete(&format!("/v2/Individuals/{JANE}")).await,
        StatusCode::NO_CONTENT
    );
    let (s, _) = emu.get(&format!("/v2/Individuals/{JANE}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, v) = emu.get("/v2/Individuals").await;
    assert_eq!(v, json!([]));
}

#[tokio::test]
async fn malformed_bodies_are_guide_400s() {
    let emu = Emu::start().await;
    let path = format!("/v2/CaseStepNotes/{ACME}/{IDENTITY_STEP}");
    let (s, v) = send(
        emu.req(reqwest::Method::POST, &path)
            .header("content-type", "application/json")
            .body("{\"note\": "),
    )
    .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "Invalid request body");
    let (s, v) = emu.json("POST", &path, json!({"note": 5})).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid type");
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": ["x"], "codeiso31662": "GB"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "query");
    let (s, v) = emu
        .json("POST", "/v2/Companies", json!({"codeiso31662": "GB"}))
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "rawname");
    let (s, v) = send(emu.req(reqwest::Method::POST, &path).body("note=hi")).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "Content-Type");
}

#[tokio::test]
async fn steps_status_exclusion_and_activation() {
    let emu = Emu::start().await;
    let (s, v) = emu.get(&format!("/v2/CaseSteps/{ACME}")).await;
    assert_eq!(s, StatusCode::OK);
    let groups: Vec<StepGroup> = serde_json::from_value(v).unwrap();
    assert_eq!(groups.len(), 4);

    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/CaseSteps/{ACME}/status/{IDENTITY_STEP}"),
            json!({"status": "Passed", "isCollapsed": false}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["status"], "Passed");
    let (_, v) = emu.get(&format!("/v2/CaseSteps/{ACME}")).await;
    assert_eq!(v[0]["steps"][0]["status"], "Passed");
    let (_, v) = emu
        .get(&format!("/v2/CaseSteps/{ACME}/details/{IDENTITY_STEP}"))
        .await;
    assert_eq!(v["status"], "Passed");
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/CaseSteps/{ACME}/status/{IDENTITY_STEP}"),
            json!({"status": "Maybe"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "Maybe");
    // No status at all is refused too, never stored as a blank one.
    for body in [json!({"status": ""}), json!({"status": null}), json!({})] {
        let (s, v) = emu
            .json(
                "PATCH",
                &format!("/v2/CaseSteps/{ACME}/status/{IDENTITY_STEP}"),
                body,
            )
            .await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, "status");
    }
    let (s, v) = emu.get(&format!("/v2/CaseSteps/{ACME}/details/999")).await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "999");

    // AML exclusion (without a body, then the match is excluded and the case is clear).
    let (_, v) = emu
        .get(&format!("/v2/CaseSteps/{ACME}/details/{AML_STEP}"))
        .await;
    assert_eq!(v["amlMatch"]["isExcluded"], false);
    let (s, v) = send(emu.req(
        reqwest::Method::PATCH,
        &format!("/v2/CaseSteps/{ACME}/exclude/{AML_STEP}"),
    ))
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["amlMatch"]["isExcluded"], true);
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/amlchecks")).await;
    assert_eq!(v["worldChecks"][0]["isExcluded"], true);
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(v["caseDetail"]["details"]["isCaseAMLPositive"], false);
    assert_eq!(
        v["caseDetail"]["details"]["caseAmlSummary"]["worldCheckSummary"],
        "NoMatches"
    );
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/CaseSteps/{ACME}/exclude/{IDENTITY_STEP}"),
            json!({"reason": "x"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "not an AML step");

    let path = format!("/v2/Companies/{ACME}/activate/{OFFICER_STEP}");
    let (s, v) = emu.json("POST", &path, json!(null)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["isDeactivated"], false);
    let (s, v) = emu.json("POST", &path, json!(null)).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "not deactivated");

    let trail = emu.audit("Companies", ACME).await;
    assert_eq!(trail[0].action.as_deref(), Some("Step activated"));
    assert_eq!(trail[1].action.as_deref(), Some("AML match excluded"));
}

#[tokio::test]
async fn notes_add_list_delete() {
    let emu = Emu::start().await;
    let path = format!("/v2/CaseStepNotes/{ACME}/{IDENTITY_STEP}");
    let (s, v) = emu
        .json("POST", &path, json!({"note": "checked the register"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let note: StepNote = serde_json::from_value(v).unwrap();
    assert_eq!(note.created_by.as_deref(), Some("demo"));
    emu.json("POST", &path, json!({"note": "second"})).await;
    let (_, v) = emu.get(&path).await;
    assert_eq!(v[0]["note"], "checked the register");
    assert_eq!(v[1]["note"], "second");
    let (s, v) = emu.json("POST", &path, json!({"note": "   "})).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "empty");
    assert_eq!(
        emu.delete(&format!("{path}/{}", note.step_note_id)).await,
        StatusCode::NO_CONTENT
    );
    let (_, v) = emu.get(&path).await;
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(
        emu.delete(&format!("{path}/{}", note.step_note_id)).await,
        StatusCode::NOT_FOUND
    );
    let trail = emu.audit("Companies", ACME).await;
    assert_eq!(trail[0].action.as_deref(), Some("Note deleted"));
    assert_eq!(trail[0].step_name.as_deref(), Some("Identity"));
}

#[tokio::test]
async fn documents_upload_download_request_prevalidate() {
    let emu = Emu::start().await;
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/documents")).await;
    assert_eq!(v["caseCommonId"], ACME);
    let (_, v) = emu
        .get(&format!("/v2/Companies/{ACME}/documents/rules/mandatory"))
        .await;
    assert_eq!(v[0]["mandatoryDocument"], "Certificate");
    let (_, v) = emu
        .get(&format!("/v2/Individuals/{JANE}/documents/mandatory"))
        .await;
    assert_eq!(v, json!(["photoid", "selfie", "poa"]));

    for path in ["/v2/Documents/4001/document", "/v2/Documents/4001"] {
        let r = emu.req(reqwest::Method::GET, path).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("certificate.pdf")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), b"%PDF-1.4 certificate");
    }
    let (s, v) = emu.get("/v2/Documents/777").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "777");

    let form = reqwest::multipart::Form::new()
        .text("name", "Passport")
        .text("fileCat", "photoid")
        .text("caseCommonId", ACME.to_string())
        .text("isCompany", "true")
        .text("createNewStep", "true")
        .text("fileName", "passport.pdf")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 passport".to_vec())
                .file_name("passport.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let (s, v) = send(
        emu.req(
            reqwest::Method::POST,
            &format!("/v2/Companies/{ACME}/documents/upload"),
        )
        .multipart(form),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let up: UploadResult = serde_json::from_value(v).unwrap();
    let link = up.link.unwrap();
    let doc_id = document_id_from_link(&link).unwrap();
    let r = emu
        .req(
            reqwest::Method::GET,
            &format!("/v2/Documents/{doc_id}/document"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"%PDF-1.4 passport");
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/documents")).await;
    assert_eq!(
        v["documents"]["Uploaded Documents"][0]["link"],
        link.as_str()
    );
    let step_id = up.case_step_id.unwrap();
    let (_, v) = emu
        .get(&format!("/v2/CaseSteps/{ACME}/details/{step_id}"))
        .await;
    assert_eq!(v["type"], "Document");
    assert_eq!(v["documents"][0]["documentAvailable"], true);

    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/Companies/{ACME}/documents/upload"),
            json!({"name": "x"}),
        )
        .await;
    assert_error(s, &v, StatusCode::UNSUPPORTED_MEDIA_TYPE, "multipart");

    let req_path = format!("/v2/Individuals/{JANE}/documents/request");
    let (s, v) = emu
        .json(
            "POST",
            &req_path,
            json!({"caseCommonId": JANE, "documents": ["photoid"]}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "email");
    let (s, v) = emu
        .json("POST", &req_path, json!({"caseCommonId": JANE, "documents": ["photoid"], "email": "j@example.com", "allowEdit": true}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["accessCode"].as_str().unwrap().len() >= 6);

    let form = reqwest::multipart::Form::new()
        .text("fileCat", "photoid")
        .text("name", "Passport")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"\x89PNG\r\n\x1a\n".to_vec())
                .file_name("p.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let (s, v) = send(
        emu.req(
            reqwest::Method::POST,
            "/v2/Individuals/documents/prevalidate",
        )
        .multipart(form),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["isValid"], true);

    let trail = emu.audit("Individuals", JANE).await;
    assert_eq!(trail[0].action.as_deref(), Some("Documents requested"));
    let trail = emu.audit("Companies", ACME).await;
    assert_eq!(trail[0].action.as_deref(), Some("Document uploaded"));
}

#[tokio::test]
async fn search_create_and_building_cases() {
    let emu = Emu::with(Config {
        search_time_scale: 0.0,
        // New cases stay building until the test moves the clock.
        clock: Clock::frozen(),
        ..Config::default()
    })
    .await;
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "acme wid", "codeiso31662": "GB"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v["companySearch"]["results"][0]["registrationNumber"],
        "01234567"
    );
    let (_, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "01234567", "codeiso31662": "gb"}),
        )
        .await;
    assert_eq!(v["companySearch"]["results"].as_array().unwrap().len(), 1);

    let broad = "More than 200 records found in United Kingdom, please refine your search criteria";
    for q in ["in", "bulk"] {
        let (s, v) = emu
            .json(
                "POST",
                "/v2/Companies/search",
                json!({"query": q, "codeiso31662": "GB"}),
            )
            .await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, broad);
        assert_eq!(v["message"], broad);
    }
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "anything", "codeiso31662": "KY"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "not automated");
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "anything", "codeiso31662": "ZZ"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "Unknown jurisdiction");

    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies",
            json!({"rawname": "ACME WIDGETS LIMITED", "codeiso31662": "GB"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["caseDetail"]["details"]["common"]["statusId"], 50, "{v}");
    assert_eq!(v["caseDetail"]["details"]["common"]["complete"], 0, "{v}");
    let created: CreatedCase = serde_json::from_value(v).unwrap();
    let id = created.details.common.case_common_id;
    assert_eq!(created.details.common.build_state(), BuildState::Building);
    let (_, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "acme wid", "codeiso31662": "GB"}),
        )
        .await;
    assert_eq!(v["companySearch"]["results"][0]["caseCommonId"], id);

    // While building: no report, no steps yet, no step changes.
    let (s, v) = emu.get(&format!("/v2/Companies/{id}/report")).await;
    assert_error(s, &v, StatusCode::CONFLICT, "still being built");
    let (_, steps) = emu.get(&format!("/v2/CaseSteps/{id}")).await;
    assert_eq!(steps, json!([]));
    let step_id = id + 1;
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/CaseSteps/{id}/status/{step_id}"),
            json!({"status": "Passed"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "still being built");
    let (_, v) = emu.get(&format!("/v2/Companies/{id}/amlchecks")).await;
    assert_eq!(v, json!({"worldChecks": [], "lexisNexisChecks": []}));

    emu.running.clock().advance(BUILD_TIME);
    let r = emu
        .req(reqwest::Method::GET, &format!("/v2/Companies/{id}/report"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));
    let (_, v) = emu.get(&format!("/v2/Companies/{id}")).await;
    assert_eq!(v["caseDetail"]["details"]["common"]["statusId"], 3);

    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies",
            json!({"rawname": "Nobody Ltd", "codeiso31662": "GB"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "No registry entry");
    let (s, v) = emu
        .json("POST", "/v2/Companies", json!({"rawname": "Island Co", "codeiso31662": "KY", "companyType": "Exempted Company", "isRegistered": false}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v["caseDetail"]["details"]["company"]["type"],
        "Exempted Company"
    );

    let (s, v) = emu
        .json("POST", "/v2/Companies/import", json!({"entityName": "Imported Ltd", "codeiso31662": "GI", "companyType": "Ltd", "properties": [{"dataType": "Registration Number", "data": "GI-1"}]}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let imported = v["details"]["common"]["caseCommonId"].as_i64().unwrap();
    let (_, v) = emu
        .get(&format!("/v2/Companies/{imported}/properties"))
        .await;
    assert_eq!(
        v,
        json!([{"dataType": "Registration Number", "data": "GI-1"}])
    );

    for path in ["/v2/Individuals", "/v2/Individuals/import"] {
        let (s, v) = emu
            .json("POST", path, json!({"firstName": "Sam", "lastName": "Lee", "birthDate": "1980-02-03", "countryCodeiso31662": "GB", "nationalityCodeiso31662": "GI", "addressLine1": "3 Lane", "city": "Bath", "properties": []}))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        // A create answers in the case-detail form [C], an import bare.
        let details = if path.ends_with("import") {
            &v["details"]
        } else {
            &v["caseDetail"]["details"]
        };
        assert_eq!(details["individual"]["lastName"], "Lee");
        assert_eq!(details["caseAddress"]["address"], "3 Lane, Bath");
    }
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Individuals",
            json!({"firstName": "Sam", "lastName": "Lee", "birthDate": "yesterday"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "birthDate");
    // Newest first: built (the clock moved past the build), created.
    let trail = emu.audit("Companies", id).await;
    let actions: Vec<_> = trail.iter().filter_map(|a| a.action.as_deref()).collect();
    assert_eq!(actions, ["Case built", "Case created"]);

    // Deleting the case frees the registry entity again.
    assert_eq!(
        emu.delete(&format!("/v2/Companies/{id}")).await,
        StatusCode::NO_CONTENT
    );
    let (_, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "acme wid", "codeiso31662": "GB"}),
        )
        .await;
    assert!(v["companySearch"]["results"][0]["caseCommonId"].is_null());
}

#[tokio::test]
async fn report_of_a_ready_case() {
    let emu = Emu::start().await;
    let r = emu
        .req(
            reqwest::Method::GET,
            &format!("/v2/Individuals/{JANE}/report"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".pdf")
    );
}

#[tokio::test]
async fn live_monitoring_list_details_and_actions() {
    let emu = Emu::start().await;
    let (s, v) = emu.json("POST", "/v2/Companies/lm-cases", json!({})).await;
    assert_eq!(s, StatusCode::OK);
    let cases: LmCases = serde_json::from_value(v).unwrap();
    assert_eq!(cases.item_count, 1);
    let c = &cases.items[0];
    assert_eq!(c.case_common_id, ACME);
    assert_eq!(c.case_number.as_deref(), Some("CUST-1001"));
    assert_eq!(c.case_status.as_deref(), Some("Open"));
    assert_eq!(
        (
            c.review_alert_count,
            c.expired_documents_alert_count,
            c.manual_review_alert_count,
            c.aml_alert_count
        ),
        (1, 1, 1, 1)
    );
    for (filter, expected) in [
        (json!({"caseLevel": "Sub"}), 0),
        (json!({"caseLevel": "Root", "caseStatus": "Open"}), 1),
        (json!({"caseStatus": "Closed"}), 0),
        (json!({"alertType": "Aml", "amlAlertTypes": ["Updated"]}), 0),
        (json!({"alertType": "Aml", "amlAlertTypes": ["New"]}), 1),
        (json!({"assigneeId": 7}), 0),
        (json!({"caseType": "Individual"}), 0),
        (
            json!({"caseCommonId": ACME, "pageNumber": 1, "pageSize": 5}),
            1,
        ),
    ] {
        let (_, v) = emu
            .json("POST", "/v2/Companies/lm-cases", filter.clone())
            .await;
        assert_eq!(v["itemCount"], expected, "{filter}");
    }
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/lm-cases",
            json!({"alertType": "Sometimes"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "alertType");
    let (_, v) = emu
        .json(
            "POST",
            "/v2/Individuals/lm-cases",
            json!({"amlAlertTypes": ["Updated"], "caseStatus": "Open"}),
        )
        .await;
    assert_eq!(v["items"][0]["caseType"], "Individual");

    let (s, v) = emu.get(&format!("/v2/Companies/{ACME}/lm-alerts")).await;
    assert_eq!(s, StatusCode::OK);
    let alerts: LmAlerts = serde_json::from_value(v).unwrap();
    assert_eq!(alerts.alerts.len(), 4);
    let (_, v) = emu.get(&format!("/v2/Individuals/{JANE}/lm-alerts")).await;
    assert_eq!(v["caseStatus"], "Open");

    let action = format!("/v2/Companies/{ACME}/lm-alerts-action");
    let act =
        |alert: Id, action: &str| json!({"caseCommonId": ACME, "alertId": alert, "action": action});
    let (s, v) = emu.json("POST", &action, act(3002, "Exclude")).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "Exclude");
    assert!(v["message"].as_str().unwrap().contains("ManualReview"));
    let (s, v) = emu.json("POST", &action, act(3004, "Apply")).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "ExpiredDocuments");
    let (s, v) = emu.json("POST", &action, act(9999, "Apply")).await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "9999");
    let (s, v) = emu.json("POST", &action, act(3001, "Nope")).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "Nope");

    let (s, v) = emu.json("POST", &action, act(3001, "Apply")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["alertId"], 3001);
    assert_eq!(v["action"], "Apply");
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/properties")).await;
    assert_eq!(v[0]["data"], "99999999");
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(
        v["caseDetail"]["details"]["company"]["properties"]["Registration Number"],
        "99999999"
    );

    let (s, _) = emu.json("POST", &action, act(3004, "Dismiss")).await;
    assert_eq!(s, StatusCode::OK);

    // Manual review on a closed case reopens it.
    emu.json(
        "PATCH",
        &format!("/v2/Companies/{ACME}/status"),
        json!({"status": "Close", "caseDecision": "Denied"}),
    )
    .await;
    let (s, _) = emu.json("POST", &action, act(3002, "Apply")).await;
    assert_eq!(s, StatusCode::OK);
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(v["caseDetail"]["details"]["common"]["status"], "Open");

    // AML apply on a closed case adds the match and reopens.
    emu.json(
        "PATCH",
        &format!("/v2/Companies/{ACME}/status"),
        json!({"status": "Close", "caseDecision": "Accepted"}),
    )
    .await;
    let (s, _) = emu.json("POST", &action, act(3003, "Apply")).await;
    assert_eq!(s, StatusCode::OK);
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(v["caseDetail"]["details"]["common"]["status"], "Open");
    assert_eq!(v["caseDetail"]["details"]["isCaseAMLPositive"], true);
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/amlchecks")).await;
    assert!(
        v["worldChecks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "Acme Sanctioned")
    );

    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/lm-alerts")).await;
    assert_eq!(v["alerts"], json!([]));
    let (_, v) = emu.json("POST", "/v2/Companies/lm-cases", json!({})).await;
    assert_eq!(v["itemCount"], 0);

    let ind = format!("/v2/Individuals/{JANE}/lm-alerts-action");
    let (s, _) = emu
        .json(
            "POST",
            &ind,
            json!({"caseCommonId": JANE, "alertId": 3101, "action": "Dismiss"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    let trail = emu.audit("Companies", ACME).await;
    assert_eq!(trail[0].action.as_deref(), Some("Alert Apply"));
}

#[tokio::test]
async fn review_dates() {
    let emu = Emu::start().await;
    let path = format!("/v2/Companies/{ACME}/review-date");
    let (s, v) = emu
        .json("PUT", &path, json!({"reviewDate": "01/02/2030"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, json!({"reviewDate": "01/02/2030"}));
    let (_, v) = emu
        .json("PUT", &path, json!({"reviewDate": "1 year"}))
        .await;
    let expected = chrono::Utc::now()
        .date_naive()
        .checked_add_months(chrono::Months::new(12))
        .unwrap()
        .format("%d/%m/%Y")
        .to_string();
    assert_eq!(v["reviewDate"], expected.as_str());
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}")).await;
    assert_eq!(
        v["caseDetail"]["details"]["caseReviewDate"],
        expected.as_str()
    );
    assert_eq!(
        v["caseDetail"]["details"]["common"]["scheduledReviewDate"],
        expected.as_str()
    );
    let (_, v) = emu
        .json(
            "PUT",
            &format!("/v2/Individuals/{JANE}/review-date"),
            json!({"reviewDate": "Do not review"}),
        )
        .await;
    assert_eq!(v["reviewDate"], "Do not review");
    let (s, v) = emu
        .json("PUT", &path, json!({"reviewDate": "32/13/2030"}))
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "32/13/2030");
}

fn names(nodes: &[OrgNode]) -> Vec<String> {
    nodes.iter().filter_map(|n| n.name.clone()).collect()
}

#[tokio::test]
async fn org_chart_members_and_links() {
    let emu = Emu::start().await;
    // Jane, decided and closed, counts as KYCed.
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/Individuals/{JANE}/status"),
            json!({"status": "Close", "caseDecision": "Accepted"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = emu.get(&format!("/v2/Companies/{ACME}/org-chart")).await;
    assert_eq!(s, StatusCode::OK);
    let root: OrgNode = serde_json::from_value(v).unwrap();
    assert_eq!(root.name.as_deref(), Some("Acme Holdings Ltd"));
    assert_eq!(names(&root.officers), ["John Smith"]);
    let sub = &root.shareholders[0];
    assert_eq!(sub.case_common_id, Some(ACME_SUB));
    assert_eq!(sub.effective_percentage, Some(60.0));
    // The cycle back to the root is a leaf.
    let back = &sub.shareholders[0];
    assert_eq!(back.case_common_id, Some(ACME));
    assert!(back.shareholders.is_empty() && back.officers.is_empty());
    assert_eq!(back.effective_percentage, Some(6.0));
    let jane = &sub.shareholders[1];
    assert_eq!(jane.role.as_deref(), Some("UltimateBeneficialOwner"));
    assert_eq!(jane.effective_percentage, Some(54.0));
    let joint = &root.shareholders[1];
    assert_eq!(joint.role.as_deref(), Some("JointShareholder"));
    assert_eq!(
        names(&joint.joint_shareholder_members),
        ["Ann Joint", "Ben Joint"]
    );

    let (_, v) = emu.get(&format!("/v2/Companies/{ACME_SUB}/members")).await;
    let m: Members = serde_json::from_value(v).unwrap();
    assert_eq!(
        m.ultimate_beneficial_owners[0].member.first_name.as_deref(),
        Some("Jane")
    );
    assert!(m.ultimate_beneficial_owners[0].is_kyced);
    assert_eq!(
        m.shareholders_and_beneficial_owners[0]
            .member
            .case_common_id,
        Some(ACME)
    );
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/members")).await;
    let m: Members = serde_json::from_value(v).unwrap();
    assert_eq!(
        m.controlling_entities_and_individuals[0]
            .member
            .name
            .as_deref(),
        Some("John Smith")
    );
    assert_eq!(m.shareholders_and_beneficial_owners.len(), 3);

    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/Companies/{ACME}/link/{JANE}"),
            json!({"relation": "Director"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let step: Step = serde_json::from_value(v).unwrap();
    assert_eq!(step.linked_case_common_id, Some(JANE));
    let (_, v) = emu.get(&format!("/v2/CaseSteps/{ACME}")).await;
    assert_eq!(v[4]["group"], "Linked cases");
    let (_, v) = emu
        .get(&format!(
            "/v2/CaseSteps/{ACME}/details/{}",
            step.case_step_id
        ))
        .await;
    assert_eq!(v["linkedCase"]["relation"], "Director");
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/org-chart")).await;
    assert_eq!(v["officers"][1]["caseCommonId"], JANE);
    let (_, v) = emu.get(&format!("/v2/Companies/{ACME}/members")).await;
    assert_eq!(
        v["controllingEntitiesAndIndividuals"][1]["member"]["lastName"],
        "Doe"
    );

    let jane_link = format!("/v2/Individuals/{JANE}/link/{ACME_SUB}");
    let link_jane = || emu.json("POST", &jane_link, json!({"relation": "AssociatedCompany"}));
    // Closed, Jane's case takes no link until it is reopened.
    let (s, v) = link_jane().await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "closed");
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/Individuals/{JANE}/status"),
            json!({"status": "Open"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = link_jane().await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/Companies/{ACME}/link/{ACME}"),
            json!({"relation": "Director"}),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "itself");
    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/Companies/{ACME}/link/5555"),
            json!({"relation": "Director"}),
        )
        .await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "5555");
    let (s, v) = emu.get(&format!("/v2/Companies/{JANE}/org-chart")).await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "1003");
    let trail = emu.audit("Companies", ACME).await;
    assert_eq!(trail[0].action.as_deref(), Some("Case linked"));
}

#[tokio::test]
async fn running_server_stops_on_shutdown() {
    let emu = Emu::start().await;
    let url = emu.url("/v2/Version");
    emu.running.shutdown().await.unwrap();
    assert!(client().get(url).send().await.is_err());
}

/// A small OpenAPI 3.0 schema check, strict on objects: a field the document does not declare is
/// an error, so the document and the shapes the emulator sends cannot drift apart.
fn conforms(doc: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return conforms(doc, &doc["components"]["schemas"][name], v, at);
    }
    if v.is_null() {
        let empty = schema
            .as_object()
            .is_some_and(|o| o.keys().all(|k| k == "nullable"));
        return if schema["nullable"] == true || empty {
            Ok(())
        } else {
            Err(format!("{at}: null where {schema} is not nullable"))
        };
    }
    if let Some(all) = schema["allOf"].as_array() {
        return all.iter().try_for_each(|s| conforms(doc, s, v, at));
    }
    let ok = match schema["type"].as_str() {
        None => true,
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        Some("array") => {
            let items = v.as_array().ok_or(format!("{at}: not an array"))?;
            for (i, item) in items.iter().enumerate() {
                conforms(doc, &schema["items"], item, &format!("{at}[{i}]"))?;
            }
            true
        }
        Some("object") => {
            let o = v.as_object().ok_or(format!("{at}: not an object"))?;
            for req in schema["required"].as_array().into_iter().flatten() {
                let k = req.as_str().unwrap();
                if !o.contains_key(k) {
                    return Err(format!("{at}: missing {k}"));
                }
            }
            for (k, fv) in o {
                let path = format!("{at}.{k}");
                match (&schema["properties"][k], &schema["additionalProperties"]) {
                    (Value::Null, Value::Null) => {
                        return Err(format!("{path}: not in the document"));
                    }
                    (Value::Null, Value::Bool(true)) => {}
                    (Value::Null, extra) => conforms(doc, extra, fv, &path)?,
                    (prop, _) => conforms(doc, prop, fv, &path)?,
                }
            }
            true
        }
        Some(other) => return Err(format!("{at}: unknown type {other}")),
    };
    if !ok {
        return Err(format!("{at}: {v} is not a {}", schema["type"]));
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(v)
    {
        return Err(format!("{at}: {v} not in {allowed:?}"));
    }
    Ok(())
}

impl Emu {
    /// Sends a request and checks the answer against the document's schema for that status.
    async fn check(
        &self,
        doc: &Value,
        method: &str,
        template: &str,
        path: &str,
        body: Option<Value>,
    ) {
        let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let mut rb = self.req(m, path);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let (status, v) = send(rb).await;
        let op = &doc["paths"][template][method];
        let declared = &op["responses"][status.as_str()];
        assert!(
            declared.is_object(),
            "{method} {path}: undeclared status {status}: {v}"
        );
        let schema = &declared["content"]["application/json"]["schema"];
        if !schema.is_null() {
            conforms(doc, schema, &v, &format!("{method} {path}"))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[tokio::test]
async fn answers_match_the_openapi_document() {
    let emu = Emu::start().await;
    let doc: Value = serde_json::from_str(kyc_console::emulator::OPENAPI).unwrap();
    // Populate notes, a link, a created case and an applied alert first.
    emu.json(
        "POST",
        &format!("/v2/CaseStepNotes/{ACME}/{AML_STEP}"),
        json!({"note": "n"}),
    )
    .await;
    emu.json(
        "POST",
        &format!("/v2/Companies/{ACME}/link/{JANE}"),
        json!({"relation": "Director", "shares": 5}),
    )
    .await;
    emu.json(
        "POST",
        &format!("/v2/Companies/{ACME}/lm-alerts-action"),
        json!({"caseCommonId": ACME, "alertId": 3003, "action": "Apply"}),
    )
    .await;

    let gets = [
        ("/v2/Jurisdictions", "/v2/Jurisdictions".to_owned()),
        ("/v2/CompanyTypes", "/v2/CompanyTypes".into()),
        ("/v2/Version", "/v2/Version".into()),
        ("/v2/Companies", "/v2/Companies".into()),
        ("/v2/Individuals", "/v2/Individuals".into()),
        ("/v2/Companies/{id}", format!("/v2/Companies/{ACME}")),
        ("/v2/Individuals/{id}", format!("/v2/Individuals/{JANE}")),
        (
            "/v2/Companies/{id}/properties",
            format!("/v2/Companies/{ACME}/properties"),
        ),
        (
            "/v2/Companies/{id}/amlchecks",
            format!("/v2/Companies/{ACME}/amlchecks"),
        ),
        (
            "/v2/Companies/{id}/audittrail",
            format!("/v2/Companies/{ACME}/audittrail"),
        ),
        (
            "/v2/Companies/{id}/org-chart",
            format!("/v2/Companies/{ACME}/org-chart"),
        ),
        (
            "/v2/Companies/{id}/members",
            format!("/v2/Companies/{ACME}/members"),
        ),
        (
            "/v2/Companies/{id}/members",
            format!("/v2/Companies/{ACME_SUB}/members"),
        ),
        (
            "/v2/Companies/{id}/documents",
            format!("/v2/Companies/{ACME}/documents"),
        ),
        (
            "/v2/Companies/{id}/documents/rules/mandatory",
            format!("/v2/Companies/{ACME}/documents/rules/mandatory"),
        ),
        (
            "/v2/Individuals/{id}/documents/mandatory",
            format!("/v2/Individuals/{JANE}/documents/mandatory"),
        ),
        (
            "/v2/Companies/{id}/lm-alerts",
            format!("/v2/Companies/{ACME}/lm-alerts"),
        ),
        (
            "/v2/Individuals/{id}/lm-alerts",
            format!("/v2/Individuals/{JANE}/lm-alerts"),
        ),
        ("/v2/CaseSteps/{id}", format!("/v2/CaseSteps/{ACME}")),
        (
            "/v2/CaseSteps/{id}/details/{stepId}",
            format!("/v2/CaseSteps/{ACME}/details/{AML_STEP}"),
        ),
        (
            "/v2/CaseSteps/{id}/details/{stepId}",
            format!("/v2/CaseSteps/{ACME}/details/{IDENTITY_STEP}"),
        ),
        (
            "/v2/CaseStepNotes/{id}/{stepId}",
            format!("/v2/CaseStepNotes/{ACME}/{AML_STEP}"),
        ),
        ("/v2/Companies/{id}", "/v2/Companies/999".into()),
        ("/v2/Companies/{id}", "/v2/Companies/x".into()),
    ];
    for (template, path) in gets {
        emu.check(&doc, "get", template, &path, None).await;
    }
    let (_, steps) = emu.get(&format!("/v2/CaseSteps/{ACME}")).await;
    let linked = steps[4]["steps"][0]["caseStepId"].as_i64().unwrap();
    emu.check(
        &doc,
        "get",
        "/v2/CaseSteps/{id}/details/{stepId}",
        &format!("/v2/CaseSteps/{ACME}/details/{linked}"),
        None,
    )
    .await;

    let posts = [
        (
            "post",
            "/v2/Companies/lm-cases",
            "/v2/Companies/lm-cases".to_owned(),
            json!({}),
        ),
        (
            "post",
            "/v2/Individuals/lm-cases",
            "/v2/Individuals/lm-cases".into(),
            json!({}),
        ),
        (
            "post",
            "/v2/Companies/search",
            "/v2/Companies/search".into(),
            json!({"query": "acme", "codeiso31662": "GB"}),
        ),
        (
            "post",
            "/v2/Companies/search",
            "/v2/Companies/search".into(),
            json!({"query": "a", "codeiso31662": "GB"}),
        ),
        (
            "post",
            "/v2/Companies",
            "/v2/Companies".into(),
            json!({"rawname": "ACME WIDGETS LIMITED", "codeiso31662": "GB"}),
        ),
        (
            "post",
            "/v2/Individuals",
            "/v2/Individuals".into(),
            json!({"firstName": "A", "lastName": "B"}),
        ),
        (
            "post",
            "/v2/User/list",
            "/v2/User/list".into(),
            json!({"pageNumber": 1, "pageSize": 5}),
        ),
        (
            "put",
            "/v2/AssignUser/{id}/assign/{userId}",
            format!("/v2/AssignUser/{ACME}/assign/8"),
            json!(null),
        ),
        (
            "put",
            "/v2/Companies/{id}/review-date",
            format!("/v2/Companies/{ACME}/review-date"),
            json!({"reviewDate": "6 months"}),
        ),
        (
            "patch",
            "/v2/CaseSteps/{id}/status/{stepId}",
            format!("/v2/CaseSteps/{ACME}/status/{DOC_STEP}"),
            json!({"status": "Failed"}),
        ),
        (
            "patch",
            "/v2/Companies/{id}/status",
            format!("/v2/Companies/{ACME}/status"),
            json!({"status": "Close", "caseDecision": "Denied"}),
        ),
        (
            "post",
            "/v2/Companies/{id}/lm-alerts-action",
            format!("/v2/Companies/{ACME}/lm-alerts-action"),
            json!({"caseCommonId": ACME, "alertId": 3001, "action": "Exclude"}),
        ),
    ];
    for (method, template, path, body) in posts {
        emu.check(&doc, method, template, &path, Some(body)).await;
    }
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let clock = Clock::frozen();
    let running = spawn_with_store(
        Config {
            latency: Duration::from_millis(300),
            clock: clock.clone(),
            ..Config::default()
        },
        store(),
    )
    .await
    .unwrap();
    // No token: even a refusal waits out the latency.
    let request = client().get(format!("{}/v2/Version", running.base_url()));
    let answer = tokio::spawn(async move { request.send().await.map(|r| r.status()) });
    crate::common::eventually("the request waits out the latency", || {
        clock.sleepers() == 1
    })
    .await;
    assert!(
        !answer.is_finished(),
        "no answer before the latency has passed"
    );
    clock.advance(Duration::from_millis(300));
    assert_eq!(answer.await.unwrap().unwrap(), StatusCode::UNAUTHORIZED);
}

fn depth(node: &OrgNode) -> usize {
    1 + node
        .shareholders
        .iter()
        .chain(&node.officers)
        .chain(&node.others)
        .chain(&node.joint_shareholder_members)
        .map(depth)
        .max()
        .unwrap_or(0)
}

#[tokio::test]
async fn org_chart_depth_is_capped_and_self_holdings_terminate() {
    // A chain of 40 companies, each wholly owned by the next; the last owns itself.
    let mut s = Store::default();
    for i in 0..40 {
        let id = 5000 + i;
        let holder = if i == 39 { id } else { id + 1 };
        s.cases.insert(
            id,
            CaseRecord {
                kind: Some(CaseKind::Company),
                detail: company(id, &format!("Link {i}")),
                holders: vec![Holding {
                    role: "Shareholder".into(),
                    parties: vec![Party::Case(holder)],
                    shares: Some(100.0),
                    ..Holding::default()
                }],
                ..CaseRecord::default()
            },
        );
    }
    let running = spawn_with_store(Config::default(), s).await.unwrap();
    let emu = Emu {
        http: client(),
        token: String::new(),
        running,
    };
    let emu = Emu {
        token: emu.fetch_token().await,
        ..emu
    };
    let (s, v) = emu.get("/v2/Companies/5000/org-chart").await;
    assert_eq!(s, StatusCode::OK);
    let root: OrgNode = serde_json::from_value(v).unwrap();
    assert_eq!(depth(&root), 33);
    let (_, v) = emu.get("/v2/Companies/5039/org-chart").await;
    let own: OrgNode = serde_json::from_value(v).unwrap();
    assert_eq!(depth(&own), 2);
    assert_eq!(own.shareholders[0].case_common_id, Some(5039));
}
