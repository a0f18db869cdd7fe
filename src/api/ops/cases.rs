//! Cases: search, list, create and import, details, properties, structure, status, reports.

use super::{by_kind, segment};
use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::flex::Id;
use crate::api::models::{
    AmlChecks, AuditEntry, CaseDetailEnvelope, CaseDetails, CaseKind, CaseListItem,
    CaseStatusRequest, CreateCompanyRequest, CreateIndividualRequest, CreatedCase, Download,
    IdentityUpdate, ImportCompanyRequest, LinkRequest, Members, OrgNode, Property, SearchRequest,
    SearchResponse, SearchResult, Step,
};
use crate::api::transport::Call;

/// One page of a list, with the total the server reported (`X-Total-Count`), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: Option<u64>,
}

impl Client {
    /// `POST /v2/Companies/search`: a live registry search, which can take up to 150 s. It is
    /// never repeated automatically: a retry would only queue a second slow search.
    pub async fn search_companies(
        &self,
        request: &SearchRequest,
    ) -> Result<Vec<SearchResult>, ApiError> {
        let call = Call::post(
            "POST /v2/Companies/search",
            "/v2/Companies/search".to_owned(),
        )
        .json(request)?
        .slow();
        let response: SearchResponse = self.fetch_json(call).await?;
        Ok(response.company_search.results)
    }

    /// One page (1-based) of the company or individual cases.
    pub async fn list_cases(
        &self,
        kind: CaseKind,
        page: u32,
        page_size: u32,
    ) -> Result<Page<CaseListItem>, ApiError> {
        let call = Call::get(by_kind!(kind, "GET", ""), format!("/v2/{}", kind.segment()))
            .query("pageNumber", page)
            .query("pageSize", page_size);
        let (items, headers) = self.fetch_json_with_headers(call).await?;
        let total = headers
            .get("x-total-count")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        Ok(Page { items, total })
    }

    pub async fn create_company(
        &self,
        request: &CreateCompanyRequest,
    ) -> Result<CreatedCase, ApiError> {
        let call = Call::post("POST /v2/Companies", "/v2/Companies".to_owned()).json(request)?;
        self.fetch_json(call).await
    }

    pub async fn import_company(
        &self,
        request: &ImportCompanyRequest,
    ) -> Result<CreatedCase, ApiError> {
        let call = Call::post(
            "POST /v2/Companies/import",
            "/v2/Companies/import".to_owned(),
        )
        .json(request)?;
        self.fetch_json(call).await
    }

    pub async fn create_individual(
        &self,
        request: &CreateIndividualRequest,
    ) -> Result<CreatedCase, ApiError> {
        let call =
            Call::post("POST /v2/Individuals", "/v2/Individuals".to_owned()).json(request)?;
        self.fetch_json(call).await
    }

    pub async fn import_individual(
        &self,
        request: &CreateIndividualRequest,
    ) -> Result<CreatedCase, ApiError> {
        let call = Call::post(
            "POST /v2/Individuals/import",
            "/v2/Individuals/import".to_owned(),
        )
        .json(request)?;
        self.fetch_json(call).await
    }

    /// The case overview, unwrapped from `{"caseDetail": {"details": …}}`.
    pub async fn case_detail(&self, kind: CaseKind, id: Id) -> Result<CaseDetails, ApiError> {
        let call = Call::get(by_kind!(kind, "GET", "/{id}"), case_path(kind, id, ""));
        let envelope: CaseDetailEnvelope = self.fetch_json(call).await?;
        Ok(envelope.case_detail.details)
    }

    pub async fn properties(&self, kind: CaseKind, id: Id) -> Result<Vec<Property>, ApiError> {
        let call = Call::get(
            by_kind!(kind, "GET", "/{id}/properties"),
            case_path(kind, id, "/properties"),
        );
        self.fetch_json(call).await
    }

    /// Upserts the given properties by `dataType`; answers the full list.
    pub async fn set_properties(
        &self,
        kind: CaseKind,
        id: Id,
        properties: &[Property],
    ) -> Result<Vec<Property>, ApiError> {
        let call = Call::post(
            by_kind!(kind, "POST", "/{id}/properties"),
            case_path(kind, id, "/properties"),
        )
        .json(properties)?;
        self.fetch_json(call).await
    }

    pub async fn delete_property(
        &self,
        kind: CaseKind,
        id: Id,
        data_type: &str,
    ) -> Result<(), ApiError> {
        let call = Call::delete(
            by_kind!(kind, "DELETE", "/{id}/properties/{dataType}"),
            case_path(kind, id, &format!("/properties/{}", segment(data_type))),
        );
        self.fetch_empty(call).await
    }

    pub async fn org_chart(&self, id: Id) -> Result<OrgNode, ApiError> {
        let call = Call::get(
            "GET /v2/Companies/{id}/org-chart",
            case_path(CaseKind::Company, id, "/org-chart"),
        );
        self.fetch_json(call).await
    }

    pub async fn members(&self, id: Id) -> Result<Members, ApiError> {
        let call = Call::get(
            "GET /v2/Companies/{id}/members",
            case_path(CaseKind::Company, id, "/members"),
        );
        self.fetch_json(call).await
    }

    /// Link case `id` under `parent_id`; answers the new linked-case step.
    pub async fn link_case(
        &self,
        kind: CaseKind,
        parent_id: Id,
        id: Id,
        request: &LinkRequest,
    ) -> Result<Step, ApiError> {
        let call = Call::post(
            by_kind!(kind, "POST", "/{parentId}/link/{id}"),
            case_path(kind, parent_id, &format!("/link/{id}")),
        )
        .json(request)?;
        self.fetch_json(call).await
    }

    /// Activate a deactivated step for full KYC verification.
    pub async fn activate_step(&self, id: Id, step_id: Id) -> Result<Step, ApiError> {
        let call = Call::post(
            "POST /v2/Companies/{id}/activate/{caseStepId}",
            case_path(CaseKind::Company, id, &format!("/activate/{step_id}")),
        );
        self.fetch_json(call).await
    }

    pub async fn aml_checks(&self, kind: CaseKind, id: Id) -> Result<AmlChecks, ApiError> {
        let call = Call::get(
            by_kind!(kind, "GET", "/{id}/amlchecks"),
            case_path(kind, id, "/amlchecks"),
        );
        self.fetch_json(call).await
    }

    /// Change identity fields; answers the updated case.
    pub async fn update_identity(
        &self,
        kind: CaseKind,
        id: Id,
        update: &IdentityUpdate,
    ) -> Result<CaseDetails, ApiError> {
        let call = Call::put(
            by_kind!(kind, "PUT", "/{id}/identity"),
            case_path(kind, id, "/identity"),
        )
        .json(update)?;
        let envelope: CaseDetailEnvelope = self.fetch_json(call).await?;
        Ok(envelope.case_detail.details)
    }

    /// Close (with a decision) or reopen a case; answers the updated case.
    pub async fn set_case_status(
        &self,
        kind: CaseKind,
        id: Id,
        request: &CaseStatusRequest,
    ) -> Result<CaseDetails, ApiError> {
        let call = Call::patch(
            by_kind!(kind, "PATCH", "/{id}/status"),
            case_path(kind, id, "/status"),
        )
        .json(request)?;
        let envelope: CaseDetailEnvelope = self.fetch_json(call).await?;
        Ok(envelope.case_detail.details)
    }

    pub async fn delete_case(&self, kind: CaseKind, id: Id) -> Result<(), ApiError> {
        let call = Call::delete(by_kind!(kind, "DELETE", "/{id}"), case_path(kind, id, ""));
        self.fetch_empty(call).await
    }

    /// The case report (PDF). A case still being built answers 409 ([`crate::api::ErrorKind::Building`]).
    pub async fn report(&self, kind: CaseKind, id: Id) -> Result<Download, ApiError> {
        let call = Call::get(
            by_kind!(kind, "GET", "/{id}/report"),
            case_path(kind, id, "/report"),
        );
        self.fetch_download(call).await
    }

    /// Newest first.
    pub async fn audit_trail(&self, kind: CaseKind, id: Id) -> Result<Vec<AuditEntry>, ApiError> {
        let call = Call::get(
            by_kind!(kind, "GET", "/{id}/audittrail"),
            case_path(kind, id, "/audittrail"),
        );
        self.fetch_json(call).await
    }
}

/// `/v2/{Companies|Individuals}/{id}{rest}`.
pub(super) fn case_path(kind: CaseKind, id: Id, rest: &str) -> String {
    format!("/v2/{}/{id}{rest}", kind.segment())
}
