//! kyc-console: a terminal console for KYC/KYB case review over the Know Your Customer Public API v2.
//!
//! Data flows one way (see `../shared/DESIGN.md`): keys, resizes and answers become
//! [`app::Msg`]; [`app::update`] changes the [`app::State`] and returns [`app::Effect`]s; the
//! [`fetch`] layer runs requests through the [`api`] client; [`ui::draw`] paints the state.
//!
//! - [`api`]: the typed, tolerant client and the wire models;
//! - [`emulator`]: the same API served locally from a stateful demo dataset;
//! - [`app`]: state and update, pure; [`ui`]: drawing, pure;
//! - [`fetch`], [`runtime`], [`term`]: the async and terminal edges;
//! - [`config`]: files, environments, credentials, keys; it depends on `app`, never the reverse;
//! - [`sanitize`], [`appearance`]: leaves every layer may use (the one sanitiser; colour mode and
//!   theme names); [`panic_scope`]: which panics the emulator contains, for the panic hook.

pub mod api;
pub mod app;
pub mod appearance;
pub mod cli;
pub mod config;
pub mod downloads;
pub mod drafts;
pub mod emulator;
pub mod export;
pub mod exposure;
pub mod fetch;
pub mod folders;
pub mod journal;
pub mod logging;
pub mod op;
pub mod ownership;
pub mod panic_scope;
pub mod paths;
pub mod runtime;
pub mod sanitize;
pub mod sgr;
pub mod term;
pub mod ui;
pub mod words;
