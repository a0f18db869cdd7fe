//! Documents: a case's listing, its mandatory rules, every document step's details, downloads,
//! the report, uploads, pre-validation and requests to the end user.

use super::{About, Backend, Change, Decided, Failure, Operation, ReadBack};
use crate::api::{
    ApiError, CaseDocuments, CaseKind, DocumentRequest, DocumentRequestResult,
    Download as Downloaded, ErrorKind, Id, MandatoryDocument, PrevalidateResult, StepDetails,
    Upload as UploadBody, UploadResult,
};
use std::path::{Path, PathBuf};

/// A case's documents, grouped as the API groups them.
#[derive(Debug, Clone, PartialEq)]
pub struct Documents {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for Documents {
    type Answer = Box<CaseDocuments>;
    const NAME: &'static str = "documents";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.documents(self.kind, self.id).await.map(Box::new)
    }
}

/// A company's mandatory document rules, or an individual's mandatory categories (as rules
/// with that name, so both kinds answer alike).
#[derive(Debug, Clone, PartialEq)]
pub struct MandatoryDocuments {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for MandatoryDocuments {
    type Answer = Vec<MandatoryDocument>;
    const NAME: &'static str = "mandatory documents";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        match self.kind {
            CaseKind::Company => b.client.mandatory_company_documents(self.id).await,
            CaseKind::Individual => {
                let cats = b.client.mandatory_individual_documents(self.id).await?;
                Ok(cats
                    .into_iter()
                    .map(|c| MandatoryDocument {
                        mandatory_document: Some(c),
                        ..MandatoryDocument::default()
                    })
                    .collect())
            }
        }
    }
}

/// The details of every document step of a case: availability and verification status.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSteps {
    pub id: Id,
}

impl Operation for DocumentSteps {
    type Answer = Vec<StepDetails>;
    const NAME: &'static str = "document steps";
    fn about(&self) -> About {
        About::case(self.id)
    }
    /// The steps, then the details of each document step in parallel (within the fetch layer's
    /// bound on requests these count as one).
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let groups = b.client.case_steps(self.id).await?;
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
        let answers = futures::future::join_all(
            ids.into_iter()
                .map(|step| b.client.step_details(self.id, step)),
        )
        .await;
        answers.into_iter().collect()
    }
}

/// Download a document by its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Download {
    pub document: String,
}

impl Operation for Download {
    type Answer = Box<Downloaded>;
    const NAME: &'static str = "download document";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .download_document(&self.document)
            .await
            .map(Box::new)
    }
}

/// The case report (409 while the case builds).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for Report {
    type Answer = Box<Downloaded>;
    const NAME: &'static str = "case report";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.report(self.kind, self.id).await.map(Box::new)
    }
    /// A 409 means the case is still being built: say so in words, with the API's own lines.
    fn failure(&self, e: &ApiError) -> Failure {
        if e.status != Some(409) {
            return Failure::from_api(e);
        }
        Failure {
            summary: format!(
                "the report of case {} is not ready: the case is still being built (try again \
                 in a moment)",
                self.id
            ),
            details: e.details(),
        }
    }
}

/// Upload a file: the fetch layer reads it from `path`, so `update()` does no I/O.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub kind: CaseKind,
    pub id: Id,
    pub path: PathBuf,
    pub name: String,
    pub file_cat: String,
    pub create_new_step: bool,
}

impl Operation for Upload {
    type Answer = Box<UploadResult>;
    const NAME: &'static str = "upload document";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let upload = read_upload(
            &self.path,
            self.name.clone(),
            self.file_cat.clone(),
            self.create_new_step,
        )
        .await?;
        b.client
            .upload_document(self.kind, self.id, &upload)
            .await
            .map(Box::new)
    }
}

impl Change for Upload {
    /// The category and where it goes; never the file's contents.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let new_step = if self.create_new_step { "yes" } else { "no" };
        vec![
            ("category", self.file_cat.clone()),
            ("new step", new_step.to_owned()),
        ]
    }

    /// What the pane shows of the answer (name, step) is optional; it reads the documents again.
    fn complete(&self, _: &Self::Answer) -> bool {
        true
    }

    fn destructive(&self) -> bool {
        false
    }
    /// The server names an uploaded document as it likes, so the listing cannot tell this
    /// upload from an earlier one of the same file.
    async fn read_back(&self, _: &Backend) -> ReadBack<Self::Answer> {
        ReadBack::Cannot(
            "an upload cannot be told from an earlier one of the same file; look in the \
             documents pane (D) before uploading it again"
                .to_owned(),
        )
    }
}

/// Pre-validate an individual's document (changes nothing on the server).
#[derive(Debug, Clone, PartialEq)]
pub struct Prevalidate {
    pub path: PathBuf,
    pub name: String,
    pub file_cat: String,
}

impl Operation for Prevalidate {
    type Answer = Box<PrevalidateResult>;
    const NAME: &'static str = "pre-validate document";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let upload =
            read_upload(&self.path, self.name.clone(), self.file_cat.clone(), false).await?;
        b.client.prevalidate_document(&upload).await.map(Box::new)
    }
}

/// Ask the end user for documents by e-mail or text message.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestDocuments {
    pub kind: CaseKind,
    pub id: Id,
    pub request: DocumentRequest,
}

impl Operation for RequestDocuments {
    type Answer = DocumentRequestResult;
    const NAME: &'static str = "request documents";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .request_documents(self.kind, self.id, &self.request)
            .await
    }
}

impl Change for RequestDocuments {
    /// The documents asked for; the e-mail address and phone number stay out.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let edit = if self.request.allow_edit { "yes" } else { "no" };
        vec![
            ("documents", self.request.documents.join(", ")),
            ("allow edit", edit.to_owned()),
        ]
    }

    /// What the pane shows of the answer (access code) is optional and said as such.
    fn complete(&self, _: &Self::Answer) -> bool {
        true
    }

    fn destructive(&self) -> bool {
        false
    }
    /// A message sent to the end user leaves nothing the API can read.
    async fn read_back(&self, _: &Backend) -> ReadBack<Self::Answer> {
        ReadBack::Cannot(
            "a request sent to the end user leaves nothing the API can read; ask them before \
             sending it again"
                .to_owned(),
        )
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
) -> Result<UploadBody, ApiError> {
    let path = crate::paths::expand_home(typed, etcetera::home_dir().ok().as_deref());
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
    Ok(UploadBody {
        name: if name.trim().is_empty() {
            file_name.clone()
        } else {
            name
        },
        file_cat,
        create_new_step,
        content_type: crate::paths::content_type(&file_name).to_owned(),
        file_name,
        bytes,
    })
}
