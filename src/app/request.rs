//! What the app asks of the network, and what comes back: plain data, so `update()` stays pure.

use crate::api::{
    AlertActionRequest, AlertActionResult, AmlChecks, CaseCommon, CaseDetails, CaseKind,
    CaseListItem, CompanyType, CreateCompanyRequest, CreateIndividualRequest, CreatedCase, Id,
    ImportCompanyRequest, Jurisdiction, LinkRequest, LmAlerts, LmCases, LmCasesRequest, Members,
    OrgNode, ReviewDate, SearchRequest, SearchResult, Step, StepDetails, StepGroup, StepNote,
    StepStatus, User,
};
use crate::api::{AuditEntry, CaseStatusRequest, IdentityUpdate, Property};
use crate::api::{
    CaseDocuments, DocumentRequest, DocumentRequestResult, Download, MandatoryDocument,
    PrevalidateResult, UploadResult,
};
use std::path::PathBuf;

/// A request id, unique for the process. The answer of a request that is no longer the latest
/// for its slot is ignored.
pub type ReqId = u64;

/// Where an answer goes. The fetch layer keeps one running request per slot: a newer request for
/// the same slot aborts the older one (latest wins). Mutations get a slot of their own each, so
/// nothing aborts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    CasePage(CaseKind),
    CaseDetail,
    Steps,
    StepDetails,
    Notes,
    OrgChart,
    Members,
    Mutation(ReqId),
    AmlChecks,
    AmlIdentity,
    LmCases(CaseKind),
    LmAlerts,
    /// A case's alerts loaded only for their dates (sort by oldest alert).
    AlertDates(Id),
    Users,
    /// The local journal of changes sent.
    Journal,
    /// The registry search: a user's navigation never aborts it, only a new search or a cancel.
    Search,
    Jurisdictions,
    CompanyTypes,
    Properties,
    AuditTrail,
    /// The open case's document listing, mandatory rules and document steps.
    Documents,
    MandatoryDocuments,
    DocumentSteps,
    /// A download, report or pre-validation: each its own slot (like mutations), so starting a
    /// second never aborts the first.
    Transfer(ReqId),
}

/// One API call the app wants made.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    ListCases {
        kind: CaseKind,
        page: u32,
        page_size: u32,
    },
    CaseDetail {
        kind: CaseKind,
        id: Id,
    },
    Steps {
        id: Id,
    },
    StepDetails {
        id: Id,
        step: Id,
    },
    Notes {
        id: Id,
        step: Id,
    },
    SetStepStatus {
        id: Id,
        step: Id,
        status: StepStatus,
    },
    Activate {
        id: Id,
        step: Id,
    },
    AddNote {
        id: Id,
        step: Id,
        text: String,
    },
    DeleteNote {
        id: Id,
        step: Id,
        note: Id,
    },
    OrgChart {
        id: Id,
    },
    Members {
        id: Id,
    },
    /// Link case `id` under `parent`.
    Link {
        kind: CaseKind,
        parent: Id,
        id: Id,
        request: LinkRequest,
    },
    AmlChecks {
        kind: CaseKind,
        id: Id,
    },
    /// The identity step of the case the AML pane reviews, for the subject's gender (answers
    /// `Payload::StepDetails`).
    IdentityFields {
        id: Id,
        step: Id,
    },
    /// Exclude an AML match as a false positive (answers `Payload::StepUpdated`).
    ExcludeAml {
        id: Id,
        step: Id,
        reason: String,
    },
    /// The note that records an exclusion's reason (answers `Payload::NoteAdded`).
    ExclusionNote {
        id: Id,
        step: Id,
        text: String,
    },
    LmCases {
        kind: CaseKind,
        filter: Box<LmCasesRequest>,
    },
    LmAlerts {
        kind: CaseKind,
        id: Id,
    },
    AlertAction {
        kind: CaseKind,
        id: Id,
        request: AlertActionRequest,
    },
    SetReviewDate {
        kind: CaseKind,
        id: Id,
        date: String,
    },
    Users,
    AssignUser {
        id: Id,
        user: Id,
    },
    /// The local journal of changes sent (answered by the fetch layer, not the API).
    Journal,
    /// A live registry search (5 to 150 s).
    Search(SearchRequest),
    Jurisdictions,
    CompanyTypes,
    CreateCompany(Box<CreateCompanyRequest>),
    ImportCompany(Box<ImportCompanyRequest>),
    /// Create (or with `import`, import) an individual case.
    CreateIndividual {
        import: bool,
        request: Box<CreateIndividualRequest>,
    },
    Properties {
        kind: CaseKind,
        id: Id,
    },
    /// Add or change one property (answers the full list).
    SetProperty {
        kind: CaseKind,
        id: Id,
        property: Property,
    },
    RemoveProperty {
        kind: CaseKind,
        id: Id,
        data_type: String,
    },
    /// Close with a decision or reopen (answers `Payload::CaseDetail`).
    SetCaseStatus {
        kind: CaseKind,
        id: Id,
        request: CaseStatusRequest,
    },
    DeleteCase {
        kind: CaseKind,
        id: Id,
    },
    AuditTrail {
        kind: CaseKind,
        id: Id,
    },
    /// Change identity fields (answers `Payload::CaseDetail`).
    UpdateIdentity {
        kind: CaseKind,
        id: Id,
        update: Box<IdentityUpdate>,
    },
    Documents {
        kind: CaseKind,
        id: Id,
    },
    /// A company's mandatory document rules, or an individual's mandatory categories (answers
    /// `Payload::MandatoryDocuments` either way).
    MandatoryDocuments {
        kind: CaseKind,
        id: Id,
    },
    /// The details of every document step of a case: availability and verification status.
    DocumentSteps {
        id: Id,
    },
    /// Download a document by its id (answers `Payload::Downloaded`).
    Download {
        document: String,
    },
    /// The case report (answers `Payload::Downloaded`; 409 while the case builds).
    Report {
        kind: CaseKind,
        id: Id,
    },
    /// Upload a file: the fetch layer reads it from `path`, so `update()` does no I/O.
    Upload {
        kind: CaseKind,
        id: Id,
        path: PathBuf,
        name: String,
        file_cat: String,
        create_new_step: bool,
    },
    /// Pre-validate an individual's document (changes nothing on the server).
    Prevalidate {
        path: PathBuf,
        name: String,
        file_cat: String,
    },
    /// Ask the end user for documents by e-mail or text message.
    RequestDocuments {
        kind: CaseKind,
        id: Id,
        request: DocumentRequest,
    },
}

impl Request {
    /// A short name for logs: what was asked, never what was typed.
    pub fn name(&self) -> &'static str {
        match self {
            Request::ListCases { .. } => "list cases",
            Request::CaseDetail { .. } => "case detail",
            Request::Steps { .. } => "steps",
            Request::StepDetails { .. } => "step details",
            Request::Notes { .. } => "notes",
            Request::SetStepStatus { .. } => "set step status",
            Request::Activate { .. } => "activate step",
            Request::AddNote { .. } => "add note",
            Request::DeleteNote { .. } => "delete note",
            Request::OrgChart { .. } => "org chart",
            Request::Members { .. } => "members",
            Request::Link { .. } => "link case",
            Request::AmlChecks { .. } => "AML checks",
            Request::IdentityFields { .. } => "identity fields",
            Request::ExcludeAml { .. } => "exclude AML match",
            Request::ExclusionNote { .. } => "exclusion note",
            Request::LmCases { .. } => "alert inbox",
            Request::LmAlerts { .. } => "alert details",
            Request::AlertAction { .. } => "alert action",
            Request::SetReviewDate { .. } => "set review date",
            Request::Users => "users",
            Request::AssignUser { .. } => "assign user",
            Request::Journal => "journal",
            Request::Search(_) => "registry search",
            Request::Jurisdictions => "jurisdictions",
            Request::CompanyTypes => "company types",
            Request::CreateCompany(_) => "create company case",
            Request::ImportCompany(_) => "import company case",
            Request::CreateIndividual { import: false, .. } => "create individual case",
            Request::CreateIndividual { import: true, .. } => "import individual case",
            Request::Properties { .. } => "properties",
            Request::SetProperty { .. } => "set property",
            Request::RemoveProperty { .. } => "remove property",
            Request::SetCaseStatus { .. } => "set case status",
            Request::DeleteCase { .. } => "delete case",
            Request::AuditTrail { .. } => "audit trail",
            Request::UpdateIdentity { .. } => "update identity",
            Request::Documents { .. } => "documents",
            Request::MandatoryDocuments { .. } => "mandatory documents",
            Request::DocumentSteps { .. } => "document steps",
            Request::Download { .. } => "download document",
            Request::Report { .. } => "case report",
            Request::Upload { .. } => "upload document",
            Request::Prevalidate { .. } => "pre-validate document",
            Request::RequestDocuments { .. } => "request documents",
        }
    }

    /// The case and step a request is about, for the journal. Requests not listed here are
    /// journalled by name alone.
    pub fn target(&self) -> (Option<Id>, Option<Id>) {
        match self {
            Request::SetStepStatus { id, step, .. }
            | Request::Activate { id, step }
            | Request::AddNote { id, step, .. }
            | Request::DeleteNote { id, step, .. }
            | Request::ExcludeAml { id, step, .. }
            | Request::ExclusionNote { id, step, .. }
            | Request::StepDetails { id, step }
            | Request::Notes { id, step }
            | Request::IdentityFields { id, step } => (Some(*id), Some(*step)),
            Request::AlertAction { id, request, .. } => (Some(*id), request.case_step_id),
            Request::Link { parent, .. } => (Some(*parent), None),
            Request::SetReviewDate { id, .. }
            | Request::AssignUser { id, .. }
            | Request::CaseDetail { id, .. }
            | Request::Steps { id }
            | Request::OrgChart { id }
            | Request::Members { id }
            | Request::AmlChecks { id, .. }
            | Request::LmAlerts { id, .. }
            | Request::Properties { id, .. }
            | Request::SetProperty { id, .. }
            | Request::RemoveProperty { id, .. }
            | Request::SetCaseStatus { id, .. }
            | Request::DeleteCase { id, .. }
            | Request::AuditTrail { id, .. }
            | Request::UpdateIdentity { id, .. }
            | Request::Documents { id, .. }
            | Request::Report { id, .. }
            | Request::Upload { id, .. }
            | Request::RequestDocuments { id, .. } => (Some(*id), None),
            _ => (None, None),
        }
    }

    /// Whether the request changes anything on the server.
    pub fn is_mutation(&self) -> bool {
        matches!(
            self,
            Request::SetStepStatus { .. }
                | Request::Activate { .. }
                | Request::AddNote { .. }
                | Request::DeleteNote { .. }
                | Request::Link { .. }
                | Request::ExcludeAml { .. }
                | Request::ExclusionNote { .. }
                | Request::AlertAction { .. }
                | Request::SetReviewDate { .. }
                | Request::AssignUser { .. }
                | Request::CreateCompany(_)
                | Request::ImportCompany(_)
                | Request::CreateIndividual { .. }
                | Request::SetProperty { .. }
                | Request::RemoveProperty { .. }
                | Request::SetCaseStatus { .. }
                | Request::DeleteCase { .. }
                | Request::UpdateIdentity { .. }
                | Request::Upload { .. }
                | Request::RequestDocuments { .. }
        )
    }
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    CasePage {
        items: Vec<CaseListItem>,
        total: Option<u64>,
    },
    CaseDetail(Box<CaseDetails>),
    Steps(Vec<StepGroup>),
    StepDetails(Box<StepDetails>),
    Notes(Vec<StepNote>),
    StepUpdated(Box<StepDetails>),
    Activated(Box<Step>),
    NoteAdded(Box<StepNote>),
    NoteDeleted,
    OrgChart(Box<OrgNode>),
    Members(Box<Members>),
    Linked(Box<Step>),
    AmlChecks(Box<AmlChecks>),
    LmCases(LmCases),
    LmAlerts(Box<LmAlerts>),
    AlertActioned(AlertActionResult),
    ReviewDateSet(ReviewDate),
    Users(Vec<User>),
    Assigned(Box<CaseCommon>),
    /// The journal, newest first.
    Journal(Vec<crate::journal::Entry>),
    /// A change whose answer was lost, found done by reading back: the payload stands for the
    /// lost answer (`update` unwraps it and says so).
    Confirmed(Box<Payload>),
    Searched(Vec<SearchResult>),
    Jurisdictions(Vec<Jurisdiction>),
    CompanyTypes(Vec<CompanyType>),
    Created(Box<CreatedCase>),
    Properties(Vec<Property>),
    PropertyRemoved,
    CaseDeleted,
    AuditTrail(Vec<AuditEntry>),
    Documents(Box<CaseDocuments>),
    MandatoryDocuments(Vec<MandatoryDocument>),
    DocumentSteps(Vec<StepDetails>),
    Downloaded(Box<Download>),
    Uploaded(Box<UploadResult>),
    Prevalidated(Box<PrevalidateResult>),
    DocumentsRequested(DocumentRequestResult),
}

/// A failed request, as the reviewer reads it: one line, then the API's own error lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub summary: String,
    pub details: Vec<String>,
}

impl Failure {
    pub fn new(summary: impl Into<String>) -> Failure {
        Failure {
            summary: summary.into(),
            details: Vec::new(),
        }
    }

    /// Summary and details on one line, for the status line.
    pub fn one_line(&self) -> String {
        if self.details.is_empty() {
            self.summary.clone()
        } else {
            format!("{} — {}", self.summary, self.details.join("; "))
        }
    }
}

/// Data that is loaded from the server: kept while it reloads, with the last failure if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Remote<T> {
    pub data: Option<T>,
    pub loading: bool,
    pub error: Option<Failure>,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Remote {
            data: None,
            loading: false,
            error: None,
        }
    }
}

impl<T> Remote<T> {
    pub fn start(&mut self) {
        self.loading = true;
        self.error = None;
    }

    pub fn set(&mut self, data: T) {
        self.data = Some(data);
        self.loading = false;
        self.error = None;
    }

    pub fn fail(&mut self, f: Failure) {
        self.loading = false;
        self.error = Some(f);
    }
}
