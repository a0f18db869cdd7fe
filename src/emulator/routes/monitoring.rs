//! Live monitoring: the alert inbox, alert details, alert actions (guide 3.8.3) and review dates.

use crate::api::{
    Alert, AlertAction, AlertActionRequest, AlertActionResult, AlertType, AmlAlert, AmlMatch,
    Change, Extra, Id, LmAlerts, LmCase, LmCases, LmCasesRequest, REVIEW_CHOICES, ReviewDate, Step,
    StepDetails, StepStatus,
};
use crate::emulator::db::{kind_of, now_iso};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{ApiJson, ApiPath};
use crate::emulator::kind::Kind;
use crate::emulator::routes::cases::page_bounds;
use crate::emulator::state::{AppState, Caller};
use crate::emulator::store::{CaseRecord, Holding, HoldingGroup, Party, PartyInfo};
use axum::Json;
use axum::extract::{Extension, State};
use chrono::{Months, NaiveDate};

/// Checks a filter value against the words it may take.
fn one_of<'a>(
    name: &str,
    value: &'a Option<String>,
    allowed: &[&str],
) -> ApiResult<Option<&'a str>> {
    match value.as_deref() {
        None | Some("All") => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v)),
        Some(v) => Err(ApiError::bad_request(format!(
            "{name} must be one of All, {}; not {v:?}",
            allowed.join(", ")
        ))),
    }
}

fn address(rec: &CaseRecord) -> Option<String> {
    rec.detail
        .case_address
        .as_ref()
        .and_then(|a| a.address.clone().or_else(|| a.raw_address.clone()))
}

fn jurisdiction(rec: &CaseRecord) -> Option<String> {
    rec.detail.common.country_name.clone().or_else(|| {
        rec.detail
            .company
            .as_ref()
            .and_then(|c| c.country_code.clone())
            .or_else(|| {
                rec.detail
                    .individual
                    .as_ref()
                    .and_then(|i| i.country_code.clone())
            })
    })
}

fn open_or_closed(rec: &CaseRecord) -> String {
    if rec.detail.common.is_closed() {
        "Closed"
    } else {
        "Open"
    }
    .to_owned()
}

pub async fn lm_cases(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiJson(req): ApiJson<LmCasesRequest>,
) -> ApiResult<Json<LmCases>> {
    let alert_type = one_of(
        "alertType",
        &req.alert_type,
        &[
            "CaseDetailsReview",
            "ExpiredDocuments",
            "ManualReview",
            "Aml",
        ],
    )?
    .and_then(AlertType::parse);
    let case_type = one_of("caseType", &req.case_type, &["Entity", "Individual"])?;
    let level = one_of("caseLevel", &req.case_level, &["Root", "Sub"])?;
    let status = one_of("caseStatus", &req.case_status, &["Open", "Closed"])?;
    let aml_types = req.aml_alert_types.clone().unwrap_or_default();
    if let Some(bad) = aml_types.iter().find(|t| *t != "New" && *t != "Updated") {
        return Err(ApiError::bad_request(format!(
            "amlAlertTypes takes New and Updated, not {bad:?}"
        )));
    }
    let db = st.read();
    let matching: Vec<LmCase> = db
        .store
        .cases
        .values()
        .filter(|r| !r.deleted && kind_of(r) == kind && !r.alerts.is_empty())
        .filter(|r| {
            req.case_common_id
                .is_none_or(|id| r.detail.common.case_common_id == id)
        })
        .filter(|r| {
            req.assignee_id
                .is_none_or(|a| r.detail.common.assigned_user_id == Some(a))
        })
        .filter(|r| case_type.is_none_or(|t| t == kind_of(r).lm_word()))
        .filter(|r| match level {
            // A sub-case whose parent was deleted stands at the root now.
            Some("Root") => !r.parent_case.is_some_and(|p| db.is_live(p)),
            Some("Sub") => r.parent_case.is_some_and(|p| db.is_live(p)),
            _ => true,
        })
        .filter(|r| status.is_none_or(|s| s == open_or_closed(r)))
        .filter(|r| alert_type.is_none_or(|t| r.alerts.iter().any(|a| a.kind() == Some(t))))
        .filter(|r| {
            aml_types.is_empty() || r.alerts.iter().any(|a| aml_kind_matches(a, &aml_types))
        })
        .map(|r| {
            let count =
                |t: AlertType| r.alerts.iter().filter(|a| a.kind() == Some(t)).count() as i64;
            LmCase {
                case_common_id: r.detail.common.case_common_id,
                name: Some(r.name()),
                case_number: r.detail.common.case_customer_id.clone(),
                address: address(r),
                case_type: Some(kind_of(r).lm_word().to_owned()),
                jurisdiction: jurisdiction(r),
                case_status: Some(open_or_closed(r)),
                review_alert_count: count(AlertType::CaseDetailsReview),
                expired_documents_alert_count: count(AlertType::ExpiredDocuments),
                manual_review_alert_count: count(AlertType::ManualReview),
                aml_alert_count: count(AlertType::Aml),
                extra: Extra::new(),
            }
        })
        .collect();
    let (start, end) = page_bounds(matching.len(), req.page_number, req.page_size)?;
    Ok(Json(LmCases {
        item_count: matching.len() as i64,
        items: matching[start..end].to_vec(),
        extra: Extra::new(),
    }))
}

/// Whether an AML alert has a new (`New`) or updated (`Updated`) match among `types`.
fn aml_kind_matches(alert: &Alert, types: &[String]) -> bool {
    alert.kind() == Some(AlertType::Aml)
        && alert
            .changes
            .iter()
            .filter_map(|c| c.aml_alert.as_ref())
            .any(|a| {
                let word = if a.is_new { "New" } else { "Updated" };
                types.iter().any(|t| t == word)
            })
}

pub async fn lm_alerts(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<LmAlerts>> {
    let db = st.read();
    let rec = db.case(id, Some(kind))?;
    Ok(Json(LmAlerts {
        name: Some(rec.name()),
        case_id: id,
        case_number: rec.detail.common.case_customer_id.clone(),
        address: address(rec),
        case_type: Some(kind.lm_word().to_owned()),
        jurisdiction: jurisdiction(rec),
        case_status: Some(open_or_closed(rec)),
        alerts: rec.alerts.clone(),
        extra: Extra::new(),
    }))
}

pub async fn alert_action(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    ApiJson(req): ApiJson<AlertActionRequest>,
) -> ApiResult<Json<AlertActionResult>> {
    if req.case_common_id != id {
        return Err(ApiError::bad_request(format!(
            "caseCommonId {} does not match the case {id} in the path",
            req.case_common_id
        )));
    }
    let mut db = st.write();
    let new_ids: Vec<Id> = (0..8).map(|_| db.store.fresh_id()).collect();
    let rec = db.case_mut(id, Some(kind))?;
    let idx = rec
        .alerts
        .iter()
        .position(|a| a.alert_id == req.alert_id)
        .ok_or_else(|| {
            ApiError::not_found(format!("Alert {} not found in case {id}", req.alert_id))
        })?;
    let alert = rec.alerts[idx].clone();
    let alert_type = alert.kind().ok_or_else(|| {
        ApiError::bad_request(format!(
            "Alert {} has an unknown type {:?}",
            alert.alert_id,
            alert.alert_type.as_deref().unwrap_or("")
        ))
    })?;
    if !alert_type.allowed_actions().contains(&req.action) {
        return Err(ApiError::bad_request(format!(
            "Action {} is not allowed for a {} alert (allowed: {})",
            req.action.as_str(),
            alert_type.as_str(),
            alert_type
                .allowed_actions()
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    // Guide 3.8.3: a new or updated AML match is dismissed on a live case only; on a closed
    // case it is applied, which adds the match and opens the case.
    if (req.action, alert_type) == (AlertAction::Dismiss, AlertType::Aml)
        && rec.detail.common.is_closed()
    {
        return Err(ApiError::invalid(
            "action",
            format!(
                "Dismiss of an AML alert applies to a live case; case {id} is closed: Apply \
                 adds the match and opens the case (guide 3.8.3)"
            ),
        ));
    }
    let result = match (req.action, alert_type) {
        (AlertAction::Exclude, _) => {
            "Alert excluded; the changes were not applied to the case".to_owned()
        }
        (AlertAction::Apply, AlertType::CaseDetailsReview) => {
            apply_review_changes(rec, &alert.changes);
            "Changes applied to the case; alert removed".to_owned()
        }
        (AlertAction::Apply, AlertType::ManualReview) => {
            format!(
                "{}; alert removed",
                reopen(rec, "Case opened for manual review")
            )
        }
        (AlertAction::Apply, AlertType::Aml) => {
            let n = apply_aml_changes(rec, alert.alert_id, &alert.changes, &new_ids)?;
            format!(
                "{n} AML match(es) added or updated; {}; alert removed",
                reopen(rec, "case opened")
            )
        }
        (AlertAction::Dismiss, _) => "Alert dismissed".to_owned(),
        (AlertAction::Apply, AlertType::ExpiredDocuments) => {
            return Err(ApiError::bad_request(
                "Apply is not allowed for an ExpiredDocuments alert",
            ));
        }
    };
    rec.alerts.remove(idx);
    db.audit(
        id,
        &user,
        &format!("Alert {}", req.action.as_str()),
        None,
        format!("{} alert {}: {result}", alert_type.as_str(), alert.alert_id),
    );
    Ok(Json(AlertActionResult {
        alert_id: alert.alert_id,
        action: Some(req.action.as_str().to_owned()),
        result: Some(result),
        extra: Extra::new(),
    }))
}

/// Opens a closed case (the decision no longer holds); says what happened.
fn reopen(rec: &mut CaseRecord, opened: &str) -> String {
    if rec.detail.common.is_closed() {
        rec.detail.common.status = Some("Open".into());
        rec.detail.common.case_decision = None;
        opened.to_owned()
    } else {
        "case was already open".to_owned()
    }
}

/// Applies a review alert's changes: properties to the case, new officers, shareholders and
/// persons with significant control to the ownership graph.
fn apply_review_changes(rec: &mut CaseRecord, changes: &[Change]) {
    for c in changes {
        if let Some(p) = &c.property {
            rec.set_property(
                p.property_name.clone().unwrap_or_default(),
                p.new_value.clone().unwrap_or_default(),
            );
        }
        let person = |name: &Option<String>, address: &Option<String>| {
            Party::Person(PartyInfo {
                name: name.clone().unwrap_or_default(),
                address: address.clone(),
                ..PartyInfo::default()
            })
        };
        if let Some(o) = &c.officer {
            rec.holders.push(Holding {
                role: o.role.clone().unwrap_or_else(|| "Director".into()),
                parties: vec![person(&o.name, &o.address)],
                group: HoldingGroup::Officers,
                ..Holding::default()
            });
        }
        if let Some(s) = &c.shareholder {
            let shares = s
                .shares_held
                .as_deref()
                .and_then(|v| v.trim().trim_end_matches('%').trim().parse::<f64>().ok());
            rec.holders.push(Holding {
                role: "Shareholder".into(),
                parties: vec![person(&s.name, &s.address)],
                shares,
                group: HoldingGroup::Shareholders,
                ..Holding::default()
            });
        }
        if let Some(p) = &c.person_with_significant_control {
            rec.holders.push(Holding {
                role: "PersonWithSignificantControl".into(),
                parties: vec![person(&p.name, &p.address)],
                group: HoldingGroup::Others,
                ..Holding::default()
            });
        }
    }
}

/// Adds the matches a new-match alert reports, and updates the ones an updated-match alert
/// names by `matchId`; returns how many. Nothing is found by name: two matches (an enforcement
/// record and a sanctions listing of the same company) share one. Every named match is checked
/// before anything changes, so a refused alert leaves the case as it was.
fn apply_aml_changes(
    rec: &mut CaseRecord,
    alert_id: Id,
    changes: &[Change],
    ids: &[Id],
) -> ApiResult<usize> {
    let reports: Vec<&AmlAlert> = changes
        .iter()
        .filter_map(|c| c.aml_alert.as_ref())
        .collect();
    for a in reports.iter().filter(|a| !a.is_new) {
        let known = a.match_id.as_deref().is_some_and(|id| {
            rec.aml
                .all()
                .any(|(_, m)| m.match_id.as_deref() == Some(id))
        });
        if !known {
            return Err(ApiError::bad_request(format!(
                "amlAlert.matchId: alert {alert_id} reports an updated match but names no match \
                 of this case ({:?})",
                a.match_id.as_deref().unwrap_or("")
            )));
        }
    }
    if reports.iter().filter(|a| a.is_new).count() > ids.len() {
        return Err(ApiError::bad_request(format!(
            "alert {alert_id} reports more new matches than one action can add"
        )));
    }
    let mut ids = ids.iter().copied();
    for a in &reports {
        if a.is_new {
            if let Some(step_id) = ids.next() {
                add_match(rec, a, step_id);
            }
        } else {
            update_match(rec, a);
        }
    }
    rec.recompute_aml();
    Ok(reports.len())
}

/// A new match with its own step and its own `matchId`.
fn add_match(rec: &mut CaseRecord, a: &AmlAlert, step_id: Id) {
    let m = AmlMatch {
        case_step_id: step_id,
        match_id: Some(format!("LM-{step_id}")),
        category: a.aml_match_type.clone(),
        name: a.name.clone(),
        country: a.country.clone(),
        biography: a.biography.clone(),
        updated_on: a.updated_on.clone().or_else(|| Some(now_iso())),
        ..AmlMatch::default()
    };
    let name = format!("AML: {}", a.name.clone().unwrap_or_default());
    rec.add_step(
        "AML screening",
        Step {
            name: Some(name),
            step_type: Some("Aml".into()),
            status: StepStatus::NotReviewed,
            case_step_id: step_id,
            ..Step::default()
        },
        StepDetails {
            aml_match: Some(m.clone()),
            ..StepDetails::default()
        },
    );
    rec.aml.world_checks.push(m);
}

/// Updates the one match the alert names (checked to exist) in the AML checks, where it is held
/// (its step's details show it from there); every other match stays as it was.
fn update_match(rec: &mut CaseRecord, a: &AmlAlert) {
    let Some(id) = a.match_id.as_deref() else {
        return;
    };
    let Some(m) = rec
        .aml
        .world_checks
        .iter_mut()
        .chain(rec.aml.lexis_nexis_checks.iter_mut())
        .find(|m| m.match_id.as_deref() == Some(id))
    else {
        return;
    };
    m.category = a.aml_match_type.clone().or(m.category.take());
    m.country = a.country.clone().or(m.country.take());
    m.biography = a.biography.clone().or(m.biography.take());
    m.updated_on = a.updated_on.clone().or_else(|| Some(now_iso()));
    m.is_excluded = false;
    m.excluded_reason = None;
}

/// A review date as stored: a concrete DD/MM/YYYY date, or "Do not review".
pub fn resolve_review_date(value: &str, today: NaiveDate) -> ApiResult<String> {
    let v = value.trim();
    if v == "Do not review" {
        return Ok(v.to_owned());
    }
    let months = match v {
        "Review now" => Some(0),
        "3 months" | "3 month" => Some(3),
        "6 months" | "6 month" => Some(6),
        "9 months" | "9 month" => Some(9),
        "1 year" => Some(12),
        "2 years" => Some(24),
        "3 years" => Some(36),
        "5 years" => Some(60),
        "10 years" => Some(120),
        _ => None,
    };
    let date = match months {
        Some(m) => today.checked_add_months(Months::new(m)),
        None => NaiveDate::parse_from_str(v, "%d/%m/%Y").ok(),
    }
    .ok_or_else(|| {
        ApiError::bad_request(format!(
            "reviewDate {v:?} is neither a DD/MM/YYYY date nor one of: {}",
            REVIEW_CHOICES.join(", ")
        ))
    })?;
    Ok(date.format("%d/%m/%Y").to_string())
}

pub async fn review_date(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    ApiJson(req): ApiJson<ReviewDate>,
) -> ApiResult<Json<ReviewDate>> {
    let given = req
        .review_date
        .ok_or_else(|| ApiError::bad_request("reviewDate is required"))?;
    let stored = resolve_review_date(&given, chrono::Utc::now().date_naive())?;
    let mut db = st.write();
    let rec = db.case_mut(id, Some(kind))?;
    rec.detail.case_review_date = Some(stored.clone());
    rec.detail.common.scheduled_review_date = Some(stored.clone());
    db.audit(
        id,
        &user,
        "Review date set",
        None,
        format!("{given} → {stored}"),
    );
    Ok(Json(ReviewDate {
        review_date: Some(stored),
        extra: Extra::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_periods_become_dates() {
        let today = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        assert_eq!(
            resolve_review_date("3 months", today).unwrap(),
            "30/04/2024"
        );
        assert_eq!(resolve_review_date("1 year", today).unwrap(), "31/01/2025");
        assert_eq!(
            resolve_review_date("Review now", today).unwrap(),
            "31/01/2024"
        );
        assert_eq!(
            resolve_review_date("Do not review", today).unwrap(),
            "Do not review"
        );
        assert_eq!(
            resolve_review_date("05/06/2025", today).unwrap(),
            "05/06/2025"
        );
        assert!(resolve_review_date("31/02/2025", today).is_err());
        assert!(resolve_review_date("soon", today).is_err());
    }
}
