//! Logging with `tracing` to a file (never to the terminal the console draws on).
//!
//! The file is created with mode 0600 in the state directory unless `--log-file` names one;
//! the level is resolved with the other settings (`--log-level`, `RUST_LOG`, the file,
//! `info`). Nothing secret is logged: requests are logged by operation, status and duration
//! only.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

static PATH: OnceLock<PathBuf> = OnceLock::new();

/// The log file in use, once logging has started (printed after a crash).
pub fn path() -> Option<&'static Path> {
    PATH.get().map(PathBuf::as_path)
}

/// The default log file: `<state dir>/kyc-console.log`.
pub fn default_path() -> Option<PathBuf> {
    crate::drafts::state_dir().map(|d| d.join("kyc-console.log"))
}

/// Start logging to `path`. Returns the path on success.
pub fn init(path: &Path, level: &str) -> anyhow::Result<PathBuf> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot open the log file {}: {e}", path.display()))?;
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .map_err(|e| anyhow::anyhow!("bad log level {level:?}: {e}"))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .map_err(|e| anyhow::anyhow!("logging already started: {e}"))?;
    let _ = PATH.set(path.to_path_buf());
    Ok(path.to_path_buf())
}
