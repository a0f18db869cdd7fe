//! The canonical map of the KYC API v2: models, the client, tokens and errors. Knows HTTP, never the UI.

mod auth;
mod client;
mod error;
pub mod flex;
pub mod models;
mod ops;
mod secret;
mod transport;

pub use client::{Client, ClientConfig};
pub use error::{ApiError, DecodeFailure, ErrorKind};
pub use flex::Id;
pub use models::*;
pub use ops::{Page, operation_table};
pub use secret::Secret;
