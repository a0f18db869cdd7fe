//! Documents: listings, mandatory rules, uploads (multipart only), requests to the end user,
//! pre-validation, and downloads.

use crate::api::{
    CaseDocuments, DocumentRef, DocumentRequest, DocumentRequestResult, Extra, Id, KeyValue,
    MandatoryDocument, PrevalidateResult, Step, StepDetails, StepDocument, StepStatus,
    UploadResult,
};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{ApiJson, ApiPath};
use crate::emulator::input::{self, DOCUMENT_RULE, DocumentType};
use crate::emulator::kind::Kind;
use crate::emulator::state::{AppState, Caller};
use crate::emulator::store::Blob;
use axum::Json;
use axum::extract::{Extension, FromRequest, Multipart, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// Where uploaded documents are listed.
const UPLOAD_GROUP: &str = "Uploaded Documents";

pub async fn list(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<CaseDocuments>> {
    let db = st.read();
    let rec = db.case(id, Some(kind))?;
    // The contract: documents, like the report, are not there while the case builds.
    if db.is_building(id) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("Case {id} is still being built; its documents are available once it is ready"),
        ));
    }
    Ok(Json(db.documents_view(rec)))
}

pub async fn mandatory_company(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<Vec<MandatoryDocument>>> {
    Ok(Json(
        st.read().case(id, Some(kind))?.mandatory_company.clone(),
    ))
}

pub async fn mandatory_individual(
    State(st): State<AppState>,
    Kind(kind): Kind,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<Json<Vec<String>>> {
    let db = st.read();
    let rec = db.case(id, Some(kind))?;
    Ok(Json(if rec.mandatory_individual.is_empty() {
        vec!["photoid".into(), "selfie".into(), "poa".into()]
    } else {
        rec.mandatory_individual.clone()
    }))
}

/// A multipart form read whole: text fields and the one file.
struct Form {
    fields: HashMap<String, String>,
    file: Option<(String, String, Vec<u8>)>,
}

/// Reads a multipart body; anything else (JSON in particular) is a 415, as the real API answers.
async fn read_form(req: Request) -> ApiResult<Form> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Documents are uploaded as multipart/form-data",
        ));
    }
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad_request(e.body_text()))?;
    let mut form = Form {
        fields: HashMap::new(),
        file: None,
    };
    let bad = |e: axum::extract::multipart::MultipartError| ApiError::bad_request(e.body_text());
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("upload").to_owned();
            let ctype = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_owned();
            let bytes = field.bytes().await.map_err(bad)?;
            form.file = Some((file_name, ctype, bytes.to_vec()));
        } else {
            let text = field.text().await.map_err(bad)?;
            form.fields.insert(name, text);
        }
    }
    Ok(form)
}

pub async fn upload(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    req: Request,
) -> ApiResult<Json<UploadResult>> {
    let form = read_form(req).await?;
    let (upload_name, ctype, bytes) = form
        .file
        .ok_or_else(|| ApiError::bad_request("the multipart field \"file\" is missing"))?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("the uploaded file is empty"));
    }
    if let Some(given) = form.fields.get("caseCommonId")
        && given.trim() != id.to_string()
    {
        return Err(ApiError::bad_request(format!(
            "caseCommonId {given:?} does not match the case {id} in the path"
        )));
    }
    if let Some(flag) = form.fields.get("isCompany") {
        let says_company = flag.trim().eq_ignore_ascii_case("true");
        if says_company != (kind == crate::api::CaseKind::Company) {
            return Err(ApiError::bad_request(format!(
                "isCompany {flag:?} does not match a {} case",
                kind.lm_word()
            )));
        }
    }
    let field = |k: &str| {
        form.fields
            .get(k)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let file_name = field("fileName").unwrap_or(upload_name);
    if DocumentType::of_name(&file_name).is_none() {
        return Err(ApiError::invalid(
            "fileName",
            format!("{file_name:?} {DOCUMENT_RULE} (.pdf, .jpg, .jpeg, .png)"),
        ));
    }
    let name = field("name").unwrap_or_else(|| file_name.clone());
    let category = field("fileCat").unwrap_or_else(|| "Other".into());
    let new_step = matches!(
        field("createNewStep").as_deref(),
        Some("true" | "True" | "1")
    );

    // A rejected file is kept (its link answers) but is not listed, fills no slot and makes no
    // step: it is not evidence of anything.
    let messages = file_messages(&file_name);
    let accepted = messages.is_empty();

    let mut db = st.write();
    db.case(id, Some(kind))?;
    let doc_id = db.store.fresh_id();
    let step_id = (new_step && accepted).then(|| db.store.fresh_id());
    // The id is the last segment of a link (the contract), so links use the sandbox form.
    let link = format!("{}/v2/Documents/{doc_id}", st.base_url);
    db.store.blobs.insert(
        doc_id.to_string(),
        Blob {
            content_type: ctype,
            file_name: file_name.clone(),
            bytes,
        },
    );
    let rec = db.case_mut(id, Some(kind))?;
    if accepted {
        rec.documents
            .documents
            .entry(UPLOAD_GROUP.to_owned())
            .or_default()
            .push(DocumentRef {
                link: Some(link.clone()),
                category: Some(category.clone()),
                name: Some(name.clone()),
                data_source: Some("Uploaded".into()),
                // An upload says nothing of its dates: none is made up.
                issue_date: None,
                expiry_date: None,
                extra: Extra::new(),
            });
    }
    let step_doc = StepDocument {
        category: Some(category.clone()),
        document_available: true,
        verification_status: Some("NotVerified".into()),
        case_document_id: Some(doc_id),
        name: Some(name.clone()),
        link: Some(link.clone()),
        issue_date: None,
        expiry_date: None,
        extra: Extra::new(),
    };
    let attached_step = match step_id {
        Some(step_id) => {
            rec.add_step(
                "Documents",
                Step {
                    name: Some(name.clone()),
                    step_type: Some("Document".into()),
                    status: StepStatus::NotReviewed,
                    case_step_id: step_id,
                    ..Step::default()
                },
                StepDetails {
                    documents: vec![step_doc],
                    ..StepDetails::default()
                },
            );
            Some(step_id)
        }
        None if accepted => attach_to_matching_step(rec, step_doc),
        None => None,
    };
    let (action, outcome) = if accepted {
        ("Document uploaded", String::new())
    } else {
        let said: Vec<&str> = messages.iter().filter_map(|m| m.value.as_deref()).collect();
        ("Document rejected", format!(": {}", said.join("; ")))
    };
    db.audit(
        id,
        &user,
        action,
        Some("Documents"),
        format!("{name} ({category}), file {file_name}{outcome}"),
    );
    Ok(Json(UploadResult {
        case_document_id: Some(doc_id),
        case_step_id: attached_step,
        name: Some(name),
        category: Some(category),
        link: Some(link),
        prevalidation_messages: messages,
        extra: Extra::new(),
    }))
}

/// Fills the first document step slot of the same category that has no document yet.
fn attach_to_matching_step(
    rec: &mut crate::emulator::store::CaseRecord,
    doc: StepDocument,
) -> Option<Id> {
    for (step_id, details) in rec.step_details.iter_mut() {
        if let Some(slot) = details
            .documents
            .iter_mut()
            .find(|d| !d.document_available && d.category == doc.category)
        {
            *slot = doc;
            return Some(*step_id);
        }
    }
    None
}

pub async fn request(
    State(st): State<AppState>,
    Kind(kind): Kind,
    Extension(Caller(user)): Extension<Caller>,
    ApiPath(id): ApiPath<Id>,
    ApiJson(req): ApiJson<DocumentRequest>,
) -> ApiResult<Json<DocumentRequestResult>> {
    if req.case_common_id != id {
        return Err(ApiError::bad_request(format!(
            "caseCommonId {} does not match the case {id} in the path",
            req.case_common_id
        )));
    }
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    if blank(&req.email) && blank(&req.phone) {
        return Err(ApiError::bad_request(
            "an email address or a phone number is required to send the request",
        ));
    }
    if let Some(e) = req.email.as_deref().filter(|e| !e.trim().is_empty()) {
        input::email("email", e)?;
    }
    if req.documents.is_empty() {
        return Err(ApiError::invalid(
            "documents",
            "at least one document is required",
        ));
    }
    let mut db = st.write();
    db.case(id, Some(kind))?;
    let code: String = std::iter::repeat_with(fastrand::alphanumeric)
        .take(8)
        .collect();
    let to = req.email.clone().or(req.phone.clone()).unwrap_or_default();
    db.audit(
        id,
        &user,
        "Documents requested",
        Some("Documents"),
        format!("{} to {to}", req.documents.join(", ")),
    );
    Ok(Json(DocumentRequestResult {
        access_code: Some(code.to_uppercase()),
        extra: Extra::new(),
    }))
}

/// Checks a file without storing it. Bytes that are no document at all (not a PDF, JPEG or
/// PNG, whatever they are called) are a 400; a document that fails the checks is answered
/// with its messages, as the sandbox rejects a file whose name says `-forged` or `-expired`.
pub async fn prevalidate(req: Request) -> ApiResult<Json<PrevalidateResult>> {
    let form = read_form(req).await?;
    let (file_name, _, bytes) = form
        .file
        .ok_or_else(|| ApiError::invalid("file", "the multipart field is missing"))?;
    if DocumentType::sniff(&bytes).is_none() {
        return Err(ApiError::invalid(
            "file",
            format!("{file_name:?} {DOCUMENT_RULE}; these bytes are none of them"),
        ));
    }
    let mut messages = file_messages(&file_name);
    if form
        .fields
        .get("fileCat")
        .is_none_or(|c| c.trim().is_empty())
    {
        messages.push(message("fileCat", "No file category given".into()));
    }
    Ok(Json(PrevalidateResult {
        is_valid: messages.is_empty(),
        prevalidation_messages: messages,
        extra: Extra::new(),
    }))
}

fn message(key: &str, value: String) -> KeyValue {
    KeyValue {
        key: Some(key.to_owned()),
        value: Some(value),
    }
}

/// What the sandbox's deterministic checks say of a file by its name [C]: a name carrying
/// `-forged` or `-expired` is rejected; no message means accepted.
fn file_messages(file_name: &str) -> Vec<KeyValue> {
    let lower = file_name.to_lowercase();
    let mut messages = Vec::new();
    if lower.contains("-forged") {
        messages.push(message(
            "file",
            format!("{file_name}: the document appears forged"),
        ));
    }
    if lower.contains("-expired") {
        messages.push(message(
            "file",
            format!("{file_name}: the document has expired"),
        ));
    }
    messages
}

pub async fn download(
    State(st): State<AppState>,
    ApiPath(doc_id): ApiPath<Id>,
) -> ApiResult<Response> {
    let db = st.read();
    let blob = db
        .store
        .blobs
        .get(&doc_id.to_string())
        .ok_or_else(|| ApiError::not_found(format!("Document {doc_id} not found")))?;
    Ok(file_response(
        &blob.content_type,
        &blob.file_name,
        blob.bytes.clone(),
    ))
}

/// Bytes with their type and a file name to save them under.
pub fn file_response(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    let ctype = HeaderValue::from_str(content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let safe: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, ctype),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
