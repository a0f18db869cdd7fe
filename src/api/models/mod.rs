//! The API's request and response shapes, shared by the client and the emulator.
//!
//! Every response model is tolerant (see `../shared/reference/kyc-api-v2-contract.md`): missing
//! fields default, loose types are accepted through [`crate::api::flex`], and unknown fields are
//! kept in `extra` so a pane can show them raw. The emulator serialises these same types, so
//! client and server cannot drift apart.

mod aml;
mod audit;
mod case;
mod documents;
mod error_body;
mod members;
mod monitoring;
mod notes;
mod org_chart;
mod reference;
mod search;
mod steps;
mod users;

pub use aml::*;
pub use audit::*;
pub use case::*;
pub use documents::*;
pub use error_body::*;
pub use members::*;
pub use monitoring::*;
pub use notes::*;
pub use org_chart::*;
pub use reference::*;
pub use search::*;
pub use steps::*;
pub use users::*;

/// Fields the model does not know, kept as they came (serialised back in place).
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Which half of the API a case lives in: the path prefix of most case operations.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum CaseKind {
    Company,
    Individual,
}

impl CaseKind {
    /// The path segment: `Companies` or `Individuals`.
    pub fn segment(self) -> &'static str {
        match self {
            CaseKind::Company => "Companies",
            CaseKind::Individual => "Individuals",
        }
    }

    /// The word the live-monitoring endpoints use (`Entity` / `Individual`).
    pub fn lm_word(self) -> &'static str {
        match self {
            CaseKind::Company => "Entity",
            CaseKind::Individual => "Individual",
        }
    }
}
