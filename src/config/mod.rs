//! Where the console connects and as whom, and how it looks.

pub mod color;
pub mod environments;
pub mod file;
pub mod keyring;
pub mod keys;
pub mod settings;
pub mod theme;
