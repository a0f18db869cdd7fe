//! Listing a folder for the Tab completion of a typed path (the runtime does it on Tab; the
//! completion itself is pure, in `app::docs_paths`).

use crate::paths::{self as docs_paths, Entry};

/// The entries of the folder a typed path points into, or why it could not be read.
pub fn list_dir(typed: &str) -> Result<Vec<Entry>, String> {
    let folder = docs_paths::folder_to_list(typed);
    let dir = docs_paths::expand_home(&folder, etcetera::home_dir().ok().as_deref());
    let read =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    Ok(read
        .flatten()
        .map(|e| Entry {
            name: e.file_name().to_string_lossy().into_owned(),
            // A link to a folder counts as a folder (metadata follows links).
            is_dir: std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir()),
        })
        .collect())
}
