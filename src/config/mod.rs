//! Where the console connects and as whom.

pub mod color;
pub mod environments;
pub mod file;
