//! Documents: listings, mandatory rules, uploads, pre-validation, requests, downloads.

use super::cases::case_path;
use super::{by_kind, segment};
use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::flex::Id;
use crate::api::models::{
    CaseDocuments, CaseKind, DocumentRequest, DocumentRequestResult, Download, MandatoryDocument,
    PrevalidateResult, Upload, UploadResult,
};
use crate::api::transport::{Call, Field};

impl Client {
    pub async fn documents(&self, kind: CaseKind, id: Id) -> Result<CaseDocuments, ApiError> {
        let call = Call::get(
            by_kind!(kind, "GET", "/{id}/documents"),
            case_path(kind, id, "/documents"),
        );
        self.fetch_json(call).await
    }

    pub async fn mandatory_company_documents(
        &self,
        id: Id,
    ) -> Result<Vec<MandatoryDocument>, ApiError> {
        let call = Call::get(
            "GET /v2/Companies/{id}/documents/rules/mandatory",
            case_path(CaseKind::Company, id, "/documents/rules/mandatory"),
        );
        self.fetch_json(call).await
    }

    /// Categories such as `photoid`, `selfie`, `poa`.
    pub async fn mandatory_individual_documents(&self, id: Id) -> Result<Vec<String>, ApiError> {
        let call = Call::get(
            "GET /v2/Individuals/{id}/documents/mandatory",
            case_path(CaseKind::Individual, id, "/documents/mandatory"),
        );
        self.fetch_json(call).await
    }

    /// Upload a document to a case (multipart; the API answers 415 to JSON).
    pub async fn upload_document(
        &self,
        kind: CaseKind,
        id: Id,
        upload: &Upload,
    ) -> Result<UploadResult, ApiError> {
        let fields = vec![
            ("name", Field::Text(upload.name.clone())),
            ("fileCat", Field::Text(upload.file_cat.clone())),
            ("caseCommonId", Field::Text(id.to_string())),
            (
                "isCompany",
                Field::Text((kind == CaseKind::Company).to_string()),
            ),
            (
                "createNewStep",
                Field::Text(upload.create_new_step.to_string()),
            ),
            ("fileName", Field::Text(upload.file_name.clone())),
            ("file", file_field(upload)),
        ];
        let call = Call::post(
            by_kind!(kind, "POST", "/{id}/documents/upload"),
            case_path(kind, id, "/documents/upload"),
        )
        .multipart(fields);
        self.fetch_json(call).await
    }

    /// Check an identity document before uploading it.
    pub async fn prevalidate_document(
        &self,
        upload: &Upload,
    ) -> Result<PrevalidateResult, ApiError> {
        let fields = vec![
            ("fileCat", Field::Text(upload.file_cat.clone())),
            ("name", Field::Text(upload.name.clone())),
            ("file", file_field(upload)),
        ];
        let call = Call::post(
            "POST /v2/Individuals/documents/prevalidate",
            "/v2/Individuals/documents/prevalidate".to_owned(),
        )
        .multipart(fields);
        self.fetch_json(call).await
    }

    /// Ask the customer for documents by e-mail or text message; answers the access code.
    pub async fn request_documents(
        &self,
        kind: CaseKind,
        id: Id,
        request: &DocumentRequest,
    ) -> Result<DocumentRequestResult, ApiError> {
        let call = Call::post(
            by_kind!(kind, "POST", "/{id}/documents/request"),
            case_path(kind, id, "/documents/request"),
        )
        .json(request)?;
        self.fetch_json(call).await
    }

    /// The guide's path first; the vendor's sandbox serves only `/v2/Documents/{id}`, so a 404
    /// there falls back to it.
    pub async fn download_document(&self, document_id: &str) -> Result<Download, ApiError> {
        let id = segment(document_id);
        let first = Call::get(
            "GET /v2/Documents/{documentId}/document",
            format!("/v2/Documents/{id}/document"),
        );
        match self.fetch_download(first).await {
            Err(e) if e.status == Some(404) => {
                let fallback = Call::get(
                    "GET /v2/Documents/{documentId}",
                    format!("/v2/Documents/{id}"),
                );
                self.fetch_download(fallback).await
            }
            other => other,
        }
    }
}

fn file_field(upload: &Upload) -> Field {
    Field::File {
        file_name: upload.file_name.clone(),
        content_type: if upload.content_type.is_empty() {
            "application/octet-stream".to_owned()
        } else {
            upload.content_type.clone()
        },
        bytes: upload.bytes.clone(),
    }
}
