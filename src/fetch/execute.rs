//! One request of the app, carried out through the API client.

use crate::api::{ApiError, Client, Page};
use crate::app::{Failure, Payload, Request};

/// What a reviewer reads of an API error: the one-line message, then the API's own errors.
pub fn failure(e: &ApiError) -> Failure {
    Failure {
        summary: e.to_string(),
        details: e.details(),
    }
}

/// What a reviewer reads of a failed read: a registry search's refusals (504, too broad) read
/// as what to do next, not as HTTP.
pub fn read_failure(request: &Request, e: &ApiError) -> Failure {
    match request {
        Request::Search(_) => crate::app::search::failure(e, failure(e)),
        Request::Report { id, .. } if e.status == Some(409) => {
            super::documents::report_not_ready(*id, e)
        }
        _ => failure(e),
    }
}

/// Carry out one API request. [`Request::Journal`] is not one: the fetcher answers it itself.
pub async fn call(client: &Client, request: &Request) -> Result<Payload, ApiError> {
    match request.clone() {
        Request::ListCases {
            kind,
            page,
            page_size,
        } => client
            .list_cases(kind, page, page_size)
            .await
            .map(|Page { items, total }| Payload::CasePage { items, total }),
        Request::CaseDetail { kind, id } => client
            .case_detail(kind, id)
            .await
            .map(|d| Payload::CaseDetail(Box::new(d))),
        Request::Steps { id } => client.case_steps(id).await.map(Payload::Steps),
        Request::StepDetails { id, step } => client
            .step_details(id, step)
            .await
            .map(|d| Payload::StepDetails(Box::new(d))),
        Request::Notes { id, step } => client.step_notes(id, step).await.map(Payload::Notes),
        Request::SetStepStatus { id, step, status } => client
            .set_step_status(id, step, status)
            .await
            .map(|d| Payload::StepUpdated(Box::new(d))),
        Request::Activate { id, step } => client
            .activate_step(id, step)
            .await
            .map(|s| Payload::Activated(Box::new(s))),
        Request::AddNote { id, step, text } => client
            .add_note(id, step, &text)
            .await
            .map(|n| Payload::NoteAdded(Box::new(n))),
        Request::DeleteNote { id, step, note } => client
            .delete_note(id, step, note)
            .await
            .map(|()| Payload::NoteDeleted),
        Request::OrgChart { id } => client
            .org_chart(id)
            .await
            .map(|n| Payload::OrgChart(Box::new(n))),
        Request::Members { id } => client
            .members(id)
            .await
            .map(|m| Payload::Members(Box::new(m))),
        Request::Link {
            kind,
            parent,
            id,
            request,
        } => client
            .link_case(kind, parent, id, &request)
            .await
            .map(|s| Payload::Linked(Box::new(s))),
        Request::AmlChecks { kind, id } => client
            .aml_checks(kind, id)
            .await
            .map(|c| Payload::AmlChecks(Box::new(c))),
        Request::IdentityFields { id, step } => client
            .step_details(id, step)
            .await
            .map(|d| Payload::StepDetails(Box::new(d))),
        Request::ExcludeAml { id, step, reason } => client
            .exclude_aml(id, step, Some(reason))
            .await
            .map(|d| Payload::StepUpdated(Box::new(d))),
        Request::ExclusionNote { id, step, text } => client
            .add_note(id, step, &text)
            .await
            .map(|n| Payload::NoteAdded(Box::new(n))),
        Request::LmCases { kind, filter } => {
            client.lm_cases(kind, &filter).await.map(Payload::LmCases)
        }
        Request::LmAlerts { kind, id } => client
            .lm_alerts(kind, id)
            .await
            .map(|d| Payload::LmAlerts(Box::new(d))),
        Request::AlertAction { kind, id, request } => client
            .alert_action(kind, id, &request)
            .await
            .map(Payload::AlertActioned),
        Request::SetReviewDate { kind, id, date } => client
            .set_review_date(kind, id, &date)
            .await
            .map(Payload::ReviewDateSet),
        Request::Users => client
            .list_users(&crate::api::UserListRequest::default())
            .await
            .map(Payload::Users),
        Request::AssignUser { id, user } => client
            .assign_user(id, user)
            .await
            .map(|c| Payload::Assigned(Box::new(c))),
        Request::Journal => Err(ApiError::new(
            "journal",
            crate::api::ErrorKind::Config {
                problem: "the journal is local and is read by the fetcher".to_owned(),
            },
        )),
        Request::Search(req) => client.search_companies(&req).await.map(Payload::Searched),
        Request::Jurisdictions => client.jurisdictions().await.map(Payload::Jurisdictions),
        Request::CompanyTypes => client.company_types().await.map(Payload::CompanyTypes),
        Request::CreateCompany(req) => client
            .create_company(&req)
            .await
            .map(|c| Payload::Created(Box::new(c))),
        Request::ImportCompany(req) => client
            .import_company(&req)
            .await
            .map(|c| Payload::Created(Box::new(c))),
        Request::CreateIndividual { import, request } => if import {
            client.import_individual(&request).await
        } else {
            client.create_individual(&request).await
        }
        .map(|c| Payload::Created(Box::new(c))),
        Request::Properties { kind, id } => {
            client.properties(kind, id).await.map(Payload::Properties)
        }
        Request::SetProperty { kind, id, property } => client
            .set_properties(kind, id, std::slice::from_ref(&property))
            .await
            .map(Payload::Properties),
        Request::RemoveProperty {
            kind,
            id,
            data_type,
        } => client
            .delete_property(kind, id, &data_type)
            .await
            .map(|()| Payload::PropertyRemoved),
        Request::SetCaseStatus { kind, id, request } => client
            .set_case_status(kind, id, &request)
            .await
            .map(|d| Payload::CaseDetail(Box::new(d))),
        Request::DeleteCase { kind, id } => client
            .delete_case(kind, id)
            .await
            .map(|()| Payload::CaseDeleted),
        Request::AuditTrail { kind, id } => {
            client.audit_trail(kind, id).await.map(Payload::AuditTrail)
        }
        Request::UpdateIdentity { kind, id, update } => client
            .update_identity(kind, id, &update)
            .await
            .map(|d| Payload::CaseDetail(Box::new(d))),
        Request::Documents { kind, id } => client
            .documents(kind, id)
            .await
            .map(|d| Payload::Documents(Box::new(d))),
        Request::MandatoryDocuments { kind, id } => {
            super::documents::mandatory(client, kind, id).await
        }
        Request::DocumentSteps { id } => super::documents::document_steps(client, id).await,
        Request::Download { document } => client
            .download_document(&document)
            .await
            .map(|d| Payload::Downloaded(Box::new(d))),
        Request::Report { kind, id } => client
            .report(kind, id)
            .await
            .map(|d| Payload::Downloaded(Box::new(d))),
        Request::Upload {
            kind,
            id,
            path,
            name,
            file_cat,
            create_new_step,
        } => {
            let upload =
                super::documents::read_upload(&path, name, file_cat, create_new_step).await?;
            client
                .upload_document(kind, id, &upload)
                .await
                .map(|u| Payload::Uploaded(Box::new(u)))
        }
        Request::Prevalidate {
            path,
            name,
            file_cat,
        } => {
            let upload = super::documents::read_upload(&path, name, file_cat, false).await?;
            client
                .prevalidate_document(&upload)
                .await
                .map(|p| Payload::Prevalidated(Box::new(p)))
        }
        Request::RequestDocuments { kind, id, request } => client
            .request_documents(kind, id, &request)
            .await
            .map(Payload::DocumentsRequested),
    }
}
