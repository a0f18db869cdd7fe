//! Helpers shared by several test modules.

pub mod dataset_checks;
pub mod pty;
pub mod rust_paths;
