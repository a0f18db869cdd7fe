//! Answer routing: one exhaustive table from each [`Answer`] variant to the handler of its
//! operation, called with the operation and the result of its own answer type. A handler lives
//! next to the pane that sends the operation; no handler has an arm for an answer it cannot get,
//! and an operation added to `crate::op` without a line here (or without a handler) does not
//! compile.

use super::{Answer, Effect, Failure, State};
use crate::op::{self, Operation};

/// What a pane does with the answer of one of its operations.
pub trait OnAnswer: Operation {
    fn on_answer(
        self,
        result: Result<Self::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    );
}

/// The table: every operation by name; the match it builds has no wildcard.
macro_rules! route {
    ($($op:ident),* $(,)?) => {
        /// Hand an answer to the handler of its operation.
        pub fn on_done(state: &mut State, answer: Answer, fx: &mut Vec<Effect>) {
            match answer {
                $(Answer::$op(op, result) => {
                    // What the handler says is filed under the case the operation is about.
                    super::status::speaking_about(state, Operation::about(&op).case);
                    <op::$op as OnAnswer>::on_answer(op, result, state, fx)
                })*
            }
        }
    };
}

route! {
    // reads
    ListCases, CaseDetail, Steps, StepDetails, Notes, OrgChart, Members, AmlChecks,
    IdentityFields, LmCases, LmAlerts, Users, ReadJournal, Search, Jurisdictions,
    CompanyTypes, Properties, AuditTrail, Documents, MandatoryDocuments, DocumentSteps,
    Download, Report, Prevalidate, Version, OwnershipScreening, Export,
    // changes
    SetStepStatus, Activate, AddNote, DeleteNote, Link, ExcludeAml, ExclusionNote,
    AlertAction, AlertNote, SetReviewDate, AssignUser, CreateCompany, ImportCompany,
    CreateIndividual, SetProperty, RemoveProperty, SetCaseStatus, DeleteCase, UpdateIdentity,
    Upload, RequestDocuments,
}
