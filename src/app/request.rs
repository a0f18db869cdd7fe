//! What the app asks of the network, and what comes back: plain data, so `update()` stays pure.

use crate::api::{
    AlertActionRequest, AlertActionResult, CaseCommon, LmAlerts, LmCases, LmCasesRequest,
    ReviewDate, User,
};
use crate::api::{
    CaseDetails, CaseKind, CaseListItem, Id, Step, StepDetails, StepGroup, StepNote, StepStatus,
};

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
    Mutation(ReqId),
    LmCases(CaseKind),
    LmAlerts,
    /// A case's alerts loaded only for their dates (sort by oldest alert).
    AlertDates(Id),
    Users,
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
}

impl Request {
    /// Whether the request changes anything on the server.
    pub fn is_mutation(&self) -> bool {
        matches!(
            self,
            Request::SetStepStatus { .. }
                | Request::Activate { .. }
                | Request::AddNote { .. }
                | Request::DeleteNote { .. }
                | Request::AlertAction { .. }
                | Request::SetReviewDate { .. }
                | Request::AssignUser { .. }
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
    LmCases(LmCases),
    LmAlerts(Box<LmAlerts>),
    AlertActioned(AlertActionResult),
    ReviewDateSet(ReviewDate),
    Users(Vec<User>),
    Assigned(Box<CaseCommon>),
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
