//! Registry search and case creation (create from search, import, individuals).

use crate::api::{
    AmlSummary, CaseAddress, CaseCommon, CaseDetailEnvelope, CaseDetails, CaseDocuments, CaseKind,
    CompanyInfo, CreateCompanyRequest, CreateIndividualRequest, CreatedCase, Extra, Id,
    ImportCompanyRequest, IndividualInfo, Jurisdiction, Property, SearchRequest, SearchResponse,
    SearchResult, SearchResults, Step, StepDetails, StepDocument, StepField, StepGroup, StepStatus,
};
use crate::emulator::dataset::{self, RegistryCase};
use crate::emulator::db::{Db, now_iso};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::ApiJson;
use crate::emulator::input;
use crate::emulator::state::{AppState, Caller};
use crate::emulator::store::CaseRecord;
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// More hits than this and the registry refuses the search.
const MAX_HITS: usize = 200;

fn find_jurisdiction<'a>(db: &'a Db, code: &str) -> ApiResult<&'a Jurisdiction> {
    db.store
        .jurisdictions
        .iter()
        .find(|j| {
            j.codeiso31662
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(code.trim()))
        })
        .ok_or_else(|| ApiError::bad_request(format!("Unknown jurisdiction {:?}", code.trim())))
}

/// How long the jurisdiction's registry takes to answer, 5 to 150 s, fixed per code (the guide:
/// "from under 5 seconds to 150 seconds").
pub fn registry_seconds(code: &str) -> u64 {
    let h = code.bytes().fold(17u64, |h, b| {
        h.wrapping_mul(31)
            .wrapping_add(u64::from(b.to_ascii_uppercase()))
    });
    5 + h % 146
}

/// The gateway gives up after this long and answers 504 with no body (the contract: 300 s).
const GATEWAY_LIMIT_SECS: u64 = 300;

/// Registries this slow (the two slowest, NL at 148 s and US-NY at 146 s) scan their whole name
/// index when a name finds nothing in it, and take three times their time, past the gateway's
/// limit: such a search ends in the gateway's 504 (a trainee meets it with a name the registry
/// does not hold, e.g. "Zuidas" in NL). A name that is found, and a registration number (a
/// lookup), answer in the registry's usual time, so the way forward the console offers works.
const SLOW_REGISTRY_SECS: u64 = 140;

/// How long a search takes in the registry: its time, or three times that for a full scan of a
/// slow registry's name index.
pub fn search_seconds(code: &str, full_scan: bool) -> u64 {
    let base = registry_seconds(code);
    if base >= SLOW_REGISTRY_SECS && full_scan {
        base * 3
    } else {
        base
    }
}

fn too_broad(country: &str) -> ApiError {
    ApiError::bad_request(format!(
        "More than 200 records found in {country}, please refine your search criteria"
    ))
}

pub async fn search(
    State(st): State<AppState>,
    ApiJson(req): ApiJson<SearchRequest>,
) -> ApiResult<Response> {
    let (results, code, country, by_number) = {
        let db = st.read();
        let j = find_jurisdiction(&db, &req.codeiso31662)?;
        let code = j.codeiso31662.clone().unwrap_or_default();
        let country = j.name.clone().unwrap_or_else(|| code.clone());
        if !j.isautomated {
            return Err(ApiError::bad_request(format!(
                "{country} ({code}) is not automated: its registry cannot be searched; create the \
                 case with a companyType and isRegistered false"
            )));
        }
        // However short, a query is refused only when it really matches more than the
        // registry hands out (a two-letter name finds its one company).
        let q = req.query.trim().to_lowercase();
        if q.is_empty() {
            return Err(ApiError::invalid(
                "query",
                "a name or a registration number is required",
            ));
        }
        let hits: Vec<SearchResult> = db
            .store
            .registry
            .iter()
            .map(|e| &e.result)
            .filter(|r| {
                r.country_code
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&code))
            })
            .filter(|r| {
                [&r.name, &r.rawname]
                    .into_iter()
                    .flatten()
                    .any(|n| n.to_lowercase().contains(&q))
                    || r.registration_number
                        .as_deref()
                        .is_some_and(|n| n.trim().eq_ignore_ascii_case(&q))
            })
            .cloned()
            .collect();
        let by_number = hits.iter().any(|r| {
            r.registration_number
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(&q))
        });
        (hits, code, country, by_number)
    };
    let seconds = search_seconds(&code, !by_number && results.is_empty());
    let gave_up = seconds > GATEWAY_LIMIT_SECS;
    // A scale that makes no sense (negative, NaN, huge) means no delay rather than a panic.
    let delay = Duration::try_from_secs_f64(
        seconds.min(GATEWAY_LIMIT_SECS) as f64 * st.config.search_time_scale,
    )
    .unwrap_or_default();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if gave_up {
        return Ok(StatusCode::GATEWAY_TIMEOUT.into_response());
    }
    if results.len() > MAX_HITS {
        return Err(too_broad(&country));
    }
    Ok(Json(SearchResponse {
        company_search: SearchResults {
            results,
            extra: Extra::new(),
        },
        extra: Extra::new(),
    })
    .into_response())
}

/// What a new case starts from.
struct NewCase {
    kind: CaseKind,
    company: Option<CompanyInfo>,
    individual: Option<IndividualInfo>,
    address: CaseAddress,
    country_name: Option<String>,
    processing: String,
    properties: Vec<Property>,
    /// `caseDescription`: how the case came to be.
    description: String,
    /// The registry record a company case is created from: once built, the case holds what
    /// the registry and the screening say of it.
    hit: Option<SearchResult>,
}

/// The day of 2026 (0-based) today is, the calendar the datasets date things on.
fn today() -> u32 {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let days = (chrono::Utc::now().date_naive() - start).num_days();
    u32::try_from(days).unwrap_or(0)
}

/// The reference (`caseCustomerId`) in the demo's form.
fn customer_reference(id: Id) -> String {
    format!("KYC-2026-{:06}", id % 1_000_000)
}

/// The individual mandatory documents, as open slots.
const INDIVIDUAL_SLOTS: [&str; 3] = ["photoid", "selfie", "poa"];

fn processing_type(v: Option<&str>) -> ApiResult<String> {
    match v {
        None | Some("Full") => Ok("Full".into()),
        Some("AmlOnly") => Ok("AmlOnly".into()),
        Some(other) => Err(ApiError::bad_request(format!(
            "caseProcessingType must be Full or AmlOnly, not {other:?}"
        ))),
    }
}

fn step(id: Id, name: &str, step_type: &str) -> Step {
    Step {
        name: Some(name.into()),
        step_type: Some(step_type.into()),
        status: StepStatus::NotReviewed,
        case_step_id: id,
        ..Step::default()
    }
}

fn group(name: &str, steps: Vec<Step>) -> StepGroup {
    StepGroup {
        group: Some(name.into()),
        total: Some(steps.len() as i64),
        steps,
        extra: Extra::new(),
    }
}

fn set_company_status(rec: &mut CaseRecord, status: String) {
    for p in &mut rec.properties {
        if p.data_type.as_deref() == Some("Company Status") {
            p.data = Some(status.clone());
        }
    }
    if let Some(c) = rec.detail.company.as_mut() {
        c.properties
            .insert("Company Status".into(), serde_json::Value::String(status));
    }
}

/// Builds and stores the case (building for [`BUILD_TIME`](crate::emulator::db::BUILD_TIME)) and answers its details.
fn insert_case(db: &mut Db, user: &str, new: NewCase) -> CreatedCase {
    let id = db.store.fresh_id();
    let [sub_id, identity_id, address_id, documents_id] = [(); 4].map(|_| db.store.fresh_id());
    let code = new
        .company
        .as_ref()
        .and_then(|c| c.country_code.clone())
        .or_else(|| new.individual.as_ref().and_then(|i| i.country_code.clone()));
    let is_company = new.kind == CaseKind::Company;
    // A person gets the individual slots, never a company's documents.
    let mandatory = db
        .store
        .cases
        .values()
        .filter(|_| is_company)
        .find(|r| {
            !r.mandatory_company.is_empty()
                && r.detail
                    .company
                    .as_ref()
                    .and_then(|c| c.country_code.as_deref())
                    == code.as_deref()
        })
        .map(|r| r.mandatory_company.clone())
        .unwrap_or_default();
    let mut company = new.company;
    if let Some(c) = company.as_mut() {
        c.case_company_id = Some(sub_id);
    }
    let mut individual = new.individual;
    if let Some(i) = individual.as_mut() {
        i.case_individual_id = Some(sub_id);
    }
    let description = new.description.clone();
    let aml_only = new.processing == "AmlOnly";
    let type_word = match new.kind {
        CaseKind::Company => "Company",
        CaseKind::Individual => "Individual",
    };
    let detail = CaseDetails {
        common: CaseCommon {
            case_common_id: id,
            case_customer_id: Some(customer_reference(id)),
            case_type: Some(if new.kind == CaseKind::Company { 1 } else { 2 }),
            type_string: Some(type_word.into()),
            complete: Some(100),
            status: Some("Open".into()),
            status_id: Some(3),
            status_name: Some("Ready".into()),
            country_name: new.country_name,
            case_description: Some(description.clone()),
            risk_rating: Some("Low".into()),
            case_ready_datetime: Some(now_iso()),
            is_aml_case: Some(aml_only),
            case_processing_type: Some(new.processing),
            ..CaseCommon::default()
        },
        company,
        individual,
        case_address: Some(new.address),
        case_aml_summary: Some(AmlSummary {
            world_check_summary: Some("NoMatches".into()),
            lexis_nexis_check_summary: Some("NoMatches".into()),
            extra: Extra::new(),
        }),
        is_case_aml_positive: Some(false),
        all_ubos_identified: (new.kind == CaseKind::Company).then(|| "No".to_owned()),
        ..CaseDetails::default()
    };
    let name = detail.name();
    let identity_fields = vec![
        StepField::new("Name", name.clone()),
        StepField::new("Country", code.clone().unwrap_or_default()),
    ];
    let address_fields = vec![StepField::new(
        "Address",
        detail
            .case_address
            .as_ref()
            .and_then(|a| a.address.clone())
            .unwrap_or_default(),
    )];
    let steps = vec![
        group("Identity", vec![step(identity_id, "Identity", "Identity")]),
        group("Address", vec![step(address_id, "Address", "Address")]),
        group("AML screening", Vec::new()),
        group(
            "Documents",
            vec![step(documents_id, "Documents", "Document")],
        ),
    ];
    let details_for =
        |s: &Step, fields: Vec<StepField>, documents: Vec<StepDocument>| StepDetails {
            case_step_id: s.case_step_id,
            name: s.name.clone(),
            step_type: s.step_type.clone(),
            status: s.status.clone(),
            fields,
            documents,
            ..StepDetails::default()
        };
    let slot = |category: Option<String>| StepDocument {
        category,
        document_available: false,
        ..StepDocument::default()
    };
    let slots = if is_company {
        mandatory
            .iter()
            .map(|m| slot(m.mandatory_document.clone()))
            .collect()
    } else {
        INDIVIDUAL_SLOTS
            .iter()
            .map(|c| slot(Some((*c).to_owned())))
            .collect()
    };
    let step_details = [
        details_for(&steps[0].steps[0], identity_fields, Vec::new()),
        details_for(&steps[1].steps[0], address_fields, Vec::new()),
        details_for(&steps[3].steps[0], Vec::new(), slots),
    ]
    .into_iter()
    .map(|d| (d.case_step_id, d))
    .collect();
    // A case built from the registry has no steps until it is built (the vendor's client waits
    // for them before it writes a note); the others are built as they are.
    let (steps, step_details) = if new.hit.is_some() {
        (Vec::new(), Default::default())
    } else {
        (steps, step_details)
    };
    let rec = CaseRecord {
        kind: Some(new.kind),
        detail,
        properties: new.properties,
        steps,
        step_details,
        documents: CaseDocuments {
            case_common_id: id,
            name: Some(name.clone()),
            ..CaseDocuments::default()
        },
        mandatory_company: mandatory,
        mandatory_individual: if is_company {
            Vec::new()
        } else {
            INDIVIDUAL_SLOTS.iter().map(|c| (*c).to_owned()).collect()
        },
        ..CaseRecord::default()
    };
    db.store.cases.insert(id, rec);
    let built = match (new.hit, code.as_deref()) {
        (Some(hit), Some(code)) => {
            let mut built = dataset::built_company(
                &mut db.store,
                &RegistryCase {
                    id,
                    hit: &hit,
                    code,
                    day: today(),
                    aml_only,
                    description: description.clone(),
                },
            );
            // The registry's word on the company's status, not the builder's default.
            if let Some(status) = hit.company_status.clone() {
                set_company_status(&mut built.company, status);
            }
            Some(built)
        }
        _ => None,
    };
    db.start_building(id, built);
    db.audit(
        id,
        user,
        "Case created",
        None,
        format!("{type_word} case {name}"),
    );
    let details = db
        .store
        .cases
        .get(&id)
        .map(|r| db.details_view(r))
        .unwrap_or_default();
    CreatedCase {
        details,
        extra: Extra::new(),
    }
}

fn required(field: &str, v: &str) -> ApiResult<String> {
    let t = v.trim();
    if t.is_empty() {
        return Err(ApiError::bad_request(format!("{field} is required")));
    }
    Ok(t.to_owned())
}

fn joined_address(parts: &[&Option<String>]) -> Option<String> {
    let s = parts
        .iter()
        .filter_map(|p| p.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!s.is_empty()).then_some(s)
}

pub async fn create_company(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiJson(req): ApiJson<CreateCompanyRequest>,
) -> ApiResult<Json<CaseDetailEnvelope>> {
    let rawname = required("rawname", &req.rawname)?;
    let processing = processing_type(req.case_processing_type.as_deref())?;
    let mut db = st.write();
    let j = find_jurisdiction(&db, &req.codeiso31662)?.clone();
    let code = j.codeiso31662.clone().unwrap_or_default();
    let registered = j.isautomated && req.is_registered != Some(false);
    let entry = if registered {
        let found = db.store.registry.iter().position(|e| {
            let r = &e.result;
            r.country_code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(&code))
                && (req.external_code.is_some() && r.external_code == req.external_code
                    || [&r.name, &r.rawname]
                        .into_iter()
                        .flatten()
                        .any(|n| n.eq_ignore_ascii_case(&rawname)))
        });
        Some(found.ok_or_else(|| {
            ApiError::bad_request(format!(
                "No registry entry {rawname:?} in {}: use the exact name from a search, or \
                 create an unregistered entity with a companyType and isRegistered false",
                j.name.clone().unwrap_or_else(|| code.clone())
            ))
        })?)
    } else {
        let t = req.company_type.as_deref().unwrap_or("");
        required(
            "companyType (for a non-automated or unregistered entity)",
            t,
        )?;
        input::company_type(t, &code, &db.store.company_types)?;
        None
    };
    let hit = entry.map(|i| db.store.registry[i].result.clone());
    let mut props = serde_json::Map::new();
    if let Some(n) = hit.as_ref().and_then(|h| h.registration_number.clone()) {
        props.insert("Registration Number".into(), n.into());
    }
    if let Some(s) = hit.as_ref().and_then(|h| h.company_status.clone()) {
        props.insert("Company Status".into(), s.into());
    }
    let company = CompanyInfo {
        entity_name: Some(hit.as_ref().and_then(|h| h.name.clone()).unwrap_or(rawname)),
        country_code: Some(code.clone()),
        company_type: req
            .company_type
            .clone()
            .or_else(|| hit.as_ref().and_then(|h| h.company_type.clone())),
        properties: props,
        ..CompanyInfo::default()
    };
    let address = CaseAddress {
        address: hit.as_ref().and_then(|h| h.raw_address.clone()),
        raw_address: hit.as_ref().and_then(|h| h.raw_address.clone()),
        address_line1: hit.as_ref().and_then(|h| h.street.clone()),
        city: hit.as_ref().and_then(|h| h.city.clone()),
        postcode: hit.as_ref().and_then(|h| h.zip.clone()),
        country: j.name.clone(),
        country_code: Some(code),
        ..CaseAddress::default()
    };
    let created = insert_case(
        &mut db,
        &user,
        NewCase {
            kind: CaseKind::Company,
            company: Some(company),
            individual: None,
            address,
            country_name: j.name.clone(),
            processing,
            properties: Vec::new(),
            description: match hit.as_ref().and_then(|h| h.registration_number.as_deref()) {
                Some(reg) => format!(
                    "Created from the {} record {reg}",
                    j.data_sources
                        .first()
                        .and_then(|d| d.as_str())
                        .unwrap_or("registry")
                ),
                None => "Created as an unregistered entity".to_owned(),
            },
            hit: hit.clone(),
        },
    );
    if let Some(i) = entry {
        db.store.registry[i].result.case_common_id = Some(created.details.common.case_common_id);
    }
    // The sample client reads `caseDetail.details.common` straight after creating [C].
    Ok(Json(CaseDetailEnvelope::new(created.details)))
}

pub async fn import_company(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiJson(req): ApiJson<ImportCompanyRequest>,
) -> ApiResult<Json<CreatedCase>> {
    let name = required("entityName", &req.entity_name)?;
    let company_type = required("companyType", &req.company_type)?;
    if req
        .properties
        .iter()
        .any(|p| p.data_type.as_deref().is_none_or(|t| t.trim().is_empty()))
    {
        return Err(ApiError::bad_request("every property needs a dataType"));
    }
    let mut db = st.write();
    let j = find_jurisdiction(&db, &req.codeiso31662)?.clone();
    let code = j.codeiso31662.clone().unwrap_or_default();
    input::company_type(&company_type, &code, &db.store.company_types)?;
    let props = req
        .properties
        .iter()
        .map(|p| {
            (
                p.data_type.clone().unwrap_or_default(),
                serde_json::Value::String(p.data.clone().unwrap_or_default()),
            )
        })
        .collect();
    let company = CompanyInfo {
        entity_name: Some(name),
        country_code: Some(code.clone()),
        company_type: Some(company_type),
        properties: props,
        ..CompanyInfo::default()
    };
    let address = CaseAddress {
        country: j.name.clone(),
        country_code: Some(code),
        ..CaseAddress::default()
    };
    let properties = req
        .properties
        .into_iter()
        .map(|p| Property {
            extra: Extra::new(),
            ..p
        })
        .collect();
    Ok(Json(insert_case(
        &mut db,
        &user,
        NewCase {
            kind: CaseKind::Company,
            company: Some(company),
            individual: None,
            address,
            country_name: j.name,
            // An imported company is screened only (guide 3.2d).
            processing: "AmlOnly".into(),
            properties,
            description: "Imported".to_owned(),
            hit: None,
        },
    )))
}

/// `POST /v2/Individuals`: answers in the case-detail form, as a company create does [C].
pub async fn create_individual(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiJson(req): ApiJson<CreateIndividualRequest>,
) -> ApiResult<Json<CaseDetailEnvelope>> {
    let created = new_individual(&st, &user, req)?;
    Ok(Json(CaseDetailEnvelope::new(created.details)))
}

/// `POST /v2/Individuals/import` (the create's body): answers in the import's bare form, as a
/// company import does [C].
pub async fn import_individual(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiJson(req): ApiJson<CreateIndividualRequest>,
) -> ApiResult<Json<CreatedCase>> {
    new_individual(&st, &user, req).map(Json)
}

fn new_individual(
    st: &AppState,
    user: &str,
    req: CreateIndividualRequest,
) -> ApiResult<CreatedCase> {
    let first = required("firstName", &req.first_name)?;
    let last = required("lastName", &req.last_name)?;
    let processing = processing_type(req.case_processing_type.as_deref())?;
    if let Some(b) = req.birth_date.as_deref().filter(|b| !b.trim().is_empty()) {
        input::birth_date("birthDate", b)?;
    }
    if let Some(n) = req.nationality_codeiso31662.as_deref() {
        input::country("nationalityCodeiso31662", n)?;
    }
    if req
        .properties
        .iter()
        .any(|p| p.data_type.as_deref().is_none_or(|t| t.trim().is_empty()))
    {
        return Err(ApiError::bad_request("every property needs a dataType"));
    }
    let mut db = st.write();
    let country = match req
        .country_codeiso31662
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        Some(c) => Some(find_jurisdiction(&db, c)?.clone()),
        None => None,
    };
    let code = country.as_ref().and_then(|j| j.codeiso31662.clone());
    let country_name = country.as_ref().and_then(|j| j.name.clone());
    let individual = IndividualInfo {
        first_name: Some(first),
        last_name: Some(last),
        birth_date: req.birth_date.clone(),
        country_code: code.clone(),
        country: country_name.clone(),
        nationality: req
            .nationality_codeiso31662
            .as_deref()
            .map(|n| n.trim().to_owned()),
        ..IndividualInfo::default()
    };
    let address = CaseAddress {
        address: joined_address(&[
            &req.address_line1,
            &req.address_line2,
            &req.city,
            &req.province,
            &req.postcode,
        ]),
        address_line1: req.address_line1.clone(),
        address_line2: req.address_line2.clone(),
        city: req.city.clone(),
        state_province: req.province.clone(),
        postcode: req.postcode.clone(),
        country: country_name.clone(),
        country_code: code,
        ..CaseAddress::default()
    };
    let properties = req
        .properties
        .into_iter()
        .map(|p| Property {
            extra: Extra::new(),
            ..p
        })
        .collect();
    Ok(insert_case(
        &mut db,
        user,
        NewCase {
            kind: CaseKind::Individual,
            company: None,
            individual: Some(individual),
            address,
            country_name,
            processing,
            properties,
            description: "Created through the API".to_owned(),
            hit: None,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::registry_seconds;

    #[test]
    fn registry_time_is_fixed_per_jurisdiction_and_in_range() {
        for code in ["GB", "GI", "KY", "US-DE", "HK", "gb"] {
            let s = registry_seconds(code);
            assert!((5..=150).contains(&s), "{code}: {s}");
        }
        assert_eq!(registry_seconds("GB"), registry_seconds("gb"));
    }
}
