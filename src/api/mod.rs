//! The canonical map of the KYC API v2: models, the client, tokens and errors. Knows HTTP, never the UI.

pub mod flex;
pub mod models;

pub use flex::Id;
pub use models::*;
