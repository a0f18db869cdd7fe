//! The emulator keeps identities and refuses what the guide refuses (issue 17 items 1, 3 and 4):
//! one test per rule, each against the demo dataset over HTTP, each refusal checked for the
//! guide's 400 body naming the field.

use kyc_console::emulator::{BUILD_TIME, Clock, Config, Running, spawn};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Emu {
    running: Running,
    http: reqwest::Client,
    token: String,
}

impl Emu {
    async fn demo() -> Emu {
        Emu::with(Config {
            search_time_scale: 0.0,
            ..Config::default()
        })
        .await
    }

    /// The demo on a clock that stands still: a created case builds until the test moves it.
    async fn frozen() -> Emu {
        Emu::with(Config {
            search_time_scale: 0.0,
            clock: Clock::frozen(),
            ..Config::default()
        })
        .await
    }

    async fn with(config: Config) -> Emu {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let running = spawn(config).await.unwrap();
        let http = reqwest::Client::new();
        let r = http
            .post(format!("{}/connect/token", running.base_url()))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "demo"),
                ("client_secret", "demo"),
                ("audience", "PublicApi"),
            ])
            .send()
            .await
            .unwrap();
        let t: Value = r.json().await.unwrap();
        let token = t["access_token"].as_str().unwrap().to_owned();
        Emu {
            running,
            http,
            token,
        }
    }

    fn req(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        self.http
            .request(m, format!("{}{path}", self.running.base_url()))
            .bearer_auth(&self.token)
    }

    async fn get(&self, path: &str) -> Value {
        let (s, v) = send(self.req("GET", path)).await;
        assert_eq!(s, StatusCode::OK, "GET {path}: {v}");
        v
    }

    async fn json(&self, method: &str, path: &str, body: Value) -> (StatusCode, Value) {
        send(self.req(method, path).json(&body)).await
    }

    /// The id of the demo case with this name (companies, then individuals).
    async fn case(&self, name: &str) -> (&'static str, i64) {
        for kind in ["Companies", "Individuals"] {
            let list = self.get(&format!("/v2/{kind}")).await;
            for c in list.as_array().unwrap() {
                let n = c["company"]["entityName"]
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| {
                        let i = &c["individual"];
                        Some(format!(
                            "{} {}",
                            i["firstName"].as_str()?,
                            i["lastName"].as_str()?
                        ))
                    });
                if n.as_deref() == Some(name) {
                    return (kind, c["common"]["caseCommonId"].as_i64().unwrap());
                }
            }
        }
        panic!("no demo case {name}")
    }

    /// All of a case's matches, World-Check then LexisNexis.
    async fn matches(&self, kind: &str, id: i64) -> Vec<Value> {
        let v = self.get(&format!("/v2/{kind}/{id}/amlchecks")).await;
        ["worldChecks", "lexisNexisChecks"]
            .iter()
            .flat_map(|k| v[k].as_array().cloned().unwrap_or_default())
            .collect()
    }

    /// The first alert of a type on a case.
    async fn alert(&self, kind: &str, id: i64, alert_type: &str) -> Value {
        let v = self.get(&format!("/v2/{kind}/{id}/lm-alerts")).await;
        v["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["alertType"] == alert_type)
            .cloned()
            .unwrap_or_else(|| panic!("case {id} has no {alert_type} alert: {v}"))
    }

    async fn act(&self, kind: &str, id: i64, alert: &Value, action: &str) -> (StatusCode, Value) {
        self.json(
            "POST",
            &format!("/v2/{kind}/{id}/lm-alerts-action"),
            json!({"caseCommonId": id, "alertId": alert["alertId"], "action": action}),
        )
        .await
    }
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

/// A 400 in the guide's body whose description names `field`.
#[track_caller]
fn assert_refused(status: StatusCode, v: &Value, field: &str) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["statusCode"], 400, "{v}");
    let description = v["apiErrors"][0]["description"].as_str().unwrap_or("");
    assert!(
        description.contains(field),
        "{description:?} should name {field:?}"
    );
    assert_eq!(v["message"].as_str(), Some(description), "{v}");
}

fn by_id<'a>(ms: &'a [Value], id: &Value) -> Option<&'a Value> {
    ms.iter().find(|m| &m["matchId"] == id)
}

/// Item 1: applying Kyrenia's new-sanctions-match alert adds a match of its own; the CySEC
/// enforcement match (same company name) is still there, unchanged.
#[tokio::test]
async fn a_new_match_alert_adds_a_match_and_overwrites_none() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Kyrenia Maritime Holdings Ltd").await;
    let before = emu.matches(kind, id).await;
    let enforcement = before
        .iter()
        .find(|m| m["category"] == "Enforcement")
        .cloned()
        .expect("Kyrenia's enforcement match");
    let alert = emu.alert(kind, id, "Aml").await;
    assert_eq!(alert["changes"][0]["amlAlert"]["isNew"], true);

    let (s, v) = emu.act(kind, id, &alert, "Apply").await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let after = emu.matches(kind, id).await;
    assert_eq!(after.len(), before.len() + 1, "{after:#?}");
    assert_eq!(
        by_id(&after, &enforcement["matchId"]),
        Some(&enforcement),
        "the enforcement match is unchanged"
    );
    let new: Vec<&Value> = after
        .iter()
        .filter(|m| !before.iter().any(|b| b["matchId"] == m["matchId"]))
        .collect();
    assert_eq!(new.len(), 1, "{after:#?}");
    assert_eq!(new[0]["category"], "Sanctions");
    assert!(new[0]["matchId"].as_str().is_some_and(|s| !s.is_empty()));
    // Its own step, whose details show it.
    let step = new[0]["caseStepId"].as_i64().unwrap();
    assert_ne!(step, enforcement["caseStepId"].as_i64().unwrap());
    let d = emu.get(&format!("/v2/CaseSteps/{id}/details/{step}")).await;
    assert_eq!(d["amlMatch"]["matchId"], new[0]["matchId"]);
}

/// Item 1: an updated-match alert names its match by `matchId` and updates exactly that one.
#[tokio::test]
async fn an_updated_match_alert_updates_exactly_the_match_it_names() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Ivan Sokolov").await;
    let before = emu.matches(kind, id).await;
    assert!(
        before.len() >= 2,
        "Sokolov has several matches: {before:#?}"
    );
    let alert = emu.alert(kind, id, "Aml").await;
    let report = &alert["changes"][0]["amlAlert"];
    assert_eq!(report["isNew"], false);
    let named = report["matchId"].clone();
    assert!(
        by_id(&before, &named).is_some(),
        "the alert names a match: {alert}"
    );

    let (s, v) = emu.act(kind, id, &alert, "Apply").await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let after = emu.matches(kind, id).await;
    assert_eq!(after.len(), before.len(), "no match added");
    for m in &before {
        let now = by_id(&after, &m["matchId"]).expect("every match keeps its id");
        if m["matchId"] == named {
            assert_eq!(now["updatedOn"], report["updatedOn"]);
            assert_eq!(now["name"], m["name"]);
        } else {
            assert_eq!(now, m, "a match the alert does not name is untouched");
        }
    }
}

impl Emu {
    /// The first step of a case.
    async fn first_step(&self, id: i64) -> i64 {
        let v = self.get(&format!("/v2/CaseSteps/{id}")).await;
        v[0]["steps"][0]["caseStepId"].as_i64().unwrap()
    }

    async fn multipart(&self, path: &str, form: reqwest::multipart::Form) -> (StatusCode, Value) {
        send(self.req("POST", path).multipart(form)).await
    }
}

fn file(bytes: &[u8], name: &str, mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name(name.to_owned())
        .mime_str(mime)
        .unwrap()
}

/// Item 4: a step status is written as NotReviewed, Passed or Failed and nothing else: not the
/// system's own `SystemUpdated`, not empty, not null, not the guide's or a client's spelling.
#[tokio::test]
async fn a_step_status_is_one_of_the_three_words() {
    let emu = Emu::demo().await;
    let (_, id) = emu.case("Northbridge Capital Holdings Limited").await;
    let step = emu.first_step(id).await;
    let path = format!("/v2/CaseSteps/{id}/status/{step}");
    for bad in [
        json!({"status": "SystemUpdated"}),
        json!({"status": ""}),
        json!({"status": null}),
        json!({"status": "pass"}),
        json!({"status": "PASSED"}),
        json!({}),
    ] {
        let (s, v) = emu.json("PATCH", &path, bad.clone()).await;
        assert_refused(s, &v, "status");
    }
    let (s, v) = emu.json("PATCH", &path, json!({"status": "Passed"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "Passed");
}

/// Item 4: a property's dataType and data are strings.
#[tokio::test]
async fn a_property_is_two_strings() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Northbridge Capital Holdings Limited").await;
    let path = format!("/v2/{kind}/{id}/properties");
    let (s, v) = emu
        .json("POST", &path, json!([{"dataType": 42, "data": true}]))
        .await;
    assert_refused(s, &v, "dataType");
    let (s, v) = emu
        .json("POST", &path, json!([{"dataType": "LEI", "data": true}]))
        .await;
    assert_refused(s, &v, "data");
    let (s, v) = emu
        .json("POST", &path, json!([{"dataType": " ", "data": "x"}]))
        .await;
    assert_refused(s, &v, "dataType");
    let (s, v) = emu
        .json(
            "POST",
            &path,
            json!([{"dataType": "LEI", "data": "5493001KJTIIGC8Y1R12"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Item 4: identity fields follow their rules; nationalities are ISO 3166 countries (a Russian
/// national can be created, "XX" cannot).
#[tokio::test]
async fn identity_fields_follow_their_rules() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Northbridge Capital Holdings Limited").await;
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/{kind}/{id}/identity"),
            json!({"entityName": ""}),
        )
        .await;
    assert_refused(s, &v, "entityName");
    let (kind, id) = emu.case("James Whitfield").await;
    let path = format!("/v2/{kind}/{id}/identity");
    for (body, field) in [
        (json!({"birthDate": "not-a-date"}), "birthDate"),
        (
            json!({"nationalityCodeiso31662": "XX"}),
            "nationalityCodeiso31662",
        ),
        (json!({"countryCodeiso31662": "XX"}), "countryCodeiso31662"),
        (json!({"firstName": "  "}), "firstName"),
    ] {
        let (s, v) = emu.json("PUT", &path, body).await;
        assert_refused(s, &v, field);
    }
    let (s, v) = emu
        .json("PUT", &path, json!({"nationalityCodeiso31662": "RU"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let person = |nationality: &str| {
        json!({"firstName": "Pavel", "lastName": "Orlov", "birthDate": "1971-02-03",
               "nationalityCodeiso31662": nationality, "countryCodeiso31662": "CY"})
    };
    let (s, v) = emu.json("POST", "/v2/Individuals", person("XX")).await;
    assert_refused(s, &v, "nationalityCodeiso31662");
    let (s, v) = emu.json("POST", "/v2/Individuals", person("RU")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let mut born = person("RU");
    born["birthDate"] = json!("not-a-date");
    let (s, v) = emu.json("POST", "/v2/Individuals", born).await;
    assert_refused(s, &v, "birthDate");
}

/// Item 4: a link's relation is one of the guide's types of association.
#[tokio::test]
async fn a_link_relation_is_one_of_the_guides() {
    let emu = Emu::demo().await;
    let (_, parent) = emu.case("Northbridge Capital Holdings Limited").await;
    let (_, child) = emu.case("James Whitfield").await;
    let path = format!("/v2/Companies/{parent}/link/{child}");
    let (s, v) = emu
        .json("POST", &path, json!({"relation": "Best Friend"}))
        .await;
    assert_refused(s, &v, "relation");
    let (s, v) = emu
        .json(
            "POST",
            &path,
            json!({"relation": "Shareholder", "percentage": 140}),
        )
        .await;
    assert_refused(s, &v, "percentage");
    let (s, v) = emu
        .json("POST", &path, json!({"relation": "Director"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Item 4: a company type is one of `GET /v2/CompanyTypes` for the jurisdiction.
#[tokio::test]
async fn a_company_type_is_one_of_the_list() {
    let emu = Emu::demo().await;
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies",
            json!({"rawname": "Fruit Co", "codeiso31662": "GB", "isRegistered": false,
                   "companyType": "Banana Republic"}),
        )
        .await;
    assert_refused(s, &v, "companyType");
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/import",
            json!({"entityName": "Fruit Co", "codeiso31662": "GB",
                   "companyType": "Banana Republic", "properties": []}),
        )
        .await;
    assert_refused(s, &v, "companyType");
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/import",
            json!({"entityName": "Fruit Co", "codeiso31662": "GB",
                   "companyType": "Private Limited Company", "properties": []}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Item 4: a document request goes to an e-mail address.
#[tokio::test]
async fn a_document_request_needs_a_real_email_address() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("James Whitfield").await;
    let path = format!("/v2/{kind}/{id}/documents/request");
    let body = |email: &str| json!({"caseCommonId": id, "documents": ["poa"], "email": email});
    let (s, v) = emu.json("POST", &path, body("not-an-email")).await;
    assert_refused(s, &v, "email");
    let (s, v) = emu.json("POST", &path, body("james@example.com")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Item 4: an upload is a document (PDF, JPEG, PNG), and pre-validation refuses bytes that
/// are no document whatever their name says.
#[tokio::test]
async fn uploads_and_prevalidation_take_documents_only() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("James Whitfield").await;
    let upload = format!("/v2/{kind}/{id}/documents/upload");
    let form = || {
        reqwest::multipart::Form::new()
            .text("fileCat", "photoid")
            .text("name", "Passport")
    };
    let (s, v) = emu
        .multipart(
            &upload,
            form().part(
                "file",
                file(b"MZ\x90\0", "setup.exe", "application/octet-stream"),
            ),
        )
        .await;
    assert_refused(s, &v, "fileName");
    let (s, v) = emu
        .multipart(
            &upload,
            form().part(
                "file",
                file(b"%PDF-1.4\n%%EOF\n", "passport.pdf", "application/pdf"),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let check = "/v2/Individuals/documents/prevalidate";
    let (s, v) = emu
        .multipart(
            check,
            form().part(
                "file",
                file(b"not a scan", "passport.pdf", "application/pdf"),
            ),
        )
        .await;
    assert_refused(s, &v, "file");
    let (s, v) = emu
        .multipart(
            check,
            form().part(
                "file",
                file(b"%PDF-1.4\n%%EOF\n", "passport.pdf", "application/pdf"),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["isValid"], true, "{v}");
    let (s, v) = emu
        .multipart(
            check,
            form().part(
                "file",
                file(b"%PDF-1.4\n", "passport-expired.pdf", "application/pdf"),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["isValid"], false, "{v}");
}

/// Item 3: a closed case refuses changes until it is reopened; reading, notes and review dates
/// (live monitoring is for closed cases) go on; reopening is allowed.
#[tokio::test]
async fn a_closed_case_takes_no_change_until_reopened() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Al Noor Trading FZE").await;
    let detail = emu.get(&format!("/v2/{kind}/{id}")).await;
    assert_eq!(
        detail["caseDetail"]["details"]["common"]["status"],
        "Closed"
    );
    let step = emu.first_step(id).await;
    for (method, path, body) in [
        (
            "PATCH",
            format!("/v2/CaseSteps/{id}/status/{step}"),
            json!({"status": "Passed"}),
        ),
        (
            "POST",
            format!("/v2/{kind}/{id}/properties"),
            json!([{"dataType": "LEI", "data": "x"}]),
        ),
        (
            "PUT",
            format!("/v2/{kind}/{id}/identity"),
            json!({"entityName": "Renamed FZE"}),
        ),
        (
            "POST",
            format!("/v2/{kind}/{id}/documents/request"),
            json!({"caseCommonId": id, "documents": ["x"], "email": "a@b.co"}),
        ),
    ] {
        let (s, v) = emu.json(method, &path, body).await;
        assert_refused(s, &v, "status");
        let text = v["message"].as_str().unwrap_or("");
        assert!(text.contains("closed"), "{method} {path}: {text}");
    }
    let (s, v) = send(emu.req("DELETE", &format!("/v2/{kind}/{id}"))).await;
    assert_refused(s, &v, "status");
    // Reading, a note and a review date go on.
    emu.get(&format!("/v2/CaseSteps/{id}/details/{step}")).await;
    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/CaseStepNotes/{id}/{step}"),
            json!({"note": "seen after closing"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/{kind}/{id}/review-date"),
            json!({"reviewDate": "1 year"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Reopened, it takes the change.
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/{kind}/{id}/status"),
            json!({"status": "Open"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/CaseSteps/{id}/status/{step}"),
            json!({"status": "Passed"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Item 3: closing a closed case is refused; the decision it was closed with stands.
#[tokio::test]
async fn closing_a_closed_case_again_is_refused() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Gulf Horizon General Trading LLC").await;
    let path = format!("/v2/{kind}/{id}/status");
    let (s, v) = emu
        .json(
            "PATCH",
            &path,
            json!({"status": "Close", "caseDecision": "Denied"}),
        )
        .await;
    assert_refused(s, &v, "status");
    let detail = emu.get(&format!("/v2/{kind}/{id}")).await;
    let common = &detail["caseDetail"]["details"]["common"];
    assert_eq!(common["status"], "Closed");
    assert_eq!(common["caseDecision"], "Accepted");
}

/// Item 3: an inactive user cannot be assigned a case.
#[tokio::test]
async fn an_inactive_user_cannot_be_assigned() {
    let emu = Emu::demo().await;
    let (_, id) = emu.case("Northbridge Capital Holdings Limited").await;
    let users = emu
        .json(
            "POST",
            "/v2/User/list",
            json!({"pageNumber": 1, "pageSize": 100}),
        )
        .await
        .1;
    let inactive = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["isActive"] == false)
        .expect("the demo has an inactive user")["userId"]
        .as_i64()
        .unwrap();
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/AssignUser/{id}/assign/{inactive}"),
            json!({}),
        )
        .await;
    assert_refused(s, &v, "userId");
}

/// Item 3 (guide 3.8.3): applying an AML alert to a closed case adds the match, removes the
/// alert and opens the case.
#[tokio::test]
async fn applying_an_aml_alert_to_a_closed_case_opens_it() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Ayesha Khan").await;
    let before = emu.matches(kind, id).await;
    let alert = emu.alert(kind, id, "Aml").await;
    let (s, v) = emu.act(kind, id, &alert, "Apply").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(emu.matches(kind, id).await.len(), before.len() + 1);
    let detail = emu.get(&format!("/v2/{kind}/{id}")).await;
    assert_eq!(detail["caseDetail"]["details"]["common"]["status"], "Open");
    let alerts = emu.get(&format!("/v2/{kind}/{id}/lm-alerts")).await;
    assert!(
        alerts["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["alertId"] != alert["alertId"])
    );
}

/// Item 3 (guide 3.8.3): an AML alert is dismissed on a live case only; on a closed case the
/// dismissal is refused and the alert stays.
#[tokio::test]
async fn an_aml_alert_is_dismissed_on_a_live_case_only() {
    let emu = Emu::demo().await;
    let (kind, id) = emu.case("Ayesha Khan").await;
    let alert = emu.alert(kind, id, "Aml").await;
    let (s, v) = emu.act(kind, id, &alert, "Dismiss").await;
    assert_refused(s, &v, "action");
    assert_eq!(
        emu.alert(kind, id, "Aml").await["alertId"],
        alert["alertId"]
    );
    let (kind, id) = emu.case("Kyrenia Maritime Holdings Ltd").await;
    let alert = emu.alert(kind, id, "Aml").await;
    let (s, v) = emu.act(kind, id, &alert, "Dismiss").await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Creates a company from its registry record, as the vendor's client does; its id.
async fn create_from_registry(emu: &Emu, name: &str, code: &str) -> i64 {
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": name, "codeiso31662": code}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let hit = v["companySearch"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} in {code}: {v}"));
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies",
            json!({"rawname": hit["rawname"], "codeiso31662": code,
                   "externalCode": hit["externalCode"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["caseDetail"]["details"]["common"]["caseCommonId"]
        .as_i64()
        .unwrap()
}

/// Item 3: a case created from a registry hit is, once built, like the demo's: officers,
/// individual and corporate shareholders, a beneficial owner, screening, the jurisdiction's
/// documents and slots, `complete` and a reference in the demo's form. While it builds, its
/// documents (like its report) answer 409 and it has no parties yet.
#[tokio::test]
async fn a_case_created_from_the_registry_is_built_like_the_demos() {
    let emu = Emu::frozen().await;
    let id = create_from_registry(&emu, "Blackfriars Ship Finance PLC", "GB").await;
    let company = format!("/v2/Companies/{id}");
    for path in ["documents", "report"] {
        let (s, v) = send(emu.req("GET", &format!("{company}/{path}"))).await;
        assert_eq!(s, StatusCode::CONFLICT, "{path}: {v}");
    }
    let chart = emu.get(&format!("{company}/org-chart")).await;
    assert!(chart["officers"].as_array().is_none_or(Vec::is_empty));

    emu.running.clock().advance(BUILD_TIME);
    let d = emu.get(&company).await;
    let common = &d["caseDetail"]["details"]["common"];
    assert_eq!(common["statusId"], 3);
    assert_eq!(common["complete"], 100);
    let reference = common["caseCustomerId"].as_str().unwrap();
    assert!(
        reference.starts_with("KYC-2026-") && reference.len() == "KYC-2026-000000".len(),
        "{reference}"
    );
    assert_eq!(
        d["caseDetail"]["details"]["company"]["properties"]["Company Status"], "Liquidation",
        "the registry's word"
    );

    let chart = emu.get(&format!("{company}/org-chart")).await;
    let officers = chart["officers"].as_array().unwrap();
    assert!(officers.len() >= 2, "{chart}");
    let holders = chart["shareholders"].as_array().unwrap();
    assert!(
        holders.iter().any(|h| h["nationalityId"].is_string()),
        "an individual shareholder: {chart}"
    );
    assert!(
        holders.iter().any(|h| h["jurisdictionId"].is_string()),
        "a corporate shareholder: {chart}"
    );
    let members = emu.get(&format!("{company}/members")).await;
    assert!(
        !members["ultimateBeneficialOwners"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{members}"
    );

    // The finance company's director is on the screening's watchlist: a match, by name.
    let matches = emu.matches("Companies", id).await;
    assert_eq!(matches.len(), 1, "{matches:?}");
    let director = matches[0]["name"].as_str().unwrap();
    assert!(
        officers.iter().any(|o| o["name"] == director),
        "{director} is an officer: {chart}"
    );
    assert_eq!(d["caseDetail"]["details"]["isCaseAMLPositive"], true, "{d}");

    // The jurisdiction's documents, from the registry, and its mandatory slots.
    let docs = emu.get(&format!("{company}/documents")).await;
    let listed: Vec<&str> = docs["documents"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|g| g.as_array().unwrap())
        .filter_map(|doc| doc["name"].as_str())
        .collect();
    let mandatory = emu
        .get(&format!("{company}/documents/rules/mandatory"))
        .await;
    for m in mandatory.as_array().unwrap() {
        let want = m["mandatoryDocument"].as_str().unwrap();
        assert!(
            listed.iter().any(|l| l.starts_with(want)),
            "{want} in {listed:?}"
        );
    }
    let trail = emu.get(&format!("{company}/audittrail")).await;
    assert_eq!(trail[0]["action"], "Case built");
}

/// Item 3 (guide 3.2d): an imported company is screened only.
#[tokio::test]
async fn an_imported_company_is_aml_only() {
    let emu = Emu::demo().await;
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/import",
            json!({"entityName": "Harbour Imports Ltd", "codeiso31662": "GB",
                   "companyType": "Private Limited Company", "properties": []}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["details"]["common"]["caseProcessingType"], "AmlOnly");
    assert_eq!(v["details"]["common"]["isAMLCase"], true);
}

/// Item 3: a person created through the API gets the individual document slots, never a
/// company's.
#[tokio::test]
async fn an_individual_created_through_the_api_gets_individual_slots() {
    let emu = Emu::frozen().await;
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Individuals",
            json!({"firstName": "Mei", "lastName": "Tan", "birthDate": "1984-05-06",
                   "nationalityCodeiso31662": "CN", "countryCodeiso31662": "GB",
                   "addressLine1": "1 Quay", "city": "Hull", "properties": []}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = v["caseDetail"]["details"]["common"]["caseCommonId"]
        .as_i64()
        .unwrap();
    emu.running.clock().advance(BUILD_TIME);
    let mandatory = emu
        .get(&format!("/v2/Individuals/{id}/documents/mandatory"))
        .await;
    assert_eq!(mandatory, json!(["photoid", "selfie", "poa"]));
    let steps = emu.get(&format!("/v2/CaseSteps/{id}")).await;
    let mut categories = Vec::new();
    for g in steps.as_array().unwrap() {
        for step in g["steps"].as_array().unwrap() {
            let d = emu
                .get(&format!(
                    "/v2/CaseSteps/{id}/details/{}",
                    step["caseStepId"]
                ))
                .await;
            for doc in d["documents"].as_array().into_iter().flatten() {
                categories.push(doc["category"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
    assert_eq!(categories, ["photoid", "selfie", "poa"]);
}

/// Item 3: a query under three characters is refused only when it really matches more than
/// 200 records; a two-character name finds its one company.
#[tokio::test]
async fn a_short_query_is_refused_only_when_it_matches_too_much() {
    let emu = Emu::demo().await;
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "Q2", "codeiso31662": "GB"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(
        v["companySearch"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "Q2"),
        "{v}"
    );
    let (s, v) = emu
        .json(
            "POST",
            "/v2/Companies/search",
            json!({"query": "in", "codeiso31662": "GB"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().starts_with("More than 200"));
}

/// Item 3: the slowest registries (NL, US-NY) scan their whole name index for a name they do
/// not hold and take longer than the gateway waits: 504 with no body. A name they hold and a
/// registration number (a lookup) are answered.
#[tokio::test]
async fn a_name_search_in_the_slowest_registry_meets_the_gateways_504() {
    let emu = Emu::demo().await;
    let r = emu
        .req("POST", "/v2/Companies/search")
        .json(&json!({"query": "Rotterdam", "codeiso31662": "NL"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::GATEWAY_TIMEOUT);
    assert!(r.bytes().await.unwrap().is_empty(), "no body");
    for query in ["34129876", "Zuidas"] {
        let (s, v) = emu
            .json(
                "POST",
                "/v2/Companies/search",
                json!({"query": query, "codeiso31662": "NL"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{query}: {v}");
        assert_eq!(
            v["companySearch"]["results"][0]["name"],
            "Zuidas Vastgoed B.V."
        );
    }
}
