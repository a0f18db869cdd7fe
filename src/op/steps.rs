//! A case's verification steps: the tree, a step's details and notes, status changes,
//! activation, and the AML matches with their exclusions.

use super::{About, Backend, Change, Decided, Operation, ReadBack};
use crate::api::{
    AmlChecks as AmlChecksAnswer, ApiError, CaseKind, Id, Step, StepDetails as Details, StepGroup,
    StepNote, StepStatus,
};

/// A case's steps, in their groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    pub id: Id,
}

impl Operation for Steps {
    type Answer = Vec<StepGroup>;
    const NAME: &'static str = "steps";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.case_steps(self.id).await
    }
}

/// One step's details.
#[derive(Debug, Clone, PartialEq)]
pub struct StepDetails {
    pub id: Id,
    pub step: Id,
}

impl Operation for StepDetails {
    type Answer = Box<Details>;
    const NAME: &'static str = "step details";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .step_details(self.id, self.step)
            .await
            .map(Box::new)
    }
}

/// The identity step of the case the AML pane reviews, for the subject's gender.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityFields {
    pub id: Id,
    pub step: Id,
}

impl Operation for IdentityFields {
    type Answer = Box<Details>;
    const NAME: &'static str = "identity fields";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    /// The same read as [`StepDetails`]: a type of its own so that its answer reaches the AML
    /// pane and not the step view.
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let (id, step) = (self.id, self.step);
        StepDetails { id, step }.call(b).await
    }
}

/// One step's notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Notes {
    pub id: Id,
    pub step: Id,
}

impl Operation for Notes {
    type Answer = Vec<StepNote>;
    const NAME: &'static str = "notes";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.step_notes(self.id, self.step).await
    }
}

/// Pass, fail or reset a step (answers the step's details).
#[derive(Debug, Clone, PartialEq)]
pub struct SetStepStatus {
    pub id: Id,
    pub step: Id,
    pub status: StepStatus,
    /// The status the console knew the step to have when the reviewer chose (for the journal's
    /// `from`); `None` where it was not loaded.
    pub from: Option<StepStatus>,
}

impl Operation for SetStepStatus {
    type Answer = Box<Details>;
    const NAME: &'static str = "set step status";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .set_step_status(self.id, self.step, self.status.clone())
            .await
            .map(Box::new)
    }
}

impl Change for SetStepStatus {
    /// The status sent, and the one the console knew before (when it did).
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let mut d = Decided::new();
        if let Some(from) = &self.from {
            d.push(("from", from.label().to_owned()));
        }
        d.push(("to", self.status.label().to_owned()));
        d
    }

    /// The step's own details, holding the status sent.
    fn complete(&self, d: &Self::Answer) -> bool {
        d.case_step_id == self.step && d.status == self.status
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Done when the step holds the status sent.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let d = b.client.step_details(self.id, self.step).await;
        d.map(|d| (d.status == self.status).then(|| Box::new(d)))
            .into()
    }
}

/// Activate a deactivated step (answers the step).
#[derive(Debug, Clone, PartialEq)]
pub struct Activate {
    pub id: Id,
    pub step: Id,
}

impl Operation for Activate {
    type Answer = Box<Step>;
    const NAME: &'static str = "activate step";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .activate_step(self.id, self.step)
            .await
            .map(Box::new)
    }
}

impl Change for Activate {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        vec![("to", "active".to_owned())]
    }

    /// The step itself, active.
    fn complete(&self, s: &Self::Answer) -> bool {
        s.case_step_id == self.step && !s.is_deactivated
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Done when the step is no longer deactivated.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let groups = match b.client.case_steps(self.id).await {
            Ok(g) => g,
            Err(e) => return ReadBack::Failed(e),
        };
        let found = groups
            .into_iter()
            .flat_map(|g| g.steps)
            .find(|s| s.case_step_id == self.step);
        match found {
            Some(s) if s.is_deactivated => ReadBack::NotDone,
            Some(s) => ReadBack::Done(Box::new(s)),
            None => ReadBack::Cannot(format!(
                "step {} is no longer in case {}",
                self.step, self.id
            )),
        }
    }
}

/// Add a note to a step.
#[derive(Debug, Clone, PartialEq)]
pub struct AddNote {
    pub id: Id,
    pub step: Id,
    pub text: String,
}

impl Operation for AddNote {
    type Answer = Box<StepNote>;
    const NAME: &'static str = "add note";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .add_note(self.id, self.step, &self.text)
            .await
            .map(Box::new)
    }
}

impl Change for AddNote {
    /// The case and step say where; the note's text is never journalled.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        Decided::new()
    }

    /// A note with an id and its text.
    fn complete(&self, n: &Self::Answer) -> bool {
        n.step_note_id > 0 && n.note.is_some()
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Added when the step holds a note with the same text. The same text twice on one step
    /// would be taken for this one: a reviewer does not write the same note twice, and the price
    /// is only a note not sent twice.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let notes = b.client.step_notes(self.id, self.step).await;
        notes
            .map(|notes| {
                notes
                    .into_iter()
                    .find(|n| n.note.as_deref().map(str::trim) == Some(self.text.trim()))
                    .map(Box::new)
            })
            .into()
    }
}

/// The note that records an AML exclusion's reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ExclusionNote {
    pub id: Id,
    pub step: Id,
    pub text: String,
}

impl Operation for ExclusionNote {
    type Answer = Box<StepNote>;
    const NAME: &'static str = "exclusion note";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    /// An ordinary note ([`AddNote`]): a type of its own so that its answer reaches the AML pane
    /// (which keeps the reason to send again) and the journal names it.
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        self.as_note().call(b).await
    }
}

impl ExclusionNote {
    fn as_note(&self) -> AddNote {
        AddNote {
            id: self.id,
            step: self.step,
            text: self.text.clone(),
        }
    }
}

impl Change for ExclusionNote {
    /// The case and step say where; the reason's text is never journalled (it is the note).
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        Decided::new()
    }

    fn complete(&self, n: &Self::Answer) -> bool {
        self.as_note().complete(n)
    }

    fn destructive(&self) -> bool {
        false
    }
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        self.as_note().read_back(b).await
    }
}

/// Delete a step's note.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteNote {
    pub id: Id,
    pub step: Id,
    pub note: Id,
}

impl Operation for DeleteNote {
    type Answer = ();
    const NAME: &'static str = "delete note";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.delete_note(self.id, self.step, self.note).await
    }
}

impl Change for DeleteNote {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        vec![("note", self.note.to_string())]
    }

    /// Nothing of the answer is shown: the notes are read again.
    fn complete(&self, _: &Self::Answer) -> bool {
        true
    }

    fn destructive(&self) -> bool {
        true
    }
    /// Deleted when the step no longer holds the note.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let notes = b.client.step_notes(self.id, self.step).await;
        notes
            .map(|notes| (!notes.iter().any(|n| n.step_note_id == self.note)).then_some(()))
            .into()
    }
}

/// A case's AML checks (screening hits by step).
#[derive(Debug, Clone, PartialEq)]
pub struct AmlChecks {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for AmlChecks {
    type Answer = Box<AmlChecksAnswer>;
    const NAME: &'static str = "AML checks";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.aml_checks(self.kind, self.id).await.map(Box::new)
    }
}

/// Exclude an AML step's match as a false positive (answers the step's details).
#[derive(Debug, Clone, PartialEq)]
pub struct ExcludeAml {
    pub id: Id,
    pub step: Id,
    pub reason: String,
}

impl Operation for ExcludeAml {
    type Answer = Box<Details>;
    const NAME: &'static str = "exclude AML match";
    fn about(&self) -> About {
        About::step(self.id, self.step)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .exclude_aml(self.id, self.step, Some(self.reason.clone()))
            .await
            .map(Box::new)
    }
}

impl Change for ExcludeAml {
    /// Every match of the step is excluded, for the reason given: journalled on one line (as
    /// an alert action's, [`super::one_line`]) and written as a note on the step (see
    /// [`ExclusionNote`]).
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        vec![
            ("action", "exclude".to_owned()),
            ("reason", super::one_line(&self.reason)),
        ]
    }

    /// The step's details, with every match it holds excluded.
    fn complete(&self, d: &Self::Answer) -> bool {
        d.case_step_id == self.step && d.matches().next().is_some() && all_excluded(d)
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Done when every match the step holds is marked excluded.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let d = b.client.step_details(self.id, self.step).await;
        d.map(|d| all_excluded(&d).then(|| Box::new(d))).into()
    }
}

/// Whether the step holds matches and all of them are excluded (one match or several: the
/// exclusion works on the step).
fn all_excluded(d: &Details) -> bool {
    let mut matches = d.matches().peekable();
    matches.peek().is_some() && matches.all(|m| m.is_excluded)
}
