//! Steps and their notes: the grouped list, details, status, AML exclusion, activation, links.

use crate::api::{
    CaseKind, ExcludeRequest, Extra, Id, LinkRequest, LinkedCase, NewNote, Step, StepDetails,
    StepGroup, StepNote, StepStatus,
};
use crate::emulator::db::{kind_of, now_iso};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{ApiJson, ApiPath};
use crate::emulator::input::{self, StepStatusBody};
use crate::emulator::kind::Kind;
use crate::emulator::state::{AppState, Caller};
use crate::emulator::store::{Holding, HoldingGroup, Party};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::StatusCode;

pub async fn list(
    State(st): State<AppState>,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<Vec<StepGroup>>> {
    let db = st.read();
    let rec = db.case(id, None)?;
    Ok(Json(db.steps_view(rec)))
}

fn no_step(id: Id, step_id: Id) -> ApiError {
    ApiError::not_found(format!("Step {step_id} not found in case {id}"))
}

pub async fn details(
    State(st): State<AppState>,
    ApiPath((id, step_id)): ApiPath<(Id, Id)>,
) -> ApiResult<Json<StepDetails>> {
    let db = st.read();
    let rec = db.case(id, None)?;
    db.step_details_view(rec, step_id)
        .map(Json)
        .ok_or_else(|| no_step(id, step_id))
}

pub async fn set_status(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((id, step_id)): ApiPath<(Id, Id)>,
    ApiJson(req): ApiJson<StepStatusBody>,
) -> ApiResult<Json<StepDetails>> {
    let status = StepStatus::from(req.status);
    let mut db = st.write();
    db.case(id, None)?;
    db.require_ready(id)?;
    let rec = db.case(id, None)?;
    db.step_details_view(rec, step_id)
        .ok_or_else(|| no_step(id, step_id))?;
    db.case_mut(id, None)?
        .set_step_status(step_id, status.clone());
    let rec = db.case(id, None)?;
    let details = db
        .step_details_view(rec, step_id)
        .ok_or_else(|| no_step(id, step_id))?;
    let name = details.name.clone();
    db.audit(
        id,
        &user,
        "Step status changed",
        name.as_deref(),
        format!("Status set to {status}"),
    );
    Ok(Json(details))
}

/// Excludes the AML match of an AML step (the body's reason is optional).
pub async fn exclude(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((id, step_id)): ApiPath<(Id, Id)>,
    body: Bytes,
) -> ApiResult<Json<StepDetails>> {
    let req: ExcludeRequest = if body.iter().all(u8::is_ascii_whitespace) {
        ExcludeRequest::default()
    } else {
        axum::Json::<ExcludeRequest>::from_bytes(&body)
            .map(|Json(r)| r)
            .map_err(|e| {
                ApiError::bad_request(format!("Invalid request body: {}", e.body_text()))
            })?
    };
    let mut db = st.write();
    let rec = db.case(id, None)?;
    let details = db
        .step_details_view(rec, step_id)
        .ok_or_else(|| no_step(id, step_id))?;
    if details.step_type.as_deref() != Some("Aml") {
        return Err(ApiError::bad_request(format!(
            "Step {step_id} is not an AML step; only AML matches can be excluded"
        )));
    }
    let reason = req.reason.unwrap_or_else(|| "Excluded by reviewer".into());
    let mark = |m: &mut crate::api::AmlMatch| {
        m.is_excluded = true;
        m.excluded_reason = Some(reason.clone());
    };
    let rec = db.case_mut(id, None)?;
    rec.aml
        .world_checks
        .iter_mut()
        .chain(rec.aml.lexis_nexis_checks.iter_mut())
        .filter(|m| m.case_step_id == step_id)
        .for_each(mark);
    rec.recompute_aml();
    let rec = db.case(id, None)?;
    let details = db
        .step_details_view(rec, step_id)
        .ok_or_else(|| no_step(id, step_id))?;
    let name = details.name.clone();
    db.audit(id, &user, "AML match excluded", name.as_deref(), reason);
    Ok(Json(details))
}

pub async fn activate(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((id, step_id)): ApiPath<(Id, Id)>,
) -> ApiResult<Json<Step>> {
    let mut db = st.write();
    let rec = db.case_mut(id, Some(kind))?;
    let step = rec.step_mut(step_id).ok_or_else(|| no_step(id, step_id))?;
    if !step.is_deactivated {
        return Err(ApiError::bad_request(format!(
            "Step {step_id} is not deactivated"
        )));
    }
    step.is_deactivated = false;
    let step = step.clone();
    db.audit(
        id,
        &user,
        "Step activated",
        step.name.as_deref(),
        String::new(),
    );
    Ok(Json(step))
}

/// Where a relation puts the linked case in the org chart.
fn group_for(relation: &str) -> HoldingGroup {
    match relation {
        "Director"
        | "Secretary"
        | "Officer"
        | "GeneralPartner"
        | "PersonWithSignificantControl" => HoldingGroup::Officers,
        "Shareholder" | "UltimateBeneficialOwner" | "BeneficialOwner" => HoldingGroup::Shareholders,
        _ => HoldingGroup::Others,
    }
}

pub async fn link(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((parent, child)): ApiPath<(Id, Id)>,
    ApiJson(req): ApiJson<LinkRequest>,
) -> ApiResult<Json<Step>> {
    input::relation(&req.relation)?;
    if parent == child {
        return Err(ApiError::bad_request("a case cannot be linked to itself"));
    }
    for (field, v) in [("percentage", req.percentage), ("shares", req.shares)] {
        if let Some(v) = v.filter(|v| !(0.0..=100.0).contains(v)) {
            return Err(ApiError::invalid(
                field,
                format!("is between 0 and 100, not {v}"),
            ));
        }
    }
    let mut db = st.write();
    db.case(parent, Some(kind))?;
    let sub = db.case(child, None)?;
    let sub_name = sub.name();
    let kind_word = match kind_of(sub) {
        CaseKind::Company => "Company",
        CaseKind::Individual => "Individual",
    };
    // Guide 4.4.3: an individual case gets no step of its own for a link; the linked case is
    // listed with the individual's associations. A company gets a linked-case step.
    let step_id = (kind == CaseKind::Company).then(|| db.store.fresh_id());
    let step = Step {
        name: Some(sub_name.clone()),
        step_type: Some("LinkedCase".into()),
        status: StepStatus::NotReviewed,
        case_step_id: step_id.unwrap_or_default(),
        is_deactivated: false,
        linked_case_common_id: Some(child),
        extra: Extra::new(),
    };
    let rec = db.case_mut(parent, Some(kind))?;
    if step_id.is_some() {
        rec.add_step(
            "Linked cases",
            step.clone(),
            StepDetails {
                linked_case: Some(LinkedCase {
                    case_common_id: Some(child),
                    case_type: Some(kind_word.into()),
                    relation: Some(req.relation.clone()),
                    percentage: req.percentage.or(req.shares),
                    ..LinkedCase::default()
                }),
                ..StepDetails::default()
            },
        );
    }
    rec.holders.push(Holding {
        role: req.relation.clone(),
        parties: vec![Party::Case(child)],
        shares: req.shares.or(req.percentage),
        effective_percentage: None,
        is_general_partner: req.relation == "GeneralPartner",
        case_step_id: step_id,
        group: group_for(&req.relation),
    });
    if let Ok(sub) = db.case_mut(child, None)
        && sub.parent_case.is_none()
    {
        sub.parent_case = Some(parent);
    }
    db.audit(
        parent,
        &user,
        "Case linked",
        step_id.map(|_| sub_name.as_str()),
        format!("{sub_name} ({child}) linked as {}", req.relation),
    );
    Ok(Json(step))
}

pub async fn notes(
    State(st): State<AppState>,
    ApiPath((id, step_id)): ApiPath<(Id, Id)>,
) -> ApiResult<Json<Vec<StepNote>>> {
    let db = st.read();
    let rec = db.case(id, None)?;
    rec.step(step_id).ok_or_else(|| no_step(id, step_id))?;
    Ok(Json(rec.notes.get(&step_id).cloned().unwrap_or_default()))
}

pub async fn add_note(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((id, step_id)): ApiPath<(Id, Id)>,
    ApiJson(req): ApiJson<NewNote>,
) -> ApiResult<Json<StepNote>> {
    if req.note.trim().is_empty() {
        return Err(ApiError::bad_request("the note is empty"));
    }
    let mut db = st.write();
    let step_name = db
        .case(id, None)?
        .step(step_id)
        .ok_or_else(|| no_step(id, step_id))?
        .name
        .clone();
    let note = StepNote {
        step_note_id: db.store.fresh_id(),
        note: Some(req.note),
        created_by: Some(user.clone()),
        created_on: Some(now_iso()),
        extra: Extra::new(),
    };
    db.case_mut(id, None)?
        .notes
        .entry(step_id)
        .or_default()
        .push(note.clone());
    db.audit(
        id,
        &user,
        "Note added",
        step_name.as_deref(),
        note.note.clone().unwrap_or_default(),
    );
    Ok(Json(note))
}

pub async fn delete_note(
    State(st): State<AppState>,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath((id, step_id, note_id)): ApiPath<(Id, Id, Id)>,
) -> ApiResult<StatusCode> {
    let mut db = st.write();
    let rec = db.case_mut(id, None)?;
    let step_name = rec
        .step(step_id)
        .ok_or_else(|| no_step(id, step_id))?
        .name
        .clone();
    let notes = rec.notes.entry(step_id).or_default();
    let before = notes.len();
    notes.retain(|n| n.step_note_id != note_id);
    if notes.len() == before {
        return Err(ApiError::not_found(format!(
            "Note {note_id} not found on step {step_id}"
        )));
    }
    db.audit(
        id,
        &user,
        "Note deleted",
        step_name.as_deref(),
        format!("Note {note_id}"),
    );
    Ok(StatusCode::NO_CONTENT)
}
