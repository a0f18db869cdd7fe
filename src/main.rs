//! `kyc-console`: the console (default), `emulator`, `config`, `completions`, `man`.

use clap::{CommandFactory, Parser};
use kyc_console::api::{Client, ClientConfig, Secret};
use kyc_console::app::{Session, State};
use kyc_console::cli::{Cli, Cmd, ConfigAction};
use kyc_console::config::color::ColorMode;
use kyc_console::config::environments::Environment;
use kyc_console::config::file::{self, FileConfig};
use kyc_console::drafts::{self, Drafts};
use kyc_console::emulator;
use kyc_console::logging;
use kyc_console::runtime::{self, Exit};
use kyc_console::term::TerminalGuard;
use std::process::ExitCode;

/// Where to connect, resolved from the command line, the environment and the config file.
struct Target {
    base_url: String,
    token_url: Option<String>,
    client_id: String,
    secret: Secret,
    session: Session,
    /// Keeps the in-process emulator alive for the demo.
    _demo: Option<emulator::Running>,
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

/// The named environment: built in, or defined in the file; with its file settings.
fn environment(
    name: &str,
    cfg: &FileConfig,
) -> anyhow::Result<(String, Option<String>, bool, file::EnvConfig)> {
    let settings = cfg.environments.get(name).cloned().unwrap_or_default();
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
    Ok((base, settings.token_url.clone(), production, settings))
}

async fn resolve(cli: &Cli, cfg: &FileConfig) -> anyhow::Result<Target> {
    let env_name = cli.env.clone().or_else(|| {
        (!cli.demo && cli.base_url.is_none())
            .then(|| cfg.environment.clone())
            .flatten()
    });
    let remote = match (&env_name, &cli.base_url) {
        _ if cli.demo => None,
        (Some(name), _) => Some((name.clone(), environment(name, cfg)?)),
        (None, Some(url)) => Some((
            url.clone(),
            (
                url.trim_end_matches('/').to_owned(),
                None,
                false,
                file::EnvConfig::default(),
            ),
        )),
        (None, None) => None,
    };
    let Some((label, (base_url, file_token_url, production, settings))) = remote else {
        if env_var("KYC_CLIENT_ID").is_some() && !cli.demo {
            anyhow::bail!(
                "KYC_CLIENT_ID is set but no server is chosen: add --env uat-eu|uat-asia|prod-eu|prod-asia \
                 or --base-url URL (or --demo for the built-in demo)"
            );
        }
        return demo(cli).await;
    };
    let client_id = env_var("KYC_CLIENT_ID").or(settings.client_id.clone());
    let secret = match env_var("KYC_CLIENT_SECRET") {
        Some(s) => Some(s),
        None => match &settings.secret_file {
            Some(p) => Some(file::read_secret_file(p)?),
            None => None,
        },
    };
    let (Some(client_id), Some(secret)) = (client_id, secret) else {
        anyhow::bail!(
            "no credentials for {label}: set KYC_CLIENT_ID and KYC_CLIENT_SECRET, or client_id and \
             secret_file for this environment in the config file (an API client id and secret from \
             the platform's Administration › API Credentials)"
        );
    };
    Ok(Target {
        base_url,
        token_url: cli.token_url.clone().or(file_token_url),
        client_id: client_id.clone(),
        secret: Secret::new(secret),
        session: Session {
            environment: label,
            user: client_id,
            read_only: cli.read_only || settings.read_only,
            production,
            ..Session::default()
        },
        _demo: None,
    })
}

async fn demo(cli: &Cli) -> anyhow::Result<Target> {
    let running = emulator::spawn(emulator::Config::default()).await?;
    Ok(Target {
        base_url: format!("http://{}", running.addr),
        token_url: None,
        client_id: "demo".into(),
        secret: Secret::new("demo".to_owned()),
        session: Session {
            environment: "DEMO".into(),
            user: "demo".into(),
            read_only: cli.read_only,
            ..Session::default()
        },
        _demo: Some(running),
    })
}

async fn console(cli: Cli) -> anyhow::Result<Exit> {
    let cfg = match file::default_path() {
        Some(p) => file::load(&p)?,
        None => FileConfig::default(),
    };
    let log_path = cli.log_file.clone().or_else(logging::default_path);
    let log_path = match log_path {
        Some(p) => Some(logging::init(&p, &cli.log_level)?),
        None => None,
    };
    let target = resolve(&cli, &cfg).await?;
    tracing::info!(environment = %target.session.environment, "kyc-console starting");
    let mut cfg_client = ClientConfig::new(
        target.base_url.clone(),
        target.client_id.clone(),
        target.secret.clone(),
    );
    cfg_client.token_url = target.token_url.clone();
    let client = Client::new(cfg_client)?;
    let drafts = drafts::state_dir().map(|d| Drafts::new(&d, &target.session.environment));
    let mut session = target.session.clone();
    let color = cli
        .color
        .or_else(|| {
            cfg.color
                .as_deref()
                .and_then(|c| <ColorMode as clap::ValueEnum>::from_str(c, true).ok())
        })
        .unwrap_or_default();
    session.color = color.resolve(|k| std::env::var(k).ok());
    session.save_downloads = cli.save_downloads;
    let mut state = State::new(session);
    state.log_path = log_path;
    state.org.ascii = cli.ascii || !kyc_console::app::org::utf8_locale();
    let mut guard = TerminalGuard::enter()?;
    let exit = runtime::run(&mut guard, state, client, drafts).await;
    drop(guard);
    exit
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Cmd::Completions { shell }) => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "kyc-console",
                &mut std::io::stdout(),
            );
            return ExitCode::SUCCESS;
        }
        Some(Cmd::Man) => {
            return match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("kyc-console: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Cmd::Config { action }) => {
            let Some(path) = file::default_path() else {
                eprintln!("kyc-console: no configuration directory could be found (is HOME set?)");
                return ExitCode::FAILURE;
            };
            return match action {
                ConfigAction::Path => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                ConfigAction::Init => match file::init(&path) {
                    Ok(()) => {
                        println!("wrote {}", path.display());
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("kyc-console: {e}");
                        ExitCode::FAILURE
                    }
                },
            };
        }
        _ => {}
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kyc-console: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(async {
        match cli.command {
            Some(Cmd::Emulator(args)) => emulator::run(args).await.map(|()| Exit::Quit),
            _ => console(cli).await,
        }
    });
    // Background tasks (the demo emulator, requests in flight) must not hold the exit up.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kyc-console: {e:#}");
            ExitCode::FAILURE
        }
    }
}
