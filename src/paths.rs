//! Paths typed in the upload form: `~` expansion, Tab completion over a directory listing, and
//! the content type a file name suggests. Pure: the listing is read elsewhere (the runtime), so
//! completion is tested without a file system.

use std::path::{Path, PathBuf};

/// One entry of a directory listing: its name and whether it is a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// What Tab made of the typed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The new text of the field.
    pub text: String,
    /// The names that still match when more than one does (shown under the field).
    pub candidates: Vec<String>,
    /// The same as whole paths, for Tab to step through.
    pub choices: Vec<String>,
}

/// `~` and `~/…` name the home folder; everything else is taken as typed.
pub fn expand_home(typed: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return typed.to_path_buf();
    };
    match typed.strip_prefix("~") {
        Ok(rest) => home.join(rest),
        Err(_) => typed.to_path_buf(),
    }
}

/// Split what is typed into the folder to list (as typed, ending in `/`, or empty for the
/// current folder) and the start of the name being completed.
pub fn split(typed: &str) -> (&str, &str) {
    match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None if typed == "~" => (typed, ""),
        None => ("", typed),
    }
}

/// The folder to list for what is typed (before `~` expansion).
pub fn folder_to_list(typed: &str) -> PathBuf {
    match split(typed).0 {
        "" => PathBuf::from("."),
        "~" => PathBuf::from("~/"),
        dir => PathBuf::from(dir),
    }
}

/// Complete the last name of `typed` from the entries of its folder: one match is completed
/// (a folder gets its `/`), several are completed to their common start and listed. Hidden
/// entries match only when a `.` is typed.
pub fn complete(typed: &str, entries: &[Entry]) -> Completion {
    let (dir, start) = split(typed);
    let dir = if dir == "~" { "~/" } else { dir };
    let mut matches: Vec<&Entry> = entries
        .iter()
        .filter(|e| {
            e.name.starts_with(start) && (start.starts_with('.') || !e.name.starts_with('.'))
        })
        .collect();
    matches.sort_by(|a, b| a.name.cmp(&b.name));
    match matches.as_slice() {
        [] => Completion {
            text: typed.to_owned(),
            candidates: Vec::new(),
            choices: Vec::new(),
        },
        [one] => Completion {
            text: format!("{dir}{}{}", one.name, if one.is_dir { "/" } else { "" }),
            candidates: Vec::new(),
            choices: Vec::new(),
        },
        many => {
            let first = &many[0].name;
            let mut common = first.len();
            for m in &many[1..] {
                common = first
                    .char_indices()
                    .zip(m.name.chars())
                    .take_while(|((_, a), b)| a == b)
                    .last()
                    .map_or(0, |((i, a), _)| i + a.len_utf8())
                    .min(common);
            }
            let candidates: Vec<String> = many
                .iter()
                .map(|e| format!("{}{}", e.name, if e.is_dir { "/" } else { "" }))
                .collect();
            Completion {
                text: format!("{dir}{}", &first[..common]),
                choices: candidates.iter().map(|c| format!("{dir}{c}")).collect(),
                candidates,
            }
        }
    }
}

/// The content type sent with an upload, from the file's extension (the API checks PDFs and
/// images; anything else goes as bytes).
pub fn content_type(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, is_dir: bool) -> Entry {
        Entry {
            name: name.to_owned(),
            is_dir,
        }
    }

    #[test]
    fn one_match_completes_and_folders_get_a_slash() {
        let entries = [
            e("passport.pdf", false),
            e("photos", true),
            e(".hidden", false),
        ];
        assert_eq!(complete("scans/pas", &entries).text, "scans/passport.pdf");
        assert_eq!(complete("pho", &entries).text, "photos/");
        assert_eq!(complete("~/pho", &entries).text, "~/photos/");
        assert_eq!(complete("~", &entries).text, "~/p");
    }

    #[test]
    fn several_matches_complete_to_their_common_start() {
        let entries = [
            e("bill-2024.pdf", false),
            e("bill-2025.pdf", false),
            e("id", true),
        ];
        let c = complete("b", &entries);
        assert_eq!(c.text, "bill-202");
        assert_eq!(c.candidates, vec!["bill-2024.pdf", "bill-2025.pdf"]);
        let c = complete("~/b", &entries);
        assert_eq!(c.choices, vec!["~/bill-2024.pdf", "~/bill-2025.pdf"]);
    }

    #[test]
    fn no_match_keeps_the_text_and_hidden_files_need_a_dot() {
        let entries = [e(".env", false)];
        assert_eq!(complete("x", &entries).text, "x");
        assert_eq!(complete("", &entries).text, "");
        assert_eq!(complete(".", &entries).text, ".env");
    }

    #[test]
    fn home_is_expanded_and_folders_are_listed() {
        let home = Path::new("/home/r");
        assert_eq!(
            expand_home(Path::new("~/a.pdf"), Some(home)),
            PathBuf::from("/home/r/a.pdf")
        );
        assert_eq!(
            expand_home(Path::new("/tmp/a"), Some(home)),
            PathBuf::from("/tmp/a")
        );
        assert_eq!(folder_to_list("a.pdf"), PathBuf::from("."));
        assert_eq!(folder_to_list("/tmp/sc"), PathBuf::from("/tmp/"));
        assert_eq!(content_type("Scan.PDF"), "application/pdf");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
