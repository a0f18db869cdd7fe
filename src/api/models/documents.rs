//! Documents of a case: listings, mandatory rules, uploads, requests, pre-validation.

use super::Extra;
use crate::api::flex::{self, Id};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// `GET …/documents`: `{"caseCommonId", "name", "documents": {"<group>": […]}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseDocuments {
    #[serde(deserialize_with = "flex::id")]
    pub case_common_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    /// Group name → documents, in the order the server sent them.
    pub documents: IndexMap<String, Vec<DocumentRef>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One document in a listing. Its id is the last segment of `link`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentRef {
    #[serde(deserialize_with = "flex::opt_string")]
    pub link: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub category: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub data_source: Option<String>,
    /// [I] When the document was issued (`YYYY-MM-DD`), where the data has it.
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issue_date: Option<String>,
    /// [I] When the document stops being valid (`YYYY-MM-DD`), for documents that expire.
    #[serde(
        deserialize_with = "flex::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_date: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl DocumentRef {
    /// The document id: the last path segment of `link`.
    pub fn document_id(&self) -> Option<String> {
        document_id_from_link(self.link.as_deref()?)
    }
}

/// `https://…/v2/document/3368` → `3368`.
pub fn document_id_from_link(link: &str) -> Option<String> {
    let seg = link.trim_end_matches('/').rsplit('/').next()?;
    let seg = seg.split(['?', '#']).next()?;
    (!seg.is_empty()).then(|| seg.to_owned())
}

/// Mandatory document rule of a company case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MandatoryDocument {
    #[serde(deserialize_with = "flex::opt_string")]
    pub data_source: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub mandatory_document: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub other_names: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"key", "value"}` message of upload and pre-validation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyValue {
    #[serde(deserialize_with = "flex::opt_string")]
    pub key: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub value: Option<String>,
}

/// The answer to an upload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UploadResult {
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_document_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_id")]
    pub case_step_id: Option<Id>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub category: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub link: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub prevalidation_messages: Vec<KeyValue>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What to upload (sent as multipart).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Upload {
    pub name: String,
    pub file_cat: String,
    pub create_new_step: bool,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// `POST …/documents/request`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRequest {
    #[serde(deserialize_with = "flex::id")]
    pub case_common_id: Id,
    pub documents: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default)]
    pub allow_edit: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentRequestResult {
    #[serde(deserialize_with = "flex::opt_string")]
    pub access_code: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v2/Individuals/documents/prevalidate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PrevalidateResult {
    #[serde(deserialize_with = "flex::bool")]
    pub is_valid: bool,
    #[serde(deserialize_with = "flex::vec")]
    pub prevalidation_messages: Vec<KeyValue>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A downloaded document or report.
#[derive(Debug, Clone, PartialEq)]
pub struct Download {
    pub content_type: Option<String>,
    /// From `Content-Disposition`, when the server names the file.
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}
