//! Reading and changing a case: list, details, properties, identity, status, deletion, AML
//! checks, report and audit trail.

use crate::api::{
    AmlChecks, AuditEntry, CaseAddress, CaseDetailEnvelope, CaseDetailWrap, CaseKind, CaseListItem,
    CaseStatusRequest, Extra, Id, IdentityUpdate, Jurisdiction, Property,
};
use crate::emulator::closed;
use crate::emulator::db::{Db, compose_address, kind_of};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{ApiJson, ApiPath, ApiQuery};
use crate::emulator::input::{self, PropertyBody};
use crate::emulator::kind::Kind;
use crate::emulator::state::{AppState, Caller};
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paging {
    page_number: Option<u32>,
    page_size: Option<u32>,
}

/// The page `[start, end)` of `total` items, 1-based page numbers; no paging → everything.
pub fn page_bounds(
    total: usize,
    number: Option<u32>,
    size: Option<u32>,
) -> ApiResult<(usize, usize)> {
    if number.is_none() && size.is_none() {
        return Ok((0, total));
    }
    let number = number.unwrap_or(1);
    let size = size.unwrap_or(100);
    if number == 0 || size == 0 {
        return Err(ApiError::bad_request("pageNumber and pageSize start at 1"));
    }
    let start = (number as usize - 1)
        .saturating_mul(size as usize)
        .min(total);
    Ok((start, start.saturating_add(size as usize).min(total)))
}

/// A page of the cases of a kind. Counts them first and builds answers only for the page, so a
/// page of 50 out of 100,000 costs a pass over the ids, not 100,000 answers.
pub async fn list(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Response> {
    let db = st.read();
    let of_kind = || {
        db.store
            .cases
            .values()
            .filter(|r| !r.deleted && kind_of(r) == kind)
    };
    let total = of_kind().count();
    let (start, end) = page_bounds(total, paging.page_number, paging.page_size)?;
    let page: Vec<CaseListItem> = of_kind()
        .skip(start)
        .take(end - start)
        .map(|r| CaseListItem {
            common: db.common_view(r),
            company: r.company(),
            individual: r.detail.individual.clone(),
            is_case_aml_positive: r.detail.is_case_aml_positive,
            extra: Extra::new(),
        })
        .collect();
    let mut headers = HeaderMap::new();
    headers.insert("X-Total-Count", HeaderValue::from(total));
    Ok((headers, Json(page)).into_response())
}

pub fn envelope(db: &Db, id: Id) -> ApiResult<CaseDetailEnvelope> {
    let rec = db.case(id, None)?;
    Ok(CaseDetailEnvelope {
        case_detail: CaseDetailWrap {
            details: db.details_view(rec),
            extra: Extra::new(),
        },
        extra: Extra::new(),
    })
}

pub async fn get(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<CaseDetailEnvelope>> {
    let db = st.read();
    db.case(id, Some(kind))?;
    envelope(&db, id).map(Json)
}

pub async fn properties(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<Vec<Property>>> {
    Ok(Json(st.read().case(id, Some(kind))?.properties.clone()))
}

/// Upserts by `dataType` and answers the whole list.
pub async fn set_properties(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    ApiJson(props): ApiJson<Vec<PropertyBody>>,
) -> ApiResult<Json<Vec<Property>>> {
    if props.is_empty() {
        return Err(ApiError::invalid(
            "properties",
            "at least one property is required",
        ));
    }
    for (at, p) in props.iter().enumerate() {
        p.check(at)?;
    }
    let mut db = st.write();
    let rec = db.case_mut(id, Some(kind))?;
    let mut names = Vec::new();
    for p in props {
        let key = p.data_type.trim().to_owned();
        names.push(key.clone());
        rec.set_property(key, p.data);
    }
    let out = rec.properties.clone();
    db.audit(id, &user, "Properties updated", None, names.join(", "));
    Ok(Json(out))
}

pub async fn delete_property(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((id, data_type)): ApiPath<(Id, String)>,
) -> ApiResult<StatusCode> {
    let mut db = st.write();
    let rec = db.case_mut(id, Some(kind))?;
    let before = rec.properties.len();
    rec.properties
        .retain(|p| p.data_type.as_deref() != Some(&data_type));
    if rec.properties.len() == before {
        return Err(ApiError::not_found(format!(
            "Case {id} has no property {data_type:?}"
        )));
    }
    db.audit(id, &user, "Property removed", None, data_type);
    Ok(StatusCode::NO_CONTENT)
}

/// Every identity field given follows its rule: names are not blank, the birth date is a
/// date, the nationality an ISO 3166 country, the address country a country or jurisdiction.
fn check_identity(up: &IdentityUpdate, jurisdictions: &[Jurisdiction]) -> ApiResult<()> {
    for (field, v) in [
        ("entityName", &up.entity_name),
        ("firstName", &up.first_name),
        ("lastName", &up.last_name),
    ] {
        if let Some(v) = v {
            input::not_blank(field, v)?;
        }
    }
    if let Some(v) = &up.birth_date {
        input::birth_date("birthDate", v)?;
    }
    if let Some(v) = &up.nationality_codeiso31662 {
        input::country("nationalityCodeiso31662", v)?;
    }
    if let Some(v) = &up.country_codeiso31662 {
        input::address_country("countryCodeiso31662", v, jurisdictions)?;
    }
    Ok(())
}

pub async fn identity(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    ApiJson(up): ApiJson<IdentityUpdate>,
) -> ApiResult<Json<CaseDetailEnvelope>> {
    check_identity(&up, &st.read().store.jurisdictions)?;
    let mut db = st.write();
    // A country's name: the jurisdiction's where it is one, else its code.
    let country_name = up.country_codeiso31662.as_ref().map(|code| {
        db.store
            .jurisdictions
            .iter()
            .find(|j| j.codeiso31662.as_deref() == Some(code))
            .and_then(|j| j.name.clone())
            .unwrap_or_else(|| code.clone())
    });
    let rec = db.case_mut(id, Some(kind))?;
    let mut changed = Vec::new();
    match kind {
        CaseKind::Company => {
            for (field, given) in [
                ("firstName", up.first_name.is_some()),
                ("lastName", up.last_name.is_some()),
                ("birthDate", up.birth_date.is_some()),
                (
                    "nationalityCodeiso31662",
                    up.nationality_codeiso31662.is_some(),
                ),
            ] {
                if given {
                    return Err(ApiError::bad_request(format!(
                        "{field} does not apply to a company case"
                    )));
                }
            }
            let company = rec.detail.company.get_or_insert_with(Default::default);
            if let Some(v) = up.entity_name {
                changed.push(format!("entityName: {v}"));
                company.entity_name = Some(v);
            }
        }
        CaseKind::Individual => {
            if up.entity_name.is_some() {
                return Err(ApiError::bad_request(
                    "entityName does not apply to an individual case",
                ));
            }
            let ind = rec.detail.individual.get_or_insert_with(Default::default);
            for (label, src, dst) in [
                ("firstName", up.first_name, &mut ind.first_name),
                ("lastName", up.last_name, &mut ind.last_name),
                ("birthDate", up.birth_date, &mut ind.birth_date),
                (
                    "nationality",
                    up.nationality_codeiso31662,
                    &mut ind.nationality,
                ),
            ] {
                if let Some(v) = src {
                    changed.push(format!("{label}: {v}"));
                    *dst = Some(v);
                }
            }
        }
    }
    // An individual's country is the country of their address.
    if let (Some(code), Some(ind)) = (&up.country_codeiso31662, rec.detail.individual.as_mut()) {
        ind.country_code = Some(code.clone());
    }
    let addr = rec
        .detail
        .case_address
        .get_or_insert_with(CaseAddress::default);
    for (label, src, dst) in [
        ("addressLine1", up.address_line1, &mut addr.address_line1),
        ("addressLine2", up.address_line2, &mut addr.address_line2),
        ("city", up.city, &mut addr.city),
        ("stateProvince", up.state_province, &mut addr.state_province),
        ("postcode", up.postcode, &mut addr.postcode),
        (
            "countryCodeISO31662",
            up.country_codeiso31662,
            &mut addr.country_code,
        ),
    ] {
        if let Some(v) = src {
            changed.push(format!("{label}: {v}"));
            *dst = Some(v);
        }
    }
    if changed.is_empty() {
        return Err(ApiError::bad_request(
            "nothing to change: no identity field given",
        ));
    }
    if let Some(name) = country_name {
        addr.country = Some(name.clone());
        if let Some(ind) = rec.detail.individual.as_mut() {
            ind.country = Some(name);
        }
    }
    compose_address(addr);
    db.audit(
        id,
        &user,
        "Identity updated",
        Some("Identity"),
        changed.join("; "),
    );
    envelope(&db, id).map(Json)
}

pub async fn status(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    ApiJson(req): ApiJson<CaseStatusRequest>,
) -> ApiResult<Json<CaseDetailEnvelope>> {
    let mut db = st.write();
    db.case(id, Some(kind))?;
    db.require_ready(id)?;
    let rec = db.case_mut(id, Some(kind))?;
    let was_closed = rec.detail.common.is_closed();
    let details = match req.status.as_str() {
        "Close" if was_closed => {
            // Closing again would silently swap the decision (Accepted → Denied).
            return Err(closed::closed_case(
                id,
                rec.detail.common.case_decision.as_deref(),
                "it is already closed; reopen it first to decide again",
            ));
        }
        "Open" if !was_closed => {
            return Err(ApiError::invalid(
                "status",
                format!("case {id} is already open"),
            ));
        }
        "Close" => {
            // The decision is optional [C]: the vendor's client closes with the status alone.
            let decision = match req.case_decision.as_deref() {
                Some(d @ ("Accepted" | "Denied")) => Some(d.to_owned()),
                Some(other) => {
                    return Err(ApiError::bad_request(format!(
                        "caseDecision must be Accepted or Denied, not {other:?}"
                    )));
                }
                None => None,
            };
            rec.detail.common.status = Some("Closed".into());
            rec.detail.common.case_decision = decision.clone();
            match decision {
                Some(d) => format!("Closed, decision {d}"),
                None => "Closed, no decision".to_owned(),
            }
        }
        "Open" => {
            rec.detail.common.status = Some("Open".into());
            rec.detail.common.case_decision = None;
            "Reopened".to_owned()
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "status must be Close or Open, not {other:?}"
            )));
        }
    };
    db.audit(id, &user, "Case status changed", None, details);
    envelope(&db, id).map(Json)
}

pub async fn delete(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<StatusCode> {
    let mut db = st.write();
    db.case_mut(id, Some(kind))?.deleted = true;
    // The registry entity has no case any more: a search offers it for creation again.
    for entry in &mut db.store.registry {
        if entry.result.case_common_id == Some(id) {
            entry.result.case_common_id = None;
        }
    }
    db.audit(id, &user, "Case deleted", None, String::new());
    Ok(StatusCode::NO_CONTENT)
}

pub async fn aml_checks(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<AmlChecks>> {
    Ok(Json(st.read().case(id, Some(kind))?.aml.clone()))
}

pub async fn audit_trail(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    Ok(Json(st.read().case(id, Some(kind))?.audit.clone()))
}

pub async fn report(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Response> {
    let db = st.read();
    let rec = db.case(id, Some(kind))?;
    if db.is_building(id) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("Case {id} is still being built; the report is available once it is ready"),
        ));
    }
    Ok(super::documents::file_response(
        "application/pdf",
        &format!("case-{id}-report.pdf"),
        db.report(rec),
    ))
}
