//! The emulator keeps identities and refuses what the guide refuses (issue 17 items 1, 3 and 4):
//! one test per rule, each against the demo dataset over HTTP, each refusal checked for the
//! guide's 400 body naming the field.

use kyc_console::emulator::{Config, Running, spawn};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Emu {
    running: Running,
    http: reqwest::Client,
    token: String,
}

impl Emu {
    async fn demo() -> Emu {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let running = spawn(Config {
            search_time_scale: 0.0,
            ..Config::default()
        })
        .await
        .unwrap();
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
