//! kyc-console: a terminal console for KYC/KYB case review over the Know Your Customer Public API v2.
//!
//! - [`api`]: the typed, tolerant client and the wire models;
//! - [`emulator`]: the same API served locally from a stateful demo dataset.

pub mod api;
pub mod emulator;
