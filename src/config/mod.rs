//! Where the console connects and as whom.

pub mod environments;
