//! Every setting resolved from its layers: command line, then environment variables, then the
//! config file, then defaults. One function, given the environment as a lookup, so the
//! precedence is tested without touching the process's environment.

use super::boolish;
use super::environments::Environment;
use super::file::{self, EnvConfig, FileConfig};
use crate::api::Secret;
use crate::appearance::color::ColorMode;
use crate::appearance::theme::Theme;
use crate::cli::Cli;
use crate::words::DateFormat;
use std::path::PathBuf;

/// Where the console connects.
#[derive(Debug)]
pub enum Server {
    /// The built-in emulator with its demo dataset.
    Demo,
    Remote(Remote),
}

#[derive(Debug)]
pub struct Remote {
    /// The environment's name, or the base URL when given directly.
    pub label: String,
    pub base_url: String,
    pub token_url: Option<String>,
    pub production: bool,
    pub client_id: String,
    pub secret: Secret,
    /// Where the secret came from, for messages and tests: "KYC_CLIENT_SECRET", the secret
    /// file's path, or "keyring service/user".
    pub secret_from: String,
}

#[derive(Debug)]
pub struct Settings {
    pub server: Server,
    pub read_only: bool,
    /// Save downloads without opening them.
    pub save_downloads: bool,
    /// Resolved: never `Auto`.
    pub color: ColorMode,
    pub theme: Theme,
    /// Draw in pure ASCII (the locale, which also turns it on, is read by the caller).
    pub ascii: bool,
    /// An `EnvFilter` directive (`info`, `debug`, `kyc_console=trace`).
    pub log_level: String,
    /// `None`: the default file in the state directory.
    pub log_file: Option<PathBuf>,
    /// The case-list filter at start; empty for none.
    pub filter: String,
    /// Who "me" is in `assignee:me`: the environment's reviewer, else the file's.
    pub reviewer: Option<String>,
    /// How dates are shown and typed.
    pub date_format: DateFormat,
    /// A document expiring within this many days is flagged.
    pub expiry_warning_days: u32,
}

/// The first value present, in layer order.
fn first<T>(layers: impl IntoIterator<Item = Option<T>>) -> Option<T> {
    layers.into_iter().flatten().next()
}

/// Resolve every setting. `env` reads an environment variable (empty counts as unset).
pub fn resolve(
    cli: &Cli,
    env: &dyn Fn(&str) -> Option<String>,
    cfg: &FileConfig,
) -> anyhow::Result<Settings> {
    let env = |k: &str| env(k).filter(|v| !v.is_empty());
    // The first layer that names a server decides it.
    let named = if cli.demo {
        None
    } else if cli.env.is_some() || cli.base_url.is_some() {
        Some((cli.env.clone(), cli.base_url.clone()))
    } else if let Some(name) = env("KYC_CONSOLE_ENV") {
        Some((Some(name), None))
    } else if let Some(url) = env("KYC_CONSOLE_BASE_URL") {
        Some((None, Some(url)))
    } else {
        cfg.environment.clone().map(|name| (Some(name), None))
    };
    let env_settings = match &named {
        Some((Some(name), _)) => cfg.environments.get(name).cloned().unwrap_or_default(),
        _ => EnvConfig::default(),
    };
    let server = match named {
        None => {
            if env("KYC_CLIENT_ID").is_some() && !cli.demo {
                anyhow::bail!(
                    "KYC_CLIENT_ID is set but no server is chosen: add --env uat-eu|uat-asia|prod-eu|prod-asia \
                     or --base-url URL (or --demo for the built-in demo)"
                );
            }
            Server::Demo
        }
        Some((Some(name), _)) => {
            let (base_url, production) = environment(&name, &env_settings)?;
            remote(cli, &env, name, base_url, production, &env_settings)?
        }
        Some((None, Some(url))) => {
            let base = url.trim_end_matches('/').to_owned();
            remote(cli, &env, url, base, false, &env_settings)?
        }
        Some((None, None)) => Server::Demo,
    };
    let production = matches!(&server, Server::Remote(r) if r.production);

    let read_only = if cli.read_only {
        true
    } else if let Some(v) = env("KYC_CONSOLE_READ_ONLY") {
        boolish::from_env("KYC_CONSOLE_READ_ONLY", &v)?
    } else {
        env_settings.read_only
    };
    // Read here rather than by clap's `env`, so it takes the same spellings as every other
    // yes/no variable (clap's bool flags refused `1`).
    let save_downloads = if cli.save_downloads {
        true
    } else if let Some(v) = env("KYC_CONSOLE_SAVE_DOWNLOADS") {
        boolish::from_env("KYC_CONSOLE_SAVE_DOWNLOADS", &v)?
    } else {
        false
    };

    let color = match first([
        cli.color,
        env("KYC_CONSOLE_COLOR")
            .map(|v| parse_color("KYC_CONSOLE_COLOR", &v))
            .transpose()?,
        cfg.color
            .as_deref()
            .map(|v| parse_color("color", v))
            .transpose()?,
    ]) {
        Some(c) => c,
        None => ColorMode::Auto,
    }
    .resolve(|k| env(k));

    let theme_env = env("KYC_CONSOLE_THEME")
        .map(|v| {
            Theme::parse(&v).ok_or_else(|| {
                anyhow::anyhow!("KYC_CONSOLE_THEME={v:?} is not one of {}", Theme::NAMES)
            })
        })
        .transpose()?;
    // The file's top-level theme is for test environments: production keeps its look unless
    // the environment itself, or this run, asks for another.
    let file_theme = first([
        env_settings.theme.as_deref(),
        (!production).then_some(cfg.theme.as_deref()).flatten(),
    ])
    .and_then(Theme::parse);
    let theme = first([cli.theme, theme_env, file_theme]).unwrap_or(if production {
        Theme::Production
    } else {
        Theme::Dark
    });

    let ascii = if cli.ascii {
        true
    } else if let Some(v) = env("KYC_CONSOLE_ASCII") {
        boolish::from_env("KYC_CONSOLE_ASCII", &v)?
    } else {
        cfg.ascii.unwrap_or(false)
    };

    let log_level = first([
        cli.log_level.clone(),
        env("RUST_LOG"),
        cfg.log_level.clone(),
    ])
    .unwrap_or_else(|| "info".to_owned());
    let log_file = first([
        cli.log_file.clone(),
        env("KYC_CONSOLE_LOG_FILE").map(PathBuf::from),
        cfg.log_file.as_deref().map(file::expand_home),
    ]);
    // `--filter ""` is a choice (no filter), so the command line's empty value counts.
    let filter = first([
        cli.filter.clone(),
        env("KYC_CONSOLE_FILTER"),
        env_settings.default_filter.clone(),
        cfg.default_filter.clone(),
    ])
    .unwrap_or_default();

    let date_format = match first([
        env("KYC_CONSOLE_DATE_FORMAT").map(|v| ("KYC_CONSOLE_DATE_FORMAT", v)),
        cfg.date_format.clone().map(|v| ("date_format", v)),
    ]) {
        Some((what, v)) => DateFormat::parse(&v).ok_or_else(|| {
            anyhow::anyhow!("{what} = {v:?} is not one of YYYY-MM-DD, DD/MM/YYYY")
        })?,
        None => DateFormat::default(),
    };
    let expiry_warning_days = match env("KYC_CONSOLE_EXPIRY_WARNING_DAYS") {
        Some(v) => v.trim().parse().map_err(|_| {
            anyhow::anyhow!("KYC_CONSOLE_EXPIRY_WARNING_DAYS = {v:?} is not a number of days")
        })?,
        None => cfg
            .expiry_warning_days
            .unwrap_or(crate::app::docs::ExpiryWarning::default().days),
    };

    Ok(Settings {
        server,
        read_only,
        save_downloads,
        color,
        theme,
        ascii,
        log_level,
        log_file,
        filter,
        reviewer: first([env_settings.reviewer.clone(), cfg.reviewer.clone()])
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        date_format,
        expiry_warning_days,
    })
}

fn parse_color(what: &str, v: &str) -> anyhow::Result<ColorMode> {
    <ColorMode as clap::ValueEnum>::from_str(v, true)
        .map_err(|_| anyhow::anyhow!("{what} = {v:?} is not one of auto, truecolor, 256, 16, mono"))
}

/// The base URL and production flag of a named environment: built in, or from the file.
fn environment(name: &str, settings: &EnvConfig) -> anyhow::Result<(String, bool)> {
    let builtin = <Environment as clap::ValueEnum>::from_str(name, true).ok();
    let base = settings
        .base_url
        .clone()
        .or_else(|| builtin.map(|e| e.base_url().to_owned()))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "unknown environment {name:?}: use uat-eu, uat-asia, prod-eu, prod-asia, or define \
                 [environments.{name}] with base_url in the config file"
            )
        })?;
    let production = settings.production || builtin.is_some_and(Environment::is_production);
    Ok((base, production))
}

fn remote(
    cli: &Cli,
    env: &dyn Fn(&str) -> Option<String>,
    label: String,
    base_url: String,
    production: bool,
    settings: &EnvConfig,
) -> anyhow::Result<Server> {
    let client_id = env("KYC_CLIENT_ID").or(settings.client_id.clone());
    let secret = if let Some(s) = env("KYC_CLIENT_SECRET") {
        Some((s, "KYC_CLIENT_SECRET".to_owned()))
    } else if let Some(p) = &settings.secret_file {
        Some((file::read_secret_file(p)?, p.display().to_string()))
    } else if let Some((service, user)) = settings.keyring.as_ref().and_then(|k| k.entry(&label)) {
        Some((
            super::keyring::read(&service, &user)?,
            format!("keyring {service}/{user}"),
        ))
    } else {
        None
    };
    let (Some(client_id), Some((secret, secret_from))) = (client_id, secret) else {
        anyhow::bail!(
            "no credentials for {label}: set KYC_CLIENT_ID and KYC_CLIENT_SECRET, or client_id and \
             secret_file (or keyring) for this environment in the config file (an API client id \
             and secret from the platform's Administration › API Credentials)"
        );
    };
    Ok(Server::Remote(Remote {
        label,
        base_url,
        token_url: cli.token_url.clone().or(settings.token_url.clone()),
        production,
        client_id,
        secret: Secret::new(secret),
        secret_from,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn reviewer(args: &[&str], file: &str) -> Option<String> {
        let cli = Cli::try_parse_from(std::iter::once("kyc-console").chain(args.iter().copied()))
            .expect("arguments");
        let cfg = file::parse(file, std::path::Path::new("c.toml")).expect("config");
        let env = |k: &str| match k {
            "KYC_CLIENT_ID" => Some("id".to_owned()),
            "KYC_CLIENT_SECRET" => Some("s".to_owned()),
            _ => None,
        };
        resolve(&cli, &env, &cfg).expect("settings").reviewer
    }

    /// Who "me" is in `assignee:me`: the environment's reviewer before the file's own.
    #[test]
    fn the_reviewer_comes_from_the_environment_then_the_file() {
        let file = "reviewer = \"Ana Silva\"\n[environments.uat-eu]\nreviewer = \"Ana S.\"\n";
        assert_eq!(
            reviewer(&["--env", "uat-eu"], file).as_deref(),
            Some("Ana S.")
        );
        assert_eq!(
            reviewer(&["--env", "uat-asia"], file).as_deref(),
            Some("Ana Silva")
        );
        assert_eq!(
            reviewer(&["--demo"], "reviewer = \"  \"\n"),
            None,
            "blank is none"
        );
        assert_eq!(reviewer(&["--demo"], ""), None);
    }
}
