//! Case steps: the grouped list, details, review status, AML exclusion.

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::flex::Id;
use crate::api::models::{ExcludeRequest, StepDetails, StepGroup, StepStatus, StepStatusRequest};
use crate::api::transport::Call;

impl Client {
    pub async fn case_steps(&self, id: Id) -> Result<Vec<StepGroup>, ApiError> {
        let call = Call::get("GET /v2/CaseSteps/{id}", format!("/v2/CaseSteps/{id}"));
        self.fetch_json(call).await
    }

    pub async fn step_details(&self, id: Id, step_id: Id) -> Result<StepDetails, ApiError> {
        let call = Call::get(
            "GET /v2/CaseSteps/{id}/details/{stepId}",
            format!("/v2/CaseSteps/{id}/details/{step_id}"),
        );
        self.fetch_json(call).await
    }

    /// Record the reviewer's verdict on a step; answers the updated step.
    pub async fn set_step_status(
        &self,
        id: Id,
        step_id: Id,
        status: StepStatus,
    ) -> Result<StepDetails, ApiError> {
        let body = StepStatusRequest {
            status,
            is_collapsed: false,
        };
        let call = Call::patch(
            "PATCH /v2/CaseSteps/{id}/status/{stepId}",
            format!("/v2/CaseSteps/{id}/status/{step_id}"),
        )
        .json(&body)?;
        self.fetch_json(call).await
    }

    /// Exclude an AML match as a false positive; answers the updated step.
    pub async fn exclude_aml(
        &self,
        id: Id,
        step_id: Id,
        reason: Option<String>,
    ) -> Result<StepDetails, ApiError> {
        let call = Call::patch(
            "PATCH /v2/CaseSteps/{id}/exclude/{stepId}",
            format!("/v2/CaseSteps/{id}/exclude/{step_id}"),
        )
        .json(&ExcludeRequest { reason })?;
        self.fetch_json(call).await
    }
}
