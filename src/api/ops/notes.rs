//! Step notes.

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::flex::Id;
use crate::api::models::{NewNote, StepNote};
use crate::api::transport::Call;

impl Client {
    /// Oldest first.
    pub async fn step_notes(&self, id: Id, step_id: Id) -> Result<Vec<StepNote>, ApiError> {
        let call = Call::get(
            "GET /v2/CaseStepNotes/{id}/{stepId}",
            format!("/v2/CaseStepNotes/{id}/{step_id}"),
        );
        self.fetch_json(call).await
    }

    /// Answers the created note.
    pub async fn add_note(&self, id: Id, step_id: Id, note: &str) -> Result<StepNote, ApiError> {
        let call = Call::post(
            "POST /v2/CaseStepNotes/{id}/{stepId}",
            format!("/v2/CaseStepNotes/{id}/{step_id}"),
        )
        .json(&NewNote {
            note: note.to_owned(),
        })?;
        self.fetch_json(call).await
    }

    pub async fn delete_note(&self, id: Id, step_id: Id, note_id: Id) -> Result<(), ApiError> {
        let call = Call::delete(
            "DELETE /v2/CaseStepNotes/{id}/{stepId}/{stepNoteId}",
            format!("/v2/CaseStepNotes/{id}/{step_id}/{note_id}"),
        );
        self.fetch_empty(call).await
    }
}
