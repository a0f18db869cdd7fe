//! The KYC API v2 served locally by axum from an in-memory store: the built-in demo, the training
//! ground, and the ground every test stands on. Strict about what it sends (the contract's shapes).

pub mod dataset;
pub mod pdf;
pub mod store;
