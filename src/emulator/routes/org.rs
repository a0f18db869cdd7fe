//! `GET /v2/Companies/{id}/org-chart` and `…/members`.

use crate::api::{Id, Members, OrgNode};
use crate::emulator::error::ApiResult;
use crate::emulator::extract::ApiPath;
use crate::emulator::kind::Kind;
use crate::emulator::ownership;
use crate::emulator::state::AppState;
use axum::Json;
use axum::extract::State;

pub async fn org_chart(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<OrgNode>> {
    let db = st.read();
    db.case(id, Some(kind))?;
    Ok(Json(ownership::org_chart(&db, id)))
}

pub async fn members(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<Members>> {
    let db = st.read();
    let rec = db.case(id, Some(kind))?;
    Ok(Json(ownership::members(&db, rec)))
}
