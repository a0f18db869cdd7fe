//! The configuration file: `$XDG_CONFIG_HOME/kyc-console/config.toml` (see
//! `assets/config.example.toml`). The console reads it and never writes it, except when the
//! user asks with `kyc-console config init`, which refuses to overwrite.

use super::keys::KeysTable;
use crate::app::keymap::Override;
use crate::appearance::color::ColorMode;
use crate::appearance::theme::Theme;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The commented example, written by `config init`.
pub const EXAMPLE: &str = include_str!("../../assets/config.example.toml");

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The environment used when the command line names none.
    pub environment: Option<String>,
    /// Colours (auto, truecolor, 256, 16, mono).
    pub color: Option<String>,
    /// The theme of environments that name none (production keeps its own look).
    pub theme: Option<String>,
    /// Draw in pure ASCII (borders, marks, arrows), for terminals that show nothing else; on
    /// by itself when the locale is not UTF-8.
    pub ascii: Option<bool>,
    /// The case-list filter at start for environments that name none (the `/` syntax).
    pub default_filter: Option<String>,
    /// Who "me" is in the case list's `assignee:me`: the reviewer's name as the server shows it
    /// in the assignee column, for environments that name none.
    pub reviewer: Option<String>,
    /// error, warn, info, debug, trace (or an `EnvFilter` directive).
    pub log_level: Option<String>,
    pub log_file: Option<PathBuf>,
    /// How dates are shown and typed: `YYYY-MM-DD` (the default) or `DD/MM/YYYY`.
    pub date_format: Option<String>,
    /// A document expiring within this many days is flagged (default 30).
    pub expiry_warning_days: Option<u32>,
    /// Settings per environment: the four built-in names, or new ones with their URLs.
    #[serde(default)]
    pub environments: BTreeMap<String, EnvConfig>,
    /// `[keys.<context>]` overrides of the default keymap, as written.
    #[serde(default)]
    pub keys: KeysTable,
    /// The same, checked: what the keymap applies.
    #[serde(skip)]
    pub key_overrides: Vec<Override>,
}

/// Where the client secret of an environment lives in the OS keyring.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyringRef {
    /// `keyring = true`: service `kyc-console`, user the environment's name.
    On(bool),
    /// `keyring = "service/user"`.
    Entry(String),
}

impl KeyringRef {
    /// The (service, user) of the entry, or `None` when switched off (`keyring = false`).
    pub fn entry(&self, environment: &str) -> Option<(String, String)> {
        match self {
            KeyringRef::On(false) => None,
            KeyringRef::On(true) => Some(("kyc-console".to_owned(), environment.to_owned())),
            KeyringRef::Entry(s) => s
                .split_once('/')
                .map(|(svc, user)| (svc.to_owned(), user.to_owned())),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvConfig {
    pub base_url: Option<String>,
    pub token_url: Option<String>,
    pub client_id: Option<String>,
    /// A file holding the client secret: must belong to the user and be unreadable by others.
    pub secret_file: Option<PathBuf>,
    #[serde(default)]
    pub read_only: bool,
    /// Marks an environment as production (the built-in prod-eu and prod-asia always are).
    #[serde(default)]
    pub production: bool,
    /// dark, light, high-contrast, monochrome or production.
    pub theme: Option<String>,
    /// The case-list filter at start (the `/` syntax, e.g. `status:open risk:high`).
    pub default_filter: Option<String>,
    /// Who "me" is in `assignee:me` in this environment (the name the assignee column shows).
    pub reviewer: Option<String>,
    /// The client secret from the OS keyring (needs the `keyring` build feature).
    pub keyring: Option<KeyringRef>,
}

/// `$XDG_CONFIG_HOME/kyc-console/config.toml` (or `KYC_CONSOLE_CONFIG`).
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KYC_CONSOLE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    use etcetera::BaseStrategy;
    Some(
        etcetera::choose_base_strategy()
            .ok()?
            .config_dir()
            .join("kyc-console")
            .join("config.toml"),
    )
}

/// `:line:column` of a byte offset.
fn position(text: &str, offset: usize) -> String {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(":{line}:{col}")
}

/// Parse a configuration; the error names the file, line and column.
pub fn parse(text: &str, path: &Path) -> anyhow::Result<FileConfig> {
    let mut cfg: FileConfig = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| position(text, s.start))
            .unwrap_or_default();
        anyhow::anyhow!("{}{at}: {}", path.display(), e.message())
    })?;
    cfg.key_overrides = super::keys::overrides(&cfg.keys).map_err(|e| {
        anyhow::anyhow!("{}{}: {}", path.display(), position(text, e.at), e.message)
    })?;
    let themes = std::iter::once(("theme".to_owned(), &cfg.theme)).chain(
        cfg.environments
            .iter()
            .map(|(n, e)| (format!("[environments.{n}] theme"), &e.theme)),
    );
    for (what, theme) in themes {
        if let Some(t) = theme
            && Theme::parse(t).is_none()
        {
            anyhow::bail!(
                "{}: {what} = {t:?} is not one of {}",
                path.display(),
                Theme::NAMES
            );
        }
    }
    for (name, env) in &cfg.environments {
        if let Some(KeyringRef::Entry(s)) = &env.keyring
            && !s
                .split_once('/')
                .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        {
            anyhow::bail!(
                "{}: [environments.{name}] keyring = {s:?}: write \"service/user\" or true",
                path.display()
            );
        }
        if env.secret_file.is_some()
            && env
                .keyring
                .as_ref()
                .is_some_and(|k| k.entry(name).is_some())
        {
            anyhow::bail!(
                "{}: [environments.{name}] has both secret_file and keyring: keep one",
                path.display()
            );
        }
    }
    if let Some(c) = &cfg.color {
        <ColorMode as clap::ValueEnum>::from_str(c, true).map_err(|_| {
            anyhow::anyhow!(
                "{}: color = {c:?} is not one of auto, truecolor, 256, 16, mono",
                path.display()
            )
        })?;
    }
    Ok(cfg)
}

/// Load the file if it exists; a missing file is an empty configuration.
pub fn load(path: &Path) -> anyhow::Result<FileConfig> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

/// `~/x` → `$HOME/x`.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// Read a secret file, refusing one that others can read (as ssh does with keys).
pub fn read_secret_file(path: &Path) -> anyhow::Result<String> {
    let path = &expand_home(path);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path)
            .map_err(|e| anyhow::anyhow!("cannot read the secret file {}: {e}", path.display()))?;
        // /proc/self belongs to the user running the console: comparing with it needs no libc.
        let me = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
        if me.is_some_and(|uid| uid != meta.uid()) {
            anyhow::bail!(
                "refusing the secret file {}: it belongs to another user",
                path.display()
            );
        }
        if meta.mode() & 0o077 != 0 {
            anyhow::bail!(
                "refusing the secret file {}: others can read it (mode {:o}); run chmod 600 on it",
                path.display(),
                meta.mode() & 0o777
            );
        }
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the secret file {}: {e}", path.display()))?;
    Ok(text.trim().to_owned())
}

/// Write the commented example to `path`, never over an existing file.
pub fn init(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        anyhow::bail!("{} exists already; it was left as it is", path.display());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, EXAMPLE)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_parses() {
        let cfg = parse(EXAMPLE, Path::new("example.toml")).unwrap();
        assert!(cfg.environments.contains_key("prod-eu"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "environment = \"uat-eu\"\n[environments.x]\nbase_url = 5\n";
        let e = parse(text, Path::new("c.toml")).unwrap_err().to_string();
        assert!(e.starts_with("c.toml:3:"), "{e}");
        let e = parse("colour = \"mono\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("c.toml:1:1"), "{e}");
        let e = parse("color = \"pink\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not one of"), "{e}");
    }

    #[test]
    fn secret_files_readable_by_others_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s");
        std::fs::write(&p, "topsecret\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = read_secret_file(&p).unwrap_err().to_string();
        assert!(e.contains("chmod 600") && !e.contains("topsecret"), "{e}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_secret_file(&p).unwrap(), "topsecret");
    }

    #[test]
    fn init_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("kyc-console/config.toml");
        init(&p).unwrap();
        std::fs::write(&p, "# mine\n").unwrap();
        assert!(init(&p).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "# mine\n");
    }
}
