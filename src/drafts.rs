//! Notes being written, kept on disk until the server has them (house rule 6: nothing typed is
//! lost — not by a failed request, a crash or a restart).
//!
//! One file per (case, step) under `$XDG_STATE_HOME/kyc-console/drafts/<environment>/`, written
//! atomically (temporary file, then rename) with mode 0600.

use crate::api::Id;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
}

/// The console's state directory: `KYC_CONSOLE_STATE_DIR`, else the XDG state directory.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("KYC_CONSOLE_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(
        base.state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("kyc-console"),
    )
}

/// A file-name-safe form of an environment label.
fn slug(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "default".into()
    } else {
        out
    }
}

impl Drafts {
    pub fn new(state_dir: &Path, environment: &str) -> Drafts {
        Drafts {
            dir: state_dir.join("drafts").join(slug(environment)),
        }
    }

    fn path(&self, case: Id, step: Id) -> PathBuf {
        self.dir.join(format!("{case}-{step}.txt"))
    }

    /// Every draft on disk. Unreadable or oddly named files are skipped.
    pub fn load(&self) -> HashMap<(Id, Id), String> {
        let mut out = HashMap::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return out;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".txt")) else {
                continue;
            };
            let Some((c, s)) = stem.split_once('-') else {
                continue;
            };
            if let (Ok(c), Ok(s), Ok(text)) = (
                c.parse::<Id>(),
                s.parse::<Id>(),
                std::fs::read_to_string(e.path()),
            ) {
                out.insert((c, s), text);
            }
        }
        out
    }

    pub fn save(&self, case: Id, step: Id, text: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        write_atomic(&self.path(case, step), text)
    }

    pub fn delete(&self, case: Id, step: Id) -> std::io::Result<()> {
        remove(&self.path(case, step))
    }

    /// Forms are kept as `form-<name>.txt` (a name the note drafts' `<case>-<step>` never is).
    fn form_path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("form-{}.txt", slug(name)))
    }

    /// Every kept form, by name.
    pub fn load_forms(&self) -> HashMap<String, String> {
        let mut out = HashMap::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return out;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(form) = name
                .to_str()
                .and_then(|n| n.strip_prefix("form-"))
                .and_then(|n| n.strip_suffix(".txt"))
            else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                out.insert(form.to_owned(), text);
            }
        }
        out
    }

    pub fn save_form(&self, name: &str, text: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        write_atomic(&self.form_path(name), text)
    }

    pub fn delete_form(&self, name: &str) -> std::io::Result<()> {
        remove(&self.form_path(name))
    }
}

/// Write through a temporary file and a rename, readable by the user only: a crash mid-write
/// leaves the old draft, never half of one.
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let d = Drafts::new(dir.path(), "DEMO");
        d.save(10, 20, "first line\nsecond").unwrap();
        d.save(10, 21, "other").unwrap();
        let all = d.load();
        assert_eq!(
            all.get(&(10, 20)).map(String::as_str),
            Some("first line\nsecond")
        );
        d.delete(10, 20).unwrap();
        d.delete(10, 20).unwrap();
        assert_eq!(d.load().len(), 1);
        // Another environment sees none of them.
        assert!(Drafts::new(dir.path(), "uat-eu").load().is_empty());
    }

    #[test]
    fn forms_round_trip_beside_the_notes() {
        let dir = tempfile::tempdir().unwrap();
        let d = Drafts::new(dir.path(), "DEMO");
        d.save(10, 20, "a note").unwrap();
        d.save_form("new-individual", "firstName\tAmara\n").unwrap();
        assert_eq!(d.load().len(), 1, "a form is not a note");
        let forms = d.load_forms();
        assert_eq!(
            forms.get("new-individual").map(String::as_str),
            Some("firstName\tAmara\n")
        );
        d.delete_form("new-individual").unwrap();
        d.delete_form("new-individual").unwrap();
        assert!(d.load_forms().is_empty());
    }
}
