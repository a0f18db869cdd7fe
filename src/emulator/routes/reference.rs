//! Reference data and users: jurisdictions, company types, version, user list, assignment.

use crate::api::{
    CaseCommon, CompanyType, Extra, Id, JurisdictionList, JurisdictionsEnvelope, User,
    UserListRequest, VersionInfo,
};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{ApiJson, ApiPath};
use crate::emulator::routes::cases::page_bounds;
use crate::emulator::state::{AppState, Caller};
use axum::Json;
use axum::extract::{Extension, State};

pub async fn jurisdictions(State(st): State<AppState>) -> Json<JurisdictionsEnvelope> {
    Json(JurisdictionsEnvelope {
        jurisdictions: JurisdictionList {
            jurisdiction: st.read().store.jurisdictions.clone(),
            extra: Extra::new(),
        },
        extra: Extra::new(),
    })
}

pub async fn company_types(State(st): State<AppState>) -> Json<Vec<CompanyType>> {
    Json(st.read().store.company_types.clone())
}

pub async fn version() -> Json<VersionInfo> {
    Json(VersionInfo {
        version: Some(format!(
            "2.0 (kyc-console emulator {})",
            env!("CARGO_PKG_VERSION")
        )),
        extra: Extra::new(),
    })
}

pub async fn users(
    State(st): State<AppState>,
    ApiJson(req): ApiJson<UserListRequest>,
) -> ApiResult<Json<Vec<User>>> {
    let needle = req
        .search
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_default();
    let db = st.read();
    let hits: Vec<User> = db
        .store
        .users
        .iter()
        .filter(|u| {
            needle.is_empty()
                || [&u.user_name, &u.email]
                    .into_iter()
                    .flatten()
                    .any(|s| s.to_lowercase().contains(&needle))
        })
        .cloned()
        .collect();
    let (start, end) = page_bounds(hits.len(), Some(req.page_number), Some(req.page_size))?;
    Ok(Json(hits[start..end].to_vec()))
}

pub async fn assign(
    State(st): State<AppState>,
    Extension(Caller(caller)): Extension<Caller>,
    ApiPath((id, user_id)): ApiPath<(Id, Id)>,
) -> ApiResult<Json<CaseCommon>> {
    let mut db = st.write();
    let user = db
        .store
        .users
        .iter()
        .find(|u| u.user_id == user_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("User {user_id} not found")))?;
    if !user.is_active {
        return Err(ApiError::invalid(
            "userId",
            format!(
                "user {user_id} ({}) is inactive and cannot be assigned a case",
                user.user_name.as_deref().unwrap_or("no name")
            ),
        ));
    }
    let rec = db.case_mut(id, None)?;
    rec.detail.common.assigned_user_id = Some(user_id);
    rec.detail.common.assigned_user_name = user.user_name.clone();
    let common = db.common_view(db.case(id, None)?);
    db.audit(
        id,
        &caller,
        "Case assigned",
        None,
        format!(
            "Assigned to {}",
            user.user_name.unwrap_or_else(|| user_id.to_string())
        ),
    );
    Ok(Json(common))
}
