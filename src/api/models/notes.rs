use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// A step note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StepNote {
    #[serde(deserialize_with = "flex::id")]
    pub step_note_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub note: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub created_by: Option<String>,
    /// ISO 8601 in the emulator.
    #[serde(deserialize_with = "flex::opt_string")]
    pub created_on: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v2/CaseStepNotes/{id}/{stepId}`: `{"note": "…"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewNote {
    pub note: String,
}
