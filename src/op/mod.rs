//! The typed operation table: every request the console makes, defined once.
//!
//! An operation is a plain struct (what the app asks for) that implements [`Operation`]: the
//! type of its answer, its name for logs and the journal, what it is about (case, step, alert),
//! and how it is carried out through the API client. A change implements [`Change`] as well:
//! whether it is destructive (production asks first), how it is read back when its answer
//! was lost or too short to show, whether an answer is complete, and what it decided, for the
//! journal. The [`operations!`] list below puts each one into [`Request`] (what the app sends
//! to the fetch layer) and [`Answer`] (what comes back: the operation with the result *of its
//! own answer type*), so a handler never meets an answer that cannot belong to its request.
//!
//! # Adding an operation
//! 1. Define its struct in the module of its area (`cases`, `steps`, `monitoring`, …) and
//!    implement [`Operation`] (and [`Change`] if it changes anything on the server).
//! 2. Add its name to the `reads` or `changes` list of [`operations!`] at the bottom of this
//!    file. A change listed without a [`Change`] impl, or any operation without an
//!    [`Operation`] impl, does not compile.
//! 3. Handle its answer: an `OnAnswer` impl beside the pane that sent it, and its name in the
//!    `route!` table of `app::answers` (the match it builds has no wildcard, so the compiler
//!    points at it).
//!
//! Nothing here knows the app or the terminal: it depends on the API layer and the journal.

mod cases;
mod create;
mod documents;
mod export;
mod local;
mod monitoring;
mod screening;
mod steps;

pub use cases::*;
pub use create::*;
pub use documents::*;
pub use export::*;
pub use local::*;
pub use monitoring::*;
pub use screening::*;
pub use steps::*;

use crate::api::{ApiError, Client, Id};
use crate::journal::Journal;
use std::fmt::Debug;
use std::future::Future;

/// What carries operations out: the API client, and the local journal (answered without the
/// network).
#[derive(Clone)]
pub struct Backend {
    pub client: Client,
    pub journal: Option<Journal>,
}

/// What an operation is about, for the journal and for questions asked before sending.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct About {
    pub case: Option<Id>,
    pub step: Option<Id>,
    pub alert: Option<Id>,
}

impl About {
    pub fn none() -> About {
        About::default()
    }

    pub fn case(case: Id) -> About {
        About {
            case: Some(case),
            ..About::default()
        }
    }

    pub fn step(case: Id, step: Id) -> About {
        About {
            case: Some(case),
            step: Some(step),
            alert: None,
        }
    }
}

/// One request of the console: its answer type, its name and target, and how it is carried out.
pub trait Operation: Debug + Clone + PartialEq + Send + Sync + Into<Request> + 'static {
    /// What a successful answer is.
    type Answer: Debug + Clone + PartialEq + Send + 'static;

    /// A short name for logs and the journal: what was asked, never what was typed.
    const NAME: &'static str;

    /// The case, step or alert it concerns.
    fn about(&self) -> About;

    /// Carry it out once (the client retries what is safe to retry).
    fn call(
        &self,
        backend: &Backend,
    ) -> impl Future<Output = Result<Self::Answer, ApiError>> + Send;

    /// What the reviewer reads when it fails: by default the API's own error lines; a few
    /// operations say what to do next instead (a registry's 504, a report still building).
    fn failure(&self, e: &ApiError) -> Failure {
        Failure::from_api(e)
    }
}

/// An operation that changes something on the server: it passes the gate (read-only, production
/// confirmation), is journalled, and is read back when its answer is lost.
pub trait Change: Operation {
    /// Destroys or throws away something a reviewer cannot simply put back: in production the
    /// gate asks first, with Cancel focused.
    fn destructive(&self) -> bool;

    /// After a lost answer (timeout after sending, 504, dropped connection, cut-off body): did it
    /// go through? Reads the thing it changed; [`ReadBack::Cannot`] says why it cannot tell.
    fn read_back(&self, backend: &Backend) -> impl Future<Output = ReadBack<Self::Answer>> + Send;

    /// Whether a successful answer carries what the console shows of it (the id it was sent
    /// for, the state it asked for). A server may answer a change with `{}` or `{"ok": true}`;
    /// the client's tolerant models then fill the gaps with zeros and defaults, which must
    /// never be shown as the new state. An answer that is not complete is read back like a
    /// lost one (`fetch::settle`), so the screen shows what the server holds, or says the
    /// outcome is unknown. Required, so a new change cannot forget to say.
    fn complete(&self, answer: &Self::Answer) -> bool;

    /// What was decided, for the journal: the value sent as short key/value pairs (`to:
    /// passed`, `action: dismiss`), with `from` where the console knew the value before, and
    /// what only the `answer` tells (`created`: a new case's id). A decision's reason is part
    /// of what was decided (house rule 10) and is recorded on one line ([`one_line`]); never
    /// a note's text, secrets or document contents: the journal is handed to support as it is.
    /// Required, so a new change cannot forget to say what it decides.
    fn decided(&self, answer: Option<&Self::Answer>) -> Decided;
}

/// What a change decided, as the journal records it: `(key, value)` pairs, in order.
pub type Decided = Vec<(&'static str, String)>;

/// What reading back a change found.
#[derive(Debug)]
pub enum ReadBack<A> {
    /// The change is in effect; the value stands for the lost answer.
    Done(A),
    /// The change is not in effect: sending it again is safe.
    NotDone,
    /// The read failed (worth another try): the outcome is still unknown.
    Failed(ApiError),
    /// This change cannot be read back (why); the reviewer has to look.
    Cannot(String),
}

impl<A> From<Result<Option<A>, ApiError>> for ReadBack<A> {
    fn from(r: Result<Option<A>, ApiError>) -> Self {
        match r {
            Ok(Some(a)) => ReadBack::Done(a),
            Ok(None) => ReadBack::NotDone,
            Err(e) => ReadBack::Failed(e),
        }
    }
}

/// The facts of a request, read from its operation: for the gate, the journal and the fetcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub name: &'static str,
    pub about: About,
    /// `None` for a read; for a change, whether it is destructive.
    pub change: Option<ChangeFacts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeFacts {
    pub destructive: bool,
}

impl Facts {
    pub fn is_change(&self) -> bool {
        self.change.is_some()
    }

    pub fn is_destructive(&self) -> bool {
        self.change.is_some_and(|c| c.destructive)
    }
}

/// How the summary of a change with an unknown outcome starts.
pub const OUTCOME_UNKNOWN: &str = "outcome unknown";

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

    /// A change whose outcome is unknown (its answer was lost or said too little, and reading
    /// back could not tell): the summary starts with [`OUTCOME_UNKNOWN`], so the reviewer reads
    /// it first and a pane can tell it from a refusal ([`Failure::is_outcome_unknown`]).
    pub fn unknown(why: impl std::fmt::Display) -> Failure {
        Failure::new(format!("{OUTCOME_UNKNOWN}: {why}"))
    }

    /// Whether the change may have gone through: a pane then reloads what it shows rather than
    /// keep its own idea of the state.
    pub fn is_outcome_unknown(&self) -> bool {
        self.summary.starts_with(OUTCOME_UNKNOWN)
    }

    /// The API error's one-line message, then its own error lines.
    pub fn from_api(e: &ApiError) -> Failure {
        Failure {
            summary: e.to_string(),
            details: e.details(),
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

/// Pairs an operation with a result of its own answer type (implemented for every operation by
/// [`operations!`]): how an answer is built without naming its variant, e.g. in tests.
pub trait Answers: Operation {
    fn answer(self, result: Result<Self::Answer, Failure>) -> Answer;
    /// This operation, if `request` is one.
    fn of(request: &Request) -> Option<&Self>;
}

/// How the fetch layer carries out an operation of either kind; [`Request::carry_out`] hands
/// each operation to it with its own types.
pub trait Runner: Sync {
    /// Carry out a read.
    fn read<O: Operation>(&self, op: &O)
    -> impl Future<Output = Result<O::Answer, Failure>> + Send;
    /// Carry out a change (journalled, read back when its answer is lost). The flag says the
    /// answer was lost and reading back found the change done.
    fn change<O: Change>(
        &self,
        op: &O,
    ) -> impl Future<Output = (Result<O::Answer, Failure>, bool)> + Send;
}

/// Defines [`Request`] and [`Answer`] from the lists of reads and changes, with the code that
/// needs one arm per operation. Each name is both the operation's struct and its variant.
macro_rules! operations {
    (reads: [$($r:ident),* $(,)?], changes: [$($c:ident),* $(,)?] $(,)?) => {
        /// One operation the app wants carried out.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Request {
            $($r($r),)*
            $($c($c),)*
        }

        /// An operation and its result, typed by the operation.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Answer {
            $($r($r, Result<<$r as Operation>::Answer, Failure>),)*
            $($c($c, Result<<$c as Operation>::Answer, Failure>),)*
        }

        $(impl Answers for $r {
            fn answer(self, result: Result<Self::Answer, Failure>) -> Answer {
                Answer::$r(self, result)
            }
            fn of(request: &Request) -> Option<&Self> {
                match request {
                    Request::$r(op) => Some(op),
                    _ => None,
                }
            }
        })*
        $(impl Answers for $c {
            fn answer(self, result: Result<Self::Answer, Failure>) -> Answer {
                Answer::$c(self, result)
            }
            fn of(request: &Request) -> Option<&Self> {
                match request {
                    Request::$c(op) => Some(op),
                    _ => None,
                }
            }
        })*

        $(impl From<$r> for Request {
            fn from(op: $r) -> Request {
                Request::$r(op)
            }
        })*
        $(impl From<$c> for Request {
            fn from(op: $c) -> Request {
                Request::$c(op)
            }
        })*

        impl Request {
            /// Name, target and kind, from the operation.
            pub fn facts(&self) -> Facts {
                match self {
                    $(Request::$r(op) => Facts {
                        name: <$r as Operation>::NAME,
                        about: op.about(),
                        change: None,
                    },)*
                    $(Request::$c(op) => Facts {
                        name: <$c as Operation>::NAME,
                        about: op.about(),
                        change: Some(ChangeFacts { destructive: Change::destructive(op) }),
                    },)*
                }
            }

            /// What a change decides, as far as it is known before an answer (nothing for a
            /// read): for the journal line of a change that was never sent.
            pub fn decided(&self) -> Decided {
                match self {
                    $(Request::$r(_) => Decided::new(),)*
                    $(Request::$c(op) => Change::decided(op, None),)*
                }
            }

            /// The answer that says it failed without being sent (refused, cancelled).
            pub fn fail(self, failure: Failure) -> Answer {
                match self {
                    $(Request::$r(op) => Answer::$r(op, Err(failure)),)*
                    $(Request::$c(op) => Answer::$c(op, Err(failure)),)*
                }
            }

            /// Carry it out through `runner`; the flag says a lost answer was read back.
            pub async fn carry_out<R: Runner>(self, runner: &R) -> (Answer, bool) {
                match self {
                    $(Request::$r(op) => {
                        let result = runner.read(&op).await;
                        (Answer::$r(op, result), false)
                    })*
                    $(Request::$c(op) => {
                        let (result, read_back) = runner.change(&op).await;
                        (Answer::$c(op, result), read_back)
                    })*
                }
            }
        }

        impl Answer {
            /// The failure, if it failed.
            pub fn failure(&self) -> Option<&Failure> {
                match self {
                    $(Answer::$r(_, r) => r.as_ref().err(),)*
                    $(Answer::$c(_, r) => r.as_ref().err(),)*
                }
            }
        }

        /// Every operation's name, reads first: the table the journal and docs speak of.
        pub const NAMES: &[&str] = &[
            $(<$r as Operation>::NAME,)*
            $(<$c as Operation>::NAME,)*
        ];
    };
}

operations! {
    reads: [
        ListCases, CaseDetail, Steps, StepDetails, Notes, OrgChart, Members, AmlChecks,
        IdentityFields, LmCases, LmAlerts, Users, ReadJournal, Search, Jurisdictions,
        CompanyTypes, Properties, AuditTrail, Documents, MandatoryDocuments, DocumentSteps,
        Download, Report, Prevalidate, Version, OwnershipScreening, Export,
    ],
    changes: [
        SetStepStatus, Activate, AddNote, DeleteNote, Link, ExcludeAml, ExclusionNote,
        AlertAction, AlertNote, SetReviewDate, AssignUser, CreateCompany, ImportCompany,
        CreateIndividual, SetProperty, RemoveProperty, SetCaseStatus, DeleteCase, UpdateIdentity,
        Upload, RequestDocuments,
    ],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_its_own_name() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "two operations share a name");
        assert_eq!(before, 48);
    }

    /// Issue 15, item 3: what a `{}` or `{"ok": true}` body decodes to (the models' defaults)
    /// is never complete for a change whose answer is shown, so it is read back instead.
    #[test]
    fn a_short_answer_is_not_complete_where_the_answer_is_shown() {
        use crate::api::{
            AlertAction as Act, AlertActionRequest, CaseKind, CaseStatusRequest, LinkRequest,
            Property, StepStatus,
        };
        let (kind, id, step) = (CaseKind::Company, 7, 9);
        assert!(
            !SetStepStatus {
                id,
                step,
                status: StepStatus::Passed,
                from: None,
            }
            .complete(&Box::default())
        );
        assert!(!Activate { id, step }.complete(&Box::default()));
        let note = AddNote {
            id,
            step,
            text: "t".into(),
        };
        assert!(!note.complete(&Box::default()));
        let exclude = ExcludeAml {
            id,
            step,
            reason: "r".into(),
        };
        assert!(!exclude.complete(&Box::default()));
        let link = Link {
            kind,
            parent: id,
            id: 8,
            request: LinkRequest::default(),
        };
        assert!(!link.complete(&Box::default()));
        let property = Property {
            data_type: Some("LEI".into()),
            data: Some("X".into()),
            ..Property::default()
        };
        assert!(!SetProperty { kind, id, property }.complete(&Vec::new()));
        let close = SetCaseStatus {
            kind,
            id,
            request: CaseStatusRequest {
                status: "Close".into(),
                case_decision: Some("Denied".into()),
            },
            from: None,
        };
        assert!(!close.complete(&Box::default()));
        let identity = UpdateIdentity {
            kind,
            id,
            update: Box::default(),
        };
        assert!(!identity.complete(&Box::default()));
        let created = CreateCompany(Box::default());
        assert!(!created.complete(&Box::default()));
        let alert = AlertAction {
            kind,
            id,
            request: AlertActionRequest {
                case_common_id: id,
                alert_id: 3,
                action: Act::Apply,
                case_step_id: None,
            },
            alert_type: None,
            reason: None,
        };
        assert!(!alert.complete(&Default::default()));
        let date = SetReviewDate {
            kind,
            id,
            date: "01/01/2030".into(),
            from: None,
        };
        assert!(!date.complete(&Default::default()));
        let assign = AssignUser {
            id,
            user: 2,
            name: "n".into(),
            from: None,
        };
        assert!(!assign.complete(&Box::default()));
    }

    /// Issue 15, item 10: what each change decided, as the journal records it.
    #[test]
    fn changes_say_what_was_decided_and_never_typed_text() {
        use crate::api::{
            AlertAction as Act, AlertActionRequest, CaseKind, CreatedCase, IdentityUpdate,
            StepStatus,
        };
        let step = SetStepStatus {
            id: 1,
            step: 2,
            status: StepStatus::Passed,
            from: Some(StepStatus::Failed),
        };
        assert_eq!(
            Request::from(step).decided(),
            vec![("from", "failed".to_owned()), ("to", "passed".to_owned())]
        );
        let dismiss = AlertAction {
            kind: CaseKind::Company,
            id: 1,
            request: AlertActionRequest {
                case_common_id: 1,
                alert_id: 9,
                action: Act::Dismiss,
                case_step_id: None,
            },
            alert_type: Some(crate::api::AlertType::Aml),
            reason: Some("Not the subject:\ndifferent\tbirth date".into()),
        };
        assert_eq!(
            dismiss.decided(None),
            vec![
                ("action", "dismiss".to_owned()),
                ("alert type", "Aml".to_owned()),
                ("reason", "Not the subject: different birth date".to_owned()),
            ],
            "the reason, on one line"
        );
        assert_eq!(dismiss.about().alert, Some(9));
        let exclude = ExcludeAml {
            id: 1,
            step: 2,
            reason: "Different date\r\nof birth".into(),
        };
        assert_eq!(
            exclude.decided(None),
            vec![
                ("action", "exclude".to_owned()),
                ("reason", "Different date of birth".to_owned()),
            ]
        );
        let create = CreateIndividual {
            import: false,
            request: Box::default(),
        };
        let mut made = CreatedCase::default();
        made.details.common.case_common_id = 42;
        assert!(
            create
                .decided(Some(&Box::new(made)))
                .contains(&("created", "42".to_owned()))
        );
        // A short answer with no id records none, not a made-up 0.
        let short = Box::new(CreatedCase::default());
        assert!(
            create
                .decided(Some(&short))
                .iter()
                .all(|(k, _)| *k != "created")
        );
        let note = AddNote {
            id: 1,
            step: 2,
            text: "secret words".into(),
        };
        assert!(note.decided(None).is_empty());
        let identity = UpdateIdentity {
            kind: CaseKind::Individual,
            id: 1,
            update: Box::new(IdentityUpdate {
                first_name: Some("Jane".into()),
                ..IdentityUpdate::default()
            }),
        };
        let assign = AssignUser {
            id: 1,
            user: 5,
            name: "Jane Reviewer".into(),
            from: Some("Sarah Mitchell".into()),
        };
        assert_eq!(
            assign.decided(None)[..2],
            [
                ("from", "Sarah Mitchell".to_owned()),
                ("assignee", "Jane Reviewer".to_owned())
            ]
        );
        let reopen = SetCaseStatus {
            kind: CaseKind::Company,
            id: 1,
            request: crate::api::CaseStatusRequest {
                status: "Open".into(),
                case_decision: None,
            },
            from: Some("closed (Accepted)".into()),
        };
        assert_eq!(
            reopen.decided(None),
            vec![
                ("from", "closed (Accepted)".to_owned()),
                ("status", "Open".to_owned())
            ]
        );
        let date = SetReviewDate {
            kind: CaseKind::Company,
            id: 1,
            date: "01/01/2030".into(),
            from: Some("15/09/2026".into()),
        };
        assert_eq!(
            date.decided(None),
            vec![
                ("from", "15/09/2026".to_owned()),
                ("review date", "01/01/2030".to_owned())
            ]
        );
        let said = format!("{:?}", identity.decided(None));
        assert!(
            said.contains("firstName") && !said.contains("Jane"),
            "{said}"
        );
    }
}
