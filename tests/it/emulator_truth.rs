//! The emulator tells one consistent truth (issue 17 items 2 and 5, and the linking rule of
//! item 3): a fact changed through the API reaches every view that shows it, a deleted case is
//! referenced nowhere, the report is the case as it is now, and the members and
//! `allUbosIdentified` summaries say what the ownership graph says. One test per finding, each
//! over HTTP against the demo dataset, then a property test that runs random sequences of
//! changes and checks after each that every view agrees.

use kyc_console::emulator::{Config, Running, spawn};
use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Demo cases the findings are about.
const NORTHBRIDGE: i64 = 1000003001;
const ALDERMOOR: i64 = 1000003002;
const KYRENIA: i64 = 1000003003;
const AL_NOOR: i64 = 1000003004;
/// Wholly owned by one named person (Dupré, who has a case; Femke Dijkstra, who has none).
const DUPRE: i64 = 1000003014;
const DIJKSTRA: i64 = 1000003020;

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
        let t: Value = http
            .post(format!("{}/connect/token", running.base_url()))
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

    async fn send(&self, rb: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let r = rb.send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        let v = serde_json::from_str(&text).unwrap_or(Value::Null);
        (status, v)
    }

    /// A GET that must answer 200.
    async fn get(&self, path: &str) -> Value {
        let (s, v) = self.send(self.req("GET", path)).await;
        assert_eq!(s, StatusCode::OK, "GET {path}: {v}");
        v
    }

    async fn status_of(&self, path: &str) -> StatusCode {
        self.send(self.req("GET", path)).await.0
    }

    async fn json(&self, method: &str, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.req(method, path).json(&body)).await
    }

    async fn call(&self, method: &str, path: &str) -> (StatusCode, Value) {
        self.send(self.req(method, path)).await
    }

    async fn detail(&self, kind: &str, id: i64) -> Value {
        self.get(&format!("/v2/{kind}/{id}")).await["caseDetail"]["details"].clone()
    }

    async fn report(&self, kind: &str, id: i64) -> String {
        let r = self
            .req("GET", &format!("/v2/{kind}/{id}/report"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        String::from_utf8_lossy(&r.bytes().await.unwrap()).into_owned()
    }

    async fn steps(&self, id: i64) -> Vec<Value> {
        self.get(&format!("/v2/CaseSteps/{id}"))
            .await
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["steps"].as_array().cloned().unwrap_or_default())
            .collect()
    }

    async fn step_of_type(&self, id: i64, ty: &str) -> Value {
        let step = self
            .steps(id)
            .await
            .into_iter()
            .find(|s| s["type"] == ty)
            .unwrap_or_else(|| panic!("case {id} has no {ty} step"));
        self.get(&format!(
            "/v2/CaseSteps/{id}/details/{}",
            step["caseStepId"]
        ))
        .await
    }

    async fn audit_len(&self, kind: &str, id: i64) -> usize {
        self.get(&format!("/v2/{kind}/{id}/audittrail"))
            .await
            .as_array()
            .map_or(0, Vec::len)
    }
}

/// The value of a labelled field of a step's details.
fn field<'a>(details: &'a Value, label: &str) -> Option<&'a str> {
    details["fields"]
        .as_array()?
        .iter()
        .find(|f| f["label"] == label)?["value"]
        .as_str()
}

/// A detail's subject name.
fn name_of(detail: &Value) -> String {
    if let Some(n) = detail["company"]["entityName"].as_str() {
        return n.to_owned();
    }
    let i = &detail["individual"];
    [i["firstName"].as_str(), i["lastName"].as_str()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `caseCommonId` anywhere in a JSON answer.
fn case_ids(v: &Value, out: &mut Vec<i64>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if (k == "caseCommonId" || k == "linkedCaseCommonId")
                    && let Some(id) = x.as_i64()
                {
                    out.push(id);
                }
                case_ids(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| case_ids(x, out)),
        _ => {}
    }
}

/// The members' entries in all four groups.
fn member_entries(m: &Value) -> Vec<Value> {
    [
        "shareholdersAndBeneficialOwners",
        "ultimateBeneficialOwners",
        "personsWithSignificantControl",
        "controllingEntitiesAndIndividuals",
    ]
    .iter()
    .flat_map(|g| m[g].as_array().cloned().unwrap_or_default())
    .collect()
}

/// A member's name as the members answer gives it.
fn member_name(e: &Value) -> String {
    let m = &e["member"];
    if let Some(n) = m["entityName"].as_str().or(m["name"].as_str()) {
        return n.to_owned();
    }
    [m["firstName"].as_str(), m["lastName"].as_str()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn properties_added_and_removed_reach_the_detail_the_list_and_the_report() {
    let emu = Emu::demo().await;
    let path = format!("/v2/Companies/{KYRENIA}/properties");
    let (s, v) = emu
        .json(
            "POST",
            &path,
            json!([{"dataType": "LEI", "data": "213800QILIUD4ROSUO03"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let d = emu.detail("Companies", KYRENIA).await;
    assert_eq!(d["company"]["properties"]["LEI"], "213800QILIUD4ROSUO03");
    let list = emu.get("/v2/Companies").await;
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["common"]["caseCommonId"] == KYRENIA)
        .unwrap();
    assert_eq!(item["company"]["properties"]["LEI"], "213800QILIUD4ROSUO03");
    assert!(
        emu.report("Companies", KYRENIA)
            .await
            .contains("LEI: 213800QILIUD4ROSUO03")
    );

    let (s, _) = emu.call("DELETE", &format!("{path}/LEI")).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let d = emu.detail("Companies", KYRENIA).await;
    assert!(d["company"]["properties"].get("LEI").is_none(), "{d}");
    // The seeded ones are still there, in the detail as in the list of properties.
    let props = emu.get(&path).await;
    for p in props.as_array().unwrap() {
        let key = p["dataType"].as_str().unwrap();
        assert_eq!(d["company"]["properties"][key], p["data"], "{key}");
    }
    assert!(!emu.report("Companies", KYRENIA).await.contains("LEI:"));
}

#[tokio::test]
async fn an_identity_update_reaches_steps_address_documents_and_the_parent() {
    let emu = Emu::demo().await;
    // An individual who holds part of Kyrenia jointly, and has a case of its own.
    let members = emu.get(&format!("/v2/Companies/{KYRENIA}/members")).await;
    let holder = member_entries(&members)
        .into_iter()
        .find(|e| e["memberType"] == "Individual" && e["member"]["caseCommonId"].is_i64())
        .expect("an individual holder with a case");
    let person = holder["member"]["caseCommonId"].as_i64().unwrap();
    let d = emu.detail("Individuals", person).await;
    if d["common"]["status"] == "Closed" {
        let (s, v) = emu
            .json(
                "PATCH",
                &format!("/v2/Individuals/{person}/status"),
                json!({"status": "Open"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let (s, v) = emu
        .json(
            "PUT",
            &format!("/v2/Individuals/{person}/identity"),
            json!({"firstName": "Anna", "lastName": "Renamed", "city": "Paphos",
                   "addressLine1": "1 New Street", "countryCodeiso31662": "CY"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let d = emu.detail("Individuals", person).await;
    assert_eq!(name_of(&d), "Anna Renamed");

    let identity = emu.step_of_type(person, "Identity").await;
    assert_eq!(field(&identity, "First name"), Some("Anna"));
    assert_eq!(field(&identity, "Last name"), Some("Renamed"));
    let address = emu.step_of_type(person, "Address").await;
    assert_eq!(field(&address, "City"), Some("Paphos"));
    assert_eq!(field(&address, "Address line 1"), Some("1 New Street"));

    let a = &d["caseAddress"];
    let full = a["address"].as_str().unwrap();
    assert!(
        full.starts_with("1 New Street") && full.contains("Paphos"),
        "{a}"
    );
    assert_eq!(a["rawAddress"].as_str(), Some(full.to_uppercase().as_str()));

    let docs = emu
        .get(&format!("/v2/Individuals/{person}/documents"))
        .await;
    assert_eq!(docs["name"], "Anna Renamed");

    let members = emu.get(&format!("/v2/Companies/{KYRENIA}/members")).await;
    assert!(
        member_entries(&members)
            .iter()
            .any(|e| e["member"]["caseCommonId"] == person && member_name(e) == "Anna Renamed"),
        "{members}"
    );
    let chart = emu.get(&format!("/v2/Companies/{KYRENIA}/org-chart")).await;
    assert!(chart.to_string().contains("Anna Renamed"), "{chart}");
    for step in emu.steps(KYRENIA).await {
        if step["linkedCaseCommonId"] == person {
            assert_eq!(step["name"], "Anna Renamed");
            let d = emu
                .get(&format!(
                    "/v2/CaseSteps/{KYRENIA}/details/{}",
                    step["caseStepId"]
                ))
                .await;
            if step["type"] == "LinkedCase" {
                assert_eq!(d["linkedCase"]["name"], "Anna Renamed");
            }
        }
    }
}

#[tokio::test]
async fn a_deleted_sub_case_leaves_its_parents_views() {
    let emu = Emu::demo().await;
    // Kyrenia wholly owns Aldermoor, which holds 60 % of Northbridge.
    let before = emu.steps(ALDERMOOR).await;
    let linked: Vec<&Value> = before
        .iter()
        .filter(|s| s["linkedCaseCommonId"] == KYRENIA)
        .collect();
    assert!(!linked.is_empty());
    let step_id = linked[0]["caseStepId"].as_i64().unwrap();
    let (s, v) = emu
        .call("DELETE", &format!("/v2/Companies/{KYRENIA}"))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");

    for parent in [ALDERMOOR, NORTHBRIDGE] {
        let mut ids = Vec::new();
        case_ids(
            &emu.get(&format!("/v2/Companies/{parent}/org-chart")).await,
            &mut ids,
        );
        case_ids(
            &emu.get(&format!("/v2/Companies/{parent}/members")).await,
            &mut ids,
        );
        case_ids(&emu.get(&format!("/v2/CaseSteps/{parent}")).await, &mut ids);
        assert!(!ids.contains(&KYRENIA), "{parent} still points at Kyrenia");
    }
    let groups = emu.get(&format!("/v2/CaseSteps/{ALDERMOOR}")).await;
    for g in groups.as_array().unwrap() {
        assert_eq!(
            g["total"].as_u64(),
            g["steps"].as_array().map(|s| s.len() as u64)
        );
    }
    assert_eq!(
        emu.status_of(&format!("/v2/CaseSteps/{ALDERMOOR}/details/{step_id}"))
            .await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_report_is_the_case_as_it_is_now() {
    let emu = Emu::demo().await;
    let path = format!("/v2/Companies/{KYRENIA}/status");
    let status = |body: Value| emu.json("PATCH", &path, body);
    let report = emu.report("Companies", KYRENIA).await;
    assert!(report.contains("Status: Open"), "{report}");
    assert!(report.contains("Decision: none yet"));
    let (s, v) = status(json!({"status": "Close", "caseDecision": "Accepted"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let report = emu.report("Companies", KYRENIA).await;
    assert!(report.contains("Status: Closed"), "{report}");
    assert!(report.contains("Decision: Accepted"));

    let (s, v) = status(json!({"status": "Open"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let step = emu.steps(KYRENIA).await[0].clone();
    let (s, v) = emu
        .json(
            "PATCH",
            &format!("/v2/CaseSteps/{KYRENIA}/status/{}", step["caseStepId"]),
            json!({"status": "Failed"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let report = emu.report("Companies", KYRENIA).await;
    assert!(report.contains("Status: Open"), "{report}");
    assert!(report.contains("Decision: none yet"));
    let name = step["name"].as_str().unwrap();
    assert!(report.contains(&format!("[failed] {name}")), "{report}");
}

#[tokio::test]
async fn members_count_a_joint_holding_once() {
    let emu = Emu::demo().await;
    let m = emu.get(&format!("/v2/Companies/{KYRENIA}/members")).await;
    let holders = m["shareholdersAndBeneficialOwners"].as_array().unwrap();
    let total: f64 = holders.iter().filter_map(|e| e["shares"].as_f64()).sum();
    assert!(
        (total - 100.0).abs() < 1e-9,
        "Kyrenia's shares add up to {total}"
    );
    let pct: f64 = holders
        .iter()
        .filter_map(|e| e["percentage"].as_f64())
        .sum();
    assert!((pct - 100.0).abs() < 1e-9, "percentages add up to {pct}");
    // The chart still shows the block once, held jointly.
    let chart = emu.get(&format!("/v2/Companies/{KYRENIA}/org-chart")).await;
    let joint = chart["shareholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["role"] == "JointShareholder")
        .unwrap();
    assert_eq!(joint["shares"], 30.0);
}

#[tokio::test]
async fn all_ubos_identified_follows_the_ownership_graph() {
    let emu = Emu::demo().await;
    for id in [DUPRE, DIJKSTRA, KYRENIA, ALDERMOOR] {
        let d = emu.detail("Companies", id).await;
        assert_eq!(d["allUbosIdentified"], "Yes", "{id}");
    }
    // Kestrel's limited partners are a pension fund and a trust with no owners on record.
    let d = emu.detail("Companies", NORTHBRIDGE).await;
    assert_eq!(d["allUbosIdentified"], "No");

    // Derived when read: a company wholly owned by a person's case that is deleted is no
    // longer traced to anyone.
    let members = emu.get(&format!("/v2/Companies/{DUPRE}/members")).await;
    let owner = members["shareholdersAndBeneficialOwners"][0]["member"]["caseCommonId"]
        .as_i64()
        .unwrap();
    let (s, _) = emu
        .call("DELETE", &format!("/v2/Individuals/{owner}"))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let d = emu.detail("Companies", DUPRE).await;
    assert_eq!(d["allUbosIdentified"], "No");
}

/// Guide 4.4.3: "Separate steps are not created in an individual case when
/// Companies/Individuals are linked."
#[tokio::test]
async fn linking_on_an_individual_creates_no_step() {
    let emu = Emu::demo().await;
    let individuals = emu.get("/v2/Individuals").await;
    let open: Vec<i64> = individuals
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["common"]["status"] == "Open")
        .filter_map(|c| c["common"]["caseCommonId"].as_i64())
        .collect();
    let parent = open[0];
    let before = emu.steps(parent).await;
    let audit = emu.audit_len("Individuals", parent).await;
    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/Individuals/{parent}/link/{KYRENIA}"),
            json!({"relation": "AssociatedCompany"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["linkedCaseCommonId"], KYRENIA);
    assert_eq!(emu.steps(parent).await, before);
    assert_eq!(emu.audit_len("Individuals", parent).await, audit + 1);

    // A company still gets its linked-case step.
    let (s, v) = emu
        .json(
            "POST",
            &format!("/v2/Companies/{DUPRE}/link/{parent}"),
            json!({"relation": "Director"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(
        emu.steps(DUPRE)
            .await
            .iter()
            .any(|s| s["caseStepId"] == v["caseStepId"] && s["linkedCaseCommonId"] == parent)
    );
}

// ---------------------------------------------------------------------------------------------
// The property test: random changes, and after each every view agrees.

/// The demo cases the property test works on: a chain of holdings with individuals who hold
/// parts of them, and two small companies.
const POOL: [i64; 7] = [
    NORTHBRIDGE,
    ALDERMOOR,
    KYRENIA,
    AL_NOOR,
    DUPRE,
    DIJKSTRA,
    1000003024,
];

/// One change through the API; indices pick among the live cases and their steps.
#[derive(Debug, Clone)]
enum Change {
    SetProperty(usize, u8, u8),
    RemoveProperty(usize, u8),
    Identity(usize, u8),
    StepStatus(usize, usize, u8),
    AddNote(usize, usize),
    DeleteNote(usize, usize),
    Link(usize, usize, u8),
    Delete(usize),
    Close(usize, bool),
    Reopen(usize),
    Exclude(usize),
    Alert(usize, u8),
}

fn change() -> impl Strategy<Value = Change> {
    let i = 0..64usize;
    prop_oneof![
        (i.clone(), 0..3u8, 0..4u8).prop_map(|(c, k, v)| Change::SetProperty(c, k, v)),
        (i.clone(), 0..3u8).prop_map(|(c, k)| Change::RemoveProperty(c, k)),
        (i.clone(), 0..4u8).prop_map(|(c, v)| Change::Identity(c, v)),
        (i.clone(), i.clone(), 0..3u8).prop_map(|(c, s, v)| Change::StepStatus(c, s, v)),
        (i.clone(), i.clone()).prop_map(|(c, s)| Change::AddNote(c, s)),
        (i.clone(), i.clone()).prop_map(|(c, s)| Change::DeleteNote(c, s)),
        (i.clone(), i.clone(), 0..3u8).prop_map(|(p, c, r)| Change::Link(p, c, r)),
        i.clone().prop_map(Change::Delete),
        (i.clone(), any::<bool>()).prop_map(|(c, a)| Change::Close(c, a)),
        i.clone().prop_map(Change::Reopen),
        i.clone().prop_map(Change::Exclude),
        (i, 0..3u8).prop_map(|(c, a)| Change::Alert(c, a)),
    ]
}

/// The cases of the pool and every individual case holding part of them, found once.
async fn universe(emu: &Emu) -> Vec<i64> {
    let mut ids: Vec<i64> = POOL.to_vec();
    for id in POOL {
        let m = emu.get(&format!("/v2/Companies/{id}/members")).await;
        for e in member_entries(&m) {
            if let Some(c) = e["member"]["caseCommonId"].as_i64()
                && !ids.contains(&c)
            {
                ids.push(c);
            }
        }
    }
    ids
}

/// The live cases among `all`, with their kinds.
async fn live(emu: &Emu, all: &[i64]) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for &id in all {
        for kind in ["Companies", "Individuals"] {
            if emu.status_of(&format!("/v2/{kind}/{id}")).await == StatusCode::OK {
                out.push((kind, id));
            }
        }
    }
    out
}

/// Applies one change; returns the case whose audit trail must have grown, if it succeeded.
async fn apply(
    emu: &Emu,
    cases: &[(&'static str, i64)],
    c: &Change,
) -> Option<(&'static str, i64)> {
    let pick = |i: usize| cases[i % cases.len()];
    let ok = |s: StatusCode| s.is_success();
    let keys = ["LEI", "Website", "Registration Number"];
    match c {
        Change::SetProperty(i, k, v) => {
            let (kind, id) = pick(*i);
            let (s, _) = emu
                .json(
                    "POST",
                    &format!("/v2/{kind}/{id}/properties"),
                    json!([{"dataType": keys[*k as usize], "data": format!("value {v}")}]),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::RemoveProperty(i, k) => {
            let (kind, id) = pick(*i);
            let (s, _) = emu
                .call(
                    "DELETE",
                    &format!("/v2/{kind}/{id}/properties/{}", keys[*k as usize]),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::Identity(i, v) => {
            let (kind, id) = pick(*i);
            let body = if kind == "Companies" {
                json!({"entityName": format!("Renamed Holdings {v} Ltd"), "city": format!("Town {v}")})
            } else {
                json!({"firstName": format!("First{v}"), "lastName": format!("Last{v}"),
                       "postcode": format!("PC {v}")})
            };
            let (s, _) = emu
                .json("PUT", &format!("/v2/{kind}/{id}/identity"), body)
                .await;
            ok(s).then_some((kind, id))
        }
        Change::StepStatus(i, si, v) => {
            let (kind, id) = pick(*i);
            let steps = emu.steps(id).await;
            let step = steps.get(si % steps.len().max(1))?;
            let status = ["Passed", "Failed", "NotReviewed"][*v as usize];
            let (s, _) = emu
                .json(
                    "PATCH",
                    &format!("/v2/CaseSteps/{id}/status/{}", step["caseStepId"]),
                    json!({ "status": status }),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::AddNote(i, si) => {
            let (kind, id) = pick(*i);
            let steps = emu.steps(id).await;
            let step = steps.get(si % steps.len().max(1))?;
            let (s, _) = emu
                .json(
                    "POST",
                    &format!("/v2/CaseStepNotes/{id}/{}", step["caseStepId"]),
                    json!({"note": "checked in the property test"}),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::DeleteNote(i, si) => {
            let (kind, id) = pick(*i);
            let steps = emu.steps(id).await;
            let step = steps.get(si % steps.len().max(1))?;
            let notes = emu
                .get(&format!("/v2/CaseStepNotes/{id}/{}", step["caseStepId"]))
                .await;
            let note = notes.as_array()?.last()?.clone();
            let (s, _) = emu
                .call(
                    "DELETE",
                    &format!(
                        "/v2/CaseStepNotes/{id}/{}/{}",
                        step["caseStepId"], note["stepNoteId"]
                    ),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::Link(p, c, r) => {
            let (kind, parent) = pick(*p);
            let (_, child) = pick(*c);
            let relation = ["Shareholder", "Director", "AssociatedCompany"][*r as usize];
            let (s, _) = emu
                .json(
                    "POST",
                    &format!("/v2/{kind}/{parent}/link/{child}"),
                    json!({"relation": relation, "shares": 10.0}),
                )
                .await;
            ok(s).then_some((kind, parent))
        }
        Change::Delete(i) => {
            let (kind, id) = pick(*i);
            let (s, _) = emu.call("DELETE", &format!("/v2/{kind}/{id}")).await;
            assert!(
                !ok(s) || emu.status_of(&format!("/v2/{kind}/{id}")).await == StatusCode::NOT_FOUND
            );
            None
        }
        Change::Close(i, accepted) => {
            let (kind, id) = pick(*i);
            let decision = if *accepted { "Accepted" } else { "Denied" };
            let (s, _) = emu
                .json(
                    "PATCH",
                    &format!("/v2/{kind}/{id}/status"),
                    json!({"status": "Close", "caseDecision": decision}),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::Reopen(i) => {
            let (kind, id) = pick(*i);
            let (s, _) = emu
                .json(
                    "PATCH",
                    &format!("/v2/{kind}/{id}/status"),
                    json!({"status": "Open"}),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::Exclude(i) => {
            let (kind, id) = pick(*i);
            let step = emu
                .steps(id)
                .await
                .into_iter()
                .find(|s| s["type"] == "Aml")?;
            let (s, _) = emu
                .json(
                    "PATCH",
                    &format!("/v2/CaseSteps/{id}/exclude/{}", step["caseStepId"]),
                    json!({"reason": "Different date of birth"}),
                )
                .await;
            ok(s).then_some((kind, id))
        }
        Change::Alert(i, a) => {
            let (kind, id) = pick(*i);
            let alerts = emu.get(&format!("/v2/{kind}/{id}/lm-alerts")).await;
            let alert = alerts["alerts"].as_array()?.first()?.clone();
            let action = ["Apply", "Dismiss", "Exclude"][*a as usize];
            let (s, _) = emu
                .json(
                    "POST",
                    &format!("/v2/{kind}/{id}/lm-alerts-action"),
                    json!({"caseCommonId": id, "alertId": alert["alertId"], "action": action}),
                )
                .await;
            ok(s).then_some((kind, id))
        }
    }
}

/// Every view of every case of the universe agrees with the case's own details, and no view
/// points at a deleted case.
async fn check_views(emu: &Emu, all: &[i64]) {
    let cases = live(emu, all).await;
    let live_ids: Vec<i64> = cases.iter().map(|(_, id)| *id).collect();
    let deleted: Vec<i64> = all
        .iter()
        .copied()
        .filter(|id| !live_ids.contains(id))
        .collect();
    let mut names = BTreeMap::new();
    for &(kind, id) in &cases {
        names.insert(id, name_of(&emu.detail(kind, id).await));
    }
    let list = emu.get("/v2/Companies").await;
    for &(kind, id) in &cases {
        let d = emu.detail(kind, id).await;
        let name = &names[&id];
        let mut ids = Vec::new();

        // Properties: the detail's map is the property list.
        let props = emu.get(&format!("/v2/{kind}/{id}/properties")).await;
        if kind == "Companies" {
            let map = d["company"]["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            assert_eq!(map.len(), props.as_array().map_or(0, Vec::len), "{id}: {d}");
            for p in props.as_array().unwrap() {
                assert_eq!(map[p["dataType"].as_str().unwrap()], p["data"], "{id}");
            }
            let item = list
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["common"]["caseCommonId"] == id)
                .unwrap();
            assert_eq!(item["company"]["properties"], d["company"]["properties"]);
        }
        // Identity and address: steps and the composed address follow the details.
        let a = &d["caseAddress"];
        assert_eq!(
            a["rawAddress"].as_str().map(str::to_owned),
            a["address"].as_str().map(str::to_uppercase),
            "{id}"
        );
        let steps = emu.get(&format!("/v2/CaseSteps/{id}")).await;
        case_ids(&steps, &mut ids);
        for g in steps.as_array().unwrap() {
            assert_eq!(
                g["total"].as_u64(),
                g["steps"].as_array().map(|s| s.len() as u64)
            );
            for s in g["steps"].as_array().unwrap() {
                let sd = emu
                    .get(&format!("/v2/CaseSteps/{id}/details/{}", s["caseStepId"]))
                    .await;
                assert_eq!(sd["status"], s["status"], "{id}: {s}");
                assert_eq!(sd["name"], s["name"], "{id}: {s}");
                if s["type"] == "Identity" {
                    for label in ["Entity name", "Name"] {
                        if let Some(v) = field(&sd, label) {
                            assert_eq!(v, name, "{id}");
                        }
                    }
                    if let Some(v) = field(&sd, "First name") {
                        assert_eq!(Some(v), d["individual"]["firstName"].as_str());
                    }
                    if let Some(v) = field(&sd, "Last name") {
                        assert_eq!(Some(v), d["individual"]["lastName"].as_str());
                    }
                }
                if s["type"] == "Address"
                    && let Some(v) = field(&sd, "City")
                {
                    assert_eq!(Some(v), a["city"].as_str(), "{id}");
                }
                if let Some(linked) = s["linkedCaseCommonId"].as_i64()
                    && let Some(n) = names.get(&linked)
                {
                    assert_eq!(s["name"].as_str(), Some(n.as_str()), "{id}: {s}");
                }
            }
        }
        // A case still being built has no documents yet (409, as the contract says).
        let building = matches!(d["common"]["statusId"].as_i64(), Some(0 | 9 | 50..=57));
        let docs_path = format!("/v2/{kind}/{id}/documents");
        if building {
            assert_eq!(
                emu.status_of(&docs_path).await,
                StatusCode::CONFLICT,
                "{id}"
            );
        } else {
            let docs = emu.get(&docs_path).await;
            assert_eq!(docs["name"].as_str(), Some(name.as_str()), "{id}");
        }

        // Org chart and members name each linked case as it is named now.
        if kind == "Companies" {
            let chart = emu.get(&format!("/v2/Companies/{id}/org-chart")).await;
            case_ids(&chart, &mut ids);
            assert_eq!(chart["name"].as_str(), Some(name.as_str()));
            let m = emu.get(&format!("/v2/Companies/{id}/members")).await;
            case_ids(&m, &mut ids);
            for e in member_entries(&m) {
                if let Some(n) = e["member"]["caseCommonId"]
                    .as_i64()
                    .and_then(|c| names.get(&c))
                {
                    assert_eq!(&member_name(&e), n, "{id}");
                }
            }
            let direct: f64 = m["shareholdersAndBeneficialOwners"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["role"] == "Shareholder")
                .filter_map(|e| e["shares"].as_f64())
                .sum();
            let chart_direct: f64 = chart["shareholders"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["role"] == "Shareholder" || n["role"] == "JointShareholder")
                .filter_map(|n| n["shares"].as_f64())
                .sum();
            assert!(
                (direct - chart_direct).abs() < 1e-6,
                "{id}: {direct} ≠ {chart_direct}"
            );
        }
        for gone in &deleted {
            assert!(!ids.contains(gone), "{id} still points at deleted {gone}");
        }

        // The report is the case as it is now (a case still being built has none yet).
        if !matches!(d["common"]["statusId"].as_i64(), Some(3 | 8)) {
            continue;
        }
        let report = emu.report(kind, id).await;
        let status = d["common"]["status"].as_str().unwrap();
        assert!(report.contains(&format!("Status: {status}")), "{id}");
        let decision = d["common"]["caseDecision"].as_str().unwrap_or("none yet");
        assert!(report.contains(&format!("Decision: {decision}")), "{id}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, max_shrink_iters: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_view_agrees_after_every_change(changes in prop::collection::vec(change(), 1..7)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let emu = Emu::demo().await;
            let all = universe(&emu).await;
            check_views(&emu, &all).await;
            for c in &changes {
                let cases = live(&emu, &all).await;
                if cases.is_empty() {
                    break;
                }
                let trail = |k, id| emu.audit_len(k, id);
                let mut before = BTreeMap::new();
                for &(k, id) in &cases {
                    before.insert(id, trail(k, id).await);
                }
                if let Some((kind, id)) = apply(&emu, &cases, c).await {
                    assert_eq!(
                        emu.audit_len(kind, id).await,
                        before[&id] + 1,
                        "{c:?}: one audit entry per change"
                    );
                }
                check_views(&emu, &all).await;
            }
        });
    }
}
