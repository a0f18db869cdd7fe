//! Saving a downloaded document or report: which folder, under which name, never over an
//! existing file. The runtime calls this off the UI thread for `Effect::SaveDownload`; `update()`
//! stays pure.

use crate::api::Download;
use crate::app::docs::Saved;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Longest file name kept (in characters, before the extension is counted).
const MAX_NAME: usize = 120;

/// The folder downloads go to: `KYC_CONSOLE_DOWNLOAD_DIR`, else the desktop's download folder
/// (`XDG_DOWNLOAD_DIR`, or its line in `user-dirs.dirs`), else `~/Downloads/kyc-console`.
/// `env` and `user_dirs` (the text of `~/.config/user-dirs.dirs`) are parameters so the choice
/// is tested without touching the environment.
pub fn download_dir(
    env: impl Fn(&str) -> Option<String>,
    home: &Path,
    user_dirs: Option<&str>,
) -> PathBuf {
    let var = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    if let Some(dir) = var("KYC_CONSOLE_DOWNLOAD_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = var("XDG_DOWNLOAD_DIR") {
        return expand(&dir, home);
    }
    if let Some(dir) = user_dirs.and_then(user_dirs_download) {
        let dir = expand(&dir, home);
        // The entry points at the home folder itself when the desktop has no download folder.
        if dir != home {
            return dir;
        }
    }
    home.join("Downloads").join("kyc-console")
}

/// The `XDG_DOWNLOAD_DIR="$HOME/Downloads"` line of `user-dirs.dirs`.
fn user_dirs_download(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.trim().strip_prefix("XDG_DOWNLOAD_DIR=")?;
        Some(value.trim().trim_matches('"').to_owned())
    })
}

fn expand(dir: &str, home: &Path) -> PathBuf {
    if let Some(rest) = dir.strip_prefix("$HOME") {
        return home.join(rest.trim_start_matches('/'));
    }
    if let Some(rest) = dir.strip_prefix("~/") {
        return home.join(rest);
    }
    PathBuf::from(dir)
}

/// The download folder of this user, from the real environment.
pub fn default_dir() -> PathBuf {
    let home = etcetera::home_dir().unwrap_or_else(|_| PathBuf::from("."));
    let user_dirs = etcetera::choose_base_strategy().ok().and_then(|b| {
        use etcetera::BaseStrategy;
        std::fs::read_to_string(b.config_dir().join("user-dirs.dirs")).ok()
    });
    download_dir(|k| std::env::var(k).ok(), &home, user_dirs.as_deref())
}

/// A file name the server sent, made safe to create: no folders (separators), no control,
/// escape or invisible characters, no leading dots (no hidden files, no `..`), not too long.
/// Empty after cleaning: `fallback`.
pub fn sanitise(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            let hidden = crate::sanitize::has_hidden(c.encode_utf8(&mut [0; 4]));
            if c == '/' || c == '\\' || c == ':' || c.is_control() || hidden {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches(['.', '_', ' ']).trim();
    let base = if trimmed.is_empty() {
        fallback
    } else {
        trimmed
    };
    shorten(base)
}

/// Cut a long name, keeping its extension.
fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME {
        return name.to_owned();
    }
    let (stem, ext) = split_ext(name);
    let keep: String = stem.chars().take(MAX_NAME).collect();
    format!("{keep}{ext}")
}

/// `report.pdf` → (`report`, `.pdf`); no extension → (name, ``).
fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 10 => name.split_at(i),
        _ => (name, ""),
    }
}

/// `name`, or `name (1)`, `name (2)`… before the extension: the first that does not exist.
/// The file is created here (create-new), so nothing existing is ever overwritten, even by a
/// file that appeared in the meantime.
pub fn save_unique(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let (stem, ext) = split_ext(name);
    for n in 0..1000 {
        let candidate = if n == 0 {
            name.to_owned()
        } else {
            format!("{stem} ({n}){ext}")
        };
        let path = dir.join(candidate);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(bytes)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "too many files named {name} in {}",
        dir.display()
    )))
}

/// Save a download under the server's (sanitised) name or `fallback`.
pub fn save(dir: &Path, download: &Download, fallback: &str) -> std::io::Result<PathBuf> {
    let name = sanitise(download.file_name.as_deref().unwrap_or(""), fallback);
    save_unique(dir, &name, &download.bytes)
}

/// Save a download in `dir` (the user's download folder, [`default_dir`]), then hand it to the
/// desktop's opener when `open` (not over SSH, not with `--save-downloads`).
pub fn deliver(dir: &Path, download: &Download, fallback: &str, open: bool) -> Saved {
    let path = match save(dir, download, fallback) {
        Ok(p) => p,
        Err(e) => return Saved::Failed(format!("{}: {e}", dir.display())),
    };
    if !open {
        return Saved::Saved(path);
    }
    match open::that_detached(&path) {
        Ok(()) => Saved::Opened(path),
        Err(e) => {
            // The opener's error names the launchers it tried: long, so it goes to the log.
            tracing::warn!(error = %e, "no program opened the download");
            Saved::NotOpened(path, "no program to open it (see the log)".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(sanitise("../../etc/passwd", "x.pdf"), "etc_passwd");
        assert_eq!(sanitise("a\u{1b}[31mb.pdf", "x.pdf"), "a_[31mb.pdf");
        assert_eq!(sanitise("evil\u{202e}fdp.exe", "x.pdf"), "evil_fdp.exe");
        assert_eq!(sanitise("  ", "case-1-report.pdf"), "case-1-report.pdf");
        assert_eq!(sanitise(".hidden", "x.pdf"), "hidden");
        let long = format!("{}.pdf", "a".repeat(300));
        assert_eq!(
            sanitise(&long, "x"),
            format!("{}.pdf", "a".repeat(MAX_NAME))
        );
    }

    #[test]
    fn existing_files_are_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = save_unique(dir.path(), "r.pdf", b"one").expect("first");
        let b = save_unique(dir.path(), "r.pdf", b"two").expect("second");
        let c = save_unique(dir.path(), "noext", b"3").expect("third");
        let d = save_unique(dir.path(), "noext", b"4").expect("fourth");
        assert_eq!(a.file_name().and_then(|n| n.to_str()), Some("r.pdf"));
        assert_eq!(b.file_name().and_then(|n| n.to_str()), Some("r (1).pdf"));
        assert_eq!(d.file_name().and_then(|n| n.to_str()), Some("noext (1)"));
        assert_eq!(std::fs::read(&a).expect("read"), b"one");
        assert_eq!(std::fs::read(&b).expect("read"), b"two");
        assert_eq!(std::fs::read(&c).expect("read"), b"3");
    }

    #[test]
    fn the_download_folder_follows_the_desktop() {
        let home = Path::new("/home/r");
        let none = |_: &str| None;
        assert_eq!(
            download_dir(none, home, None),
            PathBuf::from("/home/r/Downloads/kyc-console")
        );
        let xdg = |k: &str| (k == "XDG_DOWNLOAD_DIR").then(|| "/data/dl".to_owned());
        assert_eq!(download_dir(xdg, home, None), PathBuf::from("/data/dl"));
        let dirs = "# comment\nXDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\n";
        assert_eq!(
            download_dir(none, home, Some(dirs)),
            PathBuf::from("/home/r/Téléchargements")
        );
        let mine = |k: &str| (k == "KYC_CONSOLE_DOWNLOAD_DIR").then(|| "/tmp/k".to_owned());
        assert_eq!(
            download_dir(mine, home, Some(dirs)),
            PathBuf::from("/tmp/k")
        );
        assert_eq!(
            download_dir(none, home, Some("XDG_DOWNLOAD_DIR=\"$HOME/\"")),
            PathBuf::from("/home/r/Downloads/kyc-console")
        );
    }
}
