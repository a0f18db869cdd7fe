//! The vendor's sample app (`knowyourcustomer-dev/kaycee`, whose client types were captured from
//! live sandbox answers) walks its journey against the emulator with the requests it sends:
//! version, search, create, poll until ready, note, members, org chart, steps, documents, upload,
//! AML checks, close, report (issue 17 item 7). Raw HTTP, not the console's client: each answer is
//! checked against the fields that client reads (`src/server/kyc-client.ts` and the journey's
//! own reads in `src/components/Journey.tsx`).

use kyc_console::emulator::{BUILD_TIME, Clock, Config, Running, spawn};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

struct Sandbox {
    running: Running,
    http: reqwest::Client,
    token: String,
}

impl Sandbox {
    async fn start() -> Sandbox {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let running = spawn(Config {
            search_time_scale: 0.0,
            clock: Clock::frozen(),
            ..Config::default()
        })
        .await
        .unwrap();
        let http = reqwest::Client::new();
        // The sample app's token request: form-encoded, `scope=PublicApi`.
        let t: Value = http
            .post(format!("{}/connect/token", running.base_url()))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "demo"),
                ("client_secret", "demo"),
                ("scope", "PublicApi"),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = t["access_token"].as_str().unwrap().to_owned();
        Sandbox {
            running,
            http,
            token,
        }
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.running.base_url()))
            .bearer_auth(&self.token)
            .header("Accept", "application/json")
    }

    /// The sample client's `request()`: a non-2xx is an error, a body is JSON.
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut rb = self.req(method.clone(), path);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        assert!(status.is_success(), "{method} {path} -> {status}: {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
    }

    async fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None).await
    }

    /// `uploadCompanyDocument` / `uploadIndividualDocument`: `buildUploadForm`'s fields.
    async fn upload(&self, case: &str, id: i64, is_company: bool, file_name: &str) -> Value {
        let form = Form::new()
            .text("name", format!("Board resolution ({file_name})"))
            .text("fileCat", if is_company { "Corporate" } else { "photoid" })
            .text("caseCommonId", id.to_string())
            .text("isCompany", is_company.to_string())
            .text("createNewStep", "true")
            .text("fileName", file_name.to_owned())
            .part(
                "file",
                Part::bytes(b"%PDF-1.4\n%placeholder\n".to_vec())
                    .file_name(file_name.to_owned())
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        let r = self
            .req(
                reqwest::Method::POST,
                &format!("/v2/{case}/{id}/documents/upload"),
            )
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.unwrap()
    }
}

/// A JSON type as TypeScript names it, `|`-joined for unions (`"string|null"`).
fn is(v: &Value, ty: &str) -> bool {
    ty.split('|').any(|t| match t {
        "string" => v.is_string(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "undefined" => v.is_null(), // an absent field reads as Null through serde_json's index
        other => panic!("unknown type {other}"),
    })
}

/// Checks each `field: type` of a TypeScript interface against an answer.
fn shape(what: &str, v: &Value, fields: &[(&str, &str)]) {
    assert!(v.is_object(), "{what}: not an object: {v}");
    for (field, ty) in fields {
        assert!(
            is(&v[field], ty),
            "{what}.{field} should be {ty}: {}",
            v[field]
        );
    }
}

/// `interface CaseCommon` of the sample client.
const CASE_COMMON: &[(&str, &str)] = &[
    ("caseCommonId", "number"),
    ("statusId", "number"),
    ("statusName", "string"),
    ("status", "string"),
    ("caseDecision", "string|null"),
    ("caseDescription", "string"),
    ("countryName", "string"),
    ("riskRating", "string"),
    ("complete", "number"),
    ("caseReadyDatetime", "string|null"),
];

/// `interface CaseDetail`: the wrapper, then `common`.
fn case_detail(what: &str, v: &Value) -> Value {
    let details = &v["caseDetail"]["details"];
    assert!(details.is_object(), "{what}: no caseDetail.details: {v}");
    shape(what, &details["common"], CASE_COMMON);
    for loose in ["company", "caseAddress", "caseAmlSummary"] {
        assert!(is(&details[loose], "object|undefined"), "{what}.{loose}");
    }
    assert!(is(&details["allUbosIdentified"], "string|undefined"));
    details["common"].clone()
}

/// `interface OrgChartNode`, recursively; and no node carries `entityType` [C]. The root has no
/// step of its own. `caseLinkId` is declared a number but never read by the journey; the
/// emulator gives one to a party linked to a case of its own, so it may be null.
fn org_node(path: &str, v: &Value, root: bool) {
    let id = if root { "number|null" } else { "number" };
    shape(
        path,
        v,
        &[
            ("name", "string"),
            ("role", "string|null"),
            ("shares", "number|null"),
            ("effectivePercentage", "number|null"),
            ("officers", "array"),
            ("shareholders", "array"),
            ("others", "array"),
            ("caseStepId", id),
            ("caseLinkId", "number|null"),
            ("isUnresolvedAML", "boolean"),
        ],
    );
    assert!(v.get("entityType").is_none(), "{path}: entityType: {v}");
    for group in ["officers", "shareholders", "others"] {
        for (i, child) in v[group].as_array().unwrap().iter().enumerate() {
            org_node(&format!("{path}.{group}[{i}]"), child, false);
        }
    }
}

#[tokio::test]
async fn the_sample_apps_journey_completes() {
    let sb = Sandbox::start().await;
    let clock = sb.running.clock();

    // version()
    let version = sb.get("/v2/Version").await;
    assert!(version.is_string(), "a plain string: {version}");

    // searchCompanies(): a sample company (`SAMPLE_COMPANIES`) is found by its exact name.
    let found = sb
        .call(
            reqwest::Method::POST,
            "/v2/Companies/search",
            Some(json!({"query": "Cropwell Bishop Creamery Limited", "codeiso31662": "GB"})),
        )
        .await;
    let results = found["companySearch"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{found}");
    let hit = &results[0];
    shape(
        "CompanySearchResult",
        hit,
        &[
            ("rawname", "string"),
            ("externalCode", "string|undefined"),
            ("companyStatus", "string|undefined"),
            ("dataSource", "string|undefined"),
            ("rawAddress", "string|undefined"),
            ("city", "string|undefined"),
            ("zip", "string|undefined"),
            ("street", "string|undefined"),
        ],
    );

    // createCompany(rawname, iso, externalCode): the answer is read as
    // `caseDetail.details.common` at once, building (statusId 50).
    let created = sb
        .call(
            reqwest::Method::POST,
            "/v2/Companies",
            Some(json!({
                "rawname": hit["rawname"],
                "codeiso31662": "GB",
                "externalCode": hit["externalCode"],
            })),
        )
        .await;
    let common = case_detail("createCompany", &created);
    assert_eq!(common["statusId"], 50);
    assert_eq!(common["statusName"], "Building");
    let id = common["caseCommonId"].as_i64().unwrap();
    let company = format!("/v2/Companies/{id}");

    // The report is not there while it builds (409).
    let r = sb
        .req(reqwest::Method::GET, &format!("{company}/report"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // getCompany(), polled until statusId 3: the build passes through 50–57 in order, with
    // `complete` rising to 100.
    let step = BUILD_TIME / 8;
    let mut seen = Vec::new();
    let mut percents = Vec::new();
    for _ in 0..20 {
        let c = case_detail("getCompany", &sb.get(&company).await);
        let status = c["statusId"].as_i64().unwrap();
        if seen.last() != Some(&status) {
            seen.push(status);
            percents.push(c["complete"].as_i64().unwrap());
        }
        if status == 3 {
            assert!(c["caseReadyDatetime"].is_string());
            break;
        }
        clock.advance(step);
    }
    assert_eq!(seen, [50, 51, 52, 53, 54, 55, 56, 57, 3]);
    assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    assert_eq!(percents.last(), Some(&100));

    // The note route: the first step of the first group carries the questionnaire.
    let groups = sb.get(&format!("/v2/CaseSteps/{id}")).await;
    for g in groups.as_array().unwrap() {
        shape(
            "CaseStepGroup",
            g,
            &[("group", "string"), ("total", "number"), ("steps", "array")],
        );
        for s in g["steps"].as_array().unwrap() {
            shape(
                "step",
                s,
                &[
                    ("name", "string"),
                    ("type", "string"),
                    ("status", "string"),
                    ("caseStepId", "number"),
                ],
            );
        }
    }
    let first = groups[0]["steps"][0]["caseStepId"].as_i64().unwrap();
    let note = sb
        .call(
            reqwest::Method::POST,
            &format!("/v2/CaseStepNotes/{id}/{first}"),
            Some(
                json!({"note": "ACCOUNT-OPENING QUESTIONNAIRE\nSource of funds: Business revenue"}),
            ),
        )
        .await;
    assert!(note.is_object());

    // Org chart, AML checks and members, read together once ready.
    let chart = sb.get(&format!("{company}/org-chart")).await;
    org_node("org-chart", &chart, true);
    let aml = sb.get(&format!("{company}/amlchecks")).await;
    assert!(aml["worldChecks"].is_array() && aml["lexisNexisChecks"].is_array());
    // The journey's `requiredVerificationPeople`: a built case has people to verify, directors
    // and a holder over 25 % among them.
    let people = |group: &str| -> Vec<Value> {
        chart[group]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["nationalityId"].is_string())
            .cloned()
            .collect()
    };
    assert!(!people("officers").is_empty(), "{chart}");
    assert!(
        people("shareholders")
            .iter()
            .any(|n| n["shares"].as_f64().is_some_and(|s| s > 25.0)),
        "{chart}"
    );
    let members = sb.get(&format!("{company}/members")).await;
    for group in [
        "controllingEntitiesAndIndividuals",
        "shareholdersAndBeneficialOwners",
        "ultimateBeneficialOwners",
        "personsWithSignificantControl",
    ] {
        for m in members[group].as_array().into_iter().flatten() {
            assert!(is(&m["memberType"], "string|number"), "{m}");
            assert!(is(&m["member"], "object"), "{m}");
            // `memberName`: rawName, first and last name, or name; never none.
            let member = &m["member"];
            assert!(
                ["rawName", "firstName", "name", "entityName"]
                    .iter()
                    .any(|k| member[k].as_str().is_some_and(|s| !s.is_empty())),
                "{m}"
            );
        }
    }
    assert!(
        !members["ultimateBeneficialOwners"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{members}"
    );

    // `individualMemberCases`: each person resolves to a case of their own, where their photo
    // ID goes (`uploadIndividualDocument`), with the individual mandatory documents.
    let person_cases: Vec<i64> = members["controllingEntitiesAndIndividuals"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(
            members["shareholdersAndBeneficialOwners"]
                .as_array()
                .into_iter()
                .flatten(),
        )
        .filter(|m| m["memberType"] == "Individual" || m["memberType"] == 2)
        .filter_map(|m| m["member"]["caseCommonId"].as_i64())
        .collect();
    assert!(!person_cases.is_empty(), "{members}");
    let person = person_cases[0];
    let mandatory = sb
        .get(&format!("/v2/Individuals/{person}/documents/mandatory"))
        .await;
    assert_eq!(mandatory, json!(["photoid", "selfie", "poa"]));
    let u = sb
        .upload("Individuals", person, false, "photoid-director-good.pdf")
        .await;
    assert_eq!(u["prevalidationMessages"], json!([]), "{u}");

    // Documents, then uploads: an accepted file answers no messages, a forged or expired one
    // answers the sandbox's messages (`UploadResult`).
    let docs = sb.get(&format!("{company}/documents")).await;
    assert!(docs.is_object());
    for (file, accepted) in [
        ("board-resolution-good.pdf", true),
        ("board-resolution-forged.pdf", false),
        ("board-resolution-expired.pdf", false),
    ] {
        let u = sb.upload("Companies", id, true, file).await;
        shape(
            "UploadResult",
            &u,
            &[
                ("caseDocumentId", "number"),
                ("name", "string"),
                ("category", "string"),
                ("link", "string"),
                ("prevalidationMessages", "array"),
            ],
        );
        let messages = u["prevalidationMessages"].as_array().unwrap();
        assert_eq!(messages.is_empty(), accepted, "{file}: {u}");
        for m in messages {
            shape("message", m, &[("key", "string"), ("value", "string")]);
        }
        if accepted {
            assert!(u["caseStepId"].is_number(), "{u}");
        }
    }

    // closeCase(): `{"status": "Close"}` alone, answered in the case-detail form.
    let closed = sb
        .call(
            reqwest::Method::PATCH,
            &format!("{company}/status"),
            Some(json!({"status": "Close"})),
        )
        .await;
    let common = case_detail("closeCase", &closed);
    assert_eq!(common["status"], "Closed");
    assert!(common["caseDecision"].is_null());

    // getReportRaw(): a PDF.
    let r = sb
        .req(reqwest::Method::GET, &format!("{company}/report"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));
}

/// Every sample company is in its registry, and `CN` (in the sample's country list) is a
/// jurisdiction the emulator knows.
#[tokio::test]
async fn the_sample_companies_and_countries_are_known() {
    let sb = Sandbox::start().await;
    for (name, iso) in [
        ("Cropwell Bishop Creamery Limited", "GB"),
        ("SC Engineering Private Limited", "SG"),
        ("Ubizense Limited", "HK"),
    ] {
        let found = sb
            .call(
                reqwest::Method::POST,
                "/v2/Companies/search",
                Some(json!({"query": name, "codeiso31662": iso})),
            )
            .await;
        let results = found["companySearch"]["results"].as_array().unwrap();
        assert!(
            results.iter().any(|r| r["name"] == name),
            "{name} in {iso}: {found}"
        );
    }
    let jurisdictions = sb.get("/v2/Jurisdictions").await;
    let codes: Vec<&str> = jurisdictions["jurisdictions"]["jurisdiction"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|j| j["codeiso31662"].as_str())
        .collect();
    for iso in ["GB", "SG", "HK", "CN"] {
        assert!(codes.contains(&iso), "{iso} in {codes:?}");
    }
}
