//! The command line.

use crate::appearance::color::ColorMode;
use crate::appearance::theme::Theme;
use crate::emulator;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Version with build information.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("CARGO_PKG_NAME"),
    ", API: Know Your Customer Public API v2)"
);

/// A terminal console for KYC/KYB case review over the Know Your Customer Public API v2.
///
/// With no credentials and no environment configured it opens the built-in demo (an emulator
/// of the API started in-process).
#[derive(Debug, Parser)]
#[command(name = "kyc-console", version, long_version = LONG_VERSION, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Use the built-in demo even when credentials or an environment are configured.
    #[arg(long, conflicts_with_all = ["env", "base_url"])]
    pub demo: bool,
    /// An environment: uat-eu, uat-asia, prod-eu, prod-asia, or one defined in the config file
    /// [env: KYC_CONSOLE_ENV].
    #[arg(long, value_name = "NAME", conflicts_with = "base_url")]
    pub env: Option<String>,
    /// Any server that speaks the API, e.g. a standalone `kyc-console emulator`
    /// [env: KYC_CONSOLE_BASE_URL].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The token endpoint (default: {base}/connect/token).
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// Send no change to the server [env: KYC_CONSOLE_READ_ONLY=1|0|true|false|yes|no].
    #[arg(long)]
    pub read_only: bool,
    /// Save downloaded documents and reports without opening them (always so over SSH)
    /// [env: KYC_CONSOLE_SAVE_DOWNLOADS=1|0|true|false|yes|no].
    // The variable is read with the others in `config::settings`, not by clap, so that every
    // yes/no variable takes the same spellings.
    #[arg(long)]
    pub save_downloads: bool,
    /// Draw in pure ASCII: borders, marks, arrows (automatic when the locale is not UTF-8)
    /// [env: KYC_CONSOLE_ASCII=1|0|true|false|yes|no].
    #[arg(long)]
    pub ascii: bool,
    /// Colours: auto (from NO_COLOR, COLORTERM, TERM), truecolor, 256, 16 or mono
    /// [env: KYC_CONSOLE_COLOR].
    #[arg(long, value_enum)]
    pub color: Option<ColorMode>,
    /// The look (production environments default to `production`) [env: KYC_CONSOLE_THEME].
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
    /// The case-list filter at start, e.g. "status:open risk:high"; "" for none
    /// [env: KYC_CONSOLE_FILTER].
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<String>,
    /// Where to log (default: kyc-console.log in the state directory) [env: KYC_CONSOLE_LOG_FILE].
    #[arg(long, value_name = "FILE")]
    pub log_file: Option<PathBuf>,
    /// error, warn, info, debug or trace (default info) [env: RUST_LOG].
    #[arg(long, value_name = "LEVEL")]
    pub log_level: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Serve the KYC API v2 locally from the demo or a synthetic dataset.
    Emulator(emulator::EmulatorArgs),
    /// The configuration file.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Write a case's review record (evidence pack), or the alert inbox as CSV, without the
    /// screen, from the configured environment (the demo when none).
    Export(ExportArgs),
}

/// `kyc-console export CASE_ID [--format md|json] [--out FILE]`, or
/// `kyc-console export --alerts --format csv`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The case id.
    #[arg(required_unless_present = "alerts", conflicts_with = "alerts")]
    pub case: Option<i64>,
    /// The alert inbox, one row per alert, instead of a case.
    #[arg(long)]
    pub alerts: bool,
    /// md (default) or json for a case; csv for the alerts.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Where to write (default: a new file in the downloads folder; `-`: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print where the configuration file is read from.
    Path,
    /// Write a commented example there (never over an existing file).
    Init,
    /// Print every key binding as a `[keys]` table to copy from.
    Keys,
    /// Store an environment's client secret in the OS keyring, read from stdin
    /// (needs the `keyring` build feature).
    SetSecret {
        /// The environment, as in `--env`.
        environment: String,
    },
}
