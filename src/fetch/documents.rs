//! The document requests that take more than one call, or I/O besides the API: the mandatory
//! rules of either kind of case, every document step's details, the report's 409, and reading
//! a file to upload (kept here so `update()` never touches the file system).

use crate::api::{
    ApiError, CaseKind, Client, ErrorKind, Id, MandatoryDocument, StepDetails, Upload,
};
use crate::app::docs_paths;
use crate::app::{Failure, Payload};
use std::path::Path;

/// Both kinds answer as company rules: an individual's categories become rules with that name.
pub async fn mandatory(
    client: &Client,
    kind: CaseKind,
    id: Id,
) -> Result<Payload, crate::api::ApiError> {
    match kind {
        CaseKind::Company => client
            .mandatory_company_documents(id)
            .await
            .map(Payload::MandatoryDocuments),
        CaseKind::Individual => client.mandatory_individual_documents(id).await.map(|cats| {
            Payload::MandatoryDocuments(
                cats.into_iter()
                    .map(|c| MandatoryDocument {
                        mandatory_document: Some(c),
                        ..MandatoryDocument::default()
                    })
                    .collect(),
            )
        }),
    }
}

/// The steps, then the details of each document step (in parallel, within the fetch layer's
/// bound on requests: these count as one).
pub async fn document_steps(client: &Client, id: Id) -> Result<Payload, crate::api::ApiError> {
    let groups = client.case_steps(id).await?;
    let ids: Vec<Id> = groups
        .iter()
        .flat_map(|g| g.steps.iter())
        .filter(|s| {
            s.step_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("Document"))
        })
        .map(|s| s.case_step_id)
        .collect();
    let answers =
        futures::future::join_all(ids.into_iter().map(|step| client.step_details(id, step))).await;
    let details: Result<Vec<StepDetails>, _> = answers.into_iter().collect();
    details.map(Payload::DocumentSteps)
}

/// A 409 on a report means the case is still being built: say so in words, with the API's
/// own lines.
pub fn report_not_ready(id: Id, e: &ApiError) -> Failure {
    Failure {
        summary: format!(
            "the report of case {id} is not ready: the case is still being built (try again in a moment)"
        ),
        details: e.details(),
    }
}

/// A file that cannot be uploaded: the request never leaves the process.
fn unreadable(cause: String) -> ApiError {
    ApiError::new("upload document", ErrorKind::Io { cause })
}

/// Read the file to upload. A missing or unreadable file is a failure that names the path.
pub async fn read_upload(
    typed: &Path,
    name: String,
    file_cat: String,
    create_new_step: bool,
) -> Result<Upload, ApiError> {
    let path = docs_paths::expand_home(typed, etcetera::home_dir().ok().as_deref());
    let meta = tokio::fs::metadata(&path)
        .await
        .map_err(|e| unreadable(format!("cannot read {}: {e}", path.display())))?;
    if meta.is_dir() {
        return Err(unreadable(format!(
            "{} is a folder: choose a file",
            path.display()
        )));
    }
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|e| unreadable(format!("cannot read {}: {e}", path.display())))?;
    if bytes.is_empty() {
        return Err(unreadable(format!(
            "{} is empty: nothing to upload",
            path.display()
        )));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload".to_owned());
    Ok(Upload {
        name: if name.trim().is_empty() {
            file_name.clone()
        } else {
            name
        },
        file_cat,
        create_new_step,
        content_type: docs_paths::content_type(&file_name).to_owned(),
        file_name,
        bytes,
    })
}
