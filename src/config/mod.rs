//! Where the console connects and as whom, and how it looks.
//!
//! Config sits above `app`: it parses `[keys]` into the app's keymap overrides, and `app` never
//! imports config (the layering test holds this). The colour mode and theme names it resolves
//! live in the neutral [`crate::appearance`], which app, ui and the terminal share.

pub mod boolish;
pub mod environments;
pub mod file;
pub mod keyring;
pub mod keys;
pub mod settings;
