//! Live monitoring: the alert inbox, alert details, alert actions, review dates.

use super::by_kind;
use super::cases::case_path;
use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::flex::Id;
use crate::api::models::{
    AlertActionRequest, AlertActionResult, CaseKind, LmAlerts, LmCases, LmCasesRequest, ReviewDate,
};
use crate::api::transport::Call;

impl Client {
    /// Cases with alerts. A read-only POST, so it is retried like a GET.
    pub async fn lm_cases(
        &self,
        kind: CaseKind,
        request: &LmCasesRequest,
    ) -> Result<LmCases, ApiError> {
        let call = Call::post(
            by_kind!(kind, "POST", "/lm-cases"),
            format!("/v2/{}/lm-cases", kind.segment()),
        )
        .json(request)?
        .read_only();
        self.fetch_json(call).await
    }

    pub async fn lm_alerts(&self, kind: CaseKind, id: Id) -> Result<LmAlerts, ApiError> {
        let call = Call::get(
            by_kind!(kind, "GET", "/{id}/lm-alerts"),
            case_path(kind, id, "/lm-alerts"),
        );
        self.fetch_json(call).await
    }

    /// Apply, exclude or dismiss an alert (guide 3.8.3).
    pub async fn alert_action(
        &self,
        kind: CaseKind,
        id: Id,
        request: &AlertActionRequest,
    ) -> Result<AlertActionResult, ApiError> {
        let call = Call::post(
            by_kind!(kind, "POST", "/{id}/lm-alerts-action"),
            case_path(kind, id, "/lm-alerts-action"),
        )
        .json(request)?;
        self.fetch_json(call).await
    }

    /// `review_date`: `DD/MM/YYYY` or one of [`crate::api::REVIEW_CHOICES`].
    pub async fn set_review_date(
        &self,
        kind: CaseKind,
        id: Id,
        review_date: &str,
    ) -> Result<ReviewDate, ApiError> {
        let body = ReviewDate {
            review_date: Some(review_date.to_owned()),
            ..ReviewDate::default()
        };
        let call = Call::put(
            by_kind!(kind, "PUT", "/{id}/review-date"),
            case_path(kind, id, "/review-date"),
        )
        .json(&body)?;
        self.fetch_json(call).await
    }
}
